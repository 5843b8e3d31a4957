/**
 * One year of an index across provinces: sums, ranks, groups and national statistics, computed from the
 * published sub-dimension scores. Pure: takes plain data, returns plain data.
 *
 * Rules (product brief, "Index facts"):
 * - dimension = aggregate of its sub-dimensions, only when every sub-dimension has a score, rounded to
 *   the publisher's decimals (PAPI: 4) because the published total is the sum of published dimensions;
 *   total = aggregate of the dimensions, only when every dimension has a score;
 * - missing is not zero: an unscored province has no rank and is not in any percentile base;
 * - ranks and groups of each measure are over the provinces that have that measure;
 * - an official group label wins over the computed one; both are kept.
 */
import {
  subdimensions as listSubdimensions,
  totalMax,
  type Dimension,
  type FrameworkNode,
  type FrameworkVersion,
} from "./frameworks.ts";
import { cutPoints, groupFor, GROUPS, type CutPoints, type Group, type GroupSource } from "./groups.ts";
import { rankDescending, summarize, type SummaryStatistics } from "./statistics.ts";

export interface UnitRef {
  code: string;
  name: string;
  fullName: string;
}

export interface ScoreInput {
  unitCode: string;
  /** The sub-dimension's code in this year's framework version. */
  subdimensionCode: string;
  value: number;
}

/** Official group label of a province's total (`scope: "total"`) or of one dimension (`scope: "D3"`). */
export interface OfficialGroupInput {
  unitCode: string;
  scope: string;
  group: Group;
  source: string | null;
}

export interface Measure {
  score: number | null;
  max: number;
  rank: number | null;
  /** The group shown: the official label when there is one, else the computed one. */
  group: Group | null;
  groupSource: GroupSource | null;
  computedGroup: Group | null;
  officialSource: string | null;
}

export interface DimensionResult extends Measure {
  code: string;
  slug: string;
}

export interface SubdimensionResult {
  code: string;
  slug: string;
  dimensionCode: string;
  score: number | null;
  max: number;
  /** score ÷ max: the figure comparable across a change of maximum. */
  ratio: number | null;
  rank: number | null;
}

export interface ProvinceYear {
  unit: UnitRef;
  /** Has at least one published score this year. */
  scored: boolean;
  total: Measure;
  dimensions: DimensionResult[];
  subdimensions: SubdimensionResult[];
}

export interface NationalStatistics extends SummaryStatistics {
  cutPoints: CutPoints | null;
  /** Sizes of the computed groups (official labels may differ). */
  groupSizes: Record<Group, number>;
  /** Provinces with the highest score (several when tied). */
  best: string[];
}

export interface YearAnalysis {
  indexCode: string;
  year: number;
  version: FrameworkVersion;
  totalMax: number;
  /** Every unit of the year's set, scored or not, in the order given. */
  provinces: ProvinceYear[];
  rankedCount: number;
  national: {
    total: NationalStatistics | null;
    dimensions: Record<string, NationalStatistics | null>;
    subdimensions: Record<string, NationalStatistics | null>;
  };
}

function aggregate(version: FrameworkVersion, parts: { node: FrameworkNode; score: number | null }[]): number | null {
  if (parts.length === 0 || parts.some((p) => p.score === null)) return null;
  return parts.reduce((sum, p) => sum + p.score! * (version.aggregation === "weighted-sum" ? p.node.weight : 1), 0);
}

/**
 * Rounds the exact binary value of `value` (toFixed semantics). The published sub-dimension scores are
 * themselves rounded, so a sum landing on a decimal half (Kiên Giang 2012, D5 = 6.64265) is below or
 * above it only in the binary value; rounding that value reproduces every published dimension score.
 */
export function roundTo(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}

/** A dimension's score as published: the sum of its sub-dimensions, rounded as the publisher rounds. */
function dimensionScore(version: FrameworkVersion, parts: { node: FrameworkNode; score: number | null }[]) {
  const sum = aggregate(version, parts);
  return sum === null || version.publishedDecimals === null ? sum : roundTo(sum, version.publishedDecimals);
}

function nationalStatistics(
  scores: (number | null)[],
  unitCodes: string[],
  groups: (Group | null)[],
): NationalStatistics | null {
  const present = scores.filter((s): s is number => s !== null);
  const summary = summarize(present);
  if (!summary) return null;
  const groupSizes = Object.fromEntries(GROUPS.map((g) => [g, 0])) as Record<Group, number>;
  for (const group of groups) if (group) groupSizes[group] += 1;
  const best = unitCodes.filter((_, i) => scores[i] !== null && summary.max - scores[i]! <= 1e-9);
  return { ...summary, cutPoints: cutPoints(present), groupSizes, best };
}

