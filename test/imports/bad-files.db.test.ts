/**
 * The import corpus: real files of the kinds people upload (test/fixtures/imports/, written by
 * make-fixtures.ts), each imported through the real importer on a real database. A bad file must be
 * refused with the issues listed here, with a message a civil servant can act on (which row, which
 * column, what is expected, in Vietnamese and English), and must change nothing. A good-but-unusual file
 * must import, giving exactly the official values.
 */
import { readdirSync, readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Services } from "../../src/compose.ts";
import { renderIssue, type ImportIssue, type IssueCode } from "../../src/domain/results-import/issues.ts";
import { AppError } from "../../src/errors.ts";
import type { ImportFailure, ImportReport } from "../../src/services/results-import.ts";
import { createTestServices, ENGINES, snapshot } from "../support/database.ts";

const FIXTURES = new URL("../fixtures/imports/", import.meta.url);
const fixture = (folder: "bad" | "good", name: string) => readFileSync(new URL(`${folder}/${name}`, FIXTURES));
const folderFiles = (folder: "bad" | "good") => readdirSync(new URL(`${folder}/`, FIXTURES)).sort();

interface ExpectedIssue {
  code: IssueCode;
  /** Absent: the issue is about the whole file, and must carry no row. */
  row?: number;
  /** Absent: the issue must carry no column. */
  column?: string;
  value?: string;
  params?: Record<string, string | number>;
}

interface BadCase {
  issues: ExpectedIssue[];
  /** Phrases the Vietnamese message must contain beyond row, column and value. */
  vi?: string[];
  en?: string[];
}

