/**
 * Checks every row of an uploaded results (or group-label) table against the framework of its year and
 * the provinces of its year, and turns the valid rows into typed records. Nothing is written here: the
 * service applies the records only when there is no error at all. Pure.
 */
import { formatCompact } from "../format.ts";
import { findSubdimension, versionForYear, type FrameworkVersion, type IndexDefinition } from "../frameworks.ts";
import { parseGroupLabel, type Group } from "../groups.ts";
import type { SheetRow, SheetTable } from "../sheet.ts";
import { foldVietnamese } from "../text.ts";
import { matchProvince } from "../units.ts";
import { FIELD_NAMES, locateHeader, REQUIRED, type GroupsField, type HeaderMap, type Layout, type ResultsField } from "./columns.ts";
import type { ImportIssue } from "./issues.ts";

export interface ProvinceCandidate {
  code: string;
  name: string;
  fullName: string;
}

export interface UnitsForYear {
  /** How the list is called in messages: "63 tỉnh, thành phố (trước 01/07/2025)". */
  labelVi: string;
  labelEn: string;
  units: readonly ProvinceCandidate[];
}

export interface ImportContext {
  index: IndexDefinition;
  provincesForYear(year: number): UnitsForYear;
  /** Explains a province that exists in another period ("Huế" for 2021 → Thừa Thiên Huế). */
  hintFor?(query: string, year: number): { vi: string; en: string } | null;
}

export interface ParsedScore {
  row: number;
  year: number;
  unitCode: string;
  subdimensionCode: string;
  /** null: the province was not scored on this item (an empty cell). */
  value: number | null;
}

export interface ParsedGroup {
  row: number;
  year: number;
  unitCode: string;
  /** "total" or a dimension code. */
  scope: string;
  group: Group;
  source: string | null;
}

export interface ValidationResult {
  layout: Layout;
  dataRows: number;
  years: number[];
  errors: ImportIssue[];
  /** All errors found; `errors` keeps only the first `maxErrors`. */
  errorCount: number;
  warnings: ImportIssue[];
  scores: ParsedScore[];
  groups: ParsedGroup[];
}

/** Cells that mean "not scored": empty, or the NA / N/A of statistical exports. */
const MISSING = new Set(["", "na", "n/a"]);
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** "1.264", "1,264" (decimal comma), "1.2e-1" → number; anything else → null. */
export function parseDecimal(text: string): number | null {
  const t = text.trim().replace(/^([-+]?\d+),(\d+)$/, "$1.$2");
  return DECIMAL.test(t) ? Number(t) : null;
}

function parseYear(text: string): number | null {
  const t = text.trim().replace(/\.0+$/, "");
  return /^\d{4}$/.test(t) ? Number(t) : null;
}

/** "1,1" and " 1.1 " are 1.1; a code Excel turned into a number ("1.10" → "1.1") is accepted as written. */
function normaliseCode(text: string): string {
  return text.trim().replace(",", ".");
}

function normaliseScope(text: string, version: FrameworkVersion): string | null {
  const folded = foldVietnamese(text);
  if (["total", "tong", "tong hop", "chi so tong hop", "papi"].includes(folded)) return "total";
  const match = /^d?\s*(\d+)$/.exec(folded);
  if (!match) return null;
  const code = `D${Number(match[1])}`;
  return version.dimensions.some((d) => d.code === code) ? code : null;
}

const vi = (n: number) => formatCompact(n, 4, "vi");
const en = (n: number) => formatCompact(n, 4, "en");

