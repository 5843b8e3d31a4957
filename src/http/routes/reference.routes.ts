/** Reference data: index frameworks by version, administrative units of both periods, maps. */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { Services } from "../../compose.ts";
import { isValidOn, sortByVietnameseName } from "../../domain/units.ts";
import { listCommunes } from "../../db/repositories/reference.repo.ts";
import { AppError } from "../../errors.ts";
import { presentFrameworkVersion } from "../../presenters/results.ts";
import { dataFile } from "../../services/shipped-data.ts";
import type { RouteRegistry } from "../route.ts";
import { frameworkVersionSchema, geoJsonSchema, indexParam, langQuery, yearParam } from "../schemas.ts";

const unitSetParam = z.enum(["vn63", "vn34"]).describe("vn63: the 63 provinces until 30/06/2025; vn34: the 34 units from 01/07/2025");

const unitSchema = z.object({
  code: z.string(),
  name: z.string(),
  fullName: z.string(),
  nameEn: z.string().nullable(),
  kind: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
});

export function registerReferenceRoutes(api: RouteRegistry, { results, database }: Services): void {
  api.add({
    method: "get",
    access: "public",
    path: "/indices",
    tag: "Khung chỉ số / Frameworks",
    summary: "The indices Chỉ Số knows, with their framework versions",
    query: z.object({ lang: langQuery }),
    response: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        publisher: z.string(),
        levels: z.array(z.string()),
        versions: z.array(z.object({ code: z.string(), fromYear: z.number(), toYear: z.number().nullable() })),
      }),
    ),
    handler: async (c, { query }) => {
      const catalog = await results.catalog();
      return c.json(
        [...catalog.indices.values()].map((index) => ({
          code: index.code,
          name: query.lang === "vi" ? index.nameVi : index.nameEn,
          publisher: query.lang === "vi" ? index.publisherVi : index.publisherEn,
          levels: index.levels.map((l) => (query.lang === "vi" ? l.nameVi : l.nameEn)),
          versions: index.versions.map((v) => ({ code: v.code, fromYear: v.fromYear, toYear: v.toYear })),
        })),
      );
    },
  });

  api.add({
    method: "get",
    access: "public",
    path: "/indices/{index}/frameworks",
    tag: "Khung chỉ số / Frameworks",
    summary: "Every framework version of an index: dimensions, sub-dimensions, maxima, years covered",
    params: z.object({ index: indexParam }),
    query: z.object({ lang: langQuery }),
    response: z.array(frameworkVersionSchema),
    handler: async (c, { params, query }) => {
      const catalog = await results.catalog();
      return c.json(catalog.index(params.index).versions.map((v) => presentFrameworkVersion(v, query.lang)));
    },
  });

  api.add({
    method: "get",
    access: "public",
    path: "/indices/{index}/frameworks/{year}",
    tag: "Khung chỉ số / Frameworks",
    summary: "The framework version that applies to one survey year",
    params: z.object({ index: indexParam, year: yearParam }),
    query: z.object({ lang: langQuery }),
    response: frameworkVersionSchema,
    handler: async (c, { params, query }) => {
      const catalog = await results.catalog();
      return c.json(presentFrameworkVersion(catalog.version(params.index, params.year), query.lang));
    },
  });

  api.add({
    method: "get",
    access: "public",
    path: "/units",
    tag: "Đơn vị hành chính / Units",
    summary: "Provinces of one period (63 before, 34 from 01/07/2025) or valid on a date",
    query: z.object({
      set: unitSetParam.optional(),
      on: z.iso.date("ngày dạng yyyy-mm-dd").optional().describe("Only units valid on this date (yyyy-mm-dd)"),
      sort: z.enum(["code", "name"]).default("code").describe("By GSO code, or by name in Vietnamese order"),
    }),
    response: z.array(unitSchema.extend({ set: unitSetParam, successor: z.string().nullable(), predecessors: z.array(z.string()) })),
    handler: async (c, { query }) => {
      const catalog = await results.catalog();
      let units = [...(query.set ? catalog.provinces(query.set) : [...catalog.provinces("vn63"), ...catalog.provinces("vn34")])];
      if (query.on) units = units.filter((u) => isValidOn(u, query.on!));
      if (query.sort === "name") units = sortByVietnameseName(units);
      return c.json(
        units.map((u) => ({
          set: u.set,
          code: u.code,
          name: u.name,
          fullName: u.fullName,
          nameEn: u.nameEn,
          kind: u.kind,
          validFrom: u.validFrom,
          validTo: u.validTo,
          successor: u.set === "vn63" ? (catalog.successorOf(u.code)?.code ?? null) : null,
          predecessors: u.set === "vn34" ? catalog.predecessorsOf(u.code).map((p) => p.code) : [],
        })),
      );
    },
  });

  api.add({
    method: "get",
    access: "public",
    path: "/units/vn34/{code}/communes",
    tag: "Đơn vị hành chính / Units",
    summary: "The communes, wards and special zones of one of the 34 provinces",
    params: z.object({ code: z.string().regex(/^\d{2}$/, "mã tỉnh hai chữ số, ví dụ 19") }),
    query: z.object({ sort: z.enum(["code", "name"]).default("code") }),
    response: z.array(unitSchema),
    handler: async (c, { params, query }) => {
      const communes = await listCommunes(database.db, params.code);
      if (!communes) throw new AppError("province.not-found", "not-found", { query: params.code, year: 2025 });
      return c.json(query.sort === "name" ? sortByVietnameseName(communes) : communes);
    },
  });

  api.add({
    method: "get",
    access: "public",
    path: "/maps/{set}",
    tag: "Đơn vị hành chính / Units",
    summary: "Province boundaries as GeoJSON, with the Hoàng Sa and Trường Sa special zones",
    params: z.object({ set: unitSetParam }),
    response: geoJsonSchema,
    responseType: "application/geo+json",
    handler: async (c, { params }) => {
      const body = await readFile(dataFile(`geo/vn-provinces-${params.set === "vn63" ? "63" : "34"}.geojson`));
      return c.body(new Uint8Array(body), 200, {
        "Content-Type": "application/geo+json",
        "Cache-Control": "public, max-age=86400",
      });
    },
  });
}
