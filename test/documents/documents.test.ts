/**
 * The four official documents filled from real data on both engines: Lào Cai's 170/KH-UBND (seed 004), the
 * Bắc Kạn 2021 analysis whose opening states seed 002's facts computed from the official results, an agency's
 * quarter report and the consolidated report of the quarter — each passing the format checker; the user's
 * edits; the API's downloads and refusals; PDF through LibreOffice where it is installed.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildDocx } from "../../src/documents/builder.ts";
import { checkDocx } from "../../src/documents/checker.ts";
import { readDocx, type DocParagraph, type DocTable } from "../../src/documents/docx-reader.ts";
import type { Block, OfficialDocument } from "../../src/documents/model.ts";
import { convertToPdf, findLibreOffice } from "../../src/documents/pdf.ts";
import { AppError } from "../../src/errors.ts";
import { SYSTEM_ACTOR } from "../../src/services/actor.ts";
import { ENGINES } from "../support/database.ts";
import { errorOf, type World } from "../accounts/support.ts";
import { createPlanWorld } from "../plans/support.ts";
import { regimeWithTask } from "../reports/support.ts";

const run = promisify(execFile);

/** Every paragraph's text of a document, tables included, as the .docx holds it. */
async function textOf(doc: OfficialDocument): Promise<string[]> {
  const out: string[] = [];
  const walk = (blocks: (DocParagraph | DocTable)[]) => {
    for (const b of blocks) {
      if (b.kind === "paragraph") out.push(b.text);
      else for (const r of b.rows) for (const c of r.cells) walk(c.blocks);
    }
  };
  walk(readDocx(await buildDocx(doc)).blocks);
  return out;
}

const paragraphs = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === "table" ? [] : [b.text]));

async function passes(doc: OfficialDocument) {
  const { violations } = checkDocx(await buildDocx(doc));
  expect(violations, violations.map((v) => `${v.rule}: ${v.vi}`).join("\n")).toEqual([]);
}

