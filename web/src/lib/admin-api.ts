/**
 * The signed-in part of the API: session, agencies, people, the audit log, directory imports. Every write
 * sends JSON (or the uploaded file) with the session's CSRF token in X-CSRF-Token; every request asks for
 * the user's language, so `error.message` is already Vietnamese or English. Answer types come from the
 * server's own zod schemas (type-only imports).
 */
import type { z } from "zod";
import type { Lang } from "@domain/format.ts";
import type {
  auditPageSchema,
  mergeResultSchema,
  organisationCloseBody,
  organisationCreateBody,
  organisationListSchema,
  organisationMergeBody,
  organisationPatchBody,
  organisationSchema,
  personCreateBody,
  personPatchBody,
  personSchema,
  personWithPasswordSchema,
  provincesManagedSchema,
  rolesBody,
  sessionSchema,
} from "../../../src/http/account-schemas.ts";
import type { directoryReportSchema } from "../../../src/http/routes/directory.routes.ts";
import type {
  agencyTaskSchema,
  assignableSchema,
  evaluationSchema,
  issueBody,
  nextDraftBody,
  nextDraftSchema,
  planCreateBody,
  planDetailSchema,
  planListSchema,
  planPatchBody,
  reviewSchema,
  subPlanTrackingSchema,
  suggestionSchema,
  targetBody,
  targetListSchema,
  taskBody,
  taskSchema,
} from "../../../src/http/plan-schemas.ts";
import type {
  agencyReportsSchema,
  completenessSchema,
  consolidationSchema,
  dashboardSchema,
  evidenceSchema,
  inboxSchema,
  matrixSchema,
  regimeBody,
  regimeSchema,
  reportPatchBody,
  reportSchema,
} from "../../../src/http/report-schemas.ts";
import type { ReportAction } from "@domain/report-workflow.ts";
import { apiError, ApiError } from "./api.ts";

export type Session = z.infer<typeof sessionSchema>;
export type Person = z.infer<typeof personSchema>;
export type PersonRole = Person["roles"][number];
export type PersonWithPassword = z.infer<typeof personWithPasswordSchema>;
export type Organisation = z.infer<typeof organisationSchema>;
export type OrganisationList = z.infer<typeof organisationListSchema>;
export type ManagedProvince = z.infer<typeof provincesManagedSchema>[number];
export type ProvinceRef = ManagedProvince["province"];
export type AuditPage = z.infer<typeof auditPageSchema>;
export type AuditEntry = AuditPage["entries"][number];
export type OrganisationInput = z.input<typeof organisationCreateBody>;
export type OrganisationPatch = z.input<typeof organisationPatchBody>;
export type CloseInput = z.input<typeof organisationCloseBody>;
export type MergeInput = z.input<typeof organisationMergeBody>;
export type PersonInput = z.input<typeof personCreateBody>;
export type PersonPatch = z.input<typeof personPatchBody>;
export type RoleInput = z.input<typeof rolesBody>["roles"][number];

export type DirectoryResult = z.infer<typeof directoryReportSchema>;
export type DirectoryKind = DirectoryResult["kind"];
export type PlanSummary = z.infer<typeof planListSchema>[number];
export type PlanDetail = z.infer<typeof planDetailSchema>;
/** A province as plan answers name it. */
export type PlanProvince = PlanDetail["province"];
export type Plan = PlanDetail["plan"];
export type PlanStatus = Plan["status"];
export type StoredTarget = PlanDetail["targets"][number];
export type TargetInput = z.input<typeof targetBody>;
export type PlanInput = z.input<typeof planCreateBody>;
export type PlanPatch = z.input<typeof planPatchBody>;
export type IssueInput = z.input<typeof issueBody>;
export type PlanReview = z.infer<typeof reviewSchema>;
export type ReviewFlag = PlanReview["flags"][number];
export type PlanEvaluation = z.infer<typeof evaluationSchema>;
export type TargetEvaluation = PlanEvaluation["targets"][number];
/** A dimension's result beside its baseline, its targets, and the tasks and lead agencies behind it. */
export type DimensionEvaluation = PlanEvaluation["dimensions"][number];
export type Suggestion = NonNullable<z.infer<typeof suggestionSchema>["suggestion"]>;
export type SuggestionGoal = z.infer<typeof nextDraftBody>["goal"];

