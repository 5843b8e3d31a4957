/**
 * Index frameworks as versioned data: an index (PAPI, later PAR INDEX, SIPAS, PCI) has versions, each
 * valid for a range of years, each a tree of dimensions and sub-dimensions with maxima. Pure.
 *
 * A node's `code` is only the label printed in its version ("5.2" is Construction Permits until 2020 and
 * Land-Use-Rights Certificates from 2021); its `slug` is the identity a trend follows.
 */
import { z } from "zod";
import type { Lang } from "./format.ts";

export interface FrameworkNode {
  code: string;
  slug: string;
  nameVi: string;
  nameEn: string;
  max: number;
  /** Weight in a weighted aggregation (PCI); 1 for PAPI's plain sums. */
  weight: number;
  /** Same identity as in the previous version, but measured differently: no change is computed across it. */
  redefined: boolean;
}

export interface Dimension extends FrameworkNode {
  children: FrameworkNode[];
}

export type Aggregation = "sum" | "weighted-sum";

export interface FrameworkVersion {
  indexCode: string;
  /** See IndexDefinition.publishedDecimals; copied onto each version so a version is self-contained. */
  publishedDecimals: number | null;
  code: string;
  fromYear: number;
  /** Last year covered; `null` while the version is current. */
  toYear: number | null;
  aggregation: Aggregation;
  /** True where the index's method changed so much that nothing is compared with earlier years. */
  breakFromPrevious: boolean;
  noteVi: string;
  noteEn: string;
  dimensions: Dimension[];
}

export interface IndexLevel {
  level: number;
  nameVi: string;
  nameEn: string;
}

export interface IndexDefinition {
  code: string;
  nameVi: string;
  nameEn: string;
  publisherVi: string;
  publisherEn: string;
  levels: IndexLevel[];
  /** Results of year Y are keyed by the administrative units valid on this day (MM-DD) of year Y. */
  unitsValidOn: string;
  /**
   * Decimals to which the publisher rounds dimension scores before summing them into the total
   * (PAPI: 4, so Bắc Kạn 2021 is 42.1529, not the 42.15298 of unrounded sums); null for no rounding.
   */
  publishedDecimals: number | null;
  versions: FrameworkVersion[];
}

// ---- reading the shipped JSON -------------------------------------------------------------------------

const nodeOverride = {
  code: z.string().min(1),
  slug: z.string().regex(/^[a-z0-9-]+$/),
  max: z.number().positive(),
  weight: z.number().positive().optional(),
  nameVi: z.string().optional(),
  nameEn: z.string().optional(),
  redefined: z.boolean().optional(),
};

const definitionFileSchema = z.object({
  index: z.object({
    code: z.string().min(1),
    nameVi: z.string(),
    nameEn: z.string(),
    publisherVi: z.string(),
    publisherEn: z.string(),
    levels: z.array(z.object({ level: z.number().int(), nameVi: z.string(), nameEn: z.string() })),
    unitsValidOn: z.string().regex(/^\d{2}-\d{2}$/),
    publishedDecimals: z.number().int().min(0).max(12).nullable().optional(),
  }),
  identities: z.record(z.string(), z.object({ nameVi: z.string(), nameEn: z.string() })),
  versions: z.array(
    z.object({
      code: z.string(),
      fromYear: z.number().int(),
      toYear: z.number().int().nullable(),
      aggregation: z.enum(["sum", "weighted-sum"]),
      breakFromPrevious: z.boolean().optional(),
      noteVi: z.string(),
      noteEn: z.string(),
      dimensions: z.array(z.object({ ...nodeOverride, children: z.array(z.object(nodeOverride)) })),
    }),
  ),
});

