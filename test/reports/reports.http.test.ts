/**
 * Periodic reporting through the API on both engines: a plan's regime with Decree 09 defaults; an agency's
 * quarter report saved with a version check, its figures checked, moved through every step by the people the
 * table allows, locked and reopened; the next quarter pre-filled; notifications and reminders reaching only
 * whom they should; completeness against the deadlines; the consolidated figures' arithmetic.
 */
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { agencyReports, notifications, planTaskIndicators } from "../../src/db/schema.ts";
import { SYSTEM_ACTOR } from "../../src/services/actor.ts";
import { createReportService } from "../../src/services/reports.ts";
import type { Session } from "../support/sessions.ts";
import { ENGINES } from "../support/database.ts";
import { createWorld, errorOf, type Json, type World } from "../accounts/support.ts";

describe.each(ENGINES)("periodic reports on %s", (engine) => {
  let w: World;
  let plan: number;
  let regime: number;
  let coordinator: Session;
  let officer: Session;
  let leader: Session;
  let sxdOfficer: Session;
  let viewer: Session;
  let officerId: number;
  let leaderId: number;
  let sxdOfficerId: number;
  const indicator: Record<string, number> = {};

  const indicators = [
    { name: "Phản ánh, kiến nghị đã tiếp nhận", unit: "PAKN", aggregation: "sum", valueType: "integer", required: true },
    { name: "Phản ánh, kiến nghị đã giải quyết", unit: "PAKN", aggregation: "sum", valueType: "integer", notAbovePosition: 0 },
    { name: "Tỷ lệ giải quyết", unit: "%", aggregation: "ratio", numeratorPosition: 1, denominatorPosition: 0 },
    { name: "Thủ tục hành chính đang áp dụng", unit: "thủ tục", aggregation: "latest", valueType: "integer" },
    { name: "Mức hài lòng bình quân", unit: "%", aggregation: "average", valueType: "percent" },
  ];

  beforeAll(async () => {
    w = await createWorld(engine);
    coordinator = await w.personWith("coordinator", w.A.org.SNV!);
    officer = await w.personWith("officer", w.A.org.STC!);
    leader = await w.personWith("leader", w.A.org.STC!);
    sxdOfficer = await w.personWith("officer", w.A.org.SXD!);
    viewer = await w.personWith("viewer", w.A.org.UBND!);
    [officerId, leaderId, sxdOfficerId] = [officer.userId, leader.userId, sxdOfficer.userId];
    plan = (await w.call("POST", "/provinces/15/plans", { as: coordinator, json: { year: 2026, baselineYear: 2024, issuingBody: "ỦY BAN NHÂN DÂN TỈNH LÀO CAI", summary: "Cải thiện Chỉ số PAPI năm 2026" } })).body.id;
    // One task both departments lead: each reports its own figures on the same form.
    const task = await w.call("POST", `/plans/${plan}/tasks`, {
      as: coordinator,
      json: {
        ref: "II.1",
        text: "Tiếp nhận, giải quyết phản ánh, kiến nghị và công khai thủ tục hành chính",
        nodes: ["D6"],
        agencies: [
          { role: "lead", organisationId: w.A.org.STC },
          { role: "lead", organisationId: w.A.org.SXD },
        ],
        indicators,
      },
    });
    expect(task.status).toBe(200);
    for (const i of task.body.indicators) indicator[String(i.position)] = i.id;
    await w.call("POST", `/plans/${plan}/tasks`, { as: coordinator, json: { ref: "II.3", text: "Tuyên truyền PAPI", nodes: ["D1"], agencies: [{ role: "support", organisationId: w.A.org.SNV }] } });
    await w.call("POST", `/plans/${plan}/issue`, { as: coordinator, json: { number: "88/KH-UBND", issuedOn: "2026-01-20" } });
  });
  afterAll(async () => {
    await w?.close();
  });

  const unread = async (userId: number, kind: string) =>
    (await w.services.database.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)))).length;

  test("a regime with Decree 09's defaults: the assigned agencies, the periods and each level's deadline past weekends", async () => {
    expect((await w.call("GET", `/plans/${plan}/regime`, { as: coordinator })).body).toBeNull();
    const bad = await w.call("PUT", `/plans/${plan}/regime`, { as: coordinator, json: { deadlineDays: { commune: 9, department: 3, "home-affairs": 6, "people-committee": 10 } } });
    expect(errorOf(bad)).toMatchObject({ status: 400, code: "regime.invalid" });
    expect(bad.body.error.message).toContain("Hạn gửi của cấp dưới không được muộn hơn hạn của cấp trên");
    expect(errorOf(await w.call("PUT", `/plans/${plan}/regime`, { as: officer, json: {} }))).toMatchObject({ status: 403 });
    const set = await w.call("PUT", `/plans/${plan}/regime`, { as: coordinator, json: {} });
    expect(set.status).toBe(200);
    regime = set.body.regime.id;
    expect(set.body.agencies.map((a: Json) => [a.code, a.level])).toEqual([
      ["SNV", "department"],
      ["STC", "department"],
      ["SXD", "department"],
    ]);
    expect(set.body.regime.outline.map((o: Json) => o.key)).toEqual(["D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8"]);
    expect(set.body.periods.map((p: Json) => p.key)).toEqual(["2026-Q1", "2026-Q2", "2026-H1", "2026-Q3", "2026-9M", "2026-Q4", "2026-Y"]);
    // Q1 closes Saturday 14/03/2026; departments send 3 days later (Tuesday 17/03); a commune's Sunday 15/03 moves to Monday.
    expect(set.body.periods[0]).toMatchObject({ from: "2025-12-15", to: "2026-03-14", deadlines: { commune: "2026-03-16", department: "2026-03-17" } });
  });

  test("a quarter from draft to accepted: saved over its version, figures checked, every step by whom the table allows, locked, reopened", async () => {
    const opened = await w.call("POST", `/regimes/${regime}/reports`, { as: officer, json: { organisationId: w.A.org.STC, period: "2026-q1" } });
    expect(opened.status).toBe(200);
    const report = opened.body;
    expect(report).toMatchObject({ report: { status: "draft", version: 1, periodKey: "2026-Q1" }, period: { deadline: "2026-03-17", level: "department" }, editable: true, actions: ["submit"] });
    expect(report.tasks.map((t: Json) => t.task.ref)).toEqual(["II.1"]);
    expect(report.figures.map((f: Json) => [f.rule.name, f.computed])).toContainEqual(["Tỷ lệ giải quyết", true]);
    // Another agency neither opens nor writes this one.
    expect((await w.call("POST", `/regimes/${regime}/reports`, { as: sxdOfficer, json: { organisationId: w.A.org.STC, period: "2026-Q1" } })).status).toBe(403);
    expect((await w.call("GET", `/reports/${report.report.id}`, { as: sxdOfficer })).status).toBe(403);
    expect((await w.call("GET", `/reports/${report.report.id}`, { as: viewer })).status).toBe(200);
    // Opening again gives the same report.
    expect((await w.call("POST", `/regimes/${regime}/reports`, { as: leader, json: { organisationId: w.A.org.STC, period: "2026-Q1" } })).body.report.id).toBe(report.report.id);

    const id = report.report.id;
    const saved = await w.call("PATCH", `/reports/${id}`, {
      as: officer,
      json: {
        version: 1,
        sections: { D6: "Tiếp nhận 04 PAKN, đã giải quyết 04." },
        difficulties: "Cổng dịch vụ công còn chậm.",
        tasks: [{ taskId: report.tasks[0].task.id, status: "in-progress", progress: 40, narrative: "Đã công khai 80/111 thủ tục mức độ 4." }],
        figures: [
          { indicatorId: indicator["0"], value: 4 },
          { indicatorId: indicator["1"], value: 5 },
          { indicatorId: indicator["3"], value: 111 },
          { indicatorId: indicator["4"], value: 120 },
        ],
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.report.version).toBe(2);
    expect(saved.body.issues.map((i: Json) => i.code).sort()).toEqual(["figure.above-max", "figure.above-sibling"]);
    expect(saved.body.figures.find((f: Json) => f.rule.name === "Tỷ lệ giải quyết").value).toBeCloseTo(1.25, 6);

    // A second editor still on version 1 is told, with the report as it is now; nothing of theirs is written.
    const stale = await w.call("PATCH", `/reports/${id}`, { as: leader, json: { version: 1, difficulties: "Ghi đè" } });
    expect(errorOf(stale)).toMatchObject({ status: 409, code: "report.conflict" });
    expect(stale.body.error.message).toContain("phiên bản 2");
    expect(stale.body.error.details.current.report.difficulties).toBe("Cổng dịch vụ công còn chậm.");

    const refused = await w.call("POST", `/reports/${id}/submit`, { as: officer, json: { version: 2 } });
    expect(errorOf(refused)).toMatchObject({ status: 422, code: "report.figures-invalid" });
    expect(refused.body.error.details.issues).toHaveLength(2);
    const fixed = await w.call("PATCH", `/reports/${id}`, {
      as: officer,
      json: { version: 2, figures: [{ indicatorId: indicator["1"], value: 4 }, { indicatorId: indicator["4"], value: 92.5 }] },
    });
    expect(fixed.body.issues).toEqual([]);

    expect((await w.call("POST", `/reports/${id}/approve`, { as: officer, json: { version: 3 } })).status).toBe(403);
    const submitted = await w.call("POST", `/reports/${id}/submit`, { as: officer, json: { version: 3 } });
    expect(submitted.body.report).toMatchObject({ status: "submitted", version: 4 });
    expect(submitted.body.editable).toBe(false);
    expect(await unread(leaderId, "report.submit")).toBe(1);
    expect(errorOf(await w.call("PATCH", `/reports/${id}`, { as: officer, json: { version: 4, difficulties: "x" } }))).toMatchObject({ status: 409, code: "report.locked" });
    expect(errorOf(await w.call("POST", `/reports/${id}/accept`, { as: coordinator, json: { version: 4 } }))).toMatchObject({ status: 409, code: "report.wrong-state" });

    const approved = await w.call("POST", `/reports/${id}/approve`, { as: leader, json: { version: 4 } });
    expect(approved.body.report.status).toBe("approved");
    const coordinatorInbox = await w.call("GET", "/me/inbox", { as: coordinator });
    expect(coordinatorInbox.body.toReview.find((r: Json) => r.id === id)).toMatchObject({ planNumber: "88/KH-UBND", organisation: "Sở Tài chính", status: "approved", deadline: expect.stringMatching(/^2026-\d\d-\d\d$/) });

    const noReason = await w.call("POST", `/reports/${id}/return`, { as: coordinator, json: { version: 5, reason: "  " } });
    expect(errorOf(noReason)).toMatchObject({ status: 400, code: "report.reason-required" });
    const returned = await w.call("POST", `/reports/${id}/return`, { as: coordinator, json: { version: 5, reason: "Bổ sung số liệu thủ tục trực tuyến toàn trình." } });
    expect(returned.body.report).toMatchObject({ status: "returned", returnReason: "Bổ sung số liệu thủ tục trực tuyến toàn trình." });
    expect(await unread(officerId, "report.return")).toBe(1);
    const officerInbox = await w.call("GET", "/me/inbox", { as: officer });
    // Q1 is sent; Q2 and H1 (deadlines past by now) are overdue and listed, oldest first.
    expect(officerInbox.body.due.map((d: Json) => d.period).slice(0, 2)).toEqual(["2026-Q2", "2026-H1"]);
    expect(officerInbox.body.due.every((d: Json) => d.organisation === "Sở Tài chính")).toBe(true);
    expect(officerInbox.body.returned.map((r: Json) => [r.id, r.returnReason])).toEqual([[id, "Bổ sung số liệu thủ tục trực tuyến toàn trình."]]);

    await w.call("PATCH", `/reports/${id}`, { as: officer, json: { version: 6, sections: { D6: "Tiếp nhận 04 PAKN, đã giải quyết 04; 80/111 thủ tục trực tuyến toàn trình." } } });
    await w.call("POST", `/reports/${id}/submit`, { as: officer, json: { version: 7 } });
    await w.call("POST", `/reports/${id}/approve`, { as: leader, json: { version: 8 } });
    const accepted = await w.call("POST", `/reports/${id}/accept`, { as: coordinator, json: { version: 9 } });
    expect(accepted.body.report).toMatchObject({ status: "accepted", version: 10 });
    expect(errorOf(await w.call("PATCH", `/reports/${id}`, { as: officer, json: { version: 10, difficulties: "x" } }))).toMatchObject({ status: 409, code: "report.locked" });
    expect((await w.call("POST", `/reports/${id}/reopen`, { as: leader, json: { version: 10, reason: "Sửa" } })).status).toBe(403);
    const reopened = await w.call("POST", `/reports/${id}/reopen`, { as: coordinator, json: { version: 10, reason: "Điều chỉnh số liệu quý theo kết quả rà soát." } });
    expect(reopened.body.report.status).toBe("returned");
    const log = await w.call("GET", `/audit?entityType=report&entityKey=${id}&action=report.reopen`, { as: w.admin });
    expect(log.body.entries[0]).toMatchObject({ before: { status: "accepted" }, after: { status: "returned", reason: "Điều chỉnh số liệu quý theo kết quả rà soát." } });
    await w.call("POST", `/reports/${id}/submit`, { as: officer, json: { version: 11 } });
    await w.call("POST", `/reports/${id}/approve`, { as: leader, json: { version: 12 } });
    await w.call("POST", `/reports/${id}/accept`, { as: coordinator, json: { version: 13 } });
  });

  test("the next quarter opens pre-filled: the words, the tasks' state and the stocks carry over; the period's flows start empty", async () => {
    const q2 = (await w.call("POST", `/regimes/${regime}/reports`, { as: officer, json: { organisationId: w.A.org.STC, period: "2026-Q2" } })).body;
    expect(q2.report).toMatchObject({ status: "draft", difficulties: "Cổng dịch vụ công còn chậm." });
    expect(q2.report.sections.D6).toContain("80/111");
    expect(q2.tasks[0]).toMatchObject({ status: "in-progress", progress: 40 });
    const value = (name: string) => q2.figures.find((f: Json) => f.rule.name === name).value;
    expect(value("Thủ tục hành chính đang áp dụng")).toBe(111);
    expect(value("Phản ánh, kiến nghị đã tiếp nhận")).toBeNull();
  });

  test("evidence files: recognised by their content, refused with a reason, downloaded as attachments by whoever reads the report", async () => {
    const q2 = (await w.call("POST", `/regimes/${regime}/reports`, { as: officer, json: { organisationId: w.A.org.STC, period: "2026-Q2" } })).body;
    const upload = (bytes: Uint8Array, name: string, as = officer) => {
      const form = new FormData();
      form.append("file", new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
      return w.call("POST", `/reports/${q2.report.id}/evidence`, { as, body: form });
    };
    const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    const added = await upload(pdf, "C:\\Báo cáo\\Biên bản kiểm tra quý II.pdf");
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ fileName: "Biên bản kiểm tra quý II.pdf", contentType: "application/pdf", bytes: pdf.length });
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Số liệu").addRow(["Thủ tục", 111]);
    const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect((await upload(xlsx, "so-lieu")).body).toMatchObject({ fileName: "so-lieu.xlsx", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });

    const exe = await upload(new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03]), "bao-cao.pdf");
    expect(errorOf(exe)).toMatchObject({ status: 415, code: "evidence.type-refused" });
    expect(exe.body.error.message).toContain("là tệp chương trình, không phải tài liệu");
    const oldWord = await upload(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), "bao-cao.doc");
    expect(oldWord.body.error.message).toContain("hãy lưu lại dưới dạng .docx/.xlsx hoặc PDF");
    expect((await upload(pdf, "x.pdf", sxdOfficer)).status).toBe(403);

    const view = (await w.call("GET", `/reports/${q2.report.id}`, { as: viewer })).body;
    expect(view.evidence.map((e: Json) => e.fileName)).toEqual(["Biên bản kiểm tra quý II.pdf", "so-lieu.xlsx"]);
    const download = await w.call("GET", `/reports/${q2.report.id}/evidence/${added.body.id}`, { as: viewer });
    expect(download.response.headers.get("content-type")).toBe("application/pdf");
    expect(download.response.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(new Uint8Array(await download.response.arrayBuffer())).toEqual(pdf);
    expect((await w.call("GET", `/reports/${q2.report.id}/evidence/${added.body.id}`, { as: sxdOfficer })).status).toBe(403);

    expect((await w.call("DELETE", `/reports/${q2.report.id}/evidence/${added.body.id}`, { as: officer })).status).toBe(200);
    expect((await w.call("GET", `/reports/${q2.report.id}/evidence/${added.body.id}`, { as: officer })).status).toBe(404);
    const log = await w.call("GET", `/audit?entityType=report&entityKey=${q2.report.id}&action=report.evidence-removed`, { as: coordinator });
    expect(log.body.entries[0].before).toMatchObject({ fileName: "Biên bản kiểm tra quý II.pdf" });
  });

  test("completeness on a fixed day, reminders only to those who have not sent, consolidation's arithmetic", async () => {
    // SXD sends its Q1 late (after 17/03/2026) with its own figures.
    const sxd = (await w.call("POST", `/regimes/${regime}/reports`, { as: sxdOfficer, json: { organisationId: w.A.org.SXD, period: "2026-Q1" } })).body;
    await w.call("PATCH", `/reports/${sxd.report.id}`, {
      as: sxdOfficer,
      json: {
        version: 1,
        sections: { D6: "Tiếp nhận 16 PAKN, đã giải quyết 12." },
        figures: [
          { indicatorId: indicator["0"], value: 16 },
          { indicatorId: indicator["1"], value: 12 },
          { indicatorId: indicator["3"], value: 89 },
          { indicatorId: indicator["4"], value: 80 },
        ],
      },
    });
    const on = (day: string) => createReportService({ db: w.services.database.db, catalog: w.services.results.catalog, now: () => new Date(`${day}T03:00:00Z`) });
    // The officer submits on 16/03, before the deadline; but a report is sent when its leader approves it.
    await on("2026-03-16").act(SYSTEM_ACTOR, sxd.report.id, "submit", { version: 2 });
    const waiting = await on("2026-03-18").completeness(SYSTEM_ACTOR, regime, "2026-Q1");
    expect(waiting.agencies.find((a) => a.organisation.code === "SXD")).toMatchObject({ status: "submitted", firstSubmittedOn: "2026-03-16", sentOn: null, timeliness: "missing" });
    await on("2026-03-20").act(SYSTEM_ACTOR, sxd.report.id, "approve", { version: 3 });

    const q1 = await on("2026-03-25").completeness(SYSTEM_ACTOR, regime, "2026-Q1");
    expect(q1.agencies.map((a) => [a.organisation.code, a.status, a.timeliness])).toEqual([
      ["SNV", null, "missing"],
      ["STC", "accepted", "late"], // first sent on the real clock (2026-11-23), after 17/03
      ["SXD", "approved", "late"],
    ]);
    expect(q1.agencies.find((a) => a.organisation.code === "SXD")!.sentOn).toBe("2026-03-20");
    expect(q1.counts).toMatchObject({ expected: 3, submitted: 2, late: 2, missing: 1, accepted: 1 });
    const early = await on("2026-03-10").completeness(SYSTEM_ACTOR, regime, "2026-Q1");
    expect(early.agencies.find((a) => a.organisation.code === "SNV")!.timeliness).toBe("pending");

    const matrix = (await w.call("GET", `/regimes/${regime}/matrix`, { as: viewer })).body;
    expect(matrix.periods.map((p: Json) => p.key)).toEqual(["2026-Q1", "2026-Q2", "2026-H1", "2026-Q3", "2026-9M", "2026-Q4", "2026-Y"]);
    const stc = matrix.agencies.find((a: Json) => a.organisation.code === "STC");
    expect(stc.cells.slice(0, 2).map((c: Json) => [c.period, c.status])).toEqual([
      ["2026-Q1", "accepted"],
      ["2026-Q2", "draft"],
    ]);
    // Today (23/11/2026) Q2's deadline has passed and its draft was never sent; Q4's has not come yet.
    expect(stc.cells[1].timeliness).toBe("missing");
    expect(stc.cells[5]).toMatchObject({ period: "2026-Q4", status: null, timeliness: expect.stringMatching(/^(pending|missing)$/) });

    // Reminders: only SNV has not sent Q1. Its people are told once a day; STC's and SXD's are not.
    const snvOfficer = await w.personWith("officer", w.A.org.SNV!);
    const snvOfficerId = snvOfficer.userId;
    const sent = await w.call("POST", `/regimes/${regime}/periods/2026-Q1/reminders`, { as: coordinator });
    expect(sent.body).toEqual({ agencies: ["Sở Nội vụ"], notified: expect.any(Number) });
    expect(await unread(snvOfficerId, "report.reminder")).toBe(1);
    const reminder = (await w.call("GET", "/me/inbox", { as: snvOfficer })).body.notifications.find((n: Json) => n.kind === "report.reminder");
    expect(reminder.params).toMatchObject({ agency: "Sở Nội vụ", organisationId: w.A.org.SNV, period: "2026-Q1", overdue: 1 });
    expect(await unread(officerId, "report.reminder")).toBe(0);
    expect(await unread(sxdOfficerId, "report.reminder")).toBe(0);
    expect((await w.call("POST", `/regimes/${regime}/periods/2026-Q1/reminders`, { as: coordinator })).body.notified).toBe(0);
    expect((await w.call("POST", `/regimes/${regime}/periods/2026-Q1/reminders`, { as: officer })).status).toBe(403);

    // Consolidation: counts and stocks add, the ratio is Σ resolved ÷ Σ received (16/20 = 80 %, not the mean of
    // 100 % and 75 %), the average is the mean of the agencies'.
    const c = (await w.call("GET", `/regimes/${regime}/periods/2026-Q1/consolidation`, { as: coordinator })).body;
    expect(c).toMatchObject({ reports: 2, expected: 3, missing: ["Sở Nội vụ"], notYetAccepted: ["Sở Xây dựng"] });
    const value = (name: string) => c.figures.find((f: Json) => f.name === name).value;
    expect(value("Phản ánh, kiến nghị đã tiếp nhận")).toBe(20);
    expect(value("Phản ánh, kiến nghị đã giải quyết")).toBe(16);
    expect(value("Tỷ lệ giải quyết")).toBeCloseTo(0.8, 9);
    expect(value("Thủ tục hành chính đang áp dụng")).toBe(200);
    expect(value("Mức hài lòng bình quân")).toBeCloseTo(86.25, 9);
    // Sở Nội vụ sent nothing, but it is not assigned II.1: nobody is missing from its figures.
    expect(c.figures.find((f: Json) => f.name === "Phản ánh, kiến nghị đã tiếp nhận").missing).toEqual([]);
    const sheet = await w.call("GET", `/regimes/${regime}/periods/2026-Q1/consolidation/export?format=csv`, { as: coordinator });
    expect(sheet.status).toBe(200);
    const csv = (sheet.body as string).replace(/^\uFEFF/, "");
    expect(csv.split("\r\n")[0]).toBe("Phần,Nội dung,Cơ quan,Giá trị,Đơn vị,Ghi chú");
    expect(csv).toContain("Số liệu,II.1 · Tỷ lệ giải quyết,2 cơ quan,80,%,\r\n");
    expect(csv).toContain("Kết quả,Cung ứng dịch vụ công,Sở Xây dựng,\"Tiếp nhận 16 PAKN, đã giải quyết 12.\"");
    const d6 = c.narratives.find((n: Json) => n.key === "D6");
    expect(d6.entries.map((e: Json) => e.organisation)).toEqual(["Sở Tài chính", "Sở Xây dựng"]);
    expect(c.progress.find((p: Json) => p.node === "D6")).toMatchObject({ tasks: 1, reports: 1, inProgress: 1, averageProgress: 40 });
    expect(c.figures.find((f: Json) => f.name === "Tỷ lệ giải quyết").targetMet).toBeNull();
    const english = (await w.call("GET", `/regimes/${regime}/periods/2026-Q1/consolidation?lang=en`, { as: coordinator })).body;
    expect(english.progress.find((p: Json) => p.node === "D6").name).toBe("Public Service Delivery");
  });

  test("an agency reads its reports period by period without creating any; another agency may not", async () => {
    const count = async () => (await w.services.database.db.select({ id: agencyReports.id }).from(agencyReports)).length;
    const before = await count();
    const mine = await w.call("GET", `/regimes/${regime}/reports?organisation=${w.A.org.SXD}`, { as: sxdOfficer });
    expect(mine.status).toBe(200);
    expect(mine.body.organisation).toMatchObject({ code: "SXD" });
    expect(mine.body.periods.map((p: Json) => p.key)).toEqual(["2026-Q1", "2026-Q2", "2026-H1", "2026-Q3", "2026-9M", "2026-Q4", "2026-Y"]);
    expect(mine.body.periods[0]).toMatchObject({ status: "approved", sentOn: "2026-03-20", timeliness: "late", deadline: "2026-03-17" });
    expect(mine.body.periods[1]).toMatchObject({ key: "2026-Q2", reportId: null, status: null, version: null, timeliness: "missing" });
    expect(await count()).toBe(before);
    expect((await w.call("GET", `/regimes/${regime}/reports?organisation=${w.A.org.SXD}`, { as: officer })).status).toBe(403);
    expect((await w.call("GET", `/regimes/${regime}/reports?organisation=${w.A.org.SXD}`, { as: viewer })).status).toBe(200);
    const notReporting = await w.call("GET", `/regimes/${regime}/reports?organisation=${w.A.org.UBND}`, { as: coordinator });
    expect(errorOf(notReporting)).toMatchObject({ status: 404, code: "report.agency-not-reporting" });
    const bad = await w.call("GET", `/regimes/${regime}/reports?organisation=abc`, { as: coordinator });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("Cơ quan");
  });

  test("editing a draft plan's task keeps the figures already reported against its indicators", async () => {
    const draft = (await w.call("POST", "/provinces/15/plans", { as: coordinator, json: { year: 2026, baselineYear: 2024, issuingBody: "ỦY BAN NHÂN DÂN TỈNH LÀO CAI", summary: "Dự thảo" } })).body.id;
    const body = { ref: "1", text: "Tiếp nhận phản ánh", nodes: ["D6"], agencies: [{ role: "lead", organisationId: w.A.org.STC }], indicators: indicators.slice(0, 2) };
    const task = (await w.call("POST", `/plans/${draft}/tasks`, { as: coordinator, json: body })).body;
    const draftRegime = (await w.call("PUT", `/plans/${draft}/regime`, { as: coordinator, json: {} })).body.regime.id;
    const report = (await w.call("POST", `/regimes/${draftRegime}/reports`, { as: officer, json: { organisationId: w.A.org.STC, period: "2026-Q1" } })).body;
    const [received, resolved] = task.indicators.map((i: Json) => i.id);
    await w.call("PATCH", `/reports/${report.report.id}`, { as: officer, json: { version: report.report.version, figures: [{ indicatorId: received, value: 12 }, { indicatorId: resolved, value: 9 }] } });
    // The coordinator sets a target on the first measure and drops the second.
    const edited = await w.call("PUT", `/tasks/${task.id}`, { as: coordinator, json: { ...body, indicators: [{ ...indicators[0], targetValue: 20 }] } });
    expect(edited.status).toBe(200);
    expect(edited.body.indicators.map((i: Json) => i.id)).toEqual([received]);
    const after = (await w.call("GET", `/reports/${report.report.id}`, { as: officer })).body;
    expect(after.figures.map((f: Json) => [f.rule.id, f.rule.targetValue, f.value])).toEqual([[received, 20, 12]]);
  });

  test("a ratio's target is a percentage; the consolidation says whether it is reached", async () => {
    // The plan is issued, its tasks fixed: the targets are set in the table, as a draft's editor would have.
    const db = w.services.database.db;
    await db.update(planTaskIndicators).set({ targetValue: 75 }).where(eq(planTaskIndicators.id, indicator["2"]!));
    await db.update(planTaskIndicators).set({ targetValue: 25 }).where(eq(planTaskIndicators.id, indicator["0"]!));
    const c = (await w.call("GET", `/regimes/${regime}/periods/2026-Q1/consolidation`, { as: coordinator })).body;
    // 16/20 = 80 % ≥ 75 %: reached; 20 received < 25: not reached.
    expect(c.figures.find((f: Json) => f.aggregation === "ratio")).toMatchObject({ targetValue: 75, targetMet: true });
    expect(c.figures.find((f: Json) => f.name === "Phản ánh, kiến nghị đã tiếp nhận")).toMatchObject({ value: 20, targetValue: 25, targetMet: false });
  });
});