/** Every file in fixtures/imports/bad, and what the importer must say about it. */
const BAD: Record<string, BadCase> = {
  "01-empty-file.csv": { issues: [{ code: "file.empty" }], vi: ["Tệp trống"] },
  "02-header-only.csv": { issues: [{ code: "file.no-rows" }], vi: ["không có dòng dữ liệu"] },
  "03-pdf-renamed.csv": { issues: [{ code: "file.not-spreadsheet", params: { detected: "PDF" } }], vi: ["PDF"] },
  "04-png-screenshot-renamed.xlsx": { issues: [{ code: "file.not-spreadsheet", params: { detected: "PNG" } }], vi: ["PNG"] },
  "05-word-document-renamed.xlsx": {
    issues: [{ code: "file.not-spreadsheet", params: { detected: "Word (.docx)" } }],
    vi: ["Word"],
  },
  "06-excel-97-2003.xls": { issues: [{ code: "file.xls-legacy" }], vi: ["97–2003", "Lưu thành"] },
  "07-zip-signature-then-garbage.xlsx": { issues: [{ code: "file.xlsx-corrupt" }], vi: ["bị hỏng"] },
  "08-truncated-xlsx.xlsx": { issues: [{ code: "file.xlsx-corrupt" }], vi: ["bị hỏng"] },
  "09-windows-1258-encoding.csv": {
    issues: [{ code: "file.encoding", params: { line: 2 } }],
    vi: ["UTF-8", "dòng 2", "CSV UTF-8"],
  },
  "10-missing-score-column.csv": {
    issues: [{ code: "columns.missing", row: 1, params: { missing: "score" } }],
    vi: ["Thiếu cột bắt buộc: score", "max_score"],
  },
  "11-misspelled-header-scores.csv": {
    issues: [{ code: "columns.missing", row: 1, params: { missing: "score" } }],
    vi: ["«scores»", "«score»"],
    en: ['"scores"', "misspelt"],
  },
  "12-duplicate-header-column.csv": {
    issues: [{ code: "columns.duplicate", row: 1, params: { column: "score", first: 5, second: 6 } }],
    vi: ["«score»", "hai lần"],
  },
  "13-ragged-row-decimal-comma.csv": {
    issues: [{ code: "row.field-count", row: 3, params: { found: 6, expected: 5 } }],
    vi: ["6 ô", "5 cột", "ngoặc kép"],
  },
  "14-unclosed-quote.csv": {
    issues: [{ code: "file.csv-malformed", row: 3, params: { line: 3, reason: "unclosed-quote" } }],
    vi: ['"Bắc Kạn,1.2', "không có dấu đóng"],
  },
  "15-year-not-a-number.csv": {
    issues: [{ code: "year.invalid", row: 3, column: "year", value: "2O21" }],
    vi: ["không phải là năm", "2021"],
  },
  "16-year-without-framework.csv": {
    issues: [{ code: "year.no-framework", row: 2, column: "year", value: "2009", params: { firstYear: 2011 } }],
    vi: ["từ 2011"],
  },
  "17-unknown-province-code.csv": {
    issues: [{ code: "province.unknown-for-year", row: 3, column: "gso_code_old", value: "99", params: { year: 2021 } }],
    vi: ["63 tỉnh, thành phố"],
  },
  "18-old-province-in-2025.csv": {
    issues: [{ code: "province.unknown-for-year", row: 2, column: "province_vi", value: "Bắc Giang", params: { year: 2025 } }],
    vi: ["34 tỉnh, thành phố", "nay thuộc Bắc Ninh"],
    en: ["now part of Bắc Ninh"],
  },
  "19-province-that-no-longer-existed.csv": {
    issues: [{ code: "province.unknown-for-year", row: 2, column: "province_vi", value: "Hà Tây", params: { year: 2011 } }],
    vi: ["năm 2011"],
  },
  "20-province-code-name-mismatch.csv": {
    issues: [{ code: "province.mismatch", row: 2, column: "province_vi", value: "Lào Cai", params: { code: "06", codeName: "Bắc Kạn" } }],
    vi: ["«06» là Bắc Kạn"],
  },
  "21-ambiguous-province-name.csv": {
    issues: [{ code: "province.ambiguous", row: 3, column: "province_vi", value: "Quảng" }],
    vi: ["Quảng Ninh", "Quảng Ngãi", "mã tỉnh"],
  },
  "22-subdimension-8-3-in-2018.csv": {
    issues: [
      { code: "subdimension.unknown-for-year", row: 4, column: "subdimension", value: "8.3", params: { year: 2018, version: "PAPI-2018" } },
    ],
    vi: ["8.1, 8.2."],
  },
  "23-subdimension-5-4-in-2021.csv": {
    issues: [
      { code: "subdimension.unknown-for-year", row: 3, column: "subdimension", value: "5.4", params: { year: 2021, version: "PAPI-2021" } },
    ],
    vi: ["5.1, 5.2, 5.3, 6.1"],
  },
  "24-dimension-disagrees-with-subdimension.csv": {
    issues: [{ code: "dimension.mismatch", row: 2, column: "dimension", value: "D2", params: { expected: "D1" } }],
    vi: ["thuộc D1"],
  },
  "25-score-not-a-number.csv": {
    issues: [
      { code: "score.not-a-number", row: 2, column: "score", value: "abc" },
      { code: "score.not-a-number", row: 3, column: "score", value: "1,2,3" },
    ],
    vi: ["không phải là số"],
  },
  "26-score-negative.csv": {
    issues: [{ code: "score.out-of-range", row: 2, column: "score", value: "-0.657139063" }],
    vi: ["Tri thức công dân", "từ 0 đến 2,5"],
    en: ["from 0 to 2.5"],
  },
  "27-score-above-max.csv": {
    issues: [{ code: "score.out-of-range", row: 2, column: "score", value: "2.6" }],
    vi: ["từ 0 đến 2,5"],
  },
  "28-max-score-disagrees-with-framework.csv": {
    issues: [{ code: "max.mismatch", row: 2, column: "max_score", value: "2.5", params: { subdimension: "5.1", expected: "3,3333" } }],
    vi: ["3,3333"],
    en: ["3.3333"],
  },
  "29-exact-duplicate-row.csv": {
    issues: [{ code: "row.duplicate", row: 4, params: { firstRow: 2 } }],
    vi: ["trùng với dòng 2"],
  },
  "30-conflicting-duplicate-row.csv": {
    issues: [{ code: "row.conflicting-duplicate", row: 4, column: "score", value: "0.7", params: { firstRow: 2 } }],
    vi: ["dòng 2", "«0.657139063»"],
  },
  "31-invalid-total-group.csv": {
    issues: [
      { code: "group.invalid", row: 2, column: "total_group", value: "nhóm 5" },
      { code: "group.invalid", row: 3, column: "total_group", value: "nhóm 5" },
    ],
    vi: ["trung bình cao"],
  },
  "32-inconsistent-total-group.csv": {
    issues: [
      { code: "group.inconsistent", row: 4, column: "total_group", value: "Nhóm đạt điểm thấp nhất", params: { firstRow: 2 } },
    ],
    vi: ["dòng 2", "«Nhóm đạt điểm trung bình thấp»"],
  },
  "33-groups-invalid-scope.csv": {
    issues: [{ code: "scope.invalid", row: 3, column: "scope", value: "D9", params: { year: 2021 } }],
    vi: ["D1, D2, D3, D4, D5, D6, D7, D8"],
  },
  "34-formula-error-div0.xlsx": {
    issues: [{ code: "score.not-a-number", row: 3, column: "score", value: "#DIV/0!" }],
    vi: ["lỗi công thức Excel", "chia cho 0"],
    en: ["division by zero"],
  },
  "35-xlsx-header-no-data.xlsx": { issues: [{ code: "file.no-rows" }] },
  "36-province-missing.csv": { issues: [{ code: "province.missing", row: 3 }], vi: ["mã tỉnh", "tên tỉnh"] },
  "37-subdimension-missing.csv": {
    issues: [{ code: "subdimension.missing", row: 3, column: "subdimension" }],
    vi: ["Ô trống", "1.1"],
  },
  "38-groups-empty-group.csv": { issues: [{ code: "group.missing", row: 3, column: "group" }], vi: ["Ô trống"] },
  "39-html-table-saved-as.xls": {
    issues: [{ code: "file.not-spreadsheet", params: { detected: "HTML" } }],
    vi: ["trang web", ".xlsx"],
  },
  "40-zip-of-csv-renamed.xlsx": {
    issues: [{ code: "file.not-spreadsheet", params: { detected: "ZIP" } }],
    vi: ["tệp nén", "giải nén"],
  },
  "41-xlsx-all-sheets-hidden.xlsx": {
    issues: [{ code: "file.no-visible-sheet", params: { sheets: "Dữ liệu" } }],
    vi: ["Bỏ ẩn", "Dữ liệu"],
  },
  "42-xlsx-formula-without-value.xlsx": {
    issues: [{ code: "score.not-a-number", row: 3, column: "score", value: "=F3/G3" }],
    vi: ["công thức", "không lưu giá trị", "Dán đặc biệt"],
  },
  "43-duplicate-column-by-alias.csv": {
    issues: [{ code: "columns.duplicate", row: 1, params: { column: "Điểm", firstColumn: "score", first: 5, second: 6 } }],
    vi: ["«score» (cột thứ 5)", "«Điểm» (cột thứ 6)"],
  },
  "44-groups-source-with-unescaped-quotes.csv": {
    issues: [{ code: "file.csv-malformed", row: 3, params: { line: 3, reason: "stray-quote" } }],
    vi: ["ngoặc kép nằm giữa ô", "Enternews"],
  },
};