export function validateTable(
  table: SheetTable,
  ctx: ImportContext,
  options: { maxErrors?: number } = {},
): ValidationResult {
  const maxErrors = options.maxErrors ?? 200;
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  let errorCount = 0;
  const fail = (issue: ImportIssue) => {
    errorCount += 1;
    if (errors.length < maxErrors) errors.push(issue);
  };
  const result = (layout: Layout, extra: Partial<ValidationResult> = {}): ValidationResult => ({
    layout,
    dataRows: 0,
    years: [],
    errors,
    errorCount,
    warnings,
    scores: [],
    groups: [],
    ...extra,
  });

  const header = locateHeader(table.rows);
  if (!header) {
    fail({ code: "file.no-rows" });
    return result("results");
  }
  const layout = header.layout;
  if (header.missing.length > 0) {
    const found = header.names.filter((n) => n !== "");
    fail({
      code: "columns.missing",
      row: header.headerRow.rowNumber,
      params: {
        missing: header.missing.map((f) => FIELD_NAMES[f]?.vi ?? f).join(", "),
        missingEn: header.missing.map((f) => FIELD_NAMES[f]?.en ?? f).join(", "),
        found: found.join(", ") || "(không có)",
        foundEn: found.join(", ") || "(none)",
        hint: header.suggestions.map((s) => `Cột «${s.column}» có phải là cột «${s.instead}» viết sai tên?`).join(" "),
        hintEn: header.suggestions.map((s) => `Is column "${s.column}" a misspelt "${s.instead}"?`).join(" "),
        required: REQUIRED[layout].vi,
        requiredEn: REQUIRED[layout].en,
      },
    });
  }
  for (const d of header.duplicates) fail({ code: "columns.duplicate", row: header.headerRow.rowNumber, params: d });
  if (errorCount > 0) return result(layout);
  if (header.ignored.length > 0) warnings.push({ code: "columns.ignored", params: { columns: header.ignored.join(", ") } });

  const dataRows = table.rows.filter(
    (r) => r.rowNumber > header.headerRow.rowNumber && r.cells.some((c) => c !== ""),
  );
  if (dataRows.length === 0) {
    fail({ code: "file.no-rows" });
    return result(layout);
  }

  const reader = rowReader(table, header as HeaderMap<string>, fail);
  const resolveProvince = provinceResolver(ctx);
  const years = new Set<number>();
  const scores: ParsedScore[] = [];
  const groups: ParsedGroup[] = [];
  const seen = new Map<string, { row: number; value: string }>();
  const groupSeen = new Map<string, { row: number; value: string; group: Group }>();

  const addGroup = (row: SheetRow, column: string, text: string, year: number, unitCode: string, scope: string, source: string | null) => {
    const group = parseGroupLabel(text);
    if (!group) {
      fail({ code: "group.invalid", row: row.rowNumber, column, value: text });
      return;
    }
    const key = `${year}|${unitCode}|${scope}`;
    const first = groupSeen.get(key);
    if (!first) {
      groupSeen.set(key, { row: row.rowNumber, value: text, group });
      groups.push({ row: row.rowNumber, year, unitCode, scope, group, source });
    } else if (first.group !== group) {
      fail({
        code: "group.inconsistent",
        row: row.rowNumber,
        column,
        value: text,
        params: { firstRow: first.row, firstValue: first.value },
      });
    } else if (layout === "groups") {
      fail({ code: "row.duplicate", row: row.rowNumber, params: { firstRow: first.row } });
    }
  };

  for (const row of dataRows) {
    if (!reader.fieldCountOk(row)) continue;
    const yearText = reader.cell(row, "year");
    const year = parseYear(yearText);
    if (year === null) {
      fail({ code: "year.invalid", row: row.rowNumber, column: reader.name("year"), value: yearText });
      continue;
    }
    const version = versionForYear(ctx.index, year);
    if (!version) {
      fail({
        code: "year.no-framework",
        row: row.rowNumber,
        column: reader.name("year"),
        value: yearText,
        params: { index: ctx.index.code, firstYear: ctx.index.versions[0]?.fromYear ?? "" },
      });
      continue;
    }
    years.add(year);
    const province = resolveProvince(row, year, reader);
    if ("issue" in province) {
      fail(province.issue);
      continue;
    }
    const unitCode = province.code;

    if (layout === "groups") {
      const scopeText = reader.cell(row, "scope");
      const scope = normaliseScope(scopeText, version);
      if (!scope) {
        fail({
          code: "scope.invalid",
          row: row.rowNumber,
          column: reader.name("scope"),
          value: scopeText,
          params: { year, valid: version.dimensions.map((d) => d.code).join(", ") },
        });
        continue;
      }
      const groupText = reader.cell(row, "group");
      if (groupText === "") {
        fail({ code: "group.missing", row: row.rowNumber, column: reader.name("group") });
        continue;
      }
      const source = reader.cell(row, "source") || null;
      addGroup(row, reader.name("group"), groupText, year, unitCode, scope, source);
      continue;
    }

    // results layout
    const codeText = reader.cell(row, "subdimension");
    if (codeText === "") {
      fail({ code: "subdimension.missing", row: row.rowNumber, column: reader.name("subdimension") });
      continue;
    }
    const code = normaliseCode(codeText);
    const node = findSubdimension(version, code);
    if (!node) {
      fail({
        code: "subdimension.unknown-for-year",
        row: row.rowNumber,
        column: reader.name("subdimension"),
        value: codeText,
        params: {
          index: ctx.index.code,
          year,
          version: version.code,
          valid: version.dimensions.flatMap((d) => d.children.map((c) => c.code)).join(", "),
        },
      });
      continue;
    }
    let rowOk = true;
    const dimensionText = reader.cell(row, "dimension");
    if (dimensionText !== "") {
      const given = /^\d+$/.test(dimensionText) ? `D${dimensionText}` : dimensionText.toUpperCase();
      if (given !== node.dimensionCode) {
        rowOk = false;
        fail({
          code: "dimension.mismatch",
          row: row.rowNumber,
          column: reader.name("dimension"),
          value: dimensionText,
          params: { subdimension: code, year, expected: node.dimensionCode },
        });
      }
    }
    const maxText = reader.cell(row, "maxScore");
    if (maxText !== "") {
      const max = parseDecimal(maxText);
      if (max === null || Math.abs(max - node.max) > 0.01) {
        rowOk = false;
        fail({
          code: "max.mismatch",
          row: row.rowNumber,
          column: reader.name("maxScore"),
          value: maxText,
          params: { subdimension: code, year, expected: vi(node.max), expectedEn: en(node.max) },
        });
      }
    }
    const scoreText = reader.cell(row, "score");
    let value: number | null = null;
    if (!MISSING.has(scoreText.toLowerCase())) {
      value = parseDecimal(scoreText);
      if (value === null) {
        rowOk = false;
        fail({ code: "score.not-a-number", row: row.rowNumber, column: reader.name("score"), value: scoreText });
      } else if (value < 0 || value > node.max + 0.0005) {
        rowOk = false;
        fail({
          code: "score.out-of-range",
          row: row.rowNumber,
          column: reader.name("score"),
          value: scoreText,
          params: {
            year,
            what: `nội dung thành phần ${code} (${node.nameVi})`,
            whatEn: `sub-dimension ${code} (${node.nameEn})`,
            min: vi(0),
            max: vi(node.max),
            minEn: en(0),
            maxEn: en(node.max),
          },
        });
      }
    }
    const key = `${year}|${unitCode}|${code}`;
    const first = seen.get(key);
    if (first) {
      const same = first.value === scoreText || parseDecimal(first.value) === parseDecimal(scoreText);
      fail({
        code: same ? "row.duplicate" : "row.conflicting-duplicate",
        row: row.rowNumber,
        column: same ? undefined : reader.name("score"),
        value: same ? undefined : scoreText,
        params: { firstRow: first.row, firstValue: first.value },
      });
      continue;
    }
    seen.set(key, { row: row.rowNumber, value: scoreText });
    if (rowOk) scores.push({ row: row.rowNumber, year, unitCode, subdimensionCode: code, value });

    const totalGroup = reader.cell(row, "totalGroup");
    if (totalGroup !== "") addGroup(row, reader.name("totalGroup"), totalGroup, year, unitCode, "total", null);
    const dimensionGroup = reader.cell(row, "dimensionGroup");
    if (dimensionGroup !== "")
      addGroup(row, reader.name("dimensionGroup"), dimensionGroup, year, unitCode, node.dimensionCode, null);
  }

  return result(layout, {
    dataRows: dataRows.length,
    years: [...years].sort((a, b) => a - b),
    scores: errorCount === 0 ? scores : [],
    groups: errorCount === 0 ? groups : [],
  });
}

