/**
 * What leaves the server (API and `chiso … --json`): plain JSON shaped on purpose. Names in the asked
 * language; figures computed from sums rounded to the publisher's decimals so float noise never shows;
 * "missing" stays null, never 0.
 */
import { provinceChanges, type Change } from "../domain/changes.ts";
import { nodeName, totalMax, type FrameworkVersion } from "../domain/frameworks.ts";
import type { Lang } from "../domain/format.ts";
import type { MergedUnit } from "../domain/merger.ts";
import type { ProvinceProfile } from "../domain/profile.ts";
import { roundTo, type NationalStatistics, type UnitRef, type YearAnalysis } from "../domain/year-results.ts";
import { describeProvinceYear } from "../domain/wording.ts";
import type { Catalog, Province } from "../services/catalog.ts";
import type { Trend } from "../services/results-query.ts";

const DECIMALS = 4;
/** Sub-dimension scores are published with up to 10 decimals; statistics of them keep that, not float noise. */
const SUBDIMENSION_DECIMALS = 10;
const r4 = (v: number | null) => (v === null ? null : roundTo(v, DECIMALS));

export const unitRef = (u: UnitRef) => ({ code: u.code, name: u.name, fullName: u.fullName });

function presentChange(change: Change) {
  return {
    status: change.status,
    delta: r4(change.delta),
    rankDelta: change.rankDelta,
    ratioDelta: change.ratioDelta === null ? null : roundTo(change.ratioDelta, 6),
    previousScore: r4(change.previousScore),
    previousRank: change.previousRank,
  };
}

function presentNational(stats: NationalStatistics | null, units: Map<string, UnitRef>) {
  if (!stats) return null;
  return {
    count: stats.count,
    min: r4(stats.min)!,
    mean: r4(stats.mean)!,
    median: r4(stats.median)!,
    max: r4(stats.max)!,
    cutPoints: stats.cutPoints
      ? { p25: r4(stats.cutPoints.p25)!, p50: r4(stats.cutPoints.p50)!, p75: r4(stats.cutPoints.p75)! }
      : null,
    groupSizes: stats.groupSizes,
    best: stats.best.map((code) => unitRef(units.get(code)!)),
  };
}

export function presentFrameworkVersion(version: FrameworkVersion, lang: Lang) {
  return {
    code: version.code,
    fromYear: version.fromYear,
    toYear: version.toYear,
    totalMax: totalMax(version),
    breakFromPrevious: version.breakFromPrevious,
    note: lang === "vi" ? version.noteVi : version.noteEn,
    dimensions: version.dimensions.map((d) => ({
      code: d.code,
      slug: d.slug,
      name: nodeName(d, lang),
      max: d.max,
      subdimensions: d.children.map((c) => ({
        code: c.code,
        slug: c.slug,
        name: nodeName(c, lang),
        max: c.max,
        redefined: c.redefined,
      })),
    })),
  };
}

const frameworkRef = (version: FrameworkVersion, lang: Lang) => ({
  code: version.code,
  breakFromPrevious: version.breakFromPrevious,
  note: lang === "vi" ? version.noteVi : version.noteEn,
});

/** A year's ranking on the total (no dimension) or on one dimension, with the change from the year before. */
export function presentRankings(input: {
  analysis: YearAnalysis;
  previous: YearAnalysis | undefined;
  dimension?: string | undefined;
  unitSet: "vn63" | "vn34";
  lang: Lang;
}) {
  const { analysis, previous, dimension, lang } = input;
  const units = new Map(analysis.provinces.map((p) => [p.unit.code, p.unit]));
  const node = dimension ? analysis.version.dimensions.find((d) => d.code === dimension) : undefined;
  const rows = analysis.provinces.map((p) => {
    const changes = provinceChanges(analysis, previous, p.unit.code, { subdimensions: false });
    const measure = node ? p.dimensions.find((d) => d.code === node.code)! : p.total;
    const change = node ? changes.dimensions[node.slug]! : changes.total;
    return {
      province: unitRef(p.unit),
      score: r4(measure.score),
      rank: measure.rank,
      group: measure.group,
      groupSource: measure.groupSource,
      computedGroup: measure.computedGroup,
      change: presentChange(change),
    };
  });
  rows.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.province.code.localeCompare(b.province.code));
  return {
    index: analysis.indexCode,
    year: analysis.year,
    dimension: node ? { code: node.code, name: nodeName(node, lang) } : null,
    max: node ? node.max : analysis.totalMax,
    framework: frameworkRef(analysis.version, lang),
    unitSet: input.unitSet,
    rankedCount: rows.filter((r) => r.rank !== null).length,
    national: presentNational(node ? analysis.national.dimensions[node.code]! : analysis.national.total, units),
    rows,
  };
}

