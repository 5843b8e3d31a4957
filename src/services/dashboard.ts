/**
 * The province dashboard: for each plan in force in a year, where its targets stand (the official results
 * once published, the agencies' reports before that) beside who has reported for the latest closed period.
 * Composes the plan and report services; what a target's outlook means is src/domain/target-outlook.ts.
 */
import { isoDateInVietnam, type Lang } from "../domain/format.ts";
import { dimensionOf, findSubdimension, nodeName } from "../domain/frameworks.ts";
import { targetOutlook } from "../domain/target-outlook.ts";
import { compareVietnamese } from "../domain/text.ts";
import type { Actor } from "./actor.ts";
import { authorize } from "./authorize.ts";
import { provinceRef, type Province } from "./catalog.ts";
import type { PlanService } from "./plans.ts";
import type { ReportService } from "./reports.ts";
import type { ResultsQueries } from "./results-query.ts";

export function createDashboardService(options: { results: ResultsQueries; plans: PlanService; reports: ReportService; now?: () => Date }) {
  const { results, plans, reports } = options;
  const now = options.now ?? (() => new Date());

  /** The latest period whose data window has closed (what is being reported or chased now); the first before any has. */
  async function reporting(actor: Actor, planId: number, today: string, lang: Lang) {
    const regime = await reports.regime(actor, planId);
    if (!regime || regime.periods.length === 0) return null;
    const closed = regime.periods.filter((p) => p.to < today);
    const period = closed.at(-1) ?? regime.periods[0]!;
    const [completeness, consolidation, matrix] = await Promise.all([
      reports.completeness(actor, regime.regime.id, period.key),
      reports.consolidate(actor, regime.regime.id, period.key, lang),
      reports.matrix(actor, regime.regime.id),
    ]);
    const names = (timeliness: string) =>
      completeness.agencies
        .filter((a) => a.timeliness === timeliness)
        .map((a) => a.organisation.name)
        .sort(compareVietnamese);
    // Never reported: past the deadline of at least one closed period, and sent nothing for any of them.
    const closedKeys = new Set(closed.map((p) => p.key));
    const neverReported = matrix.agencies
      .filter((a) => {
        const cells = a.cells.filter((c) => closedKeys.has(c.period));
        return cells.some((c) => c.timeliness === "missing") && cells.every((c) => c.timeliness === "missing" || c.timeliness === "pending");
      })
      .map((a) => a.organisation.name)
      .sort(compareVietnamese);
    return {
      regimeId: regime.regime.id,
      period: completeness.period,
      counts: completeness.counts,
      late: names("late"),
      missing: names("missing"),
      pending: names("pending"),
      neverReported,
      overdueTasks: completeness.overdueTasks,
      progress: consolidation.progress,
    };
  }

  return {
    async province(actor: Actor, province: Province, year: number | null, lang: Lang = "vi") {
      authorize(actor, "agency-work.read", { provinceUnitId: province.id });
      const today = isoDateInVietnam(now());
      const planYear = year ?? Number(today.slice(0, 4));
      const catalog = await results.catalog();
      const inForce = (await plans.list(actor, { provinceUnitIds: catalog.familyOf(province.id) })).filter(
        (p) => p.organisationId === null && p.status === "issued" && p.year === planYear,
      );
      const panels = [];
      for (const plan of inForce) {
        const evaluation = await plans.evaluate(actor, plan.id, lang);
        const version = catalog.version(plan.indexCode, plan.year);
        const report = await reporting(actor, plan.id, today, lang);
        panels.push({
          plan: { id: plan.id, number: plan.number, summary: plan.summary, year: plan.year, baselineYear: plan.baselineYear, indexCode: plan.indexCode, status: plan.status, issuedOn: plan.issuedOn },
          resultsAvailable: evaluation.resultsAvailable,
          overview: evaluation.overview,
          targets: evaluation.targets.map(({ target, evaluation: e }) => {
            const dimension = target.node === "total" ? null : (dimensionOf(version, target.node) ?? null);
            const node = target.node === "total" ? null : (version.dimensions.find((d) => d.code === target.node) ?? findSubdimension(version, target.node));
            return {
              id: target.id,
              position: target.position,
              node: target.node,
              nodeName: node ? nodeName(node, lang) : lang === "vi" ? "Điểm tổng hợp" : "Total score",
              kind: target.kind,
              value: target.value,
              comparator: target.comparator,
              statedIncrease: target.statedIncrease,
              group: target.group,
              rankTop: target.rankTop,
              rankGain: target.rankGain,
              statedText: target.statedText ?? null,
              baseline: e.baseline?.score ?? null,
              reason: e.reason,
              actual: e.actual,
              status: e.status,
              dimension,
              ...targetOutlook({ status: e.status, resultsAvailable: evaluation.resultsAvailable, dimension, progress: report?.progress ?? [], period: report?.period ?? null }),
            };
          }),
          reporting: report,
        });
      }
      return { province: provinceRef(province), year: planYear, today, plans: panels };
    },
  };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
