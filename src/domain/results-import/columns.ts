/**
 * Which column is which, whatever the file calls it: the long layout of the official results file
 * (year, gso_code_old, province_vi, dimension, subdimension, max_score, score), Vietnamese headers
 * ("Năm", "Mã tỉnh", "Điểm"), and the two optional group-label columns. Pure.
 */
import { foldVietnamese } from "../text.ts";
import type { SheetRow } from "../sheet.ts";

export type ResultsField =
  | "year"
  | "provinceCode"
  | "provinceName"
  | "dimension"
  | "subdimension"
  | "score"
  | "maxScore"
  | "totalGroup"
  | "dimensionGroup";

export type GroupsField = "year" | "provinceCode" | "provinceName" | "scope" | "group" | "source";

export type Layout = "results" | "groups";

const key = (header: string) => foldVietnamese(header).replaceAll(" ", "_");

const SHARED: Record<string, ResultsField & GroupsField> = {
  year: "year",
  nam: "year",
  gso_code_old: "provinceCode",
  gso_code: "provinceCode",
  province_code: "provinceCode",
  ma_tinh: "provinceCode",
  ma_don_vi: "provinceCode",
  province_vi: "provinceName",
  province: "provinceName",
  province_name: "provinceName",
  tinh: "provinceName",
  ten_tinh: "provinceName",
  tinh_thanh_pho: "provinceName",
};

const RESULTS: Record<string, ResultsField> = {
  ...SHARED,
  dimension: "dimension",
  chi_so_noi_dung: "dimension",
  subdimension: "subdimension",
  sub_dimension: "subdimension",
  noi_dung_thanh_phan: "subdimension",
  ma_noi_dung_thanh_phan: "subdimension",
  score: "score",
  diem: "score",
  max_score: "maxScore",
  diem_toi_da: "maxScore",
  total_group: "totalGroup",
  nhom_tong_hop: "totalGroup",
  dimension_group: "dimensionGroup",
  nhom_chi_so_noi_dung: "dimensionGroup",
};

const GROUPS: Record<string, GroupsField> = {
  ...SHARED,
  scope: "scope",
  pham_vi: "scope",
  group: "group",
  nhom: "group",
  source: "source",
  nguon: "source",
};

/** Columns of the official file that carry nothing the import needs (names and the 2025 mapping). */
const KNOWN_UNUSED = new Set(["province_key", "new_province_vi_2025", "gso_code_new_2025", "subdimension_name_en"]);

export const REQUIRED: Record<Layout, { fields: string[]; vi: string; en: string }> = {
  results: {
    fields: ["year", "province", "subdimension", "score"],
    vi: "các cột year (năm), gso_code_old (mã tỉnh) hoặc province_vi (tên tỉnh), subdimension (mã nội dung thành phần), score (điểm)",
    en: "columns year, gso_code_old (province code) or province_vi (province name), subdimension, score",
  },
  groups: {
    fields: ["year", "province", "scope", "group"],
    vi: "các cột year (năm), gso_code_old (mã tỉnh) hoặc province_vi (tên tỉnh), scope (total hoặc D1…D8), group (nhóm)",
    en: "columns year, gso_code_old or province_vi, scope (total or D1…D8), group",
  },
};

/** How a missing required field is named to the user: the column names of the official file. */
export const FIELD_NAMES: Record<string, { vi: string; en: string }> = {
  year: { vi: "year", en: "year" },
  province: { vi: "gso_code_old hoặc province_vi", en: "gso_code_old or province_vi" },
  subdimension: { vi: "subdimension", en: "subdimension" },
  score: { vi: "score", en: "score" },
  scope: { vi: "scope", en: "scope" },
  group: { vi: "group", en: "group" },
};

export interface HeaderMap<F extends string> {
  layout: Layout;
  headerRow: SheetRow;
  /** field → column position */
  positions: Partial<Record<F, number>>;
  /** Position → header text as written, for messages. */
  names: string[];
  /** Two columns for one field: `firstColumn` and `column` as written (the same text, or two aliases). */
  duplicates: { column: string; first: number; second: number; firstColumn: string }[];
  ignored: string[];
  missing: string[];
  /** Unrecognised headers that look like a misspelt required column: «scores» for score. */
  suggestions: { column: string; instead: string }[];
}

/** Edit distance, for spotting misspelt headers. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** A header close to one of the aliases of a missing field ("scores", "diem_so", "subdimesion"). */
function looksLike(header: string, alias: string): boolean {
  if (alias.length < 4) return false;
  return distance(header, alias) <= 2 || (header.length > alias.length && header.includes(alias));
}

function mapHeader<F extends string>(layout: Layout, row: SheetRow, aliases: Record<string, F>): HeaderMap<F> {
  const positions: Partial<Record<F, number>> = {};
  const duplicates: HeaderMap<F>["duplicates"] = [];
  const ignored: string[] = [];
  row.cells.forEach((cell, position) => {
    const k = key(cell);
    if (!k) return;
    const field = aliases[k];
    if (!field) {
      if (!KNOWN_UNUSED.has(k)) ignored.push(cell);
      return;
    }
    const first = positions[field];
    if (first !== undefined) {
      duplicates.push({ column: cell, first: first + 1, second: position + 1, firstColumn: row.cells[first] ?? cell });
    } else positions[field] = position;
  });
  const has = (f: string) => (positions as Record<string, number | undefined>)[f] !== undefined;
  const missing = REQUIRED[layout].fields.filter((f) =>
    f === "province" ? !has("provinceCode") && !has("provinceName") : !has(f),
  );
  const suggestions: HeaderMap<F>["suggestions"] = [];
  for (const f of missing) {
    const fields = f === "province" ? ["provinceCode", "provinceName"] : [f];
    const candidates = Object.entries(aliases as Record<string, string>).filter(([, field]) => fields.includes(field));
    for (const column of ignored) {
      const alias = candidates.find(([a]) => looksLike(key(column), a));
      if (alias && !suggestions.some((s) => s.column === column)) {
        suggestions.push({ column, instead: alias[1] === "provinceName" ? "province_vi" : alias[1] === "provinceCode" ? "gso_code_old" : f });
      }
    }
  }
  return { layout, headerRow: row, positions, names: row.cells, duplicates, ignored, missing, suggestions };
}

function recognised(row: SheetRow): number {
  return row.cells.filter((c) => key(c) in RESULTS || key(c) in GROUPS || KNOWN_UNUSED.has(key(c))).length;
}

/**
 * Finds the header: the first of the first ten non-empty rows that names at least two known columns (a
 * title line above the table is allowed). The layout is "groups" when it has scope and group columns.
 */
export function locateHeader(
  rows: readonly SheetRow[],
): HeaderMap<ResultsField> | HeaderMap<GroupsField> | null {
  const candidates = rows.filter((r) => r.cells.some((c) => c !== "")).slice(0, 10);
  const header = candidates.find((r) => recognised(r) >= 2) ?? candidates[0];
  if (!header) return null;
  const keys = new Set(header.cells.map(key));
  const isGroups = [...keys].some((k) => GROUPS[k] === "scope") && [...keys].some((k) => GROUPS[k] === "group");
  return isGroups ? mapHeader("groups", header, GROUPS) : mapHeader("results", header, RESULTS);
}

/** How well a sheet's header fits, to choose among the sheets of a workbook. */
export function headerScore(rows: readonly SheetRow[]): number {
  const header = locateHeader(rows);
  if (!header) return -1;
  return 10 - header.missing.length * 3 + Object.keys(header.positions).length;
}
