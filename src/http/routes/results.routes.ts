/** Official results: years, rankings, a province's profile and trend, comparisons, the 34-unit view. */
import { z } from "zod";
import type { Services } from "../../compose.ts";
import { AppError } from "../../errors.ts";
import { presentMerged, presentProfile, presentRankings, presentTrend } from "../../presenters/results.ts";
import { compareTable, mergedTable, profileTable, rankingsTable } from "../../presenters/tables.ts";
import { sendTable } from "../respond.ts";
import type { RouteRegistry } from "../route.ts";
import {
  dimensionQuery,
  formatQuery,
  indexParam,
  langQuery,
  mergedSchema,
  profileSchema,
  provinceParam,
  rankingsSchema,
  trendSchema,
  weakRatioQuery,
  yearParam,
} from "../schemas.ts";

const TAG = "Kết quả chính thức / Official results";

export function registerResultRoutes(api: RouteRegistry, { results }: Services): void {
  api.add({
    method: "get",
    access: "public",
    path: "/indices/{index}/years",
    tag: TAG,
    summary: "Years with official results, and the framework version of each",
    params: z.object({ index: indexParam }),
    query: z.object({ lang: langQuery }),
    response: z.object({
      index: z.string(),
      years: z.array(z.object({ year: z.number().int(), framework: z.string(), unitSet: z.enum(["vn63", "vn34"]) })),
    }),
    handler: async (c, { params }) => {
      const catalog = await results.catalog();
      const years = await results.years(params.index);
      return c.json({
        index: catalog.index(params.index).code,
        years: years.map((year) => ({
          year,
          framework: catalog.version(params.index, year).code,
          unitSet: catalog.unitSetFor(params.index, year),
        })),
      });
    },
  });

  api.add({
    method: "get",
    access: "public",
    path: "/indices/{index}/years/{year}/rankings",
    tag: TAG,
    summary: "Ranking of provinces on the total or one dimension, with groups and change",
    description:
      "Ranks are among provinces with a score (ties share a rank). Groups: the official label where one was imported, otherwise computed from type-7 percentiles (≥P75, ≥P50, ≥P25, below) and marked `computed`.",
    params: z.object({ index: indexParam, year: yearParam }),
    query: z.object({ dimension: dimensionQuery, lang: langQuery, format: formatQuery }),
    response: rankingsSchema,
    produces: ["text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    handler: async (c, { params, query }) => {
      const catalog = await results.catalog();
      const analysis = await results.year(params.index, params.year);
      if (query.dimension && !analysis.version.dimensions.some((d) => d.code === query.dimension)) {
        throw new AppError("dimension.not-found", "not-found", {
          year: params.year,
          dimension: query.dimension,
          valid: analysis.version.dimensions.map((d) => d.code).join(", "),
        });
      }
      const data = presentRankings({
        analysis,
        previous: await results.previousYear(params.index, params.year),
        dimension: query.dimension,
        unitSet: catalog.unitSetFor(params.index, params.year),
        lang: query.lang,
      });
      if (query.format !== "json") {
        const name = `${data.index}-${data.year}-${query.lang === "vi" ? "xep-hang" : "rankings"}${query.dimension ? `-${query.dimension}` : ""}`;
        return sendTable(c, rankingsTable(data, query.lang), query.format, name);
      }
      return c.json(data);
    },
  });

  api.add({
    method: "get",
    access: "public",
    path: "/indices/{index}/years/{year}/provinces/{province}",
    tag: TAG,
    summary: "A province's profile: total, rank, group, change, dimensions, sub-dimensions, weaknesses",
    description:
      "The `summary` paragraphs are worded like a provincial results analysis (seed 416/KH-UBND): figures from full precision, dimensions under 5/10, dimensions in the lowest group, weak sub-dimensions as score/max.",
    params: z.object({ index: indexParam, year: yearParam, province: provinceParam }),
    query: z.object({ lang: langQuery, weakRatio: weakRatioQuery, format: formatQuery }),
    response: profileSchema,
    produces: ["text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    handler: async (c, { params, query }) => {
      const data = await profileOf(results, params.index, params.year, params.province, query.lang, query.weakRatio);
      if (query.format !== "json") {
        return sendTable(c, profileTable(data, query.lang), query.format, `${data.index}-${data.year}-${data.province.name}`);
      }
      return c.json(data);
    },
  });

  api.add({
    method: "get",
    access: "public",
    path: "/indices/{index}/years/{year}/compare",
    tag: TAG,
    summary: "Two to four provinces side by side",
    params: z.object({ index: indexParam, year: yearParam }),
    query: z.object({
      provinces: z
        .string()
        .min(1, "cần danh sách tỉnh, ví dụ provinces=06,10")
        .describe("Comma-separated codes or names, 2 to 4 (e.g. 06,10,15)"),
      lang: langQuery,
      weakRatio: weakRatioQuery,
      format: formatQuery,
    }),
    response: z.object({ index: z.string(), year: z.number().int(), provinces: z.array(profileSchema) }),
    produces: ["text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    handler: async (c, { params, query }) => {
      const names = [...new Set(query.provinces.split(",").map((s) => s.trim()).filter(Boolean))];
      if (names.length < 2 || names.length > 4) throw new AppError("compare.count", "invalid");
      const profiles: Awaited<ReturnType<typeof profileOf>>[] = [];
      for (const name of names) {
        const profile = await profileOf(results, params.index, params.year, name, query.lang, query.weakRatio);
        // "06" and "Bắc Kạn" are the same province: compare it once.
        if (!profiles.some((p) => p.province.code === profile.province.code)) profiles.push(profile);
      }
      if (profiles.length < 2) throw new AppError("compare.count", "invalid");
      if (query.format !== "json") {
        const name = `${profiles[0]!.index}-${params.year}-${query.lang === "vi" ? "so-sanh" : "compare"}`;
        return sendTable(c, compareTable(profiles, query.lang), query.format, name);
      }
      return c.json({ index: profiles[0]!.index, year: params.year, provinces: profiles });
    },
  });

  api.add({
    method: "get",
    access: "public",
    path: "/indices/{index}/provinces/{province}/trend",
    tag: TAG,
    summary: "A province's total, rank and dimensions over every year, with framework breaks marked",
    params: z.object({ index: indexParam, province: provinceParam }),
    query: z.object({ lang: langQuery }),
    response: trendSchema,
    handler: async (c, { params }) => c.json(presentTrend(await results.trend(params.index, params.province))),
  });

  api.add({
    method: "get",
    access: "public",
    path: "/indices/{index}/years/{year}/merged",
    tag: TAG,
    summary: "A historic year seen through the 34 units of 2025: constituents and a labelled estimate",
    description:
      "Each unit lists the former provinces it was formed from with their official figures. The combined score is an unweighted mean of the constituents: an ESTIMATE, never an official result.",
    params: z.object({ index: indexParam, year: yearParam }),
    query: z.object({ lang: langQuery, format: formatQuery }),
    response: mergedSchema,
    produces: ["text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    handler: async (c, { params, query }) => {
      const analysis = await results.year(params.index, params.year);
      const data = presentMerged(analysis, await results.merged(params.index, params.year));
      if (query.format !== "json") {
        const name = `${data.index}-${data.year}-${query.lang === "vi" ? "34-don-vi" : "34-units"}`;
        return sendTable(c, mergedTable(data, query.lang), query.format, name);
      }
      return c.json(data);
    },
  });
}

async function profileOf(
  results: Services["results"],
  index: string,
  year: number,
  province: string,
  lang: "vi" | "en",
  weakRatio: number | undefined,
) {
  const catalog = await results.catalog();
  // A year without results is the problem to report, not a province missing from that year's list
  // (2030 would otherwise be "no province 06 among the 34 units").
  await results.year(index, year);
  const { profile, province: unit } = await results.profile({ indexCode: index, year, province, weakRatio });
  const definition = catalog.index(index);
  return presentProfile({
    profile,
    province: unit,
    catalog,
    version: catalog.version(index, year),
    indexName: definition.code,
    lang,
  });
}

