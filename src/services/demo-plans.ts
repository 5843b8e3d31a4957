/**
 * The two real plans the demonstration ships (data/demo/plans, transcribed from seeds 004 and 002):
 * Lào Cai's 170/KH-UBND (2019) and Bắc Kạn's 416/KH-UBND (2022), as issued plans of those 63-era
 * provinces, with their targets exactly as written (the seed's slips included: the review flags them).
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { GROUPS } from "../domain/groups.ts";
import { TARGET_KINDS } from "../domain/targets.ts";
import { SYSTEM_ACTOR } from "./actor.ts";
import type { Catalog } from "./catalog.ts";
import type { OrganisationService } from "./organisations.ts";
import type { PlanTaskService } from "./plan-tasks.ts";
import type { PlanService } from "./plans.ts";
import { dataFile } from "./shipped-data.ts";

export const DEMO_PLAN_FILES = ["demo/plans/lao-cai-170-KH-UBND-2019.json", "demo/plans/bac-kan-416-KH-UBND-2022.json"];

const seedPlan = z.object({
  source: z.string(),
  index: z.string(),
  province: z.object({ set: z.enum(["vn63", "vn34"]), code: z.string() }),
  document: z.object({
    number: z.string(),
    date: z.string().nullable(),
    place: z.string().nullable(),
    parentBody: z.string().nullable(),
    issuingBody: z.string(),
    summary: z.string(),
    signer: z.object({ authority: z.string().nullable(), title: z.string().nullable(), name: z.string().nullable() }).nullable(),
    recipients: z.array(z.string()).default([]),
  }),
  years: z.array(z.number()),
  baselineYear: z.number(),
  sections: z.record(z.string(), z.unknown()),
  subPlanDeadline: z.string().nullable(),
  targets: z.array(
    z.object({
      statedText: z.string(),
      node: z.string(),
      kind: z.enum(TARGET_KINDS),
      value: z.number().nullable(),
      comparator: z.enum([">=", "="]).default("="),
      statedIncrease: z.number().nullable(),
      group: z.enum(GROUPS).nullable(),
      rankTop: z.number().nullable(),
      rankGain: z.number().nullable(),
    }),
  ),
  tasks: z.array(
    z.object({
      ref: z.string().nullable(),
      nodes: z.array(z.string()),
      text: z.string(),
      lead: z.array(z.string()),
      support: z.array(z.string()),
      due: z.string().nullable(),
      recurrence: z.enum(["regular", "quarterly", "yearly"]).nullable(),
      output: z.string().nullable(),
    }),
  ),
  /** Section III, "Tổ chức thực hiện": each heading's duties and the bodies it names. */
  assignments: z
    .array(z.object({ ref: z.string(), heading: z.string(), duties: z.string(), agencyCodes: z.array(z.string()) }))
    .default([]),
  agencies: z.array(z.object({ code: z.string(), name: z.string(), successor2025: z.string().nullable() })).default([]),
});

const text = (value: unknown): string | null =>
  typeof value === "string" ? value : Array.isArray(value) ? value.map(String).join("\n") : null;

/**
 * Who a section III heading assigns, as task agencies: a body that continues after the 2025 restructuring is
 * linked to its successor among the current province's bodies (so the matrix and sub-plan tracking reach
 * it); groups ("Các sở, ban, ngành") and bodies without a successor stay names, as the plan writes them.
 */
function assignedAgencies(codes: string[], seed: z.infer<typeof seedPlan>, currentBodies: Map<string, number>) {
  const out: { role: "lead"; organisationId: number | null; name: string }[] = [];
  for (const code of codes) {
    const agency = seed.agencies.find((a) => a.code === code);
    if (!agency) continue;
    const organisationId = agency.successor2025 ? (currentBodies.get(agency.successor2025) ?? null) : null;
    if (organisationId !== null && out.some((a) => a.organisationId === organisationId)) continue;
    out.push({ role: "lead", organisationId, name: agency.name });
  }
  return out;
}

export async function loadDemoPlans(deps: {
  catalog: () => Promise<Catalog>;
  plans: PlanService;
  tasks: PlanTaskService;
  organisations: OrganisationService;
}): Promise<number> {
  const catalog = await deps.catalog();
  let created = 0;
  for (const path of DEMO_PLAN_FILES) {
    const seed = seedPlan.parse(JSON.parse(readFileSync(dataFile(path), "utf8")));
    const provinceUnitId = catalog.unitId(seed.province.set, seed.province.code)!;
    if ((await deps.plans.findByNumber(SYSTEM_ACTOR, seed.document.number, [provinceUnitId])).length > 0) continue;
    const plan = await deps.plans.create(
      SYSTEM_ACTOR,
      {
        provinceUnitId,
        indexCode: seed.index,
        year: seed.years[0]!,
        baselineYear: seed.baselineYear,
        status: "issued",
        number: seed.document.number,
        issuedOn: seed.document.date,
        place: seed.document.place,
        issuingBody: seed.document.issuingBody,
        parentBody: seed.document.parentBody,
        summary: seed.document.summary,
        signerAuthority: seed.document.signer?.authority ?? null,
        signerTitle: seed.document.signer?.title ?? null,
        signerName: seed.document.signer?.name ?? null,
        context: text(seed.sections.context),
        objectives: text(seed.sections.generalObjective),
        requirements: text(seed.sections.requirements),
        implementation: text(seed.sections.organisation),
        recipients: seed.document.recipients.length ? seed.document.recipients : null,
        subPlanDeadline: seed.subPlanDeadline,
        source: seed.source,
      },
      seed.targets,
    );
    // Bodies of a plan older than the organisation list are kept by name, as the plan writes them.
    for (const task of seed.tasks) {
      await deps.tasks.create(
        SYSTEM_ACTOR,
        plan.id,
        {
          ref: task.ref,
          text: task.text,
          nodes: task.nodes,
          dueOn: task.due,
          recurrence: task.recurrence,
          output: task.output,
          agencies: [
            ...task.lead.map((name) => ({ role: "lead" as const, organisationId: null, name })),
            ...task.support.map((name) => ({ role: "support" as const, organisationId: null, name })),
          ],
          indicators: [],
        },
        { allowIssued: true },
      );
    }
    const successor = seed.province.set === "vn63" ? catalog.successorOf(seed.province.code) : undefined;
    const bodies = new Map(
      (await deps.organisations.list(SYSTEM_ACTOR, successor?.id ?? provinceUnitId)).filter((o) => o.endReason === null).map((o) => [o.code, o.id]),
    );
    for (const assignment of seed.assignments) {
      await deps.tasks.create(
        SYSTEM_ACTOR,
        plan.id,
        {
          ref: assignment.ref,
          text: `${assignment.heading.replace(/^\d+\.\s*/, "")}\n${assignment.duties}`,
          nodes: [],
          dueOn: null,
          recurrence: null,
          output: null,
          agencies: assignedAgencies(assignment.agencyCodes, seed, bodies),
          indicators: [],
        },
        { allowIssued: true },
      );
    }
    created += 1;
  }
  return created;
}
