/** Parameters and answers of the public API, as zod schemas: validation, OpenAPI and contract tests. */
import { z } from "zod";
import { GROUPS } from "../domain/groups.ts";

// ---- parameters ---------------------------------------------------------------------------------------

export const indexParam = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9-]{0,20}$/, "mã bộ chỉ số gồm chữ cái, chữ số và dấu gạch ngang, ví dụ PAPI")
  .transform((s) => s.toUpperCase())
  .describe("Index code, e.g. PAPI");
export const yearParam = z.coerce
  .number({ message: "năm phải là số, ví dụ 2021" })
  .int("năm phải là số nguyên")
  .min(1990, "năm từ 1990")
  .max(2100, "năm đến 2100")
  .describe("Survey year, e.g. 2021");
export const provinceParam = z
  .string()
  .min(1)
  .max(80)
  .describe("Province: GSO code (06), or name with or without diacritics (Bắc Kạn, Bac Kan)");
export const langQuery = z.enum(["vi", "en"]).default("vi").describe("Language of names and messages");
/** An import's "check only" switch: the file is read and checked, what would change is reported, nothing is stored. */
export const dryRunQuery = z
  .enum(["true", "false", "1", "0"])
  .default("false")
  .transform((v) => v === "true" || v === "1")
  .describe("Check the file and report what would change, without storing anything");
export const formatQuery = z
  .enum(["json", "csv", "xlsx"])
  .default("json")
  .describe("json, or a download: csv (UTF-8, Excel-ready) or xlsx");
export const dimensionQuery = z
  .string()
  .regex(/^[Dd]?\d{1,2}$/, "chỉ số nội dung dạng D1…D8")
  .transform((s) => `D${s.replace(/^[Dd]/, "")}`)
  .optional()
  .describe("Dimension code (D1…D8); omitted = the total");
export const weakRatioQuery = z.coerce
  .number()
  .gt(0, "tỷ lệ phải lớn hơn 0")
  .lt(1, "tỷ lệ phải nhỏ hơn 1")
  .optional()
  .describe("A sub-dimension is weak below this share of its maximum (default 0.4)");

// ---- answers ------------------------------------------------------------------------------------------

const group = z.enum(GROUPS).nullable();
const groupSource = z.enum(["official", "computed"]).nullable();
const unitRef = z.object({ code: z.string(), name: z.string(), fullName: z.string() });

export const changeSchema = z.object({
  previousYear: z.number().int().nullable(),
  status: z.enum(["comparable", "redefined", "rescaled", "break", "absent", "no-previous", "not-scored"]),
  delta: z.number().nullable(),
  rankDelta: z.number().int().nullable(),
  ratioDelta: z.number().nullable(),
  previousScore: z.number().nullable(),
  previousRank: z.number().int().nullable(),
});

const nationalStats = z
  .object({
    count: z.number().int(),
    min: z.number(),
    mean: z.number(),
    median: z.number(),
    max: z.number(),
    cutPoints: z.object({ p25: z.number(), p50: z.number(), p75: z.number() }).nullable(),
    groupSizes: z.record(z.string(), z.number().int()),
    best: z.array(unitRef),
  })
  .nullable();

export const frameworkVersionSchema = z.object({
  code: z.string(),
  fromYear: z.number().int(),
  toYear: z.number().int().nullable(),
  totalMax: z.number(),
  breakFromPrevious: z.boolean(),
  note: z.string(),
  dimensions: z.array(
    z.object({
      code: z.string(),
      slug: z.string(),
      name: z.string(),
      max: z.number(),
      subdimensions: z.array(
        z.object({ code: z.string(), slug: z.string(), name: z.string(), max: z.number(), redefined: z.boolean() }),
      ),
    }),
  ),
});

export const rankingsSchema = z.object({
  index: z.string(),
  year: z.number().int(),
  dimension: z.object({ code: z.string(), name: z.string() }).nullable(),
  max: z.number(),
  framework: z.object({ code: z.string(), breakFromPrevious: z.boolean(), note: z.string() }),
  unitSet: z.enum(["vn63", "vn34"]),
  rankedCount: z.number().int(),
  national: nationalStats,
  rows: z.array(
    z.object({
      province: unitRef,
      score: z.number().nullable(),
      rank: z.number().int().nullable(),
      group,
      groupSource,
      computedGroup: group,
      change: changeSchema.omit({ previousYear: true }),
    }),
  ),
});

