/**
 * The report workflow's table, figure rules, timeliness and the consolidation arithmetic: every step from
 * every state, the reasons a return needs, the checks an officer's figures meet (seed 000's "04 PAKN … đã
 * giải quyết 04"), and how a period adds up across agencies.
 */
import { describe, expect, test } from "vitest";
import { consolidateFigures, figureIssues, ratioValue, type FigureRule } from "./report-figures.ts";
import { countCompleteness, timeliness } from "./report-timeliness.ts";
import { actionsFrom, hasBeenSubmitted, isEditable, nextStatus, REPORT_ACTIONS, REPORT_STATUSES, TRANSITIONS } from "./report-workflow.ts";

describe("the workflow", () => {
  test("every step from every state: where it leads or why not", () => {
    const table = Object.fromEntries(REPORT_STATUSES.map((from) => [from, Object.fromEntries(REPORT_ACTIONS.map((a) => [a, nextStatus(from, a, "lý do")]))]));
    expect(table.draft!.submit).toBe("submitted");
    expect(table.returned!.submit).toBe("submitted");
    expect(table.submitted!.approve).toBe("approved");
    expect(table.submitted!["send-back"]).toBe("draft");
    expect(table.approved!.accept).toBe("accepted");
    expect(table.approved!.return).toBe("returned");
    expect(table.accepted!.reopen).toBe("returned");
    const refusals = REPORT_STATUSES.flatMap((from) => REPORT_ACTIONS.filter((a) => typeof table[from]![a] !== "string"));
    expect(refusals).toHaveLength(REPORT_STATUSES.length * REPORT_ACTIONS.length - 7);
    expect(table.accepted!.submit).toEqual({ code: "report.wrong-state", from: "accepted", action: "submit" });
  });

  test("returns, send-backs and reopenings need a reason; submitting and approving do not", () => {
    expect(nextStatus("approved", "return", "  ")).toEqual({ code: "report.reason-required", action: "return" });
    expect(nextStatus("submitted", "send-back", null)).toEqual({ code: "report.reason-required", action: "send-back" });
    expect(nextStatus("accepted", "reopen", undefined)).toEqual({ code: "report.reason-required", action: "reopen" });
    expect(nextStatus("draft", "submit", null)).toBe("submitted");
  });

  test("who takes each step; what can be edited; what counts as sent", () => {
    expect(Object.fromEntries(REPORT_ACTIONS.map((a) => [a, TRANSITIONS[a].permission]))).toEqual({
      submit: "agency-work.write",
      approve: "agency-work.approve",
      "send-back": "agency-work.approve",
      accept: "reports.review",
      return: "reports.review",
      reopen: "reports.review",
    });
    expect(REPORT_STATUSES.filter(isEditable)).toEqual(["draft", "returned"]);
    expect(actionsFrom("submitted")).toEqual(["approve", "send-back"]);
    expect(REPORT_STATUSES.filter(hasBeenSubmitted)).toEqual(["submitted", "approved", "accepted", "returned"]);
  });
});

const rule = (r: Partial<FigureRule> & Pick<FigureRule, "id" | "position" | "name">): FigureRule => ({
  taskId: 1,
  unit: null,
  aggregation: "sum",
  numeratorPosition: null,
  denominatorPosition: null,
  valueType: "decimal",
  minValue: null,
  maxValue: null,
  required: false,
  notAbovePosition: null,
  ...r,
});
const received = rule({ id: 10, position: 0, name: "Đã tiếp nhận", valueType: "integer", required: true });
const resolved = rule({ id: 11, position: 1, name: "Đã giải quyết", valueType: "integer", notAbovePosition: 0 });
const share = rule({ id: 12, position: 2, name: "Tỷ lệ", aggregation: "ratio", numeratorPosition: 1, denominatorPosition: 0 });
const satisfaction = rule({ id: 13, position: 3, name: "Hài lòng", aggregation: "average", valueType: "percent" });
const procedures = rule({ id: 14, position: 4, name: "Thủ tục", aggregation: "latest", valueType: "integer", minValue: 1, maxValue: 500 });
const rules = [received, resolved, share, satisfaction, procedures];

