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
  uniqueIndex,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import type { Role } from "../domain/access.ts";
import type { OrganisationKind } from "../domain/organisations.ts";
import type { ValueType } from "../domain/report-figures.ts";
import type { ReportStatus } from "../domain/report-workflow.ts";
import type { PeriodKind, ReportLevel } from "../domain/reporting-periods.ts";

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

// ---- organisations, people, sessions ---------------------------------------------------------------------

/**
 * The bodies of a province that plans assign work to: its People's Committee, departments, communes, police,
 * Fatherland Front, press. Restructuring ends a body (validTo, endReason) and never deletes it, so old plans
 * and reports keep pointing at the body that wrote them.
 */
export const organisations = pgTable(
  "organisations",
  {
    id: serial().primaryKey(),
    /** The province (a 34-era unit, or a historic 63-era one for old plans). */
    provinceUnitId: integer()
      .notNull()
      .references(() => adminUnits.id),
    parentId: integer().references((): AnyPgColumn => organisations.id),
    kind: text().$type<OrganisationKind>().notNull(),
    /** Short code, unique among the province's current bodies: SNV, STC, or a commune's official code. */
    code: text().notNull(),
    /** What follows the document type in a number: "…/KH-SNV", "…/BC-UBND". */
    documentSymbol: text().notNull(),
    name: text().notNull(),
    nameEn: text(),
    /** A commune's People's Committee points at its commune in the shipped list. */
    communeUnitId: integer().references(() => adminUnits.id),
    validFrom: date().notNull(),
    validTo: date(),
    endReason: text().$type<"closed" | "merged">(),
    mergedIntoId: integer().references((): AnyPgColumn => organisations.id),
    note: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.provinceUnitId),
    index().on(t.parentId),
    // Two current bodies of one province never share a code; ended ones keep theirs for history.
    uniqueIndex("organisations_current_code").on(t.provinceUnitId, t.code).where(sql`end_reason is null`),
  ],
);

export const users = pgTable("users", {
  id: serial().primaryKey(),
  /** Stored lower-case; people sign in with it or with their e-mail. */
  username: text().notNull().unique(),
  email: text().unique(),
  fullName: text().notNull(),
  /** Position ("Phó Giám đốc"), printed under a signature. */
  jobTitle: text(),
  phone: text(),
  /** argon2id; null until a password is set (nobody can sign in without one). */
  passwordHash: text(),
  mustChangePassword: boolean().notNull().default(false),
  disabledAt: timestamp({ withTimezone: true }),
  failedLogins: integer().notNull().default(0),
  lockedUntil: timestamp({ withTimezone: true }),
  lastLoginAt: timestamp({ withTimezone: true }),
  passwordChangedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** A role held in an organisation (none for the system administrator). A person may hold several. */
export const roleAssignments = pgTable(
  "role_assignments",
  {
    id: serial().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    role: text().$type<Role>().notNull(),
    organisationId: integer().references(() => organisations.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.userId, t.role, t.organisationId).nullsNotDistinct(), index().on(t.organisationId)],
);

/** Server-side sessions. The cookie carries a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    csrfToken: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** The absolute end, however active the session is. */
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    ip: text(),
    userAgent: text(),
  },
  (t) => [index().on(t.userId), index().on(t.expiresAt)],
);

// ---- plans ------------------------------------------------------------------------------------------------

/**
 * An improvement plan (Kế hoạch) as an official document: the province's, or an agency's sub-plan that
 * implements it (parentPlanId). A plan of a 63-era province stays attached to that province.
 */
export const plans = pgTable(
  "plans",
  {
    id: serial().primaryKey(),
    provinceUnitId: integer()
      .notNull()
      .references(() => adminUnits.id),
    /** The issuing body when it is one of the province's organisations (null for historic plans). */
    organisationId: integer().references(() => organisations.id),
    parentPlanId: integer().references((): AnyPgColumn => plans.id),
    indexCode: text()
      .notNull()
      .references(() => indices.code),
    /** The year whose official results judge the plan, and the year its baseline comes from. */
    year: integer().notNull(),
    baselineYear: integer().notNull(),
    status: text().$type<"draft" | "issued" | "superseded">().notNull().default("draft"),
    /** "170/KH-UBND"; null while a draft has no number yet. */
    number: text(),
    issuedOn: date(),
    place: text(),
    issuingBody: text().notNull(),
    parentBody: text(),
    summary: text().notNull(),
    signerAuthority: text(),
    signerTitle: text(),
    signerName: text(),
    context: text(),
    objectives: text(),
    requirements: text(),
    implementation: text(),
    /** Nơi nhận as the plan lists it ("- Bộ Nội vụ;" … "- Lưu: VT, KSTT1,2."); null: the document's default list. */
    recipients: jsonb().$type<string[]>(),
    /** Agencies send their own plans by this day ("gửi Sở Nội vụ trước ngày 10/5/2019"). */
    subPlanDeadline: date(),
    /** Where the plan came from (a seed document, an import). */
    source: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.provinceUnitId, t.year),
    uniqueIndex("plans_number").on(t.provinceUnitId, t.number).where(sql`number is not null`),
    // An agency implements a plan with one sub-plan at a time (a superseded one may be replaced).
    uniqueIndex("plans_one_sub_plan").on(t.parentPlanId, t.organisationId).where(sql`parent_plan_id is not null and status <> 'superseded'`),
  ],
);

