/**
 * Reads uploaded bytes as a spreadsheet: CSV (UTF-8 with or without BOM, UTF-16 as Excel's "Unicode
 * text", comma / semicolon / tab separated) or XLSX. What it cannot read, it names precisely: an empty
 * file, a PDF or image, a Word document, an old .xls, a broken .xlsx, a CSV in a legacy encoding.
 */
import { parse } from "csv-parse/sync";
import type { SheetRow, SheetTable } from "../domain/sheet.ts";
import { SheetReadError } from "./errors.ts";

export interface ReadLimits {
  maxBytes: number;
  maxRows: number;
  /** An XLSX is a zip: what it may unpack to (the official results file unpacks to ~4 MB). */
  maxUnpackedBytes: number;
}

export const DEFAULT_LIMITS: ReadLimits = { maxBytes: 20 * 1024 * 1024, maxRows: 200_000, maxUnpackedBytes: 200 * 1024 * 1024 };

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

/** What a non-spreadsheet file is, for the error message; null when it may be a spreadsheet. */
function recognise(bytes: Uint8Array): { kind: "xlsx" | "xls" | "text" } | { kind: "other"; detected: string } {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const head = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 64 * 1024))).toString("latin1");
    const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 64 * 1024))).toString("latin1");
    const names = head + tail;
    if (names.includes("word/")) return { kind: "other", detected: "Word (.docx)" };
    if (names.includes("ppt/")) return { kind: "other", detected: "PowerPoint (.pptx)" };
    if (names.includes("content.xml") && names.includes("mimetypeapplication/vnd.oasis"))
      return { kind: "other", detected: "OpenDocument (.ods/.odt)" };
    return { kind: "xlsx" };
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return { kind: "xls" };
  const signatures: [number[], string][] = [
    [[0x25, 0x50, 0x44, 0x46], "PDF"],
    [[0x89, 0x50, 0x4e, 0x47], "PNG"],
    [[0xff, 0xd8, 0xff], "JPEG"],
    [[0x47, 0x49, 0x46, 0x38], "GIF"],
    [[0x52, 0x61, 0x72, 0x21], "RAR"],
    [[0x1f, 0x8b], "gzip"],
    [[0x37, 0x7a, 0xbc, 0xaf], "7-Zip"],
    [[0x7b, 0x5c, 0x72, 0x74, 0x66], "RTF"],
  ];
  for (const [signature, name] of signatures) if (startsWith(bytes, signature)) return { kind: "other", detected: name };
  // Web pages and XML that reporting systems save with an .xls name ("Xuất Excel"): text, but no CSV.
  const start = Buffer.from(bytes.subarray(0, 1024)).toString("latin1").replace(/^(\xef\xbb\xbf|\xff\xfe|\xfe\xff)/, "");
  const head = start.replaceAll("\0", "").trimStart().toLowerCase();
  if (/^<(!doctype html|html|table|head|body|meta)[\s>]/.test(head)) return { kind: "other", detected: "HTML" };
  if (head.startsWith("<?xml")) return { kind: "other", detected: "XML" };
  return { kind: "text" };
}

/** Decodes CSV bytes; a legacy 8-bit encoding (Windows-1258, TCVN3) is refused with the line it breaks on. */
function decodeText(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) throw new SheetReadError("file.not-spreadsheet", { detected: "binary" });
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const lenient = new TextDecoder("utf-8").decode(bytes);
    const line = lenient.slice(0, lenient.indexOf("\uFFFD")).split("\n").length;
    throw new SheetReadError("file.encoding", { line });
  }
}

function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [",", ";", "\t"].map((d) => [d, firstLine.split(d).length - 1] as const);
  const [best] = [...counts].sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? best[0] : ",";
}

/**
 * Where a quoting error is, as a line the user can find: csv-parse reports an unclosed quote at the end
 * of the file (and counts CR and LF inside quotes as two lines), so the opening quote is found here.
 */
function csvError(text: string, delimiter: string, error: Error & { code?: string; lines?: number }): SheetReadError {
  const body = text.replace(/^\uFEFF/, "");
  if (error.code === "CSV_QUOTE_NOT_CLOSED") {
    let line = 1;
    let opened = 0;
    let quoted = false;
    let fieldStart = true;
    for (let i = 0; i < body.length; i += 1) {
      const c = body[i]!;
      if (quoted) {
        if (c === '"') {
          if (body[i + 1] === '"') i += 1;
          else quoted = false;
        } else if (c === "\n") line += 1;
        continue;
      }
      if (c === '"' && fieldStart) {
        quoted = true;
        opened = line;
      }
      if (c === "\n") line += 1;
      fieldStart = c === delimiter || c === "\n" || c === "\r";
    }
    const at = opened || (error.lines ?? 1);
    return new SheetReadError("file.csv-malformed", { line: at, reason: "unclosed-quote", excerpt: lineExcerpt(body, at) }, at);
  }
  // A quote inside an unquoted cell, or text after a closing quote: csv-parse's line is right here.
  const at = error.lines ?? 1;
  return new SheetReadError("file.csv-malformed", { line: at, reason: "stray-quote", excerpt: lineExcerpt(body, at) }, at);
}

