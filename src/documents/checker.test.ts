/**
 * The format checker against documents that break one rule each: built with a format that breaks it, or
 * built right and then edited the way a hand-made document goes wrong. A well-made document passes.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, test } from "vitest";
import { buildDocx, headerName } from "./builder.ts";
import { checkDocx, type RuleCode } from "./checker.ts";
import { NotADocx } from "./docx-reader.ts";
import { DECREE_30, NATIONAL_TITLE, textWidthMm, type DocumentFormat } from "./format.ts";
import type { DocumentLayout } from "./model.ts";

const rows = Array.from({ length: 70 }, (_, i) => ({ cells: [String(i + 1), `Nhiệm vụ số ${i + 1}: tuyên truyền, phổ biến pháp luật về phòng, chống tham nhũng`, "Sở Nội vụ", "31/12/2026"] }));

function sample(overrides: Partial<DocumentLayout> = {}): DocumentLayout {
  return {
    header: { parentBody: null, issuingBody: "ỦY BAN NHÂN DÂN TỈNH LÀO CAI", numberLine: "Số: 05/KH-UBND", placeDate: "Lào Cai, ngày 05 tháng 01 năm 2026" },
    typeName: "KẾ HOẠCH",
    summary: "CẢI THIỆN CHỈ SỐ HIỆU QUẢ QUẢN TRỊ VÀ HÀNH CHÍNH CÔNG CẤP TỈNH (PAPI) NĂM 2026",
    addressees: [],
    body: [
      { kind: "paragraph", text: "Căn cứ kết quả Chỉ số PAPI năm 2025, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:" },
      { kind: "heading", level: "part", text: "I. MỤC TIÊU, YÊU CẦU" },
      { kind: "paragraph", text: "- Phấn đấu Chỉ số PAPI tổng hợp năm 2026 đạt từ 46,96 điểm trở lên." },
      {
        kind: "table",
        table: {
          columns: [
            { title: "STT", share: 1, align: "center" },
            { title: "Nhiệm vụ", share: 6 },
            { title: "Chủ trì", share: 2 },
            { title: "Thời hạn", share: 2, align: "center" },
          ],
          rows,
        },
      },
      { kind: "paragraph", text: "Trên đây là Kế hoạch cải thiện Chỉ số PAPI năm 2026./." },
    ],
    recipients: ["Bộ Nội vụ", "TT. Tỉnh ủy, HĐND tỉnh"],
    archive: "VT, SNV",
    signature: { authority: "TM. ỦY BAN NHÂN DÂN", title: "CHỦ TỊCH", name: "Nguyễn Văn An" },
    appendices: [],
    title: "Kế hoạch 05/KH-UBND",
    ...overrides,
  };
}

const withFormat = (change: (f: DocumentFormat) => void): DocumentFormat => {
  const f = structuredClone(DECREE_30);
  change(f);
  return f;
};

/** Edits a built document's XML the way a hand-made document goes wrong. */
function edit(bytes: Uint8Array, file: string, change: (xml: string) => string): Uint8Array {
  const files = unzipSync(bytes);
  const before = strFromU8(files[file]!);
  const after = change(before);
  expect(after, `the edit changed nothing in ${file}`).not.toBe(before);
  files[file] = strToU8(after);
  return zipSync(files);
}

const rulesOf = (bytes: Uint8Array) => checkDocx(bytes).violations.map((v) => v.rule);
const nth = (xml: string, pattern: RegExp, n: number, replace: (m: string) => string) => {
  let i = 0;
  return xml.replace(pattern, (m) => (i++ === n ? replace(m) : m));
};