interface GoodCase {
  format: "csv" | "xlsx";
  sheetName?: string;
  layout: "results" | "groups";
  dataRows: number;
  years: number[];
  /** Official values throughout, so nothing changes: a value read wrongly would show as an update. */
  unchangedScores: number;
  unchangedGroups: number;
}

const GOOD: Record<string, GoodCase> = {
  "01-semicolon-decimal-comma.csv": { format: "csv", layout: "results", dataRows: 4, years: [2021], unchangedScores: 4, unchangedGroups: 0 },
  "02-utf8-bom-vietnamese-headers.csv": { format: "csv", layout: "results", dataRows: 3, years: [2011], unchangedScores: 3, unchangedGroups: 0 },
  "03-utf16le-tab-separated.txt": { format: "csv", layout: "results", dataRows: 2, years: [2021], unchangedScores: 2, unchangedGroups: 0 },
  "04-xlsx-title-line-data-on-second-sheet.xlsx": {
    format: "xlsx",
    sheetName: "Điểm 2021",
    layout: "results",
    dataRows: 4,
    years: [2021],
    unchangedScores: 4,
    unchangedGroups: 0,
  },
  "05-province-name-without-diacritics.csv": { format: "csv", layout: "results", dataRows: 3, years: [2021], unchangedScores: 3, unchangedGroups: 0 },
  "06-blank-scores-not-scored.csv": { format: "csv", layout: "results", dataRows: 5, years: [2021], unchangedScores: 5, unchangedGroups: 0 },
  "07-group-labels.csv": { format: "csv", layout: "groups", dataRows: 4, years: [2021], unchangedScores: 0, unchangedGroups: 4 },
};

