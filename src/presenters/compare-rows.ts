/**
 * The rows of a side-by-side comparison: the total, then each dimension followed by its sub-dimensions,
 * with every province's score and rank. Shared by the comparison download and the web page.
 */

interface Measured {
  score: number | null;
  rank: number | null;
  max: number;
}

export interface ComparableProfile {
  index: string;
  total: number | null;
  rank: number | null;
  max: number;
  dimensions: (Measured & { code: string; name: string })[];
  subdimensions: (Measured & { code: string; name: string; dimension: string })[];
}

export interface CompareRow {
  code: string;
  name: string;
  /** 0 total, 1 dimension, 2 sub-dimension */
  level: 0 | 1 | 2;
  /** One per profile, in the order given. */
  values: Measured[];
}

export function compareRows(profiles: readonly ComparableProfile[], totalName: string): CompareRow[] {
  const first = profiles[0];
  if (!first) return [];
  const pick = (m: Measured | undefined): Measured => ({ score: m?.score ?? null, rank: m?.rank ?? null, max: m?.max ?? 0 });
  return [
    { code: first.index, name: totalName, level: 0, values: profiles.map((p) => pick({ score: p.total, rank: p.rank, max: p.max })) },
    ...first.dimensions.flatMap((d): CompareRow[] => [
      { code: d.code, name: d.name, level: 1, values: profiles.map((p) => pick(p.dimensions.find((x) => x.code === d.code))) },
      ...first.subdimensions
        .filter((s) => s.dimension === d.code)
        .map(
          (s): CompareRow => ({
            code: s.code,
            name: s.name,
            level: 2,
            values: profiles.map((p) => pick(p.subdimensions.find((x) => x.code === s.code))),
          }),
        ),
    ]),
  ];
}
