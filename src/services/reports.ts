/**
 * Periodic reporting on a plan: its regime (periods, cut-off, deadlines per level, outline, who reports),
 * each agency's report for a period (pre-filled from the previous one, saved with a version check, moved
 * through draft → submitted → approved → accepted with returns and reopening), completeness, the
 * consolidated view and the notifications that tell the next person. Rules live in src/domain
 * (reporting-periods, report-workflow, report-figures, report-timeliness); this file loads, checks scope,
 * stores and audits.
 */
import { createHash } from "node:crypto";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Executor, Tx } from "../db/client.ts";
import { appendAudit } from "../db/repositories/audit.repo.ts";
import {
  agencyReportFigures,
  agencyReports,
  agencyReportTasks,
  notifications,
  organisations,
  planTaskAgencies,
  planTaskIndicators,
  planTasks,
  plans,
  reportEvidence,
  reportingAgencies,
  reportingRegimes,
  roleAssignments,
  TASK_STATUSES,
  users,
} from "../db/schema.ts";
import { allowsOn } from "../domain/access.ts";
import { cleanFileName, sniffEvidence } from "../domain/evidence.ts";
import { isoDateInVietnam, type Lang } from "../domain/format.ts";
import { dimensionOf } from "../domain/frameworks.ts";
import { describeNotification } from "../domain/notifications.ts";
import { consolidateFigures, figureIssues, isEntered, meetsTarget, ratioValue, type FigureRule } from "../domain/report-figures.ts";
import { countCompleteness, timeliness } from "../domain/report-timeliness.ts";
import { actionsFrom, hasBeenSubmitted, isEditable, isReceived, nextStatus, TRANSITIONS, type Audience, type ReportAction, type ReportStatus } from "../domain/report-workflow.ts";
import {
  addDays,
  deadlinesOf,
  DEFAULT_DEADLINE_DAYS,
  parsePeriodKey,
  periodsOfYear,
  previousPeriod,
  PERIOD_KINDS,
  type Period,
  type PeriodKind,
  type ReportLevel,
  type WorkingCalendar,
} from "../domain/reporting-periods.ts";
import { compareVietnamese } from "../domain/text.ts";
import { AppError } from "../errors.ts";
import type { Actor } from "./actor.ts";
import { auditBy, authorize, authorizePlanRead } from "./authorize.ts";
import type { Catalog } from "./catalog.ts";
import { shippedWorkingCalendar } from "./shipped-data.ts";
import { createEvidenceStore, type EvidenceStore } from "./evidence-store.ts";
import type { Mailer } from "./mailer.ts";
import type { ExportTable } from "../spreadsheets/write.ts";

type Regime = typeof reportingRegimes.$inferSelect;
type ReportRow = typeof agencyReports.$inferSelect;
type TaskStatus = (typeof TASK_STATUSES)[number];

export interface RegimeInput {
  periodKinds?: PeriodKind[];
  cutOffDay?: number;
  deadlineDays?: Record<ReportLevel, number>;
  outline?: { key: string; title: string; node: string | null }[];
  /** Who reports; by default every body a task of the plan is assigned to. */
  agencies?: { organisationId: number; level: ReportLevel }[];
}

export interface ReportPatch {
  /** The version the editor loaded: a save over a newer one is refused as a conflict. */
  version: number;
  sections?: Record<string, string>;
  difficulties?: string | null;
  proposals?: string | null;
  nextTasks?: string | null;
  tasks?: { taskId: number; status: TaskStatus; progress: number; narrative: string | null }[];
  figures?: { indicatorId: number; value: number | null }[];
}

const GENERAL = ["difficulties", "proposals", "nextTasks"] as const;

/** "quý III năm 2026", "6 tháng đầu năm 2026", "9 tháng năm 2026", "năm 2026", as report titles say it. */
export function periodLabel(p: Pick<Period, "kind" | "number" | "year">): string {
  const roman = ["I", "II", "III", "IV"];
  switch (p.kind) {
    case "quarter":
      return `quý ${roman[p.number - 1]} năm ${p.year}`;
    case "half-year":
      return `6 tháng đầu năm ${p.year}`;
    case "nine-months":
      return `9 tháng năm ${p.year}`;
    case "year":
      return `năm ${p.year}`;
  }
}

