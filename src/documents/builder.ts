/**
 * Lays an DocumentLayout out as a .docx in the Decree 30/2020 format (format.ts): the two-column header
 * with its real drawn lines, the type and summary, the numbered body, tables that repeat their header and do
 * not split rows, Nơi nhận beside the signature, page numbers from page 2, appendices numbered on their own.
 * Knows nothing of HTTP or of where the data came from.
 *
 * Lines are bottom borders of empty paragraphs whose indents leave exactly the wanted length (the `docx`
 * library draws no shapes, and runs of "____" or underlines look broken, as users of other generators found).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ISectionOptions,
} from "docx";
import { DECREE_30, MOTTO, NATIONAL_TITLE, textWidthMm, textWidthOfPageMm, twipsFromMm, type DocumentFormat } from "./format.ts";
import type { Appendix, Block, DocumentLayout, DocumentTable } from "./model.ts";

const F = DECREE_30;
const halfPoints = (pt: number) => Math.round(pt * 2);
const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: "auto" } as const;
const NO_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER };
const THIN = { style: BorderStyle.SINGLE, size: 4, color: "000000" } as const;
/** Paragraph spacing in twips: 6 pt between body paragraphs (Phụ lục I asks for at least 6 pt). */
const SIX_PT = 120;

interface RunStyle {
  size: number;
  bold?: boolean;
  italics?: boolean;
}

function run(text: string, style: RunStyle): TextRun {
  return new TextRun({ text, font: F.font, size: halfPoints(style.size), bold: style.bold ?? false, italics: style.italics ?? false });
}

/** A centred paragraph; "\n" in the text is a line break inside it. */
function centred(text: string, style: RunStyle, spacing: { before?: number; after?: number } = {}): Paragraph {
  const lines = text.split("\n");
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: spacing.before ?? 0, after: spacing.after ?? 0 },
    children: lines.map((line, i) => new TextRun({ text: line, font: F.font, size: halfPoints(style.size), bold: style.bold ?? false, italics: style.italics ?? false, break: i > 0 ? 1 : 0 })),
  });
}

/**
 * A body's name as headers print it: on one line when it fits its column, else broken where clerks break it —
 * after "ỦY BAN NHÂN DÂN" ("ỦY BAN NHÂN DÂN / TỈNH LÀO CAI") — and otherwise wrapped by the column.
 */
export function headerName(name: string, sizePt: number, columnMm: number, bold: boolean): string {
  const upper = name.toLocaleUpperCase("vi").trim();
  if (textWidthMm(upper, sizePt, bold) <= columnMm) return upper;
  const council = /^(ỦY BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN) (.+)$/.exec(upper);
  if (council && textWidthMm(council[2]!, sizePt, bold) <= columnMm) return `${council[1]}\n${council[2]}`;
  return balancedLines(upper, sizePt, columnMm, bold);
}

/** A long name in as few lines as fit the column, the lines as even as possible (no "… LÀO / CAI" orphan). */
function balancedLines(text: string, sizePt: number, columnMm: number, bold: boolean): string {
  const words = text.split(/\s+/);
  const width = (from: number, to: number) => textWidthMm(words.slice(from, to).join(" "), sizePt, bold);
  // best[i][k]: the smallest widest line splitting words[i..] into k lines, and where its first line ends.
  const memo = new Map<string, { widest: number; end: number }>();
  const split = (i: number, k: number): { widest: number; end: number } => {
    const key = `${i}:${k}`;
    const known = memo.get(key);
    if (known) return known;
    let best = { widest: Number.POSITIVE_INFINITY, end: words.length };
    if (k === 1) best = { widest: width(i, words.length), end: words.length };
    else
      for (let end = i + 1; end <= words.length - (k - 1); end++) {
        const widest = Math.max(width(i, end), split(end, k - 1).widest);
        if (widest < best.widest) best = { widest, end };
      }
    memo.set(key, best);
    return best;
  };
  for (let k = 2; k <= Math.min(4, words.length); k++) {
    if (split(0, k).widest > columnMm) continue;
    const lines: string[] = [];
    for (let i = 0, left = k; left > 0; left--) {
      const { end } = split(i, left);
      lines.push(words.slice(i, end).join(" "));
      i = end;
    }
    return lines.join("\n");
  }
  return text;
}

