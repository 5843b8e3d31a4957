/**
 * Read side of official results: a year across provinces, rankings, a province's profile and trend,
 * comparisons and the 34-unit view of historic years. Computation is in src/domain; this file loads
 * what it needs and memoises per data version.
 */
import type { Database } from "../db/client.ts";
import { loadCatalogRows } from "../db/repositories/reference.repo.ts";
import { loadGroups, loadScores, yearsWithScores } from "../db/repositories/results.repo.ts";
import {
  dimensionComparability,
  totalComparability,
  type Comparability,
} from "../domain/frameworks.ts";
import type { Group } from "../domain/groups.ts";
import { estimateMergedUnits } from "../domain/merger.ts";
import { buildProvinceProfile, DEFAULT_WEAK_RATIO, type ProvinceProfile } from "../domain/profile.ts";
import { compareVietnamese } from "../domain/text.ts";
import { analyzeYear, findProvince, type YearAnalysis } from "../domain/year-results.ts";
import { AppError } from "../errors.ts";
import { VersionedCache } from "./cache.ts";
import { Catalog, type Province } from "./catalog.ts";
import { trackDataVersion, type DataVersionTracker } from "./data-version.ts";

export interface ResultsQueries {
  catalog(): Promise<Catalog>;
  /** The data version every cached answer is keyed by (no database round trip once known). */
  dataVersion(): Promise<number>;
  /** Call after this process changed data, so its own next request sees the change. */
  dataChanged(): Promise<void>;
  close(): Promise<void>;
  years(indexCode: string): Promise<number[]>;
  year(indexCode: string, year: number): Promise<YearAnalysis>;
  /** The year before `year`, if it has results (for changes). */
  previousYear(indexCode: string, year: number): Promise<YearAnalysis | undefined>;
  profile(input: { indexCode: string; year: number; province: string; weakRatio?: number }): Promise<{
    profile: ProvinceProfile;
    province: Province;
  }>;
  trend(indexCode: string, province: string): Promise<Trend>;
  merged(indexCode: string, year: number): Promise<ReturnType<typeof estimateMergedUnits>>;
}

export interface TrendPoint {
  year: number;
  versionCode: string;
  total: number | null;
  max: number;
  rank: number | null;
  rankedCount: number;
  group: Group | null;
  /** How this year's total compares with the year before's. */
  comparability: Comparability | "first";
  dimensions: Record<string, { code: string; score: number | null; comparability: Comparability | "first" }>;
}

export interface Trend {
  indexCode: string;
  province: Province;
  points: TrendPoint[];
}