export function createReportService(options: {
  db: Executor;
  catalog: () => Promise<Catalog>;
  calendar?: WorkingCalendar;
  now?: () => Date;
  /** Where evidence files are kept (memory when not given). */
  evidence?: EvidenceStore;
  /** Largest evidence file accepted, in bytes. */
  maxEvidenceBytes?: number;
  /** E-mail for notifications (none without SMTP). */
  mailer?: Mailer | null;
}) {
  const { db } = options;
  const store = options.evidence ?? createEvidenceStore("memory://");
  const maxEvidenceBytes = options.maxEvidenceBytes ?? 20 * 1024 * 1024;
  const now = options.now ?? (() => new Date());
  const calendar = () => options.calendar ?? shippedWorkingCalendar();

  async function planOf(executor: Executor, planId: number) {
    const [plan] = await executor.select().from(plans).where(eq(plans.id, planId));
    if (!plan) throw new AppError("plan.not-found", "not-found", { plan: planId });
    return plan;
  }

  async function regimeOf(executor: Executor, regimeId: number) {
    const [regime] = await executor.select().from(reportingRegimes).where(eq(reportingRegimes.id, regimeId));
    if (!regime) throw new AppError("regime.not-found", "not-found", { regime: regimeId });
    return { regime, plan: await planOf(executor, regime.planId) };
  }

  function periodIn(regime: Regime, plan: typeof plans.$inferSelect, key: string): Period {
    const period = parsePeriodKey(key, regime.cutOffDay);
    if (!period || !regime.periodKinds.includes(period.kind) || period.year !== plan.year) {
      throw new AppError("report.period-unknown", "invalid", { period: key, year: plan.year });
    }
    return period;
  }

  async function agenciesOf(executor: Executor, regimeId: number) {
    const rows = await executor
      .select({ id: organisations.id, name: organisations.name, code: organisations.code, kind: organisations.kind, level: reportingAgencies.level })
      .from(reportingAgencies)
      .innerJoin(organisations, eq(organisations.id, reportingAgencies.organisationId))
      .where(eq(reportingAgencies.regimeId, regimeId));
    return rows.sort((a, b) => compareVietnamese(a.name, b.name));
  }

  const deadlines = (regime: Regime, period: Period) => deadlinesOf(period, regime.deadlineDays, calendar());

  async function regimeView(executor: Executor, regime: Regime) {
    const plan = await planOf(executor, regime.planId);
    const periods = periodsOfYear(plan.year, regime.periodKinds, regime.cutOffDay).map((p) => ({ ...p, deadlines: deadlines(regime, p) }));
    return { regime, planId: plan.id, agencies: await agenciesOf(executor, regime.id), periods };
  }

  /** The plan's tasks an agency leads or supports, with its role, in the plan's order. */
  async function assignedTasks(executor: Executor, planId: number, organisationId: number) {
    const rows = await executor
      .select({ task: planTasks, role: planTaskAgencies.role })
      .from(planTaskAgencies)
      .innerJoin(planTasks, eq(planTasks.id, planTaskAgencies.taskId))
      .where(and(eq(planTasks.planId, planId), eq(planTaskAgencies.organisationId, organisationId)))
      .orderBy(asc(planTasks.position));
    const byTask = new Map<number, { task: typeof planTasks.$inferSelect; role: "lead" | "support" }>();
    for (const r of rows) if (!byTask.has(r.task.id) || r.role === "lead") byTask.set(r.task.id, r);
    return [...byTask.values()];
  }

  /** The indicators of those tasks: the report's figure form (each row is a FigureRule with its target). */
  async function rulesOf(executor: Executor, taskIds: number[]): Promise<(FigureRule & { targetValue: number | null })[]> {
    if (taskIds.length === 0) return [];
    const rows = await executor
      .select()
      .from(planTaskIndicators)
      .where(inArray(planTaskIndicators.taskId, taskIds))
      .orderBy(asc(planTaskIndicators.taskId), asc(planTaskIndicators.position));
    return rows;
  }

  async function reportRow(executor: Executor, reportId: number): Promise<ReportRow> {
    const [row] = await executor.select().from(agencyReports).where(eq(agencyReports.id, reportId));
    if (!row) throw new AppError("report.not-found", "not-found", { report: reportId });
    return row;
  }

  const scopeOf = (plan: typeof plans.$inferSelect, organisationId: number) => ({ provinceUnitId: plan.provinceUnitId, organisationId });

  /** Where an agency's report for a period stands against its deadline (no report yet: null fields). */
  function reportState(report: ReportRow | null, deadline: string, today: string) {
    const sentOn = report?.sentAt ? isoDateInVietnam(report.sentAt) : null;
    return {
      reportId: report?.id ?? null,
      status: report?.status ?? null,
      version: report?.version ?? null,
      firstSubmittedOn: report?.firstSubmittedAt ? isoDateInVietnam(report.firstSubmittedAt) : null,
      sentOn,
      timeliness: timeliness(sentOn, deadline, today),
    };
  }

  /** A report as its page shows it: the period and deadline, each task, each figure, problems, the steps open to the actor. */
  async function view(executor: Executor, actor: Actor, row: ReportRow) {
    const { regime, plan } = await regimeOf(executor, row.regimeId);
    const period = periodIn(regime, plan, row.periodKey);
    const [agency] = await executor.select().from(reportingAgencies).where(and(eq(reportingAgencies.regimeId, regime.id), eq(reportingAgencies.organisationId, row.organisationId)));
    const [organisation] = await executor.select({ id: organisations.id, name: organisations.name, code: organisations.code }).from(organisations).where(eq(organisations.id, row.organisationId));
    const assigned = await assignedTasks(executor, plan.id, row.organisationId);
    const [taskRows, figureRows, rules, evidence] = await Promise.all([
      executor.select().from(agencyReportTasks).where(eq(agencyReportTasks.reportId, row.id)),
      executor.select().from(agencyReportFigures).where(eq(agencyReportFigures.reportId, row.id)),
      rulesOf(executor, assigned.map((a) => a.task.id)),
      executor
        .select({ id: reportEvidence.id, fileName: reportEvidence.fileName, contentType: reportEvidence.contentType, bytes: reportEvidence.bytes, uploadedAt: reportEvidence.uploadedAt })
        .from(reportEvidence)
        .where(eq(reportEvidence.reportId, row.id))
        .orderBy(asc(reportEvidence.id)),
    ]);
    const values = new Map(figureRows.map((f) => [f.indicatorId, f.value]));
    const scope = scopeOf(plan, row.organisationId);
    const may = (action: ReportAction) => !actor.principal || allowsOn(actor.principal, TRANSITIONS[action].permission, scope);
    const level = agency?.level ?? "department";
    return {
      report: row,
      organisation: organisation!,
      plan: { id: plan.id, number: plan.number, summary: plan.summary, year: plan.year },
      period: { ...period, deadline: deadlines(regime, period)[level], level },
      outline: regime.outline,
      tasks: assigned.map(({ task, role }) => {
        const entry = taskRows.find((t) => t.taskId === task.id);
        return {
          task: { id: task.id, ref: task.ref, text: task.text, nodes: task.nodes, dueOn: task.dueOn, recurrence: task.recurrence, role },
          status: entry?.status ?? ("not-started" as TaskStatus),
          progress: entry?.progress ?? 0,
          narrative: entry?.narrative ?? null,
        };
      }),
      figures: rules.map((rule) => ({
        rule,
        taskRef: assigned.find((a) => a.task.id === rule.taskId)?.task.ref ?? null,
        value: isEntered(rule) ? (values.get(rule.id) ?? null) : ratioValue(rule, rules, values),
        computed: !isEntered(rule),
      })),
      issues: figureIssues(rules, values),
      evidence,
      evidenceLimitBytes: maxEvidenceBytes,
      editable: isEditable(row.status) && (!actor.principal || allowsOn(actor.principal, "agency-work.write", scope)),
      actions: actionsFrom(row.status).filter(may),
    };
  }

  /** The people to tell: an agency's officers or leaders, or the coordinators of the plan's province. */
  async function audienceOf(executor: Executor, audience: Audience, plan: typeof plans.$inferSelect, organisationId: number): Promise<number[]> {
    if (audience === "coordinators") {
      const family = (await options.catalog()).familyOf(plan.provinceUnitId);
      const rows = await executor
        .select({ userId: roleAssignments.userId })
        .from(roleAssignments)
        .innerJoin(organisations, eq(organisations.id, roleAssignments.organisationId))
        .innerJoin(users, eq(users.id, roleAssignments.userId))
        .where(and(eq(roleAssignments.role, "coordinator"), inArray(organisations.provinceUnitId, family), isNull(users.disabledAt)));
      return [...new Set(rows.map((r) => r.userId))];
    }
    const role = audience === "agency-officers" ? "officer" : "leader";
    const rows = await executor
      .select({ userId: roleAssignments.userId })
      .from(roleAssignments)
      .innerJoin(users, eq(users.id, roleAssignments.userId))
      .where(and(eq(roleAssignments.role, role), eq(roleAssignments.organisationId, organisationId), isNull(users.disabledAt)));
    return [...new Set(rows.map((r) => r.userId))];
  }

  /** Notifications written in a transaction, e-mailed once it has committed. */
  type Outbox = { userIds: number[]; kind: string; params: Record<string, string | number> }[];

  async function notify(executor: Executor, userIds: number[], kind: string, params: Record<string, string | number>, reportId: number | null, outbox?: Outbox) {
    if (userIds.length === 0) return;
    outbox?.push({ userIds, kind, params });
    const createdAt = now();
    await executor.insert(notifications).values(userIds.map((userId) => ({ userId, kind, params, reportId, createdAt })));
  }

  /** E-mails what was notified, to those with an address, in Vietnamese (the civil servants' language). */
  async function deliver(outbox: Outbox) {
    const mailer = options.mailer;
    if (!mailer || outbox.length === 0) return;
    const ids = [...new Set(outbox.flatMap((o) => o.userIds))];
    const people = await db.select({ id: users.id, email: users.email }).from(users).where(and(inArray(users.id, ids), isNull(users.disabledAt)));
    for (const item of outbox) {
      const text = describeNotification(item.kind, item.params, "vi");
      for (const id of item.userIds) {
        const email = people.find((p) => p.id === id)?.email;
        if (email) await mailer.send({ to: email, subject: `[Chỉ Số] ${text.subject}`, text: text.body });
      }
    }
  }

  /** A new draft for the agency and period, carrying over the previous period's words and figures. */
  async function createDraft(tx: Tx, regime: Regime, plan: typeof plans.$inferSelect, organisationId: number, period: Period, actor: Actor) {
    const previousKey = previousPeriod(period, regime.cutOffDay).key;
    const [previous] = await tx
      .select()
      .from(agencyReports)
      .where(and(eq(agencyReports.regimeId, regime.id), eq(agencyReports.organisationId, organisationId), eq(agencyReports.periodKey, previousKey)));
    // Two people opening the same new report at once get the same one.
    const [created] = await tx
      .insert(agencyReports)
      .values({
        regimeId: regime.id,
        organisationId,
        periodKey: period.key,
        sections: previous?.sections ?? {},
        difficulties: previous?.difficulties ?? null,
        proposals: previous?.proposals ?? null,
        nextTasks: previous?.nextTasks ?? null,
        prefilledFromId: previous?.id ?? null,
        createdAt: now(),
        updatedAt: now(),
      })
      .onConflictDoNothing()
      .returning();
    if (!created) {
      const [existing] = await tx
        .select()
        .from(agencyReports)
        .where(and(eq(agencyReports.regimeId, regime.id), eq(agencyReports.organisationId, organisationId), eq(agencyReports.periodKey, period.key)));
      return existing!;
    }
    if (previous) {
      const assigned = new Set((await assignedTasks(tx, plan.id, organisationId)).map((a) => a.task.id));
      const tasks = (await tx.select().from(agencyReportTasks).where(eq(agencyReportTasks.reportId, previous.id))).filter((t) => assigned.has(t.taskId));
      if (tasks.length) await tx.insert(agencyReportTasks).values(tasks.map((t) => ({ ...t, reportId: created.id })));
      // Stocks carry over (the number of procedures is still 111); flows of the period start empty.
      const rules = await rulesOf(tx, [...assigned]);
      const stocks = new Set(rules.filter((r) => r.aggregation === "latest").map((r) => r.id));
      const figures = (await tx.select().from(agencyReportFigures).where(eq(agencyReportFigures.reportId, previous.id))).filter((f) => stocks.has(f.indicatorId));
      if (figures.length) await tx.insert(agencyReportFigures).values(figures.map((f) => ({ ...f, reportId: created.id })));
    }
    await appendAudit(tx, [
      auditBy(actor, {
        action: "report.created",
        entityType: "report",
        entityKey: String(created.id),
        after: { period: period.key, organisationId, prefilledFrom: previous?.periodKey ?? null },
        organisationId,
        provinceUnitId: plan.provinceUnitId,
      }),
    ]);
    return created;
  }

  const service = {
    /** A plan's regime with its periods and each level's deadlines, or null before one is set. */
    async regime(actor: Actor, planId: number) {
      const plan = await planOf(db, planId);
      authorizePlanRead(actor, plan);
      const [regime] = await db.select().from(reportingRegimes).where(eq(reportingRegimes.planId, planId));
      return regime ? regimeView(db, regime) : null;
    },

    /** Sets (or replaces) a province plan's regime; what is not given takes the defaults of Decree 09 and the plan. */
    async setRegime(actor: Actor, planId: number, input: RegimeInput) {
      return (db as Executor).transaction(async (tx) => {
        const plan = await planOf(tx, planId);
        authorize(actor, "plans.manage", { provinceUnitId: plan.provinceUnitId, organisationId: plan.organisationId });
        if (plan.parentPlanId !== null) throw new AppError("regime.sub-plan", "invalid", { number: plan.number ?? String(plan.id) });
        const catalog = await options.catalog();
        const version = catalog.version(plan.indexCode, plan.year);
        const [before] = await tx.select().from(reportingRegimes).where(eq(reportingRegimes.planId, planId));
        const values = {
          periodKinds: input.periodKinds ?? before?.periodKinds ?? [...PERIOD_KINDS],
          cutOffDay: input.cutOffDay ?? before?.cutOffDay ?? 15,
          deadlineDays: input.deadlineDays ?? before?.deadlineDays ?? DEFAULT_DEADLINE_DAYS,
          outline:
            input.outline ??
            before?.outline ??
            version.dimensions.map((d) => ({ key: d.code, title: d.nameVi, node: d.code as string | null })),
        };
        try {
          periodsOfYear(plan.year, values.periodKinds, values.cutOffDay).forEach((p) => deadlinesOf(p, values.deadlineDays, calendar()));
        } catch (error) {
          if (error instanceof RangeError) throw new AppError("regime.invalid", "invalid", { reason: error.message });
          throw error;
        }
        const [regime] = before
          ? await tx.update(reportingRegimes).set({ ...values, updatedAt: now() }).where(eq(reportingRegimes.id, before.id)).returning()
          : await tx.insert(reportingRegimes).values({ planId, ...values }).returning();
        let agencies = input.agencies;
        if (!agencies && !before) {
          const assigned = await tx
            .selectDistinct({ organisationId: planTaskAgencies.organisationId, kind: organisations.kind })
            .from(planTaskAgencies)
            .innerJoin(planTasks, eq(planTasks.id, planTaskAgencies.taskId))
            .innerJoin(organisations, eq(organisations.id, planTaskAgencies.organisationId))
            .where(eq(planTasks.planId, planId));
          agencies = assigned.map((a) => ({ organisationId: a.organisationId!, level: a.kind === "commune" ? "commune" : "department" }));
        }
        if (agencies) {
          const ids = agencies.map((a) => a.organisationId);
          const found = ids.length ? await tx.select().from(organisations).where(inArray(organisations.id, ids)) : [];
          for (const id of ids) if (!found.some((o) => o.id === id)) throw new AppError("organisation.not-found", "not-found", { organisation: id });
          await tx.delete(reportingAgencies).where(eq(reportingAgencies.regimeId, regime!.id));
          if (agencies.length) await tx.insert(reportingAgencies).values(agencies.map((a) => ({ regimeId: regime!.id, ...a })));
        }
        await appendAudit(tx, [
          auditBy(actor, {
            action: before ? "regime.changed" : "regime.created",
            entityType: "regime",
            entityKey: String(regime!.id),
            before: before ? { periodKinds: before.periodKinds, cutOffDay: before.cutOffDay, deadlineDays: before.deadlineDays } : null,
            after: { planNumber: plan.number, ...values, agencies: agencies?.length },
            provinceUnitId: plan.provinceUnitId,
          }),
        ]);
        return regimeView(tx, regime!);
      });
    },

    /** The agency's report for a period: the existing one, or a new draft pre-filled from the previous period. */
    async open(actor: Actor, regimeId: number, organisationId: number, periodKey: string) {
      return (db as Executor).transaction(async (tx) => {
        const { regime, plan } = await regimeOf(tx, regimeId);
        const period = periodIn(regime, plan, periodKey);
        const [member] = await tx.select().from(reportingAgencies).where(and(eq(reportingAgencies.regimeId, regimeId), eq(reportingAgencies.organisationId, organisationId)));
        if (!member) throw new AppError("report.agency-not-reporting", "invalid", { organisation: organisationId });
        authorize(actor, "agency-work.write", scopeOf(plan, organisationId));
        const row = await createDraft(tx, regime, plan, organisationId, period, actor);
        return view(tx, actor, row);
      });
    },

    async get(actor: Actor, reportId: number) {
      const row = await reportRow(db, reportId);
      const { plan } = await regimeOf(db, row.regimeId);
      authorize(actor, "agency-work.read", scopeOf(plan, row.organisationId));
      return view(db, actor, row);
    },

    /**
     * Saves what changed, only over the version the editor loaded: a save based on an older version is a
     * conflict (409 with the current report), never a silent overwrite. Figures are kept even with problems
     * (an officer fills in several sittings); submitting requires none.
     */
    async save(actor: Actor, reportId: number, patch: ReportPatch) {
      return (db as Executor).transaction(async (tx) => {
        const row = await reportRow(tx, reportId);
        const { plan } = await regimeOf(tx, row.regimeId);
        authorize(actor, "agency-work.write", scopeOf(plan, row.organisationId));
        if (!isEditable(row.status)) throw new AppError("report.locked", "conflict", { status: row.status });
        const assigned = new Set((await assignedTasks(tx, plan.id, row.organisationId)).map((a) => a.task.id));
        for (const t of patch.tasks ?? []) if (!assigned.has(t.taskId)) throw new AppError("report.task-not-assigned", "invalid", { task: t.taskId });
        const rules = await rulesOf(tx, [...assigned]);
        for (const f of patch.figures ?? []) {
          const rule = rules.find((r) => r.id === f.indicatorId);
          if (!rule) throw new AppError("report.indicator-unknown", "invalid", { indicator: f.indicatorId });
          if (!isEntered(rule)) throw new AppError("report.indicator-computed", "invalid", { indicator: rule.name });
        }
        const general = Object.fromEntries(GENERAL.filter((k) => patch[k] !== undefined).map((k) => [k, patch[k]]));
        const [updated] = await tx
          .update(agencyReports)
          .set({ ...general, ...(patch.sections ? { sections: patch.sections } : {}), version: sql`${agencyReports.version} + 1`, updatedAt: now() })
          .where(and(eq(agencyReports.id, reportId), eq(agencyReports.version, patch.version)))
          .returning();
        if (!updated) throw new AppError("report.conflict", "conflict", { version: row.version, yours: patch.version }, { current: await view(tx, actor, row) });
        for (const t of patch.tasks ?? []) {
          await tx
            .insert(agencyReportTasks)
            .values({ reportId, ...t })
            .onConflictDoUpdate({ target: [agencyReportTasks.reportId, agencyReportTasks.taskId], set: { status: t.status, progress: t.progress, narrative: t.narrative } });
        }
        for (const f of patch.figures ?? []) {
          await tx
            .insert(agencyReportFigures)
            .values({ reportId, indicatorId: f.indicatorId, value: f.value })
            .onConflictDoUpdate({ target: [agencyReportFigures.reportId, agencyReportFigures.indicatorId], set: { value: f.value } });
        }
        await appendAudit(tx, [
          auditBy(actor, {
            action: "report.saved",
            entityType: "report",
            entityKey: String(reportId),
            before: { version: row.version },
            after: { version: updated.version, period: row.periodKey, changed: Object.keys(patch).filter((k) => k !== "version"), tasks: patch.tasks, figures: patch.figures },
            organisationId: row.organisationId,
            provinceUnitId: plan.provinceUnitId,
          }),
        ]);
        return view(tx, actor, updated);
      });
    },

    /** One step of the workflow, by whoever the table allows, telling the next people; submitting needs sound figures. */
    async act(actor: Actor, reportId: number, action: ReportAction, input: { version: number; reason?: string | null }) {
      const outbox: Outbox = [];
      const result = await (db as Executor).transaction(async (tx) => {
        const row = await reportRow(tx, reportId);
        const { plan } = await regimeOf(tx, row.regimeId);
        const transition = TRANSITIONS[action];
        authorize(actor, transition.permission, scopeOf(plan, row.organisationId));
        const next = nextStatus(row.status, action, input.reason);
        if (typeof next !== "string") {
          throw new AppError(next.code, next.code === "report.wrong-state" ? "conflict" : "invalid", { action, status: row.status });
        }
        if (action === "submit") {
          const current = await view(tx, actor, row);
          if (current.issues.length > 0) throw new AppError("report.figures-invalid", "unprocessable", { count: current.issues.length }, { issues: current.issues });
        }
        const at = now();
        const who = actor.principal?.userId ?? null;
        const stamp: Partial<typeof agencyReports.$inferInsert> =
          action === "submit"
            ? { submittedAt: at, submittedBy: who, ...(row.firstSubmittedAt ? {} : { firstSubmittedAt: at }) }
            : action === "approve"
              ? { approvedAt: at, approvedBy: who, ...(row.sentAt ? {} : { sentAt: at }) }
              : action === "accept"
                ? { acceptedAt: at, acceptedBy: who }
                : { returnedAt: at, returnedBy: who, returnReason: input.reason!.trim() };
        const [updated] = await tx
          .update(agencyReports)
          .set({ ...stamp, status: next, version: sql`${agencyReports.version} + 1`, updatedAt: at })
          .where(and(eq(agencyReports.id, reportId), eq(agencyReports.version, input.version)))
          .returning();
        if (!updated) throw new AppError("report.conflict", "conflict", { version: row.version, yours: input.version }, { current: await view(tx, actor, row) });
        const [organisation] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, row.organisationId));
        const params = { agency: organisation!.name, period: row.periodKey, action, ...(input.reason ? { reason: input.reason.trim() } : {}) };
        for (const audience of transition.notify) {
          const people = (await audienceOf(tx, audience, plan, row.organisationId)).filter((id) => id !== who);
          await notify(tx, people, `report.${action}`, params, reportId, outbox);
        }
        await appendAudit(tx, [
          auditBy(actor, {
            action: `report.${action}`,
            entityType: "report",
            entityKey: String(reportId),
            before: { status: row.status },
            after: { status: next, period: row.periodKey, ...(input.reason ? { reason: input.reason.trim() } : {}) },
            organisationId: row.organisationId,
            provinceUnitId: plan.provinceUnitId,
          }),
        ]);
        return view(tx, actor, updated);
      });
      await deliver(outbox);
      return result;
    },

    /**
     * Attaches an evidence file to a draft or returned report: what it is is read from its bytes (PDF, Word,
     * Excel, PNG, JPEG), never from its name; the bytes are stored under their SHA-256 before the row is written.
     */
    async addEvidence(actor: Actor, reportId: number, input: { bytes: Uint8Array; fileName: string }) {
      const row = await reportRow(db, reportId);
      const { plan } = await regimeOf(db, row.regimeId);
      authorize(actor, "agency-work.write", scopeOf(plan, row.organisationId));
      if (!isEditable(row.status)) throw new AppError("report.locked", "conflict", { status: row.status });
      if (input.bytes.length > maxEvidenceBytes) throw new AppError("upload.too-large", "too-large", { limitMb: Math.round(maxEvidenceBytes / 1024 / 1024) });
      const sniffed = sniffEvidence(input.bytes);
      if (!sniffed.ok) throw new AppError("evidence.type-refused", "unsupported", { fileName: input.fileName, looksLike: sniffed.looksLike });
      const sha256 = createHash("sha256").update(input.bytes).digest("hex");
      await store.put(sha256, input.bytes);
      return (db as Executor).transaction(async (tx) => {
        const [created] = await tx
          .insert(reportEvidence)
          .values({ reportId, fileName: cleanFileName(input.fileName, sniffed.kind), contentType: sniffed.contentType, bytes: input.bytes.length, sha256, uploadedBy: actor.principal?.userId ?? null, uploadedAt: now() })
          .returning();
        await appendAudit(tx, [
          auditBy(actor, {
            action: "report.evidence-added",
            entityType: "report",
            entityKey: String(reportId),
            after: { evidence: created!.id, fileName: created!.fileName, contentType: created!.contentType, bytes: created!.bytes, sha256 },
            organisationId: row.organisationId,
            provinceUnitId: plan.provinceUnitId,
          }),
        ]);
        return { id: created!.id, fileName: created!.fileName, contentType: created!.contentType, bytes: created!.bytes, uploadedAt: created!.uploadedAt };
      });
    },

    /** An evidence file's bytes, checked against their SHA-256, for whoever may read the report. */
    async evidenceFile(actor: Actor, reportId: number, evidenceId: number) {
      const row = await reportRow(db, reportId);
      const { plan } = await regimeOf(db, row.regimeId);
      authorize(actor, "agency-work.read", scopeOf(plan, row.organisationId));
      const [file] = await db.select().from(reportEvidence).where(and(eq(reportEvidence.id, evidenceId), eq(reportEvidence.reportId, reportId)));
      if (!file) throw new AppError("evidence.not-found", "not-found", { evidence: evidenceId });
      const bytes = await store.get(file.sha256);
      if (createHash("sha256").update(bytes).digest("hex") !== file.sha256) throw new Error(`evidence ${file.id} does not match its checksum`);
      return { fileName: file.fileName, contentType: file.contentType, bytes };
    },

    async removeEvidence(actor: Actor, reportId: number, evidenceId: number) {
      const row = await reportRow(db, reportId);
      const { plan } = await regimeOf(db, row.regimeId);
      authorize(actor, "agency-work.write", scopeOf(plan, row.organisationId));
      if (!isEditable(row.status)) throw new AppError("report.locked", "conflict", { status: row.status });
      const removed = await (db as Executor).transaction(async (tx) => {
        const [file] = await tx.delete(reportEvidence).where(and(eq(reportEvidence.id, evidenceId), eq(reportEvidence.reportId, reportId))).returning();
        if (!file) throw new AppError("evidence.not-found", "not-found", { evidence: evidenceId });
        await appendAudit(tx, [
          auditBy(actor, {
            action: "report.evidence-removed",
            entityType: "report",
            entityKey: String(reportId),
            before: { evidence: file.id, fileName: file.fileName, sha256: file.sha256 },
            organisationId: row.organisationId,
            provinceUnitId: plan.provinceUnitId,
          }),
        ]);
        const [still] = await tx.select({ id: reportEvidence.id }).from(reportEvidence).where(eq(reportEvidence.sha256, file.sha256)).limit(1);
        return still ? null : file.sha256;
      });
      // The same file may be attached elsewhere: its bytes go only with the last reference.
      if (removed) await store.remove(removed);
    },

    /** One agency's reports across the regime's periods, read only: nothing is created by looking. */
    async reportsOf(actor: Actor, regimeId: number, organisationId: number) {
      const { regime, plan } = await regimeOf(db, regimeId);
      authorize(actor, "agency-work.read", scopeOf(plan, organisationId));
      const [agency] = (await agenciesOf(db, regimeId)).filter((a) => a.id === organisationId);
      if (!agency) throw new AppError("report.agency-not-reporting", "not-found", { organisation: organisationId });
      const today = isoDateInVietnam(now());
      const reports = await db.select().from(agencyReports).where(and(eq(agencyReports.regimeId, regimeId), eq(agencyReports.organisationId, organisationId)));
      return {
        organisation: { id: agency.id, name: agency.name, code: agency.code },
        level: agency.level,
        periods: periodsOfYear(plan.year, regime.periodKinds, regime.cutOffDay).map((period) => {
          const deadline = deadlines(regime, period)[agency.level];
          return { ...period, deadline, ...reportState(reports.find((r) => r.periodKey === period.key) ?? null, deadline, today) };
        }),
      };
    },

    /** For one period: each agency expected, its report's state, on time or late against its level's deadline. */
    async completeness(actor: Actor, regimeId: number, periodKey: string) {
      const { regime, plan } = await regimeOf(db, regimeId);
      authorize(actor, "agency-work.read", { provinceUnitId: plan.provinceUnitId });
      const period = periodIn(regime, plan, periodKey);
      const due = deadlines(regime, period);
      const today = isoDateInVietnam(now());
      const agencies = await agenciesOf(db, regimeId);
      const reports = await db.select().from(agencyReports).where(and(eq(agencyReports.regimeId, regimeId), eq(agencyReports.periodKey, period.key)));
      const rows = agencies.map((agency) => {
        const report = reports.find((r) => r.organisationId === agency.id) ?? null;
        const { reportId, status, firstSubmittedOn, sentOn, timeliness } = reportState(report, due[agency.level], today);
        return {
          organisation: { id: agency.id, name: agency.name, code: agency.code },
          level: agency.level,
          deadline: due[agency.level],
          status,
          reportId,
          firstSubmittedOn,
          sentOn,
          timeliness,
        };
      });
      const received = reports.filter((r) => isReceived(r.status));
      const overdue = received.length
        ? await db
            .select({ taskId: planTasks.id, ref: planTasks.ref, text: planTasks.text, reportId: agencyReportTasks.reportId, progress: agencyReportTasks.progress })
            .from(agencyReportTasks)
            .innerJoin(planTasks, eq(planTasks.id, agencyReportTasks.taskId))
            .where(and(inArray(agencyReportTasks.reportId, received.map((r) => r.id)), eq(agencyReportTasks.status, "overdue")))
            .orderBy(asc(planTasks.position))
        : [];
      const agencyOfReport = (reportId: number) => agencies.find((a) => a.id === reports.find((r) => r.id === reportId)?.organisationId)?.name ?? "";
      return {
        period: { ...period, deadlines: due },
        today,
        counts: countCompleteness(rows),
        agencies: rows,
        overdueTasks: overdue.map((o) => ({ taskId: o.taskId, ref: o.ref, text: o.text, organisation: agencyOfReport(o.reportId), progress: o.progress })),
      };
    },

    /** The whole year at a glance: agencies × periods, each cell the report's state and timeliness. */
    async matrix(actor: Actor, regimeId: number) {
      const { regime, plan } = await regimeOf(db, regimeId);
      authorize(actor, "agency-work.read", { provinceUnitId: plan.provinceUnitId });
      const today = isoDateInVietnam(now());
      const periods = periodsOfYear(plan.year, regime.periodKinds, regime.cutOffDay).map((p) => ({ ...p, deadlines: deadlines(regime, p) }));
      const agencies = await agenciesOf(db, regimeId);
      const reports = await db.select().from(agencyReports).where(eq(agencyReports.regimeId, regimeId));
      return {
        today,
        periods,
        agencies: agencies.map((agency) => ({
          organisation: { id: agency.id, name: agency.name, code: agency.code },
          level: agency.level,
          cells: periods.map((period) => {
            const report = reports.find((r) => r.organisationId === agency.id && r.periodKey === period.key) ?? null;
            const { reportId, status, timeliness } = reportState(report, period.deadlines[agency.level], today);
            return { period: period.key, reportId, status, timeliness };
          }),
        })),
      };
    },

    /**
     * A period's reports gathered for the province: figures by their rule across agencies, narratives by
     * outline heading with their agency, task progress per dimension, and who is missing.
     */
    async consolidate(actor: Actor, regimeId: number, periodKey: string, lang: Lang = "vi") {
      const { regime, plan } = await regimeOf(db, regimeId);
      authorize(actor, "agency-work.read", { provinceUnitId: plan.provinceUnitId });
      const period = periodIn(regime, plan, periodKey);
      const agencies = await agenciesOf(db, regimeId);
      const reports = (await db.select().from(agencyReports).where(and(eq(agencyReports.regimeId, regimeId), eq(agencyReports.periodKey, period.key)))).filter((r) =>
        isReceived(r.status),
      );
      const ids = reports.map((r) => r.id);
      const [taskRows, figureRows, tasks] = await Promise.all([
        ids.length ? db.select().from(agencyReportTasks).where(inArray(agencyReportTasks.reportId, ids)) : [],
        ids.length ? db.select().from(agencyReportFigures).where(inArray(agencyReportFigures.reportId, ids)) : [],
        db.select().from(planTasks).where(eq(planTasks.planId, plan.id)).orderBy(asc(planTasks.position)),
      ]);
      const rules = await rulesOf(db, tasks.map((t) => t.id));
      const name = new Map(agencies.map((a) => [a.id, a.name]));
      // A figure is expected from the reporting agencies its task is assigned to, not from every agency.
      const reporting = new Set(agencies.map((a) => a.id));
      const assignments = tasks.length
        ? await db.select({ taskId: planTaskAgencies.taskId, organisationId: planTaskAgencies.organisationId }).from(planTaskAgencies).where(inArray(planTaskAgencies.taskId, tasks.map((t) => t.id)))
        : [];
      const expectedByTask = new Map<number, number[]>();
      for (const a of assignments) {
        if (a.organisationId === null || !reporting.has(a.organisationId)) continue;
        const list = expectedByTask.get(a.taskId) ?? [];
        if (!list.includes(a.organisationId)) list.push(a.organisationId);
        expectedByTask.set(a.taskId, list);
      }
      const figures = consolidateFigures(
        rules,
        reports.map((r) => ({ organisationId: r.organisationId, values: new Map(figureRows.filter((f) => f.reportId === r.id).map((f) => [f.indicatorId, f.value])) })),
        expectedByTask,
      ).map((c) => {
        const rule = rules.find((r) => r.id === c.indicatorId)!;
        return { ...c, name: rule.name, unit: rule.unit, aggregation: rule.aggregation, valueType: rule.valueType, targetValue: rule.targetValue, targetMet: meetsTarget(rule, c.value), taskRef: tasks.find((t) => t.id === rule.taskId)?.ref ?? null, missing: c.missing.map((id) => name.get(id)!) };
      });
      const narratives = regime.outline.map((heading) => ({
        ...heading,
        entries: reports
          .filter((r) => r.sections[heading.key]?.trim())
          .map((r) => ({ organisation: name.get(r.organisationId) ?? "", status: r.status, text: r.sections[heading.key]!.trim() }))
          .sort((a, b) => compareVietnamese(a.organisation, b.organisation)),
      }));
      const version = (await options.catalog()).version(plan.indexCode, plan.year);
      const progress = version.dimensions.map((d) => {
        const serving = tasks.filter((t) => t.nodes.some((n) => dimensionOf(version, n) === d.code)).map((t) => t.id);
        const entries = taskRows.filter((t) => serving.includes(t.taskId));
        const count = (status: TaskStatus) => entries.filter((e) => e.status === status).length;
        return {
          node: d.code,
          name: lang === "en" ? d.nameEn : d.nameVi,
          tasks: serving.length,
          reports: entries.length,
          done: count("done"),
          inProgress: count("in-progress"),
          notStarted: count("not-started"),
          overdue: count("overdue"),
          overdueTaskIds: [...new Set(entries.filter((e) => e.status === "overdue").map((e) => e.taskId))],
          averageProgress: entries.length ? entries.reduce((s, e) => s + e.progress, 0) / entries.length : null,
        };
      });
      const reported = new Set(reports.map((r) => r.organisationId));
      return {
        planId: plan.id,
        period,
        reports: reports.length,
        expected: agencies.length,
        missing: agencies.filter((a) => !reported.has(a.id)).map((a) => a.name),
        notYetAccepted: reports.filter((r) => r.status !== "accepted").map((r) => name.get(r.organisationId) ?? ""),
        figures,
        narratives,
        progress,
        proposals: reports
          .filter((r) => r.proposals?.trim())
          .map((r) => ({ organisation: name.get(r.organisationId) ?? "", text: r.proposals!.trim() }))
          .sort((a, b) => compareVietnamese(a.organisation, b.organisation)),
      };
    },

    /**
     * The consolidated view as one sheet a Sở Nội vụ officer pastes from: the figures (with who has not
     * reported), progress per dimension, then every narrative under its heading with its agency.
     */
    async consolidationTable(actor: Actor, regimeId: number, periodKey: string): Promise<ExportTable> {
      const c = await service.consolidate(actor, regimeId, periodKey);
      const { plan } = await regimeOf(db, regimeId);
      const number = (value: number | null, aggregation?: string) =>
        value === null ? null : aggregation === "ratio" ? Math.round(value * 1000) / 10 : Math.round(value * 100) / 100;
      return {
        sheetName: "Tổng hợp",
        title: [
          `Tổng hợp báo cáo ${periodLabel(c.period)} — Kế hoạch ${plan.number ?? "(dự thảo)"}: ${plan.summary}`,
          `${c.reports}/${c.expected} cơ quan đã gửi${c.missing.length ? `; chưa gửi: ${c.missing.join(", ")}` : ""}`,
        ],
        columns: [
          { key: "section", header: "Phần", width: 14 },
          { key: "item", header: "Nội dung", width: 48 },
          { key: "agency", header: "Cơ quan", width: 28 },
          { key: "value", header: "Giá trị", width: 60 },
          { key: "unit", header: "Đơn vị", width: 12 },
          { key: "note", header: "Ghi chú", width: 40 },
        ],
        rows: [
          ...c.figures.map((f) => ({
            section: "Số liệu",
            item: f.taskRef ? `${f.taskRef} · ${f.name}` : f.name,
            agency: `${f.reported.length} cơ quan`,
            value: number(f.value, f.aggregation),
            unit: f.aggregation === "ratio" ? "%" : f.unit,
            note: f.missing.length ? `Chưa báo cáo: ${f.missing.join(", ")}` : null,
          })),
          ...c.progress
            .filter((p) => p.tasks > 0)
            .map((p) => ({
              section: "Tiến độ",
              item: `${p.node} · ${p.name}`,
              agency: `${p.reports} báo cáo`,
              value: p.averageProgress === null ? null : Math.round(p.averageProgress),
              unit: "%",
              note: `Hoàn thành ${p.done}, đang thực hiện ${p.inProgress}, chưa bắt đầu ${p.notStarted}, quá hạn ${p.overdue}`,
            })),
          ...c.narratives.flatMap((n) => n.entries.map((e) => ({ section: "Kết quả", item: n.title, agency: e.organisation, value: e.text, unit: null, note: null }))),
        ],
      };
    },

    /**
     * Reminds the agencies that have not sent their report for a period (never those who have): their
     * officers and leaders, once a day at most each.
     */
    async remind(actor: Actor, regimeId: number, periodKey: string) {
      const { plan } = await regimeOf(db, regimeId);
      authorize(actor, "reports.review", { provinceUnitId: plan.provinceUnitId });
      const completeness = await service.completeness(actor, regimeId, periodKey);
      const today = completeness.today;
      const waiting = completeness.agencies.filter((a) => a.timeliness === "pending" || a.timeliness === "missing");
      let notified = 0;
      const outbox: Outbox = [];
      await (db as Executor).transaction(async (tx) => {
        for (const agency of waiting) {
          const people = [
            ...(await audienceOf(tx, "agency-officers", plan, agency.organisation.id)),
            ...(await audienceOf(tx, "agency-leaders", plan, agency.organisation.id)),
          ];
          const already = people.length
            ? await tx
                .select({ userId: notifications.userId })
                .from(notifications)
                .where(
                  and(
                    inArray(notifications.userId, people),
                    eq(notifications.kind, "report.reminder"),
                    sql`${notifications.params}->>'period' = ${periodKey} and ${notifications.params}->>'regime' = ${String(regimeId)} and (${notifications.createdAt} at time zone 'Asia/Ho_Chi_Minh')::date = ${today}::date`,
                  ),
                )
            : [];
          const fresh = [...new Set(people)].filter((id) => !already.some((a) => a.userId === id));
          await notify(
            tx,
            fresh,
            "report.reminder",
            {
              agency: agency.organisation.name,
              organisationId: agency.organisation.id,
              period: periodKey,
              deadline: agency.deadline,
              regime: String(regimeId),
              overdue: agency.timeliness === "missing" ? 1 : 0,
            },
            agency.reportId,
            outbox,
          );
          notified += fresh.length;
        }
        await appendAudit(tx, [
          auditBy(actor, { action: "report.reminders-sent", entityType: "regime", entityKey: String(regimeId), after: { period: periodKey, agencies: waiting.length, people: notified }, provinceUnitId: plan.provinceUnitId }),
        ]);
      });
      await deliver(outbox);
      return { agencies: waiting.map((a) => a.organisation.name), notified };
    },

    /** What waits for the signed-in person: returned reports, reports to approve or review, unread notifications. */
    async inbox(actor: Actor) {
      const principal = actor.principal;
      if (!principal) return { due: [], returned: [], toApprove: [], toReview: [], notifications: [] };
      const agencyIds = principal.grants.flatMap((g) => (g.organisationId !== null && (g.role === "officer" || g.role === "leader") ? [g.organisationId] : []));
      const leaderIds = principal.grants.flatMap((g) => (g.role === "leader" && g.organisationId !== null ? [g.organisationId] : []));
      const reviewer = principal.grants.filter((g) => g.role === "coordinator" || g.role === "admin");
      const list = async (where: ReturnType<typeof and>) =>
        (
          await db
          .select({
            id: agencyReports.id,
            periodKey: agencyReports.periodKey,
            status: agencyReports.status,
            organisationId: agencyReports.organisationId,
            organisation: organisations.name,
            returnReason: agencyReports.returnReason,
            updatedAt: agencyReports.updatedAt,
            provinceUnitId: plans.provinceUnitId,
            planId: plans.id,
            planNumber: plans.number,
            regime: reportingRegimes,
            level: reportingAgencies.level,
          })
          .from(agencyReports)
          .innerJoin(organisations, eq(organisations.id, agencyReports.organisationId))
          .innerJoin(reportingRegimes, eq(reportingRegimes.id, agencyReports.regimeId))
          .innerJoin(plans, eq(plans.id, reportingRegimes.planId))
          .leftJoin(reportingAgencies, and(eq(reportingAgencies.regimeId, agencyReports.regimeId), eq(reportingAgencies.organisationId, agencyReports.organisationId)))
          .where(where)
          .orderBy(asc(agencyReports.updatedAt))
        ).map(({ regime, level, ...item }) => {
          // The agency's deadline for the period, so a queue can put the most pressing first.
          const period = parsePeriodKey(item.periodKey, regime.cutOffDay);
          return { ...item, deadline: period ? deadlines(regime, period)[level ?? "department"] : null };
        });
      const returned = agencyIds.length ? await list(and(inArray(agencyReports.organisationId, agencyIds), eq(agencyReports.status, "returned"))) : [];
      const toApprove = leaderIds.length ? await list(and(inArray(agencyReports.organisationId, leaderIds), eq(agencyReports.status, "submitted"))) : [];
      const toReview = reviewer.length
        ? (await list(eq(agencyReports.status, "approved"))).filter((r) => allowsOn(principal, "reports.review", { provinceUnitId: r.provinceUnitId, organisationId: r.organisationId }))
        : [];
      // Due: the periods of the regimes the person's agencies report under, due within a week or overdue, not yet sent.
      const today = isoDateInVietnam(now());
      const horizon = addDays(today, 7);
      const memberships = agencyIds.length
        ? await db
            .select({ regime: reportingRegimes, level: reportingAgencies.level, organisationId: reportingAgencies.organisationId, organisation: organisations.name, plan: plans })
            .from(reportingAgencies)
            .innerJoin(reportingRegimes, eq(reportingRegimes.id, reportingAgencies.regimeId))
            .innerJoin(plans, eq(plans.id, reportingRegimes.planId))
            .innerJoin(organisations, eq(organisations.id, reportingAgencies.organisationId))
            .where(and(inArray(reportingAgencies.organisationId, agencyIds), eq(plans.status, "issued")))
        : [];
      const sent = memberships.length
        ? await db
            .select({ regimeId: agencyReports.regimeId, organisationId: agencyReports.organisationId, periodKey: agencyReports.periodKey, status: agencyReports.status, id: agencyReports.id })
            .from(agencyReports)
            .where(inArray(agencyReports.regimeId, [...new Set(memberships.map((m) => m.regime.id))]))
        : [];
      const due = memberships.flatMap((m) =>
        periodsOfYear(m.plan.year, m.regime.periodKinds, m.regime.cutOffDay).flatMap((period) => {
          const deadline = deadlines(m.regime, period)[m.level];
          const report = sent.find((r) => r.regimeId === m.regime.id && r.organisationId === m.organisationId && r.periodKey === period.key);
          if (deadline > horizon || (report && hasBeenSubmitted(report.status))) return [];
          // A window not yet closed is not due; an overdue one stays listed until it is sent.
          if (period.to > horizon) return [];
          return [{ regimeId: m.regime.id, planNumber: m.plan.number, organisationId: m.organisationId, organisation: m.organisation, period: period.key, deadline, overdue: deadline < today, reportId: report?.id ?? null }];
        }),
      );
      due.sort((a, b) => a.deadline.localeCompare(b.deadline) || compareVietnamese(a.organisation, b.organisation));
      const unread = await db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, principal.userId), isNull(notifications.readAt)))
        .orderBy(sql`${notifications.createdAt} desc`)
        .limit(50);
      return { due, returned, toApprove, toReview, notifications: unread };
    },

    async markRead(actor: Actor, ids: number[]) {
      if (!actor.principal || ids.length === 0) return;
      await db
        .update(notifications)
        .set({ readAt: now() })
        .where(and(eq(notifications.userId, actor.principal.userId), inArray(notifications.id, ids), isNull(notifications.readAt)));
    },
  };
  return service;
}

export type ReportService = ReturnType<typeof createReportService>;

export type { ReportStatus };
