/**
 * A plan's targets on an index: what they mean against official results, how a careful reviewer checks
 * them before the plan is issued, how they are judged when the results arrive, and how to propose them.
 * Pure: the results come in as year analyses (src/domain/year-results.ts).
 */
import {
  comparabilityBetween,
  findDimension,
  findSubdimension,
  type Comparability,
  type FrameworkVersion,
} from "./frameworks.ts";
import { formatCompact, type Lang } from "./format.ts";
import { GROUPS, groupLabel, groupNumber, type Group } from "./groups.ts";
import { percentileType7 } from "./statistics.ts";
import { findProvince, roundTo, type YearAnalysis } from "./year-results.ts";

export const TARGET_KINDS = ["score", "change", "rank", "group"] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/**
 * One target: "đạt 5,6 điểm" (score), "tăng 0,19 điểm" (change), "trong nhóm 20 tỉnh dẫn đầu" /
 * "tăng ít nhất 01 bậc" (rank), "thuộc nhóm đạt điểm cao nhất" (group). `node` is "total", a dimension
 * code ("D1") or a sub-dimension code ("1.1") of the framework valid in the target year.
 */
export interface PlanTarget {
  node: string;
  kind: TargetKind;
  /** score: the score to reach; change: the increase. */
  value: number | null;
  comparator: ">=" | "=";
  /** The increase the plan writes next to a score target ("tăng 0,19 điểm"), checked against the baseline. */
  statedIncrease: number | null;
  group: Group | null;
  /** rank: among the first N. */
  rankTop: number | null;
  /** rank: at least N places up on the baseline year. */
  rankGain: number | null;
}

/** A province's figures on one node in one year. */
export interface NodeFigures {
  year: number;
  score: number | null;
  max: number;
  rank: number | null;
  rankedCount: number;
  group: Group | null;
}

export type NodeLevel = "total" | "dimension" | "subdimension";

export function nodeLevel(node: string): NodeLevel {
  if (node === "total") return "total";
  return /^D\d+$/.test(node) ? "dimension" : "subdimension";
}

/** The node in a framework version: its maximum and slug, or undefined when the version has no such node. */
export function findNode(version: FrameworkVersion, node: string, totalMax: number): { slug: string; max: number } | undefined {
  if (node === "total") return { slug: "total", max: totalMax };
  const found = nodeLevel(node) === "dimension" ? findDimension(version, node) : findSubdimension(version, node);
  return found ? { slug: found.slug, max: found.max } : undefined;
}

/** The province's figures on `node` in that year; null when the year's framework has no such node. */
export function nodeFigures(analysis: YearAnalysis, unitCode: string, node: string): NodeFigures | null {
  const province = findProvince(analysis, unitCode);
  const base = { year: analysis.year, rankedCount: analysis.rankedCount };
  if (node === "total") {
    if (!province) return { ...base, score: null, max: analysis.totalMax, rank: null, group: null };
    const t = province.total;
    return { ...base, score: t.score, max: t.max, rank: t.rank, group: t.group };
  }
  if (nodeLevel(node) === "dimension") {
    const dimension = findDimension(analysis.version, node);
    if (!dimension) return null;
    const d = province?.dimensions.find((x) => x.code === node);
    return { ...base, score: d?.score ?? null, max: dimension.max, rank: d?.rank ?? null, group: d?.group ?? null };
  }
  const sub = findSubdimension(analysis.version, node);
  if (!sub) return null;
  const s = province?.subdimensions.find((x) => x.code === node);
  return { ...base, score: s?.score ?? null, max: sub.max, rank: s?.rank ?? null, group: null };
}

/**
 * Whether a change on `node` between two years means anything: the same node (followed by its slug, not
 * its printed code) on a comparable scale.
 */
export function nodeComparability(from: YearAnalysis, to: YearAnalysis, node: string): Comparability {
  const target = findNode(to.version, node, to.totalMax);
  if (!target) return "absent";
  const table = comparabilityBetween(from.version, to.version);
  if (node === "total") return table.total;
  return (nodeLevel(node) === "dimension" ? table.dimensions : table.subdimensions).get(target.slug) ?? "absent";
}