describe.each(ENGINES)("official documents on %s", (engine) => {
  let w: World;
  let laoCai: number;

  beforeAll(async () => {
    ({ w, laoCai } = await createPlanWorld(engine));
  });
  afterAll(async () => {
    await w?.services.close();
  });

  test("Lào Cai's 170/KH-UBND comes out like seed 004: header, targets as written, tasks by dimension, its Nơi nhận", async () => {
    const doc = await w.services.documents.plan(SYSTEM_ACTOR, laoCai);
    expect(doc.header).toEqual({
      parentBody: null,
      issuingBody: "ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
      numberLine: "Số: 170/KH-UBND",
      placeDate: "Lào Cai, ngày 25 tháng 4 năm 2019",
    });
    // Phụ lục I: the summary in ordinary letters, bold (the seed prints it in capitals; the decree does not).
    expect(doc.summary).toBe("Cải thiện Chỉ số Hiệu quả quản trị và Hành chính công cấp tỉnh (PAPI) của tỉnh Lào Cai năm 2019");
    const text = paragraphs(doc.body);
    expect(text).toContain("- Năm 2019, chỉ số PAPI của tỉnh Lào Cai xếp trong nhóm các tỉnh, thành phố đạt điểm cao nhất.");
    // Each sentence of the targets once, though it states two targets (a score and a group).
    expect(text.filter((t) => t.startsWith("+ Chỉ số nội dung “Công khai, minh bạch”: Đạt 5,88 điểm"))).toHaveLength(1);
    expect(text.filter((t) => t.startsWith("+ Chỉ số nội dung"))).toHaveLength(8);
    expect(text).toContain("1. Đối với nội dung “Tham gia của người dân ở cấp cơ sở”:");
    expect(text).toContain("8. Đối với nội dung “Quản trị điện tử”:");
    expect(text.indexOf("III. TỔ CHỨC THỰC HIỆN")).toBeGreaterThan(text.indexOf("8. Đối với nội dung “Quản trị điện tử”:"));
    expect(text.at(-1)).toMatch(/^Trên đây là Kế hoạch cải thiện .* nghiêm túc triển khai thực hiện\.\/\.$/);
    expect(doc.recipients).toHaveLength(10);
    expect(doc.recipients[0]).toBe("Văn phòng Chính phủ");
    expect(doc.archive).toBe("VT, KSTT1,2");
    expect(doc.signature).toEqual({ authority: "TM. ỦY BAN NHÂN DÂN", title: "CHỦ TỊCH", name: "Đặng Xuân Phong" });
    // The appendix the context refers to: the 2018 results, row by row.
    expect(doc.appendices[0]!.title).toBe("Kết quả Chỉ số PAPI năm 2018 của tỉnh Lào Cai");
    expect(doc.appendices[0]!.reference).toBe("(Kèm theo Kế hoạch số 170/KH-UBND ngày 25/04/2019 của Ủy ban nhân dân tỉnh Lào Cai)");
    await passes(doc);
  });

  test("the Bắc Kạn 2021 analysis states seed 002's facts, computed from the official results at a stated precision", async () => {
    const doc = await w.services.documents.analysis(SYSTEM_ACTOR, "Bắc Kạn", "PAPI", 2021);
    const text = (await textOf(doc)).join("\n");
    expect(text).toContain("Chỉ số PAPI có 08 chỉ số nội dung với 28 nội dung thành phần, điểm tối đa là 80 điểm");
    expect(text).toContain("Theo kết quả công bố Chỉ số PAPI năm 2021, tỉnh Bắc Kạn đạt 42,153/80 điểm, giảm 0,570 điểm so với năm 2020;");
    expect(text).toMatch(/xếp thứ 34\/63 tỉnh, thành phố.*, giảm 02 bậc so với năm 2020; ở nhóm thứ 3 là nhóm đạt điểm trung bình thấp\./);
    expect(text).toContain(
      "- 04/8 chỉ số nội dung đạt điểm thấp so với điểm tối đa, gồm: Tham gia của người dân ở cấp cơ sở đạt 4,86/10 điểm; Trách nhiệm giải trình với người dân đạt 4,25/10 điểm; Quản trị môi trường đạt 3,65/10 điểm; Quản trị điện tử đạt 2,58/10 điểm. Có 02/8 chỉ số nội dung xếp ở nhóm điểm thấp nhất, là: Thủ tục hành chính công và Quản trị điện tử; chưa có chỉ số nội dung xếp ở nhóm điểm cao nhất.",
    );
    for (const weak of [
      "Tri thức công dân 0,66/2,5 điểm",
      "Đóng góp tự nguyện 0,96/2,5 điểm",
      "Tiếp cận thông tin 0,84/2,5 điểm",
      "Giải đáp khiếu nại, tố cáo, khúc mắc của người dân 0,57/3,3 điểm",
      "Chất lượng nước 0,79/3,3 điểm",
      "Phúc đáp qua cổng thông tin điện tử 0,44/3,3 điểm",
    ])
      expect(text).toContain(weak);
    expect(text).toContain("dưới 1 điểm");
    // The precision is said once, in the document itself.
    expect(text).toContain("Điểm tổng hợp và mức tăng, giảm ghi đến 03 chữ số thập phân, tính từ điểm chưa làm tròn");
    // The stored plan that answers these results gives the header and the body.
    expect(doc.header.numberLine).toBe("Số: 416/KH-UBND");
    expect(doc.header.placeDate).toBe("Bắc Kạn, ngày 01 tháng 7 năm 2022");
    expect(text).toContain("1. Đối với nội dung “Tham gia của người dân ở cấp cơ sở”:");
    expect(text).toContain("Phụ lục");
    await passes(doc);
  });

  test("an analysis with no plan answering it yet opens the same way and frames the work on what is weak", async () => {
    const doc = await w.services.documents.analysis(SYSTEM_ACTOR, "Bắc Kạn", "PAPI", 2020);
    const text = paragraphs(doc.body);
    expect(doc.header.numberLine).toBe("Số:      /KH-UBND");
    expect(doc.header.placeDate).toBe("Bắc Kạn, ngày       tháng       năm 2021");
    expect(text.some((t) => t.startsWith("Theo kết quả công bố Chỉ số PAPI năm 2020, tỉnh Bắc Kạn đạt 42,"))).toBe(true);
    expect(text.some((t) => t.startsWith("- Tập trung cải thiện chỉ số nội dung “"))).toBe(true);
    await passes(doc);
  });

  test("an agency's quarter report and the consolidated report of the quarter, from the reports as sent", async () => {
    const regime = await regimeWithTask(w, "31/KH-UBND", [w.A.org.STC!, w.A.org.SXD!], [
      { name: "Thủ tục hành chính được công khai", unit: "thủ tục", aggregation: "sum", valueType: "integer", required: true },
    ] as never);
    const reports = w.services.reports;
    let view = await reports.open(SYSTEM_ACTOR, regime, w.A.org.STC!, "2026-Q1");
    const heading = view.outline.find((h) => h.node === "D5")!;
    view = await reports.save(SYSTEM_ACTOR, view.report.id, {
      version: view.report.version,
      sections: { [heading.key]: "Đã công khai 111 thủ tục hành chính trên Cổng dịch vụ công." },
      tasks: [{ taskId: view.tasks[0]!.task.id, status: "done", progress: 100, narrative: "Hoàn thành." }],
      figures: [{ indicatorId: view.figures[0]!.rule.id, value: 111 }],
      difficulties: "- Thiếu cán bộ chuyên trách.",
      proposals: "- Đề nghị bổ sung kinh phí số hóa hồ sơ.",
    });
    view = await reports.act(SYSTEM_ACTOR, view.report.id, "submit", { version: view.report.version });
    view = await reports.act(SYSTEM_ACTOR, view.report.id, "approve", { version: view.report.version });

    const agency = await w.services.documents.agencyReport(SYSTEM_ACTOR, view.report.id);
    expect(agency.typeName).toBe("BÁO CÁO");
    expect(agency.header.issuingBody).toBe("Sở Tài chính");
    expect(agency.header.numberLine).toBe("Số:      /BC-STC");
    expect(agency.summary).toBe("Kết quả thực hiện Kế hoạch cải thiện Chỉ số PAPI quý I năm 2026 của Sở Tài chính");
    const agencyText = paragraphs(agency.body);
    expect(agencyText[0]).toBe("Căn cứ Kế hoạch số 31/KH-UBND ngày 10/01/2026 của Ủy ban nhân dân tỉnh Lào Cai về cải thiện Chỉ số PAPI năm 2026.");
    expect(agencyText).toContain("Đã công khai 111 thủ tục hành chính trên Cổng dịch vụ công.");
    expect(agencyText).toContain("- Nhiệm vụ II.1: Công khai thủ tục hành chính — đã hoàn thành, tiến độ 100%. Hoàn thành.");
    expect(agencyText).toContain("- Đề nghị bổ sung kinh phí số hóa hồ sơ.");
    expect(agency.recipients).toEqual(["Sở Nội vụ", "Lãnh đạo đơn vị"]);
    expect(agency.archive).toBe("VT, STC");
    expect(agency.signature.title).toBe("GIÁM ĐỐC");
    await passes(agency);

    const province = await w.services.documents.provinceReport(SYSTEM_ACTOR, regime, "2026-Q1");
    expect(province.addressees).toEqual(["Ủy ban nhân dân tỉnh Lào Cai"]);
    expect(province.header.issuingBody).toBe("Sở Nội vụ");
    expect(province.header.parentBody).toBe("Ủy ban nhân dân tỉnh Lào Cai");
    const text = paragraphs(province.body);
    expect(text.some((t) => t.startsWith("- Có 1/2 cơ quan, đơn vị gửi báo cáo (50%)"))).toBe(true);
    expect(text).toContain("- Chưa gửi báo cáo: Sở Xây dựng.");
    expect(text).toContain("- Sở Tài chính: - Đề nghị bổ sung kinh phí số hóa hồ sơ.");
    const figures = province.body.find((b): b is Extract<Block, { kind: "table" }> => b.kind === "table" && b.table.columns[1]!.title === "Chỉ tiêu")!;
    expect(figures.table.rows[0]!.cells).toEqual(["1", "Thủ tục hành chính được công khai", "thủ tục", "111", "—", "—", "Sở Xây dựng"]);
    await passes(province);
  });

  test("an agency's own plan speaks for the agency; the analysis keeps to the province's plan", async () => {
    const parent = await regimeWithTask(w, "41/KH-UBND", [w.A.org.STC!]).then(async () => (await w.services.plans.findByNumber(SYSTEM_ACTOR, "41/KH-UBND"))[0]!.id);
    const sub = await w.services.subPlans.create(SYSTEM_ACTOR, parent, { organisationId: w.A.org.STC! });
    const doc = await w.services.documents.plan(SYSTEM_ACTOR, sub.id);
    expect(doc.header.numberLine).toBe("Số:      /KH-STC");
    expect(doc.archive).toBe("VT, STC");
    expect(doc.recipients).toEqual(["Sở Nội vụ", "Lãnh đạo cơ quan", "Các phòng, đơn vị thuộc cơ quan"]);
    const text = paragraphs(doc.body);
    expect(text).toContain("1. Các phòng, đơn vị thuộc cơ quan:");
    expect(text).not.toContain("1. Sở Nội vụ:");
    // A part the draft has nothing for says so rather than leaving a bare heading.
    expect(text[text.indexOf("I. MỤC TIÊU, YÊU CẦU") + 1]).toBe("(Nội dung đang được soạn thảo.)");
    await passes(doc);
    // A draft sub-plan with the analysis's baseline never stands in for the province's plan.
    const bacKanPlan = (await w.services.plans.findByNumber(SYSTEM_ACTOR, "416/KH-UBND"))[0]!;
    const analysis = await w.services.documents.analysis(SYSTEM_ACTOR, "Bắc Kạn", "PAPI", 2021);
    expect(analysis.header.numberLine).toBe(`Số: ${bacKanPlan.number}`);
  });

  test("an agency report lists each task once (under its first dimension, or as general work) and its deputy signs for the head", async () => {
    const regime = await regimeWithTask(w, "51/KH-UBND", [w.A.org.STC!]);
    const plan = (await w.services.plans.findByNumber(SYSTEM_ACTOR, "51/KH-UBND"))[0]!.id;
    for (const [ref, nodes] of [["II.2", ["D1", "D3"]], ["II.3", []]] as const)
      await w.services.tasks.create(
        SYSTEM_ACTOR,
        plan,
        { ref, text: `Nhiệm vụ ${ref}`, nodes: [...nodes], dueOn: null, recurrence: null, output: null, agencies: [{ role: "lead", organisationId: w.A.org.STC!, name: null }], indicators: [] },
        { allowIssued: true },
      );
    const deputy = await w.personWith("leader", w.A.org.STC!);
    await w.services.people.update(SYSTEM_ACTOR, deputy.userId, { jobTitle: "Phó Giám đốc" });
    let view = await w.services.reports.open(SYSTEM_ACTOR, regime, w.A.org.STC!, "2026-Q1");
    view = await w.services.reports.act(SYSTEM_ACTOR, view.report.id, "submit", { version: view.report.version });
    const approved = await w.call("POST", `/reports/${view.report.id}/approve`, { as: deputy, json: { version: view.report.version } });
    expect(approved.status).toBe(200);
    const doc = await w.services.documents.agencyReport(SYSTEM_ACTOR, view.report.id);
    const text = paragraphs(doc.body);
    expect(text.filter((t) => t.startsWith("- Nhiệm vụ II.2:"))).toHaveLength(1);
    expect(text[text.indexOf("- Nhiệm vụ II.2: Nhiệm vụ II.2 — chưa triển khai, tiến độ 0%.") - 1]).toBe("1. Chỉ số nội dung “Tham gia của người dân ở cấp cơ sở”");
    expect(text).toContain("- Nhiệm vụ II.3: Nhiệm vụ II.3 — chưa triển khai, tiến độ 0%.");
    expect(text[text.indexOf("- Nhiệm vụ II.3: Nhiệm vụ II.3 — chưa triển khai, tiến độ 0%.") - 1]).toMatch(/^\d\. Nhiệm vụ chung$/);
    expect(doc.signature).toMatchObject({ authority: "KT. GIÁM ĐỐC", title: "PHÓ GIÁM ĐỐC" });
    expect(doc.header.placeDate).toMatch(/^Lào Cai, ngày \d{2} tháng \d{1,2} năm 20\d{2}$/);
    await passes(doc);
  });

  test("the user's edits replace what they name; an unknown part is refused with the parts that exist", async () => {
    const doc = await w.services.documents.plan(SYSTEM_ACTOR, laoCai, {
      number: "171/KH-UBND",
      issuedOn: "2019-02-05",
      recipients: ["- Bộ Nội vụ;", "- Lưu: VT, NC."],
      signer: { authority: "KT. CHỦ TỊCH", title: "PHÓ CHỦ TỊCH", name: "Nguyễn Văn A" },
      sections: { closing: "Kế hoạch này thay thế các kế hoạch trước./." },
    });
    expect(doc.header.numberLine).toBe("Số: 171/KH-UBND");
    expect(doc.header.placeDate).toBe("Lào Cai, ngày 05 tháng 02 năm 2019");
    expect(doc.recipients).toEqual(["Bộ Nội vụ"]);
    expect(doc.archive).toBe("VT, NC");
    expect(paragraphs(doc.body).at(-1)).toBe("Kế hoạch này thay thế các kế hoạch trước./.");
    await passes(doc);
    await expect(w.services.documents.plan(SYSTEM_ACTOR, laoCai, { sections: { bogus: "x" } })).rejects.toMatchObject({ code: "document.section-unknown" });
  });

  test("the API answers a .docx download, refuses bad edits plainly, and checks an uploaded document", async () => {
    const coordinator = await w.personWith("coordinator", w.A.org.SNV!);
    const plan = (await w.call("POST", "/provinces/15/plans", { as: coordinator, json: { year: 2026, baselineYear: 2024, issuingBody: "Ủy ban nhân dân tỉnh Lào Cai", summary: "Cải thiện Chỉ số PAPI năm 2026" } })).body.id;
    const response = await w.app.request(`/api/v1/plans/${plan}/document`, { headers: coordinator.headers });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(response.headers.get("content-disposition")).toContain("filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20%28d%E1%BB%B1%20th%E1%BA%A3o%29.docx");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(checkDocx(bytes).violations).toEqual([]);

    const bad = await w.call("POST", `/plans/${plan}/document`, { as: coordinator, json: { issuedOn: "25/04/2019", sections: { closing: "x" } } });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).message).toMatch(/Ngày ban hành|issuedOn/);
    const unknown = await w.call("POST", `/plans/${plan}/document`, { as: coordinator, json: { sections: { ketLuan: "x" } } });
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown).message).toBe("Văn bản này không có phần «ketLuan» để sửa. Các phần sửa được: context, objectives, requirements, implementation, closing.");

    // The edit form starts from what the document would say.
    const parts = await w.call("GET", `/plans/${plan}/document/parts`, { as: coordinator });
    expect(parts.status).toBe(200);
    expect(parts.body).toMatchObject({ number: null, issuedOn: null, signer: { authority: "TM. ỦY BAN NHÂN DÂN", title: "CHỦ TỊCH", name: null } });
    expect(parts.body.recipients.at(-1)).toBe("Lưu: VT, SNV");
    expect(Object.keys(parts.body.sections).sort()).toEqual(["closing", "context", "implementation", "objectives", "requirements"]);
    expect(parts.body.sections.closing).toBe("Trên đây là Kế hoạch cải thiện Chỉ số PAPI năm 2026, yêu cầu các sở, ban, ngành, địa phương nghiêm túc triển khai thực hiện./.");
    expect(parts.body.sections.implementation).toContain("1. Sở Nội vụ:\n- Chủ trì, tham mưu giúp Ủy ban nhân dân tỉnh");

    const form = new FormData();
    form.append("file", new Blob([bytes]), "ke-hoach.docx");
    const checked = await w.call("POST", "/documents/check", { as: coordinator, body: form });
    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({ fileName: "ke-hoach.docx", passed: true, violations: [] });
    const notDocx = new FormData();
    notDocx.append("file", new Blob([new TextEncoder().encode("%PDF-1.4\n")]), "ke-hoach.docx");
    const refused = await w.call("POST", "/documents/check", { as: coordinator, body: notDocx });
    expect(refused.status).toBe(415);
    expect(errorOf(refused).message).toBe("Tệp «ke-hoach.docx» không phải văn bản Word (.docx) nên không kiểm tra được thể thức. Hãy lưu văn bản dưới dạng .docx rồi kiểm tra lại.");
  });
});