export type Task = z.infer<typeof taskSchema>;
export type TaskAgency = Task["agencies"][number];
export type TaskInput = z.input<typeof taskBody>;
export type AgencyTask = z.infer<typeof agencyTaskSchema>;
/** A body a plan's tasks may be assigned to. */
export type PlanAgency = z.infer<typeof assignableSchema>[number];
export type SubPlanTracking = z.infer<typeof subPlanTrackingSchema>;
export type SubPlanStatus = SubPlanTracking["agencies"][number]["status"];
export type NextDraftPreview = z.infer<typeof nextDraftSchema>;
/** A dimension or sub-dimension with its score, as the next plan's analysis names it. */
export type NamedScore = NextDraftPreview["bases"][number]["findings"]["weakSubdimensions"][number];
export type NextDraftRequest = z.input<typeof nextDraftBody>;

/** A plan's reporting regime with its periods (each level's deadline) and reporting agencies; null before one is set. */
export type RegimeView = NonNullable<z.infer<typeof regimeSchema>>;
export type Regime = RegimeView["regime"];
export type RegimePeriod = RegimeView["periods"][number];
export type RegimeAgency = RegimeView["agencies"][number];
export type RegimeInput = z.input<typeof regimeBody>;
export type ReportLevel = RegimeAgency["level"];
/**
 * An answer as it arrives: the schemas allow a Date where the server holds one, JSON carries it as an ISO
 * string.
 */
type Wire<T> = T extends Date ? string : T extends readonly (infer U)[] ? Wire<U>[] : T extends object ? { [K in keyof T]: Wire<T[K]> } : T;
type Answer<S extends z.ZodType> = Wire<z.infer<S>>;

/** An agency's report for a period, as GET /reports/{id} and every step answer it. */
export type ReportView = Answer<typeof reportSchema>;
export type ReportRecord = ReportView["report"];
export type ReportTaskEntry = ReportView["tasks"][number];
export type ReportFigure = ReportView["figures"][number];
export type ReportIssue = ReportView["issues"][number];
export type ReportPatch = z.input<typeof reportPatchBody>;
export type Evidence = Answer<typeof evidenceSchema>;
/** An agency's periods of a regime with its report's state in each (read-only: creates nothing). */
export type AgencyReports = Answer<typeof agencyReportsSchema>;
export type AgencyPeriod = AgencyReports["periods"][number];
export type Completeness = Answer<typeof completenessSchema>;
export type Timeliness = Completeness["agencies"][number]["timeliness"];
export type ReportMatrix = Answer<typeof matrixSchema>;
export type Consolidation = Answer<typeof consolidationSchema>;
export type ConsolidatedFigure = Consolidation["figures"][number];
export type Inbox = Answer<typeof inboxSchema>;
/** A report waiting for someone, as the inbox lists it. */
export type InboxReport = Inbox["returned"][number];
export type ReportNotification = Inbox["notifications"][number];
/** A period the person's agency has still to send (due within a week, or overdue). */
export type DueReport = Inbox["due"][number];
/** A province's plans in force for a year: each target's outlook beside the latest closed period's reporting. */
export type Dashboard = Answer<typeof dashboardSchema>;
export type DashboardPlan = Dashboard["plans"][number];
export type DashboardTarget = DashboardPlan["targets"][number];
export type Outlook = DashboardTarget["outlook"];
export type DashboardReporting = NonNullable<DashboardPlan["reporting"]>;

/** One problem of a refused directory file (422 error.details.errors[]); row and column when known. */
export interface DirectoryRowError {
  row?: number;
  column?: string;
  value?: string;
  message: string;
}

/** Where the app is: the language asked of the server and the CSRF token of the current session. */
const client: { lang: Lang; csrfToken: string | null; onAuthError: ((error: ApiError) => void) | null } = {
  lang: "vi",
  csrfToken: null,
  onAuthError: null,
};

export function setClientLang(lang: Lang): void {
  client.lang = lang;
}

/** Called with a 401 (signed out, session expired) or a 403 "change your password first". */
export function setAuthErrorHandler(handler: ((error: ApiError) => void) | null): void {
  client.onAuthError = handler;
}

function withLang(path: string): string {
  if (client.lang === "vi") return `/api/v1${path}`;
  return `/api/v1${path}${path.includes("?") ? "&" : "?"}lang=${client.lang}`;
}

const query = (params: Record<string, string | number | boolean | undefined | null>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
};

/**
 * The sign-in routes answer 401 for a wrong password or an expired session: a message on the form, or
 * already signed out, never a redirect.
 */
const OWN_ERRORS = ["/auth/"];

async function call<T>(method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  let payload: BodyInit | undefined;
  if (method !== "GET") {
    if (client.csrfToken) headers["X-CSRF-Token"] = client.csrfToken;
    if (body instanceof FormData) payload = body;
    else {
      headers["Content-Type"] = "application/json";
      payload = JSON.stringify(body ?? {});
    }
  }
  const response = await fetch(withLang(path), { method, headers, body: payload, credentials: "same-origin" });
  if (!response.ok) {
    const error = await apiError(response);
    const own = OWN_ERRORS.some((p) => path.startsWith(p));
    if (!own && (error.status === 401 || error.code === "auth.password-change-required")) client.onAuthError?.(error);
    throw error;
  }
  return (await response.json()) as T;
}