/** The baseline a target is checked against: the node's figures in the baseline year, with the code it had then. */
export function baselineFigures(baseline: YearAnalysis, target: YearAnalysis | null, unitCode: string, node: string): NodeFigures | null {
  if (!target || node === "total" || target.version === baseline.version) return nodeFigures(baseline, unitCode, node);
  // The same node may carry another code in the baseline year's framework: follow its slug.
  const slug = findNode(target.version, node, target.totalMax)?.slug;
  const level = nodeLevel(node);
  const code =
    level === "dimension"
      ? baseline.version.dimensions.find((d) => d.slug === slug)?.code
      : baseline.version.dimensions.flatMap((d) => d.children).find((s) => s.slug === slug)?.code;
  return code ? nodeFigures(baseline, unitCode, code) : null;
}

// ---- review: the flags a careful reviewer raises before the plan is issued --------------------------------

export type TargetFlag =
  | { code: "target.out-of-scale"; node: string; value: number; max: number }
  | { code: "target.sum-mismatch"; total: number; sum: number; difference: number }
  | { code: "target.stated-increase-mismatch"; node: string; stated: number; computed: number; baseline: number; value: number }
  | { code: "target.below-baseline"; node: string; value: number; baseline: number }
  | { code: "target.group-below-baseline"; node: string; group: Group; baseline: Group }
  | { code: "target.node-unknown"; node: string }
  | { code: "target.not-comparable"; node: string; comparability: Comparability }
  | { code: "target.incomplete"; node: string; kind: TargetKind };

/** Decimals a number is written with (0,19 → 2; 0,5 → 1), to compare a stated figure at its own precision. */
function writtenDecimals(value: number): number {
  const text = String(value);
  return text.includes(".") ? text.split(".")[1]!.length : 0;
}

/**
 * Checks targets as a reviewer would: a score outside the node's scale, a total that is not the sum of
 * the dimension targets, a stated increase that is not target − baseline (at the precision it is written
 * with), a target below the baseline, a node the year's framework does not have, a change across a break.
 */
export function reviewTargets(
  targets: readonly PlanTarget[],
  context: { targetVersion: FrameworkVersion; totalMax: number; baseline: YearAnalysis | null; unitCode: string; targetYear: YearAnalysis | null },
): TargetFlag[] {
  const flags: TargetFlag[] = [];
  const { targetVersion, totalMax, baseline, unitCode } = context;
  for (const target of targets) {
    const node = findNode(targetVersion, target.node, totalMax);
    if (!node) {
      flags.push({ code: "target.node-unknown", node: target.node });
      continue;
    }
    const needsValue = target.kind === "score" || target.kind === "change";
    if ((needsValue && target.value === null) || (target.kind === "group" && !target.group) || (target.kind === "rank" && target.rankTop === null && target.rankGain === null)) {
      flags.push({ code: "target.incomplete", node: target.node, kind: target.kind });
      continue;
    }
    if (target.kind === "score" && (target.value! < 0 || target.value! > node.max + 1e-9)) {
      flags.push({ code: "target.out-of-scale", node: target.node, value: target.value!, max: node.max });
    }
    const base = baseline ? baselineFigures(baseline, context.targetYear ?? syntheticYear(baseline, targetVersion, totalMax), unitCode, target.node) : null;
    if (target.kind === "score" && base?.score != null) {
      if (target.value! < base.score - 1e-9) flags.push({ code: "target.below-baseline", node: target.node, value: target.value!, baseline: roundTo(base.score, 4) });
      if (target.statedIncrease !== null) {
        // Compared at the precision the plan writes it with ("0,5" → 1 decimal), shown with at least two.
        const decimals = writtenDecimals(target.statedIncrease);
        const difference = target.value! - base.score;
        const computed = roundTo(difference, Math.max(decimals, 2));
        if (Math.abs(roundTo(difference, decimals) - target.statedIncrease) > 1e-9) {
          flags.push({
            code: "target.stated-increase-mismatch",
            node: target.node,
            stated: target.statedIncrease,
            computed,
            baseline: roundTo(base.score, 4),
            value: target.value!,
          });
        }
      }
    }
    if (target.kind === "group" && base?.group && groupNumber(target.group!) > groupNumber(base.group)) {
      flags.push({ code: "target.group-below-baseline", node: target.node, group: target.group!, baseline: base.group });
    }
    if (target.kind === "change" && baseline) {
      const comparability = versionComparability(baseline.version, targetVersion, target.node, totalMax);
      if (comparability !== "comparable" && comparability !== "redefined") flags.push({ code: "target.not-comparable", node: target.node, comparability });
    }
  }
  // The total target against the sum of the dimension targets (score kind, all dimensions present).
  const total = targets.find((t) => t.node === "total" && t.kind === "score" && t.value !== null);
  const dimensionTargets = targetVersion.dimensions.map((d) => targets.find((t) => t.node === d.code && t.kind === "score" && t.value !== null));
  if (total && dimensionTargets.every(Boolean)) {
    const sum = roundTo(
      dimensionTargets.reduce((s, t) => s + t!.value!, 0),
      4,
    );
    const decimals = Math.max(writtenDecimals(total.value!), 2);
    if (Math.abs(roundTo(sum, decimals) - total.value!) > 1e-9) {
      flags.push({ code: "target.sum-mismatch", total: total.value!, sum, difference: roundTo(total.value! - sum, 4) });
    }
  }
  return flags;
}

