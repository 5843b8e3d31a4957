/** Ranking, percentiles and summary statistics over provinces. Pure. */

/**
 * Scores are sums of published figures with 4–9 decimals; floating-point addition can make two equal
 * published totals differ in the 12th decimal. Values closer than this are ties.
 */
export const TIE_TOLERANCE = 1e-9;

/**
 * Competition ranking, higher is better: ties share a rank and the next rank skips ("1, 2, 2, 4").
 * `null` values (not scored) get no rank and do not push others down.
 */
export function rankDescending(values: readonly (number | null)[]): (number | null)[] {
  const scored = values
    .map((value, index) => ({ value, index }))
    .filter((entry): entry is { value: number; index: number } => entry.value !== null)
    .sort((a, b) => b.value - a.value);
  const ranks: (number | null)[] = values.map(() => null);
  scored.forEach((entry, position) => {
    const previous = scored[position - 1];
    const rank =
      previous && Math.abs(previous.value - entry.value) <= TIE_TOLERANCE ? ranks[previous.index]! : position + 1;
    ranks[entry.index] = rank;
  });
  return ranks;
}

/**
 * Percentile with linear interpolation between order statistics: Hyndman & Fan type 7, the default of
 * R's quantile() and NumPy's percentile(). `p` in [0, 1].
 */
export function percentileType7(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError("percentile of an empty list");
  if (p < 0 || p > 1) throw new RangeError(`percentile ${p} outside [0, 1]`);
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lower = Math.floor(h);
  const upper = Math.min(lower + 1, sorted.length - 1);
  return sorted[lower]! + (h - lower) * (sorted[upper]! - sorted[lower]!);
}

export interface SummaryStatistics {
  count: number;
  min: number;
  mean: number;
  median: number;
  max: number;
}

export function summarize(values: readonly number[]): SummaryStatistics | null {
  if (values.length === 0) return null;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const value of values) {
    min = Math.min(min, value);
    max = Math.max(max, value);
    sum += value;
  }
  return { count: values.length, min, mean: sum / values.length, median: percentileType7(values, 0.5), max };
}
