/**
 * The 34-unit view of a year published for the 63 old provinces. Each new unit lists the provinces it
 * was formed from with their own official figures. A combined figure is an ESTIMATE (the unweighted mean
 * of the constituents that have one: PAPI publishes no population weights) and is always labelled so;
 * old scores are never silently merged into new units. Pure.
 */
import { cutPoints, groupFor, type Group } from "./groups.ts";
import { rankDescending } from "./statistics.ts";
import { findProvince, type UnitRef, type YearAnalysis } from "./year-results.ts";

export interface MergedConstituent {
  unit: UnitRef;
  total: number | null;
  rank: number | null;
  group: Group | null;
}

export interface MergedUnit {
  unit: UnitRef;
  constituents: MergedConstituent[];
  estimate: {
    isEstimate: true;
    method: "unweighted-mean-of-constituents";
    total: number | null;
    dimensions: Record<string, number | null>;
    /** Constituents with a total / constituents. */
    coverage: { scored: number; of: number };
    /** Rank and group of the estimate among the new units' estimates. */
    rank: number | null;
    group: Group | null;
  };
}

function mean(values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
}

export function estimateMergedUnits(
  analysis: YearAnalysis,
  successions: readonly { predecessorCode: string; successorCode: string }[],
  newUnits: readonly UnitRef[],
): MergedUnit[] {
  const rows = newUnits.map((unit) => {
    const constituents = successions
      .filter((s) => s.successorCode === unit.code)
      .map((s) => findProvince(analysis, s.predecessorCode))
      .filter((p) => p !== undefined)
      .map((p) => ({ entry: p, view: { unit: p.unit, total: p.total.score, rank: p.total.rank, group: p.total.group } }));
    const dimensions = Object.fromEntries(
      analysis.version.dimensions.map((d) => [
        d.code,
        mean(constituents.map((c) => c.entry.dimensions.find((x) => x.code === d.code)?.score ?? null)),
      ]),
    );
    return {
      unit,
      constituents: constituents.map((c) => c.view),
      total: mean(constituents.map((c) => c.view.total)),
      dimensions,
      coverage: { scored: constituents.filter((c) => c.view.total !== null).length, of: constituents.length },
    };
  });
  const totals = rows.map((r) => r.total);
  const ranks = rankDescending(totals);
  const cuts = cutPoints(totals.filter((t): t is number => t !== null));
  return rows.map((r, i) => ({
    unit: r.unit,
    constituents: r.constituents,
    estimate: {
      isEstimate: true,
      method: "unweighted-mean-of-constituents",
      total: r.total,
      dimensions: r.dimensions,
      coverage: r.coverage,
      rank: ranks[i]!,
      group: r.total === null || !cuts ? null : groupFor(r.total, cuts),
    },
  }));
}
