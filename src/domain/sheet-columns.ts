/**
 * Finding a table's columns in a sheet people made by hand: the header row is the first with at least
 * two known column names (title rows above it are skipped), names compared without diacritics, case or
 * spacing, with the aliases people use. Pure; shared by every sheet import.
 */
import type { SheetRow } from "./sheet.ts";
import { foldVietnamese } from "./text.ts";

export interface SheetColumn {
  key: string;
  vi: string;
  en: string;
  required: boolean;
  /** Other headers people write for it. */
  aliases: string[];
}

export const columnKey = (text: string) => foldVietnamese(text).replace(/[^a-z0-9]/g, "");

export type ColumnLocation =
  | { ok: true; headerIndex: number; headerRow: number; position: Map<string, { index: number; label: string }> }
  | { ok: false; headerRow: number | null; missing: SheetColumn[] };

export function locateColumns(columns: readonly SheetColumn[], rows: readonly SheetRow[]): ColumnLocation {
  const known = new Map(columns.flatMap((c) => [c.key, c.vi, c.en, ...c.aliases].map((label) => [columnKey(label), c] as const)));
  const headerIndex = rows.findIndex((r) => r.cells.filter((cell) => known.has(columnKey(cell))).length >= 2);
  if (headerIndex < 0) return { ok: false, headerRow: null, missing: columns.filter((c) => c.required) };
  const header = rows[headerIndex]!;
  const position = new Map<string, { index: number; label: string }>();
  header.cells.forEach((cell, index) => {
    const column = known.get(columnKey(cell));
    if (column && !position.has(column.key)) position.set(column.key, { index, label: cell.trim() });
  });
  const missing = columns.filter((c) => c.required && !position.has(c.key));
  if (missing.length > 0) return { ok: false, headerRow: header.rowNumber, missing };
  return { ok: true, headerIndex, headerRow: header.rowNumber, position };
}

/** A row's cells by column key, and each column's label as the file writes it (for messages). */
export function rowReader(columns: readonly SheetColumn[], position: Map<string, { index: number; label: string }>, row: SheetRow) {
  return {
    cell: (k: string) => {
      const p = position.get(k);
      return p ? (row.cells[p.index] ?? "").trim() : "";
    },
    label: (k: string) => position.get(k)?.label ?? columns.find((c) => c.key === k)!.vi,
  };
}