type Field = ResultsField | GroupsField;

function rowReader(table: SheetTable, header: HeaderMap<string>, fail: (issue: ImportIssue) => void) {
  const positions = header.positions as Partial<Record<Field, number>>;
  const width = header.names.length;
  return {
    cell(row: SheetRow, field: Field): string {
      const position = positions[field];
      return position === undefined ? "" : (row.cells[position] ?? "").trim();
    },
    name(field: Field): string {
      const position = positions[field];
      return position === undefined ? field : (header.names[position] ?? field);
    },
    /** A CSV row with more or fewer cells than the header has lost its alignment (an unquoted comma). */
    fieldCountOk(row: SheetRow): boolean {
      if (table.format !== "csv" || row.cells.length === width) return true;
      fail({ code: "row.field-count", row: row.rowNumber, params: { found: row.cells.length, expected: width } });
      return false;
    },
  };
}

function provinceResolver(ctx: ImportContext) {
  const cache = new Map<string, { code: string } | { issue: Omit<ImportIssue, "row"> }>();
  return (row: SheetRow, year: number, reader: ReturnType<typeof rowReader>): { code: string } | { issue: ImportIssue } => {
    const codeText = reader.cell(row, "provinceCode");
    const nameText = reader.cell(row, "provinceName");
    const key = `${year}|${codeText}|${nameText}`;
    let resolved = cache.get(key);
    if (!resolved) {
      resolved = resolve(ctx, year, codeText, nameText, reader);
      cache.set(key, resolved);
    }
    return "issue" in resolved ? { issue: { ...resolved.issue, row: row.rowNumber } } : resolved;
  };
}

