/**
 * Rules for a plan's tasks (nhiệm vụ, giải pháp): which framework nodes a task may serve, what a
 * measurable indicator must say, and how a ratio indicator refers to two others. Pure.
 */
import { findDimension, findSubdimension, type FrameworkVersion } from "./frameworks.ts";
import type { ValueType } from "./report-figures.ts";

export const INDICATOR_AGGREGATIONS = ["sum", "average", "latest", "ratio"] as const;
export type IndicatorAggregation = (typeof INDICATOR_AGGREGATIONS)[number];

export interface IndicatorInput {
  name: string;
  unit: string | null;
  aggregation: IndicatorAggregation;
  /** A ratio's numerator and denominator: positions (0-based) of other indicators of the same task. */
  numeratorPosition: number | null;
  denominatorPosition: number | null;
  targetValue: number | null;
  /** How a reported value is checked (src/domain/report-figures.ts); defaults: a decimal, optional, unbounded. */
  valueType?: ValueType;
  minValue?: number | null;
  maxValue?: number | null;
  required?: boolean;
  /** "Đã giải quyết ≤ đã tiếp nhận": the position of the sibling this value may not exceed. */
  notAbovePosition?: number | null;
}

export type TaskProblem =
  | { code: "task.node-unknown"; node: string }
  | { code: "task.ratio-incomplete"; indicator: string }
  | { code: "task.ratio-reference"; indicator: string }
  | { code: "task.bound-reference"; indicator: string }
  | { code: "task.bounds-crossed"; indicator: string }
  | { code: "task.lead-missing" };

/** The nodes a task serves must exist in the plan year's framework (a dimension "D1" or a sub-dimension "1.1"). */
export function unknownNodes(version: FrameworkVersion, nodes: readonly string[]): string[] {
  return nodes.filter((node) => !(/^D\d+$/.test(node) ? findDimension(version, node) : findSubdimension(version, node)));
}

/** A ratio names two other, non-ratio indicators of the same task; the others need no reference. */
export function indicatorProblems(indicators: readonly IndicatorInput[]): TaskProblem[] {
  const problems: TaskProblem[] = [];
  indicators.forEach((indicator, position) => {
    const bound = indicator.notAbovePosition ?? null;
    if (bound !== null && (bound === position || indicators[bound] === undefined || indicators[bound]!.aggregation === "ratio")) {
      problems.push({ code: "task.bound-reference", indicator: indicator.name });
    }
    if (indicator.minValue != null && indicator.maxValue != null && indicator.minValue > indicator.maxValue) {
      problems.push({ code: "task.bounds-crossed", indicator: indicator.name });
    }
    if (indicator.aggregation !== "ratio") return;
    const { numeratorPosition: n, denominatorPosition: d } = indicator;
    if (n === null || d === null) {
      problems.push({ code: "task.ratio-incomplete", indicator: indicator.name });
      return;
    }
    const valid = (p: number) => p !== position && indicators[p] !== undefined && indicators[p]!.aggregation !== "ratio";
    if (!valid(n) || !valid(d) || n === d) problems.push({ code: "task.ratio-reference", indicator: indicator.name });
  });
  return problems;
}
