/**
 * Derives the repository's shipped reference data (`data/`) from the project's shared research folder
 * (`../shared/papi`, `../shared/geo`). Run once when the shared sources change:
 *
 *   npx tsx scripts/data/derive-reference-data.ts ../shared
 *
 * Every change made on the way is listed in data/README.md; nothing else is altered.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "../../src/lib/csv.ts";

const shared = resolve(process.argv[2] ?? "../shared");
const out = resolve("data");
for (const dir of ["papi", "units", "geo"]) mkdirSync(join(out, dir), { recursive: true });

/** Rows of a source CSV with the named columns; a missing column means a changed source, so it throws. */
function read<K extends string>(path: string, columns: readonly K[]): Record<K, string>[] {
  const rows = parse(readFileSync(join(shared, path)), { columns: true, bom: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  const missing = columns.filter((c) => !(c in (rows[0] ?? {})));
  if (missing.length > 0) throw new Error(`${path}: missing columns ${missing.join(", ")}`);
  return rows as Record<K, string>[];
}

// 1. Official PAPI results and framework table: copied byte for byte.
for (const file of [
  "papi_subdimension_scores_2011_2024.csv",
  "papi_dimension_totals_2011_2024.csv",
  "papi_framework_by_year.csv",
]) {
  copyFileSync(join(shared, "papi", file), join(out, "papi", file));
}
copyFileSync(join(shared, "papi/province_mapping_63_to_34.csv"), join(out, "units/province-mapping-63-to-34.csv"));

// 2. The 63 provinces in force until 30/06/2025 (the units of every published PAPI result).
const MUNICIPALITIES_63 = new Set(["01", "31", "48", "79", "92"]);
const mapping = read("papi/province_mapping_63_to_34.csv", ["province_vi_old", "gso_code_old", "gso_code_new_2025"]);
const provinces63 = mapping.map((row) => {
  const name = row.province_vi_old;
  const isCity = MUNICIPALITIES_63.has(row.gso_code_old);
  const bare = name.replace(/^TP\. /, "");
  return {
    code: row.gso_code_old,
    name,
    full_name: isCity ? `Thành phố ${bare}` : `Tỉnh ${name}`,
    kind: isCity ? "municipality" : "province",
    valid_from: "2008-08-01",
    valid_to: "2025-06-30",
    successor_code: row.gso_code_new_2025,
  };
});
writeFileSync(join(out, "units/provinces-63.csv"), stringify(provinces63));

// 3. The 34 provincial units from 01/07/2025, and their 3,321 communes.
// The source spells two names with the newer tone placement ("Thanh Hoá", "Khánh Hoà"); the PAPI
// files and Nghị quyết 202/2025/QH15 write "Thanh Hóa", "Khánh Hòa". One spelling per unit keeps
// name search and display consistent.
const SPELLING: Record<string, string> = { "Thanh Hoá": "Thanh Hóa", "Khánh Hoà": "Khánh Hòa" };
const fix = (s: string) => Object.entries(SPELLING).reduce((acc, [from, to]) => acc.replaceAll(from, to), s);
const units = read("geo/vn-units-34.csv", [
  "province_code",
  "province_name",
  "province_full_name",
  "province_name_en",
  "unit_code",
  "unit_name",
  "unit_full_name",
  "unit_name_en",
]);
const provinces34 = new Map<string, Record<string, string>>();
for (const row of units) {
  if (provinces34.has(row.province_code)) continue;
  const fullName = fix(row.province_full_name);
  const isCity = fullName.startsWith("Thành phố");
  provinces34.set(row.province_code, {
    code: row.province_code,
    name: row.province_code === "79" ? "TP. Hồ Chí Minh" : fix(row.province_name),
    full_name: fullName,
    name_en: row.province_name_en,
    kind: isCity ? "municipality" : "province",
    valid_from: "2025-07-01",
    valid_to: "",
  });
}
writeFileSync(join(out, "units/provinces-34.csv"), stringify([...provinces34.values()]));

const communes = units.map((row) => {
  // One row of the source writes "xã Bắc Sơn" in lower case; every other row capitalises the type.
  const fullName = row.unit_full_name.replace(/^xã /, "Xã ");
  const kind = fullName.startsWith("Phường") ? "ward" : fullName.startsWith("Đặc khu") ? "special_zone" : "commune";
  return {
    province_code: row.province_code,
    code: row.unit_code,
    name: row.unit_name,
    full_name: fullName,
    name_en: row.unit_name_en,
    kind,
    valid_from: "2025-07-01",
  };
});
writeFileSync(join(out, "units/communes-34.csv"), stringify(communes));

// 4. Maps: copied as they are (the app joins them to units by GSO code).
for (const file of ["vn-provinces-63.geojson", "vn-provinces-34.geojson"]) {
  copyFileSync(join(shared, "geo", file), join(out, "geo", file));
}
console.log(`63 provinces, ${provinces34.size} units, ${communes.length} communes written to ${out}`);