function resolve(
  ctx: ImportContext,
  year: number,
  codeText: string,
  nameText: string,
  reader: ReturnType<typeof rowReader>,
): { code: string } | { issue: Omit<ImportIssue, "row"> } {
  const list = ctx.provincesForYear(year);
  const unknown = (column: string, value: string) => {
    const hint = ctx.hintFor?.(value, year) ?? null;
    return {
      issue: {
        code: "province.unknown-for-year" as const,
        column,
        value,
        params: { year, unitSet: list.labelVi, unitSetEn: list.labelEn, hint: hint?.vi ?? "", hintEn: hint?.en ?? "" },
      },
    };
  };
  if (codeText === "" && nameText === "") return { issue: { code: "province.missing" } };
  let byCode: ProvinceCandidate | undefined;
  if (codeText !== "") {
    const code = /^\d+(\.0+)?$/.test(codeText) ? String(parseInt(codeText, 10)).padStart(2, "0") : codeText;
    byCode = list.units.find((u) => u.code === code);
    if (!byCode) return unknown(reader.name("provinceCode"), codeText);
  }
  if (nameText === "") return { code: byCode!.code };
  const match = matchProvince(nameText, list.units);
  // A code and a name that are not the same province: neither can be trusted.
  if (byCode && (!match.ok || match.unit.code !== byCode.code)) {
    return {
      issue: {
        code: "province.mismatch",
        column: reader.name("provinceName"),
        value: nameText,
        params: { code: byCode.code, codeName: byCode.name, name: nameText },
      },
    };
  }
  if (!match.ok) {
    if (match.reason === "ambiguous") {
      return {
        issue: {
          code: "province.ambiguous",
          column: reader.name("provinceName"),
          value: nameText,
          params: { candidates: match.candidates.map((c) => c.name).join(", ") },
        },
      };
    }
    return unknown(reader.name("provinceName"), nameText);
  }
  return { code: match.unit.code };
}
