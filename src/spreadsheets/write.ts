/**
 * Downloads of tables as CSV (UTF-8 with BOM, so Excel shows Vietnamese correctly) and XLSX. Text cells
 * that a spreadsheet would run as a formula are escaped: a province note starting with "=" stays text.
 */
import { escapeFormula, stringify } from "../lib/csv.ts";

export interface ExportColumn {
  key: string;
  header: string;
  /** Number format for XLSX (e.g. "0.000"); CSV writes full precision. */
  numberFormat?: string;
  width?: number;
}

export interface ExportTable {
  sheetName: string;
  /** Lines above the table in XLSX (title, source); CSV keeps to the table only. */
  title?: string[];
  columns: ExportColumn[];
  rows: Record<string, string | number | boolean | null>[];
}

export function tableToCsv(table: ExportTable): Buffer {
  const text = stringify(table.rows, {
    columns: table.columns.map((c) => c.key),
    headers: table.columns.map((c) => c.header),
    escapeFormulas: true,
  });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
}

export async function tableToXlsx(table: ExportTable): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Chỉ Số";
  const sheet = workbook.addWorksheet(table.sheetName.slice(0, 31).replace(/[\\/?*[\]:]/g, " "));
  for (const line of table.title ?? []) {
    const row = sheet.addRow([escapeFormula(line)]);
    row.font = { bold: row.number === 1 };
  }
  if (table.title?.length) sheet.addRow([]);
  const headerRow = sheet.addRow(table.columns.map((c) => escapeFormula(c.header)));
  headerRow.font = { bold: true };
  headerRow.alignment = { vertical: "middle", wrapText: true };
  for (const record of table.rows) {
    sheet.addRow(
      table.columns.map((c) => {
        const value = record[c.key];
        return typeof value === "string" ? escapeFormula(value) : (value ?? null);
      }),
    );
  }
  table.columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = c.width ?? Math.min(40, Math.max(10, c.header.length + 2));
    if (c.numberFormat) column.numFmt = c.numberFormat;
  });
  sheet.views = [{ state: "frozen", ySplit: headerRow.number }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
