/**
 * A plan's tasks through the API on both engines: the seed plan's 42 tasks by dimension; a draft's tasks
 * with lead and supporting agencies and indicators (a ratio of two others); what is refused and why;
 * an agency's own list of tasks; the audit entry of each change.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SYSTEM_ACTOR } from "../../src/services/actor.ts";
import { ENGINES } from "../support/database.ts";
import { createWorld, errorOf, type Json, type World } from "../accounts/support.ts";
import { createPlanWorld } from "./support.ts";

describe.each(ENGINES)("tasks on %s", (engine) => {
  let w: World;
  let seedPlan: number;
  let draft: number;

  beforeAll(async () => {
    ({ w, laoCai: seedPlan } = await createPlanWorld(engine));
    draft = (
      await w.services.plans.create(SYSTEM_ACTOR, { provinceUnitId: w.A.unitId, indexCode: "PAPI", year: 2024, baselineYear: 2023, issuingBody: "ỦY BAN NHÂN DÂN TỈNH LÀO CAI", summary: "Cải thiện PAPI 2024" })
    ).id;
  });
  afterAll(async () => {
    await w?.close();
  });

  test("the seed plan's tasks: 42 of section II grouped by the dimension they serve (5/5/7/7/7/4/4/3), agencies kept by name; 5 assignments of section III, linked to the bodies that continue", async () => {
    const tasks = (await w.call("GET", `/plans/${seedPlan}/tasks`, { as: w.admin })).body as Json[];
    const sectionII = tasks.filter((t) => t.ref.startsWith("II."));
    expect(sectionII).toHaveLength(42);
    const byDimension = ["D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8"].map((d) => sectionII.filter((t) => t.nodes.includes(d)).length);
    expect(byDimension).toEqual([5, 5, 7, 7, 7, 4, 4, 3]);
    const led = tasks.find((t) => t.ref === "II.2.a");
    expect(led.agencies.map((a: Json) => [a.role, a.organisationId, a.name])).toContainEqual(["lead", null, "Các Sở, ban, ngành"]);
    const sectionIII = tasks.filter((t) => t.ref.startsWith("III."));
    expect(sectionIII.map((t) => t.ref)).toEqual(["III.1", "III.2", "III.3", "III.4", "III.5"]);
    expect(sectionIII[0].text).toMatch(/^Sở Nội vụ:\n- Chủ trì, tham mưu/);
    // Sở Thông tin và Truyền thông went into Sở Khoa học và Công nghệ; the radio and the newspaper into one press body.
    const press = sectionIII[3].agencies.map((a: Json) => [a.organisationId, a.name]);
    expect(press).toEqual([
      [w.A.org.SKHCN, "Sở Khoa học và Công nghệ"],
      [w.A.org.BPTTH, expect.any(String)],
    ]);
    expect(sectionIII[1].agencies.every((a: Json) => a.organisationId === null)).toBe(true);
  });

  test("a draft's task: lead and supporting agencies, indicators with a ratio of two others; replaced; removed; each change audited", async () => {
    const coordinator = await w.personWith("coordinator", w.A.org.SNV!);
    const body = {
      ref: "II.1.a",
      text: "Công khai kịp thời thủ tục hành chính trên Cổng dịch vụ công",
      nodes: ["D5", "5.1"],
      recurrence: "quarterly",
      output: "Báo cáo quý",
      agencies: [
        { role: "lead", organisationId: w.A.org.VP },
        { role: "support", organisationId: w.A.org.SKHCN },
      ],
      indicators: [
        { name: "Thủ tục hành chính", unit: "thủ tục", aggregation: "latest", targetValue: 111 },
        { name: "Thủ tục trực tuyến toàn trình", unit: "thủ tục", aggregation: "latest" },
        { name: "Tỷ lệ trực tuyến toàn trình", unit: "%", aggregation: "ratio", numeratorPosition: 1, denominatorPosition: 0, targetValue: 0.8 },
      ],
    };
    const created = await w.call("POST", `/plans/${draft}/tasks`, { as: coordinator, json: body });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body.agencies.map((a: Json) => [a.role, a.name])).toEqual([
      ["lead", "Văn phòng Ủy ban nhân dân tỉnh Lào Cai"],
      ["support", "Sở Khoa học và Công nghệ"],
    ]);
    expect(created.body.indicators.map((i: Json) => [i.position, i.aggregation])).toEqual([
      [0, "latest"],
      [1, "latest"],
      [2, "ratio"],
    ]);
    const id = created.body.id as number;
    const replaced = await w.call("PUT", `/tasks/${id}`, { as: coordinator, json: { ...body, nodes: ["D5"], indicators: [] } });
    expect(replaced.body).toMatchObject({ nodes: ["D5"], indicators: [] });
    const mine = await w.personWith("officer", w.A.org.VP!);
    const agencyTasks = (await w.call("GET", `/organisations/${w.A.org.VP}/tasks`, { as: mine })).body as Json[];
    expect(agencyTasks.map((t) => [t.id, t.planYear])).toEqual([[id, 2024]]);
    expect((await w.call("DELETE", `/tasks/${id}`, { as: coordinator })).status).toBe(200);
    const log = (await w.call("GET", `/audit?entityType=task&entityKey=${id}`, { as: w.admin })).body.entries as Json[];
    expect(log.map((e) => e.action)).toEqual(["task.deleted", "task.updated", "task.created"]);
    expect(log[1]).toMatchObject({ before: { nodes: ["D5", "5.1"] }, after: { nodes: ["D5"] }, provinceUnitId: w.A.unitId });
  });

  test("refused: a node the plan year lacks, a ratio without its parts or pointing at itself, an agency of another province, an issued plan; nothing stored", async () => {
    const base = { text: "Nhiệm vụ", nodes: ["D1"], agencies: [], indicators: [] };
    const cases: [unknown, string][] = [
      [{ ...base, nodes: ["8.3"] }, "task.node-unknown"],
      [{ ...base, indicators: [{ name: "Tỷ lệ", aggregation: "ratio" }] }, "task.ratio-incomplete"],
      [{ ...base, indicators: [{ name: "A", aggregation: "sum" }, { name: "Tỷ lệ", aggregation: "ratio", numeratorPosition: 1, denominatorPosition: 0 }] }, "task.ratio-reference"],
      [{ ...base, agencies: [{ role: "lead", organisationId: w.B.org.SNV }] }, "task.agency-other-province"],
      [{ ...base, agencies: [{ role: "lead", organisationId: null }] }, "task.agency-unnamed"],
    ];
    // 2017's framework has no 8.3: a plan judged on 2017 cannot serve it.
    const old = (await w.services.plans.create(SYSTEM_ACTOR, { provinceUnitId: w.A.unitId, indexCode: "PAPI", year: 2017, baselineYear: 2016, issuingBody: "UBND", summary: "Cũ" })).id;
    for (const [json, code] of cases) {
      const answer = await w.call("POST", `/plans/${old}/tasks`, { as: w.admin, json });
      expect(errorOf(answer), code).toMatchObject({ status: 400, code });
    }
    expect((await w.services.tasks.list(SYSTEM_ACTOR, old)).length).toBe(0);
    const issued = await w.call("POST", `/plans/${seedPlan}/tasks`, { as: w.admin, json: base });
    expect(errorOf(issued)).toMatchObject({ status: 409, code: "plan.not-draft" });
  });
});

describe.each(ENGINES)("task sheets on %s", (engine) => {
  let w: World;
  let draft: number;
  const HEADER = ["STT", "Nhiệm vụ, giải pháp", "Chỉ số", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn", "Sản phẩm"];

  async function xlsx(rows: (string | null)[][]): Promise<Uint8Array<ArrayBuffer>> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Nhiệm vụ");
    sheet.addRow(["BẢNG NHIỆM VỤ CẢI THIỆN CHỈ SỐ PAPI NĂM 2026"]);
    for (const row of rows) sheet.addRow(row);
    return new Uint8Array(await workbook.xlsx.writeBuffer());
  }
  const upload = (bytes: Uint8Array<ArrayBuffer>, query = "") =>
    w.call("POST", `/plans/${draft}/tasks/import${query}`, { as: w.admin, body: bytes, headers: { "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } });

  beforeAll(async () => {
    w = await createWorld(engine);
    draft = (
      await w.services.plans.create(SYSTEM_ACTOR, { provinceUnitId: w.A.unitId, indexCode: "PAPI", year: 2024, baselineYear: 2023, issuingBody: "ỦY BAN NHÂN DÂN TỈNH LÀO CAI", summary: "Cải thiện PAPI 2024" })
    ).id;
  });
  afterAll(async () => {
    await w?.close();
  });

  test("a sheet with a title row, codes or full names, deadlines as dates or «Thường xuyên»: dry run, then imported", async () => {
    const bytes = await xlsx([
      HEADER,
      ["1", "Công khai thủ tục hành chính", "D5; 5.1", "VP", "SKHCN; Sở Nội vụ", "Thường xuyên", "Danh mục thủ tục"],
      ["2", "Tuyên truyền về Chỉ số PAPI", "d1", "Sở Nội vụ", "Báo và Phát thanh, Truyền hình tỉnh Lào Cai", "30/06/2024", null],
    ]);
    const dry = await upload(bytes, "?dryRun=true");
    expect(dry.body).toMatchObject({ dryRun: true, rows: 2, created: 2 });
    expect((await w.services.tasks.list(SYSTEM_ACTOR, draft)).length).toBe(0);
    const done = await upload(bytes);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const tasks = await w.services.tasks.list(SYSTEM_ACTOR, draft);
    expect(tasks.map((t) => [t.ref, t.nodes, t.recurrence, t.dueOn])).toEqual([
      ["1", ["D5", "5.1"], "regular", null],
      ["2", ["D1"], null, "2024-06-30"],
    ]);
    expect(tasks[0]!.agencies.map((a) => [a.role, a.organisationId])).toEqual([
      ["lead", w.A.org.VP],
      ["support", w.A.org.SKHCN],
      ["support", w.A.org.SNV],
    ]);
  });

  test("refused with every error named: an empty task, an unknown agency, a bad code, a bad deadline, a node the year lacks; the plan unchanged", async () => {
    const before = (await w.services.tasks.list(SYSTEM_ACTOR, draft)).length;
    const answer = await upload(
      await xlsx([
        HEADER,
        ["1", "", "D1", "SNV", null, null, null],
        ["2", "Nhiệm vụ", "D1", "Sở Kế hoạch và Đầu tư", null, null, null],
        ["3", "Nhiệm vụ", "Tham gia", "SNV", null, "sớm", null],
        ["4", "Nhiệm vụ", "9.9", "SNV", null, null, null],
      ]),
    );
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe("tasks.invalid-file");
    const errors = answer.body.error.details.errors as Json[];
    expect(errors.map((e) => [e.row, e.code])).toEqual([
      [3, "cell.required"],
      [4, "agency.unknown"],
      [5, "node.invalid"],
      [5, "due.invalid"],
      [6, "row.refused"],
    ]);
    expect(errors[1].message).toMatch(/^Dòng 4, cột «Cơ quan chủ trì»: không có cơ quan «Sở Kế hoạch và Đầu tư»/);
    expect(errors[4].message).toContain("9.9");
    expect((await w.services.tasks.list(SYSTEM_ACTOR, draft)).length).toBe(before);
  });

  test("the export is a sheet the import reads: exported, imported into another draft, the same tasks", async () => {
    const exported = await w.call("GET", `/plans/${draft}/tasks/export`, { as: w.admin });
    expect(exported.status).toBe(200);
    const other = (
      await w.services.plans.create(SYSTEM_ACTOR, { provinceUnitId: w.A.unitId, indexCode: "PAPI", year: 2024, baselineYear: 2023, issuingBody: "UBND", summary: "Bản sao" })
    ).id;
    const bytes = new Uint8Array(await exported.response.arrayBuffer());
    const imported = await w.call("POST", `/plans/${other}/tasks/import`, { as: w.admin, body: bytes, headers: { "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    const strip = (tasks: Awaited<ReturnType<typeof w.services.tasks.list>>) =>
      tasks.map((t) => ({ ref: t.ref, text: t.text, nodes: t.nodes, dueOn: t.dueOn, recurrence: t.recurrence, agencies: t.agencies.map((a) => [a.role, a.organisationId]) }));
    expect(strip(await w.services.tasks.list(SYSTEM_ACTOR, other))).toEqual(strip(await w.services.tasks.list(SYSTEM_ACTOR, draft)));
  });
});
