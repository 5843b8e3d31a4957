/**
 * Every API route × every role (and no session): who is let in and who is refused. The table below must
 * name every registered route, so a route added later without a rule here fails the first test; a
 * refused call must answer 401 (no session) or 403 and change nothing; an allowed one must answer 2xx
 * with what its schema documents. Province A (Lào Cai, 15) is the callers' province; "outsider" is the
 * coordinator of province B (Thái Nguyên, 19).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { z } from "zod";
import type { Services } from "../../src/compose.ts";
import { createApp } from "../../src/http/app.ts";
import type { RouteSpec } from "../../src/http/route.ts";
import { buildDocx } from "../../src/documents/builder.ts";
import type { ReportStatus } from "../../src/domain/report-workflow.ts";
import { SYSTEM_ACTOR } from "../../src/services/actor.ts";
import { createTestServices, ENGINES } from "../support/database.ts";
import { createPerson, signIn, type Session } from "../support/sessions.ts";

const API = "/api/v1";
const CALLERS = ["anonymous", "admin", "coordinator", "leader", "officer", "viewer", "outsider"] as const;
type Caller = (typeof CALLERS)[number];
const SIGNED_IN: Caller[] = CALLERS.filter((c) => c !== "anonymous");
const MANAGERS: Caller[] = ["admin", "coordinator"];
const READERS_OF_A: Caller[] = ["admin", "coordinator", "leader", "officer", "viewer"];
/** The agency's own people (province A's Sở Tài chính). */
const AGENCY: Caller[] = ["leader", "officer"];
/** Province-wide readers of agencies' work. */
const PROVINCE_READERS: Caller[] = ["coordinator", "viewer"];
/** Sở Nội vụ reviews agencies' reports (the system administrator does not). */
const REVIEWERS: Caller[] = ["coordinator"];

interface World {
  services: Services;
  app: ReturnType<typeof createApp>["app"];
  sessions: Record<Exclude<Caller, "anonymous">, Session>;
  /** Ids in province A. */
  org: Record<string, number>;
  target: number;
  /** A draft plan of province A, and a fresh task of it. */
  plan: number;
  /** A fresh plan of province A (delete, issue and supersede use one up), with a task led by STC. */
  freshPlan: (status: "draft" | "issued") => Promise<number>;
  /** A fresh regime of a fresh issued plan and, unless null, STC's 2026-Q1 report in that state. */
  freshReport: (status: ReportStatus | null) => Promise<{ regime: number; id: number; version: number }>;
  freshTask: () => Promise<number>;
  unique: () => string;
  /** A fresh body in province A (for close and merge, which end it). */
  freshOrganisation: () => Promise<number>;
  /** A fresh session of a person with the caller's role (for sign-out and password routes, which end or change it). */
  freshSession: (caller: Exclude<Caller, "anonymous">) => Promise<Session>;
  /** A province without bodies yet (setup consumes one). */
  freshProvince: () => string;
}

interface Call {
  method: string;
  url: string;
  json?: unknown;
  body?: BodyInit;
  contentType?: string;
  /** Use this session instead of the caller's standing one. */
  session?: Session;
}

interface Rule {
  /** Who must be let in; everyone else must be refused. "everyone" includes no session. */
  allowed: readonly Caller[] | "everyone";
  request: (world: World, caller: Caller) => Promise<Call> | Call;
}

const csv = (lines: string[]) => lines.join("\n") + "\n";

