/** Requests and answers of the plans API. */
import { z } from "zod";
import { GROUPS } from "../domain/groups.ts";
import { TARGET_KINDS } from "../domain/targets.ts";
import { VALUE_TYPES } from "../domain/report-figures.ts";
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

/** A plan document's optional fields, as the editor sends them (null clears one). */
const documentFields = {
  number: z.string().trim().max(60).nullable(),
  issuedOn: isoDay.nullable(),
  place: z.string().trim().max(100).nullable(),
  parentBody: z.string().trim().max(300).nullable(),
  signerAuthority: z.string().trim().max(100).nullable(),
  signerTitle: z.string().trim().max(100).nullable(),
  signerName: z.string().trim().max(200).nullable(),
  context: z.string().max(20000).nullable(),
  objectives: z.string().max(20000).nullable(),
  requirements: z.string().max(20000).nullable(),
  implementation: z.string().max(20000).nullable(),
  recipients: z.array(z.string().trim().min(1).max(300)).max(40).nullable(),
  subPlanDeadline: isoDay.nullable(),
};
const issuingBody = z.string().trim().min(1, "Cơ quan ban hành không được để trống").max(300);
const summary = z.string().trim().min(1, "Trích yếu không được để trống").max(1000);

export const planCreateBody = z.object({
  indexCode: z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,20}$/).transform((s) => s.toUpperCase()).default("PAPI"),
  year,
  baselineYear: year,
  organisationId: z.number().int().positive().nullable().default(null),
  issuingBody,
  summary,
  ...(Object.fromEntries(Object.entries(documentFields).map(([k, v]) => [k, (v as z.ZodType<unknown>).default(null)])) as {
    [K in keyof typeof documentFields]: z.ZodDefault<(typeof documentFields)[K]>;
  }),
  targets: z.array(targetBody).max(200).default([]),
});

/** A draft's document identity and sections: only the fields sent change. */
export const planPatchBody = z.object({ ...documentFields, issuingBody, summary, year, baselineYear: year }).partial();

