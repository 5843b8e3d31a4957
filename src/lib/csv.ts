/** CSV writing (RFC 4180) shared by the data scripts and the table exports. */

export type CsvCell = string | number | boolean | null | undefined;

export interface CsvOptions {
  /** Prefix text cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) with an apostrophe. */
  escapeFormulas?: boolean;
  /** Column order; defaults to the keys of the first record. */
  columns?: string[];
  /** Header row text, one per column; defaults to the column keys. */
  headers?: string[];
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** Neutralises a text cell that Excel or LibreOffice would otherwise evaluate as a formula. */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function cellText(value: CsvCell, escapeFormulas: boolean): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = escapeFormulas ? escapeFormula(value) : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Writes records as CSV with a header row and CRLF line ends (what Excel expects). */
export function stringify(records: Record<string, CsvCell>[], options: CsvOptions = {}): string {
  const columns = options.columns ?? Object.keys(records[0] ?? {});
  const escapeFormulas = options.escapeFormulas ?? false;
  const lines = [(options.headers ?? columns).map((c) => cellText(c, escapeFormulas)).join(",")];
  for (const record of records) {
    lines.push(columns.map((c) => cellText(record[c], escapeFormulas)).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}
