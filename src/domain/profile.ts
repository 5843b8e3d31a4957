/**
 * A province in one year, read the way a Sở Nội vụ analyst reads the official results: where it stands,
 * how it moved, where it is weakest. Pure.
 */
import { provinceChanges, type Change } from "./changes.ts";
import { subdimensions as listSubdimensions, type FrameworkVersion } from "./frameworks.ts";
import { findProvince, type Measure, type UnitRef, type YearAnalysis } from "./year-results.ts";

/** A sub-dimension is weak when score ÷ max is below this (configurable per request). */
export const DEFAULT_WEAK_RATIO = 0.4;

export interface ProfileMeasure extends Measure {
  change: Change;
}

export interface ProfileDimension extends ProfileMeasure {
  code: string;
  slug: string;
  nameVi: string;
  nameEn: string;
  /** Below half of its maximum (under 5/10). */
  belowHalf: boolean;
  national: { median: number; mean: number; best: { score: number; provinces: UnitRef[] } } | null;
}

export interface ProfileSubdimension {
  code: string;
  slug: string;
  dimensionCode: string;
  nameVi: string;
  nameEn: string;
  score: number | null;
  max: number;
  ratio: number | null;
  weak: boolean;
  rank: number | null;
  redefined: boolean;
  national: { median: number; max: number } | null;
  change: Change;
}

export interface ProvinceProfile {
  indexCode: string;
  year: number;
  version: Pick<FrameworkVersion, "code" | "noteVi" | "noteEn" | "breakFromPrevious">;
  province: UnitRef;
  /** Units in the year's set, and how many of them have a total (and so a rank). */
  unitCount: number;
  rankedCount: number;
  total: ProfileMeasure;
  dimensions: ProfileDimension[];
  subdimensions: ProfileSubdimension[];
  weakRatio: number;
  findings: {
    dimensionsBelowHalf: string[];
    dimensionsInLowestGroup: string[];
    dimensionsInHighestGroup: string[];
    weakSubdimensions: string[];
    subdimensionsAtMax: string[];
  };
}

export function buildProvinceProfile(input: {
  current: YearAnalysis;
  previous?: YearAnalysis;
  unitCode: string;
  weakRatio?: number;
}): ProvinceProfile {
  const { current, unitCode } = input;
  const weakRatio = input.weakRatio ?? DEFAULT_WEAK_RATIO;
  const province = findProvince(current, unitCode);
  if (!province) throw new Error(`unit ${unitCode} is not in ${current.indexCode} ${current.year}`);
  const changes = provinceChanges(current, input.previous, unitCode);
  const unitsByCode = new Map(current.provinces.map((p) => [p.unit.code, p.unit]));
  const version = current.version;
  const subNodes = listSubdimensions(version);

  const dimensions: ProfileDimension[] = province.dimensions.map((d) => {
    const node = version.dimensions.find((n) => n.code === d.code)!;
    const stats = current.national.dimensions[d.code];
    return {
      code: d.code,
      slug: d.slug,
      nameVi: node.nameVi,
      nameEn: node.nameEn,
      score: d.score,
      max: d.max,
      rank: d.rank,
      group: d.group,
      groupSource: d.groupSource,
      computedGroup: d.computedGroup,
      officialSource: d.officialSource,
      change: changes.dimensions[d.slug]!,
      belowHalf: d.score !== null && d.score < d.max / 2,
      national: stats
        ? {
            median: stats.median,
            mean: stats.mean,
            best: { score: stats.max, provinces: stats.best.map((code) => unitsByCode.get(code)!) },
          }
        : null,
    };
  });

  const subdimensions: ProfileSubdimension[] = province.subdimensions.map((s, i) => {
    const node = subNodes[i]!;
    const stats = current.national.subdimensions[s.code];
    return {
      code: s.code,
      slug: s.slug,
      dimensionCode: s.dimensionCode,
      nameVi: node.nameVi,
      nameEn: node.nameEn,
      score: s.score,
      max: s.max,
      ratio: s.ratio,
      weak: s.ratio !== null && s.ratio < weakRatio,
      rank: s.rank,
      redefined: node.redefined,
      national: stats ? { median: stats.median, max: stats.max } : null,
      change: changes.subdimensions[s.slug]!,
    };
  });

  return {
    indexCode: current.indexCode,
    year: current.year,
    version: {
      code: version.code,
      noteVi: version.noteVi,
      noteEn: version.noteEn,
      breakFromPrevious: version.breakFromPrevious,
    },
    province: province.unit,
    unitCount: current.provinces.length,
    rankedCount: current.rankedCount,
    total: { ...province.total, change: changes.total },
    dimensions,
    subdimensions,
    weakRatio,
    findings: {
      dimensionsBelowHalf: dimensions.filter((d) => d.belowHalf).map((d) => d.code),
      dimensionsInLowestGroup: dimensions.filter((d) => d.group === "lowest").map((d) => d.code),
      dimensionsInHighestGroup: dimensions.filter((d) => d.group === "highest").map((d) => d.code),
      weakSubdimensions: subdimensions.filter((s) => s.weak).map((s) => s.code),
      subdimensionsAtMax: subdimensions.filter((s) => s.score !== null && s.score >= s.max - 1e-4).map((s) => s.code),
    },
  };
}