/** One entry per registered route, keyed "METHOD /path". */
const RULES: Record<string, Rule> = {
  // ---- public data
  "GET /health": { allowed: "everyone", request: () => ({ method: "GET", url: "/health" }) },
  "GET /indices": { allowed: "everyone", request: () => ({ method: "GET", url: "/indices" }) },
  "GET /indices/{index}/frameworks": { allowed: "everyone", request: () => ({ method: "GET", url: "/indices/PAPI/frameworks" }) },
  "GET /indices/{index}/frameworks/{year}": { allowed: "everyone", request: () => ({ method: "GET", url: "/indices/PAPI/frameworks/2021" }) },
  "GET /units": { allowed: "everyone", request: () => ({ method: "GET", url: "/units?set=vn34" }) },
  "GET /units/vn34/{code}/communes": { allowed: "everyone", request: () => ({ method: "GET", url: "/units/vn34/15/communes" }) },
  "GET /maps/{set}": { allowed: "everyone", request: () => ({ method: "GET", url: "/maps/vn34" }) },
  "GET /indices/{index}/years": { allowed: "everyone", request: () => ({ method: "GET", url: "/indices/PAPI/years" }) },
  "GET /indices/{index}/years/{year}/rankings": { allowed: "everyone", request: () => ({ method: "GET", url: "/indices/PAPI/years/2021/rankings" }) },
  "GET /indices/{index}/years/{year}/provinces/{province}": {
    allowed: "everyone",
    request: () => ({ method: "GET", url: "/indices/PAPI/years/2021/provinces/06" }),
  },
  "GET /indices/{index}/provinces/{province}/trend": { allowed: "everyone", request: () => ({ method: "GET", url: "/indices/PAPI/provinces/06/trend" }) },
  "GET /indices/{index}/years/{year}/compare": {
    allowed: "everyone",
    request: () => ({ method: "GET", url: "/indices/PAPI/years/2021/compare?provinces=06,10" }),
  },
  "GET /indices/{index}/years/{year}/merged": { allowed: "everyone", request: () => ({ method: "GET", url: "/indices/PAPI/years/2021/merged" }) },
  // ---- official results: the system administrator only
  "POST /indices/{index}/imports": {
    allowed: ["admin"],
    request: () => ({
      method: "POST",
      url: "/indices/PAPI/imports?dryRun=true",
      body: csv(["year,gso_code_old,province_vi,subdimension,score", "2021,06,Bắc Kạn,1.1,0.5"]),
      contentType: "text/csv",
    }),
  },
  // ---- signing in and out
  "POST /auth/login": {
    allowed: "everyone",
    request: async (w) => {
      const person = await createPerson(w.services, "officer", w.org.STC!);
      return { method: "POST", url: "/auth/login", json: { login: person.username, password: "một mật khẩu đủ dài 2026" } };
    },
  },
  "GET /auth/session": { allowed: "everyone", request: () => ({ method: "GET", url: "/auth/session" }) },
  "POST /auth/logout": {
    allowed: SIGNED_IN,
    request: async (w, c) => ({ method: "POST", url: "/auth/logout", ...(c === "anonymous" ? {} : { session: await w.freshSession(c) }) }),
  },
  "POST /auth/logout-everywhere": {
    allowed: SIGNED_IN,
    request: async (w, c) => ({ method: "POST", url: "/auth/logout-everywhere", ...(c === "anonymous" ? {} : { session: await w.freshSession(c) }) }),
  },
  "POST /auth/password": {
    allowed: SIGNED_IN,
    request: async (w, c) => ({
      method: "POST",
      url: "/auth/password",
      json: { currentPassword: "một mật khẩu đủ dài 2026", newPassword: "một mật khẩu mới cũng dài" },
      ...(c === "anonymous" ? {} : { session: await w.freshSession(c) }),
    }),
  },
  // ---- organisations
  "GET /provinces": { allowed: SIGNED_IN, request: () => ({ method: "GET", url: "/provinces" }) },
  "POST /provinces/{province}/setup": {
    allowed: ["admin"],
    request: (w) => ({ method: "POST", url: `/provinces/${w.freshProvince()}/setup`, json: { communes: false } }),
  },
  "GET /provinces/{province}/organisations": { allowed: READERS_OF_A, request: () => ({ method: "GET", url: "/provinces/15/organisations" }) },
  "POST /provinces/{province}/organisations": {
    allowed: MANAGERS,
    request: (w) => ({
      method: "POST",
      url: "/provinces/15/organisations",
      json: { parentId: w.org.UBND, kind: "board", code: w.unique(), name: "Ban Quản lý dự án thử" },
    }),
  },
  "POST /provinces/{province}/organisations/merge": {
    allowed: MANAGERS,
    request: async (w) => ({
      method: "POST",
      url: "/provinces/15/organisations/merge",
      json: { sourceIds: [await w.freshOrganisation(), await w.freshOrganisation()], into: { id: w.org.SXD } },
    }),
  },
  "GET /organisations/{id}": { allowed: READERS_OF_A, request: (w) => ({ method: "GET", url: `/organisations/${w.org.STC}` }) },
  "PATCH /organisations/{id}": {
    allowed: MANAGERS,
    request: (w) => ({ method: "PATCH", url: `/organisations/${w.org.SCT}`, json: { note: `ghi chú ${w.unique()}` } }),
  },
  "POST /organisations/{id}/close": {
    allowed: MANAGERS,
    request: async (w) => ({ method: "POST", url: `/organisations/${await w.freshOrganisation()}/close`, json: {} }),
  },
  // ---- people
  "GET /users": { allowed: ["admin", "coordinator", "outsider"], request: () => ({ method: "GET", url: "/users" }) },
  "POST /users": {
    allowed: MANAGERS,
    request: (w) => ({
      method: "POST",
      url: "/users",
      json: { username: `moi.${w.unique().toLowerCase()}`, fullName: "Người Mới", roles: [{ role: "officer", organisationId: w.org.STC }] },
    }),
  },
  "GET /users/{id}": { allowed: MANAGERS, request: (w) => ({ method: "GET", url: `/users/${w.target}` }) },
  "PATCH /users/{id}": { allowed: MANAGERS, request: (w) => ({ method: "PATCH", url: `/users/${w.target}`, json: { jobTitle: `Chuyên viên ${w.unique()}` } }) },
  "PUT /users/{id}/roles": {
    allowed: MANAGERS,
    request: (w) => ({ method: "PUT", url: `/users/${w.target}/roles`, json: { roles: [{ role: "officer", organisationId: w.org.SXD }] } }),
  },
  "POST /users/{id}/disable": { allowed: MANAGERS, request: (w) => ({ method: "POST", url: `/users/${w.target}/disable` }) },
  "POST /users/{id}/enable": { allowed: MANAGERS, request: (w) => ({ method: "POST", url: `/users/${w.target}/enable` }) },
  "POST /users/{id}/reset-password": { allowed: MANAGERS, request: (w) => ({ method: "POST", url: `/users/${w.target}/reset-password` }) },
  // ---- audit and directory import
  "GET /audit": { allowed: ["admin", "coordinator", "outsider"], request: () => ({ method: "GET", url: "/audit?limit=5" }) },
  "POST /provinces/{province}/directory/{kind}": {
    allowed: MANAGERS,
    request: (w) => ({
      method: "POST",
      url: "/provinces/15/directory/organisations?dryRun=true",
      body: csv(["Mã,Tên cơ quan,Loại", `${w.unique()},Trung tâm thử,Ban quản lý`]),
      contentType: "text/csv",
    }),
  },
  "GET /directory/templates/{kind}": { allowed: SIGNED_IN, request: () => ({ method: "GET", url: "/directory/templates/people" }) },
  // ---- plans: every role of the province reads them, coordinators write them
  "GET /plans": { allowed: SIGNED_IN, request: () => ({ method: "GET", url: "/plans" }) },
  "POST /provinces/{province}/plans": {
    allowed: MANAGERS,
    request: () => ({
      method: "POST",
      url: "/provinces/15/plans",
      json: { year: 2026, baselineYear: 2024, issuingBody: "ỦY BAN NHÂN DÂN TỈNH LÀO CAI", summary: "Cải thiện PAPI năm 2026", targets: [{ node: "D1", kind: "score", value: 5.5 }] },
    }),
  },
  "GET /plans/{id}": { allowed: READERS_OF_A, request: (w) => ({ method: "GET", url: `/plans/${w.plan}` }) },
  "PUT /plans/{id}/targets": {
    allowed: MANAGERS,
    request: (w) => ({ method: "PUT", url: `/plans/${w.plan}/targets`, json: { targets: [{ node: "total", kind: "group", group: "highest" }] } }),
  },
  "GET /plans/{id}/review": { allowed: READERS_OF_A, request: (w) => ({ method: "GET", url: `/plans/${w.plan}/review` }) },
  "GET /plans/{id}/evaluation": { allowed: READERS_OF_A, request: (w) => ({ method: "GET", url: `/plans/${w.plan}/evaluation` }) },
  "GET /plans/{id}/suggestion": { allowed: READERS_OF_A, request: (w) => ({ method: "GET", url: `/plans/${w.plan}/suggestion?goal=gain-places&places=2` }) },
  "GET /plans/{id}/tasks": { allowed: READERS_OF_A, request: (w) => ({ method: "GET", url: `/plans/${w.plan}/tasks` }) },
  "POST /plans/{id}/tasks": {
    allowed: MANAGERS,
    request: (w) => ({ method: "POST", url: `/plans/${w.plan}/tasks`, json: { text: "Tuyên truyền Chỉ số PAPI", nodes: ["D1"], agencies: [{ role: "lead", organisationId: w.org.SNV }] } }),
  },
  "POST /plans/{id}/tasks/import": {
    allowed: MANAGERS,
    request: (w) => ({
      method: "POST",
      url: `/plans/${w.plan}/tasks/import?dryRun=true`,
      body: csv(["Nhiệm vụ, giải pháp;Chỉ số;Cơ quan chủ trì;Thời hạn", "Tuyên truyền PAPI;D1;SNV;Thường xuyên"]),
      contentType: "text/csv",
    }),
  },
  "GET /plans/{id}/tasks/export": { allowed: READERS_OF_A, request: (w) => ({ method: "GET", url: `/plans/${w.plan}/tasks/export?format=csv` }) },
  "PUT /tasks/{id}": {
    allowed: MANAGERS,
    request: async (w) => ({ method: "PUT", url: `/tasks/${await w.freshTask()}`, json: { text: "Nhiệm vụ đã sửa", nodes: ["D2"] } }),
  },
  "DELETE /tasks/{id}": { allowed: MANAGERS, request: async (w) => ({ method: "DELETE", url: `/tasks/${await w.freshTask()}` }) },
  "GET /organisations/{id}/tasks": { allowed: READERS_OF_A, request: (w) => ({ method: "GET", url: `/organisations/${w.org.STC}/tasks` }) },
  // A province plan's document is its coordinators'; an agency's people reach only their agency's sub-plans.
  "PATCH /plans/{id}": { allowed: MANAGERS, request: (w) => ({ method: "PATCH", url: `/plans/${w.plan}`, json: { place: "Lào Cai" } }) },
  "DELETE /plans/{id}": { allowed: MANAGERS, request: async (w) => ({ method: "DELETE", url: `/plans/${await w.freshPlan("draft")}` }) },
  "POST /plans/{id}/issue": {
    allowed: MANAGERS,
    request: async (w) => ({ method: "POST", url: `/plans/${await w.freshPlan("draft")}/issue`, json: { number: `${w.unique()}/KH-UBND`, issuedOn: "2026-02-10" } }),
  },
  "POST /plans/{id}/supersede": { allowed: MANAGERS, request: async (w) => ({ method: "POST", url: `/plans/${await w.freshPlan("issued")}/supersede` }) },
  "GET /plans/{id}/agencies": { allowed: READERS_OF_A, request: (w) => ({ method: "GET", url: `/plans/${w.plan}/agencies` }) },
  "POST /plans/{id}/sub-plans": {
    allowed: ["admin", "coordinator", "leader", "officer"],
    request: async (w) => ({ method: "POST", url: `/plans/${await w.freshPlan("issued")}/sub-plans`, json: { organisationId: w.org.STC } }),
  },
  "GET /plans/{id}/sub-plans": { allowed: READERS_OF_A, request: (w) => ({ method: "GET", url: `/plans/${w.plan}/sub-plans` }) },
  "GET /provinces/{province}/plans/next-draft": { allowed: READERS_OF_A, request: () => ({ method: "GET", url: "/provinces/15/plans/next-draft?year=2026" }) },
  "POST /provinces/{province}/plans/next-draft": { allowed: MANAGERS, request: () => ({ method: "POST", url: "/provinces/15/plans/next-draft", json: { year: 2026 } }) },
  // ---- periodic reports: agencies write their own, leaders approve, Sở Nội vụ reviews; province roles read
  "GET /plans/{id}/regime": { allowed: READERS_OF_A, request: (w) => ({ method: "GET", url: `/plans/${w.plan}/regime` }) },
  "PUT /plans/{id}/regime": { allowed: MANAGERS, request: (w) => ({ method: "PUT", url: `/plans/${w.plan}/regime`, json: { cutOffDay: 15 } }) },
  "POST /regimes/{id}/reports": {
    allowed: AGENCY,
    request: async (w) => ({ method: "POST", url: `/regimes/${(await w.freshReport(null)).regime}/reports`, json: { organisationId: w.org.STC, period: "2026-Q1" } }),
  },
  "GET /regimes/{id}/reports": {
    allowed: ["coordinator", "leader", "officer", "viewer"],
    request: async (w) => ({ method: "GET", url: `/regimes/${(await w.freshReport(null)).regime}/reports?organisation=${w.org.STC}` }),
  },
  "GET /reports/{id}": { allowed: ["coordinator", "leader", "officer", "viewer"], request: async (w) => ({ method: "GET", url: `/reports/${(await w.freshReport("draft")).id}` }) },
  "PATCH /reports/{id}": {
    allowed: AGENCY,
    request: async (w) => ({ method: "PATCH", url: `/reports/${(await w.freshReport("draft")).id}`, json: { version: 1, difficulties: "Thiếu cán bộ." } }),
  },
  "POST /reports/{id}/evidence": {
    allowed: AGENCY,
    request: async (w) => {
      const form = new FormData();
      form.append("file", new Blob([PDF]), "bien-ban.pdf");
      return { method: "POST", url: `/reports/${(await w.freshReport("draft")).id}/evidence`, body: form };
    },
  },
  "GET /reports/{id}/evidence/{evidenceId}": {
    allowed: ["coordinator", "leader", "officer", "viewer"],
    request: async (w) => {
      const { id } = await w.freshReport("draft");
      const file = await w.services.reports.addEvidence(SYSTEM_ACTOR, id, { bytes: PDF, fileName: "bien-ban.pdf" });
      return { method: "GET", url: `/reports/${id}/evidence/${file.id}` };
    },
  },
  "DELETE /reports/{id}/evidence/{evidenceId}": {
    allowed: AGENCY,
    request: async (w) => {
      const { id } = await w.freshReport("draft");
      const file = await w.services.reports.addEvidence(SYSTEM_ACTOR, id, { bytes: PDF, fileName: "bien-ban.pdf" });
      return { method: "DELETE", url: `/reports/${id}/evidence/${file.id}` };
    },
  },
  "POST /reports/{id}/submit": { allowed: AGENCY, request: async (w) => step(await w.freshReport("draft"), "submit") },
  "POST /reports/{id}/approve": { allowed: ["leader"], request: async (w) => step(await w.freshReport("submitted"), "approve") },
  "POST /reports/{id}/send-back": { allowed: ["leader"], request: async (w) => step(await w.freshReport("submitted"), "send-back") },
  "POST /reports/{id}/accept": { allowed: REVIEWERS, request: async (w) => step(await w.freshReport("approved"), "accept") },
  "POST /reports/{id}/return": { allowed: REVIEWERS, request: async (w) => step(await w.freshReport("approved"), "return") },
  "POST /reports/{id}/reopen": { allowed: REVIEWERS, request: async (w) => step(await w.freshReport("accepted"), "reopen") },
  "GET /regimes/{id}/periods/{period}/completeness": {
    allowed: PROVINCE_READERS,
    request: async (w) => ({ method: "GET", url: `/regimes/${(await w.freshReport(null)).regime}/periods/2026-Q1/completeness` }),
  },
  "GET /provinces/{province}/dashboard": { allowed: PROVINCE_READERS, request: () => ({ method: "GET", url: "/provinces/15/dashboard?year=2026" }) },
  "GET /regimes/{id}/matrix": { allowed: PROVINCE_READERS, request: async (w) => ({ method: "GET", url: `/regimes/${(await w.freshReport("draft")).regime}/matrix` }) },
  "GET /regimes/{id}/periods/{period}/consolidation": {
    allowed: PROVINCE_READERS,
    request: async (w) => ({ method: "GET", url: `/regimes/${(await w.freshReport(null)).regime}/periods/2026-Q1/consolidation` }),
  },
  "GET /regimes/{id}/periods/{period}/consolidation/export": {
    allowed: PROVINCE_READERS,
    request: async (w) => ({ method: "GET", url: `/regimes/${(await w.freshReport(null)).regime}/periods/2026-Q1/consolidation/export?format=csv` }),
  },
  "POST /regimes/{id}/periods/{period}/reminders": {
    allowed: REVIEWERS,
    request: async (w) => ({ method: "POST", url: `/regimes/${(await w.freshReport(null)).regime}/periods/2026-Q1/reminders` }),
  },
  // ---- official documents: whoever reads the plan or the report may download it; the checker for anyone signed in
  "GET /plans/{id}/document": { allowed: READERS_OF_A, request: (w) => ({ method: "GET", url: `/plans/${w.plan}/document` }) },
  "POST /plans/{id}/document": { allowed: READERS_OF_A, request: (w) => ({ method: "POST", url: `/plans/${w.plan}/document`, json: { recipients: ["Bộ Nội vụ", "Lưu: VT, SNV"] } }) },
  "GET /provinces/{province}/analysis/{year}/document": { allowed: READERS_OF_A, request: () => ({ method: "GET", url: "/provinces/15/analysis/2021/document" }) },
  "POST /provinces/{province}/analysis/{year}/document": {
    allowed: READERS_OF_A,
    request: () => ({ method: "POST", url: "/provinces/15/analysis/2021/document", json: { number: "12/KH-UBND", issuedOn: "2022-03-01" } }),
  },
  "GET /reports/{id}/document": { allowed: ["coordinator", "leader", "officer", "viewer"], request: async (w) => ({ method: "GET", url: `/reports/${(await w.freshReport("draft")).id}/document` }) },
  "POST /reports/{id}/document": {
    allowed: ["coordinator", "leader", "officer", "viewer"],
    request: async (w) => ({ method: "POST", url: `/reports/${(await w.freshReport("approved")).id}/document`, json: { sections: { next: "- Hoàn thành nhiệm vụ 1." } } }),
  },
  "GET /regimes/{id}/periods/{period}/document": {
    allowed: PROVINCE_READERS,
    request: async (w) => ({ method: "GET", url: `/regimes/${(await w.freshReport("approved")).regime}/periods/2026-Q1/document` }),
  },
  "POST /regimes/{id}/periods/{period}/document": {
    allowed: PROVINCE_READERS,
    request: async (w) => ({ method: "POST", url: `/regimes/${(await w.freshReport(null)).regime}/periods/2026-Q1/document`, json: { sections: { proposals: "- Đề nghị bổ sung biên chế." } } }),
  },
  "GET /plans/{id}/document/parts": { allowed: READERS_OF_A, request: (w) => ({ method: "GET", url: `/plans/${w.plan}/document/parts` }) },
  "GET /provinces/{province}/analysis/{year}/document/parts": { allowed: READERS_OF_A, request: () => ({ method: "GET", url: "/provinces/15/analysis/2021/document/parts" }) },
  "GET /reports/{id}/document/parts": {
    allowed: ["coordinator", "leader", "officer", "viewer"],
    request: async (w) => ({ method: "GET", url: `/reports/${(await w.freshReport("draft")).id}/document/parts` }),
  },
  "GET /regimes/{id}/periods/{period}/document/parts": {
    allowed: PROVINCE_READERS,
    request: async (w) => ({ method: "GET", url: `/regimes/${(await w.freshReport(null)).regime}/periods/2026-Q1/document/parts` }),
  },
  "POST /documents/check": {
    allowed: SIGNED_IN,
    request: async () => {
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(await sampleDocx())]), "ke-hoach.docx");
      return { method: "POST", url: "/documents/check", body: form };
    },
  },
  "GET /me/inbox": { allowed: SIGNED_IN, request: () => ({ method: "GET", url: "/me/inbox" }) },
  "POST /me/notifications/read": { allowed: SIGNED_IN, request: () => ({ method: "POST", url: "/me/notifications/read", json: { ids: [1] } }) },
};

