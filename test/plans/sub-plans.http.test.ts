/**
 * The second half of the yearly cycle through the API on both engines: a draft's document edited, issued
 * and superseded; an agency's sub-plan made from its assigned tasks (the copies keep their link), edited
 * only by that agency, issued by its leader and tracked against the deadline; the evaluation per dimension
 * with its overview; next year's draft read from the latest results (seed 002's weak points).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SYSTEM_ACTOR } from "../../src/services/actor.ts";
import type { Session } from "../support/sessions.ts";
import { ENGINES } from "../support/database.ts";
import { errorOf, type Json, type World } from "../accounts/support.ts";
import { createPlanWorld } from "./support.ts";

describe.each(ENGINES)("sub-plans, lifecycle and next drafts on %s", (engine) => {
  let w: World;
  let laoCai: number;
  let bacKan: number;
  let coordinator: Session;

  beforeAll(async () => {
    ({ w, laoCai, bacKan } = await createPlanWorld(engine));
    coordinator = await w.personWith("coordinator", w.A.org.SNV!);
  });
  afterAll(async () => {
    await w?.close();
  });

  /** A province draft of A with two tasks: one led by STC and supported by SXD, one led by SNV. */
  async function draftWithTasks(number: string | null = null): Promise<{ id: number; tasks: Json[] }> {
    const plan = await w.call("POST", "/provinces/15/plans", {
      as: coordinator,
      json: { year: 2026, baselineYear: 2024, number, issuingBody: "ỦY BAN NHÂN DÂN TỈNH LÀO CAI", summary: "Cải thiện Chỉ số PAPI năm 2026", subPlanDeadline: "2026-03-10" },
    });
    expect(plan.status).toBe(200);
    const tasks = [];
    for (const [ref, text, agencies] of [
      ["II.1.a", "Công khai thủ tục hành chính trên Cổng dịch vụ công", [{ role: "lead", organisationId: w.A.org.STC }, { role: "support", organisationId: w.A.org.SXD }]],
      ["II.2.a", "Tuyên truyền Chỉ số PAPI đến người dân", [{ role: "lead", organisationId: w.A.org.SNV }]],
    ] as const) {
      const task = await w.call("POST", `/plans/${plan.body.id}/tasks`, { as: coordinator, json: { ref, text, nodes: ["D2"], recurrence: "quarterly", agencies } });
      expect(task.status).toBe(200);
      tasks.push(task.body);
    }
    return { id: plan.body.id, tasks };
  }

  test("a draft's document: edited field by field (audited), issued with its number and date, then locked; superseded; a draft deleted, an issued plan never", async () => {
    const { id } = await draftWithTasks();
    const patched = await w.call("PATCH", `/plans/${id}`, { as: coordinator, json: { place: "Lào Cai", signerName: "Trịnh Xuân Trường", objectives: "Nâng cao Chỉ số PAPI." } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ place: "Lào Cai", signerName: "Trịnh Xuân Trường", summary: "Cải thiện Chỉ số PAPI năm 2026" });
    const log = await w.call("GET", `/audit?entityType=plan&entityKey=${id}&action=plan.updated`, { as: w.admin });
    expect(log.body.entries[0]).toMatchObject({ before: { place: null, signerName: null }, after: { place: "Lào Cai", signerName: "Trịnh Xuân Trường" } });

    const backwards = await w.call("PATCH", `/plans/${id}`, { as: coordinator, json: { baselineYear: 2026 } });
    expect(errorOf(backwards)).toMatchObject({ status: 400, code: "plan.baseline-not-before" });
    const badDay = await w.call("POST", `/plans/${id}/issue`, { as: coordinator, json: { number: "15/KH-UBND", issuedOn: "31/02/2026" } });
    expect(badDay.status).toBe(400);
    expect(badDay.body.error.message).toMatch(/Ngày ban hành/);

    const issued = await w.call("POST", `/plans/${id}/issue`, { as: coordinator, json: { number: "15/KH-UBND", issuedOn: "2026-02-05" } });
    expect(issued.body).toMatchObject({ status: "issued", number: "15/KH-UBND", issuedOn: "2026-02-05" });
    expect(errorOf(await w.call("PATCH", `/plans/${id}`, { as: coordinator, json: { place: "Yên Bái" } }))).toMatchObject({ status: 409, code: "plan.not-draft" });
    expect(errorOf(await w.call("DELETE", `/plans/${id}`, { as: coordinator }))).toMatchObject({ status: 409, code: "plan.not-draft" });
    const other = await draftWithTasks();
    expect(errorOf(await w.call("POST", `/plans/${other.id}/issue`, { as: coordinator, json: { number: "15/KH-UBND", issuedOn: "2026-02-06" } }))).toMatchObject({
      status: 409,
      code: "plan.number-taken",
    });
    const superseded = await w.call("POST", `/plans/${id}/supersede`, { as: coordinator });
    expect(superseded.body.status).toBe("superseded");
    expect(errorOf(await w.call("POST", `/plans/${id}/supersede`, { as: coordinator }))).toMatchObject({ status: 409, code: "plan.not-issued" });

    expect((await w.call("DELETE", `/plans/${other.id}`, { as: coordinator })).status).toBe(200);
    expect((await w.call("GET", `/plans/${other.id}`, { as: coordinator })).status).toBe(404);
    const deleted = await w.call("GET", `/audit?entityType=plan&entityKey=${other.id}&action=plan.deleted`, { as: w.admin });
    expect(deleted.body.entries[0].before).toMatchObject({ summary: "Cải thiện Chỉ số PAPI năm 2026", tasks: [{ ref: "II.1.a" }, { ref: "II.2.a" }] });
  });

  test("an agency's sub-plan: made from its assigned tasks (linked), edited only by that agency, issued by its leader, tracked against the deadline", async () => {
    const { id, tasks } = await draftWithTasks();
    const officer = await w.personWith("officer", w.A.org.STC!);
    const leader = await w.personWith("leader", w.A.org.STC!);
    const otherOfficer = await w.personWith("officer", w.A.org.SXD!);
    const viewer = await w.personWith("viewer", w.A.org.UBND!);

    // Agencies make theirs from an issued plan only; an officer never touches the province's plan.
    expect(errorOf(await w.call("POST", `/plans/${id}/sub-plans`, { as: officer, json: { organisationId: w.A.org.STC } }))).toMatchObject({
      status: 409,
      code: "plan.parent-not-issued",
    });
    expect(errorOf(await w.call("PATCH", `/plans/${id}`, { as: officer, json: { place: "Lào Cai" } }))).toMatchObject({ status: 403, code: "auth.out-of-scope" });
    await w.call("POST", `/plans/${id}/issue`, { as: coordinator, json: { number: "20/KH-UBND", issuedOn: "2026-02-10" } });

    // …nor starts another agency's.
    expect(errorOf(await w.call("POST", `/plans/${id}/sub-plans`, { as: officer, json: { organisationId: w.A.org.SXD } }))).toMatchObject({ status: 403 });
    const created = await w.call("POST", `/plans/${id}/sub-plans`, { as: officer, json: { organisationId: w.A.org.STC } });
    expect(created.status).toBe(200);
    const sub = created.body;
    expect(sub).toMatchObject({ status: "draft", parentPlanId: id, organisationId: w.A.org.STC, year: 2026, number: null });
    expect(sub.summary).toBe("Triển khai Kế hoạch số 20/KH-UBND ngày 10/02/2026 về cải thiện Chỉ số PAPI năm 2026");
    const again = await w.call("POST", `/plans/${id}/sub-plans`, { as: leader, json: { organisationId: w.A.org.STC } });
    expect(errorOf(again)).toMatchObject({ status: 409, code: "plan.sub-plan-exists" });
    expect(again.body.error.message).toContain("Sở Tài chính");

    // Only the STC task was inherited, with its link back to the province's task and that task's numbering.
    const inherited = (await w.call("GET", `/plans/${sub.id}/tasks`, { as: officer })).body as Json[];
    expect(inherited.map((t) => [t.ref, t.inheritedFromTaskId, t.inheritedRef, t.recurrence])).toEqual([["II.1.a", tasks[0].id, "II.1.a", "quarterly"]]);
    const own = await w.call("POST", `/plans/${sub.id}/tasks`, {
      as: officer,
      json: { ref: "3", text: "Rà soát thủ tục thuộc thẩm quyền của Sở", nodes: ["2.1"], agencies: [{ role: "lead", organisationId: w.A.org.STC }] },
    });
    expect(own.status).toBe(200);
    expect(own.body.inheritedFromTaskId).toBeNull();
    const renamed = await w.call("PUT", `/tasks/${inherited[0].id}`, { as: officer, json: { ...stripTask(inherited[0]), text: "Công khai 100% thủ tục của Sở" } });
    expect(renamed.body).toMatchObject({ text: "Công khai 100% thủ tục của Sở", inheritedFromTaskId: tasks[0].id });

    // The draft is the agency's own work: another agency neither reads nor edits it; the province's leadership reads it.
    expect(errorOf(await w.call("GET", `/plans/${sub.id}`, { as: otherOfficer }))).toMatchObject({ status: 403 });
    for (const path of ["tasks", "tasks/export?format=csv", "evaluation", "review", "agencies"]) {
      expect((await w.call("GET", `/plans/${sub.id}/${path}`, { as: otherOfficer })).status, path).toBe(403);
    }
    expect(errorOf(await w.call("PATCH", `/plans/${sub.id}`, { as: otherOfficer, json: { place: "X" } }))).toMatchObject({ status: 403 });
    expect(errorOf(await w.call("POST", `/plans/${sub.id}/tasks`, { as: otherOfficer, json: { text: "Không được", nodes: [] } }))).toMatchObject({ status: 403 });
    expect((await w.call("GET", `/plans/${sub.id}`, { as: viewer })).status).toBe(200);
    expect((await w.call("GET", "/plans?province=15", { as: otherOfficer })).body.map((p: Json) => p.id)).not.toContain(sub.id);
    const detail = await w.call("GET", `/plans/${sub.id}`, { as: officer });
    expect(detail.body).toMatchObject({
      parent: { id, number: "20/KH-UBND", subPlanDeadline: "2026-03-10" },
      organisation: { id: w.A.org.STC, name: "Sở Tài chính" },
      province: { key: "15", name: "Lào Cai" },
      can: { edit: true, issue: false, supersede: false, createSubPlan: false },
    });
    expect((await w.call("PATCH", `/plans/${sub.id}`, { as: officer, json: { signerName: "Trần Văn Lãnh Đạo" } })).status).toBe(200);

    // Tracking before: STC drafting, SNV and SXD without one.
    let tracking = (await w.call("GET", `/plans/${id}/sub-plans`, { as: coordinator })).body;
    expect(tracking.deadline).toBe("2026-03-10");
    expect(tracking.agencies.map((a: Json) => [a.organisation.code, a.leadTasks, a.supportTasks, a.status])).toEqual([
      ["SNV", 1, 0, "missing"],
      ["STC", 1, 0, "draft"],
      ["SXD", 0, 1, "missing"],
    ]);

    // An officer drafts; the leader signs.
    expect((await w.call("POST", `/plans/${sub.id}/issue`, { as: officer, json: { number: "45/KH-STC", issuedOn: "2026-03-09" } })).status).toBe(403);
    const signed = await w.call("POST", `/plans/${sub.id}/issue`, { as: leader, json: { number: "45/KH-STC", issuedOn: "2026-03-12" } });
    expect(signed.body).toMatchObject({ status: "issued", number: "45/KH-STC" });
    expect(errorOf(await w.call("PUT", `/tasks/${own.body.id}`, { as: officer, json: { ...stripTask(own.body), text: "Sửa sau khi ban hành" } }))).toMatchObject({ status: 409 });
    tracking = (await w.call("GET", `/plans/${id}/sub-plans`, { as: coordinator })).body;
    expect(tracking.agencies.find((a: Json) => a.organisation.code === "STC")).toMatchObject({ status: "issued-late", subPlan: { number: "45/KH-STC", issuedOn: "2026-03-12" } });
    expect(tracking.counts).toMatchObject({ assigned: 3, issued: 1, late: 1, onTime: 0, draft: 0, missing: 2 });

    // "My agency's tasks" lists the assignment once (not its copy in the sub-plan).
    const mine = (await w.call("GET", `/organisations/${w.A.org.STC}/tasks`, { as: officer })).body as Json[];
    expect(mine.filter((t) => t.planId === id).map((t) => [t.ref, t.planNumber, t.planStatus])).toEqual([["II.1.a", "20/KH-UBND", "issued"]]);
    expect(mine.some((t) => t.planId === sub.id)).toBe(false);
  });

  test("the assignment matrix's columns: the province's current bodies for its plans, the successor's for a 63-era plan", async () => {
    const bodies = (await w.call("GET", `/plans/${laoCai}/agencies`, { as: coordinator })).body as Json[];
    expect(bodies.map((b) => b.code)).toEqual(expect.arrayContaining(["SNV", "STC", "SKHCN", "BPTTH"]));
    const names = bodies.map((b) => b.name);
    expect(names).toEqual([...names].sort(new Intl.Collator("vi").compare));
  });

  test("evaluation of 170/KH-UBND per dimension (its tasks and lead agencies) with an overview a leader reads in a minute", async () => {
    const answer = await w.call("GET", `/plans/${laoCai}/evaluation`, { as: w.admin });
    expect(answer.status).toBe(200);
    const { dimensions, overview, province } = answer.body;
    expect(province).toMatchObject({ key: "vn63-10", name: "Lào Cai" });
    expect(dimensions.map((d: Json) => [d.node, d.tasks.length])).toEqual([
      ["D1", 5],
      ["D2", 5],
      ["D3", 7],
      ["D4", 7],
      ["D5", 7],
      ["D6", 4],
      ["D7", 4],
      ["D8", 3],
    ]);
    const d2 = dimensions.find((d: Json) => d.node === "D2");
    expect(d2.leads).toEqual(["Các Sở, ban, ngành", "UBND các huyện, thành phố", "UBND các xã, phường, thị trấn"]);
    expect(d2.score).toBeCloseTo(5.4595, 4);
    expect(d2.baseline).toBeCloseTo(5.448, 3);
    // D8 was met: 4,22 against 4,0 and in the highest group.
    expect(dimensions.find((d: Json) => d.node === "D8")).toMatchObject({ status: "met", targets: [{ kind: "score", status: "met" }, { kind: "group", status: "met" }] });
    expect(overview[0]).toBe("Kế hoạch 170/KH-UBND đặt 18 chỉ tiêu về Chỉ số PAPI năm 2019 của tỉnh Lào Cai: đạt 9, không đạt 9.");
    expect(overview[1]).toBe("Điểm tổng hợp đạt 45,055/80 điểm (năm gốc: 44,373), xếp thứ 13/63, thuộc nhóm đạt điểm cao nhất.");
    expect(overview[2]).toBe("Chỉ tiêu chung: thuộc nhóm đạt điểm cao nhất: đạt; đạt từ 46,96 điểm: không đạt (thiếu 1,905 điểm).");
    expect(overview[3]).toBe("Chỉ số nội dung đạt chỉ tiêu: D6 Cung ứng dịch vụ công; D8 Quản trị điện tử.");
    expect(overview[4]).toContain("D7 Quản trị môi trường (3,57 điểm, thiếu 1,03)");
    const english = await w.call("GET", `/plans/${laoCai}/evaluation?lang=en`, { as: w.admin });
    expect(english.body.overview[0]).toBe("Plan 170/KH-UBND set 18 targets for the PAPI 2019 of Lào Cai province: 9 met, 9 missed.");
  });

  test("next year's draft from the 2021 results names seed 002's weak dimensions and sub-dimensions, words its opening, and is stored as an editable draft", async () => {
    const preview = await w.call("GET", `/provinces/vn63-06/plans/next-draft?year=2022&goal=gain-places&places=1`, { as: w.admin });
    expect(preview.status).toBe(200);
    const [basis] = preview.body.bases;
    expect(preview.body).toMatchObject({ year: 2022, baselineYear: 2021 });
    expect(basis.province).toMatchObject({ key: "vn63-06", name: "Bắc Kạn" });
    const codes = (list: Json[]) => list.map((f) => f.code);
    expect(codes(basis.findings.weakDimensions)).toEqual(["D1", "D3", "D7", "D8"]);
    expect(codes(basis.findings.lowestGroupDimensions)).toEqual(["D5", "D8"]);
    expect(codes(basis.findings.weakSubdimensions)).toEqual(["1.1", "1.4", "2.1", "3.2", "7.3", "8.1", "8.3"]);
    expect(basis.findings.total).toMatchObject({ rank: 34, group: "low-average" });
    expect(basis.paragraphs[0]).toContain("42,153/80 điểm");
    expect(basis.paragraphs[2]).toContain("(dưới 1 điểm), gồm: Tri thức công dân 0,66/2,5 điểm");
    expect(preview.body.suggestion).toMatchObject({ goal: { kind: "gain-places", places: 1 }, threshold: { kind: "place-score", rank: 33 } });

    // From Lào Cai's 2019 plan to its 2020 draft: the tasks that served what was weak in 2019 come along.
    const lc = await w.call("GET", `/provinces/vn63-10/plans/next-draft?year=2020&fromPlan=${laoCai}`, { as: w.admin });
    // The seed's tasks name dimensions: a task serves a weak dimension, or a dimension with a weak sub-dimension.
    const findings = lc.body.bases[0].findings;
    const weak = new Set([...findings.weakDimensions, ...findings.lowestGroupDimensions].map((f: Json) => f.code));
    for (const s of findings.weakSubdimensions) weak.add(`D${s.code.split(".")[0]}`);
    expect(lc.body.tasks.length).toBeGreaterThan(0);
    expect(lc.body.tasks.every((t: Json) => t.nodes.some((n: string) => weak.has(n)))).toBe(true);
    expect(lc.body.tasks.some((t: Json) => t.ref.startsWith("III."))).toBe(false);

    const created = await w.call("POST", "/provinces/vn63-10/plans/next-draft", { as: w.admin, json: { year: 2020, fromPlanId: laoCai, goal: "next-group" } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ status: "draft", year: 2020, baselineYear: 2019, summary: "Cải thiện Chỉ số PAPI năm 2020 của tỉnh Lào Cai" });
    const draft = (await w.call("GET", `/plans/${created.body.id}`, { as: w.admin })).body;
    expect(draft.targets[0]).toMatchObject({ node: "total", kind: "score", comparator: ">=" });
    expect(draft.targets.slice(1).map((t: Json) => t.node)).toEqual(["D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8"]);
    const copied = (await w.call("GET", `/plans/${created.body.id}/tasks`, { as: w.admin })).body as Json[];
    expect(copied.map((t) => t.text)).toEqual(lc.body.tasks.map((t: Json) => t.text));
    // Editable like any draft.
    expect((await w.call("PATCH", `/plans/${created.body.id}`, { as: w.admin, json: { number: "99/KH-UBND" } })).status).toBe(200);

    // A new province before its first survey is read through the provinces it was formed from; no targets proposed.
    const merged = await w.call("GET", "/provinces/15/plans/next-draft?year=2026", { as: coordinator });
    expect(merged.body.bases.map((b: Json) => b.province.name).sort(new Intl.Collator("vi").compare)).toEqual(["Lào Cai", "Yên Bái"]);
    expect(merged.body.suggestion).toBeNull();
  });

  test("bad requests are named in Vietnamese and change nothing", async () => {
    const before = (await w.services.plans.list(SYSTEM_ACTOR)).length;
    const noYear = await w.call("POST", "/provinces/15/plans/next-draft", { as: coordinator, json: { goal: "somewhere" } });
    expect(noYear.status).toBe(400);
    expect(noYear.body.error.message).toMatch(/Năm/);
    const sameYear = await w.call("POST", "/provinces/15/plans", { as: coordinator, json: { year: 2024, baselineYear: 2024, issuingBody: "UBND", summary: "Năm gốc trùng năm kế hoạch" } });
    expect(errorOf(sameYear)).toMatchObject({ status: 400, code: "plan.baseline-not-before", message: "Năm gốc (2024) phải trước năm kế hoạch (2024)." });
    const missingAgency = await w.call("POST", `/plans/${laoCai}/sub-plans`, { as: coordinator, json: { organisationId: 999999 } });
    expect(missingAgency.status).toBe(404);
    const noSuchPlan = await w.call("GET", `/plans/999999/sub-plans`, { as: coordinator });
    expect(noSuchPlan.status).toBe(404);
    expect((await w.services.plans.list(SYSTEM_ACTOR)).length).toBe(before);
    expect(bacKan).toBeGreaterThan(0);
  });
});

/** A task as its PUT body. */
function stripTask(task: Json) {
  const { id: _i, planId: _p, position: _n, inheritedFromTaskId: _f, inheritedRef: _r, ...body } = task;
  return {
    ...body,
    agencies: body.agencies.map(({ id: _a, ...a }: Json) => a),
    indicators: body.indicators.map(({ id: _x, position: _y, ...i }: Json) => i),
  };
}
