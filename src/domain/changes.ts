/** Change of a province's scores and ranks against the previous year, where the framework allows it. Pure. */
import { comparabilityBetween, type Comparability } from "./frameworks.ts";
import { findProvince, type YearAnalysis } from "./year-results.ts";

export type ChangeStatus = Comparability | "no-previous" | "not-scored";

export interface Change {
  status: ChangeStatus;
  /** Current − previous score; null unless status is comparable, redefined (shown with caution) or rescaled. */
  delta: number | null;
  /** Previous rank − current rank: positive = moved up that many places. */
  rankDelta: number | null;
  /** Current − previous of score ÷ max; the comparable figure when the maximum changed. */
  ratioDelta: number | null;
  previousScore: number | null;
  previousRank: number | null;
}

const NONE = { delta: null, rankDelta: null, ratioDelta: null, previousScore: null, previousRank: null };

function change(
  status: Comparability,
  current: { score: number | null; rank: number | null; max: number },
  previous: { score: number | null; rank: number | null; max: number } | undefined,
): Change {
  if (!previous) return { status: "no-previous", ...NONE };
  if (status === "break" || status === "absent") {
    return { status, ...NONE, previousScore: previous.score, previousRank: previous.rank };
  }
  if (current.score === null || previous.score === null) {
    return { status: "not-scored", ...NONE, previousScore: previous.score, previousRank: previous.rank };
  }
  const ratioDelta = current.score / current.max - previous.score / previous.max;
  const rankDelta =
    current.rank !== null && previous.rank !== null ? previous.rank - current.rank : null;
  return {
    status,
    delta: status === "rescaled" ? null : current.score - previous.score,
    rankDelta,
    ratioDelta,
    previousScore: previous.score,
    previousRank: previous.rank,
  };
}

export interface ProvinceChanges {
  previousYear: number | null;
  total: Change;
  /** By dimension slug. */
  dimensions: Record<string, Change>;
  /** By sub-dimension slug (a trend follows the identity, not the printed code); empty when not asked for. */
  subdimensions: Record<string, Change>;
}

/**
 * Compares a province with itself in `previous` (the year before, same unit set). Provinces of different
 * unit sets (63 before the 2025 merger, 34 after) are never compared.
 */
export function provinceChanges(
  current: YearAnalysis,
  previous: YearAnalysis | undefined,
  unitCode: string,
  /** A ranking reads only the total and the dimensions: skip the 22–29 sub-dimension comparisons. */
  options: { subdimensions?: boolean } = {},
): ProvinceChanges {
  const now = findProvince(current, unitCode);
  const before = previous ? findProvince(previous, unitCode) : undefined;
  if (!now) throw new Error(`unit ${unitCode} is not in ${current.indexCode} ${current.year}`);
  const table = previous ? comparabilityBetween(previous.version, current.version) : undefined;
  const totalStatus = table?.total ?? "absent";
  return {
    previousYear: before ? previous!.year : null,
    total: change(totalStatus, now.total, before?.total),
    dimensions: Object.fromEntries(
      now.dimensions.map((d) => {
        const old = before?.dimensions.find((x) => x.slug === d.slug);
        const status = table?.dimensions.get(d.slug) ?? "absent";
        return [d.slug, change(status, d, before ? (old ?? { score: null, rank: null, max: d.max }) : undefined)];
      }),
    ),
    subdimensions: Object.fromEntries(
      (options.subdimensions === false ? [] : now.subdimensions).map((s) => {
        const old = before?.subdimensions.find((x) => x.slug === s.slug);
        const status = table?.subdimensions.get(s.slug) ?? "absent";
        return [s.slug, change(status, s, before ? (old ?? { score: null, rank: null, max: s.max }) : undefined)];
      }),
    ),
  };
}
