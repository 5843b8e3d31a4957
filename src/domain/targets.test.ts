/**
 * Targets against the official results: the Lào Cai 2019 plan (170/KH-UBND, seed 004) reviewed against
 * 2018 and judged against 2019; every kind of target; framework changes; suggestions' arithmetic.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { officialYear } from "../../test/support/official-data.ts";
import { evaluateTarget, reviewTargets, suggestTargets, type PlanTarget } from "./targets.ts";
import { totalMax } from "./frameworks.ts";

const plan = JSON.parse(readFileSync(new URL("../../data/demo/plans/lao-cai-170-KH-UBND-2019.json", import.meta.url), "utf8")) as {
  targets: PlanTarget[];
};
const LAO_CAI = "10";
const y2017 = officialYear(2017);
const y2018 = officialYear(2018);
const y2019 = officialYear(2019);
const y2021 = officialYear(2021);

const target = (t: Partial<PlanTarget> & Pick<PlanTarget, "node" | "kind">): PlanTarget => ({
  value: null,
  comparator: "=",
  statedIncrease: null,
  group: null,
  rankTop: null,
  rankGain: null,
  ...t,
});

describe("review of the Lào Cai 2019 targets against the 2018 results", () => {
  const flags = reviewTargets(plan.targets, { targetVersion: y2019.version, totalMax: totalMax(y2019.version), baseline: y2018, unitCode: LAO_CAI, targetYear: y2019 });

  test("catches the seed's slip: D6 'tăng 0,5 điểm' where 7,22 − 7,1723 = 0,05", () => {
    const mismatches = flags.filter((f) => f.code === "target.stated-increase-mismatch");
    expect(mismatches).toEqual([{ code: "target.stated-increase-mismatch", node: "D6", stated: 0.5, computed: 0.05, baseline: 7.1723, value: 7.22 }]);
  });

  test("raises nothing else: the dimension targets add up to 46,96, none is below 2018 or off the scale", () => {
    expect(flags.map((f) => f.code)).toEqual(["target.stated-increase-mismatch"]);
  });

  test("a total that is not the sum of its dimensions, a score above the maximum, a target below the baseline are flagged", () => {
    const changed = plan.targets.map((t) => (t.node === "total" && t.kind === "score" ? { ...t, value: 47.5 } : t));
    changed.push(target({ node: "1.1", kind: "score", value: 2.7 }), target({ node: "D7", kind: "score", value: 3.9 }));
    const codes = reviewTargets(changed, { targetVersion: y2019.version, totalMax: 80, baseline: y2018, unitCode: LAO_CAI, targetYear: y2019 }).map((f) => f.code);
    expect(codes).toContain("target.sum-mismatch");
    expect(codes).toContain("target.out-of-scale");
    expect(codes).toContain("target.below-baseline");
  });

  test("a node the year's framework lacks, and a change target across the 2017 → 2018 break", () => {
    const flags = reviewTargets([target({ node: "8.3", kind: "score", value: 1 }), target({ node: "total", kind: "change", value: 1 })], {
      targetVersion: y2018.version,
      totalMax: 80,
      baseline: y2017,
      unitCode: LAO_CAI,
      targetYear: y2018,
    });
    expect(flags).toEqual([
      { code: "target.node-unknown", node: "8.3" },
      { code: "target.not-comparable", node: "total", comparability: "break" },
    ]);
  });
});

describe("evaluation of the Lào Cai 2019 plan against the official 2019 results", () => {
  const results = plan.targets.map((t) => ({ t, e: evaluateTarget(t, { actual: y2019, baseline: y2018, unitCode: LAO_CAI }) }));

  test("every target has a status, an actual figure and a gap", () => {
    for (const { t, e } of results) {
      expect(e.status, `${t.node} ${t.kind}`).not.toBe("no-data");
      expect(e.actual).not.toBeNull();
      expect(e.gap).not.toBeNull();
    }
  });

  test("the total: 45,055 against ≥ 46,96 (missed by 1,905)", () => {
    const total = results.find(({ t }) => t.node === "total" && t.kind === "score")!.e;
    expect(total.status).toBe("missed");
    expect(total.actual).toBeCloseTo(45.055, 3);
    expect(total.gap).toBeCloseTo(45.055 - 46.96, 3);
    expect(total.baseline?.score).toBeCloseTo(44.37, 2);
  });

  test("score targets are met exactly when the published 2019 dimension score reaches them", () => {
    for (const { t, e } of results.filter(({ t }) => t.kind === "score" && t.node !== "total")) {
      const dimension = y2019.provinces.find((p) => p.unit.code === LAO_CAI)!.dimensions.find((d) => d.code === t.node)!;
      expect(e.status, t.node).toBe(dimension.score! >= t.value! - 1e-9 ? "met" : "missed");
    }
  });
});

describe("each kind of target", () => {
  const judge = (t: PlanTarget, unit = LAO_CAI, actual = y2019, baseline = y2018) => evaluateTarget(t, { actual, baseline, unitCode: unit });

  test("rank: within the first N, or N places up", () => {
    const rank = y2019.provinces.find((p) => p.unit.code === LAO_CAI)!.total.rank!;
    const baseRank = y2018.provinces.find((p) => p.unit.code === LAO_CAI)!.total.rank!;
    expect(judge(target({ node: "total", kind: "rank", rankTop: rank })).status).toBe("met");
    expect(judge(target({ node: "total", kind: "rank", rankTop: rank - 1 }))).toMatchObject({ status: "missed", gap: -1 });
    const gain = judge(target({ node: "total", kind: "rank", rankGain: 1 }));
    expect(gain).toMatchObject({ actual: rank, gap: baseRank - rank - 1, status: baseRank - rank >= 1 ? "met" : "missed" });
  });

  test("group: met at the target group or higher", () => {
    const group = y2019.provinces.find((p) => p.unit.code === LAO_CAI)!.total.group!;
    expect(judge(target({ node: "total", kind: "group", group })).status).toBe("met");
    expect(judge(target({ node: "total", kind: "group", group: "lowest" })).status).toBe("met");
  });

  test("change: against the baseline year where comparable; no data across the 2017 → 2018 break", () => {
    const change = judge(target({ node: "D1", kind: "change", value: 0 }));
    expect(change.status).toBe((change.actual as number) >= 0 ? "met" : "missed");
    expect(judge(target({ node: "D1", kind: "change", value: 0 }), LAO_CAI, y2018, y2017)).toMatchObject({ status: "no-data", reason: "not-comparable" });
  });

  test("a province without results that year, a node the framework lacks, a year without results", () => {
    // Quảng Ninh (22) was not scored in 2018.
    expect(judge(target({ node: "total", kind: "score", value: 40 }), "22", y2018, y2017)).toMatchObject({ status: "no-data", reason: "province-not-scored" });
    expect(judge(target({ node: "8.3", kind: "score", value: 1 }), LAO_CAI, y2018, y2017)).toMatchObject({ status: "no-data", reason: "node-not-in-framework" });
    expect(evaluateTarget(target({ node: "total", kind: "score", value: 1 }), { actual: null, baseline: y2018, unitCode: LAO_CAI })).toMatchObject({
      status: "no-data",
      reason: "no-results",
      // The baseline is known before the results come.
      baseline: { year: 2018, score: expect.closeTo(44.3731, 4) },
    });
  });
});

describe("suggested targets", () => {
  test("reach the next group: the total clears that group's floor of the baseline year, shared by distance to P75", () => {
    const s = suggestTargets(y2021, "06", { kind: "next-group" })!;
    const cuts = y2021.national.total!.cutPoints!;
    expect(s.threshold).toMatchObject({ kind: "group-floor", group: "high-average" });
    expect(s.threshold.score).toBeCloseTo(cuts.p50, 4);
    expect(s.targetTotal).toBeGreaterThan(cuts.p50);
    const sum = s.dimensions.reduce((a, d) => a + d.target, 0);
    expect(s.targetTotal).toBeCloseTo(sum, 6);
    // Shares follow the distance to P75: a dimension above its P75 gets nothing.
    for (const d of s.dimensions) {
      if (d.distance === 0) expect(d.target).toBeCloseTo(Math.ceil(d.baseline * 100 - 1e-9) / 100, 6);
      expect(d.target).toBeLessThanOrEqual(10);
    }
    const shares = s.dimensions.reduce((a, d) => a + d.share, 0);
    expect(shares).toBeCloseTo(1, 3);
  });

  test("gain N places: the threshold is the score of the province at the wanted rank", () => {
    const s = suggestTargets(y2021, "06", { kind: "gain-places", places: 4 })!;
    const rank = y2021.provinces.find((p) => p.unit.code === "06")!.total.rank! - 4;
    expect(s.threshold).toMatchObject({ kind: "place-score", rank });
    const ahead = y2021.provinces.find((p) => p.total.rank === rank)!.total.score!;
    expect(s.threshold.score).toBeCloseTo(ahead, 4);
    expect(s.targetTotal).toBeGreaterThan(ahead);
  });

  test("keep the group: no gain needed when already above its floor", () => {
    const s = suggestTargets(y2021, "06", { kind: "keep-group" })!;
    expect(s.neededGain).toBeLessThan(0.01);
  });
});