/** A year analysis stand-in carrying only a framework version (for a target year without results yet). */
function syntheticYear(baseline: YearAnalysis, version: FrameworkVersion, totalMax: number): YearAnalysis {
  return { ...baseline, version, totalMax, provinces: [], year: baseline.year + 1 };
}

function versionComparability(from: FrameworkVersion, to: FrameworkVersion, node: string, totalMax: number): Comparability {
  const found = findNode(to, node, totalMax);
  if (!found) return "absent";
  const table = comparabilityBetween(from, to);
  if (node === "total") return table.total;
  return (nodeLevel(node) === "dimension" ? table.dimensions : table.subdimensions).get(found.slug) ?? "absent";
}

// ---- evaluation: judged against the official results of the target year ----------------------------------

export type TargetStatus = "met" | "missed" | "no-data";
export type NoDataReason = "no-results" | "province-not-scored" | "node-not-in-framework" | "not-comparable" | "no-baseline";

export interface TargetEvaluation {
  status: TargetStatus;
  reason: NoDataReason | null;
  /** What the target is measured by: a score, a change, a rank or a group. */
  actual: number | Group | null;
  /** actual − target for scores and changes; places to spare (+) or missing (−) for ranks; groups apart for groups. */
  gap: number | null;
  baseline: NodeFigures | null;
  result: NodeFigures | null;
}

const TOLERANCE = 1e-9;

/**
 * Judges one target. A score is met when reached (rounded as published: 4 decimals); a change when the
 * gain on the baseline year reaches it, only where the two years are comparable; a rank when within the
 * first N or N places up; a group when at least as high as the target group.
 */
export function evaluateTarget(
  target: PlanTarget,
  context: {
    actual: YearAnalysis | null;
    baseline: YearAnalysis | null;
    unitCode: string;
    /** The province's code in the baseline year's unit set, when it differs (63 → 34 provinces). */
    baselineUnitCode?: string;
  },
): TargetEvaluation {
  const { actual, baseline, unitCode } = context;
  const baselineUnitCode = context.baselineUnitCode ?? unitCode;
  const none = (reason: NoDataReason, result: NodeFigures | null = null, base: NodeFigures | null = null): TargetEvaluation => ({
    status: "no-data",
    reason,
    actual: null,
    gap: null,
    baseline: base,
    result,
  });
  // The baseline is shown even before the plan year's results exist.
  if (!actual) return none("no-results", null, baseline ? nodeFigures(baseline, baselineUnitCode, target.node) : null);
  const result = nodeFigures(actual, unitCode, target.node);
  if (!result) return none("node-not-in-framework");
  const base = baseline ? baselineFigures(baseline, actual, baselineUnitCode, target.node) : null;
  if (result.score === null) return none("province-not-scored", result, base);
  const judged = (met: boolean, value: number | Group, gap: number | null): TargetEvaluation => ({
    status: met ? "met" : "missed",
    reason: null,
    actual: value,
    gap: gap === null ? null : roundTo(gap, 4),
    baseline: base,
    result,
  });
  const score = roundTo(result.score, 4);
  switch (target.kind) {
    case "score":
      return judged(score >= target.value! - TOLERANCE, score, score - target.value!);
    case "change": {
      if (!baseline || base?.score == null) return none("no-baseline", result, base);
      const comparability = nodeComparability(baseline, actual, target.node);
      if (comparability !== "comparable" && comparability !== "redefined") return none("not-comparable", result, base);
      const change = roundTo(score - roundTo(base.score, 4), 4);
      return judged(change >= target.value! - TOLERANCE, change, change - target.value!);
    }
    case "rank": {
      if (result.rank === null) return none("province-not-scored", result, base);
      if (target.rankTop !== null) return judged(result.rank <= target.rankTop, result.rank, target.rankTop - result.rank);
      if (!base || base.rank === null) return none("no-baseline", result, base);
      const gained = base.rank - result.rank;
      return judged(gained >= target.rankGain!, result.rank, gained - target.rankGain!);
    }
    case "group": {
      if (!result.group) return none("province-not-scored", result, base);
      return judged(groupNumber(result.group) <= groupNumber(target.group!), result.group, groupNumber(target.group!) - groupNumber(result.group));
    }
  }
}

