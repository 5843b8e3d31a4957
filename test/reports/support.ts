/** A regime to report under: an issued 2026 plan of province A with one task led by the given bodies. */
import { SYSTEM_ACTOR } from "../../src/services/actor.ts";
import type { IndicatorInput } from "../../src/domain/tasks.ts";
import type { World } from "../accounts/support.ts";

export async function regimeWithTask(w: World, number: string, leads: number[], indicators: IndicatorInput[] = []): Promise<number> {
  const plan = await w.services.plans.create(SYSTEM_ACTOR, {
    provinceUnitId: w.A.unitId,
    indexCode: "PAPI",
    year: 2026,
    baselineYear: 2024,
    status: "issued",
    number,
    issuedOn: "2026-01-10",
    issuingBody: "ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
    summary: "Cải thiện Chỉ số PAPI năm 2026",
  });
  await w.services.tasks.create(
    SYSTEM_ACTOR,
    plan.id,
    {
      ref: "II.1",
      text: "Công khai thủ tục hành chính",
      nodes: ["D5"],
      dueOn: null,
      recurrence: "quarterly",
      output: null,
      agencies: leads.map((organisationId) => ({ role: "lead" as const, organisationId, name: null })),
      indicators,
    },
    { allowIssued: true },
  );
  return (await w.services.reports.setRegime(SYSTEM_ACTOR, plan.id, {})).regime.id;
}