const PDF = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");

let sample: Promise<Buffer> | undefined;
/** A small official document to upload to the checker. */
function sampleDocx(): Promise<Buffer> {
  sample ??= buildDocx({
    header: { parentBody: null, issuingBody: "ỦY BAN NHÂN DÂN TỈNH LÀO CAI", numberLine: "Số: 05/KH-UBND", placeDate: "Lào Cai, ngày 05 tháng 01 năm 2026" },
    typeName: "KẾ HOẠCH",
    summary: "THỬ",
    addressees: [],
    body: [{ kind: "paragraph", text: "Nội dung." }],
    recipients: ["Bộ Nội vụ"],
    archive: "VT, SNV",
    signature: { authority: "TM. ỦY BAN NHÂN DÂN", title: "CHỦ TỊCH", name: "Nguyễn Văn A" },
    appendices: [],
    title: "Thử",
  });
  return sample;
}

/** A workflow step on a fresh report, with its version and a reason. */
function step(report: { id: number; version: number }, action: string): Call {
  return { method: "POST", url: `/reports/${report.id}/${action}`, json: { version: report.version, reason: "Bổ sung số liệu." } };
}

async function counts(services: Services) {
  const row = (await services.database.db.execute(
    sql.raw(
      "select (select count(*) from organisations)::int o, (select count(*) from users)::int u, (select count(*) from role_assignments)::int r, (select count(*) from audit_log)::int a, (select count(*) from users where disabled_at is not null)::int d, (select count(*) from scores)::int s, (select count(*) from plans)::int p, (select count(*) from plan_targets)::int pt, (select count(*) from plan_tasks)::int tk, (select count(*) from plan_task_agencies)::int ta, (select count(*) from agency_reports)::int rp, (select count(*) from reporting_regimes)::int rg, (select count(*) from notifications where read_at is null)::int nt",
    ),
  )) as { rows: Record<string, number>[] };
  return row.rows[0]!;
}