/** Builds an index definition from its JSON file, checking names, identities and year coverage. */
export function parseIndexDefinition(json: unknown): IndexDefinition {
  const file = definitionFileSchema.parse(json);
  const node = (raw: z.infer<z.ZodObject<typeof nodeOverride>>): FrameworkNode => {
    const identity = file.identities[raw.slug];
    if (!identity) throw new Error(`framework ${file.index.code}: no identity for slug "${raw.slug}"`);
    return {
      code: raw.code,
      slug: raw.slug,
      nameVi: raw.nameVi ?? identity.nameVi,
      nameEn: raw.nameEn ?? identity.nameEn,
      max: raw.max,
      weight: raw.weight ?? 1,
      redefined: raw.redefined ?? false,
    };
  };
  const versions = file.versions
    .map(
      (version): FrameworkVersion => ({
        indexCode: file.index.code,
        publishedDecimals: file.index.publishedDecimals ?? null,
        code: version.code,
        fromYear: version.fromYear,
        toYear: version.toYear,
        aggregation: version.aggregation,
        breakFromPrevious: version.breakFromPrevious ?? false,
        noteVi: version.noteVi,
        noteEn: version.noteEn,
        dimensions: version.dimensions.map((d) => ({ ...node(d), children: d.children.map(node) })),
      }),
    )
    .sort((a, b) => a.fromYear - b.fromYear);
  versions.forEach((version, i) => {
    const next = versions[i + 1];
    if (next && version.toYear !== next.fromYear - 1) {
      throw new Error(`framework ${file.index.code}: ${version.code} must end the year before ${next.code} starts`);
    }
    if (!next && version.toYear !== null && version.toYear < version.fromYear) {
      throw new Error(`framework ${file.index.code}: ${version.code} ends before it starts`);
    }
    const codes = new Set<string>();
    const slugs = new Set<string>();
    for (const n of [...version.dimensions, ...version.dimensions.flatMap((d) => d.children)]) {
      if (codes.has(n.code) || slugs.has(n.slug)) {
        throw new Error(`framework ${version.code}: code "${n.code}" or slug "${n.slug}" appears twice`);
      }
      codes.add(n.code);
      slugs.add(n.slug);
    }
  });
  return { ...file.index, publishedDecimals: file.index.publishedDecimals ?? null, versions };
}

// ---- questions asked of a definition ------------------------------------------------------------------

export function versionForYear(index: IndexDefinition, year: number): FrameworkVersion | undefined {
  return index.versions.find((v) => v.fromYear <= year && (v.toYear === null || year <= v.toYear));
}

/** The years a definition covers, up to `lastYear` for the open-ended current version. */
export function yearsCovered(index: IndexDefinition, lastYear: number): number[] {
  const first = index.versions[0]?.fromYear;
  if (first === undefined) return [];
  return Array.from({ length: Math.max(0, lastYear - first + 1) }, (_, i) => first + i).filter((y) =>
    versionForYear(index, y),
  );
}

export function totalMax(version: FrameworkVersion): number {
  return version.dimensions.reduce((sum, d) => sum + d.max * (version.aggregation === "weighted-sum" ? d.weight : 1), 0);
}

export type Subdimension = FrameworkNode & { dimensionCode: string };

// Versions are immutable once parsed, so what is derived from one is computed once (imports and
// rankings ask for these per row and per province).
const subdimensionLists = new WeakMap<FrameworkVersion, { list: readonly Subdimension[]; byCode: Map<string, Subdimension> }>();

function subdimensionIndex(version: FrameworkVersion) {
  let entry = subdimensionLists.get(version);
  if (!entry) {
    const list = version.dimensions.flatMap((d) => d.children.map((c) => ({ ...c, dimensionCode: d.code })));
    entry = { list, byCode: new Map(list.map((s) => [s.code, s])) };
    subdimensionLists.set(version, entry);
  }
  return entry;
}

export function subdimensions(version: FrameworkVersion): readonly Subdimension[] {
  return subdimensionIndex(version).list;
}

export function findSubdimension(version: FrameworkVersion, code: string): Subdimension | undefined {
  return subdimensionIndex(version).byCode.get(code);
}

