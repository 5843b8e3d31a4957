/**
 * The evaluation a leader reads: Lào Cai's 170/KH-UBND (seed 004) judged against the 2019 results, per
 * dimension and in a few sentences; a plan whose year has no results yet says so and nothing else.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { officialYear, papi } from "../../test/support/official-data.ts";
import { dimensionOutcomes, evaluationOverview } from "./evaluation-summary.ts";
import { versionForYear } from "./frameworks.ts";
import { subPlanStatus } from "./sub-plans.ts";
import { evaluateTarget, nodeFigures, type PlanTarget } from "./targets.ts";

const seed = JSON.parse(readFileSync(new URL("../../data/demo/plans/lao-cai-170-KH-UBND-2019.json", import.meta.url), "utf8")) as {
  targets: PlanTarget[];
};
const actual = officialYear(2019);
const baseline = officialYear(2018);
const evaluated = seed.targets.map((target, position) => ({
  target: { ...target, position },
  evaluation: evaluateTarget(target, { actual, baseline, unitCode: "10" }),
}));
const tasks = [
  { id: 1, ref: "II.1.a", text: "Tuyên truyền", nodes: ["D1"], agencies: [{ role: "lead" as const, name: "Sở Nội vụ" }] },
  { id: 2, ref: "II.1.b", text: "Bầu cử", nodes: ["1.3"], agencies: [{ role: "lead" as const, name: "Ủy ban Mặt trận Tổ quốc" }, { role: "support" as const, name: "Sở Tư pháp" }] },
  { id: 3, ref: "II.8.a", text: "Cổng dịch vụ công", nodes: ["D8", "5.1"], agencies: [{ role: "lead" as const, name: "Sở Khoa học và Công nghệ" }] },
];
const figures = (node: string) => ({ score: nodeFigures(actual, "10", node)!.score, baseline: nodeFigures(baseline, "10", node)?.score ?? null });

describe("per dimension", () => {
  const outcomes = dimensionOutcomes(versionForYear(papi, 2019)!, evaluated, tasks, figures);

  test("a sub-dimension's task serves its dimension; leads by Vietnamese name, supporting agencies left out", () => {
    const d1 = outcomes.find((d) => d.node === "D1")!;
    expect(d1.tasks.map((t) => t.ref)).toEqual(["II.1.a", "II.1.b"]);
    expect(d1.leads).toEqual(["Sở Nội vụ", "Ủy ban Mặt trận Tổ quốc"]);
    expect(outcomes.find((d) => d.node === "D5")!.tasks.map((t) => t.ref)).toEqual(["II.8.a"]);
  });

  test("a dimension is met when all its targets are, missed when one is", () => {
    expect(outcomes.find((d) => d.node === "D8")).toMatchObject({ status: "met", score: expect.closeTo(4.22, 2) });
    // D4: 6,76 reaches 6,6 but the group target (highest) is missed.
    expect(outcomes.find((d) => d.node === "D4")!.targets.map((t) => [t.kind, t.status])).toEqual([
      ["score", "met"],
      ["group", "missed"],
    ]);
    expect(outcomes.find((d) => d.node === "D4")!.status).toBe("missed");
  });

  test("the overview: counts, the total, the total's targets, the dimensions met and missed", () => {
    const overview = evaluationOverview(
      {
        planNumber: "170/KH-UBND",
        indexCode: "PAPI",
        year: 2019,
        provinceInText: "tỉnh Lào Cai",
        resultsAvailable: true,
        evaluated,
        dimensions: outcomes,
        total: { ...nodeFigures(actual, "10", "total")!, baseline: figures("total").baseline },
      },
      "vi",
    );
    expect(overview).toHaveLength(5);
    expect(overview[2]).toBe("Chỉ tiêu chung: thuộc nhóm đạt điểm cao nhất: đạt; đạt từ 46,96 điểm: không đạt (thiếu 1,905 điểm).");
    expect(overview[4]).toMatch(/^Chưa đạt chỉ tiêu: D1 Tham gia của người dân ở cấp cơ sở \(5,31 điểm, thiếu 0,29\);/);
  });

  test("without results: one sentence that says so", () => {
    const overview = evaluationOverview(
      { planNumber: null, indexCode: "PAPI", year: 2026, provinceInText: "tỉnh Lào Cai", resultsAvailable: false, evaluated: [], dimensions: [], total: null },
      "vi",
    );
    expect(overview).toEqual(["Chưa có kết quả chính thức Chỉ số PAPI năm 2026 để đánh giá 0 chỉ tiêu của Dự thảo kế hoạch."]);
  });
});

describe("a sub-plan against the deadline", () => {
  test("on time up to and including the day, late after, drafting, missing", () => {
    expect(subPlanStatus({ status: "issued", issuedOn: "2019-05-10" }, "2019-05-10")).toBe("issued-on-time");
    expect(subPlanStatus({ status: "issued", issuedOn: "2019-05-11" }, "2019-05-10")).toBe("issued-late");
    expect(subPlanStatus({ status: "superseded", issuedOn: "2019-05-02" }, "2019-05-10")).toBe("issued-on-time");
    expect(subPlanStatus({ status: "issued", issuedOn: "2019-06-01" }, null)).toBe("issued-on-time");
    expect(subPlanStatus({ status: "draft", issuedOn: null }, "2019-05-10")).toBe("draft");
    expect(subPlanStatus(null, "2019-05-10")).toBe("missing");
  });
});
