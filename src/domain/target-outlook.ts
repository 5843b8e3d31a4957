/**
 * Where a plan's target stands during its year, before the official results: judged by the agencies'
 * reports on the tasks that serve it. Pure; the province dashboard shows it beside reporting completeness.
 */
import type { TargetStatus } from "./targets.ts";
import type { PeriodKind } from "./reporting-periods.ts";

export type Outlook = "met" | "missed" | "on-track" | "at-risk" | "unknown";

/** Reported progress of the tasks serving one dimension in a period (from the consolidation). */
export interface DimensionProgress {
  node: string;
  /** Task entries in the period's reports. */
  reports: number;
  overdue: number;
  /** 0–100, null without entries. */
  averageProgress: number | null;
}

export type OutlookReason =
  | { code: "overdue-tasks"; count: number }
  | { code: "behind-schedule"; averageProgress: number; expected: number };

/** How far behind the share of the year elapsed tasks may be, in progress points, before a target is at risk. */
export const BEHIND_SCHEDULE_POINTS = 15;

/** The share of the plan year (0–100) elapsed at the end of a period: Q2 and H1 are half the year. */
export function yearElapsed(period: { kind: PeriodKind; number: number }): number {
  switch (period.kind) {
    case "quarter":
      return period.number * 25;
    case "half-year":
      return 50;
    case "nine-months":
      return 75;
    case "year":
      return 100;
  }
}

/**
 * Once the year's results are published a target is met or missed, whatever the reports said. Before that,
 * it is at risk when a task serving its dimension (any dimension for the total) is reported overdue, or
 * those tasks' average progress trails the year elapsed by more than BEHIND_SCHEDULE_POINTS; on track when
 * reported and neither; unknown without reports.
 */
export function targetOutlook(input: {
  status: TargetStatus;
  resultsAvailable: boolean;
  /** The dimension the target's node belongs to; null for the total. */
  dimension: string | null;
  progress: readonly DimensionProgress[];
  period: { kind: PeriodKind; number: number } | null;
}): { outlook: Outlook; reasons: OutlookReason[] } {
  if (input.resultsAvailable && input.status !== "no-data") return { outlook: input.status, reasons: [] };
  if (!input.period) return { outlook: "unknown", reasons: [] };
  const serving = input.progress.filter((p) => (input.dimension === null || p.node === input.dimension) && p.reports > 0);
  if (serving.length === 0) return { outlook: "unknown", reasons: [] };
  const reasons: OutlookReason[] = [];
  const overdue = serving.reduce((sum, p) => sum + p.overdue, 0);
  if (overdue > 0) reasons.push({ code: "overdue-tasks", count: overdue });
  const entries = serving.reduce((sum, p) => sum + p.reports, 0);
  const average = serving.reduce((sum, p) => sum + (p.averageProgress ?? 0) * p.reports, 0) / entries;
  const expected = yearElapsed(input.period);
  if (average < expected - BEHIND_SCHEDULE_POINTS) reasons.push({ code: "behind-schedule", averageProgress: Math.round(average), expected });
  return { outlook: reasons.length ? "at-risk" : "on-track", reasons };
}