/** A drawn line `lengthMm` long, centred in a space `spaceMm` wide: the bottom border of an empty, 2 pt high paragraph. */
function rule(lengthMm: number, spaceMm: number, format: DocumentFormat, after = 0): Paragraph {
  const side = twipsFromMm(Math.max(0, (spaceMm - lengthMm) / 2));
  return new Paragraph({
    indent: { left: side, right: side },
    spacing: { before: 100, after, line: 40, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: Math.round(format.ruleWeightPt * 8), color: "000000", space: 1 } },
    children: [run("", { size: 1 })],
  });
}

/** The short line under a title: a share of the title's printed length (the longest line when it wraps). */
function shortRule(text: string, sizePt: number, spaceMm: number, format: DocumentFormat, after = 0): Paragraph {
  const printed = Math.min(textWidthMm(text, sizePt, true), spaceMm);
  return rule(printed * format.shortLineShare.use, spaceMm, format, after);
}

function cell(children: (Paragraph | Table)[], widthMm: number, options: { borders?: boolean; padded?: boolean } = {}): TableCell {
  const pad = options.padded ? twipsFromMm(1.5) : 0;
  return new TableCell({
    width: { size: twipsFromMm(widthMm), type: WidthType.DXA },
    margins: { top: options.padded ? 40 : 0, bottom: options.padded ? 40 : 0, left: pad, right: pad },
    borders: options.borders ? { top: THIN, bottom: THIN, left: THIN, right: THIN } : { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER },
    verticalAlign: VerticalAlign.TOP,
    children,
  });
}

function layoutTable(widthsMm: number[], rows: TableRow[], borders: boolean): Table {
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: twipsFromMm(widthsMm.reduce((a, b) => a + b, 0)), type: WidthType.DXA },
    columnWidths: widthsMm.map(twipsFromMm),
    borders: borders ? { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN } : NO_BORDERS,
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    rows,
  });
}

/** The header: issuing body and number on the left, national title, motto and place-date on the right. */
function header(doc: DocumentLayout, format: DocumentFormat): Table {
  const [left, right] = format.headerColumnsMm;
  const names = format.size.bodyNames.use;
  const leftTop: Paragraph[] = [];
  if (doc.header.parentBody) leftTop.push(centred(headerName(doc.header.parentBody, names, left, false), { size: names }));
  const issuing = headerName(doc.header.issuingBody, names, left, true);
  leftTop.push(centred(issuing, { size: names, bold: true }));
  leftTop.push(shortRule(longestLine(issuing, names, left), names, left, format));

  const rightTop = [
    centred(NATIONAL_TITLE, { size: format.size.nationalTitle.use, bold: true }),
    centred(MOTTO, { size: format.size.motto.use, bold: true }),
    // As long as the motto: Phụ lục I draws it under the motto's full width.
    rule(textWidthMm(MOTTO, format.size.motto.use, true), right, format),
  ];
  const numberRow = new TableRow({
    cantSplit: true,
    children: [
      cell([centred(doc.header.numberLine, { size: format.size.numberLine }, { before: SIX_PT * 2 })], left),
      cell([centred(doc.header.placeDate, { size: format.size.placeDate.use, italics: true }, { before: SIX_PT * 2 })], right),
    ],
  });
  return layoutTable([left, right], [new TableRow({ cantSplit: true, children: [cell(leftTop, left), cell(rightTop, right)] }), numberRow], false);
}