export const planTargets = pgTable(
  "plan_targets",
  {
    id: serial().primaryKey(),
    planId: integer()
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    position: integer().notNull(),
    /** "total", "D1"…, or a sub-dimension code of the plan year's framework. */
    node: text().notNull(),
    kind: text().$type<"score" | "change" | "rank" | "group">().notNull(),
    value: doublePrecision(),
    comparator: text().$type<">=" | "=">().notNull().default("="),
    statedIncrease: doublePrecision(),
    groupCode: text().$type<"highest" | "high-average" | "low-average" | "lowest">(),
    rankTop: integer(),
    rankGain: integer(),
    /** The sentence as the plan writes it. */
    statedText: text(),
  },
  (t) => [index().on(t.planId)],
);

export const TASK_RECURRENCES = ["regular", "monthly", "quarterly", "half-yearly", "yearly"] as const;

/** A task or solution (nhiệm vụ, giải pháp) of a plan. */
export const planTasks = pgTable(
  "plan_tasks",
  {
    id: serial().primaryKey(),
    planId: integer()
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    position: integer().notNull(),
    /** The numbering of the document ("II.1.a"). */
    ref: text(),
    text: text().notNull(),
    /** The framework nodes it serves: "D1", "1.1", … of the plan year's framework. */
    nodes: jsonb().$type<string[]>().notNull().default([]),
    dueOn: date(),
    recurrence: text().$type<(typeof TASK_RECURRENCES)[number]>(),
    output: text(),
    /** In an agency's sub-plan: the province plan's task it carries out (the link survives edits of the copy). */
    inheritedFromTaskId: integer().references((): AnyPgColumn => planTasks.id, { onDelete: "set null" }),
  },
  (t) => [index().on(t.planId), index().on(t.inheritedFromTaskId)],
);

/**
 * Who carries a task out: the lead (chủ trì) and supporting (phối hợp) agencies — one of the province's
 * organisations, or, for plans older than the organisation list, the name as the plan writes it.
 */
export const planTaskAgencies = pgTable(
  "plan_task_agencies",
  {
    id: serial().primaryKey(),
    taskId: integer()
      .notNull()
      .references(() => planTasks.id, { onDelete: "cascade" }),
    role: text().$type<"lead" | "support">().notNull(),
    organisationId: integer().references(() => organisations.id),
    name: text().notNull(),
  },
  (t) => [index().on(t.taskId), index().on(t.organisationId)],
);

/** A measurable indicator of a task: how its periodic figures add up, and the value to reach. */
export const planTaskIndicators = pgTable(
  "plan_task_indicators",
  {
    id: serial().primaryKey(),
    taskId: integer()
      .notNull()
      .references(() => planTasks.id, { onDelete: "cascade" }),
    position: integer().notNull(),
    name: text().notNull(),
    unit: text(),
    aggregation: text().$type<"sum" | "average" | "latest" | "ratio">().notNull(),
    /** For a ratio: the positions (within the task) of the numerator and denominator indicators. */
    numeratorPosition: integer(),
    denominatorPosition: integer(),
    targetValue: doublePrecision(),
    /** How a reported value is checked (see src/domain/report-figures.ts). */
    valueType: text().$type<ValueType>().notNull().default("decimal"),
    minValue: doublePrecision(),
    maxValue: doublePrecision(),
    required: boolean().notNull().default(false),
    /** "Đã giải quyết ≤ đã tiếp nhận": the position of the sibling this value may not exceed. */
    notAbovePosition: integer(),
  },
  (t) => [index().on(t.taskId)],
);

// ---- periodic reporting ------------------------------------------------------------------------------------

/**
 * A plan's reporting regime (chế độ báo cáo): the period kinds, the Decree 09 cut-off day, each level's send
 * deadline after the cut-off, and the narrative outline (đề cương). The figure form is the plan's task indicators.
 */
export const reportingRegimes = pgTable("reporting_regimes", {
  id: serial().primaryKey(),
  planId: integer()
    .notNull()
    .unique()
    .references(() => plans.id, { onDelete: "cascade" }),
  periodKinds: jsonb().$type<PeriodKind[]>().notNull(),
  cutOffDay: smallint().notNull().default(15),
  deadlineDays: jsonb().$type<Record<ReportLevel, number>>().notNull(),
  /** The narrative headings, usually one per dimension: key, title, and the node it speaks of. */
  outline: jsonb().$type<{ key: string; title: string; node: string | null }[]>().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** The agencies that report under a regime, with the level whose deadline they keep. */
export const reportingAgencies = pgTable(
  "reporting_agencies",
  {
    regimeId: integer()
      .notNull()
      .references(() => reportingRegimes.id, { onDelete: "cascade" }),
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
    level: text().$type<ReportLevel>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.regimeId, t.organisationId] })],
);