/** The refusal of a file, or a failed test if it was accepted or failed in another way. */
async function refusal(services: Services, name: string, dryRun = false): Promise<ImportFailure> {
  const outcome = await services.importer
    .importResults({ bytes: fixture("bad", name), fileName: name, actor: "test", dryRun })
    .then((report) => ({ report }), (error: unknown) => ({ error }));
  if ("report" in outcome) throw new Error(`${name} was accepted: ${JSON.stringify(outcome.report.scores)}`);
  expect(outcome.error).toBeInstanceOf(AppError);
  const error = outcome.error as AppError;
  expect(error.code).toBe("import.invalid-file");
  expect(error.kind).toBe("unprocessable");
  return error.details as ImportFailure;
}

function checkMessages(issue: ImportIssue, expected: BadCase) {
  const vi = renderIssue(issue, "vi");
  const en = renderIssue(issue, "en");
  for (const rendered of [vi, en]) {
    // Every parameter the template uses was provided.
    expect(rendered.message).not.toMatch(/undefined|\$\{|NaN/);
    // Every refusal says what to do instead.
    expect(rendered.expected, issue.code).toBeTruthy();
  }
  expect(vi.message).toContain("Cần:");
  expect(en.message).toContain("Expected:");
  expect(vi.message).not.toBe(en.message);
  // Vietnamese in Vietnamese: with diacritics, not English words.
  expect(vi.message).toMatch(/[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/);
  expect(vi.message).not.toMatch(/\b(the|is|not|expected|row|column)\b/i);
  if (issue.row !== undefined) {
    expect(vi.message.startsWith(`Dòng ${issue.row}`)).toBe(true);
    expect(en.message.startsWith(`Row ${issue.row}`)).toBe(true);
  } else {
    expect(vi.message).not.toMatch(/^Dòng/);
  }
  if (issue.column !== undefined) {
    expect(vi.message).toContain(`cột «${issue.column}»`);
    expect(en.message).toContain(`column "${issue.column}"`);
  }
  if (issue.value) {
    expect(vi.message).toContain(issue.value);
    expect(en.message).toContain(issue.value);
  }
  for (const phrase of expected.vi ?? []) expect(vi.message).toContain(phrase);
  for (const phrase of expected.en ?? []) expect(en.message).toContain(phrase);
}

test("every bad fixture has an expectation, and every expectation a fixture", () => {
  expect(folderFiles("bad")).toEqual(Object.keys(BAD).sort());
  expect(Object.keys(BAD).length).toBeGreaterThanOrEqual(24);
  expect(new Set(Object.values(BAD).flatMap((c) => c.issues.map((i) => i.code))).size).toBeGreaterThanOrEqual(24);
});

test("every good fixture has an expectation, and every expectation a fixture", () => {
  expect(folderFiles("good")).toEqual(Object.keys(GOOD).sort());
});

test("fixture names follow NN-short-kebab-description.ext", () => {
  for (const name of [...folderFiles("bad"), ...folderFiles("good")]) expect(name).toMatch(/^\d{2}-[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]+$/);
});

describe.each(ENGINES)("import corpus on %s", (engine) => {
  let services: Services;
  beforeAll(async () => {
    services = await createTestServices(engine);
  });
  afterAll(async () => {
    await services?.close();
  });

  describe("bad files are refused with actionable messages and change nothing", () => {
    test.each(Object.keys(BAD))("%s", async (name) => {
      const expected = BAD[name]!;
      const before = await snapshot(services);

      const failure = await refusal(services, name);
      expect(failure.fileName).toBe(name);
      expect(failure.errorCount).toBe(expected.issues.length);
      expect(failure.errors).toHaveLength(expected.issues.length);
      failure.errors.forEach((issue, i) => {
        const want = expected.issues[i]!;
        expect(issue.code).toBe(want.code);
        expect(issue.row).toBe(want.row);
        expect(issue.column).toBe(want.column);
        if (want.value !== undefined) expect(issue.value).toBe(want.value);
        if (want.params) expect(issue.params).toMatchObject(want.params);
        checkMessages(issue, expected);
      });

      expect(await snapshot(services)).toEqual(before);
      // A dry run refuses the same way.
      expect((await refusal(services, name, true)).errors).toEqual(failure.errors);
    });
  });

  describe("good but unusual files import with exactly the official values", () => {
    test.each(Object.keys(GOOD))("%s", async (name) => {
      const expected = GOOD[name]!;
      const before = await snapshot(services);
      const run = (dryRun: boolean): Promise<ImportReport> =>
        services.importer.importResults({ bytes: fixture("good", name), fileName: name, actor: "test", dryRun });

      for (const dryRun of [true, false]) {
        const report = await run(dryRun);
        expect(report).toMatchObject({
          fileName: name,
          format: expected.format,
          sheetName: expected.sheetName ?? null,
          layout: expected.layout,
          dryRun,
          dataRows: expected.dataRows,
          years: expected.years,
          scores: { inserted: 0, updated: 0, removed: 0, unchanged: expected.unchangedScores },
          groups: { inserted: 0, updated: 0, unchanged: expected.unchangedGroups },
          changes: [],
          warnings: [],
          importId: null,
        });
      }
      expect(await snapshot(services)).toEqual(before);
    });

    test("blank and NA score cells are 'not scored': nothing is stored for them, least of all a zero", async () => {
      const stored = async (code: string, subdimensions: string[]) => {
        const result = (await services.database.db.execute(sql`
          select n.code, s.value from scores s
          join admin_units u on u.id = s.unit_id
          join framework_nodes n on n.id = s.node_id
          where s.year = 2021 and u.unit_set = 'vn63' and u.code = ${code}
            and n.code in (${sql.join(subdimensions.map((c) => sql`${c}`), sql`, `)})
        `)) as { rows: { code: string; value: number }[] };
        return result.rows;
      };
      await services.importer.importResults({
        bytes: fixture("good", "06-blank-scores-not-scored.csv"),
        fileName: "06-blank-scores-not-scored.csv",
        actor: "test",
      });
      expect(await stored("22", ["1.1", "1.2", "1.3"])).toEqual([]);
      expect(await stored("24", ["1.1"])).toEqual([]);
      // The scored row of the same file is there, with its official value.
      const bacKan = await stored("06", ["1.1"]);
      expect(bacKan).toHaveLength(1);
      expect(bacKan[0]!.value).toBeCloseTo(0.657139063, 9);
    });

    test("a blank cell where a score is stored is reported as a removal, not as a zero", async () => {
      const csv = "year,gso_code_old,province_vi,subdimension,score\n2021,06,Bắc Kạn,1.1,\n";
      const report = await services.importer.importResults({ bytes: Buffer.from(csv), fileName: "blank.csv", actor: "test", dryRun: true });
      expect(report.scores).toMatchObject({ inserted: 0, updated: 0, removed: 1 });
      expect(report.changes).toEqual([{ year: 2021, province: "06", code: "1.1", before: expect.closeTo(0.657139063, 9), after: null }]);
    });
  });
});

test("fixtures in the official layout use its exact header", () => {
  const official = readFileSync(new URL("../../data/papi/papi_subdimension_scores_2011_2024.csv", import.meta.url), "utf8");
  const header = official.slice(0, official.indexOf("\n")).trim();
  const inOfficialLayout = [...folderFiles("bad").map((n) => ["bad", n] as const), ...folderFiles("good").map((n) => ["good", n] as const)]
    .filter(([, name]) => name.endsWith(".csv"))
    .map(([folder, name]) => fixture(folder, name).toString("utf8").split(/\r?\n/)[0]!)
    .filter((first) => first.startsWith("year,province_key,"));
  expect(inOfficialLayout.length).toBeGreaterThanOrEqual(8);
  for (const first of inOfficialLayout) expect(first).toBe(header);
});
