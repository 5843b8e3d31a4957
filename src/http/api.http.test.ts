/**
 * The HTTP API in process (no port), on every test engine, against the official data: every route has an
 * example request and answers what its schema documents; the published facts; errors in the user's
 * language; downloads; imports with their token, limits and all-or-nothing rule; headers; OpenAPI.
 */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { z } from "zod";
import { createTestServices, ENGINES } from "../../test/support/database.ts";
import { signInAs } from "../../test/support/sessions.ts";
import type { Services } from "../compose.ts";
import { tableToCsv, tableToXlsx, type ExportTable } from "../spreadsheets/write.ts";
import { createApp } from "./app.ts";
import { importReportSchema, profileSchema } from "./schemas.ts";

const API = "/api/v1";
/** The signed-in administrator's cookie and CSRF token, set once the app exists (imports need them). */
let BEARER: Record<string, string> = {};
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const CSV_HEADER = "year,gso_code_old,province_vi,subdimension,score";

type App = ReturnType<typeof createApp>["app"];
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Example {
  url: string;
  init?: () => RequestInit;
  /** The Content-Type the 200 answer must have (prefix). */
  type?: string;
}

/**
 * One or more example requests per route, keyed "METHOD /path" as registered. A route added without an
 * entry here fails the first test below.
 */
const EXAMPLES: Record<string, Example[]> = {
  "GET /health": [{ url: "/health" }],
  "GET /indices": [{ url: "/indices" }, { url: "/indices?lang=en" }],
  "GET /indices/{index}/frameworks": [{ url: "/indices/PAPI/frameworks" }, { url: "/indices/papi/frameworks?lang=en" }],
  "GET /indices/{index}/frameworks/{year}": [
    { url: "/indices/PAPI/frameworks/2018" },
    { url: "/indices/PAPI/frameworks/2024?lang=en" },
  ],
  "GET /units": [{ url: "/units" }, { url: "/units?set=vn34&sort=name" }, { url: "/units?on=2025-07-01" }],
  "GET /units/vn34/{code}/communes": [{ url: "/units/vn34/19/communes" }, { url: "/units/vn34/01/communes?sort=name" }],
  "GET /maps/{set}": [
    { url: "/maps/vn63", type: "application/geo+json" },
    { url: "/maps/vn34", type: "application/geo+json" },
  ],
  "GET /indices/{index}/years": [{ url: "/indices/PAPI/years" }],
  "GET /indices/{index}/years/{year}/rankings": [
    { url: "/indices/PAPI/years/2011/rankings" },
    { url: "/indices/PAPI/years/2018/rankings?lang=en" },
    { url: "/indices/PAPI/years/2021/rankings?dimension=D8" },
    { url: "/indices/PAPI/years/2023/rankings" },
    { url: "/indices/PAPI/years/2021/rankings?format=csv", type: "text/csv" },
    { url: "/indices/PAPI/years/2021/rankings?format=xlsx", type: XLSX_TYPE },
  ],
  "GET /indices/{index}/years/{year}/provinces/{province}": [
    { url: "/indices/PAPI/years/2021/provinces/Bac%20Kan" },
    { url: "/indices/PAPI/years/2011/provinces/01?lang=en" },
    { url: "/indices/PAPI/years/2023/provinces/22" },
    { url: "/indices/PAPI/years/2021/provinces/06?weakRatio=0.5&format=csv", type: "text/csv" },
    { url: "/indices/PAPI/years/2011/provinces/06?format=csv", type: "text/csv" },
    { url: "/indices/PAPI/years/2012/provinces/01?format=xlsx", type: XLSX_TYPE },
  ],
  "GET /indices/{index}/years/{year}/compare": [
    { url: "/indices/PAPI/years/2021/compare?provinces=06,10,15" },
    { url: "/indices/PAPI/years/2016/compare?provinces=Ha%20Noi,TP.%20Ho%20Chi%20Minh&lang=en" },
    { url: "/indices/PAPI/years/2021/compare?provinces=06,10&format=xlsx", type: XLSX_TYPE },
  ],
  "GET /indices/{index}/provinces/{province}/trend": [
    { url: "/indices/PAPI/provinces/B%E1%BA%AFc%20K%E1%BA%A1n/trend" },
    { url: "/indices/PAPI/provinces/22/trend?lang=en" },
  ],
  "GET /indices/{index}/years/{year}/merged": [
    { url: "/indices/PAPI/years/2011/merged" },
    { url: "/indices/PAPI/years/2021/merged" },
    { url: "/indices/PAPI/years/2021/merged?format=csv", type: "text/csv" },
  ],
  // A dry run of a real change: answers a full report and stores nothing.
  "POST /indices/{index}/imports": [
    {
      url: "/indices/PAPI/imports?dryRun=true",
      init: () => ({
        method: "POST",
        headers: { ...BEARER, "Content-Type": "text/csv" },
        body: `${CSV_HEADER}\n2021,06,Bắc Kạn,1.1,0.5\n`,
      }),
    },
  ],
};

async function call(app: App, url: string, init?: RequestInit) {
  const response = await app.request(url.startsWith("/api/") ? url : `${API}${url}`, init);
  const text = response.status === 304 ? "" : await response.clone().text();
  let body: Json = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: a download or a page
  }
  return { response, status: response.status, body };
}

/** Numbers as a person would write them: 1.3610343335, never 1.3610343335000001. */
function floatNoise(value: unknown, path = "$"): string[] {
  if (typeof value === "number") return Number(value.toPrecision(15)) === value ? [] : [`${path} = ${value}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => floatNoise(v, `${path}[${i}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => floatNoise(v, `${path}.${k}`));
  return [];
}

async function readXlsx(bytes: ArrayBuffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes);
  return workbook;
}

