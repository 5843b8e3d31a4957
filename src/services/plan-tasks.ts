/**
 * A plan's tasks with their framework nodes, lead and supporting agencies and measurable indicators:
 * listed for everyone who reads the plan, written by its coordinators while it is a draft, and listed per
 * agency ("my agency's tasks"). Every change is audited with the task before and after.
 */
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor, Tx } from "../db/client.ts";
import { appendAudit } from "../db/repositories/audit.repo.ts";
import { organisations, planTaskAgencies, planTaskIndicators, planTasks, plans, TASK_RECURRENCES } from "../db/schema.ts";
import type { Lang } from "../domain/format.ts";
import { renderIssue } from "../domain/results-import/issues.ts";
import { parseTaskSheet, renderTaskIssue, TASK_COLUMNS, type TaskSheetIssue } from "../domain/task-sheet.ts";
import { indicatorProblems, unknownNodes, type IndicatorInput } from "../domain/tasks.ts";
import { compareVietnamese, foldVietnamese } from "../domain/text.ts";
import { AppError, errorMessage } from "../errors.ts";
import { readSpreadsheet } from "../spreadsheets/read.ts";
import { SheetReadError } from "../spreadsheets/errors.ts";
import type { ExportTable } from "../spreadsheets/write.ts";
import type { Actor } from "./actor.ts";
import { auditBy, authorize, authorizePlanRead } from "./authorize.ts";
import type { Catalog } from "./catalog.ts";

export interface TaskAgencyInput {
  role: "lead" | "support";
  organisationId: number | null;
  /** Required without an organisation (plans older than the organisation list). */
  name?: string | null;
}

export interface TaskInput {
  ref: string | null;
  text: string;
  nodes: string[];
  dueOn: string | null;
  recurrence: (typeof TASK_RECURRENCES)[number] | null;
  output: string | null;
  agencies: TaskAgencyInput[];
  indicators: IndicatorInput[];
}

export interface Task extends Omit<TaskInput, "agencies" | "indicators"> {
  id: number;
  planId: number;
  position: number;
  /** In a sub-plan: the province plan's task it carries out, and that task's numbering ("II.1.a"). */
  inheritedFromTaskId: number | null;
  inheritedRef: string | null;
  agencies: { id: number; role: "lead" | "support"; organisationId: number | null; name: string }[];
  indicators: (IndicatorInput & { id: number; position: number })[];
}

/** Thrown inside a transaction to roll it back (dry run, or errors found while applying). */
class Rollback extends Error {}

export interface TaskImportReport {
  fileName: string;
  dryRun: boolean;
  rows: number;
  created: number;
  items: { row: number; ref: string | null; text: string }[];
}