// ---- suggestion: targets from the baseline and a goal -----------------------------------------------------

export type Goal = { kind: "keep-group" } | { kind: "next-group" } | { kind: "gain-places"; places: number };

export interface SuggestedTarget {
  node: string;
  baseline: number;
  target: number;
  increase: number;
  /** The P75 of the baseline year for this node, the yardstick of the share. */
  p75: number;
  /** Distance to P75 (0 when already above). */
  distance: number;
  /** The node's share of the needed gain. */
  share: number;
}

export interface Suggestion {
  goal: Goal;
  baselineTotal: number;
  /** The total the goal needs, and why (the threshold it clears). */
  targetTotal: number;
  neededGain: number;
  threshold: { kind: "group-floor" | "place-score"; group?: Group; rank?: number; score: number };
  dimensions: SuggestedTarget[];
  /** The goal cannot be reached within the dimensions' maxima. */
  capped: boolean;
}

/** Rounds up at `decimals` (a target must clear its threshold, not fall short of it by rounding). */
function ceilTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.ceil(value * f - 1e-9) / f;
}

/**
 * Proposes a total and per-dimension targets. The needed gain is the distance from the baseline total
 * to the threshold the goal must clear (the group's floor in the baseline year — P75 for the highest
 * group, P50, P25 — or the score of the province N places up), plus a small margin; it is shared among
 * the dimensions by how far each is below that year's P75 of the dimension (where improvement is most
 * plausible), equally if none is, and never above a dimension's maximum.
 */
export function suggestTargets(baseline: YearAnalysis, unitCode: string, goal: Goal, options: { margin?: number; decimals?: number } = {}): Suggestion | null {
  const margin = options.margin ?? 0.01;
  const decimals = options.decimals ?? 2;
  const province = findProvince(baseline, unitCode);
  if (!province || province.total.score === null || !baseline.national.total?.cutPoints) return null;
  const current = province.total.score;
  const cuts = baseline.national.total.cutPoints;
  const floors: Record<Group, number> = { highest: cuts.p75, "high-average": cuts.p50, "low-average": cuts.p25, lowest: 0 };
  let threshold: Suggestion["threshold"];
  const group = province.total.group ?? "lowest";
  if (goal.kind === "keep-group") {
    threshold = { kind: "group-floor", group, score: floors[group] };
  } else if (goal.kind === "next-group") {
    const next = GROUPS[Math.max(0, GROUPS.indexOf(group) - 1)]!;
    threshold = { kind: "group-floor", group: next, score: floors[next] };
  } else {
    const rank = Math.max(1, (province.total.rank ?? baseline.rankedCount) - goal.places);
    const ahead = baseline.provinces.map((p) => p.total).filter((t) => t.rank !== null && t.rank <= rank && t.score !== null);
    const score = Math.min(...ahead.map((t) => t.score!));
    threshold = { kind: "place-score", rank, score };
  }
  const targetTotal = ceilTo(Math.max(current, threshold.score + (threshold.score > current ? margin : 0)), decimals);
  const needed = Math.max(0, targetTotal - current);
  const rows = province.dimensions
    .filter((d) => d.score !== null)
    .map((d) => {
      const values = baseline.provinces.flatMap((p) => p.dimensions.filter((x) => x.code === d.code && x.score !== null).map((x) => x.score!));
      const p75 = percentileType7(values, 0.75);
      return { code: d.code, score: d.score!, max: d.max, p75, distance: Math.max(0, p75 - d.score!) };
    });
  const totalDistance = rows.reduce((s, r) => s + r.distance, 0);
  let remaining = needed;
  const shares = rows.map((r) => (totalDistance > 0 ? r.distance / totalDistance : 1 / rows.length));
  const gains = rows.map((r, i) => Math.min(needed * shares[i]!, r.max - r.score));
  // What a capped dimension cannot take goes to the others with room, in proportion to their room.
  remaining = needed - gains.reduce((s, g) => s + g, 0);
  for (let pass = 0; pass < 3 && remaining > 1e-9; pass += 1) {
    const room = rows.map((r, i) => r.max - r.score - gains[i]!);
    const totalRoom = room.reduce((s, x) => s + Math.max(0, x), 0);
    if (totalRoom <= 1e-9) break;
    rows.forEach((_, i) => (gains[i]! += Math.min(room[i]!, (remaining * Math.max(0, room[i]!)) / totalRoom)));
    remaining = needed - gains.reduce((s, g) => s + g, 0);
  }
  const dimensions = rows.map((r, i) => {
    const target = Math.min(r.max, ceilTo(r.score + gains[i]!, decimals));
    return {
      node: r.code,
      baseline: roundTo(r.score, 4),
      target,
      increase: roundTo(target - r.score, 4),
      p75: roundTo(r.p75, 4),
      distance: roundTo(r.distance, 4),
      share: roundTo(shares[i]!, 4),
    };
  });
  // Dimension targets are rounded up one by one: the total is their sum when that is higher, so the plan
  // never shows a total that its dimensions do not add up to.
  const sum = roundTo(dimensions.reduce((s, d) => s + d.target, 0), decimals);
  return {
    goal,
    baselineTotal: roundTo(current, 4),
    targetTotal: Math.max(targetTotal, sum),
    neededGain: roundTo(needed, 4),
    threshold: { ...threshold, score: roundTo(threshold.score, 4) },
    dimensions,
    capped: remaining > 1e-6,
  };
}

