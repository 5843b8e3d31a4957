/**
 * A plan's evaluation as a leader reads it: per dimension, its figures, how its targets fared, the tasks
 * behind it and who led them; and a few sentences on the whole. Pure.
 */
import { formatCompact, formatNumber, type Lang } from "./format.ts";
import { dimensionOf, type FrameworkVersion } from "./frameworks.ts";
import { groupLabel, type Group } from "./groups.ts";
import type { PlanTarget, TargetEvaluation, TargetStatus } from "./targets.ts";
import { compareVietnamese, padCount } from "./text.ts";
import { PRECISION } from "./wording.ts";

export interface EvaluatedTargetInput {
  target: PlanTarget & { position: number };
  evaluation: TargetEvaluation;
}

export interface TaskInput {
  id: number;
  ref: string | null;
  text: string;
  nodes: readonly string[];
  agencies: readonly { role: "lead" | "support"; name: string }[];
}

export interface DimensionOutcome {
  node: string;
  nameVi: string;
  nameEn: string;
  max: number;
  score: number | null;
  baseline: number | null;
  /** met when every target on the dimension is met, missed when one is missed, null without targets/data. */
  status: TargetStatus | null;
  targets: { position: number; kind: PlanTarget["kind"]; status: TargetStatus; gap: number | null }[];
  tasks: { id: number; ref: string | null; text: string }[];
  /** The lead agencies of those tasks, by Vietnamese name. */
  leads: string[];
}

function combined(statuses: TargetStatus[]): TargetStatus | null {
  if (statuses.length === 0) return null;
  if (statuses.includes("missed")) return "missed";
  return statuses.every((s) => s === "met") ? "met" : "no-data";
}

export function dimensionOutcomes(
  version: FrameworkVersion,
  evaluated: readonly EvaluatedTargetInput[],
  tasks: readonly TaskInput[],
  figures: (node: string) => { score: number | null; baseline: number | null },
): DimensionOutcome[] {
  return version.dimensions.map((d) => {
    const targets = evaluated
      .filter((e) => dimensionOf(version, e.target.node) === d.code)
      .map((e) => ({ position: e.target.position, kind: e.target.kind, status: e.evaluation.status, gap: e.evaluation.gap }));
    const serving = tasks.filter((t) => t.nodes.some((n) => dimensionOf(version, n) === d.code));
    const leads = [...new Set(serving.flatMap((t) => t.agencies.filter((a) => a.role === "lead").map((a) => a.name)))].sort(compareVietnamese);
    return {
      node: d.code,
      nameVi: d.nameVi,
      nameEn: d.nameEn,
      max: d.max,
      ...figures(d.code),
      status: combined(targets.map((t) => t.status)),
      targets,
      tasks: serving.map((t) => ({ id: t.id, ref: t.ref, text: t.text })),
      leads,
    };
  });
}

export interface OverviewInput {
  planNumber: string | null;
  indexCode: string;
  year: number;
  /** "tỉnh Lào Cai" / "Lào Cai province", as in running text. */
  provinceInText: string;
  resultsAvailable: boolean;
  evaluated: readonly EvaluatedTargetInput[];
  dimensions: readonly DimensionOutcome[];
  total: { score: number | null; max: number; rank: number | null; rankedCount: number; group: Group | null; baseline: number | null } | null;
}

