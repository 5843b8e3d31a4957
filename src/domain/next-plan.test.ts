/**
 * Next year's plan starts from what is weak: seed 002 (Bắc Kạn, 416/KH-UBND) names, from the 2021 results,
 * four dimensions under 5/10, two in the lowest group and seven sub-dimensions under one point; tasks of a
 * previous plan are matched to them by identity across framework versions.
 */
import { describe, expect, test } from "vitest";
import { officialYear, papi } from "../../test/support/official-data.ts";
import { versionForYear } from "./frameworks.ts";
import { nodesIn, planFindings, tasksServing, withPlanningFindings, PLANNING_THRESHOLD } from "./next-plan.ts";
import { buildProvinceProfile } from "./profile.ts";
import { describeProvinceYear } from "./wording.ts";

const BAC_KAN = "06";
const v2019 = versionForYear(papi, 2019)!;
const v2021 = versionForYear(papi, 2021)!;

describe("the weak points of Bắc Kạn in 2021, as seed 002 opens", () => {
  const profile = buildProvinceProfile({ current: officialYear(2021), previous: officialYear(2020), unitCode: BAC_KAN });
  const findings = planFindings(profile);

  test("dimensions under half, those in the lowest group, sub-dimensions under 1 point (7.1 at 1,05 is not one)", () => {
    expect(findings.weakDimensions.map((f) => f.code)).toEqual(["D1", "D3", "D7", "D8"]);
    expect(findings.lowestGroupDimensions.map((f) => f.code)).toEqual(["D5", "D8"]);
    expect(findings.weakSubdimensions.map((f) => [f.code, Number(f.score.toFixed(2))])).toEqual([
      ["1.1", 0.66],
      ["1.4", 0.96],
      ["2.1", 0.84],
      ["3.2", 0.57],
      ["7.3", 0.79],
      ["8.1", 0.46],
      ["8.3", 0.44],
    ]);
    expect(findings.total).toMatchObject({ rank: 34, rankedCount: 60, group: "low-average" });
  });

  test("a lower threshold names fewer; the wording says which threshold it used", () => {
    expect(planFindings(profile, 0.5).weakSubdimensions.map((f) => f.code)).toEqual(["8.1", "8.3"]);
    const paragraphs = describeProvinceYear(withPlanningFindings(profile, findings), "vi", "PAPI", PLANNING_THRESHOLD);
    expect(paragraphs[2]).toContain("còn một số nội dung thành phần đạt điểm thấp (dưới 1 điểm), gồm: Tri thức công dân 0,66/2,5 điểm;");
    expect(paragraphs[2]).not.toContain("Mức độ nghiêm túc trong bảo vệ môi trường");
    const english = describeProvinceYear(withPlanningFindings(profile, findings), "en", "PAPI", PLANNING_THRESHOLD);
    expect(english[2]).toContain("(below 1 point)");
  });

  test("a previous plan's tasks serve a weak point through a dimension or one of its sub-dimensions, matched by identity", () => {
    const tasks = [
      { ref: "a", nodes: ["D1"] },
      { ref: "b", nodes: ["2.1"] }, // access to information, weak in 2021
      { ref: "c", nodes: ["D6"] },
      { ref: "d", nodes: ["6.2"] },
      { ref: "e", nodes: ["D5"] }, // lowest group
      { ref: "f", nodes: [] },
      { ref: "g", nodes: ["D2"] }, // D2 is not weak, but its 2.1 is
      { ref: "h", nodes: ["2.2"] }, // poverty lists: not weak, D2 not weak either
    ];
    expect(tasksServing(tasks, v2019, findings).map((t) => t.ref)).toEqual(["a", "b", "e", "g"]);
  });
});

describe("a task's nodes in another framework version", () => {
  test("follows the identity, not the printed code: 2019's 5.2 (construction permits) has no 2021 counterpart", () => {
    expect(nodesIn(["D5", "5.2", "8.3", "2.1"], v2019, v2021)).toEqual(["D5", "8.3", "2.1"]);
    expect(nodesIn(["9.9", "D9"], v2019, v2021)).toEqual([]);
  });
});