function remember(session: Session): Session {
  client.csrfToken = session.csrfToken;
  return session;
}

export const adminApi = {
  session: async () => remember(await call<Session>("GET", "/auth/session")),
  login: async (login: string, password: string) => remember(await call<Session>("POST", "/auth/login", { login, password })),
  logout: () => call<{ ok: true }>("POST", "/auth/logout"),
  logoutEverywhere: () => call<{ sessionsEnded: number }>("POST", "/auth/logout-everywhere"),
  changePassword: (currentPassword: string, newPassword: string) =>
    call<{ ok: true }>("POST", "/auth/password", { currentPassword, newPassword }),

  provinces: () => call<ManagedProvince[]>("GET", "/provinces"),
  setup: (province: string) => call<{ created: number }>("POST", `/provinces/${province}/setup`, { communes: true }),
  organisations: (province: string, includeEnded: boolean) =>
    call<OrganisationList>("GET", `/provinces/${province}/organisations${query({ includeEnded })}`),
  createOrganisation: (province: string, input: OrganisationInput) =>
    call<Organisation>("POST", `/provinces/${province}/organisations`, input),
  updateOrganisation: (id: number, patch: OrganisationPatch) => call<Organisation>("PATCH", `/organisations/${id}`, patch),
  closeOrganisation: (id: number, input: CloseInput) => call<Organisation>("POST", `/organisations/${id}/close`, input),
  mergeOrganisations: (province: string, input: MergeInput) =>
    call<z.infer<typeof mergeResultSchema>>("POST", `/provinces/${province}/organisations/merge`, input),

  people: (filter: { province?: string; organisation?: number; q?: string; includeDisabled?: boolean }) =>
    call<Person[]>("GET", `/users${query(filter)}`),
  createPerson: (input: PersonInput) => call<PersonWithPassword>("POST", "/users", input),
  updatePerson: (id: number, patch: PersonPatch) => call<Person>("PATCH", `/users/${id}`, patch),
  setRoles: (id: number, roles: RoleInput[]) => call<Person>("PUT", `/users/${id}/roles`, { roles }),
  setDisabled: (id: number, disabled: boolean) => call<Person>("POST", `/users/${id}/${disabled ? "disable" : "enable"}`),
  resetPassword: (id: number) => call<PersonWithPassword>("POST", `/users/${id}/reset-password`),

  audit: (filter: Record<string, string | number | undefined>) => call<AuditPage>("GET", `/audit${query(filter)}`),

  importDirectory: (province: string, kind: DirectoryKind, file: File, dryRun: boolean) => {
    const form = new FormData();
    form.set("file", file, file.name);
    return call<DirectoryResult>("POST", `/provinces/${province}/directory/${kind}${query({ dryRun })}`, form);
  },
};

export const planApi = {
  /** The plans of one province (its own, not its predecessors': ask for each key), or all the person may read. */
  list: (province?: string) => call<PlanSummary[]>("GET", `/plans${query({ province })}`),
  get: (id: number) => call<PlanDetail>("GET", `/plans/${id}`),
  create: (province: string, input: PlanInput) => call<Plan>("POST", `/provinces/${province}/plans`, input),
  setTargets: (id: number, targets: TargetInput[]) => call<z.infer<typeof targetListSchema>>("PUT", `/plans/${id}/targets`, { targets }),
  /** Messages in the user's language (the client adds ?lang=en). */
  review: (id: number) => call<PlanReview>("GET", `/plans/${id}/review`),
  evaluation: (id: number) => call<PlanEvaluation>("GET", `/plans/${id}/evaluation`),
  suggestion: (id: number, goal: SuggestionGoal, places?: number) =>
    call<z.infer<typeof suggestionSchema>>("GET", `/plans/${id}/suggestion${query({ goal, places: goal === "gain-places" ? places : undefined })}`),
  /** A draft's document identity and sections. */
  update: (id: number, patch: PlanPatch) => call<Plan>("PATCH", `/plans/${id}`, patch),
  issue: (id: number, input: IssueInput) => call<Plan>("POST", `/plans/${id}/issue`, input),
  supersede: (id: number) => call<Plan>("POST", `/plans/${id}/supersede`, {}),
  remove: (id: number) => call<{ ok: true }>("DELETE", `/plans/${id}`),

  tasks: (id: number) => call<Task[]>("GET", `/plans/${id}/tasks`),
  createTask: (planId: number, input: TaskInput) => call<Task>("POST", `/plans/${planId}/tasks`, input),
  updateTask: (id: number, input: TaskInput) => call<Task>("PUT", `/tasks/${id}`, input),
  removeTask: (id: number) => call<{ ok: true }>("DELETE", `/tasks/${id}`),
  /** The bodies this plan's tasks may be assigned to, in Vietnamese order. */
  agencies: (id: number) => call<PlanAgency[]>("GET", `/plans/${id}/agencies`),
  /** The tasks an agency leads or supports, across its province's plans. */
  agencyTasks: (organisationId: number) => call<AgencyTask[]>("GET", `/organisations/${organisationId}/tasks`),

  subPlans: (id: number) => call<SubPlanTracking>("GET", `/plans/${id}/sub-plans`),
  createSubPlan: (id: number, organisationId: number) => call<Plan>("POST", `/plans/${id}/sub-plans`, { organisationId }),

  nextDraft: (province: string, request: NextDraftRequest) =>
    call<NextDraftPreview>(
      "GET",
      `/provinces/${province}/plans/next-draft${query({ year: request.year, fromPlan: request.fromPlanId, goal: request.goal, places: request.goal === "gain-places" ? request.places : undefined })}`,
    ),
  createNextDraft: (province: string, request: NextDraftRequest) => call<Plan>("POST", `/provinces/${province}/plans/next-draft`, request),
};

