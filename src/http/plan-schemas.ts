/** Requests and answers of the plans API. */
import { z } from "zod";
import { GROUPS } from "../domain/groups.ts";
import { TARGET_KINDS } from "../domain/targets.ts";
import { INDICATOR_AGGREGATIONS } from "../domain/tasks.ts";
import { TASK_RECURRENCES } from "../db/schema.ts";

const isoDay = z.iso.date("ngày dạng yyyy-mm-dd, ví dụ 2019-04-25");
const year = z.number().int().min(2000).max(2100);

export const targetBody = z.object({
  node: z.string().regex(/^(total|D\d{1,2}|\d{1,2}\.\d{1,2})$/, "«total», mã chỉ số nội dung (D1…) hoặc nội dung thành phần (1.1…)"),
  kind: z.enum(TARGET_KINDS),
  value: z.number().min(-1000).max(1000).nullable().default(null),
  comparator: z.enum([">=", "="]).default("="),
  statedIncrease: z.number().min(-100).max(100).nullable().default(null),
  group: z.enum(GROUPS).nullable().default(null),
  rankTop: z.number().int().min(1).max(100).nullable().default(null),
  rankGain: z.number().int().min(1).max(100).nullable().default(null),
  statedText: z.string().max(2000).nullable().default(null),
});
export const targetsBody = z.object({ targets: z.array(targetBody).max(200) });

export const planCreateBody = z.object({
  indexCode: z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,20}$/).transform((s) => s.toUpperCase()).default("PAPI"),
  year,
  baselineYear: year,
  organisationId: z.number().int().positive().nullable().default(null),
  number: z.string().trim().max(60).nullable().default(null),
  issuedOn: isoDay.nullable().default(null),
  place: z.string().trim().max(100).nullable().default(null),
  issuingBody: z.string().trim().min(1, "Cơ quan ban hành không được để trống").max(300),
  parentBody: z.string().trim().max(300).nullable().default(null),
  summary: z.string().trim().min(1, "Trích yếu không được để trống").max(1000),
  signerAuthority: z.string().trim().max(100).nullable().default(null),
  signerTitle: z.string().trim().max(100).nullable().default(null),
  signerName: z.string().trim().max(200).nullable().default(null),
  context: z.string().max(20000).nullable().default(null),
  objectives: z.string().max(20000).nullable().default(null),
  requirements: z.string().max(20000).nullable().default(null),
  implementation: z.string().max(20000).nullable().default(null),
  subPlanDeadline: isoDay.nullable().default(null),
  targets: z.array(targetBody).max(200).default([]),
});

const targetSchema = targetBody.extend({ id: z.number(), position: z.number() });
export const planSchema = z.object({
  id: z.number(),
  provinceUnitId: z.number(),
  organisationId: z.number().nullable(),
  parentPlanId: z.number().nullable(),
  indexCode: z.string(),
  year: z.number(),
  baselineYear: z.number(),
  status: z.enum(["draft", "issued", "superseded"]),
  number: z.string().nullable(),
  issuedOn: z.string().nullable(),
  place: z.string().nullable(),
  issuingBody: z.string(),
  parentBody: z.string().nullable(),
  summary: z.string(),
  signerAuthority: z.string().nullable(),
  signerTitle: z.string().nullable(),
  signerName: z.string().nullable(),
  context: z.string().nullable(),
  objectives: z.string().nullable(),
  requirements: z.string().nullable(),
  implementation: z.string().nullable(),
  subPlanDeadline: z.string().nullable(),
  source: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const planListSchema = z.array(planSchema.extend({ targetCount: z.number() }));
export const planDetailSchema = z.object({ plan: planSchema, targets: z.array(targetSchema) });
export const targetListSchema = z.array(targetSchema);
export const reviewSchema = z.object({
  plan: planSchema,
  flags: z.array(z.object({ code: z.string(), node: z.string().optional(), message: z.string() }).catchall(z.unknown())),
});
const figures = z.object({ year: z.number(), score: z.number().nullable(), max: z.number(), rank: z.number().nullable(), rankedCount: z.number(), group: z.enum(GROUPS).nullable() });
export const evaluationSchema = z.object({
  plan: planSchema,
  resultsAvailable: z.boolean(),
  summary: z.object({ met: z.number(), missed: z.number(), "no-data": z.number() }),
  targets: z.array(
    z.object({
      target: targetSchema,
      status: z.enum(["met", "missed", "no-data"]),
      reason: z.enum(["no-results", "province-not-scored", "node-not-in-framework", "not-comparable", "no-baseline"]).nullable(),
      actual: z.union([z.number(), z.enum(GROUPS)]).nullable(),
      gap: z.number().nullable(),
      baseline: figures.nullable(),
      result: figures.nullable(),
    }),
  ),
});

// ---- tasks -----------------------------------------------------------------------------------------------

const indicatorBody = z.object({
  name: z.string().trim().min(1, "Tên chỉ số không được để trống").max(300),
  unit: z.string().trim().max(40).nullable().default(null),
  aggregation: z.enum(INDICATOR_AGGREGATIONS),
  numeratorPosition: z.number().int().min(0).nullable().default(null),
  denominatorPosition: z.number().int().min(0).nullable().default(null),
  targetValue: z.number().nullable().default(null),
});
export const taskBody = z.object({
  ref: z.string().trim().max(40).nullable().default(null),
  text: z.string().trim().min(1, "Nội dung nhiệm vụ không được để trống").max(5000),
  nodes: z.array(z.string().regex(/^(D\d{1,2}|\d{1,2}\.\d{1,2})$/, "mã chỉ số nội dung (D1…) hoặc nội dung thành phần (1.1…)")).max(20).default([]),
  dueOn: isoDay.nullable().default(null),
  recurrence: z.enum(TASK_RECURRENCES).nullable().default(null),
  output: z.string().trim().max(2000).nullable().default(null),
  agencies: z
    .array(z.object({ role: z.enum(["lead", "support"]), organisationId: z.number().int().positive().nullable().default(null), name: z.string().trim().max(300).nullable().default(null) }))
    .max(100)
    .default([]),
  indicators: z.array(indicatorBody).max(30).default([]),
});
export const taskSchema = taskBody.extend({
  id: z.number(),
  planId: z.number(),
  position: z.number(),
  agencies: z.array(z.object({ id: z.number(), role: z.enum(["lead", "support"]), organisationId: z.number().nullable(), name: z.string() })),
  indicators: z.array(indicatorBody.extend({ id: z.number(), position: z.number() })),
});
export const agencyTaskSchema = taskSchema.extend({ planNumber: z.string().nullable(), planYear: z.number() });

export const suggestionQuery = z.object({
  goal: z.enum(["keep-group", "next-group", "gain-places"]).default("next-group").describe("keep the group, reach the next group, or gain N places"),
  places: z.coerce.number().int().min(1, "ít nhất 1 bậc").max(62).default(1).describe("For gain-places: how many places"),
});
export const suggestionSchema = z.object({
  plan: planSchema,
  suggestion: z
    .object({
      goal: z.object({ kind: z.string(), places: z.number().optional() }),
      baselineTotal: z.number(),
      targetTotal: z.number(),
      neededGain: z.number(),
      threshold: z.object({ kind: z.enum(["group-floor", "place-score"]), group: z.enum(GROUPS).optional(), rank: z.number().optional(), score: z.number() }),
      dimensions: z.array(z.object({ node: z.string(), baseline: z.number(), target: z.number(), increase: z.number(), p75: z.number(), distance: z.number(), share: z.number() })),
      capped: z.boolean(),
    })
    .nullable(),
});