/** The text of the longest printed line of a centred title in a column (titles wrap at spaces). */
function longestLine(text: string, sizePt: number, widthMm: number): string {
  let best = "";
  const keep = (line: string) => {
    if (textWidthMm(line, sizePt, true) > textWidthMm(best, sizePt, true)) best = line;
  };
  for (const forced of text.split("\n")) {
    let line = "";
    for (const word of forced.split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (line && textWidthMm(next, sizePt, true) > widthMm) {
        keep(line);
        line = word;
      } else line = next;
    }
    keep(line);
  }
  return best;
}

function titleBlock(doc: DocumentLayout, format: DocumentFormat): Paragraph[] {
  const width = textWidthOfPageMm(format);
  const size = format.size.body.use;
  const out = [centred(doc.typeName, { size, bold: true }, { before: SIX_PT * 3 })];
  const lines = doc.summary.split("\n");
  for (const line of lines) out.push(centred(line, { size, bold: true }));
  out.push(shortRule(longestLine(lines.join("\n"), size, width), size, width, format, SIX_PT * 2));
  if (doc.addressees.length === 1) {
    out.push(centred(`Kính gửi: ${doc.addressees[0]}.`, { size }, { after: SIX_PT * 2 }));
  } else if (doc.addressees.length > 1) {
    out.push(new Paragraph({ indent: { left: twipsFromMm(width * 0.25) }, spacing: { before: 0, after: 0 }, children: [run("Kính gửi:", { size })] }));
    doc.addressees.forEach((a, i) =>
      out.push(
        new Paragraph({
          indent: { left: twipsFromMm(width * 0.25 + 22) },
          spacing: { before: 0, after: i === doc.addressees.length - 1 ? SIX_PT * 2 : 0 },
          children: [run(`- ${a}${i === doc.addressees.length - 1 ? "." : ";"}`, { size })],
        }),
      ),
    );
  }
  return out;
}

function bodyParagraph(text: string, style: RunStyle, format: DocumentFormat, keepNext = false): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: twipsFromMm(format.firstLineIndentMm) },
    spacing: { before: SIX_PT, after: 0, line: 288, lineRule: LineRuleType.AUTO },
    keepNext,
    children: [run(text, style)],
  });
}

const HEADING_STYLE: Record<Extract<Block, { kind: "heading" }>["level"], Omit<RunStyle, "size">> = {
  part: { bold: true },
  section: { bold: true },
  subsection: { bold: true, italics: true },
  item: { italics: true },
};

function dataTable(table: DocumentTable, format: DocumentFormat): Table {
  const width = textWidthOfPageMm(format);
  const total = table.columns.reduce((s, c) => s + c.share, 0);
  const widths = table.columns.map((c) => (c.share / total) * width);
  const size = format.size.table.use;
  const align = (a: "left" | "center" | "right" | undefined) => (a === "center" ? AlignmentType.CENTER : a === "right" ? AlignmentType.RIGHT : AlignmentType.LEFT);
  const para = (text: string, alignment: (typeof AlignmentType)[keyof typeof AlignmentType], bold: boolean) =>
    text.split("\n").map((line) => new Paragraph({ alignment, spacing: { before: 20, after: 20 }, children: [run(line, { size, bold })] }));
  const headerRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: table.columns.map((c, i) => cell(para(c.title, AlignmentType.CENTER, true), widths[i]!, { borders: true, padded: true })),
  });
  const rows = table.rows.map(
    (r) =>
      new TableRow({
        cantSplit: true,
        children: r.cells.map((text, i) => cell(para(text, align(table.columns[i]?.align), r.bold ?? false), widths[i]!, { borders: true, padded: true })),
      }),
  );
  return layoutTable(widths, [headerRow, ...rows], true);
}

function body(blocks: Block[], format: DocumentFormat): (Paragraph | Table)[] {
  const size = format.size.body.use;
  const out: (Paragraph | Table)[] = [];
  for (const block of blocks) {
    if (block.kind === "heading") out.push(bodyParagraph(block.text, { size, ...HEADING_STYLE[block.level] }, format, true));
    else if (block.kind === "paragraph") out.push(bodyParagraph(block.text, { size, italics: block.italic ?? false }, format));
    else {
      out.push(dataTable(block.table, format));
      out.push(new Paragraph({ spacing: { before: 0, after: 0 }, children: [run("", { size })] }));
    }
  }
  return out;
}