describe("figures", () => {
  test("seed 000's «04 PAKN … đã giải quyết 04» passes; every broken rule is named at once", () => {
    expect(figureIssues(rules, new Map([[10, 4], [11, 4], [13, 92.5], [14, 111]]))).toEqual([]);
    const issues = figureIssues(rules, new Map([[11, 5.5], [13, 120], [14, 0]]));
    expect(issues.map((i) => [i.code, i.name])).toEqual([
      ["figure.required", "Đã tiếp nhận"],
      ["figure.not-integer", "Đã giải quyết"],
      ["figure.above-max", "Hài lòng"],
      ["figure.below-min", "Thủ tục"],
    ]);
    expect(figureIssues(rules, new Map([[10, 4], [11, 5]]))).toEqual([
      { code: "figure.above-sibling", indicatorId: 11, name: "Đã giải quyết", value: 5, other: "Đã tiếp nhận", otherValue: 4 },
    ]);
    expect(figureIssues(rules, new Map([[10, -1]]))[0]).toMatchObject({ code: "figure.below-min", min: 0 });
  });

  test("a ratio is computed, and has no value without a denominator", () => {
    expect(ratioValue(share, rules, new Map([[10, 111], [11, 80]]))).toBeCloseTo(80 / 111, 12);
    expect(ratioValue(share, rules, new Map([[10, 0], [11, 0]]))).toBeNull();
    expect(ratioValue(share, rules, new Map([[11, 3]]))).toBeNull();
  });

  test("across agencies: sums and stocks add, an average is the mean, a ratio is Σ numerators ÷ Σ denominators", () => {
    const out = consolidateFigures(
      rules,
      [
        { organisationId: 1, values: new Map([[10, 4], [11, 4], [13, 90], [14, 111]]) },
        { organisationId: 2, values: new Map([[10, 16], [11, 12], [13, 80], [14, 89]]) },
        { organisationId: 3, values: new Map([[13, null]]) },
      ],
      new Map([[1, [1, 2, 3, 4]]]),
    );
    const by = (id: number) => out.find((c) => c.indicatorId === id)!;
    expect(by(10)).toEqual({ indicatorId: 10, value: 20, reported: [1, 2], missing: [3, 4] });
    expect(by(12).value).toBeCloseTo(0.8, 12);
    expect(by(13).value).toBe(85);
    expect(by(14).value).toBe(200);
    expect(consolidateFigures(rules, [], new Map([[1, [1]]]))[0]).toEqual({ indicatorId: 10, value: null, reported: [], missing: [1] });
    // An agency whose task does not carry the figure is not missing it.
    expect(consolidateFigures(rules, [], new Map([[2, [7]]]))[0]!.missing).toEqual([]);
  });
});

describe("timeliness", () => {
  test("on time when sent by the deadline day; late after; not sent: pending until the deadline, missing after", () => {
    expect(timeliness("2026-03-17", "2026-03-17", "2026-04-01")).toBe("on-time");
    expect(timeliness("2026-03-18", "2026-03-17", "2026-04-01")).toBe("late");
    // Submitted by the officer but not yet approved by the leader: not sent.
    expect(timeliness(null, "2026-03-17", "2026-03-17")).toBe("pending");
    expect(timeliness(null, "2026-03-17", "2026-03-18")).toBe("missing");
    const counts = countCompleteness([
      { timeliness: "on-time", status: "accepted" },
      { timeliness: "late", status: "returned" },
      { timeliness: "missing", status: null },
      { timeliness: "pending", status: "draft" },
    ]);
    expect(counts).toEqual({ expected: 4, submitted: 2, onTime: 1, late: 1, missing: 1, pending: 1, accepted: 1, returned: 1 });
  });
});