export function createPlanTaskService(options: { db: Executor; catalog: () => Promise<Catalog>; maxBytes?: number }) {
  const { db } = options;

  async function planOf(executor: Executor, planId: number) {
    const [plan] = await executor.select().from(plans).where(eq(plans.id, planId));
    if (!plan) throw new AppError("plan.not-found", "not-found", { plan: planId });
    return plan;
  }

  async function load(executor: Executor, taskIds: number[]): Promise<Task[]> {
    if (taskIds.length === 0) return [];
    const inherited = alias(planTasks, "inherited");
    const [rows, agencies, indicators] = await Promise.all([
      executor
        .select({ task: planTasks, inheritedRef: inherited.ref })
        .from(planTasks)
        .leftJoin(inherited, eq(inherited.id, planTasks.inheritedFromTaskId))
        .where(inArray(planTasks.id, taskIds))
        .orderBy(asc(planTasks.planId), asc(planTasks.position)),
      executor.select().from(planTaskAgencies).where(inArray(planTaskAgencies.taskId, taskIds)).orderBy(asc(planTaskAgencies.id)),
      executor.select().from(planTaskIndicators).where(inArray(planTaskIndicators.taskId, taskIds)).orderBy(asc(planTaskIndicators.position)),
    ]);
    return rows.map(({ task: row, inheritedRef }) => ({
      id: row.id,
      planId: row.planId,
      position: row.position,
      ref: row.ref,
      text: row.text,
      nodes: row.nodes,
      dueOn: row.dueOn,
      recurrence: row.recurrence,
      output: row.output,
      inheritedFromTaskId: row.inheritedFromTaskId,
      inheritedRef: row.inheritedFromTaskId === null ? null : inheritedRef,
      agencies: agencies.filter((a) => a.taskId === row.id).map(({ taskId: _t, ...a }) => a),
      indicators: indicators
        .filter((i) => i.taskId === row.id)
        .map(({ taskId: _t, ...i }) => i),
    }));
  }

  /** Checks a task against the plan: nodes of its year's framework, agencies of its province, sound indicators. */
  async function check(executor: Executor, plan: typeof plans.$inferSelect, input: TaskInput) {
    const catalog = await options.catalog();
    const unknown = unknownNodes(catalog.version(plan.indexCode, plan.year), input.nodes);
    if (unknown.length > 0) throw new AppError("task.node-unknown", "invalid", { node: unknown.join(", "), year: plan.year });
    const problems = indicatorProblems(input.indicators);
    if (problems.length > 0) throw new AppError(problems[0]!.code, "invalid", { indicator: "indicator" in problems[0]! ? problems[0].indicator : "" });
    const ids = input.agencies.flatMap((a) => (a.organisationId === null ? [] : [a.organisationId]));
    const found = ids.length ? await executor.select().from(organisations).where(inArray(organisations.id, ids)) : [];
    // The plan's province, its successor (a 63-era plan carried on by the new province) or its predecessors.
    const family = new Set(catalog.familyOf(plan.provinceUnitId));
    for (const agency of input.agencies) {
      if (agency.organisationId === null) {
        if (!agency.name?.trim()) throw new AppError("task.agency-unnamed", "invalid");
        continue;
      }
      const org = found.find((o) => o.id === agency.organisationId);
      if (!org) throw new AppError("organisation.not-found", "not-found", { organisation: agency.organisationId });
      if (!family.has(org.provinceUnitId)) throw new AppError("task.agency-other-province", "invalid", { organisation: org.name });
    }
    return new Map(found.map((o) => [o.id, o.name]));
  }

  async function write(tx: Tx, taskId: number, input: TaskInput, names: Map<number, string>) {
    await tx.delete(planTaskAgencies).where(eq(planTaskAgencies.taskId, taskId));
    if (input.agencies.length > 0) {
      await tx.insert(planTaskAgencies).values(
        input.agencies.map((a) => ({
          taskId,
          role: a.role,
          organisationId: a.organisationId,
          name: a.organisationId === null ? a.name!.trim() : names.get(a.organisationId)!,
        })),
      );
    }
    // An indicator keeps its row — and the figures agencies reported against it — by its position: editing
    // a target or a name must not wipe a quarter's reports.
    const existing = await tx.select({ id: planTaskIndicators.id, position: planTaskIndicators.position }).from(planTaskIndicators).where(eq(planTaskIndicators.taskId, taskId));
    const byPosition = new Map(existing.map((e) => [e.position, e.id]));
    const surplus = existing.filter((e) => e.position >= input.indicators.length).map((e) => e.id);
    if (surplus.length > 0) await tx.delete(planTaskIndicators).where(inArray(planTaskIndicators.id, surplus));
    for (const [position, indicator] of input.indicators.entries()) {
      const id = byPosition.get(position);
      if (id === undefined) await tx.insert(planTaskIndicators).values({ ...indicator, taskId, position });
      else await tx.update(planTaskIndicators).set({ ...indicator, position }).where(eq(planTaskIndicators.id, id));
    }
  }

  function editable(actor: Actor, plan: typeof plans.$inferSelect) {
    authorize(actor, "plans.manage", { provinceUnitId: plan.provinceUnitId, organisationId: plan.organisationId });
    if (plan.status !== "draft") throw new AppError("plan.not-draft", "conflict", { number: plan.number ?? String(plan.id) });
  }

  const view = ({ id: _id, ...task }: Task) => task;
  const audit = (actor: Actor, plan: typeof plans.$inferSelect, action: string, key: number, before: Task | null, after: Task | null) =>
    auditBy(actor, {
      action,
      entityType: "task",
      entityKey: String(key),
      before: before ? view(before) : null,
      after: after ? view(after) : null,
      organisationId: plan.organisationId,
      provinceUnitId: plan.provinceUnitId,
    });

  /** The province's current bodies and those of its pre/post-merger family, to match a sheet's agency names. */
  async function agenciesOfFamily(executor: Executor, plan: typeof plans.$inferSelect) {
    const family = (await options.catalog()).familyOf(plan.provinceUnitId);
    return executor.select().from(organisations).where(and(inArray(organisations.provinceUnitId, family), isNull(organisations.endReason)));
  }

  const service = {
    async list(actor: Actor, planId: number): Promise<Task[]> {
      const plan = await planOf(db, planId);
      authorizePlanRead(actor, plan);
      const ids = await db.select({ id: planTasks.id }).from(planTasks).where(eq(planTasks.planId, planId));
      return load(db, ids.map((r) => r.id));
    },

    /**
     * Adds a task at the end of a draft. `inheritedFromTaskId`: the province plan's task a sub-plan's copy carries
     * out; `allowIssued`: seeding an issued plan from its document (demo data).
     */
    async create(actor: Actor, planId: number, input: TaskInput, options: { allowIssued?: boolean; inheritedFromTaskId?: number } = {}): Promise<Task> {
      return db.transaction(async (tx) => {
        const plan = await planOf(tx, planId);
        if (options.allowIssued) authorize(actor, "plans.manage", { provinceUnitId: plan.provinceUnitId });
        else editable(actor, plan);
        const names = await check(tx, plan, input);
        // The next position, read inside the transaction that inserts it.
        const [{ next }] = (await tx
          .select({ next: sql<number>`coalesce(max(${planTasks.position}) + 1, 0)::int` })
          .from(planTasks)
          .where(eq(planTasks.planId, planId))) as [{ next: number }];
        const [row] = await tx
          .insert(planTasks)
          .values({
            planId,
            position: next,
            ref: input.ref,
            text: input.text.trim(),
            nodes: input.nodes,
            dueOn: input.dueOn,
            recurrence: input.recurrence,
            output: input.output,
            inheritedFromTaskId: options.inheritedFromTaskId ?? null,
          })
          .returning({ id: planTasks.id });
        await write(tx, row!.id, input, names);
        const [task] = await load(tx, [row!.id]);
        await appendAudit(tx, [audit(actor, plan, "task.created", row!.id, null, task!)]);
        return task!;
      });
    },

    async update(actor: Actor, taskId: number, input: TaskInput): Promise<Task> {
      return db.transaction(async (tx) => {
        const [before] = await load(tx, [taskId]);
        if (!before) throw new AppError("task.not-found", "not-found", { task: taskId });
        const plan = await planOf(tx, before.planId);
        editable(actor, plan);
        const names = await check(tx, plan, input);
        await tx
          .update(planTasks)
          .set({ ref: input.ref, text: input.text.trim(), nodes: input.nodes, dueOn: input.dueOn, recurrence: input.recurrence, output: input.output })
          .where(eq(planTasks.id, taskId));
        await write(tx, taskId, input, names);
        const [after] = await load(tx, [taskId]);
        await appendAudit(tx, [audit(actor, plan, "task.updated", taskId, before, after!)]);
        return after!;
      });
    },

    async remove(actor: Actor, taskId: number): Promise<void> {
      await db.transaction(async (tx) => {
        const [before] = await load(tx, [taskId]);
        if (!before) throw new AppError("task.not-found", "not-found", { task: taskId });
        const plan = await planOf(tx, before.planId);
        editable(actor, plan);
        await tx.delete(planTasks).where(eq(planTasks.id, taskId));
        await appendAudit(tx, [audit(actor, plan, "task.deleted", taskId, before, null)]);
      });
    },

    /** The bodies a plan's tasks may be assigned to (the assignment matrix's columns), by Vietnamese name. */
    async assignable(actor: Actor, planId: number) {
      const plan = await planOf(db, planId);
      authorizePlanRead(actor, plan);
      const bodies = await agenciesOfFamily(db, plan);
      return bodies
        .map((b) => ({ id: b.id, name: b.name, code: b.code, kind: b.kind }))
        .sort((a, b) => compareVietnamese(a.name, b.name));
    },

    /** The tasks an agency leads or supports, across the plans of its province ("my agency's tasks"). */
    async ofAgency(
      actor: Actor,
      organisationId: number,
    ): Promise<(Task & { planNumber: string | null; planYear: number; planStatus: "draft" | "issued" | "superseded"; planSummary: string })[]> {
      const [org] = await db.select().from(organisations).where(eq(organisations.id, organisationId));
      if (!org) throw new AppError("organisation.not-found", "not-found", { organisation: organisationId });
      // Tasks are part of the province's plans: whoever reads the plans reads who does what.
      authorize(actor, "plans.read", { provinceUnitId: org.provinceUnitId, organisationId });
      // Assignments come from the province's plans; the copies in the agency's own sub-plans are not new ones.
      const rows = await db
        .select({ taskId: planTaskAgencies.taskId })
        .from(planTaskAgencies)
        .innerJoin(planTasks, eq(planTasks.id, planTaskAgencies.taskId))
        .innerJoin(plans, eq(plans.id, planTasks.planId))
        .where(and(eq(planTaskAgencies.organisationId, organisationId), isNull(plans.parentPlanId)));
      const tasks = await load(db, [...new Set(rows.map((r) => r.taskId))]);
      const planRows = tasks.length ? await db.select().from(plans).where(inArray(plans.id, [...new Set(tasks.map((t) => t.planId))])) : [];
      return tasks.map((t) => {
        const plan = planRows.find((p) => p.id === t.planId)!;
        return { ...t, planNumber: plan.number, planYear: plan.year, planStatus: plan.status, planSummary: plan.summary };
      });
    },

    /**
     * Imports the tasks of a sheet into a draft plan, all or nothing: every row error (the sheet's, an
     * agency not in the province's list, a node the plan year lacks …) is reported with its row and
     * column; a dry run does the whole import and rolls it back.
     */
    async importSheet(actor: Actor, planId: number, input: { bytes: Uint8Array; fileName: string; dryRun: boolean; lang: Lang }): Promise<TaskImportReport> {
      const plan = await planOf(db, planId);
      editable(actor, plan);
      const { fileName, lang } = input;
      const fail = (errors: (TaskSheetIssue & { message: string })[]): never => {
        throw new AppError("tasks.invalid-file", "unprocessable", { fileName, count: errors.length }, { fileName, errors });
      };
      let tables;
      try {
        tables = await readSpreadsheet(input.bytes, { maxBytes: options.maxBytes ?? 20 * 1024 * 1024, maxRows: 20_000, maxUnpackedBytes: 100 * 1024 * 1024 });
      } catch (error) {
        if (!(error instanceof SheetReadError)) throw error;
        const issue = renderIssue({ code: error.code, params: error.params, ...(error.row !== undefined ? { row: error.row } : {}) }, lang);
        return fail([{ code: "row.refused", ...(error.row !== undefined ? { row: error.row } : {}), message: issue.message }]);
      }
      const parsed = tables.map((t) => parseTaskSheet(t.rows));
      const chosen = parsed.find((p) => !p.issues.some((i) => i.code === "columns.missing")) ?? parsed[0]!;
      const issues: TaskSheetIssue[] = [...chosen.issues];
      const report: TaskImportReport = { fileName, dryRun: input.dryRun, rows: chosen.tasks.length, created: 0, items: [] };
      if (!issues.some((i) => i.code === "columns.missing")) {
        const bodies = await agenciesOfFamily(db, plan);
        // A plan older than the province's list (no bodies at all) keeps the names as written.
        const byName = bodies.length > 0;
        const match = (text: string) =>
          bodies.find((b) => b.code.toLowerCase() === text.toLowerCase() || foldVietnamese(b.name) === foldVietnamese(text));
        try {
          await (db as Executor).transaction(async (tx) => {
            const scoped = createPlanTaskService({ db: tx, catalog: options.catalog });
            for (const row of chosen.tasks) {
              const agencies: TaskAgencyInput[] = [];
              let unknown = false;
              for (const [role, names, column] of [["lead", row.lead, "Cơ quan chủ trì"], ["support", row.support, "Cơ quan phối hợp"]] as const) {
                for (const name of names) {
                  const body = byName ? match(name) : undefined;
                  if (byName && !body) {
                    issues.push({ code: "agency.unknown", row: row.row, column, value: name, params: { agency: name } });
                    unknown = true;
                  } else agencies.push({ role, organisationId: body?.id ?? null, name });
                }
              }
              if (unknown) continue;
              try {
                await scoped.create(actor, planId, { ref: row.ref, text: row.text, nodes: row.nodes, dueOn: row.dueOn, recurrence: row.recurrence, output: row.output, agencies, indicators: [] });
                report.created += 1;
                report.items.push({ row: row.row, ref: row.ref, text: row.text });
              } catch (error) {
                if (!(error instanceof AppError)) throw error;
                issues.push({ code: "row.refused", row: row.row, params: { message: errorMessage(error.code, error.params, lang) } });
              }
            }
            if (issues.length > 0 || input.dryRun) throw new Rollback();
          });
        } catch (error) {
          if (!(error instanceof Rollback)) throw error;
        }
      }
      if (issues.length > 0) fail(issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)).map((i) => renderTaskIssue(i, lang)));
      return report;
    },

    /** The plan's tasks as the sheet the import reads (so an export, edited, imports back into a draft). */
    async exportTable(actor: Actor, planId: number): Promise<ExportTable> {
      const plan = await planOf(db, planId);
      const tasks = await service.list(actor, planId);
      const recurrence: Record<string, string> = { regular: "Thường xuyên", monthly: "Hằng tháng", quarterly: "Hằng quý", "half-yearly": "Hằng 6 tháng", yearly: "Hằng năm" };
      const names = (t: Task, role: "lead" | "support") => t.agencies.filter((a) => a.role === role).map((a) => a.name).join("; ");
      const day = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
      return {
        sheetName: "Nhiệm vụ",
        title: [`Nhiệm vụ, giải pháp — Kế hoạch ${plan.number ?? "(dự thảo)"}: ${plan.summary}`],
        columns: TASK_COLUMNS.map((c) => ({ key: c.key, header: c.vi, width: c.key === "text" ? 80 : 24 })),
        rows: tasks.map((t) => ({
          ref: t.ref,
          text: t.text,
          nodes: t.nodes.join("; "),
          lead: names(t, "lead"),
          support: names(t, "support"),
          due: t.dueOn ? day(t.dueOn) : t.recurrence ? recurrence[t.recurrence]! : "",
          output: t.output,
        })),
      };
    },
  };
  return service;
}

export type PlanTaskService = ReturnType<typeof createPlanTaskService>;