/** Nơi nhận on the left, the signature on the right, in a row that never splits over two pages. */
function signatureBlock(doc: DocumentLayout, format: DocumentFormat): Table {
  const width = textWidthOfPageMm(format);
  const left = width * 0.5;
  const right = width - left;
  const items = [...doc.recipients.map((r) => `- ${r};`), `- Lưu: ${doc.archive}.`];
  const recipients = [
    new Paragraph({ spacing: { before: SIX_PT * 2, after: 0 }, children: [run("Nơi nhận:", { size: format.size.recipientsLabel, bold: true, italics: true })] }),
    ...items.map((text) => new Paragraph({ spacing: { before: 0, after: 0 }, children: [run(text, { size: format.size.recipientsItems })] })),
  ];
  const size = format.size.signature.use;
  const signature: Paragraph[] = [];
  if (doc.signature.authority) signature.push(centred(doc.signature.authority.toLocaleUpperCase("vi"), { size, bold: true }, { before: SIX_PT * 2 }));
  signature.push(centred(doc.signature.title.toLocaleUpperCase("vi"), { size, bold: true }, doc.signature.authority ? {} : { before: SIX_PT * 2 }));
  // Room for the signature and the seal (about 3 cm), then the name.
  signature.push(centred(doc.signature.name ?? "", { size, bold: true }, { before: twipsFromMm(30) }));
  return layoutTable([left, right], [new TableRow({ cantSplit: true, children: [cell(recipients, left), cell(signature, right)] })], false);
}

function pageNumberHeaders() {
  return {
    default: new Header({
      children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: F.font, size: halfPoints(F.size.body.use) })] })],
    }),
    first: new Header({ children: [new Paragraph({ children: [] })] }),
  };
}

function sectionProperties(format: DocumentFormat, restartNumbering: boolean): ISectionOptions["properties"] {
  return {
    titlePage: true,
    page: {
      size: { width: twipsFromMm(format.page.widthMm), height: twipsFromMm(format.page.heightMm) },
      margin: {
        top: twipsFromMm(format.margins.top.use),
        bottom: twipsFromMm(format.margins.bottom.use),
        left: twipsFromMm(format.margins.left.use),
        right: twipsFromMm(format.margins.right.use),
        header: twipsFromMm(10),
        footer: twipsFromMm(10),
      },
      ...(restartNumbering ? { pageNumbers: { start: 1 } } : {}),
    },
  };
}

function appendixSection(appendix: Appendix, format: DocumentFormat): ISectionOptions {
  const size = format.size.body.use;
  const width = textWidthOfPageMm(format);
  return {
    properties: sectionProperties(format, true),
    headers: pageNumberHeaders(),
    children: [
      centred(appendix.label, { size, bold: true }),
      centred(appendix.title.toLocaleUpperCase("vi"), { size, bold: true }),
      centred(appendix.reference, { size, italics: true }),
      shortRule(longestLine(appendix.title.toLocaleUpperCase("vi"), size, width), size, width, format, SIX_PT * 2),
      ...body(appendix.body, format),
    ],
  };
}

/** The .docx bytes of a document. */
export async function buildDocx(doc: DocumentLayout, format: DocumentFormat = DECREE_30): Promise<Buffer> {
  const document = new Document({
    creator: "Chỉ Số",
    title: doc.title,
    description: `${doc.typeName} ${doc.header.numberLine}`,
    styles: { default: { document: { run: { font: F.font, size: halfPoints(format.size.body.use) } } } },
    sections: [
      {
        properties: sectionProperties(format, false),
        headers: pageNumberHeaders(),
        children: [header(doc, format), ...titleBlock(doc, format), ...body(doc.body, format), signatureBlock(doc, format)],
      },
      ...doc.appendices.map((a) => appendixSection(a, format)),
    ],
  });
  return Packer.toBuffer(document);
}