/** One agency's report for one period: narrative, general sections, workflow state and an edit version. */
export const agencyReports = pgTable(
  "agency_reports",
  {
    id: serial().primaryKey(),
    regimeId: integer()
      .notNull()
      .references(() => reportingRegimes.id, { onDelete: "cascade" }),
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
    /** "2026-Q1", "2026-H1", "2026-9M", "2026-Y". */
    periodKey: text().notNull(),
    status: text().$type<ReportStatus>().notNull().default("draft"),
    /** Grows with every save; a save naming an older version is a conflict, never a silent overwrite. */
    version: integer().notNull().default(1),
    /** The outline's headings → the agency's text under each. */
    sections: jsonb().$type<Record<string, string>>().notNull().default({}),
    difficulties: text(),
    proposals: text(),
    nextTasks: text(),
    /** The report this one was pre-filled from (the same agency's previous period). */
    prefilledFromId: integer().references((): AnyPgColumn => agencyReports.id, { onDelete: "set null" }),
    firstSubmittedAt: timestamp({ withTimezone: true }),
    submittedAt: timestamp({ withTimezone: true }),
    submittedBy: integer().references(() => users.id),
    approvedAt: timestamp({ withTimezone: true }),
    approvedBy: integer().references(() => users.id),
    /**
     * When the report first left the agency (its leader's first approval): the reporting deadline is for
     * this. A report returned and sent again keeps its first date.
     */
    sentAt: timestamp({ withTimezone: true }),
    acceptedAt: timestamp({ withTimezone: true }),
    acceptedBy: integer().references(() => users.id),
    /** The last return, send-back or reopening, and why. */
    returnedAt: timestamp({ withTimezone: true }),
    returnedBy: integer().references(() => users.id),
    returnReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("agency_reports_one_per_period").on(t.regimeId, t.organisationId, t.periodKey), index().on(t.regimeId, t.periodKey)],
);

export const TASK_STATUSES = ["not-started", "in-progress", "done", "overdue"] as const;

/** A report's word on one assigned task: its state, how far it is, what was done. */
export const agencyReportTasks = pgTable(
  "agency_report_tasks",
  {
    reportId: integer()
      .notNull()
      .references(() => agencyReports.id, { onDelete: "cascade" }),
    taskId: integer()
      .notNull()
      .references(() => planTasks.id, { onDelete: "cascade" }),
    status: text().$type<(typeof TASK_STATUSES)[number]>().notNull().default("not-started"),
    /** 0–100 %. */
    progress: smallint().notNull().default(0),
    narrative: text(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.taskId] })],
);

/** A report's value of one indicator of the form. */
export const agencyReportFigures = pgTable(
  "agency_report_figures",
  {
    reportId: integer()
      .notNull()
      .references(() => agencyReports.id, { onDelete: "cascade" }),
    indicatorId: integer()
      .notNull()
      .references(() => planTaskIndicators.id, { onDelete: "cascade" }),
    value: doublePrecision(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.indicatorId] })],
);

/** A file attached to a report as evidence (minh chứng): its name, what it really is, and where its bytes are. */
export const reportEvidence = pgTable(
  "report_evidence",
  {
    id: serial().primaryKey(),
    reportId: integer()
      .notNull()
      .references(() => agencyReports.id, { onDelete: "cascade" }),
    fileName: text().notNull(),
    contentType: text().notNull(),
    bytes: integer().notNull(),
    /** The SHA-256 of the content: the storage key, and a check when it is read back. */
    sha256: text().notNull(),
    uploadedBy: integer().references(() => users.id),
    uploadedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.reportId)],
);

/** What a person is told in the app: a report waiting for them, returned to them, or due. */
export const notifications = pgTable(
  "notifications",
  {
    id: serial().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** "report.submitted", "report.returned", "report.reminder" … rendered in the reader's language. */
    kind: text().notNull(),
    params: jsonb().$type<Record<string, string | number>>().notNull().default({}),
    reportId: integer().references(() => agencyReports.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.userId, t.createdAt)],
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
    /** The signed-in person; null for the CLI and the system itself (then `actor` says which). */
    actorUserId: integer().references((): AnyPgColumn => users.id),
    /** The agency the change concerns and its province: what coordinators filter their log by. */
    organisationId: integer().references((): AnyPgColumn => organisations.id),
    provinceUnitId: integer().references(() => adminUnits.id),
  },
  (t) => [
    index().on(t.at),
    index().on(t.entityType, t.entityKey),
    index().on(t.actorUserId, t.at),
    index().on(t.provinceUnitId, t.at),
    index().on(t.organisationId, t.at),
  ],
);

/** Small key → value facts about this installation (e.g. whether the official results were seeded). */
export const appState = pgTable("app_state", {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: timestamp({ withTimezone: true })
    .notNull()
    .default(sql`now()`),
});