/** A body in some province, for roles that need one (sets Lào Cai up once). */
async function someOrganisation(services: Services): Promise<number> {
  const catalog = await services.results.catalog();
  const province = catalog.unitId("vn34", "15")!;
  const system = { principal: null, name: "test", ip: null };
  let list = await services.organisations.list(system, province);
  if (list.length === 0) {
    await services.organisations.setupProvince(system, province, { communes: false });
    list = await services.organisations.list(system, province);
  }
  return list.find((o) => o.code === "SNV")!.id;
}

const csvRows = (bytes: Buffer): string[][] => parse(bytes, { bom: true, relax_column_count: true });

describe.each(ENGINES)("HTTP API on %s", (engine) => {
  let services: Services;
  let api: ReturnType<typeof createApp>;
  let app: App;
  const get = (url: string, init?: RequestInit) => call(app, url, init);

  beforeAll(async () => {
    services = await createTestServices(engine);
    api = createApp(services, { webRoot: null });
    app = api.app;
    BEARER = (await signInAs(app, services, "admin")).headers;
  });
  afterAll(async () => {
    await services?.close();
  });

  // The public data routes and the results import; the signed-in routes have theirs, for every role, in
  // test/http/authorization.http.test.ts.
  const covered = () =>
    api.routes.filter((r) => (r.access === "public" && !r.path.startsWith("/auth/")) || r.access === "results.import");

  describe("every public route", () => {
    test("has example requests here, and every example names a registered route", () => {
      const registered = covered().map((r) => `${r.method.toUpperCase()} ${r.path}`);
      expect(registered.length).toBeGreaterThanOrEqual(14);
      for (const key of registered) expect(EXAMPLES[key], `no example request for ${key}`).toBeDefined();
      for (const key of Object.keys(EXAMPLES)) expect(registered, `example for an unknown route ${key}`).toContain(key);
    });

    test("declares the schema of its JSON answer", () => {
      for (const spec of api.routes) expect(spec.response, `${spec.method} ${spec.path} has no response schema`).toBeDefined();
    });

    test("answers 200 to its examples, exactly as its response schema documents, without float noise", async () => {
      for (const spec of covered()) {
        for (const example of EXAMPLES[`${spec.method.toUpperCase()} ${spec.path}`] ?? []) {
          const { response, status, body } = await get(example.url, example.init?.());
          const label = `${spec.method.toUpperCase()} ${example.url}`;
          expect(status, `${label}: ${JSON.stringify(body).slice(0, 300)}`).toBe(200);
          const type = response.headers.get("Content-Type") ?? "";
          expect(type.startsWith(example.type ?? "application/json"), `${label} answered ${type}`).toBe(true);
          if (example.type === "text/csv") {
            const numbers = csvRows(Buffer.from(await response.arrayBuffer()))
              .flat()
              .filter((cell) => /^-?\d+(\.\d+)?$/.test(cell))
              .map(Number);
            expect(floatNoise(numbers), label).toEqual([]);
            continue;
          }
          if (example.type === XLSX_TYPE) {
            const numbers: unknown[] = [];
            (await readXlsx(await response.arrayBuffer())).worksheets[0]!.eachRow((row) =>
              row.eachCell((cell) => void (typeof cell.value === "number" && numbers.push(cell.value))),
            );
            expect(numbers.length, label).toBeGreaterThan(0);
            expect(floatNoise(numbers), label).toEqual([]);
            continue;
          }
          const schema = spec.response as z.ZodType;
          const parsed = schema.safeParse(body);
          expect(parsed.error?.issues.slice(0, 3), label).toBeUndefined();
          // zod drops keys it does not know: equal means nothing undocumented was sent either.
          expect(parsed.data, `${label} sends fields its schema does not document`).toEqual(body);
          expect(floatNoise(body), label).toEqual([]);
        }
      }
    });
  });

  describe("official facts", () => {
    test("Bắc Kạn 2021: total, rank, group, dimensions under 5/10, weak sub-dimensions, the summary", async () => {
      const { status, body } = await get("/indices/PAPI/years/2021/provinces/Bac%20Kan");
      expect(status).toBe(200);
      expect(body.province).toMatchObject({ code: "06", name: "Bắc Kạn", successor: { code: "19", name: "Thái Nguyên" } });
      expect(body).toMatchObject({ total: 42.1529, max: 80, rank: 34, group: "low-average", groupSource: "official" });
      expect(body.change).toMatchObject({ previousYear: 2020, delta: -0.5702, rankDelta: -2 });
      expect(body.findings.dimensionsBelowHalf).toEqual(["D1", "D3", "D7", "D8"]);
      expect(body.dimensions.filter((d: Json) => d.belowHalf).map((d: Json) => d.code)).toEqual(["D1", "D3", "D7", "D8"]);
      expect(body.findings.weakSubdimensions).toEqual(expect.arrayContaining(["1.1", "1.4", "2.1", "3.2", "7.3", "8.1", "8.3"]));
      expect(body.subdimensions.filter((s: Json) => s.weak).map((s: Json) => s.code)).toEqual(body.findings.weakSubdimensions);
      expect(body.summary[0]).toContain("42,153/80 điểm, giảm 0,570 điểm so với năm 2020");
      expect(body.summary[0]).toContain("giảm 02 bậc");
      expect(body.dimensions.find((d: Json) => d.code === "D1").name).toBe("Tham gia của người dân ở cấp cơ sở");
    });

    test("?lang=en gives English names and summary, the same figures", async () => {
      const { body } = await get("/indices/PAPI/years/2021/provinces/06?lang=en");
      expect(body).toMatchObject({ total: 42.1529, rank: 34 });
      expect(body.dimensions.find((d: Json) => d.code === "D1").name).toBe("Participation at Local Levels");
      expect(body.subdimensions.find((s: Json) => s.code === "1.1").name).toBe("Civic Knowledge");
      expect(body.summary[0]).toContain("42.153/80");
      expect(body.summary[0]).toContain("down 0.570 points from 2020");
      expect(body.summary.join(" ")).not.toMatch(/điểm|giảm|nhóm/);
    });

    test("the province can be named with or without diacritics, by code, or as the 2025 unit's short name", async () => {
      for (const name of ["06", "6", "B%E1%BA%AFc%20K%E1%BA%A1n", "bac%20kan", "T%E1%BB%89nh%20B%E1%BA%AFc%20K%E1%BA%A1n"]) {
        const { status, body } = await get(`/indices/PAPI/years/2021/provinces/${name}`);
        expect(status, name).toBe(200);
        expect(body.province.code, name).toBe("06");
      }
      // "Huế" (the unit since 2025) finds Thừa Thiên Huế in 2021, and says what it became.
      const { body } = await get("/indices/PAPI/years/2021/provinces/Hu%E1%BA%BF");
      expect(body.province).toMatchObject({ code: "46", name: "Thừa Thiên Huế", successor: { name: "Huế" } });
    });

    test.each([2019, 2020])("rankings %i: computed group sizes 16/16/15/16 over 63 provinces", async (year) => {
      const { body } = await get(`/indices/PAPI/years/${year}/rankings`);
      expect(body.national.groupSizes).toEqual({ highest: 16, "high-average": 16, "low-average": 15, lowest: 16 });
      expect(body.rows).toHaveLength(63);
      expect(body.rankedCount).toBe(63);
      const ranks = body.rows.map((r: Json) => r.rank);
      expect(ranks).toEqual([...ranks].sort((a: number, b: number) => a - b));
    });

    test("rankings on a dimension: D8 out of 10, best first", async () => {
      const { body } = await get("/indices/PAPI/years/2021/rankings?dimension=D8");
      expect(body.dimension).toEqual({ code: "D8", name: "Quản trị điện tử" });
      expect(body.max).toBe(10);
      const scores = body.rows.filter((r: Json) => r.score !== null).map((r: Json) => r.score);
      expect(scores.every((s: number) => s >= 0 && s <= 10)).toBe(true);
      expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
      expect(body.rows[0].rank).toBe(1);
      const bacKan = body.rows.find((r: Json) => r.province.code === "06");
      const profile = (await get("/indices/PAPI/years/2021/provinces/06")).body;
      expect(bacKan.score).toBe(profile.dimensions.find((d: Json) => d.code === "D8").score);
      expect(bacKan.rank).toBe(profile.dimensions.find((d: Json) => d.code === "D8").rank);
      // "d8" and "8" mean the same
      expect((await get("/indices/PAPI/years/2021/rankings?dimension=8")).body.rows).toEqual(body.rows);
    });

    test("2023: Quảng Ninh (22) has no score, no rank, and comes after every ranked province", async () => {
      const { body } = await get("/indices/PAPI/years/2023/rankings");
      const index = body.rows.findIndex((r: Json) => r.province.code === "22");
      expect(body.rows[index]).toMatchObject({ province: { name: "Quảng Ninh" }, score: null, rank: null, group: null });
      const firstUnranked = body.rows.findIndex((r: Json) => r.rank === null);
      expect(index).toBeGreaterThanOrEqual(firstUnranked);
      expect(body.rows.slice(firstUnranked).every((r: Json) => r.rank === null && r.score === null)).toBe(true);
      expect(firstUnranked).toBe(body.rankedCount);
    });

    test("trend of Bắc Kạn: 14 years, 2018 marked as a framework break", async () => {
      const { body } = await get("/indices/PAPI/provinces/Bac%20Kan/trend");
      expect(body.province).toMatchObject({ code: "06", name: "Bắc Kạn" });
      expect(body.points).toHaveLength(14);
      expect(body.points.map((p: Json) => p.year)).toEqual(Array.from({ length: 14 }, (_, i) => 2011 + i));
      expect(body.points.find((p: Json) => p.year === 2018).comparability).toBe("break");
      expect(body.points.find((p: Json) => p.year === 2021)).toMatchObject({ total: 42.1529, rank: 34 });
    });

    test("compare 06,10,15: three profiles in the order asked", async () => {
      const { status, body } = await get("/indices/PAPI/years/2021/compare?provinces=06,10,15");
      expect(status).toBe(200);
      expect(body.provinces.map((p: Json) => p.province.code)).toEqual(["06", "10", "15"]);
      for (const profile of body.provinces) expect(() => profileSchema.parse(profile)).not.toThrow();
    });

    test.each([["06"], ["06,10,15,17,19"], ["06,06"], ["06,Bac%20Kan"], [",,"]])(
      "compare provinces=%s is refused with compare.count",
      async (list) => {
        const { status, body } = await get(`/indices/PAPI/years/2021/compare?provinces=${list}`);
        expect(status).toBe(400);
        expect(body.error.code).toBe("compare.count");
        expect(body.error.message).toContain("từ 2 đến 4");
      },
    );

    test("2021 seen as the 34 units of 2025: labelled estimates; Thái Nguyên = Bắc Kạn + Thái Nguyên", async () => {
      const { body } = await get("/indices/PAPI/years/2021/merged");
      expect(body).toMatchObject({ year: 2021, isEstimate: true });
      expect(body.units).toHaveLength(34);
      const thaiNguyen = body.units.find((u: Json) => u.unit.code === "19");
      expect(thaiNguyen.constituents.map((c: Json) => c.unit.name).sort()).toEqual(["Bắc Kạn", "Thái Nguyên"]);
      expect(thaiNguyen.constituents.find((c: Json) => c.unit.code === "06")).toMatchObject({ total: 42.1529, rank: 34 });
      const totals = thaiNguyen.constituents.map((c: Json) => c.total);
      expect(thaiNguyen.estimate.total).toBeCloseTo((totals[0] + totals[1]) / 2, 3);
      expect(thaiNguyen.estimate.isEstimate).toBe(true);
      // Every one of the 63 old provinces is in exactly one new unit.
      const olds = body.units.flatMap((u: Json) => u.constituents.map((c: Json) => c.unit.code));
      expect(new Set(olds).size).toBe(63);
      expect(olds).toHaveLength(63);
    });

    test("frameworks: five versions; 2018 has 8 dimensions", async () => {
      const list = (await get("/indices/PAPI/frameworks")).body;
      expect(list.map((v: Json) => v.code)).toEqual(["PAPI-2011", "PAPI-2016", "PAPI-2018", "PAPI-2019", "PAPI-2021"]);
      const v2018 = (await get("/indices/PAPI/frameworks/2018")).body;
      expect(v2018.code).toBe("PAPI-2018");
      expect(v2018.dimensions).toHaveLength(8);
      expect(v2018.totalMax).toBe(80);
      expect((await get("/indices/PAPI/frameworks/2013")).body.dimensions).toHaveLength(6);
    });

    test("units: 63 and 34, and sort=name is the Vietnamese alphabetical order", async () => {
      const vn63 = (await get("/units?set=vn63")).body;
      const vn34 = (await get("/units?set=vn34")).body;
      expect(vn63).toHaveLength(63);
      expect(vn34).toHaveLength(34);
      expect(vn63.map((u: Json) => u.code)).toEqual([...vn63.map((u: Json) => u.code)].sort());
      expect(vn63.find((u: Json) => u.code === "06")).toMatchObject({ name: "Bắc Kạn", successor: "19" });
      expect(vn34.find((u: Json) => u.code === "19").predecessors.sort()).toEqual(["06", "19"]);
      const collator = new Intl.Collator("vi");
      for (const set of ["vn63", "vn34"]) {
        const names = (await get(`/units?set=${set}&sort=name`)).body.map((u: Json) => u.name);
        expect(names).toEqual([...names].sort(collator.compare));
        expect(names).not.toEqual([...names].sort()); // not plain code-point order (Đ would come last)
      }
      expect((await get("/units?on=2021-12-31")).body).toHaveLength(63);
    });

    test("communes of unit 19 are those of data/units/communes-34.csv", async () => {
      const file = parse(readFileSync(new URL("../../data/units/communes-34.csv", import.meta.url)), {
        columns: true,
        bom: true,
      }) as { province_code: string; code: string }[];
      const expected = file.filter((r) => r.province_code === "19").map((r) => r.code).sort();
      const { body } = await get("/units/vn34/19/communes");
      expect(expected.length).toBeGreaterThan(0);
      expect(body).toHaveLength(expected.length);
      expect(body.map((c: Json) => c.code).sort()).toEqual(expected);
      const unknown = await get("/units/vn34/99/communes");
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe("province.not-found");
    });

    test("maps/vn63 is GeoJSON with the Hoàng Sa and Trường Sa special zones", async () => {
      for (const set of ["vn63", "vn34"]) {
        const { response, body } = await get(`/maps/${set}`);
        expect(response.headers.get("Content-Type")).toBe("application/geo+json");
        expect(body.type).toBe("FeatureCollection");
        const zones = body.features.filter((f: Json) => f.properties.kind === "special_zone");
        expect(zones.map((f: Json) => f.properties.name).sort()).toEqual(["Hoàng Sa", "Trường Sa"]);
        expect(body.features.length - zones.length).toBe(set === "vn63" ? 63 : 34);
      }
    });

    test("health", async () => {
      const { status, body } = await get("/health");
      expect(status).toBe(200);
      expect(body).toMatchObject({ status: "ok", database: engine });
      expect(body.dataVersion).toBeGreaterThan(0);
    });
  });

  describe("errors", () => {
    test("a year that is not a number: 400 request.invalid naming the parameter", async () => {
      const { status, body } = await get("/indices/PAPI/years/20x1/rankings");
      expect(status).toBe(400);
      expect(body.error.code).toBe("request.invalid");
      expect(body.error.details).toEqual([expect.objectContaining({ in: "path", path: "year" })]);
      expect(body.error.details[0].message).toContain("năm");
      expect(body.error.requestId).toEqual(expect.any(String));
    });

    test("zod's own detail messages follow the asked language", async () => {
      const vi = await get("/units?sort=ten");
      expect(vi.status).toBe(400);
      expect(vi.body.error.details[0]).toMatchObject({ in: "query", path: "sort" });
      expect(vi.body.error.details[0].message).toMatch(/^Tùy chọn không hợp lệ/);
      const en = await get("/units?sort=ten&lang=en");
      expect(en.body.error.details[0].message).toMatch(/^Invalid option/);
    });

    test("query parameters are validated too", async () => {
      const cases: [string, string][] = [
        ["/indices/PAPI/years/2021/provinces/06?weakRatio=1.5", "weakRatio"],
        ["/indices/PAPI/years/2021/rankings?format=pdf", "format"],
        ["/indices/PAPI/years/2021/rankings?dimension=X1", "dimension"],
        ["/indices/PAPI/years/2021/rankings?lang=fr", "lang"],
        ["/indices/PAPI/years/2021/compare", "provinces"],
        ["/units?on=2025-13-01", "on"],
        ["/units?set=vn99", "set"],
      ];
      for (const [url, parameter] of cases) {
        const { status, body } = await get(url);
        expect(status, url).toBe(400);
        expect(body.error.details.map((d: Json) => d.path), url).toContain(parameter);
      }
    });

    test("2009: no framework (404 year.no-framework); 2030: no results (404 year.no-results)", async () => {
      const before = await get("/indices/PAPI/years/2009/rankings");
      expect(before.status).toBe(404);
      expect(before.body.error.code).toBe("year.no-framework");
      expect(before.body.error.message).toContain("2011");
      const after = await get("/indices/PAPI/years/2030/provinces/06");
      expect(after.status).toBe(404);
      expect(after.body.error.code).toBe("year.no-results");
      expect(after.body.error.message).toBe("Chưa có kết quả PAPI năm 2030. Các năm đã có: 2011–2024.");
    });

    test("an unknown province: 404 province.not-found, in Vietnamese, or in English with ?lang=en", async () => {
      const vi = await get("/indices/PAPI/years/2021/provinces/H%C3%A0%20T%C3%A2y");
      expect(vi.status).toBe(404);
      expect(vi.body.error.code).toBe("province.not-found");
      expect(vi.body.error.message).toBe("Không tìm thấy tỉnh, thành phố «Hà Tây» trong danh mục năm 2021.");
      const en = await get("/indices/PAPI/years/2021/provinces/H%C3%A0%20T%C3%A2y?lang=en");
      expect(en.status).toBe(404);
      expect(en.body.error.message).toBe('No province "Hà Tây" in the 2021 list.');
      const trend = await get("/indices/PAPI/provinces/Ha%20Tay/trend");
      expect(trend.status).toBe(404);
      expect(trend.body.error.code).toBe("province.not-found");
    });

    test("a name shared by several provinces: 404 province.ambiguous listing them", async () => {
      const { status, body } = await get("/indices/PAPI/years/2021/provinces/Binh");
      expect(status).toBe(404);
      expect(body.error.code).toBe("province.ambiguous");
      expect(body.error.message).toContain("Bình Định");
    });

    test("an unknown index, dimension or API path: 404 JSON", async () => {
      const index = await get("/indices/XYZ/years");
      expect(index.status).toBe(404);
      expect(index.body.error.code).toBe("index.not-found");
      const dimension = await get("/indices/PAPI/years/2021/rankings?dimension=D9");
      expect(dimension.status).toBe(404);
      expect(dimension.body.error).toMatchObject({ code: "dimension.not-found" });
      expect(dimension.body.error.message).toContain("D1, D2, D3, D4, D5, D6, D7, D8");
      // 2013 had six dimensions: D7 exists in 2021 but not then
      expect((await get("/indices/PAPI/years/2013/rankings?dimension=D7")).status).toBe(404);
      for (const url of ["/nope", "/indices/PAPI/years/2021/provinces", "/indices/PAPI/years/2021/rankings/extra"]) {
        const { response, status, body } = await get(url);
        expect(status, url).toBe(404);
        expect(response.headers.get("Content-Type")).toContain("application/json");
        expect(body.error.code, url).toBe("not-found");
      }
      const en = await get("/nope?lang=en");
      expect(en.body.error.message).toBe("This page or resource does not exist.");
    });
  });

  describe("downloads", () => {
    test("rankings as CSV: UTF-8 BOM, Vietnamese header row, the same rows as JSON, a UTF-8 file name", async () => {
      const { response, status } = await get("/indices/PAPI/years/2021/rankings?format=csv");
      expect(status).toBe(200);
      expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
      const disposition = response.headers.get("Content-Disposition")!;
      expect(disposition).toMatch(/^attachment; /);
      expect(disposition).toContain(`filename="PAPI-2021-xep-hang.csv"`);
      expect(disposition).toContain("filename*=UTF-8''PAPI-2021-xep-hang.csv");
      const bytes = Buffer.from(await response.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = csvRows(bytes);
      expect(rows[0]).toEqual([
        "Hạng",
        "Mã",
        "Tỉnh, thành phố",
        "Điểm (/80)",
        "Nhóm",
        "Nguồn xếp nhóm",
        "Thay đổi điểm so với năm trước",
        "Thay đổi thứ hạng (+ là tăng)",
      ]);
      expect(rows).toHaveLength(64);
      const bacKan = rows.find((r) => r[1] === "06")!;
      expect(bacKan).toEqual(["34", "06", "Bắc Kạn", "42.1529", "Nhóm đạt điểm trung bình thấp", "Chính thức", "-0.5702", "-2"]);
    });

    test("a profile download keeps the Vietnamese file name, with an ASCII fallback", async () => {
      const { response } = await get("/indices/PAPI/years/2021/provinces/06?format=csv");
      const disposition = response.headers.get("Content-Disposition")!;
      expect(disposition).toContain(`filename="PAPI-2021-Bac-Kan.csv"`);
      expect(disposition).toContain("filename*=UTF-8''PAPI-2021-B%E1%BA%AFc%20K%E1%BA%A1n.csv");
      const english = await get("/indices/PAPI/years/2021/merged?format=csv&lang=en");
      expect(english.response.headers.get("Content-Disposition")).toContain(`filename="PAPI-2021-34-units.csv"`);
      expect(csvRows(Buffer.from(await english.response.arrayBuffer()))[0]![1]).toBe("Unit from 1 July 2025");
    });

    test("rankings as XLSX: a real workbook with titles, bold headers and numeric cells", async () => {
      const { response, status } = await get("/indices/PAPI/years/2021/rankings?format=xlsx");
      expect(status).toBe(200);
      expect(response.headers.get("Content-Type")).toBe(XLSX_TYPE);
      expect(response.headers.get("Content-Disposition")).toContain("filename*=UTF-8''PAPI-2021-xep-hang.xlsx");
      const workbook = await readXlsx(await response.arrayBuffer());
      const sheet = workbook.worksheets[0]!;
      expect(sheet.name).toBe("PAPI 2021");
      expect(sheet.getCell("A1").value).toBe("PAPI 2021 — Chỉ số tổng hợp");
      const header = sheet.getRow(4);
      expect(header.getCell(1).value).toBe("Hạng");
      expect(header.getCell(3).value).toBe("Tỉnh, thành phố");
      expect(header.getCell(1).font?.bold).toBe(true);
      const rows = [];
      for (let n = 5; n <= sheet.rowCount; n += 1) rows.push(sheet.getRow(n));
      expect(rows).toHaveLength(63);
      const bacKan = rows.find((r) => r.getCell(2).value === "06")!;
      expect(bacKan.getCell(1).value).toBe(34);
      expect(bacKan.getCell(3).value).toBe("Bắc Kạn");
      expect(bacKan.getCell(4).value).toBe(42.1529);
      expect(bacKan.getCell(4).numFmt).toBe("0.0000");
      expect(bacKan.getCell(7).value).toBe(-0.5702);
      expect(bacKan.getCell(8).value).toBe(-2);
      expect(rows[0]!.getCell(1).value).toBe(1);
    });

    test("a profile as XLSX lists the total, 8 dimensions and 28 sub-dimensions under the summary", async () => {
      const { response } = await get("/indices/PAPI/years/2021/provinces/06?format=xlsx");
      const sheet = (await readXlsx(await response.arrayBuffer())).worksheets[0]!;
      expect(sheet.name).toBe("Bắc Kạn 2021");
      const codes: unknown[] = [];
      sheet.eachRow((row) => codes.push(row.getCell(2).value));
      expect(codes.filter((c) => typeof c === "string" && /^D\d$/.test(c))).toHaveLength(8);
      expect(codes.filter((c) => typeof c === "string" && /^\d\.\d$/.test(c))).toHaveLength(28);
    });
  });

  describe("headers", () => {
    test("security headers and a request id on answers and errors", async () => {
      for (const url of ["/health", "/nope", "/indices/PAPI/years/2021/rankings?format=csv"]) {
        const { response } = await get(url);
        expect(response.headers.get("Content-Security-Policy"), url).toContain("default-src 'self'");
        expect(response.headers.get("Content-Security-Policy"), url).toContain("frame-ancestors 'none'");
        expect(response.headers.get("X-Content-Type-Options"), url).toBe("nosniff");
        expect(response.headers.get("X-Request-Id"), url).toMatch(/^[\w-]+$/);
      }
    });

    test("a caller's plain request id is kept; anything else is replaced, never echoed", async () => {
      const kept = await get("/nope", { headers: { "X-Request-Id": "trace-42.a" } });
      expect(kept.response.headers.get("X-Request-Id")).toBe("trace-42.a");
      expect(kept.body.error.requestId).toBe("trace-42.a");
      const hostile = await get("/nope", { headers: { "X-Request-Id": "<script>alert(1)</script>" } });
      expect(hostile.response.headers.get("X-Request-Id")).toMatch(/^[0-9a-f]{8}$/);
      expect(JSON.stringify(hostile.body)).not.toContain("script");
    });

    test("GET answers carry an ETag; repeating it answers 304; errors and health carry none", async () => {
      const url = "/indices/PAPI/years/2021/rankings";
      const first = await get(url);
      const etag = first.response.headers.get("ETag")!;
      expect(etag).toMatch(/^W\/".+"$/);
      expect(first.response.headers.get("Cache-Control")).toBe("no-cache");
      const again = await get(url, { headers: { "If-None-Match": etag } });
      expect(again.status).toBe(304);
      expect(await again.response.text()).toBe("");
      expect(again.response.headers.get("ETag")).toBe(etag);
      const listed = await get(url, { headers: { "If-None-Match": `W/"stale", ${etag}` } });
      expect(listed.status).toBe(304);
      const other = await get(url, { headers: { "If-None-Match": 'W/"stale"' } });
      expect(other.status).toBe(200);
      expect((await get("/indices/PAPI/years/2030/rankings")).response.headers.get("ETag")).toBeNull();
      expect((await get("/health")).response.headers.get("ETag")).toBeNull();
    });
  });

  describe("OpenAPI", () => {
    test("3.1.0, every route under its method, every path parameter declared", () => {
      const { openapi, routes } = api;
      expect(openapi.openapi).toBe("3.1.0");
      for (const spec of routes) {
        const operation = openapi.paths[`${API}${spec.path}`]?.[spec.method] as
          | { parameters: { name: string; in: string; required: boolean }[]; responses: Record<string, unknown> }
          | undefined;
        expect(operation, `${spec.method} ${spec.path}`).toBeDefined();
        const declared = operation!.parameters.filter((p) => p.in === "path").map((p) => p.name);
        const inPath = [...spec.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        expect(declared.sort(), spec.path).toEqual(inPath.sort());
        expect(operation!.parameters.filter((p) => p.in === "path").every((p) => p.required)).toBe(true);
        expect(Object.keys(operation!.responses)).toContain("200");
      }
      const paths = Object.entries(openapi.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m} ${path}`));
      expect(paths).toHaveLength(routes.length);
      // The map is documented as GeoJSON, not as JSON it never sends.
      const map = openapi.paths[`${API}/maps/{set}`]!.get as { responses: { 200: { content: Record<string, unknown> } } };
      expect(Object.keys(map.responses[200].content)).toEqual(["application/geo+json"]);
    });

    test("GET /api/v1/openapi.json is the document; GET /api/v1/docs is a page listing every route", async () => {
      const json = await get("/openapi.json");
      expect(json.status).toBe(200);
      expect(json.body).toEqual(JSON.parse(JSON.stringify(api.openapi)));
      const docs = await get("/docs");
      expect(docs.status).toBe(200);
      expect(docs.response.headers.get("Content-Type")).toContain("text/html");
      for (const spec of api.routes) expect(docs.body).toContain(`<code>${API}${spec.path}</code>`);
      expect(docs.body).not.toMatch(/<script/i);
    });
  });
});

describe.each(ENGINES)("importing through the API on %s", (engine) => {
  let writer: Services;
  let app: App;
  const post = (url: string, init: RequestInit) => call(app, url, { method: "POST", ...init });
  const subdimension = async (code: string) =>
    (await call(app, "/indices/PAPI/years/2021/provinces/06")).body.subdimensions.find((s: Json) => s.code === code).score;
  const dataVersion = async () => (await call(app, "/health")).body.dataVersion as number;

  beforeAll(async () => {
    writer = await createTestServices(engine);
    app = createApp(writer, { webRoot: null }).app;
    BEARER = (await signInAs(app, writer, "admin")).headers;
  });
  afterAll(async () => {
    await writer?.close();
  });

  test("signed out, with a forged session, or without the CSRF token: 401/403, nothing stored", async () => {
    const before = await dataVersion();
    const csv = `${CSV_HEADER}\n2021,06,Bắc Kạn,1.1,0.7\n`;
    const none = await post("/indices/PAPI/imports", { body: csv, headers: { "Content-Type": "text/csv" } });
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe("auth.required");
    const forged = await post("/indices/PAPI/imports", {
      body: csv,
      headers: { "Content-Type": "text/csv", Cookie: "chiso_session=not-a-session" },
    });
    expect(forged.status).toBe(401);
    const noCsrf = await post("/indices/PAPI/imports", { body: csv, headers: { "Content-Type": "text/csv", Cookie: BEARER.Cookie! } });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error.code).toBe("auth.csrf");
    expect(await dataVersion()).toBe(before);
  });

  test("a valid CSV as multipart field `file`: 200 report, the value changed, the ETag changed", async () => {
    const url = "/indices/PAPI/years/2021/provinces/06";
    const etagBefore = (await call(app, url)).response.headers.get("ETag");
    const form = new FormData();
    form.append("file", new File([`${CSV_HEADER}\n2021,06,Bắc Kạn,1.1,0.7\n`], "sửa-lỗi.csv", { type: "text/csv" }));
    const { status, body } = await post("/indices/PAPI/imports", { body: form, headers: BEARER });
    expect(status, JSON.stringify(body)).toBe(200);
    const report = importReportSchema.parse(body);
    expect(report).toMatchObject({ fileName: "sửa-lỗi.csv", format: "csv", dryRun: false, dataRows: 1, years: [2021] });
    expect(report.scores).toEqual({ inserted: 0, updated: 1, removed: 0, unchanged: 0 });
    expect(report.changes).toEqual([{ year: 2021, province: "06", code: "1.1", before: expect.closeTo(0.657139063, 9), after: 0.7 }]);
    expect(report.importId).toEqual(expect.any(Number));
    expect(await subdimension("1.1")).toBe(0.7);
    const after = await call(app, url, { headers: { "If-None-Match": etagBefore! } });
    expect(after.status).toBe(200);
    expect(after.response.headers.get("ETag")).not.toBe(etagBefore);
  });

  test("the same rows as a raw text/csv body: 200, nothing changed, the ETag stays", async () => {
    const etag = (await call(app, "/indices/PAPI/years/2021/rankings")).response.headers.get("ETag");
    const { status, body } = await post("/indices/PAPI/imports?fileName=lan-2.csv", {
      body: `${CSV_HEADER}\r\n2021,06,Bắc Kạn,1.1,0.7\r\n`,
      headers: { ...BEARER, "Content-Type": "text/csv" },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ fileName: "lan-2.csv", scores: { updated: 0, unchanged: 1 }, importId: null });
    const again = await call(app, "/indices/PAPI/years/2021/rankings", { headers: { "If-None-Match": etag! } });
    expect(again.status).toBe(304);
  });

  test("dryRun=true reports the change and writes nothing", async () => {
    const before = await dataVersion();
    const { status, body } = await post("/indices/PAPI/imports?dryRun=true", {
      body: `${CSV_HEADER}\n2021,06,Bắc Kạn,1.1,0.9\n`,
      headers: { ...BEARER, "Content-Type": "text/csv" },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ dryRun: true, scores: { updated: 1 }, importId: null });
    expect(body.changes[0]).toMatchObject({ before: 0.7, after: 0.9 });
    expect(await subdimension("1.1")).toBe(0.7);
    expect(await dataVersion()).toBe(before);
  });

  test("a CSV with a bad row: 422, every error with its row in Vietnamese (English with ?lang=en), nothing stored", async () => {
    const before = await dataVersion();
    const csv = [CSV_HEADER, "2021,06,Bắc Kạn,1.2,1.9", "2021,06,Bắc Kạn,1.3,9.9", "2021,10,Lào Cai,1.1,abc"].join("\n");
    const vi = await post("/indices/PAPI/imports", { body: csv, headers: { ...BEARER, "Content-Type": "text/csv" } });
    expect(vi.status).toBe(422);
    expect(vi.body.error.code).toBe("import.invalid-file");
    expect(vi.body.error.message).toContain("Dữ liệu đã lưu không thay đổi");
    expect(vi.body.error.details.errorCount).toBe(2);
    expect(vi.body.error.details.errors[0]).toMatchObject({ code: "score.out-of-range", row: 3, column: "score", value: "9.9" });
    expect(vi.body.error.details.errors[0].message).toMatch(/^Dòng 3, cột «score»: Điểm 9\.9 nằm ngoài thang điểm/);
    expect(vi.body.error.details.errors[1].message).toMatch(/^Dòng 4/);
    const en = await post("/indices/PAPI/imports?lang=en", { body: csv, headers: { ...BEARER, "Content-Type": "text/csv" } });
    expect(en.status).toBe(422);
    expect(en.body.error.message).toContain("Stored data is unchanged");
    expect(en.body.error.details.errors[0].message).toMatch(/^Row 3, column "score"/);
    expect(await subdimension("1.2")).not.toBe(1.9);
    expect(await dataVersion()).toBe(before);
  });

  test("a multipart body without a file, or a broken one: 400, not a server error", async () => {
    const form = new FormData();
    form.append("other", "1");
    const missing = await post("/indices/PAPI/imports", { body: form, headers: BEARER });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe("upload.missing-file");
    const broken = await post("/indices/PAPI/imports", {
      body: "--x\r\nnot a part",
      headers: { ...BEARER, "Content-Type": "multipart/form-data; boundary=zzz" },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe("upload.malformed");
  });

  test("only an administrator imports: a coordinator is refused (403) and nothing is stored", async () => {
    const before = await dataVersion();
    const { status, body } = await post("/indices/PAPI/imports", {
      body: `${CSV_HEADER}\n2021,06,Bắc Kạn,1.1,0.7\n`,
      headers: { "Content-Type": "text/csv", ...(await signInAs(app, writer, "coordinator", await someOrganisation(writer))).headers },
    });
    expect(status).toBe(403);
    expect(body.error.code).toBe("auth.forbidden");
    expect(await dataVersion()).toBe(before);
  });

  test("a body over the configured limit: 413 before it is read, raw or multipart", async () => {
    const tiny = await createTestServices(engine, { seed: false, config: { maxUploadMb: 0.001 } });
    try {
      const { app: tinyApp } = createApp(tiny, { webRoot: null });
      const BEARER = (await signInAs(tinyApp, tiny, "admin")).headers;
      const big = `${CSV_HEADER}\n${"2021,06,Bắc Kạn,1.1,0.7\n".repeat(80)}`;
      expect(Buffer.byteLength(big)).toBeGreaterThan(1049);
      const raw = await call(tinyApp, "/indices/PAPI/imports", {
        method: "POST",
        body: big,
        headers: { ...BEARER, "Content-Type": "text/csv" },
      });
      expect(raw.status).toBe(413);
      expect(raw.body.error.code).toBe("upload.too-large");
      expect(raw.body.error.message).toContain("0.001 MB");
      const form = new FormData();
      form.append("file", new File([big], "big.csv"));
      const multipart = await call(tinyApp, "/indices/PAPI/imports", { method: "POST", body: form, headers: BEARER });
      expect(multipart.status).toBe(413);
      // Under the limit, the same route imports.
      const small = await call(tinyApp, "/indices/PAPI/imports", {
        method: "POST",
        body: `${CSV_HEADER}\n2021,06,Bắc Kạn,1.1,0.7\n`,
        headers: { ...BEARER, "Content-Type": "text/csv" },
      });
      expect(small.status, JSON.stringify(small.body)).toBe(200);
      expect(small.body.scores.inserted).toBe(1);
    } finally {
      await tiny.close();
    }
  });
});

describe("spreadsheet downloads neutralise formulas", () => {
  const table: ExportTable = {
    sheetName: "Thử",
    title: ["=1+1 tiêu đề"],
    columns: [
      { key: "province", header: "Tỉnh, thành phố" },
      { key: "delta", header: "Thay đổi", numberFormat: "0.00" },
      { key: "note", header: "Ghi chú" },
    ],
    rows: [
      { province: '=HYPERLINK("http://x","bấm")', delta: -0.57, note: "+1" },
      { province: "@SUM(A1:A9)", delta: -12, note: "-2+3" },
      { province: "Bắc Kạn", delta: 0.25, note: "a=b, -c" },
      { province: "\t=cmd", delta: null, note: null },
    ],
  };

  test("CSV: text cells starting with = + - @ or a tab get a leading apostrophe; negative numbers stay numbers", () => {
    const bytes = tableToCsv(table);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString("utf8");
    const lines = text.split("\r\n");
    expect(lines[0]).toBe('"Tỉnh, thành phố",Thay đổi,Ghi chú');
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://x"",""bấm"")",-0.57,'+1`);
    expect(lines[2]).toBe("'@SUM(A1:A9),-12,'-2+3");
    expect(lines[3]).toBe('Bắc Kạn,0.25,"a=b, -c"');
    expect(lines[4]).toBe("'\t=cmd,,");
    const rows = csvRows(bytes);
    expect(rows[1]).toEqual([`'=HYPERLINK("http://x","bấm")`, "-0.57", "'+1"]);
  });

  test("XLSX: the same text cells are plain text with an apostrophe, numbers are numbers, nothing is a formula", async () => {
    const workbook = await readXlsx(new Uint8Array(await tableToXlsx(table)).buffer as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell("A1").value).toBe("'=1+1 tiêu đề");
    // title, blank row, header, then the rows
    expect(sheet.getRow(3).getCell(1).value).toBe("Tỉnh, thành phố");
    const cells = [4, 5, 6, 7].map((n) => sheet.getRow(n));
    expect(cells.map((r) => r.getCell(1).value)).toEqual([
      `'=HYPERLINK("http://x","bấm")`,
      "'@SUM(A1:A9)",
      "Bắc Kạn",
      "'\t=cmd",
    ]);
    expect(cells.map((r) => r.getCell(2).value)).toEqual([-0.57, -12, 0.25, null]);
    expect(cells.map((r) => r.getCell(3).value)).toEqual(["'+1", "'-2+3", "a=b, -c", null]);
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
      }),
    );
    expect(cells[0]!.getCell(2).numFmt).toBe("0.00");
  });
});
