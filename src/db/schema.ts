/**
 * The one schema for both engines (embedded PGlite and PostgreSQL 15). Only PostgreSQL ≤ 15 features:
 * PGlite is PostgreSQL 18 but production runs Debian's 15. No collation-dependent ordering here: PGlite
 * has no Vietnamese collation, so names are sorted in code (domain/text.ts).
 */
import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  unique,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";

// ---- index frameworks (versioned data) ------------------------------------------------------------------

export const indices = pgTable("indices", {
  code: text().primaryKey(),
  nameVi: text().notNull(),
  nameEn: text().notNull(),
  publisherVi: text().notNull(),
  publisherEn: text().notNull(),
  /** [{ level, nameVi, nameEn }]: what the index calls each level of its tree. */
  levels: jsonb().$type<{ level: number; nameVi: string; nameEn: string }[]>().notNull(),
  unitsValidOn: text().notNull(),
  publishedDecimals: smallint(),
  /** SHA-256 of the shipped definition last loaded, so a new release can refresh it. */
  definitionSha256: text().notNull(),
});

export const frameworkVersions = pgTable("framework_versions", {
  id: serial().primaryKey(),
  indexCode: text()
    .notNull()
    .references(() => indices.code),
  code: text().notNull().unique(),
  fromYear: integer().notNull(),
  toYear: integer(),
  aggregation: text().$type<"sum" | "weighted-sum">().notNull(),
  breakFromPrevious: boolean().notNull().default(false),
  noteVi: text().notNull(),
  noteEn: text().notNull(),
});

export const frameworkNodes = pgTable(
  "framework_nodes",
  {
    id: serial().primaryKey(),
    versionId: integer()
      .notNull()
      .references(() => frameworkVersions.id),
    parentId: integer().references((): AnyPgColumn => frameworkNodes.id),
    /** 1 = dimension, 2 = sub-dimension, 3 = indicator. */
    level: smallint().notNull(),
    code: text().notNull(),
    slug: text().notNull(),
    nameVi: text().notNull(),
    nameEn: text().notNull(),
    maxScore: doublePrecision().notNull(),
    weight: doublePrecision().notNull().default(1),
    redefined: boolean().notNull().default(false),
    position: integer().notNull(),
  },
  (t) => [unique().on(t.versionId, t.code), unique().on(t.versionId, t.slug)],
);

// ---- administrative units --------------------------------------------------------------------------------

export const adminUnits = pgTable(
  "admin_units",
  {
    id: serial().primaryKey(),
    /** "vn63" (provinces until 30/06/2025) or "vn34" (units and communes from 01/07/2025). */
    unitSet: text().$type<"vn63" | "vn34">().notNull(),
    code: text().notNull(),
    level: text().$type<"province" | "commune">().notNull(),
    kind: text().$type<"province" | "municipality" | "commune" | "ward" | "special_zone">().notNull(),
    name: text().notNull(),
    fullName: text().notNull(),
    nameEn: text(),
    parentId: integer().references((): AnyPgColumn => adminUnits.id),
    validFrom: date().notNull(),
    validTo: date(),
  },
  (t) => [unique().on(t.unitSet, t.code), index().on(t.parentId)],
);

export const unitSuccessions = pgTable(
  "unit_successions",
  {
    predecessorId: integer()
      .notNull()
      .references(() => adminUnits.id),
    successorId: integer()
      .notNull()
      .references(() => adminUnits.id),
    effectiveOn: date().notNull(),
  },
  (t) => [primaryKey({ columns: [t.predecessorId, t.successorId] })],
);

// ---- official results --------------------------------------------------------------------------------------

export const resultImports = pgTable("result_imports", {
  id: serial().primaryKey(),
  indexCode: text()
    .notNull()
    .references(() => indices.code),
  fileName: text().notNull(),
  fileSha256: text().notNull(),
  format: text().$type<"csv" | "xlsx">().notNull(),
  rowCount: integer().notNull(),
  inserted: integer().notNull(),
  updated: integer().notNull(),
  removed: integer().notNull(),
  unchanged: integer().notNull(),
  groupsChanged: integer().notNull(),
  actor: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Published sub-dimension scores. Dimensions and totals are computed (domain/year-results.ts), never stored. */
export const scores = pgTable(
  "scores",
  {
    year: integer().notNull(),
    unitId: integer()
      .notNull()
      .references(() => adminUnits.id),
    nodeId: integer()
      .notNull()
      .references(() => frameworkNodes.id),
    value: doublePrecision().notNull(),
    importId: integer().references(() => resultImports.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.year, t.unitId, t.nodeId] })],
);

/** Group labels as published ("nhóm đạt điểm trung bình thấp"), for a total or a dimension. */
export const officialGroups = pgTable(
  "official_groups",
  {
    year: integer().notNull(),
    unitId: integer()
      .notNull()
      .references(() => adminUnits.id),
    indexCode: text()
      .notNull()
      .references(() => indices.code),
    /** "total" or a dimension code of that year's framework ("D5"). */
    scope: text().notNull(),
    groupCode: text().$type<"highest" | "high-average" | "low-average" | "lowest">().notNull(),
    source: text(),
    importId: integer().references(() => resultImports.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.indexCode, t.year, t.unitId, t.scope] })],
);

// ---- audit and state ---------------------------------------------------------------------------------------

/** Append-only: who changed what, when, from where, with the values before and after. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actor: text().notNull(),
    actorIp: text(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityKey: text().notNull(),
    before: jsonb(),
    after: jsonb(),
    importId: integer().references(() => resultImports.id),
  },
  (t) => [index().on(t.at), index().on(t.entityType, t.entityKey)],
);

/** Small key → value facts about this installation (e.g. whether the official results were seeded). */
export const appState = pgTable("app_state", {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: timestamp({ withTimezone: true })
    .notNull()
    .default(sql`now()`),
});
