/**
 * A plan's targets in words, the way the plan writes them («Đạt 5,6 điểm», «Trong nhóm 20 tỉnh dẫn đầu»,
 * «Thuộc nhóm đạt điểm cao nhất»), the nodes by their framework names, which review flag concerns which
 * target, and a suggestion as targets with its reasoning. Pure: the dictionary and language come in.
 */
import { formatCompact, type Lang } from "@domain/format.ts";
import type { Dictionary } from "../../i18n/vi.ts";
import type { FrameworkVersion } from "../../lib/api.ts";
import type { ReviewFlag, StoredTarget, Suggestion, TargetEvaluation, TargetInput } from "../../lib/admin-api.ts";
import { score } from "../../lib/format.ts";

type Fill = (template: string, values: Record<string, string | number>) => string;
export type Words = { t: Dictionary; lang: Lang; fill: Fill };
type Target = Pick<StoredTarget, "node" | "kind" | "value" | "comparator" | "statedIncrease" | "group" | "rankTop" | "rankGain">;
type Group = NonNullable<StoredTarget["group"]>;

/** «Kế hoạch 170/KH-UBND»; a draft without a number yet: «Dự thảo kế hoạch năm 2026». */
export function planTitle(plan: { number: string | null; year: number }, { t, fill }: Pick<Words, "t" | "fill">): string {
  return plan.number ? fill(t.admin.plans.titleOf, { number: plan.number }) : fill(t.admin.plans.draftTitle, { year: plan.year });
}

/** A figure as the plan writes it: 5,6 not 5,600; 46,96. */
export const written = (value: number, lang: Lang) => formatCompact(value, 4, lang);

const lowerFirst = (text: string) => text.charAt(0).toLocaleLowerCase() + text.slice(1);

/** «Nhóm đạt điểm cao nhất» inside a sentence: «thuộc nhóm đạt điểm cao nhất». */
export const groupInSentence = (group: Group, t: Dictionary) => lowerFirst(t.groups[group]);

/** What the target asks, in the plan's own wording. */
export function targetText(target: Target, { t, lang, fill }: Words, baselineYear?: number): string {
  const w = t.admin.plans.wording;
  switch (target.kind) {
    case "score": {
      if (target.value === null) return w.incomplete;
      const text = fill(target.comparator === ">=" ? w.scoreAtLeast : w.score, { v: written(target.value, lang) });
      return target.statedIncrease === null || baselineYear === undefined
        ? text
        : fill(w.withIncrease, { text, s: written(target.statedIncrease, lang), year: baselineYear });
    }
    case "change":
      return target.value === null ? w.incomplete : fill(target.comparator === ">=" ? w.changeAtLeast : w.change, { v: written(target.value, lang) });
    case "rank":
      // Documents write small counts with two digits: «tăng ít nhất 01 bậc».
      if (target.rankTop !== null) return fill(w.rankTop, { n: target.rankTop });
      if (target.rankGain !== null) return fill(w.rankGain, { n: lang === "vi" ? String(target.rankGain).padStart(2, "0") : target.rankGain });
      return w.incomplete;
    case "group":
      return target.group ? fill(w.group, { group: groupInSentence(target.group, t) }) : w.incomplete;
  }
}

export interface NodeName {
  code: string;
  /** "Tổng hợp", or the dimension's / sub-dimension's name in that year's framework. */
  name: string;
  level: "total" | "dimension" | "subdimension";
  /** A sub-dimension's dimension ("D1"). */
  parent?: string;
}

/** Every node of a framework version, the total first, each dimension followed by its sub-dimensions. */
export function frameworkNodes(version: FrameworkVersion | undefined, t: Dictionary): NodeName[] {
  const total: NodeName = { code: "total", name: t.admin.plans.nodeTotal, level: "total" };
  if (!version) return [total];
  return [
    total,
    ...version.dimensions.flatMap((d) => [
      { code: d.code, name: d.name, level: "dimension" as const },
      ...d.subdimensions.map((s) => ({ code: s.code, name: s.name, level: "subdimension" as const, parent: d.code })),
    ]),
  ];
}

/** "D1 · Tham gia của người dân ở cấp cơ sở"; "Tổng hợp"; an unknown code as itself. */
export function nodeLabel(code: string, nodes: readonly NodeName[]): string {
  const node = nodes.find((n) => n.code === code);
  if (!node) return code;
  return node.level === "total" ? node.name : `${node.code} · ${node.name}`;
}

/**
 * Which flags a target carries: a flag names its node, and concerns the targets of that node whose kind
 * it is about (a stated increase, a score out of scale or below the baseline are about the score target;
 * the sum of the dimensions is about the total's score).
 */
