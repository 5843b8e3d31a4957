/** `chiso evaluate --plan 170/KH-UBND`: a plan's targets judged against the official results. */
import type { Services } from "../../compose.ts";
import { formatCompact, type Lang } from "../../domain/format.ts";
import { groupLabel, type Group } from "../../domain/groups.ts";
import { describeFlag, type PlanTarget } from "../../domain/targets.ts";
import { matchProvince } from "../../domain/units.ts";
import { AppError } from "../../errors.ts";
import { cliActor } from "../../services/actor.ts";
import { table } from "../output.ts";
import { printJson } from "../run.ts";

const STATUS_LABEL: Record<string, Record<Lang, string>> = {
  met: { vi: "đạt", en: "met" },
  missed: { vi: "không đạt", en: "missed" },
  "no-data": { vi: "chưa có dữ liệu", en: "no data" },
};

/** What a target asks, as a plan writes it: "≥ 46,96", "+0,19", "top 20", "+1 bậc", "nhóm cao nhất". */
function targetText(t: PlanTarget, lang: Lang): string {
  const n = (v: number) => formatCompact(v, 4, lang);
  switch (t.kind) {
    case "score":
      return `${t.comparator === ">=" ? "≥ " : ""}${n(t.value!)}`;
    case "change":
      return `+${n(t.value!)}`;
    case "rank":
      return t.rankTop !== null ? (lang === "vi" ? `top ${t.rankTop}` : `top ${t.rankTop}`) : lang === "vi" ? `+${t.rankGain} bậc` : `+${t.rankGain} places`;
    case "group":
      return groupLabel(t.group!, lang);
  }
}

const figure = (value: number | Group | null, kind: PlanTarget["kind"], lang: Lang) =>
  value === null ? "—" : typeof value === "number" ? (kind === "rank" ? String(value) : formatCompact(value, 4, lang)) : groupLabel(value, lang);

/** The plan a command names by its number, narrowed to a province when several share the number. */
export async function findPlanByNumber(services: Services, number: string, province?: string) {
  const actor = cliActor();
  const catalog = await services.results.catalog();
  let provinceIds: number[] | undefined;
  if (province) {
    provinceIds = (["vn63", "vn34"] as const).flatMap((set) => {
      const match = matchProvince(province, catalog.provinces(set));
      return match.ok ? [match.unit.id] : [];
    });
    if (provinceIds.length === 0) throw new AppError("province.not-found", "not-found", { query: province, year: "", hint: "", hintEn: "" });
  }
  const found = await services.plans.findByNumber(actor, number, provinceIds);
  if (found.length === 0) throw new AppError("plan.not-found", "not-found", { plan: number });
  if (found.length > 1) {
    const names = found.map((p) => catalog.provinceOfId(p.provinceUnitId)?.name ?? "?").join(", ");
    throw new AppError("plan.ambiguous", "invalid", { plan: number, provinces: names });
  }
  return found[0]!;
}

export async function evaluateCommand(services: Services, lang: Lang, options: { plan: string; province?: string; json?: boolean }) {
  const actor = cliActor();
  const found = await findPlanByNumber(services, options.plan, options.province);
  const evaluation = await services.plans.evaluate(actor, found.id, lang);
  const { flags } = await services.plans.review(actor, found.id);
  const rows = evaluation.targets.map(({ target, evaluation: e }) => ({
    node: target.node,
    kind: target.kind,
    target: target.kind === "group" ? target.group : target.kind === "rank" ? { top: target.rankTop, gain: target.rankGain } : target.value,
    baseline: target.kind === "rank" ? (e.baseline?.rank ?? null) : target.kind === "group" ? (e.baseline?.group ?? null) : (e.baseline?.score ?? null),
    actual: e.actual,
    gap: e.gap,
    status: e.status,
    reason: e.reason,
  }));
  if (options.json) {
    printJson({
      plan: { id: evaluation.plan.id, number: evaluation.plan.number, year: evaluation.plan.year, baselineYear: evaluation.plan.baselineYear, province: evaluation.province.name },
      resultsAvailable: evaluation.resultsAvailable,
      summary: evaluation.summary,
      overview: evaluation.overview,
      targets: rows,
      flags: flags.map((f) => ({ ...f, message: describeFlag(f, lang) })),
    });
    return;
  }
  const { plan, province, summary } = evaluation;
  console.log(
    lang === "vi"
      ? `Kế hoạch ${plan.number} (${province.fullName}), năm ${plan.year}, so với năm gốc ${plan.baselineYear}: ${summary.met} đạt, ${summary.missed} không đạt, ${summary["no-data"]} chưa có dữ liệu.`
      : `Plan ${plan.number} (${province.nameEn ?? province.name}), ${plan.year} against ${plan.baselineYear}: ${summary.met} met, ${summary.missed} missed, ${summary["no-data"]} without data.`,
  );
  console.log(
    table(
      lang === "vi" ? ["Nội dung", "Chỉ tiêu", "Năm gốc", "Thực tế", "Chênh lệch", "Kết quả"] : ["Node", "Target", "Baseline", "Actual", "Gap", "Status"],
      evaluation.targets.map(({ target, evaluation: e }, i) => [
        target.node === "total" ? (lang === "vi" ? "Tổng hợp" : "Total") : target.node,
        targetText(target, lang),
        figure(rows[i]!.baseline as number | Group | null, target.kind, lang),
        figure(e.actual, target.kind, lang),
        // A real minus sign, as in print.
        e.gap === null ? "—" : `${e.gap > 0 ? "+" : e.gap < 0 ? "−" : ""}${formatCompact(Math.abs(e.gap), 4, lang)}`,
        STATUS_LABEL[e.status]![lang],
      ]),
      ["l", "r", "r", "r", "r", "l"],
    ),
  );
  console.log(`\n${evaluation.overview.join("\n")}`);
  if (flags.length > 0) {
    console.log(lang === "vi" ? "\nLưu ý khi rà soát chỉ tiêu:" : "\nReview notes on the targets:");
    for (const f of flags) console.log(`- ${describeFlag(f, lang)}`);
  }
}
