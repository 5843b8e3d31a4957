/**
 * The Decree 30/2020 format checker (thể thức): opens a .docx and lists what breaks Phụ lục I — page and
 * margins, font and sizes, the national title on one line, the motto's drawn line as long as the motto, the
 * number's and the date's leading zeros, the type name and the line under the summary, tables that repeat
 * their header and keep rows whole, "Nơi nhận" with "- Lưu: …" last, the signature block, page numbers from
 * page 2. Works on what Chỉ Số generates and on documents typed in Word.
 */
import { DECREE_30, MOTTO, NATIONAL_TITLE, mmFromTwips, textWidthMm, type DocumentFormat } from "./format.ts";
import { NotADocx, readDocx, type DocParagraph, type DocTable, type ReadDocument, type Run } from "./docx-reader.ts";
import { authorityMarker } from "../domain/document-format.ts";
import { AppError } from "../errors.ts";
import { readDocumentTypes } from "../services/shipped-data.ts";

export type RuleCode =
  | "page-size"
  | "margins"
  | "font"
  | "font-size"
  | "national-title"
  | "national-title-wraps"
  | "motto"
  | "motto-line"
  | "issuing-body"
  | "number"
  | "date"
  | "type-name"
  | "summary-line"
  | "table-header"
  | "table-rows"
  | "table-text"
  | "recipients"
  | "signature"
  | "page-numbers";

export interface Violation {
  rule: RuleCode;
  vi: string;
  en: string;
  /** The text the finding is about, shortened. */
  at: string | null;
}

export interface CheckResult {
  violations: Violation[];
  /** The rules the document was checked against. */
  checked: RuleCode[];
}

const norm = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim();
const short = (s: string) => (s.length > 70 ? `${s.slice(0, 67)}…` : s);
const visible = (p: DocParagraph) => p.runs.filter((r) => r.text.trim() !== "");
const sizes = (p: DocParagraph) => [...new Set(visible(p).map((r) => r.sizePt))];
const allBold = (p: DocParagraph) => visible(p).length > 0 && visible(p).every((r) => r.bold);
const allItalic = (p: DocParagraph) => visible(p).length > 0 && visible(p).every((r) => r.italic);
const inRange = (v: number | null, r: { min: number; max: number }) => v !== null && v >= r.min - 0.01 && v <= r.max + 0.01;

/** Every paragraph in reading order, with where it sits. */
interface Placed {
  p: DocParagraph;
  table: DocTable | null;
  row: number;
  cell: number;
  cellWidthTwips: number;
}

function flatten(blocks: (DocParagraph | DocTable)[], out: Placed[] = [], within: Omit<Placed, "p"> | null = null): Placed[] {
  for (const b of blocks) {
    if (b.kind === "paragraph") out.push({ p: b, ...(within ?? { table: null, row: -1, cell: -1, cellWidthTwips: 0 }) });
    else
      b.rows.forEach((row, r) =>
        row.cells.forEach((c, i) => flatten(c.blocks, out, { table: b, row: r, cell: i, cellWidthTwips: c.widthTwips || (b.gridTwips[i] ?? 0) })),
      );
  }
  return out;
}

/** The type names of Phụ lục III in capitals, as a document prints them (data/documents/document-types.csv). */
let typeNames: Set<string> | undefined;
const TYPE_NAMES = () => (typeNames ??= new Set(readDocumentTypes().map((t) => t.nameVi.toLocaleUpperCase("vi"))));

/** About a page of text at 14 pt: a document shorter than this needs no page numbers. */
const SHORT_DOCUMENT_CHARACTERS = 2500;

/** The width a centred line has in a paragraph of a cell (or of the page), in mm. */
function lineWidthMm(p: DocParagraph, spaceTwips: number): number {
  if (p.shapeLinesMm.length > 0) return Math.max(...p.shapeLinesMm);
  return mmFromTwips(spaceTwips - p.indent.left - p.indent.right);
}