/** Three to six sentences: the count, the total, the total's targets, the dimensions met and missed. */
export function evaluationOverview(input: OverviewInput, lang: Lang): string[] {
  const vi = lang === "vi";
  const plan = input.planNumber ? (vi ? `Kế hoạch ${input.planNumber}` : `Plan ${input.planNumber}`) : vi ? "Dự thảo kế hoạch" : "The draft plan";
  const n = input.evaluated.length;
  const count = (status: TargetStatus) => input.evaluated.filter((e) => e.evaluation.status === status).length;
  if (!input.resultsAvailable) {
    return [
      vi
        ? `Chưa có kết quả chính thức Chỉ số ${input.indexCode} năm ${input.year} để đánh giá ${n} chỉ tiêu của ${plan}.`
        : `There are no official ${input.indexCode} ${input.year} results yet to judge the ${n} targets of ${plan}.`,
    ];
  }
  const sentences: string[] = [];
  const noData = count("no-data");
  sentences.push(
    vi
      ? `${plan} đặt ${padCount(n)} chỉ tiêu về Chỉ số ${input.indexCode} năm ${input.year} của ${input.provinceInText}: đạt ${count("met")}, không đạt ${count("missed")}${noData ? `, ${noData} chưa đánh giá được` : ""}.`
      : `${plan} set ${n} targets for the ${input.indexCode} ${input.year} of ${input.provinceInText}: ${count("met")} met, ${count("missed")} missed${noData ? `, ${noData} not measurable` : ""}.`,
  );
  const total = input.total;
  if (total?.score != null) {
    const score = `${formatNumber(total.score, PRECISION.total, lang)}/${formatCompact(total.max, 0, lang)}`;
    const before = total.baseline !== null ? (vi ? ` (năm gốc: ${formatNumber(total.baseline, PRECISION.total, lang)})` : ` (baseline: ${formatNumber(total.baseline, PRECISION.total, lang)})`) : "";
    const rank = total.rank !== null ? (vi ? `, xếp thứ ${total.rank}/${total.rankedCount}` : `, ranked ${total.rank} of ${total.rankedCount}`) : "";
    const group = total.group ? (vi ? `, thuộc ${groupLabel(total.group, lang).toLowerCase()}` : `, in the ${groupLabel(total.group, lang).toLowerCase()} group`) : "";
    sentences.push(vi ? `Điểm tổng hợp đạt ${score} điểm${before}${rank}${group}.` : `The total is ${score}${before}${rank}${group}.`);
  }
  const totalTargets = input.evaluated.filter((e) => e.target.node === "total");
  if (totalTargets.length > 0) {
    const phrases = totalTargets.map((e) => totalTargetPhrase(e, lang));
    sentences.push(vi ? `Chỉ tiêu chung: ${phrases.join("; ")}.` : `Overall targets: ${phrases.join("; ")}.`);
  }
  const named = (d: DimensionOutcome) => `${d.node} ${vi ? d.nameVi : d.nameEn}`;
  const met = input.dimensions.filter((d) => d.status === "met");
  const missed = input.dimensions.filter((d) => d.status === "missed");
  if (met.length > 0) sentences.push(vi ? `Chỉ số nội dung đạt chỉ tiêu: ${met.map(named).join("; ")}.` : `Dimensions on target: ${met.map(named).join("; ")}.`);
  if (missed.length > 0) {
    const shortfall = (d: DimensionOutcome) => {
      const gaps = d.targets.filter((t) => t.kind === "score" && t.status === "missed" && t.gap !== null).map((t) => t.gap!);
      if (gaps.length === 0 || d.score === null) return named(d);
      const short = formatNumber(Math.abs(Math.min(...gaps)), PRECISION.dimension, lang);
      return vi
        ? `${named(d)} (${formatNumber(d.score, PRECISION.dimension, lang)} điểm, thiếu ${short})`
        : `${named(d)} (${formatNumber(d.score, PRECISION.dimension, lang)}, ${short} short)`;
    };
    sentences.push(vi ? `Chưa đạt chỉ tiêu: ${missed.map(shortfall).join("; ")}.` : `Missed: ${missed.map(shortfall).join("; ")}.`);
  }
  return sentences;
}

function totalTargetPhrase(e: EvaluatedTargetInput, lang: Lang): string {
  const vi = lang === "vi";
  const { target, evaluation } = e;
  const verdict = evaluation.status === "met" ? (vi ? "đạt" : "met") : evaluation.status === "missed" ? (vi ? "không đạt" : "missed") : vi ? "chưa đánh giá được" : "not measurable";
  const gap = evaluation.gap;
  switch (target.kind) {
    case "score": {
      const want = `${target.comparator === ">=" ? (vi ? "từ " : "at least ") : ""}${formatCompact(target.value!, 3, lang)}${vi ? " điểm" : ""}`;
      const short = evaluation.status === "missed" && gap !== null ? (vi ? ` (thiếu ${formatNumber(-gap, 3, lang)} điểm)` : ` (${formatNumber(-gap, 3, lang)} short)`) : "";
      return vi ? `đạt ${want}: ${verdict}${short}` : `reach ${want}: ${verdict}${short}`;
    }
    case "change":
      return vi ? `tăng ${formatCompact(target.value!, 3, lang)} điểm: ${verdict}` : `gain ${formatCompact(target.value!, 3, lang)}: ${verdict}`;
    case "rank":
      return target.rankTop !== null
        ? vi
          ? `trong nhóm ${target.rankTop} tỉnh dẫn đầu: ${verdict}`
          : `among the top ${target.rankTop}: ${verdict}`
        : vi
          ? `tăng ít nhất ${padCount(target.rankGain!)} bậc: ${verdict}`
          : `up at least ${target.rankGain} place${target.rankGain === 1 ? "" : "s"}: ${verdict}`;
    case "group":
      return vi ? `thuộc ${groupLabel(target.group!, lang).toLowerCase()}: ${verdict}` : `in the ${groupLabel(target.group!, lang).toLowerCase()} group: ${verdict}`;
  }
}