export const reportApi = {
  regime: (planId: number) => call<RegimeView | null>("GET", `/plans/${planId}/regime`),
  /** Sets the regime; {} takes Decree 09's defaults and the plan's assigned agencies. */
  setRegime: (planId: number, input: RegimeInput) => call<RegimeView>("PUT", `/plans/${planId}/regime`, input),
  /** The agency's report for the period: the existing one, or a new draft pre-filled from the previous period. */
  open: (regimeId: number, organisationId: number, period: string) => call<ReportView>("POST", `/regimes/${regimeId}/reports`, { organisationId, period }),
  get: (id: number) => call<ReportView>("GET", `/reports/${id}`),
  /** An agency's report (id, state, timeliness) in each period of the regime; creates nothing. */
  agencyReports: (regimeId: number, organisationId: number) => call<AgencyReports>("GET", `/regimes/${regimeId}/reports${query({ organisation: organisationId })}`),
  /** 409 report.conflict (error.details.current: the report as it is now) when someone saved in between. */
  save: (id: number, patch: ReportPatch) => call<ReportView>("PATCH", `/reports/${id}`, patch),
  act: (id: number, action: ReportAction, version: number, reason?: string) => call<ReportView>("POST", `/reports/${id}/${action}`, { version, reason: reason ?? null }),
  /** An evidence file (PDF, Word, Excel, PNG, JPEG: the server reads what it is from its bytes). */
  addEvidence: (id: number, file: File) => {
    const form = new FormData();
    form.set("file", file, file.name);
    return call<Evidence>("POST", `/reports/${id}/evidence`, form);
  },
  removeEvidence: (id: number, evidenceId: number) => call<{ ok: true }>("DELETE", `/reports/${id}/evidence/${evidenceId}`),
  evidenceUrl: (id: number, evidenceId: number) => `/api/v1/reports/${id}/evidence/${evidenceId}`,
  completeness: (regimeId: number, period: string) => call<Completeness>("GET", `/regimes/${regimeId}/periods/${period}/completeness`),
  matrix: (regimeId: number) => call<ReportMatrix>("GET", `/regimes/${regimeId}/matrix`),
  consolidation: (regimeId: number, period: string) => call<Consolidation>("GET", `/regimes/${regimeId}/periods/${period}/consolidation`),
  /** The consolidated view as an Excel sheet (a download link). */
  consolidationSheet: (regimeId: number, period: string) => withLang(`/regimes/${regimeId}/periods/${period}/consolidation/export?format=xlsx`),
  remind: (regimeId: number, period: string) => call<{ agencies: string[]; notified: number }>("POST", `/regimes/${regimeId}/periods/${period}/reminders`),
  inbox: () => call<Inbox>("GET", "/me/inbox"),
  /** The province at a glance (Sở Nội vụ, the province's leadership); the year defaults to this one. */
  dashboard: (province: string, year: number) => call<Dashboard>("GET", `/provinces/${province}/dashboard${query({ year })}`),
  markRead: (ids: number[]) => call<{ ok: true }>("POST", "/me/notifications/read", { ids }),
};

export const directoryTemplateUrl = (kind: DirectoryKind) => `/api/v1/directory/templates/${kind}`;
