/** Reads the reference data shipped in data/ (see data/README.md for where each file comes from). */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import type { DocumentType } from "../domain/document-format.ts";
import { parseIndexDefinition, type IndexDefinition } from "../domain/frameworks.ts";
import { calendarFromRows, type WorkingCalendar } from "../domain/reporting-periods.ts";
import type { AdminUnit, UnitKind } from "../domain/units.ts";

export const DATA_ROOT = fileURLToPath(new URL("../../data/", import.meta.url));
export const dataFile = (path: string) => `${DATA_ROOT}${path}`;

/** The official results loaded on first start, and the group labels known from official documents. */
export const OFFICIAL_RESULTS_FILE = dataFile("papi/papi_subdimension_scores_2011_2024.csv");
export const OFFICIAL_GROUPS_FILE = dataFile("papi/official-groups.csv");

const INDEX_FILES = ["frameworks/papi.json"];

function csv(path: string): Record<string, string>[] {
  return parse(readFileSync(dataFile(path)), { columns: true, bom: true, skip_empty_lines: true });
}

export interface ShippedUnit extends AdminUnit {
  level: "province" | "commune";
  parentCode: string | null;
}

export interface ShippedReferenceData {
  /** Changes whenever any reference file changes; stored to know when a release must refresh the database. */
  sha256: string;
  indices: { definition: IndexDefinition; sha256: string }[];
  units: ShippedUnit[];
  successions: { predecessorCode: string; successorCode: string; effectiveOn: string }[];
}

const UNIT_FILES = ["units/provinces-63.csv", "units/provinces-34.csv", "units/communes-34.csv"];

export function readShippedReferenceData(): ShippedReferenceData {
  const hash = createHash("sha256");
  const indices = INDEX_FILES.map((path) => {
    const text = readFileSync(dataFile(path));
    hash.update(text);
    return { definition: parseIndexDefinition(JSON.parse(text.toString("utf8"))), sha256: sha256(text) };
  });
  for (const path of UNIT_FILES) hash.update(readFileSync(dataFile(path)));

  const provinces63 = csv("units/provinces-63.csv");
  // One reader for the three unit files: they share the columns code, name, full_name, kind, valid_from.
  const unit = (set: ShippedUnit["set"], level: ShippedUnit["level"]) => (r: Record<string, string>): ShippedUnit => ({
    set,
    level,
    code: r.code!,
    name: r.name!,
    fullName: r.full_name!,
    nameEn: r.name_en || null,
    kind: r.kind as UnitKind,
    validFrom: r.valid_from!,
    validTo: r.valid_to || null,
    parentCode: r.province_code || null,
  });
  const units: ShippedUnit[] = [
    ...provinces63.map(unit("vn63", "province")),
    ...csv("units/provinces-34.csv").map(unit("vn34", "province")),
    ...csv("units/communes-34.csv").map(unit("vn34", "commune")),
  ];
  const successions = provinces63.map((r) => ({
    predecessorCode: r.code!,
    successorCode: r.successor_code!,
    effectiveOn: "2025-07-01",
  }));
  return { sha256: hash.digest("hex"), indices, units, successions };
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export interface DefaultAgency {
  code: string;
  documentSymbol: string;
  kind: string;
  nameVi: string;
  nameEn: string;
  parentCode: string | null;
  /** "all", or the condition under which a province has it (then it is offered, not created). */
  where: string;
  validFrom: string;
  note: string;
}

/** The bodies a province has after the 2025 restructuring (data/organisations/default-agencies.csv). */
export function readDefaultAgencies(): DefaultAgency[] {
  return csv("organisations/default-agencies.csv").map((row) => ({
    code: row.code!,
    documentSymbol: row.document_symbol || row.code!,
    kind: row.kind!,
    nameVi: row.name_vi!,
    nameEn: row.name_en ?? "",
    parentCode: row.parent_code || null,
    where: row.where || "all",
    validFrom: row.valid_from || "2025-07-01",
    note: row.note ?? "",
  }));
}

/** Vietnam's public holidays and days off (data/calendar/vn-days-off.csv), read once: what moves a report deadline. */
let calendar: WorkingCalendar | undefined;
export function shippedWorkingCalendar(): WorkingCalendar {
  calendar ??= calendarFromRows(csv("calendar/vn-days-off.csv").map((row) => ({ date: row.date!, kind: row.kind! })));
  return calendar;
}

/** The document types of Decree 30/2020 Phụ lục III with their abbreviations (data/documents/document-types.csv). */
export function readDocumentTypes(): DocumentType[] {
  return csv("documents/document-types.csv").map((row) => {
    const addressee = row.addressee;
    if (addressee !== "required" && addressee !== "upward" && addressee !== "none") throw new Error(`document-types.csv: bad addressee ${addressee}`);
    return { abbreviation: row.abbreviation!, nameVi: row.name_vi!, nameEn: row.name_en ?? "", addressee, validFrom: row.valid_from! };
  });
}

/** Who signs for a body of each kind, and on whose behalf (data/documents/signatures.csv): the default a user edits. */
export function readSignatureDefaults(): Map<string, { authority: string | null; title: string }> {
  return new Map(csv("documents/signatures.csv").map((row) => [row.kind!, { authority: row.authority || null, title: row.title! }]));
}
