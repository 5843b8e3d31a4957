/** The shipped official data, read straight from data/ for pure domain tests (no database). */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { parseIndexDefinition, versionForYear, type IndexDefinition } from "../../src/domain/frameworks.ts";
import { analyzeYear, type OfficialGroupInput, type UnitRef, type YearAnalysis } from "../../src/domain/year-results.ts";

const root = new URL("../../data/", import.meta.url);
export const readData = (path: string) => readFileSync(new URL(path, root));
export const readCsv = (path: string): Record<string, string>[] =>
  parse(readData(path), { columns: true, bom: true, skip_empty_lines: true });

export const papi: IndexDefinition = parseIndexDefinition(JSON.parse(readData("frameworks/papi.json").toString()));

export const provinces63: UnitRef[] = readCsv("units/provinces-63.csv").map((r) => ({
  code: r.code!,
  name: r.name!,
  fullName: r.full_name!,
}));

const scoreRows = readCsv("papi/papi_subdimension_scores_2011_2024.csv");

export function officialYear(year: number, officialGroups: OfficialGroupInput[] = []): YearAnalysis {
  const version = versionForYear(papi, year);
  if (!version) throw new Error(`no PAPI framework for ${year}`);
  const scores = scoreRows
    .filter((r) => Number(r.year) === year && r.score !== "")
    .map((r) => ({ unitCode: r.gso_code_old!, subdimensionCode: r.subdimension!, value: Number(r.score) }));
  return analyzeYear({ year, version, units: provinces63, scores, officialGroups });
}
