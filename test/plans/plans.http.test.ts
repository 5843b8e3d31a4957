/**
 * Plans through the API on both engines: the demo's real plans (170/KH-UBND Lào Cai 2019, 416/KH-UBND
 * Bắc Kạn 2022) judged against the official results, the review flag on the seed's slip, scope across the
 * 63 → 34 merger, drafts and their targets with before/after in the audit log, bad input.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SYSTEM_ACTOR } from "../../src/services/actor.ts";
import { ENGINES } from "../support/database.ts";
import { errorOf, type Json, type World } from "../accounts/support.ts";
import { createPlanWorld } from "./support.ts";

describe.each(ENGINES)("plans on %s", (engine) => {
  let w: World;
  let laoCai: number;
  let bacKan: number;

  beforeAll(async () => {
    ({ w, laoCai, bacKan } = await createPlanWorld(engine));
  });
  afterAll(async () => {
    await w?.close();
  });

  test("Lào Cai 2019 against the official 2019 results: every target with its status, actual and gap", async () => {
    const answer = await w.call("GET", `/plans/${laoCai}/evaluation`, { as: w.admin });
    expect(answer.status).toBe(200);
    const { targets, summary, resultsAvailable } = answer.body as Json;
    expect(resultsAvailable).toBe(true);
    expect(targets).toHaveLength(18);
    expect(summary).toEqual({ met: 9, missed: 9, "no-data": 0 });
    const total = targets.find((t: Json) => t.target.node === "total" && t.target.kind === "score");
    expect(total).toMatchObject({ status: "missed", actual: 45.055, gap: -1.905, baseline: { year: 2018, score: expect.closeTo(44.3731, 4) } });
    const d8 = targets.find((t: Json) => t.target.node === "D8" && t.target.kind === "score");
    expect(d8).toMatchObject({ status: "met", actual: 4.22, gap: 0.22 });
    const groupD3 = targets.find((t: Json) => t.target.node === "D3" && t.target.kind === "group");
    expect(groupD3).toMatchObject({ status: "missed", actual: "high-average", gap: -1 });
  });

  test("the review catches the seed's inconsistent increase (D6 «tăng 0,5» for 7,22 − 7,1723), in Vietnamese or English", async () => {
    const vi = await w.call("GET", `/plans/${laoCai}/review`, { as: w.admin });
    expect(vi.body.flags).toEqual([
      expect.objectContaining({ code: "target.stated-increase-mismatch", node: "D6", stated: 0.5, computed: 0.05, message: "D6: ghi «tăng 0,5 điểm», nhưng 7,22 − 7,1723 (năm gốc) = 0,05 điểm." }),
    ]);
    const en = await w.call("GET", `/plans/${laoCai}/review?lang=en`, { as: w.admin });
    expect(en.body.flags[0].message).toBe("D6: states an increase of 0.5, but 7.22 − 7.1723 (baseline) = 0.05.");
  });

  test("Bắc Kạn 2022: 'a higher rank than 2021' is met (34th → 30th)", async () => {
    const answer = await w.call("GET", `/plans/${bacKan}/evaluation`, { as: w.admin });
    expect(answer.body.targets[0]).toMatchObject({ status: "met", actual: 30, gap: 3, baseline: { rank: 34 } });
  });

  test("scope across the 2025 merger: Lào Cai's coordinator reads the old Lào Cai plan, not Bắc Kạn's; Thái Nguyên's the other way round", async () => {
    const laoCaiCoordinator = await w.personWith("coordinator", w.A.org.SNV!);
    const thaiNguyenCoordinator = await w.personWith("coordinator", w.B.org.SNV!);
    expect((await w.call("GET", `/plans/${laoCai}`, { as: laoCaiCoordinator })).status).toBe(200);
    expect(errorOf(await w.call("GET", `/plans/${bacKan}`, { as: laoCaiCoordinator }))).toMatchObject({ status: 403, code: "auth.out-of-scope" });
    expect((await w.call("GET", `/plans/${bacKan}/evaluation`, { as: thaiNguyenCoordinator })).status).toBe(200);
    expect((await w.call("GET", `/plans/${laoCai}/review`, { as: thaiNguyenCoordinator })).status).toBe(403);
    const listed = (await w.call("GET", "/plans", { as: laoCaiCoordinator })).body as Json[];
    expect(listed.map((p) => p.number)).toEqual(["170/KH-UBND"]);
    // The new province's key brings the plans of the provinces it succeeded.
    const byKey = (await w.call("GET", `/plans?province=${w.A.key}`, { as: laoCaiCoordinator })).body as Json[];
    expect(byKey.map((p) => p.number)).toContain("170/KH-UBND");
    const officer = await w.personWith("officer", w.A.org.STC!);
    expect((await w.call("GET", `/plans/${laoCai}/evaluation`, { as: officer })).status).toBe(200);
    expect((await w.call("PUT", `/plans/${laoCai}/targets`, { as: officer, json: { targets: [] } })).status).toBe(403);
  });

  test("a draft: created with targets, its targets replaced with before/after in the audit log; an issued plan's targets are locked", async () => {
    const coordinator = await w.personWith("coordinator", w.A.org.SNV!);
    const created = await w.call("POST", `/provinces/${w.A.key}/plans`, {
      as: coordinator,
      json: {
        year: 2026,
        baselineYear: 2024,
        number: "12/KH-UBND",
        issuingBody: "ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
        summary: "Cải thiện Chỉ số PAPI năm 2026",
        targets: [{ node: "total", kind: "group", group: "highest", statedText: "Thuộc nhóm đạt điểm cao nhất" }],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const id = created.body.id as number;
    const replaced = await w.call("PUT", `/plans/${id}/targets`, {
      as: coordinator,
      json: { targets: [{ node: "D1", kind: "score", value: 5.6, statedIncrease: 0.19 }, { node: "total", kind: "rank", rankGain: 2 }] },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body.map((t: Json) => [t.position, t.node, t.kind])).toEqual([
      [0, "D1", "score"],
      [1, "total", "rank"],
    ]);
    const log = await w.call("GET", `/audit?entityType=plan&entityKey=${id}&action=plan.targets-changed`, { as: w.admin });
    expect(log.body.entries[0]).toMatchObject({
      before: { number: "12/KH-UBND", targets: [expect.objectContaining({ node: "total", kind: "group", group: "highest" })] },
      after: { number: "12/KH-UBND", targets: [expect.objectContaining({ node: "D1", value: 5.6 }), expect.objectContaining({ node: "total", rankGain: 2 })] },
      provinceUnitId: w.A.unitId,
    });
    // A 34-era province has no results of its own for 2024: its figures are "not scored", never another province's.
    const evaluation = await w.services.plans.evaluate(SYSTEM_ACTOR, id);
    expect(evaluation.targets.every((t) => t.evaluation.status === "no-data")).toBe(true);
    // Hà Nội came through 2025 whole: its 63-era results are its own, for the baseline and the judgement.
    const haNoi = await w.call("POST", "/provinces/01/plans", {
      as: w.admin,
      json: { year: 2024, baselineYear: 2023, issuingBody: "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", summary: "Cải thiện PAPI 2024", targets: [{ node: "total", kind: "rank", rankGain: 1 }] },
    });
    const judged = await w.call("GET", `/plans/${haNoi.body.id}/evaluation`, { as: w.admin });
    expect(judged.body.targets[0]).toMatchObject({ status: expect.stringMatching(/^(met|missed)$/), baseline: { year: 2023, rank: expect.any(Number) } });
    expect((await w.call("GET", `/plans/${haNoi.body.id}/suggestion?goal=next-group`, { as: w.admin })).body.suggestion).not.toBeNull();
    const locked = await w.call("PUT", `/plans/${laoCai}/targets`, { as: w.admin, json: { targets: [] } });
    expect(errorOf(locked)).toMatchObject({ status: 409, code: "plan.not-draft" });
    const duplicate = await w.call("POST", `/provinces/${w.A.key}/plans`, {
      as: coordinator,
      json: { year: 2026, baselineYear: 2024, number: "12/KH-UBND", issuingBody: "UBND", summary: "Trùng số" },
    });
    expect(errorOf(duplicate)).toMatchObject({ status: 409, code: "plan.number-taken" });
  });

  test("suggested targets for Bắc Kạn 2022 from 2021: reach the next group — the threshold, each dimension's share by its distance to P75", async () => {
    const answer = await w.call("GET", `/plans/${bacKan}/suggestion?goal=next-group`, { as: w.admin });
    expect(answer.status).toBe(200);
    const s = answer.body.suggestion as Json;
    expect(s.baselineTotal).toBeCloseTo(42.1529, 4);
    expect(s.threshold).toMatchObject({ kind: "group-floor", group: "high-average" });
    expect(s.targetTotal).toBeGreaterThan(s.threshold.score);
    expect(s.dimensions).toHaveLength(8);
    expect(s.targetTotal).toBeCloseTo(s.dimensions.reduce((a: number, d: Json) => a + d.target, 0), 6);
    const bad = await w.call("GET", `/plans/${bacKan}/suggestion?goal=gain-places&places=0`, { as: w.admin });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("ít nhất 1 bậc");
  });

  test("bad targets: an unknown node shape, a score without its value, a group that does not exist — 400, nothing stored", async () => {
    const before = (await w.services.plans.list(SYSTEM_ACTOR)).length;
    for (const targets of [[{ node: "Dx", kind: "score", value: 1 }], [{ node: "D1", kind: "score" }], [{ node: "total", kind: "group", group: "best" }]]) {
      const answer = await w.call("POST", `/provinces/${w.A.key}/plans`, {
        as: w.admin,
        json: { year: 2026, baselineYear: 2024, issuingBody: "UBND", summary: "Thử", targets },
      });
      expect(answer.status, JSON.stringify(targets)).toBe(400);
      expect(answer.body.error.message).toMatch(/^(Yêu cầu không hợp lệ|Chỉ tiêu)/);
    }
    const tooHigh = await w.call("POST", `/provinces/${w.A.key}/plans`, {
      as: w.admin,
      json: { year: 2026, baselineYear: 2024, issuingBody: "UBND", summary: "Thử", targets: [{ node: "D1", kind: "score", value: 5000 }] },
    });
    expect(tooHigh.body.error.message).toBe("Yêu cầu không hợp lệ: «Chỉ tiêu 1 › Điểm, giá trị»: không được lớn hơn 1.000");
    expect((await w.services.plans.list(SYSTEM_ACTOR)).length).toBe(before);
  });
});