/** The drawn line right under a paragraph: its own bottom border, or the next empty paragraph's border or shape. */
function lineUnder(list: Placed[], index: number, pageTextTwips: number): { widthMm: number } | null {
  const here = list[index]!;
  const space = here.table ? here.cellWidthTwips - (here.table.cellMarginTwips.left + here.table.cellMarginTwips.right) : pageTextTwips;
  if (here.p.bottomBorder !== null) return { widthMm: lineWidthMm(here.p, space) };
  for (let i = index + 1; i < list.length && i <= index + 2; i++) {
    const next = list[i]!;
    if (next.table !== here.table || next.cell !== here.cell || next.row !== here.row) break;
    if (next.p.text.trim() !== "") break;
    if (next.p.bottomBorder !== null || next.p.shapeLinesMm.length > 0) return { widthMm: lineWidthMm(next.p, space) };
  }
  if (here.p.shapeLinesMm.length > 0) return { widthMm: Math.max(...here.p.shapeLinesMm) };
  return null;
}

/** The longest printed line of a centred bold title set in a given width. */
function printedWidthMm(text: string, sizePt: number, spaceMm: number): number {
  let best = 0;
  for (const forced of text.split("\n")) {
    let line = "";
    for (const word of forced.trim().split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (line && textWidthMm(next, sizePt, true) > spaceMm) {
        best = Math.max(best, textWidthMm(line, sizePt, true));
        line = word;
      } else line = next;
    }
    best = Math.max(best, textWidthMm(line, sizePt, true));
  }
  return best;
}

/** Without a table, Nơi nhận's items are the "- …" paragraphs that follow it. */
function listAfter(after: Placed[]): Placed[] {
  const end = after.findIndex((x) => x.p.text.trim() !== "" && !/^[-–]\s/.test(norm(x.p.text)));
  return (end < 0 ? after : after.slice(0, end)).filter((x) => x.p.text.trim() !== "");
}