export function createResultsQueries(deps: { database: Database; defaultWeakRatio?: number }): ResultsQueries {
  const { db } = deps.database;
  const cache = new VersionedCache();
  let tracker: Promise<DataVersionTracker> | undefined;
  const versionTracker = () => (tracker ??= trackDataVersion(deps.database));
  const dataVersion = async () => (await versionTracker()).current();

  const catalog = async () => {
    const version = await dataVersion();
    return cache.get(version, "catalog", async () => new Catalog(await loadCatalogRows(db)));
  };

  const years = async (indexCode: string) => {
    const version = await dataVersion();
    const cat = await catalog();
    const code = cat.index(indexCode).code;
    return cache.get(version, `years|${code}`, () => yearsWithScores(db, code));
  };

  const year = async (indexCode: string, y: number): Promise<YearAnalysis> => {
    const version = await dataVersion();
    const cat = await catalog();
    const code = cat.index(indexCode).code;
    const frameworkVersion = cat.version(code, y);
    const available = await years(code);
    if (!available.includes(y)) {
      throw new AppError("year.no-results", "not-found", {
        index: code,
        year: y,
        available: available.length ? `${available[0]}–${available.at(-1)}` : "—",
      });
    }
    return cache.get(version, `year|${code}|${y}`, async () => {
      const { units } = cat.provincesFor(code, y);
      const [scores, groups] = await Promise.all([loadScores(db, code, [y]), loadGroups(db, code, [y])]);
      return analyzeYear({
        year: y,
        version: frameworkVersion,
        units,
        scores: scores.map((s) => ({ unitCode: s.unitCode, subdimensionCode: s.subdimensionCode, value: s.value })),
        officialGroups: groups.map((g) => ({ unitCode: g.unitCode, scope: g.scope, group: g.group, source: g.source })),
      });
    });
  };

  const previousYear = async (indexCode: string, y: number) => {
    const cat = await catalog();
    const available = await years(indexCode);
    if (!available.includes(y - 1)) return undefined;
    // Results keyed by different unit sets (63 before the merger, 34 after) are never compared.
    if (cat.unitSetFor(indexCode, y - 1) !== cat.unitSetFor(indexCode, y)) return undefined;
    return year(indexCode, y - 1);
  };

  return {
    catalog,
    dataVersion,
    async dataChanged() {
      await (await versionTracker()).refresh();
    },
    async close() {
      if (tracker) await (await tracker).close();
    },
    years,
    year,
    previousYear,

    async profile({ indexCode, year: y, province, weakRatio }) {
      const cat = await catalog();
      // The year first: "no results for 2030" is the useful answer, not "no province 06 in 2030".
      const current = await year(indexCode, y);
      const unit = cat.resolveProvince(indexCode, province, y);
      const previous = await previousYear(indexCode, y);
      const profile = buildProvinceProfile({
        current,
        previous,
        unitCode: unit.code,
        weakRatio: weakRatio ?? deps.defaultWeakRatio ?? DEFAULT_WEAK_RATIO,
      });
      return { profile, province: unit };
    },

    async trend(indexCode, provinceQuery) {
      const cat = await catalog();
      const available = await years(indexCode);
      const lastYear = available.at(-1);
      if (lastYear === undefined) {
        throw new AppError("year.no-results", "not-found", { index: indexCode, year: "", available: "—" });
      }
      // Named as in the years that have results: try the newest year's units, then the oldest year's.
      let unit: Province | undefined;
      let failure: unknown;
      for (const y of new Set([lastYear, available[0]!])) {
        try {
          unit = cat.resolveProvince(indexCode, provinceQuery, y);
          break;
        } catch (error) {
          failure ??= error;
        }
      }
      if (!unit) throw failure;
      const points: TrendPoint[] = [];
      let prior: YearAnalysis | undefined;
      for (const y of available) {
        if (cat.unitSetFor(indexCode, y) !== unit!.set) continue;
        const analysis = await year(indexCode, y);
        const entry = findProvince(analysis, unit!.code);
        if (!entry) continue;
        const comparability = (c: () => Comparability): Comparability | "first" =>
          prior && prior.year === y - 1 ? c() : "first";
        points.push({
          year: y,
          versionCode: analysis.version.code,
          total: entry.total.score,
          max: analysis.totalMax,
          rank: entry.total.rank,
          rankedCount: analysis.rankedCount,
          group: entry.total.group,
          comparability: comparability(() => totalComparability(prior!.version, analysis.version)),
          dimensions: Object.fromEntries(
            entry.dimensions.map((d) => [
              d.slug,
              {
                code: d.code,
                score: d.score,
                comparability: comparability(() => dimensionComparability(prior!.version, analysis.version, d.slug)),
              },
            ]),
          ),
        });
        prior = analysis;
      }
      return { indexCode: cat.index(indexCode).code, province: unit, points };
    },

    async merged(indexCode, y) {
      const cat = await catalog();
      const analysis = await year(indexCode, y);
      if (cat.unitSetFor(indexCode, y) !== "vn63") {
        // Results already keyed by the 34 units: nothing to estimate.
        return estimateMergedUnits(analysis, [], []);
      }
      const units34 = [...cat.provinces("vn34")].sort((a, b) => compareVietnamese(a.name, b.name));
      return estimateMergedUnits(analysis, cat.successions(), units34);
    },
  };
}
