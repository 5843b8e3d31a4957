/**
 * The figures of an agency report (the biểu mẫu: a plan's task indicators): what a value must satisfy
 * before it is accepted, and how a period's figures add up across agencies for the province. Pure.
 */
import type { IndicatorAggregation } from "./tasks.ts";

export const VALUE_TYPES = ["integer", "decimal", "percent"] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

/** One indicator of a task, with the rules its reported value follows. */
export interface FigureRule {
  id: number;
  taskId: number;
  /** Position within its task (ratios and "not above" refer to siblings by position). */
  position: number;
  name: string;
  unit: string | null;
  aggregation: IndicatorAggregation;
  numeratorPosition: number | null;
  denominatorPosition: number | null;
  valueType: ValueType;
  minValue: number | null;
  maxValue: number | null;
  required: boolean;
  /** "Đã giải quyết ≤ đã tiếp nhận": the value may not exceed this sibling's. */
  notAbovePosition: number | null;
}

export type FigureIssue =
  | { code: "figure.required"; indicatorId: number; name: string }
  | { code: "figure.not-integer"; indicatorId: number; name: string; value: number }
  | { code: "figure.below-min"; indicatorId: number; name: string; value: number; min: number }
  | { code: "figure.above-max"; indicatorId: number; name: string; value: number; max: number }
  | { code: "figure.above-sibling"; indicatorId: number; name: string; value: number; other: string; otherValue: number };

/** A ratio is computed from its numerator and denominator, never typed in. */
export const isEntered = (rule: FigureRule) => rule.aggregation !== "ratio";

/** Every problem of a report's figures at once (an officer fixes them all in one go). */
export function figureIssues(rules: readonly FigureRule[], values: ReadonlyMap<number, number | null>): FigureIssue[] {
  const issues: FigureIssue[] = [];
  const sibling = (rule: FigureRule, position: number) => rules.find((r) => r.taskId === rule.taskId && r.position === position);
  for (const rule of rules.filter(isEntered)) {
    const value = values.get(rule.id) ?? null;
    const base = { indicatorId: rule.id, name: rule.name };
    if (value === null) {
      if (rule.required) issues.push({ code: "figure.required", ...base });
      continue;
    }
    if (rule.valueType === "integer" && !Number.isInteger(value)) issues.push({ code: "figure.not-integer", ...base, value });
    const min = rule.minValue ?? (rule.valueType === "decimal" ? null : 0);
    const max = rule.maxValue ?? (rule.valueType === "percent" ? 100 : null);
    if (min !== null && value < min) issues.push({ code: "figure.below-min", ...base, value, min });
    if (max !== null && value > max) issues.push({ code: "figure.above-max", ...base, value, max });
    if (rule.notAbovePosition !== null) {
      const other = sibling(rule, rule.notAbovePosition);
      const otherValue = other ? (values.get(other.id) ?? null) : null;
      if (other && otherValue !== null && value > otherValue) issues.push({ code: "figure.above-sibling", ...base, value, other: other.name, otherValue });
    }
  }
  return issues;
}

/** A ratio's value from its siblings' (null when either is missing or the denominator is 0). */
export function ratioValue(rule: FigureRule, rules: readonly FigureRule[], values: ReadonlyMap<number, number | null>): number | null {
  const find = (position: number | null) => rules.find((r) => r.taskId === rule.taskId && r.position === position);
  const numerator = find(rule.numeratorPosition);
  const denominator = find(rule.denominatorPosition);
  const n = numerator ? (values.get(numerator.id) ?? null) : null;
  const d = denominator ? (values.get(denominator.id) ?? null) : null;
  return n === null || d === null || d === 0 ? null : n / d;
}

export interface ConsolidatedFigure {
  indicatorId: number;
  value: number | null;
  /** Agencies whose report gave a value, and those expected to whose report did not. */
  reported: number[];
  missing: number[];
}

/**
 * A period's figure for the province, across agencies: counts and stocks add up (sum, and each agency's
 * latest), an average is the mean of the agencies' values, a ratio is Σ numerators ÷ Σ denominators (not the
 * mean of the agencies' ratios, which would weigh a commune of 10 cases like a department of 1,000).
 */
export function consolidateFigures(
  rules: readonly FigureRule[],
  reports: readonly { organisationId: number; values: ReadonlyMap<number, number | null> }[],
  /** Who is expected to give each figure: the agencies its task is assigned to (by task id). */
  expectedByTask: ReadonlyMap<number, readonly number[]>,
): ConsolidatedFigure[] {
  const expectedOf = (rule: FigureRule) => expectedByTask.get(rule.taskId) ?? [];
  const sums = new Map<number, { total: number; count: number; reported: number[] }>();
  for (const rule of rules.filter(isEntered)) {
    const entry = { total: 0, count: 0, reported: [] as number[] };
    for (const report of reports) {
      const value = report.values.get(rule.id) ?? null;
      if (value === null) continue;
      entry.total += value;
      entry.count += 1;
      entry.reported.push(report.organisationId);
    }
    sums.set(rule.id, entry);
  }
  return rules.map((rule) => {
    if (rule.aggregation === "ratio") {
      const part = (position: number | null) => sums.get(rules.find((r) => r.taskId === rule.taskId && r.position === position)?.id ?? -1);
      const n = part(rule.numeratorPosition);
      const d = part(rule.denominatorPosition);
      const reported = n && d ? n.reported.filter((id) => d.reported.includes(id)) : [];
      return {
        indicatorId: rule.id,
        value: n && d && n.count > 0 && d.total !== 0 ? n.total / d.total : null,
        reported,
        missing: expectedOf(rule).filter((id) => !reported.includes(id)),
      };
    }
    const entry = sums.get(rule.id)!;
    const value = entry.count === 0 ? null : rule.aggregation === "average" ? entry.total / entry.count : entry.total;
    return { indicatorId: rule.id, value, reported: entry.reported, missing: expectedOf(rule).filter((id) => !entry.reported.includes(id)) };
  });
}

/**
 * Whether a consolidated figure reaches its task's target ("at least" the target). A ratio's value is a
 * fraction while its target is written as a percentage (80 = 80 %), as officers write it.
 */
export function meetsTarget(rule: Pick<FigureRule, "aggregation"> & { targetValue: number | null }, value: number | null): boolean | null {
  if (rule.targetValue === null || value === null) return null;
  const comparable = rule.aggregation === "ratio" ? value * 100 : value;
  return comparable >= rule.targetValue - 1e-9;
}