describe("PDF", () => {
  test("without LibreOffice the answer says so and that the .docx still works", async () => {
    const error = await convertToPdf(new Uint8Array([1, 2, 3]), null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("document.pdf-unavailable");
    expect((error as AppError).kind).toBe("unavailable");
  });

  const libreOffice = findLibreOffice();
  test.skipIf(!libreOffice)("a table longer than a page repeats its header on the next page; long names wrap in their column, the title stays on one line", async () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({ cells: [String(i + 1), `Nhiệm vụ số ${i + 1}: rà soát, công khai thủ tục hành chính`, "Sở Nội vụ"] }));
    const docx = await buildDocx({
      header: { parentBody: "Ủy ban nhân dân tỉnh Lào Cai", issuingBody: "Ban Quản lý các Khu công nghiệp và Khu kinh tế tỉnh", numberLine: "Số: 07/BC-BQL", placeDate: "Lào Cai, ngày 09 tháng 02 năm 2026" },
      typeName: "BÁO CÁO",
      summary: "Kết quả thực hiện quý I năm 2026",
      addressees: ["Sở Nội vụ tỉnh Lào Cai"],
      body: [{ kind: "table", table: { columns: [{ title: "STT", share: 1 }, { title: "Nhiệm vụ cần thực hiện", share: 6 }, { title: "Đơn vị chủ trì", share: 3 }], rows } }],
      recipients: ["Sở Nội vụ"],
      archive: "VT, BQL",
      signature: { authority: "KT. TRƯỞNG BAN", title: "PHÓ TRƯỞNG BAN", name: "Lê Thị B" },
      appendices: [],
      title: "Báo cáo",
    });
    const pdf = await convertToPdf(docx, libreOffice);
    const dir = await mkdtemp(join(tmpdir(), "chiso-pdf-test-"));
    try {
      await writeFile(join(dir, "a.pdf"), pdf);
      const page = async (n: number) => (await run("pdftotext", ["-layout", "-f", String(n), "-l", String(n), join(dir, "a.pdf"), "-"])).stdout;
      const first = await page(1);
      const second = await page(2);
      expect(first).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
      // The long name is on several lines of its own column (never beside the title on one line).
      const lines = first.split("\n");
      const start = lines.findIndex((l) => l.includes("BAN QUẢN LÝ CÁC"));
      expect(start).toBeGreaterThanOrEqual(0);
      expect(lines[start]).not.toContain("KINH TẾ");
      expect(lines.slice(start, start + 4).join(" ")).toContain("KINH TẾ TỈNH");
      expect(second).toContain("Nhiệm vụ cần thực hiện");
      expect(second).toMatch(/^\s*2\s*$/m);
      expect(first).not.toMatch(/^\s*1\s*$/m);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