/** Ranks and groups one measure across provinces; returns the per-province pieces and the statistics. */
function rankAndGroup(scores: (number | null)[], unitCodes: string[]) {
  const ranks = rankDescending(scores);
  const cuts = cutPoints(scores.filter((s): s is number => s !== null));
  const groups = scores.map((s) => (s === null || !cuts ? null : groupFor(s, cuts)));
  return { ranks, groups, statistics: nationalStatistics(scores, unitCodes, groups) };
}

function measure(
  score: number | null,
  max: number,
  rank: number | null,
  computedGroup: Group | null,
  official: OfficialGroupInput | undefined,
): Measure {
  return {
    score,
    max,
    rank,
    group: official?.group ?? computedGroup,
    groupSource: official ? "official" : computedGroup ? "computed" : null,
    computedGroup,
    officialSource: official?.source ?? null,
  };
}

export function analyzeYear(input: {
  year: number;
  version: FrameworkVersion;
  units: readonly UnitRef[];
  scores: readonly ScoreInput[];
  officialGroups?: readonly OfficialGroupInput[];
}): YearAnalysis {
  const { version, units } = input;
  const subs = listSubdimensions(version);
  const unitCodes = units.map((u) => u.code);

  const byUnit = new Map<string, Map<string, number>>();
  for (const s of input.scores) {
    let row = byUnit.get(s.unitCode);
    if (!row) byUnit.set(s.unitCode, (row = new Map()));
    row.set(s.subdimensionCode, s.value);
  }
  const official = new Map<string, OfficialGroupInput>();
  for (const g of input.officialGroups ?? []) official.set(`${g.unitCode}|${g.scope}`, g);

  // Raw scores per province: sub-dimensions, then dimensions, then the total.
  const raw = units.map((unit) => {
    const row = byUnit.get(unit.code);
    const subScores = subs.map((s) => row?.get(s.code) ?? null);
    const dimScores = version.dimensions.map((d: Dimension) =>
      dimensionScore(
        version,
        d.children.map((c) => ({ node: c, score: row?.get(c.code) ?? null })),
      ),
    );
    const total = aggregate(
      version,
      version.dimensions.map((d, i) => ({ node: d, score: dimScores[i]! })),
    );
    return { unit, scored: !!row && row.size > 0, subScores, dimScores, total };
  });

  const totalRanking = rankAndGroup(raw.map((r) => r.total), unitCodes);
  const dimensionRankings = version.dimensions.map((_, i) => rankAndGroup(raw.map((r) => r.dimScores[i]!), unitCodes));
  const subRankings = subs.map((_, i) => rankAndGroup(raw.map((r) => r.subScores[i]!), unitCodes));
  const max = totalMax(version);

  const provinces: ProvinceYear[] = raw.map((r, p) => ({
    unit: r.unit,
    scored: r.scored,
    total: measure(
      r.total,
      max,
      totalRanking.ranks[p]!,
      totalRanking.groups[p]!,
      official.get(`${r.unit.code}|total`),
    ),
    dimensions: version.dimensions.map((d, i) => ({
      code: d.code,
      slug: d.slug,
      ...measure(
        r.dimScores[i]!,
        d.max,
        dimensionRankings[i]!.ranks[p]!,
        dimensionRankings[i]!.groups[p]!,
        official.get(`${r.unit.code}|${d.code}`),
      ),
    })),
    subdimensions: subs.map((s, i) => {
      const score = r.subScores[i]!;
      return {
        code: s.code,
        slug: s.slug,
        dimensionCode: s.dimensionCode,
        score,
        max: s.max,
        ratio: score === null ? null : score / s.max,
        rank: subRankings[i]!.ranks[p]!,
      };
    }),
  }));

  return {
    indexCode: version.indexCode,
    year: input.year,
    version,
    totalMax: max,
    provinces,
    rankedCount: raw.filter((r) => r.total !== null).length,
    national: {
      total: totalRanking.statistics,
      dimensions: Object.fromEntries(version.dimensions.map((d, i) => [d.code, dimensionRankings[i]!.statistics])),
      subdimensions: Object.fromEntries(subs.map((s, i) => [s.code, subRankings[i]!.statistics])),
    },
  };
}

export function findProvince(analysis: YearAnalysis, unitCode: string): ProvinceYear | undefined {
  return analysis.provinces.find((p) => p.unit.code === unitCode);
}