export function presentProfile(input: {
  profile: ProvinceProfile;
  province: Province;
  catalog: Catalog;
  version: FrameworkVersion;
  indexName: string;
  lang: Lang;
}) {
  const { profile, province, catalog, lang } = input;
  const successor = province.set === "vn63" ? catalog.successorOf(province.code) : undefined;
  const predecessors = province.set === "vn34" ? catalog.predecessorsOf(province.code) : [];
  return {
    index: profile.indexCode,
    year: profile.year,
    framework: frameworkRef(input.version, lang),
    province: {
      ...unitRef(profile.province),
      unitSet: province.set,
      successor: successor ? unitRef(successor) : null,
      predecessors: predecessors.map(unitRef),
    },
    total: r4(profile.total.score),
    max: profile.total.max,
    rank: profile.total.rank,
    rankedCount: profile.rankedCount,
    unitCount: profile.unitCount,
    group: profile.total.group,
    groupSource: profile.total.groupSource,
    computedGroup: profile.total.computedGroup,
    groupOfficialSource: profile.total.officialSource,
    change: {
      previousYear: profile.total.change.status === "no-previous" ? null : profile.year - 1,
      ...presentChange(profile.total.change),
    },
    dimensions: profile.dimensions.map((d) => ({
      code: d.code,
      slug: d.slug,
      name: lang === "vi" ? d.nameVi : d.nameEn,
      score: r4(d.score),
      max: d.max,
      rank: d.rank,
      group: d.group,
      groupSource: d.groupSource,
      computedGroup: d.computedGroup,
      belowHalf: d.belowHalf,
      national: d.national
        ? {
            median: r4(d.national.median)!,
            mean: r4(d.national.mean)!,
            best: { score: r4(d.national.best.score)!, provinces: d.national.best.provinces.map(unitRef) },
          }
        : null,
      change: presentChange(d.change),
    })),
    subdimensions: profile.subdimensions.map((s) => ({
      code: s.code,
      slug: s.slug,
      dimension: s.dimensionCode,
      name: lang === "vi" ? s.nameVi : s.nameEn,
      score: s.score,
      max: s.max,
      ratio: s.ratio === null ? null : roundTo(s.ratio, 6),
      weak: s.weak,
      rank: s.rank,
      redefined: s.redefined,
      national: s.national
        ? { median: roundTo(s.national.median, SUBDIMENSION_DECIMALS), max: roundTo(s.national.max, SUBDIMENSION_DECIMALS) }
        : null,
      change: presentChange(s.change),
    })),
    weakRatio: profile.weakRatio,
    findings: profile.findings,
    summary: describeProvinceYear(profile, lang, input.indexName),
  };
}

export function presentTrend(trend: Trend) {
  return {
    index: trend.indexCode,
    province: unitRef(trend.province),
    points: trend.points.map((p) => ({
      year: p.year,
      framework: p.versionCode,
      total: r4(p.total),
      max: p.max,
      rank: p.rank,
      rankedCount: p.rankedCount,
      group: p.group,
      comparability: p.comparability,
      dimensions: Object.entries(p.dimensions).map(([slug, d]) => ({
        code: d.code,
        slug,
        score: r4(d.score),
        comparability: d.comparability,
      })),
    })),
  };
}

export function presentMerged(analysis: YearAnalysis, merged: MergedUnit[]) {
  return {
    index: analysis.indexCode,
    year: analysis.year,
    isEstimate: true,
    method: "unweighted-mean-of-constituents",
    units: merged.map((m) => ({
      unit: unitRef(m.unit),
      constituents: m.constituents.map((c) => ({ ...c, unit: unitRef(c.unit), total: r4(c.total) })),
      estimate: {
        ...m.estimate,
        total: r4(m.estimate.total),
        dimensions: Object.fromEntries(Object.entries(m.estimate.dimensions).map(([k, v]) => [k, r4(v)])),
      },
    })),
  };
}