// ---- wording: flags and targets as a reviewer writes them --------------------------------------------------

const nodeText = (node: string, lang: Lang) =>
  node === "total" ? (lang === "vi" ? "Chỉ số tổng hợp" : "The total") : lang === "vi" ? `Chỉ tiêu ${node}` : `Target ${node}`;

/** A flag as one sentence in the user's language ("D6: mức tăng ghi 0,5 điểm, nhưng 7,22 − 7,1723 = 0,05 điểm."). */
export function describeFlag(flag: TargetFlag, lang: Lang): string {
  const n = (value: number) => formatCompact(value, 4, lang);
  const vi = lang === "vi";
  switch (flag.code) {
    case "target.out-of-scale":
      return vi ? `${flag.node}: ${n(flag.value)} điểm nằm ngoài thang điểm 0–${n(flag.max)}.` : `${flag.node}: ${n(flag.value)} is outside the 0–${n(flag.max)} scale.`;
    case "target.sum-mismatch":
      return vi
        ? `Chỉ tiêu tổng hợp ${n(flag.total)} điểm khác tổng các chỉ tiêu nội dung ${n(flag.sum)} điểm (chênh ${n(flag.difference)}).`
        : `The total target ${n(flag.total)} differs from the sum of the dimension targets, ${n(flag.sum)} (by ${n(flag.difference)}).`;
    case "target.stated-increase-mismatch":
      return vi
        ? `${flag.node}: ghi «tăng ${n(flag.stated)} điểm», nhưng ${n(flag.value)} − ${n(flag.baseline)} (năm gốc) = ${n(flag.computed)} điểm.`
        : `${flag.node}: states an increase of ${n(flag.stated)}, but ${n(flag.value)} − ${n(flag.baseline)} (baseline) = ${n(flag.computed)}.`;
    case "target.below-baseline":
      return vi
        ? `${flag.node}: chỉ tiêu ${n(flag.value)} điểm thấp hơn kết quả năm gốc ${n(flag.baseline)} điểm.`
        : `${flag.node}: the target ${n(flag.value)} is below the baseline ${n(flag.baseline)}.`;
    case "target.group-below-baseline":
      return vi
        ? `${flag.node}: nhóm mục tiêu «${groupLabel(flag.group, lang)}» thấp hơn nhóm năm gốc «${groupLabel(flag.baseline, lang)}».`
        : `${flag.node}: the target group "${groupLabel(flag.group, lang)}" is below the baseline group "${groupLabel(flag.baseline, lang)}".`;
    case "target.node-unknown":
      return vi ? `${flag.node}: khung chỉ số của năm kế hoạch không có nội dung này.` : `${flag.node}: the plan year's framework has no such node.`;
    case "target.not-comparable":
      return vi
        ? `${nodeText(flag.node, lang)}: mức tăng không so sánh được với năm gốc (khung chỉ số thay đổi).`
        : `${nodeText(flag.node, lang)}: a change cannot be compared with the baseline year (the framework changed).`;
    case "target.incomplete":
      return vi ? `${flag.node}: chỉ tiêu thiếu giá trị.` : `${flag.node}: the target has no value.`;
  }
}
