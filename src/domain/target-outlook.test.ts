import { describe, expect, test } from "vitest";
import { targetOutlook, yearElapsed } from "./target-outlook.ts";

const q3 = { kind: "quarter" as const, number: 3 };
const progress = [
  { node: "D5", reports: 4, overdue: 0, overdueTaskIds: [], averageProgress: 80 },
  { node: "D7", reports: 2, overdue: 2, overdueTaskIds: [17], averageProgress: 70 },
  { node: "D8", reports: 3, overdue: 0, overdueTaskIds: [], averageProgress: 55 },
  { node: "D2", reports: 0, overdue: 0, overdueTaskIds: [], averageProgress: null },
];
const outlook = (dimension: string | null, extra: Partial<Parameters<typeof targetOutlook>[0]> = {}) =>
  targetOutlook({ status: "no-data", resultsAvailable: false, dimension, progress, period: q3, ...extra });

describe("a target's outlook during the year", () => {
  test("the year elapsed at a period's end", () => {
    expect([yearElapsed({ kind: "quarter", number: 1 }), yearElapsed({ kind: "half-year", number: 1 }), yearElapsed(q3), yearElapsed({ kind: "nine-months", number: 1 }), yearElapsed({ kind: "year", number: 1 })]).toEqual([25, 50, 75, 75, 100]);
  });

  test("on track, overdue, behind schedule, unreported", () => {
    expect(outlook("D5")).toEqual({ outlook: "on-track", reasons: [], progress: { averageProgress: 80, expected: 75 } });
    // One task, reported overdue by two agencies.
    expect(outlook("D7")).toMatchObject({ outlook: "at-risk", reasons: [{ code: "overdue-tasks", tasks: 1, reports: 2 }] });
    // 55 is 20 points behind 75 (more than 15): at risk; 60 would be exactly 15 behind, still on track.
    expect(outlook("D8")).toMatchObject({ outlook: "at-risk", reasons: [{ code: "behind-schedule", averageProgress: 55, expected: 75 }] });
    expect(outlook("D8", { progress: [{ node: "D8", reports: 3, overdue: 0, overdueTaskIds: [], averageProgress: 60 }] }).outlook).toBe("on-track");
    expect(outlook("D2")).toEqual({ outlook: "unknown", reasons: [], progress: null });
    expect(outlook("D5", { period: null })).toEqual({ outlook: "unknown", reasons: [], progress: null });
  });

  test("the total reads every dimension, weighted by reports", () => {
    // (4×80 + 2×70 + 3×55) / 9 = 69.4 — within 15 of 75; but one task is overdue.
    expect(outlook(null)).toEqual({ outlook: "at-risk", reasons: [{ code: "overdue-tasks", tasks: 1, reports: 2 }], progress: { averageProgress: 69, expected: 75 } });
  });

  test("once the results are out they decide, whatever the reports said", () => {
    expect(outlook("D7", { resultsAvailable: true, status: "met" })).toEqual({ outlook: "met", reasons: [], progress: { averageProgress: 70, expected: 75 } });
    expect(outlook("D5", { resultsAvailable: true, status: "missed" }).outlook).toBe("missed");
    // Published, but the province or node has no figure: the reports still speak.
    expect(outlook("D7", { resultsAvailable: true, status: "no-data" }).outlook).toBe("at-risk");
  });
});