export function findDimension(version: FrameworkVersion, code: string): Dimension | undefined {
  return version.dimensions.find((d) => d.code === code);
}

/** The dimension a node belongs to ("2.1" → "D2", "D2" → "D2"); undefined for the total or an unknown code. */
export function dimensionOf(version: FrameworkVersion, node: string): string | undefined {
  if (findDimension(version, node)) return node;
  return findSubdimension(version, node)?.dimensionCode;
}

export function nodeName(node: { nameVi: string; nameEn: string }, lang: Lang): string {
  return lang === "vi" ? node.nameVi : node.nameEn;
}

// ---- comparability between consecutive years -----------------------------------------------------------

/**
 * Why a change between two years can or cannot be read:
 * - `comparable`: same definition; the change is the difference of scores.
 * - `redefined`: a dimension whose set of sub-dimensions changed; the change is shown with a caution.
 * - `rescaled`: a sub-dimension whose maximum changed (2.5 → 3.33); compare score ÷ max, not scores.
 * - `break`: the method changed (PAPI 2017 → 2018) or the node was rebuilt; no change is computed.
 * - `absent`: the node does not exist in the previous year.
 */
export type Comparability = "comparable" | "redefined" | "rescaled" | "break" | "absent";

export interface ComparabilityTable {
  total: Comparability;
  /** By dimension slug of the current version. */
  dimensions: ReadonlyMap<string, Comparability>;
  /** By sub-dimension slug of the current version. */
  subdimensions: ReadonlyMap<string, Comparability>;
}

const comparabilityTables = new WeakMap<FrameworkVersion, WeakMap<FrameworkVersion, ComparabilityTable>>();

/** Comparability of every node of `current` with `previous`, computed once per pair of versions. */
export function comparabilityBetween(previous: FrameworkVersion, current: FrameworkVersion): ComparabilityTable {
  let byCurrent = comparabilityTables.get(previous);
  if (!byCurrent) comparabilityTables.set(previous, (byCurrent = new WeakMap()));
  let table = byCurrent.get(current);
  if (!table) {
    table = {
      total: totalComparability(previous, current),
      dimensions: new Map(current.dimensions.map((d) => [d.slug, dimensionComparability(previous, current, d.slug)])),
      subdimensions: new Map(
        subdimensions(current).map((s) => [s.slug, subdimensionComparability(previous, current, s.slug)]),
      ),
    };
    byCurrent.set(current, table);
  }
  return table;
}

export function totalComparability(previous: FrameworkVersion, current: FrameworkVersion): Comparability {
  if (previous === current) return "comparable";
  if (current.breakFromPrevious) return "break";
  const before = previous.dimensions.map((d) => d.slug).join();
  const after = current.dimensions.map((d) => d.slug).join();
  return before === after ? "comparable" : "break";
}

export function dimensionComparability(
  previous: FrameworkVersion,
  current: FrameworkVersion,
  slug: string,
): Comparability {
  const after = current.dimensions.find((d) => d.slug === slug);
  const before = previous.dimensions.find((d) => d.slug === slug);
  if (!after || !before) return "absent";
  if (previous === current) return "comparable";
  if (current.breakFromPrevious || after.redefined) return "break";
  const childSlugs = (d: Dimension) => d.children.map((c) => `${c.slug}${c.redefined ? "*" : ""}`).sort().join();
  return childSlugs(before) === childSlugs(after) ? "comparable" : "redefined";
}

export function subdimensionComparability(
  previous: FrameworkVersion,
  current: FrameworkVersion,
  slug: string,
): Comparability {
  const after = subdimensions(current).find((s) => s.slug === slug);
  const before = subdimensions(previous).find((s) => s.slug === slug);
  if (!after || !before) return "absent";
  if (previous === current) return "comparable";
  if (current.breakFromPrevious || after.redefined) return "break";
  return Math.abs(before.max - after.max) < 1e-6 ? "comparable" : "rescaled";
}