export const profileSchema = z.object({
  index: z.string(),
  year: z.number().int(),
  framework: z.object({ code: z.string(), breakFromPrevious: z.boolean(), note: z.string() }),
  province: unitRef.extend({
    unitSet: z.enum(["vn63", "vn34"]),
    successor: unitRef.nullable(),
    predecessors: z.array(unitRef),
  }),
  total: z.number().nullable(),
  max: z.number(),
  rank: z.number().int().nullable(),
  rankedCount: z.number().int(),
  unitCount: z.number().int(),
  group,
  groupSource,
  computedGroup: group,
  groupOfficialSource: z.string().nullable(),
  change: changeSchema,
  dimensions: z.array(
    z.object({
      code: z.string(),
      slug: z.string(),
      name: z.string(),
      score: z.number().nullable(),
      max: z.number(),
      rank: z.number().int().nullable(),
      group,
      groupSource,
      computedGroup: group,
      belowHalf: z.boolean(),
      national: z
        .object({ median: z.number(), mean: z.number(), best: z.object({ score: z.number(), provinces: z.array(unitRef) }) })
        .nullable(),
      change: changeSchema.omit({ previousYear: true }),
    }),
  ),
  subdimensions: z.array(
    z.object({
      code: z.string(),
      slug: z.string(),
      dimension: z.string(),
      name: z.string(),
      score: z.number().nullable(),
      max: z.number(),
      ratio: z.number().nullable(),
      weak: z.boolean(),
      rank: z.number().int().nullable(),
      redefined: z.boolean(),
      national: z.object({ median: z.number(), max: z.number() }).nullable(),
      change: changeSchema.omit({ previousYear: true }),
    }),
  ),
  weakRatio: z.number(),
  findings: z.object({
    dimensionsBelowHalf: z.array(z.string()),
    dimensionsInLowestGroup: z.array(z.string()),
    dimensionsInHighestGroup: z.array(z.string()),
    weakSubdimensions: z.array(z.string()),
    subdimensionsAtMax: z.array(z.string()),
  }),
  summary: z.array(z.string()),
});

export const trendSchema = z.object({
  index: z.string(),
  province: unitRef,
  points: z.array(
    z.object({
      year: z.number().int(),
      framework: z.string(),
      total: z.number().nullable(),
      max: z.number(),
      rank: z.number().int().nullable(),
      rankedCount: z.number().int(),
      group,
      comparability: z.string(),
      dimensions: z.array(
        z.object({ code: z.string(), slug: z.string(), score: z.number().nullable(), comparability: z.string() }),
      ),
    }),
  ),
});

export const mergedSchema = z.object({
  index: z.string(),
  year: z.number().int(),
  isEstimate: z.literal(true),
  method: z.literal("unweighted-mean-of-constituents"),
  units: z.array(
    z.object({
      unit: unitRef,
      constituents: z.array(z.object({ unit: unitRef, total: z.number().nullable(), rank: z.number().int().nullable(), group })),
      estimate: z.object({
        isEstimate: z.literal(true),
        method: z.literal("unweighted-mean-of-constituents"),
        total: z.number().nullable(),
        dimensions: z.record(z.string(), z.number().nullable()),
        coverage: z.object({ scored: z.number().int(), of: z.number().int() }),
        rank: z.number().int().nullable(),
        group,
      }),
    }),
  ),
});

/** Province boundaries: a GeoJSON FeatureCollection whose features carry the unit's code, name and kind. */
export const geoJsonSchema = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(
    z.object({
      type: z.literal("Feature"),
      properties: z
        .object({
          code: z.string(),
          name: z.string(),
          kind: z.enum(["province", "municipality", "special_zone"]),
          parentCode: z.string().optional(),
        })
        .passthrough(),
      geometry: z.object({ type: z.enum(["Polygon", "MultiPolygon"]), coordinates: z.array(z.unknown()) }),
    }),
  ),
});

export const importReportSchema = z.object({
  fileName: z.string(),
  format: z.enum(["csv", "xlsx"]),
  sheetName: z.string().nullable(),
  layout: z.enum(["results", "groups"]),
  dryRun: z.boolean(),
  dataRows: z.number().int(),
  years: z.array(z.number().int()),
  scores: z.object({ inserted: z.number(), updated: z.number(), removed: z.number(), unchanged: z.number() }),
  groups: z.object({ inserted: z.number(), updated: z.number(), unchanged: z.number() }),
  changes: z.array(
    z.object({
      year: z.number(),
      province: z.string(),
      code: z.string(),
      before: z.number().nullable(),
      after: z.number().nullable(),
    }),
  ),
  warnings: z.array(z.object({ code: z.string(), message: z.string() }).passthrough()),
  importId: z.number().int().nullable(),
});