describe.each(ENGINES)("authorization on %s", (engine) => {
  let world: World;
  let routes: RouteSpec<z.ZodObject, z.ZodObject>[];

  beforeAll(async () => {
    const services = await createTestServices(engine);
    const { app, routes: registered } = createApp(services, { webRoot: null });
    routes = registered;
    const catalog = await services.results.catalog();
    const unitA = catalog.unitId("vn34", "15")!;
    const unitB = catalog.unitId("vn34", "19")!;
    await services.organisations.setupProvince(SYSTEM_ACTOR, unitA, { communes: false });
    await services.organisations.setupProvince(SYSTEM_ACTOR, unitB, { communes: false });
    const org = Object.fromEntries((await services.organisations.list(SYSTEM_ACTOR, unitA)).map((o) => [o.code, o.id]));
    const snvB = (await services.organisations.list(SYSTEM_ACTOR, unitB)).find((o) => o.code === "SNV")!.id;
    const roleOf: Record<Exclude<Caller, "anonymous">, [Parameters<typeof createPerson>[1], number | null]> = {
      admin: ["admin", null],
      coordinator: ["coordinator", org.SNV!],
      leader: ["leader", org.STC!],
      officer: ["officer", org.STC!],
      viewer: ["viewer", org.UBND!],
      outsider: ["coordinator", snvB],
    };
    const sessions = {} as World["sessions"];
    for (const caller of SIGNED_IN as Exclude<Caller, "anonymous">[]) {
      const [role, organisationId] = roleOf[caller];
      sessions[caller] = await signIn(app, (await createPerson(services, role, organisationId)).username);
    }
    const target = (await createPerson(services, "officer", org.SXD!)).id;
    const plan = (
      await services.plans.create(
        SYSTEM_ACTOR,
        { provinceUnitId: unitA, indexCode: "PAPI", year: 2024, baselineYear: 2023, issuingBody: "ỦY BAN NHÂN DÂN TỈNH LÀO CAI", summary: "Kế hoạch thử" },
        [{ node: "total", kind: "score", value: 45, comparator: ">=", statedIncrease: null, group: null, rankTop: null, rankGain: null }],
      )
    ).id;
    let n = 0;
    // Provinces other than A and B, for set-ups.
    const spare = catalog
      .provinces("vn34")
      .map((p) => p.code)
      .filter((code) => code !== "15" && code !== "19");
    world = {
      services,
      app,
      sessions,
      org,
      target,
      plan,
      freshPlan: async (status) => {
        const fresh = await services.plans.create(SYSTEM_ACTOR, {
          provinceUnitId: unitA,
          indexCode: "PAPI",
          year: 2026,
          baselineYear: 2024,
          status,
          number: status === "issued" ? `P${(n += 1)}/KH-UBND` : null,
          issuedOn: status === "issued" ? "2026-01-15" : null,
          issuingBody: "ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
          summary: "Kế hoạch thử",
        });
        await services.tasks.create(
          SYSTEM_ACTOR,
          fresh.id,
          { ref: "1", text: "Nhiệm vụ thử", nodes: ["D1"], dueOn: null, recurrence: null, output: null, agencies: [{ role: "lead", organisationId: org.STC!, name: null }], indicators: [] },
          { allowIssued: true },
        );
        return fresh.id;
      },
      freshReport: async (status) => {
        const planId = await world.freshPlan("issued");
        const regime = (await services.reports.setRegime(SYSTEM_ACTOR, planId, {})).regime.id;
        if (status === null) return { regime, id: 0, version: 0 };
        let report = (await services.reports.open(SYSTEM_ACTOR, regime, org.STC!, "2026-Q1")).report;
        const path: Record<ReportStatus, ("submit" | "approve" | "accept" | "return")[]> = {
          draft: [],
          submitted: ["submit"],
          approved: ["submit", "approve"],
          accepted: ["submit", "approve", "accept"],
          returned: ["submit", "approve", "return"],
        };
        for (const action of path[status]) report = (await services.reports.act(SYSTEM_ACTOR, report.id, action, { version: report.version, reason: "Lý do" })).report;
        return { regime, id: report.id, version: report.version };
      },
      freshTask: async () =>
        (
          await services.tasks.create(SYSTEM_ACTOR, plan, {
            ref: null,
            text: "Nhiệm vụ thử",
            nodes: ["D1"],
            dueOn: null,
            recurrence: null,
            output: null,
            agencies: [{ role: "lead", organisationId: org.STC!, name: null }],
            indicators: [],
          })
        ).id,
      unique: () => `T${(n += 1)}`,
      freshOrganisation: async () =>
        (await services.organisations.create(SYSTEM_ACTOR, { provinceUnitId: unitA, parentId: org.UBND!, kind: "board", code: `F${(n += 1)}`, name: `Ban thử ${n}` })).id,
      freshSession: async (caller) => {
        const [role, organisationId] = roleOf[caller];
        return signIn(app, (await createPerson(services, role, organisationId)).username);
      },
      freshProvince: () => spare.shift()!,
    };
  });

  afterAll(async () => {
    await world?.services.close();
  });

  test("every registered route has a rule here, and every rule names a registered route", () => {
    const registered = routes.map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(registered.length).toBeGreaterThanOrEqual(35);
    for (const key of registered) expect(RULES[key], `no authorization rule for ${key}: add one to RULES`).toBeDefined();
    for (const key of Object.keys(RULES)) expect(registered, `rule for an unknown route ${key}`).toContain(key);
  });

  test("the rules agree with what each route declares: public routes let everyone in, the others need a session", () => {
    for (const spec of routes) {
      const rule = RULES[`${spec.method.toUpperCase()} ${spec.path}`]!;
      if (spec.access === "public") expect(rule.allowed, `${spec.path} is public`).toBe("everyone");
      else expect(rule.allowed, `${spec.path} needs a session`).not.toBe("everyone");
    }
  });

  test.each(CALLERS)("as %s: each route answers allowed (2xx, as documented) or refused (401/403, nothing changed)", async (caller) => {
    const problems: string[] = [];
    for (const spec of routes) {
      const key = `${spec.method.toUpperCase()} ${spec.path}`;
      const rule = RULES[key]!;
      const allowed = rule.allowed === "everyone" || rule.allowed.includes(caller);
      const call = await rule.request(world, caller);
      const session = call.session ?? (caller === "anonymous" ? undefined : world.sessions[caller]);
      const headers: Record<string, string> = { ...(session?.headers ?? {}) };
      if (call.json !== undefined) headers["Content-Type"] = "application/json";
      if (call.contentType) headers["Content-Type"] = call.contentType;
      const before = allowed ? null : await counts(world.services);
      const response = await world.app.request(`${API}${call.url}`, {
        method: call.method,
        headers,
        ...(call.json !== undefined ? { body: JSON.stringify(call.json) } : call.body !== undefined ? { body: call.body } : {}),
      });
      const text = await response.text();
      const label = `${caller} ${call.method} ${call.url} → ${response.status} ${text.slice(0, 160)}`;
      if (allowed) {
        if (response.status < 200 || response.status > 299) problems.push(`should be allowed: ${label}`);
        else if ((response.headers.get("Content-Type") ?? "").startsWith("application/json") && spec.response) {
          const parsed = (spec.response as z.ZodType).safeParse(JSON.parse(text));
          if (!parsed.success) problems.push(`answer does not match its schema: ${label} ${JSON.stringify(parsed.error.issues.slice(0, 2))}`);
        }
      } else {
        const expected = caller === "anonymous" ? 401 : 403;
        if (response.status !== expected) problems.push(`should be refused with ${expected}: ${label}`);
        const after = await counts(world.services);
        if (JSON.stringify(after) !== JSON.stringify(before)) problems.push(`a refused call changed data: ${label} ${JSON.stringify({ before, after })}`);
      }
      // Leave the shared target as it was for the next caller.
      if (key === "POST /users/{id}/disable" && allowed) await world.services.people.setDisabled(SYSTEM_ACTOR, world.target, false);
    }
    expect(problems).toEqual([]);
  });

  test("a path no route declares answers 404 JSON, whoever asks; no method falls through to a handler", async () => {
    for (const caller of ["anonymous", "officer"] as const) {
      const headers = caller === "anonymous" ? {} : world.sessions[caller].headers;
      const unknown = await world.app.request(`${API}/secrets`, { headers });
      expect(unknown.status).toBe(404);
      const wrongMethod = await world.app.request(`${API}/users`, { method: "DELETE", headers });
      expect([404, 405]).toContain(wrongMethod.status);
    }
  });
});