export function checkDocument(doc: ReadDocument, format: DocumentFormat = DECREE_30): CheckResult {
  const violations: Violation[] = [];
  const checked = new Set<RuleCode>();
  const add = (rule: RuleCode, vi: string, en: string, at: string | null = null) => violations.push({ rule, vi, en, at: at === null ? null : short(norm(at)) });
  const A4 = { w: Math.round((format.page.widthMm * 1440) / 25.4), h: Math.round((format.page.heightMm * 1440) / 25.4) };

  // Page and margins, every section.
  checked.add("page-size").add("margins");
  doc.sections.forEach((s, i) => {
    const portrait = Math.abs(s.widthTwips - A4.w) <= 20 && Math.abs(s.heightTwips - A4.h) <= 20;
    const landscape = Math.abs(s.widthTwips - A4.h) <= 20 && Math.abs(s.heightTwips - A4.w) <= 20;
    if (!portrait && !(landscape && i > 0))
      add("page-size", `Khổ giấy phải là A4 (210 × 297 mm), đứng; phần ${i + 1} là ${mmFromTwips(s.widthTwips).toFixed(0)} × ${mmFromTwips(s.heightTwips).toFixed(0)} mm.`, `Paper must be A4 portrait (210 × 297 mm); section ${i + 1} is ${mmFromTwips(s.widthTwips).toFixed(0)} × ${mmFromTwips(s.heightTwips).toFixed(0)} mm.`);
    const names = { top: "trên", bottom: "dưới", left: "trái", right: "phải" } as const;
    for (const side of ["top", "bottom", "left", "right"] as const) {
      const mm = mmFromTwips(s.margins[side]);
      const r = format.margins[side];
      if (mm < r.min - 0.5 || mm > r.max + 0.5)
        add("margins", `Lề ${names[side]} phải từ ${r.min} đến ${r.max} mm; văn bản đặt ${mm.toFixed(1).replace(".", ",")} mm.`, `The ${side} margin must be ${r.min}–${r.max} mm; it is ${mm.toFixed(1)} mm.`);
    }
  });

  const list = flatten(doc.blocks);
  const firstSection = doc.sections[0];
  const pageTextTwips = firstSection ? firstSection.widthTwips - firstSection.margins.left - firstSection.margins.right : 9355;
  const runs: Run[] = list.flatMap((x) => visible(x.p));

  // Font: Times New Roman everywhere text is printed.
  checked.add("font");
  const otherFonts = [...new Set(runs.filter((r) => r.font !== null && norm(r.font).toLowerCase() !== format.font.toLowerCase()).map((r) => r.font!))];
  if (otherFonts.length > 0) {
    const at = runs.find((r) => r.font === otherFonts[0])!.text;
    add("font", `Phông chữ phải là ${format.font}; văn bản dùng ${otherFonts.join(", ")}.`, `The font must be ${format.font}; the document uses ${otherFonts.join(", ")}.`, at);
  }

  const find = (test: (text: string) => boolean) => list.findIndex((x) => test(norm(x.p.text)));

  // The national title, on one line in its column.
  checked.add("national-title").add("national-title-wraps");
  const titleAt = find((t) => t.toUpperCase() === NATIONAL_TITLE);
  if (titleAt < 0) add("national-title", `Thiếu Quốc hiệu "${NATIONAL_TITLE}".`, `The national title "${NATIONAL_TITLE}" is missing.`);
  else {
    const t = list[titleAt]!;
    const size = sizes(t.p);
    if (!allBold(t.p) || !size.every((s) => inRange(s, format.size.nationalTitle)) || norm(t.p.text) !== NATIONAL_TITLE)
      add("national-title", `Quốc hiệu phải in hoa, đứng, đậm, cỡ chữ ${format.size.nationalTitle.min}–${format.size.nationalTitle.max}.`, `The national title must be upper case, bold, ${format.size.nationalTitle.min}–${format.size.nationalTitle.max} pt.`, t.p.text);
    const pt = size[0] ?? format.size.nationalTitle.use;
    const space = t.table ? mmFromTwips(t.cellWidthTwips - t.table.cellMarginTwips.left - t.table.cellMarginTwips.right - t.p.indent.left - t.p.indent.right) : null;
    const needed = textWidthMm(NATIONAL_TITLE, pt, true);
    if (t.p.text.includes("\n") || (space !== null && space + 0.3 < needed))
      add(
        "national-title-wraps",
        `Quốc hiệu phải nằm trên một dòng: cần ${needed.toFixed(1).replace(".", ",")} mm, cột chỉ rộng ${(space ?? 0).toFixed(1).replace(".", ",")} mm (nới cột, bỏ lề ô hoặc giảm cỡ chữ về 12).`,
        `The national title must stay on one line: it needs ${needed.toFixed(1)} mm, its column is ${(space ?? 0).toFixed(1)} mm.`,
        t.p.text,
      );
  }

  // The motto and its line, as long as the motto.
  checked.add("motto").add("motto-line");
  const mottoAt = find((t) => t === MOTTO || t.replace(/\s*[-–]\s*/g, "-") === MOTTO.replace(/ - /g, "-"));
  if (mottoAt < 0) add("motto", `Thiếu Tiêu ngữ "${MOTTO}".`, `The motto "${MOTTO}" is missing.`);
  else {
    const m = list[mottoAt]!;
    const size = sizes(m.p);
    if (norm(m.p.text) !== MOTTO) add("motto", `Tiêu ngữ phải viết "${MOTTO}" (gạch nối có cách chữ).`, `The motto must read "${MOTTO}" (spaced hyphens).`, m.p.text);
    if (!allBold(m.p) || !size.every((s) => inRange(s, format.size.motto)))
      add("motto", `Tiêu ngữ phải in đậm, cỡ chữ ${format.size.motto.min}–${format.size.motto.max}.`, `The motto must be bold, ${format.size.motto.min}–${format.size.motto.max} pt.`, m.p.text);
    const line = lineUnder(list, mottoAt, pageTextTwips);
    const next = list[mottoAt + 1]?.p.text ?? "";
    if (visible(m.p).some((r) => r.underline) || /^[\s_\-–—⎯]{5,}$/.test(next))
      add("motto-line", "Đường kẻ dưới Tiêu ngữ phải là nét liền vẽ thật, không dùng gạch chân hay chuỗi ký tự.", "The line under the motto must be a drawn solid line, not underlining or a run of characters.", m.p.text);
    else if (!line) add("motto-line", "Thiếu đường kẻ liền dưới Tiêu ngữ.", "The solid line under the motto is missing.", m.p.text);
    else {
      const want = textWidthMm(MOTTO, size[0] ?? format.size.motto.use, true);
      if (Math.abs(line.widthMm - want) > Math.max(3, want * 0.08))
        add("motto-line", `Đường kẻ dưới Tiêu ngữ phải dài bằng dòng chữ (${want.toFixed(0)} mm); văn bản kẻ ${line.widthMm.toFixed(0)} mm.`, `The line under the motto must be as long as the motto (${want.toFixed(0)} mm); it is ${line.widthMm.toFixed(0)} mm.`);
    }
  }

  // The number line.
  checked.add("number");
  const numberAt = find((t) => /^Số\s*:/.test(t));
  if (numberAt < 0) add("number", 'Thiếu dòng số, ký hiệu ("Số: …/KH-UBND").', 'The number line ("Số: …/KH-UBND") is missing.');
  else {
    const text = norm(list[numberAt]!.p.text);
    const m = /^Số\s*:\s*(\d*)\s*\/\s*(\S+)$/.exec(text);
    if (!m) add("number", 'Số, ký hiệu phải viết "Số: 05/KH-UBND": số và ký hiệu cách nhau bằng "/", không có dấu cách.', 'The number must read "Số: 05/KH-UBND".', text);
    else {
      if (m[1] && Number(m[1]) < 10 && m[1].length < 2) add("number", `Số dưới 10 phải có số 0 phía trước ("Số: 0${m[1]}/…").`, `Numbers below 10 take a leading zero ("0${m[1]}").`, text);
      if (/\s/.test(text.replace(/^Số\s*:\s*/, ""))) add("number", "Giữa số và ký hiệu không có dấu cách.", "No spaces inside the number and symbol.", text);
    }
  }

  // Place and date: italic, leading zeros for days below 10 and months 1–2, none for the other months.
  checked.add("date");
  const dateAt = find((t) => /ngày\b.*tháng\b.*năm\s+\d{4}/.test(t));
  if (dateAt < 0) add("date", 'Thiếu dòng địa danh và ngày tháng ("…, ngày … tháng … năm …").', 'The place and date line is missing.');
  else {
    const d = list[dateAt]!;
    const text = norm(d.p.text);
    if (!allItalic(d.p) || !sizes(d.p).every((s) => inRange(s, format.size.placeDate)))
      add("date", `Địa danh và ngày tháng phải in nghiêng, cỡ chữ ${format.size.placeDate.min}–${format.size.placeDate.max}.`, `Place and date must be italic, ${format.size.placeDate.min}–${format.size.placeDate.max} pt.`, text);
    const m = /ngày\s+(\d+)\s+tháng\s+(\d+)\s+năm/.exec(text);
    if (m) {
      const [day, month] = [m[1]!, m[2]!];
      if (Number(day) < 10 && day.length < 2) add("date", `Ngày dưới 10 phải có số 0 phía trước ("ngày 0${day}").`, `Days below 10 take a leading zero ("ngày 0${day}").`, text);
      if (Number(month) <= 2 && month.length < 2) add("date", `Tháng 1 và tháng 2 phải có số 0 phía trước ("tháng 0${month}").`, `January and February take a leading zero ("tháng 0${month}").`, text);
    }
  }

  // The issuing body: upper case, bold, a short line under it.
  checked.add("issuing-body");
  if (numberAt > 0) {
    const column = list[numberAt]!;
    // In a header table the issuing body is above the number in its column; in a header typed as plain
    // paragraphs it comes before the national title (the motto sits just above the number there).
    const end = column.table === null && titleAt >= 0 && titleAt < numberAt ? titleAt : numberAt;
    const above = list.slice(0, end).filter((x) => x.table === column.table && x.cell === column.cell && x.p.text.trim() !== "" && !/^[-_–—\s]+$/.test(x.p.text));
    const issuingIndex = above.length ? list.indexOf(above.at(-1)!) : -1;
    if (issuingIndex >= 0) {
      const b = list[issuingIndex]!;
      const text = b.p.text.split("\n").map(norm).join("\n");
      if (text !== text.toLocaleUpperCase("vi") || !allBold(b.p))
        add("issuing-body", "Tên cơ quan ban hành phải in hoa, đậm.", "The issuing body's name must be upper case and bold.", text);
      const line = lineUnder(list, issuingIndex, pageTextTwips);
      const spaceMm = mmFromTwips(b.cellWidthTwips || 0);
      const printed = printedWidthMm(text, sizes(b.p)[0] ?? format.size.bodyNames.use, spaceMm || 65);
      if (!line) add("issuing-body", "Thiếu đường kẻ ngắn dưới tên cơ quan ban hành.", "The short line under the issuing body is missing.", text);
      else if (line.widthMm < printed * 0.28 || line.widthMm > printed * 0.55)
        add("issuing-body", `Đường kẻ dưới tên cơ quan dài từ 1/3 đến 1/2 dòng chữ (${(printed / 3).toFixed(0)}–${(printed / 2).toFixed(0)} mm); văn bản kẻ ${line.widthMm.toFixed(0)} mm.`, `The line under the issuing body must be 1/3–1/2 of the text (${(printed / 3).toFixed(0)}–${(printed / 2).toFixed(0)} mm); it is ${line.widthMm.toFixed(0)} mm.`, text);
    }
  }

  // Type name, summary and its short line.
  checked.add("type-name").add("summary-line");
  const typeAt = list.findIndex((x) => x.table === null && TYPE_NAMES().has(norm(x.p.text)));
  // A Công văn has no type name: its summary is the "V/v …" line under the number.
  const officialLetter = typeAt < 0 && list.some((x) => /^V\/v\s/.test(norm(x.p.text)));
  if (typeAt < 0 && !officialLetter) add("type-name", "Thiếu tên loại văn bản (KẾ HOẠCH, BÁO CÁO …) in hoa, đậm, canh giữa.", "The document type's name (KẾ HOẠCH, BÁO CÁO …) is missing.");
  else if (typeAt >= 0) {
    const t = list[typeAt]!;
    if (!allBold(t.p) || !sizes(t.p).every((s) => inRange(s, format.size.body)))
      add("type-name", `Tên loại văn bản phải in đậm, cỡ chữ ${format.size.body.min}–${format.size.body.max}.`, `The type name must be bold, ${format.size.body.min}–${format.size.body.max} pt.`, t.p.text);
    let i = typeAt + 1;
    const summary: string[] = [];
    while (i < list.length && list[i]!.table === null && list[i]!.p.text.trim() !== "" && allBold(list[i]!.p)) summary.push(norm(list[i++]!.p.text));
    const lineIndex = summary.length ? i - 1 : typeAt;
    const line = lineUnder(list, lineIndex, pageTextTwips);
    const pageText = mmFromTwips(pageTextTwips);
    const longest = Math.max(0, ...summary.map((s) => printedWidthMm(s, format.size.body.use, pageText)));
    if (summary.length === 0) add("summary-line", "Thiếu trích yếu nội dung in đậm dưới tên loại văn bản.", "The bold summary under the type name is missing.", t.p.text);
    else if (!line) add("summary-line", "Thiếu đường kẻ ngắn dưới trích yếu.", "The short line under the summary is missing.", summary.join(" "));
    else if (line.widthMm < longest * 0.28 || line.widthMm > longest * 0.55)
      add("summary-line", `Đường kẻ dưới trích yếu dài từ 1/3 đến 1/2 dòng chữ (${(longest / 3).toFixed(0)}–${(longest / 2).toFixed(0)} mm); văn bản kẻ ${line.widthMm.toFixed(0)} mm.`, `The line under the summary must be 1/3–1/2 of the text (${(longest / 3).toFixed(0)}–${(longest / 2).toFixed(0)} mm); it is ${line.widthMm.toFixed(0)} mm.`, summary.join(" "));
  }

  // Recipients: "Nơi nhận:" bold italic 12, items 11 each "- …;", the last "- Lưu: …". The label may share its
  // paragraph with the items (a line break after it); beside the signature in a table, or on its own.
  checked.add("recipients").add("signature");
  const recipientsAt = list.findIndex((x) => /^Nơi nhận\s*:?$/.test(norm(x.p.text.split("\n")[0]!)));
  const rawFirstLine = (x: Placed) => norm(x.p.text.split("\n")[0]!);
  let signatureLines: Placed[] = [];
  if (recipientsAt < 0) add("recipients", 'Thiếu phần "Nơi nhận:".', 'The "Nơi nhận:" block is missing.');
  else {
    const label = list[recipientsAt]!;
    const labelRuns = visible(label.p).filter((r) => /Nơi nhận/.test(r.text) || r.text.trim() === ":");
    if (!labelRuns.every((r) => r.bold && r.italic && r.sizePt === format.size.recipientsLabel))
      add("recipients", `"Nơi nhận:" phải in nghiêng, đậm, cỡ chữ ${format.size.recipientsLabel}.`, `"Nơi nhận:" must be bold italic, ${format.size.recipientsLabel} pt.`, rawFirstLine(label));
    const after = list.slice(recipientsAt + 1);
    const followers = label.table
      ? after.filter((x) => x.table === label.table && x.row === label.row && x.cell === label.cell && x.p.text.trim() !== "")
      : listAfter(after);
    const ownLines = label.p.text.split("\n").slice(1).map((t) => ({ text: norm(t), x: label }));
    const lines = [...ownLines, ...followers.flatMap((x) => x.p.text.split("\n").map((t) => ({ text: norm(t), x })))].filter((l) => l.text !== "");
    if (lines.length === 0) add("recipients", 'Phần "Nơi nhận:" chưa có nơi nhận nào.', 'No recipient is listed under "Nơi nhận:".');
    else {
      const last = lines.at(-1)!;
      if (!/^- Lưu\s*:/.test(last.text) || !last.text.endsWith("."))
        add("recipients", 'Dòng cuối của "Nơi nhận" phải là "- Lưu: VT, …." (kết thúc bằng dấu chấm).', 'The last recipient line must be "- Lưu: VT, …." ending with a full stop.', last.text);
      for (const l of lines.slice(0, -1)) {
        if (!l.text.startsWith("- ") || !/[;:]$/.test(l.text)) {
          add("recipients", 'Mỗi nơi nhận bắt đầu bằng "- " và kết thúc bằng dấu chấm phẩy.', 'Each recipient starts with "- " and ends with ";".', l.text);
          break;
        }
      }
      const itemRuns = [...followers.flatMap((x) => visible(x.p)), ...visible(label.p).filter((r) => !labelRuns.includes(r))];
      if (itemRuns.some((r) => r.sizePt !== format.size.recipientsItems))
        add("recipients", `Các nơi nhận in cỡ chữ ${format.size.recipientsItems}.`, `Recipients are set at ${format.size.recipientsItems} pt.`, lines[0]!.text);
    }
    // The signature: beside Nơi nhận in the same row, or (without a table) the lines after the list.
    signatureLines = label.table
      ? list.filter((x) => x.table === label.table && x.row === label.row && x.cell !== label.cell && x.p.text.trim() !== "")
      : after.slice(followers.length).filter((x) => x.p.text.trim() !== "").slice(0, 4);
  }
  if (signatureLines.length === 0) add("signature", "Không tìm thấy khối chữ ký (quyền hạn, chức vụ, họ tên) bên phải Nơi nhận.", "No signature block (authority, title, name) beside Nơi nhận.");
  else {
    const [first, ...rest] = signatureLines;
    const firstText = norm(first!.p.text);
    const marker = authorityMarker(firstText);
    const titleLines = marker ? signatureLines.slice(0, 2) : signatureLines.slice(0, 1);
    for (const x of titleLines) {
      const t = norm(x.p.text);
      if (t !== t.toLocaleUpperCase("vi") || !allBold(x.p) || !sizes(x.p).every((s) => inRange(s, format.size.signature)))
        add("signature", `Quyền hạn và chức vụ người ký in hoa, đậm, cỡ chữ ${format.size.signature.min}–${format.size.signature.max}.`, `The signer's authority and title are upper case, bold, ${format.size.signature.min}–${format.size.signature.max} pt.`, t);
    }
    if (marker && rest.length === 0) add("signature", `Sau "${marker}" phải có chức vụ của người ký.`, `"${marker}" must be followed by the signer's title.`, firstText);
    const name = signatureLines.length > titleLines.length ? signatureLines.at(-1)! : null;
    if (name && (!allBold(name.p) || !sizes(name.p).every((s) => inRange(s, format.size.signature))))
      add("signature", `Họ tên người ký in đậm, cỡ chữ ${format.size.signature.min}–${format.size.signature.max}.`, `The signer's name is bold, ${format.size.signature.min}–${format.size.signature.max} pt.`, name.p.text);
  }

  // Body text sizes (outside the header and signature tables).
  checked.add("font-size");
  const bodyParas = list.filter((x) => x.table === null && x.p.text.trim() !== "");
  const wrong = bodyParas.find((x) => !sizes(x.p).every((s) => inRange(s, format.size.body)));
  if (wrong) add("font-size", `Chữ trong nội dung văn bản cỡ ${format.size.body.min}–${format.size.body.max}.`, `Body text must be ${format.size.body.min}–${format.size.body.max} pt.`, wrong.p.text);

  // Tables of content (bordered): header row repeated, rows kept whole, text not too small.
  checked.add("table-header").add("table-rows").add("table-text");
  const tables = doc.blocks.filter((b): b is DocTable => b.kind === "table" && b.bordered && b.rows.length > 1);
  for (const t of tables) {
    const firstCell = t.rows[0]!.cells.map((c) => c.blocks.filter((b): b is DocParagraph => b.kind === "paragraph").map((p) => p.text).join(" ")).join(" | ");
    if (!t.rows[0]!.header) add("table-header", "Dòng tiêu đề của bảng phải lặp lại ở đầu mỗi trang.", "A table's header row must repeat on every page.", firstCell);
    if (t.rows.some((r) => !r.cantSplit)) add("table-rows", "Các dòng của bảng không được ngắt sang trang sau.", "Table rows must not break across pages.", firstCell);
    const small = flatten([t]).flatMap((x) => visible(x.p)).find((r) => r.sizePt !== null && r.sizePt < format.size.table.min);
    if (small) add("table-text", `Chữ trong bảng không nhỏ hơn cỡ ${format.size.table.min}.`, `Table text is at least ${format.size.table.min} pt.`, small.text);
  }

  // Page numbers: centred in the top margin, from page 2.
  checked.add("page-numbers");
  const first = doc.sections[0];
  if (first) {
    const numbered = first.headers.find((h) => h.type === "default")?.hasPageField ?? false;
    const onFirst = first.titlePage ? (first.headers.find((h) => h.type === "first")?.hasPageField ?? false) : numbered;
    // A one-page document needs none; without page counts, a document this short fits one page.
    const oneCharacterPage = list.reduce((n, x) => n + x.p.text.length, 0) < SHORT_DOCUMENT_CHARACTERS && tables.length === 0;
    if (!numbered && !oneCharacterPage) add("page-numbers", "Thiếu số trang (đánh ở giữa, phía trên, từ trang thứ 2).", "Page numbers are missing (centred at the top, from page 2).");
    else if (onFirst) add("page-numbers", "Không đánh số trang thứ nhất.", "The first page carries no number.");
  }

  return { violations, checked: [...checked] };
}

/** Reads and checks a .docx file's bytes; a file that is not a .docx throws NotADocx. */
export function checkDocx(bytes: Uint8Array, format: DocumentFormat = DECREE_30): CheckResult {
  return checkDocument(readDocx(bytes), format);
}

/** The checker on a file a user gave (upload or command line): one that is not a .docx is told so by name. */
export function checkUserDocx(bytes: Uint8Array, fileName: string): CheckResult {
  try {
    return checkDocx(bytes);
  } catch (error) {
    if (error instanceof NotADocx) throw new AppError("document.not-docx", "unsupported", { fileName });
    throw error;
  }
}