describe("Decree 30 format checker", () => {
  test("a document built by the rules passes every rule, the long table included", async () => {
    const result = checkDocx(await buildDocx(sample()));
    expect(result.violations).toEqual([]);
    expect(result.checked.length).toBeGreaterThanOrEqual(18);
  });

  test("a file that is not a .docx is refused as such", async () => {
    const doc = await buildDocx(sample());
    expect(() => checkDocx(strToU8("Kế hoạch viết bằng tay"))).toThrow(NotADocx);
    expect(() => checkDocx(zipSync({ "hello.txt": strToU8("x") }))).toThrow(NotADocx);
    // An entity trick in a part is refused, not expanded.
    const files = unzipSync(Uint8Array.from(doc));
    files["word/document.xml"] = strToU8(`<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]>${strFromU8(files["word/document.xml"]!).replace(/^<\?xml[^>]*\?>/, "")}`);
    expect(() => checkDocx(zipSync(files))).toThrow(NotADocx);
  });

  const byFormat: [RuleCode, string, DocumentFormat][] = [
    ["margins", "a left margin of 20 mm", withFormat((f) => (f.margins.left.use = 20))],
    ["font-size", "body text at 12 pt", withFormat((f) => (f.size.body.use = 12))],
    ["national-title-wraps", "a national title column too narrow for it", withFormat((f) => (f.headerColumnsMm = [85, 80]))],
    ["issuing-body", "a line under the issuing body as long as the name", withFormat((f) => (f.shortLineShare.use = 0.95))],
    ["summary-line", "a line under the summary as long as the summary", withFormat((f) => (f.shortLineShare.use = 0.95))],
    ["table-text", "table text at 10 pt", withFormat((f) => (f.size.table.use = 10))],
    ["recipients", "Nơi nhận at 14 pt", withFormat((f) => (f.size.recipientsLabel = 14))],
    ["national-title", "a national title at 14 pt", withFormat((f) => (f.size.nationalTitle.use = 14))],
    ["motto", "a motto at 12 pt", withFormat((f) => (f.size.motto.use = 12))],
  ];
  test.each(byFormat)("finds %s: %s", async (rule, _what, format) => {
    expect(rulesOf(await buildDocx(sample(), format))).toContain(rule);
  });

  const byContent: [RuleCode, string, Partial<DocumentLayout>][] = [
    ["number", "a number below 10 without its zero", { header: { ...sample().header, numberLine: "Số: 5/KH-UBND" } }],
    ["number", "spaces around the slash", { header: { ...sample().header, numberLine: "Số: 15 / KH-UBND" } }],
    ["date", "a day below 10 without its zero", { header: { ...sample().header, placeDate: "Lào Cai, ngày 5 tháng 01 năm 2026" } }],
    ["date", "January without its zero", { header: { ...sample().header, placeDate: "Lào Cai, ngày 15 tháng 1 năm 2026" } }],
    ["type-name", "the type name not in capitals", { typeName: "Kế hoạch" }],
    ["recipients", "a recipient that does not end with ';'", { recipients: ["Bộ Nội vụ.\n- Sở Tài chính"] }],
  ];
  test.each(byContent)("finds %s: %s", async (rule, _what, overrides) => {
    expect(rulesOf(await buildDocx(sample(overrides)))).toContain(rule);
  });

  const byEdit: [RuleCode, string, string, (xml: string) => string][] = [
    ["page-size", "Letter paper", "word/document.xml", (x) => x.replaceAll('w:w="11906" w:h="16838"', 'w:w="12240" w:h="15840"')],
    ["font", "Arial in the body", "word/document.xml", (x) => x.replaceAll('w:ascii="Times New Roman"', 'w:ascii="Arial"').replaceAll('w:hAnsi="Times New Roman"', 'w:hAnsi="Arial"')],
    ["national-title", "the title spelt otherwise", "word/document.xml", (x) => x.replace(NATIONAL_TITLE, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")],
    ["motto", "the motto's hyphens without spaces", "word/document.xml", (x) => x.replace("Độc lập - Tự do - Hạnh phúc", "Độc lập-Tự do-Hạnh phúc")],
    // The second drawn line is the motto's (the first is under the issuing body).
    ["motto-line", "no line under the motto", "word/document.xml", (x) => nth(x, /<w:pBdr>.*?<\/w:pBdr>/g, 1, () => "")],
    ["motto-line", "a line under the motto twice its length", "word/document.xml", (x) => nth(x, /<w:ind w:left="\d+" w:right="\d+"\/>/g, 1, () => '<w:ind w:left="100" w:right="100"/>')],
    ["motto-line", "the motto underlined instead", "word/document.xml", (x) => x.replace(/(<w:sz w:val="28"\/><w:szCs w:val="28"\/><\/w:rPr><w:t xml:space="preserve">Độc lập)/, '<w:u w:val="single"/>$1')],
    ["summary-line", "no line under the summary", "word/document.xml", (x) => nth(x, /<w:pBdr>.*?<\/w:pBdr>/g, 2, () => "")],
    ["date", "the date upright", "word/document.xml", (x) => x.replace(/<w:i\/><w:iCs\/>(<w:sz w:val="28"\/><w:szCs w:val="28"\/><\/w:rPr><w:t xml:space="preserve">Lào Cai, ngày)/, '<w:i w:val="false"/>$1')],
    ["table-header", "a table whose header does not repeat", "word/document.xml", (x) => x.replaceAll("<w:tblHeader/>", "")],
    ["table-rows", "table rows that may break across pages", "word/document.xml", (x) => x.replaceAll("<w:cantSplit/>", "")],
    ["recipients", "no Lưu line last", "word/document.xml", (x) => x.replace("- Lưu: VT, SNV.", "- Sở Nội vụ;")],
    ["signature", "the signer's title in lower case", "word/document.xml", (x) => x.replace(">CHỦ TỊCH<", ">Chủ tịch<")],
    ["signature", "the signer's name not bold", "word/document.xml", (x) => x.replace(/<w:b\/><w:bCs\/>(<w:i w:val="false"\/><w:iCs w:val="false"\/><w:sz w:val="28"\/><w:szCs w:val="28"\/><\/w:rPr><w:t xml:space="preserve">Nguyễn Văn An)/, '<w:b w:val="false"/>$1')],
    ["page-numbers", "a number on the first page", "word/document.xml", (x) => x.replace("<w:titlePg/>", "")],
  ];
  test.each(byEdit)("finds %s: %s", async (rule, _what, file, change) => {
    expect(rulesOf(edit(await buildDocx(sample()), file, change))).toContain(rule);
  });

  test("finds page-numbers: no page number at all", async () => {
    const bytes = await buildDocx(sample());
    const headers = Object.keys(unzipSync(bytes)).filter((f) => /^word\/header\d+\.xml$/.test(f));
    let edited: Uint8Array = bytes;
    for (const h of headers) {
      const xml = strFromU8(unzipSync(edited)[h]!);
      if (xml.includes("PAGE")) edited = edit(edited, h, (x) => x.replaceAll("PAGE", "DATE"));
    }
    expect(rulesOf(edited)).toContain("page-numbers");
  });

  test("messages say in Vietnamese what is wrong and what is expected", async () => {
    const result = checkDocx(await buildDocx(sample({ header: { ...sample().header, placeDate: "Lào Cai, ngày 15 tháng 2 năm 2026" } })));
    const date = result.violations.find((v) => v.rule === "date")!;
    expect(date.vi).toBe('Tháng 1 và tháng 2 phải có số 0 phía trước ("tháng 02").');
    expect(date.at).toBe("Lào Cai, ngày 15 tháng 2 năm 2026");
  });
});

describe("documents made elsewhere are read as Word reads them, not flagged for how they are written", () => {
  test("a package that unpacks far beyond a document's size is refused before it is unpacked", async () => {
    const files = unzipSync(Uint8Array.from(await buildDocx(sample())));
    files["word/document.xml"] = strToU8(strFromU8(files["word/document.xml"]!).replace("</w:body>", `${" ".repeat(12 * 1024 * 1024)}</w:body>`));
    expect(() => checkDocx(zipSync(files))).toThrow(NotADocx);
  });

  test("cell widths given as percentages, as Word often writes them", async () => {
    const bytes = edit(await buildDocx(sample()), "word/document.xml", (x) => x.replace(/<w:tcW w:type="dxa" w:w="(\d+)"\/>/g, '<w:tcW w:type="pct" w:w="2500"/>'));
    expect(checkDocx(bytes).violations).toEqual([]);
  });

  test("Nơi nhận with its items in the same paragraph, after line breaks", async () => {
    const bytes = edit(await buildDocx(sample()), "word/document.xml", (x) =>
      x.replace(/(<w:t xml:space="preserve">Nơi nhận:<\/w:t><\/w:r>)<\/w:p><w:p>(<w:pPr>.*?<\/w:pPr>)?<w:r>(<w:rPr>.*?<\/w:rPr>)<w:t xml:space="preserve">- Bộ Nội vụ;<\/w:t>/, '$1<w:r>$3<w:br/><w:t xml:space="preserve">- Bộ Nội vụ;</w:t>'),
    );
    expect(checkDocx(bytes).violations).toEqual([]);
  });

  test("a one-page document needs no page number; a Công văn has no type name, only its V/v line", async () => {
    const short = { ...sample(), body: [{ kind: "paragraph" as const, text: "Nội dung ngắn." }] };
    const noNumbers = edit(await buildDocx(short), "word/document.xml", (x) => x.replace(/<w:headerReference [^>]*\/>/g, ""));
    expect(checkDocx(noNumbers).violations).toEqual([]);
    const letter = await buildDocx({ ...short, typeName: "V/v góp ý dự thảo Kế hoạch cải thiện Chỉ số PAPI", summary: "" });
    expect(checkDocx(letter).violations.map((v) => v.rule)).not.toContain("type-name");
  });
});

describe("long names in the header", () => {
  const longBody = "Ban Quản lý các Khu công nghiệp và Khu kinh tế tỉnh Lào Cai";
  const longParent = "Ủy ban nhân dân tỉnh Thừa Thiên Huế";

  test("a People's Committee breaks where clerks break it, after ỦY BAN NHÂN DÂN", () => {
    expect(headerName("Ủy ban nhân dân tỉnh Lào Cai", 13, 65, true)).toBe("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI");
    expect(headerName("Sở Nội vụ", 13, 65, true)).toBe("SỞ NỘI VỤ");
    // A long name is broken into even lines that each fit the column, not wrapped into a one-word orphan.
    expect(headerName(longBody, 13, 65, true)).toBe("BAN QUẢN LÝ CÁC KHU\nCÔNG NGHIỆP VÀ KHU\nKINH TẾ TỈNH LÀO CAI");
    expect(headerName("Báo và Phát thanh, Truyền hình tỉnh Lào Cai", 13, 65, true)).toBe("BÁO VÀ PHÁT\nTHANH, TRUYỀN\nHÌNH TỈNH LÀO CAI");
    for (const line of headerName(longBody, 13, 65, true).split("\n")) expect(textWidthMm(line, 13, true)).toBeLessThanOrEqual(65);
  });

  test("wrap inside their column and leave the national title on one line", async () => {
    const bytes = await buildDocx(sample({ header: { ...sample().header, parentBody: longParent, issuingBody: longBody } }));
    const result = checkDocx(bytes);
    expect(result.violations).toEqual([]);
    // The title's column holds the title at its size with room to spare, whatever the left column holds.
    expect(textWidthMm(NATIONAL_TITLE, DECREE_30.size.nationalTitle.use, true)).toBeLessThan(DECREE_30.headerColumnsMm[1]);
    expect(textWidthMm(longBody.toLocaleUpperCase("vi"), 13, true)).toBeGreaterThan(DECREE_30.headerColumnsMm[0]);
  });
});
