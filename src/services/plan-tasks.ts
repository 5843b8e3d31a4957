/**
 * A plan's tasks with their framework nodes, lead and supporting agencies and measurable indicators:
 * listed for everyone who reads the plan, written by its coordinators while it is a draft, and listed per
 * agency ("my agency's tasks"). Every change is audited with the task before and after.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Executor, Tx } from "../db/client.ts";
import { appendAudit } from "../db/repositories/audit.repo.ts";
import { organisations, planTaskAgencies, planTaskIndicators, planTasks, plans, TASK_RECURRENCES } from "../db/schema.ts";
import { indicatorProblems, unknownNodes, type IndicatorInput } from "../domain/tasks.ts";
import { AppError } from "../errors.ts";
import type { Actor } from "./actor.ts";
import { auditBy, authorize } from "./authorize.ts";
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
  agencies: { id: number; role: "lead" | "support"; organisationId: number | null; name: string }[];
  indicators: (IndicatorInput & { id: number; position: number })[];
}

export function createPlanTaskService(options: { db: Executor; catalog: () => Promise<Catalog> }) {
  const { db } = options;

  async function planOf(executor: Executor, planId: number) {
    const [plan] = await executor.select().from(plans).where(eq(plans.id, planId));
    if (!plan) throw new AppError("plan.not-found", "not-found", { plan: planId });
    return plan;
  }

  async function load(executor: Executor, taskIds: number[]): Promise<Task[]> {
    if (taskIds.length === 0) return [];
    const [rows, agencies, indicators] = await Promise.all([
      executor.select().from(planTasks).where(inArray(planTasks.id, taskIds)).orderBy(asc(planTasks.planId), asc(planTasks.position)),
      executor.select().from(planTaskAgencies).where(inArray(planTaskAgencies.taskId, taskIds)).orderBy(asc(planTaskAgencies.id)),
      executor.select().from(planTaskIndicators).where(inArray(planTaskIndicators.taskId, taskIds)).orderBy(asc(planTaskIndicators.position)),
    ]);
    return rows.map((row) => ({
      id: row.id,
      planId: row.planId,
      position: row.position,
      ref: row.ref,
      text: row.text,
      nodes: row.nodes,
      dueOn: row.dueOn,
      recurrence: row.recurrence,
      output: row.output,
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
    const province = catalog.provinceOfId(plan.provinceUnitId);
    const family = new Set([plan.provinceUnitId]);
    if (province?.set === "vn63") {
      const successor = catalog.successorOf(province.code);
      if (successor) family.add(successor.id);
    } else if (province) for (const p of catalog.predecessorsOf(province.code)) family.add(p.id);
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
    await tx.delete(planTaskIndicators).where(eq(planTaskIndicators.taskId, taskId));
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
    if (input.indicators.length > 0) {
      await tx.insert(planTaskIndicators).values(input.indicators.map((i, position) => ({ ...i, taskId, position })));
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

  return {
    async list(actor: Actor, planId: number): Promise<Task[]> {
      const plan = await planOf(db, planId);
      authorize(actor, "plans.read", { provinceUnitId: plan.provinceUnitId, organisationId: plan.organisationId });
      const ids = await db.select({ id: planTasks.id }).from(planTasks).where(eq(planTasks.planId, planId));
      return load(db, ids.map((r) => r.id));
    },

    async create(actor: Actor, planId: number, input: TaskInput, options: { allowIssued?: boolean } = {}): Promise<Task> {
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
          .values({ planId, position: next, ref: input.ref, text: input.text.trim(), nodes: input.nodes, dueOn: input.dueOn, recurrence: input.recurrence, output: input.output })
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

    /** The tasks an agency leads or supports, across the plans of its province ("my agency's tasks"). */
    async ofAgency(actor: Actor, organisationId: number): Promise<(Task & { planNumber: string | null; planYear: number })[]> {
      const [org] = await db.select().from(organisations).where(eq(organisations.id, organisationId));
      if (!org) throw new AppError("organisation.not-found", "not-found", { organisation: organisationId });
      // Tasks are part of the province's plans: whoever reads the plans reads who does what.
      authorize(actor, "plans.read", { provinceUnitId: org.provinceUnitId, organisationId });
      const rows = await db
        .select({ taskId: planTaskAgencies.taskId })
        .from(planTaskAgencies)
        .where(and(eq(planTaskAgencies.organisationId, organisationId)));
      const tasks = await load(db, [...new Set(rows.map((r) => r.taskId))]);
      const planRows = tasks.length ? await db.select().from(plans).where(inArray(plans.id, [...new Set(tasks.map((t) => t.planId))])) : [];
      return tasks.map((t) => {
        const plan = planRows.find((p) => p.id === t.planId)!;
        return { ...t, planNumber: plan.number, planYear: plan.year };
      });
    },
  };
}

export type PlanTaskService = ReturnType<typeof createPlanTaskService>;