export function flagsFor(target: Target, flags: readonly ReviewFlag[]): ReviewFlag[] {
  return flags.filter((flag) => {
    if (flag.code === "target.sum-mismatch") return target.node === "total" && target.kind === "score";
    if (flag.node !== target.node) return false;
    switch (flag.code) {
      case "target.out-of-scale":
      case "target.below-baseline":
      case "target.stated-increase-mismatch":
        return target.kind === "score";
      case "target.group-below-baseline":
        return target.kind === "group";
      case "target.not-comparable":
        return target.kind === "change";
      case "target.incomplete":
        return flag.kind === undefined || flag.kind === target.kind;
      default:
        return true;
    }
  });
}

/** What a target is measured by, in words: 45,055 · hạng 30/63 · Nhóm đạt điểm cao nhất. */
export function actualText(row: TargetEvaluation, { t, lang, fill }: Words): string {
  if (row.actual === null) return "—";
  if (typeof row.actual === "string") return t.groups[row.actual];
  if (row.target.kind === "rank") return fill(t.admin.plans.rankOf, { rank: row.actual, of: row.result?.rankedCount ?? "—" });
  return score(row.actual, lang);
}

/** The gap with its unit and a real minus sign: −1,905 điểm · +3 bậc · −1 nhóm. */
export function gapText(row: TargetEvaluation, { t, lang, fill }: Words): string {
  if (row.gap === null) return "—";
  const e = t.admin.plans.evaluation;
  const sign = (v: number, digits: number) => (v > 0 ? "+" : v < 0 ? "−" : "") + formatCompact(Math.abs(v), digits, lang);
  if (row.target.kind === "rank") return fill(e.places, { v: sign(row.gap, 0) });
  if (row.target.kind === "group") return fill(e.groups, { v: sign(row.gap, 0) });
  const abs = score(Math.abs(row.gap), lang);
  return fill(e.points, { v: row.gap > 0 ? `+${abs}` : row.gap < 0 ? `−${abs}` : abs });
}

/** The baseline year's figure the target is read against: a score, a rank or a group. */
export function baselineText(target: Target, baseline: TargetEvaluation["baseline"] | undefined, { t, lang, fill }: Words): string {
  if (!baseline) return "—";
  if (target.kind === "rank") return baseline.rank === null ? "—" : fill(t.admin.plans.rankOf, { rank: baseline.rank, of: baseline.rankedCount });
  if (target.kind === "group") return baseline.group ? t.groups[baseline.group] : "—";
  return score(baseline.score, lang);
}

/** An empty editor row's target (a score on the total). */
export const blankTarget = (): TargetInput => ({
  node: "total",
  kind: "score",
  value: null,
  comparator: "=",
  statedIncrease: null,
  group: null,
  rankTop: null,
  rankGain: null,
  statedText: null,
});

/** Rounded as a plan writes an increase: two decimals. */
const twoDecimals = (value: number) => Math.round(value * 100) / 100;

/**
 * A suggestion as the plan's score targets: the total «từ … trở lên» and each dimension «đạt …», each with
 * the increase over the baseline the plan states.
 */
export function suggestedTargets(suggestion: Suggestion): TargetInput[] {
  const score = (node: string, value: number, baseline: number, comparator: "=" | ">="): TargetInput => ({
    ...blankTarget(),
    node,
    value,
    comparator,
    statedIncrease: twoDecimals(value - baseline),
  });
  return [score("total", suggestion.targetTotal, suggestion.baselineTotal, ">="), ...suggestion.dimensions.map((d) => score(d.node, d.target, d.baseline, "="))];
}

/**
 * Why these targets, in two sentences: the threshold the goal must clear and the gain it needs, then how
 * the gain was shared among the dimensions.
 */
export function suggestionReasoning(suggestion: Suggestion, baselineYear: number, { t, lang, fill }: Words): string[] {
  const s = t.admin.plans.suggestion;
  const { threshold } = suggestion;
  const values = {
    year: baselineYear,
    score: score(threshold.score, lang),
    baseline: score(suggestion.baselineTotal, lang),
    // What the proposed total adds to the baseline (the dimensions' targets round up, so at least the gain needed).
    gain: score(suggestion.targetTotal - suggestion.baselineTotal, lang),
    target: written(suggestion.targetTotal, lang),
    rank: threshold.rank ?? "—",
    group: threshold.group ? groupInSentence(threshold.group, t) : "—",
  };
  const goal =
    threshold.kind === "place-score" ? s.reasonPlace : suggestion.goal.kind === "keep-group" ? s.reasonKeepGroup : s.reasonNextGroup;
  return [fill(goal, values), suggestion.neededGain > 0 ? fill(s.reasonShare, values) : fill(s.reasonNoGain, values)];
}
