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
  /** The plan's tasks reported overdue (one task may be reported so by several agencies). */
  overdueTaskIds: readonly number[];
  /** 0–100, null without entries. */
  averageProgress: number | null;
}

export type OutlookReason =
  | { code: "overdue-tasks"; tasks: number; reports: number }
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
}): { outlook: Outlook; reasons: OutlookReason[]; progress: { averageProgress: number; expected: number } | null } {
  const serving = input.period ? input.progress.filter((p) => (input.dimension === null || p.node === input.dimension) && p.reports > 0) : [];
  const entries = serving.reduce((sum, p) => sum + p.reports, 0);
  // How far the serving tasks are against the year elapsed, whatever the outlook (a leader asks it of every target).
  const progress =
    entries > 0 && input.period
      ? { averageProgress: Math.round(serving.reduce((sum, p) => sum + (p.averageProgress ?? 0) * p.reports, 0) / entries), expected: yearElapsed(input.period) }
      : null;
  if (input.resultsAvailable && input.status !== "no-data") return { outlook: input.status, reasons: [], progress };
  if (!progress) return { outlook: "unknown", reasons: [], progress };
  const reasons: OutlookReason[] = [];
  const overdueTasks = new Set(serving.flatMap((p) => p.overdueTaskIds)).size;
  const overdueReports = serving.reduce((sum, p) => sum + p.overdue, 0);
  if (overdueReports > 0) reasons.push({ code: "overdue-tasks", tasks: overdueTasks, reports: overdueReports });
  if (progress.averageProgress < progress.expected - BEHIND_SCHEDULE_POINTS) reasons.push({ code: "behind-schedule", ...progress });
  return { outlook: reasons.length ? "at-risk" : "on-track", reasons, progress };
}