function lineExcerpt(text: string, line: number): string {
  const content = (text.split("\n")[line - 1] ?? "").replace(/\r$/, "").trim();
  return content.length > 80 ? `${content.slice(0, 77)}…` : content;
}

function readCsv(bytes: Uint8Array, limits: ReadLimits): SheetTable {
  const text = decodeText(bytes);
  const delimiter = detectDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      to: limits.maxRows + 2,
    }) as string[][];
  } catch (error) {
    throw csvError(text, delimiter, error as Error & { code?: string; lines?: number });
  }
  if (records.length > limits.maxRows + 1) throw new SheetReadError("file.too-many-rows", { limit: limits.maxRows });
  const rows: SheetRow[] = records.map((cells, i) => ({ rowNumber: i + 1, cells: cells.map((c) => c.trim()) }));
  return { format: "csv", sheetName: null, rows };
}

/** An exceljs cell value as the text a user would see (formula → its result, error → "#DIV/0!"). */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    // A formula reads as its stored value. Without one (files written by scripts; exceljs also reads an
    // empty-string result this way) it reads as the formula, which the import refuses: an empty cell
    // would mean "not scored" and remove a stored score.
    if ("formula" in v || "sharedFormula" in v) {
      if (v.result !== undefined && v.result !== null) return cellText(v.result);
      return `=${String(v.formula ?? v.sharedFormula ?? "")}`;
    }
    if ("result" in v) return cellText(v.result);
    if ("error" in v) return String(v.error);
    if ("richText" in v && Array.isArray(v.richText)) return v.richText.map((r: { text: string }) => r.text).join("").trim();
    if ("text" in v) return cellText(v.text);
  }
  return String(value);
}

/**
 * The total uncompressed size the zip's central directory declares, read before anything is inflated:
 * a few kilobytes of zip can unpack to gigabytes, and exceljs unpacks in memory. A ZIP64 size
 * (0xFFFFFFFF) counts as unbounded. Null when there is no readable directory (exceljs then refuses it).
 */
export function declaredUnpackedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i -= 1) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const entries = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n += 1) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return null;
    const size = view.getUint32(offset + 24, true);
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY;
    total += size;
    offset += 46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return total;
}

async function readXlsx(bytes: Uint8Array, limits: ReadLimits): Promise<SheetTable[]> {
  const unpacked = declaredUnpackedSize(bytes);
  if (unpacked !== null && unpacked > limits.maxUnpackedBytes) {
    const mb = (n: number) => (Number.isFinite(n) ? Number((n / 1024 / 1024).toPrecision(3)) : "∞");
    throw new SheetReadError("file.xlsx-too-large", { unpackedMb: mb(unpacked), limitMb: mb(limits.maxUnpackedBytes) });
  }
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    throw new SheetReadError("file.xlsx-corrupt", { detail: (error as Error).message.slice(0, 120) });
  }
  if (workbook.worksheets.length === 0) {
    // A zip that is no workbook (a compressed folder of CSV files renamed .xlsx): exceljs finds no sheet.
    throw new SheetReadError("file.not-spreadsheet", { detected: "ZIP" });
  }
  const visible = workbook.worksheets.filter((sheet) => sheet.state === "visible" || sheet.state === undefined);
  if (visible.length === 0) {
    throw new SheetReadError("file.no-visible-sheet", { sheets: workbook.worksheets.map((s) => s.name).join(", ") });
  }
  return visible
    .map((sheet) => {
      if (sheet.actualRowCount > limits.maxRows + 1) throw new SheetReadError("file.too-many-rows", { limit: limits.maxRows });
      const rows: SheetRow[] = [];
      sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
        const values = row.values as unknown[];
        rows.push({ rowNumber, cells: values.slice(1).map(cellText) });
      });
      return { format: "xlsx" as const, sheetName: sheet.name, rows };
    });
}

/**
 * Reads a file into one table per sheet (a CSV has one). Throws SheetReadError for anything that is not
 * a readable spreadsheet; which sheet holds the data is for the caller to decide from the headers.
 */
export async function readSpreadsheet(bytes: Uint8Array, limits: ReadLimits = DEFAULT_LIMITS): Promise<SheetTable[]> {
  if (bytes.length === 0) throw new SheetReadError("file.empty");
  if (bytes.length > limits.maxBytes) {
    // Three significant digits: a 0.001 MB test limit must not read "0 MB".
    const mb = (n: number) => Number((n / 1024 / 1024).toPrecision(3));
    throw new SheetReadError("file.too-large", { sizeMb: mb(bytes.length), limitMb: mb(limits.maxBytes) });
  }
  const kind = recognise(bytes);
  switch (kind.kind) {
    case "xlsx":
      return readXlsx(bytes, limits);
    case "xls":
      throw new SheetReadError("file.xls-legacy");
    case "other":
      throw new SheetReadError("file.not-spreadsheet", { detected: kind.detected });
    case "text":
      return [readCsv(bytes, limits)];
  }
}