export const issueBody = z.object({
  number: z.string().trim().min(1, "Số văn bản không được để trống").max(60),
  issuedOn: isoDay,
  signerAuthority: z.string().trim().max(100).nullable().optional(),
  signerTitle: z.string().trim().max(100).nullable().optional(),
  signerName: z.string().trim().max(200).nullable().optional(),
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
  recipients: z.array(z.string()).nullable(),
  subPlanDeadline: z.string().nullable(),
  source: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const planListSchema = z.array(
  planSchema.extend({ provinceName: z.string(), organisationName: z.string().nullable(), targetCount: z.number(), taskCount: z.number() }),
);
const provinceRefSchema = z.object({ id: z.number(), key: z.string(), code: z.string(), set: z.enum(["vn63", "vn34"]), name: z.string(), fullName: z.string() });
export const planDetailSchema = z.object({
  plan: planSchema,
  targets: z.array(targetSchema),
  province: provinceRefSchema,
  parent: z.object({ id: z.number(), number: z.string().nullable(), summary: z.string(), subPlanDeadline: z.string().nullable() }).nullable(),
  organisation: z.object({ id: z.number(), name: z.string(), code: z.string() }).nullable(),
  can: z.object({ edit: z.boolean(), issue: z.boolean(), supersede: z.boolean(), createSubPlan: z.boolean() }).describe("What the signed-in person may do with this plan"),
});
export const targetListSchema = z.array(targetSchema);
export const reviewSchema = z.object({
  plan: planSchema,
  flags: z.array(z.object({ code: z.string(), node: z.string().optional(), message: z.string() }).catchall(z.unknown())),
});
const figures = z.object({ year: z.number(), score: z.number().nullable(), max: z.number(), rank: z.number().nullable(), rankedCount: z.number(), group: z.enum(GROUPS).nullable() });
const statusEnum = z.enum(["met", "missed", "no-data"]);
export const evaluationSchema = z.object({
  plan: planSchema,
  province: provinceRefSchema,
  resultsAvailable: z.boolean(),
  overview: z.array(z.string()).describe("The few sentences a leader reads first"),
  dimensions: z.array(
    z.object({
      node: z.string(),
      nameVi: z.string(),
      nameEn: z.string(),
      max: z.number(),
      score: z.number().nullable(),
      baseline: z.number().nullable(),
      status: statusEnum.nullable(),
      targets: z.array(z.object({ position: z.number(), kind: z.enum(TARGET_KINDS), status: statusEnum, gap: z.number().nullable() })),
      tasks: z.array(z.object({ id: z.number(), ref: z.string().nullable(), text: z.string() })),
      leads: z.array(z.string()),
    }),
  ),
  summary: z.object({ met: z.number(), missed: z.number(), "no-data": z.number() }),
  targets: z.array(
    z.object({
      target: targetSchema,
      status: statusEnum,
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
  valueType: z.enum(VALUE_TYPES).default("decimal").describe("integer, decimal or percent (0–100)"),
  minValue: z.number().nullable().default(null),
  maxValue: z.number().nullable().default(null),
  required: z.boolean().default(false),
  notAbovePosition: z.number().int().min(0).nullable().default(null).describe("The sibling indicator this value may not exceed (resolved ≤ received)"),
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
  inheritedFromTaskId: z.number().nullable().describe("In a sub-plan: the province plan's task this one carries out"),
  inheritedRef: z.string().nullable(),
  agencies: z.array(z.object({ id: z.number(), role: z.enum(["lead", "support"]), organisationId: z.number().nullable(), name: z.string() })),
  indicators: z.array(indicatorBody.extend({ id: z.number(), position: z.number() })),
});
export const agencyTaskSchema = taskSchema.extend({
  planNumber: z.string().nullable(),
  planYear: z.number(),
  planStatus: z.enum(["draft", "issued", "superseded"]),
  planSummary: z.string(),
});

// ---- sub-plans ---------------------------------------------------------------------------------------------

export const subPlanBody = z.object({
  organisationId: z.number().int().positive(),
  summary: z.string().trim().max(1000).nullable().optional(),
  number: z.string().trim().max(60).nullable().optional(),
});
export const subPlanTrackingSchema = z.object({
  deadline: z.string().nullable(),
  today: z.string(),
  overdue: z.boolean(),
  counts: z.object({ assigned: z.number(), issued: z.number(), onTime: z.number(), late: z.number(), draft: z.number(), missing: z.number() }),
  agencies: z.array(
    z.object({
      organisation: z.object({ id: z.number(), name: z.string(), code: z.string() }),
      leadTasks: z.number(),
      supportTasks: z.number(),
      status: z.enum(["issued-on-time", "issued-late", "draft", "missing"]),
      subPlan: z.object({ id: z.number(), number: z.string().nullable(), issuedOn: z.string().nullable(), status: z.enum(["draft", "issued", "superseded"]) }).nullable(),
    }),
  ),
});
export const assignableSchema = z.array(z.object({ id: z.number(), name: z.string(), code: z.string(), kind: z.string() }));

const goalFields = {
  goal: z.enum(["keep-group", "next-group", "gain-places"]).default("next-group").describe("keep the group, reach the next group, or gain N places"),
  places: z.coerce.number().int().min(1, "ít nhất 1 bậc").max(62).default(1).describe("For gain-places: how many places"),
};
export const suggestionQuery = z.object(goalFields);
const suggestion = z
    .object({
      goal: z.object({ kind: z.string(), places: z.number().optional() }),
      baselineTotal: z.number(),
      targetTotal: z.number(),
      neededGain: z.number(),
      threshold: z.object({ kind: z.enum(["group-floor", "place-score"]), group: z.enum(GROUPS).optional(), rank: z.number().optional(), score: z.number() }),
      dimensions: z.array(z.object({ node: z.string(), baseline: z.number(), target: z.number(), increase: z.number(), p75: z.number(), distance: z.number(), share: z.number() })),
      capped: z.boolean(),
    })
    .nullable();
export const suggestionSchema = z.object({ plan: planSchema, suggestion });

// ---- drafting the next plan ---------------------------------------------------------------------------------

export const nextDraftQuery = z.object({
  index: z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,20}$/).transform((s) => s.toUpperCase()).default("PAPI"),
  year: z.coerce.number().int().min(2000).max(2100),
  fromPlan: z.coerce.number().int().positive().optional().describe("The plan this one follows: its tasks serving the weak points are carried over"),
  ...goalFields,
});
export const nextDraftBody = z.object({
  indexCode: z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,20}$/).transform((s) => s.toUpperCase()).default("PAPI"),
  year,
  fromPlanId: z.number().int().positive().nullable().default(null),
  goal: goalFields.goal,
  places: z.number().int().min(1, "ít nhất 1 bậc").max(62).default(1),
});
const finding = z.object({ code: z.string(), slug: z.string(), nameVi: z.string(), nameEn: z.string(), score: z.number(), max: z.number() });
export const nextDraftSchema = z.object({
  indexCode: z.string(),
  year: z.number(),
  baselineYear: z.number(),
  bases: z.array(
    z.object({
      province: provinceRefSchema,
      findings: z.object({
        total: z.object({ score: z.number().nullable(), max: z.number(), rank: z.number().nullable(), rankedCount: z.number(), group: z.enum(GROUPS).nullable() }),
        weakDimensions: z.array(finding),
        lowestGroupDimensions: z.array(finding),
        weakSubdimensions: z.array(finding),
      }),
      paragraphs: z.array(z.string()),
    }),
  ),
  fromPlan: z.object({ id: z.number(), number: z.string().nullable(), year: z.number() }).nullable(),
  tasks: z.array(taskSchema),
  suggestion,
});
