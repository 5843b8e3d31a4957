/**
 * Improvement plans and their targets: reading and writing them within the province's scope, reviewing
 * the targets against the baseline year's official results, and judging them against the plan year's.
 * The rules are in src/domain/targets.ts; this file loads, checks scope, stores and audits.
 */
import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Executor } from "../db/client.ts";
import { appendAudit } from "../db/repositories/audit.repo.ts";
import { organisations, planTargets, planTasks, plans } from "../db/schema.ts";
import { allowsOn, provincesWith, type Permission } from "../domain/access.ts";
import { totalMax } from "../domain/frameworks.ts";
import type { Group } from "../domain/groups.ts";
import { dimensionOutcomes, evaluationOverview } from "../domain/evaluation-summary.ts";
import type { Lang } from "../domain/format.ts";
import { provinceInText } from "../domain/wording.ts";
import {
  baselineFigures,
  evaluateTarget,
  nodeFigures,
  reviewTargets,
  suggestTargets,
  type Goal,
  type PlanTarget,
  type Suggestion,
  type TargetEvaluation,
  type TargetFlag,
} from "../domain/targets.ts";
import type { YearAnalysis } from "../domain/year-results.ts";
import { AppError } from "../errors.ts";
import type { Actor } from "./actor.ts";
import { auditBy, authorize, authorizePlanRead } from "./authorize.ts";
import { provinceRef, type Province } from "./catalog.ts";
import { createPlanTaskService, type PlanTaskService } from "./plan-tasks.ts";
import type { ResultsQueries } from "./results-query.ts";

export type Plan = typeof plans.$inferSelect;
export type PlanInput = Omit<typeof plans.$inferInsert, "id" | "createdAt" | "updatedAt">;

export interface StoredTarget extends PlanTarget {
  id: number;
  position: number;
  statedText: string | null;
}

export type TargetInput = PlanTarget & { statedText?: string | null };

/** What a draft's editor may change (the status, province and parent are not edited, they follow from actions). */
export type PlanPatch = Partial<
  Pick<
    PlanInput,
    | "number"
    | "issuedOn"
    | "place"
    | "issuingBody"
    | "parentBody"
    | "summary"
    | "signerAuthority"
    | "signerTitle"
    | "signerName"
    | "context"
    | "objectives"
    | "requirements"
    | "implementation"
    | "recipients"
    | "subPlanDeadline"
    | "year"
    | "baselineYear"
  >
>;

export interface IssueInput {
  number: string;
  issuedOn: string;
  signerName?: string | null;
  signerTitle?: string | null;
  signerAuthority?: string | null;
}

export interface EvaluatedTarget {
  target: StoredTarget;
  evaluation: TargetEvaluation;
}

function toTarget(row: typeof planTargets.$inferSelect): StoredTarget {
  return {
    id: row.id,
    position: row.position,
    node: row.node,
    kind: row.kind,
    value: row.value,
    comparator: row.comparator,
    statedIncrease: row.statedIncrease,
    group: (row.groupCode as Group | null) ?? null,
    rankTop: row.rankTop,
    rankGain: row.rankGain,
    statedText: row.statedText,
  };
}

export function createPlanService(options: { db: Executor; results: ResultsQueries; tasks: PlanTaskService }) {
  const { db, results } = options;

  async function load(executor: Executor, id: number): Promise<Plan> {
    const [plan] = await executor.select().from(plans).where(eq(plans.id, id));
    if (!plan) throw new AppError("plan.not-found", "not-found", { plan: id });
    return plan;
  }

  async function targetsOf(executor: Executor, planId: number): Promise<StoredTarget[]> {
    const rows = await executor.select().from(planTargets).where(eq(planTargets.planId, planId)).orderBy(asc(planTargets.position));
    return rows.map(toTarget);
  }

  /** The official results of a year, or null when there are none yet. */
  async function yearOrNull(indexCode: string, year: number): Promise<YearAnalysis | null> {
    try {
      return await results.year(indexCode, year);
    } catch (error) {
      if (error instanceof AppError && (error.code === "year.no-results" || error.code === "year.no-framework")) return null;
      throw error;
    }
  }

  async function provinceOf(plan: Plan): Promise<Province> {
    const province = (await results.catalog()).provinceOfId(plan.provinceUnitId);
    if (!province) throw new AppError("plan.not-found", "not-found", { plan: plan.id });
    return province;
  }

  /**
   * The province's code among the units a year's results are keyed by. A 34-era province has no results of
   * its own for a 63-era year (and the other way round): then no code, and its figures are "not scored".
   */
  async function unitCodeIn(plan: Plan, province: Province, year: number): Promise<string> {
    const catalog = await results.catalog();
    const set = catalog.unitSetFor(plan.indexCode, year);
    if (set === province.set) return province.code;
    // A province the 2025 restructuring left whole (Hà Nội, Thanh Hóa …) is the same place on both sides.
    if (province.set === "vn34") {
      const predecessors = catalog.predecessorsOf(province.code);
      return predecessors.length === 1 ? predecessors[0]!.code : "";
    }
    const successor = catalog.successorOf(province.code);
    return successor && catalog.predecessorsOf(successor.code).length === 1 ? successor.code : "";
  }

  function checkYears(year: number, baselineYear: number) {
    if (baselineYear >= year) throw new AppError("plan.baseline-not-before", "invalid", { year, baselineYear });
  }

  function checkTargets(targets: readonly TargetInput[]) {
    for (const t of targets) {
      const missing =
        ((t.kind === "score" || t.kind === "change") && t.value === null) ||
        (t.kind === "group" && !t.group) ||
        (t.kind === "rank" && t.rankTop === null && t.rankGain === null);
      if (missing) throw new AppError("target.incomplete", "invalid", { node: t.node, kind: t.kind });
    }
  }

  async function insertTargets(executor: Executor, planId: number, targets: readonly TargetInput[]) {
    if (targets.length === 0) return;
    await executor.insert(planTargets).values(
      targets.map((t, position) => ({
        planId,
        position,
        node: t.node,
        kind: t.kind,
        value: t.value,
        comparator: t.comparator,
        statedIncrease: t.statedIncrease,
        groupCode: t.group,
        rankTop: t.rankTop,
        rankGain: t.rankGain,
        statedText: t.statedText ?? null,
      })),
    );
  }

  const stripTargets = (targets: StoredTarget[]) => targets.map(({ id: _id, ...rest }) => rest);

  const scopeOf = (plan: Plan) => ({ provinceUnitId: plan.provinceUnitId, organisationId: plan.organisationId });
  const may = (actor: Actor, permission: Permission, plan: Plan) => !actor.principal || allowsOn(actor.principal, permission, scopeOf(plan));

  function visible(actor: Actor, plan: Plan): boolean {
    try {
      authorizePlanRead(actor, plan);
      return true;
    } catch (error) {
      if (error instanceof AppError && error.kind === "forbidden") return false;
      throw error;
    }
  }

  /** A plan the actor may change: a draft, within their scope (a sub-plan for its agency's people). */
  function editable(actor: Actor, plan: Plan): void {
    authorize(actor, "plans.manage", scopeOf(plan));
    if (plan.status !== "draft") throw new AppError("plan.not-draft", "conflict", { number: plan.number ?? String(plan.id) });
  }

  async function get(actor: Actor, id: number): Promise<{ plan: Plan; targets: StoredTarget[] }> {
    const plan = await load(db, id);
    authorizePlanRead(actor, plan);
    return { plan, targets: await targetsOf(db, id) };
  }

  async function checkNumberFree(executor: Executor, plan: Pick<Plan, "provinceUnitId">, number: string, except?: number) {
    const [taken] = await executor
      .select({ id: plans.id })
      .from(plans)
      .where(and(eq(plans.provinceUnitId, plan.provinceUnitId), eq(plans.number, number), except ? ne(plans.id, except) : undefined));
    if (taken) throw new AppError("plan.number-taken", "conflict", { number });
  }

  const auditView = ({ createdAt: _c, updatedAt: _u, ...view }: Plan) => view;
  const planAudit = (actor: Actor, plan: Plan, action: string, before: object | null, after: object | null) =>
    auditBy(actor, { action, entityType: "plan", entityKey: String(plan.id), before, after, organisationId: plan.organisationId, provinceUnitId: plan.provinceUnitId });

  return {
    async list(actor: Actor, filter: { provinceUnitIds?: number[] } = {}) {
      authorize(actor, "plans.read");
      const reach = actor.principal ? provincesWith(actor.principal, "plans.read") : "all";
      const wanted = filter.provinceUnitIds ?? (reach === "all" ? undefined : reach);
      const visibleIds = wanted && reach !== "all" ? wanted.filter((id) => reach.includes(id)) : wanted;
      if (visibleIds && visibleIds.length === 0) return [];
      const rows = (
        await db
          .select({ plan: plans, organisationName: organisations.name })
          .from(plans)
          .leftJoin(organisations, eq(organisations.id, plans.organisationId))
          .where(visibleIds ? inArray(plans.provinceUnitId, visibleIds) : undefined)
          .orderBy(desc(plans.year), asc(plans.id))
      ).filter((r) => visible(actor, r.plan));
      const ids = rows.map((r) => r.plan.id);
      const count = async (table: typeof planTargets | typeof planTasks) =>
        new Map(
          ids.length
            ? (
                await db
                  .select({ planId: table.planId, n: sql<number>`count(*)::int` })
                  .from(table)
                  .where(inArray(table.planId, ids))
                  .groupBy(table.planId)
              ).map((c) => [c.planId, c.n])
            : [],
        );
      const [targetCounts, taskCounts, catalog] = await Promise.all([count(planTargets), count(planTasks), results.catalog()]);
      return rows.map(({ plan, organisationName }) => ({
        ...plan,
        provinceName: catalog.provinceOfId(plan.provinceUnitId)?.name ?? "",
        organisationName,
        targetCount: targetCounts.get(plan.id) ?? 0,
        taskCount: taskCounts.get(plan.id) ?? 0,
      }));
    },

    get,

    /** The plan with what a page shows around it: its province, parent plan, issuing agency and what the actor may do. */
    async detail(actor: Actor, id: number) {
      const { plan, targets } = await get(actor, id);
      const [parent] = plan.parentPlanId ? await db.select().from(plans).where(eq(plans.id, plan.parentPlanId)) : [];
      const [organisation] = plan.organisationId
        ? await db.select({ id: organisations.id, name: organisations.name, code: organisations.code }).from(organisations).where(eq(organisations.id, plan.organisationId))
        : [];
      // A sub-plan is made by the coordinators or by an agency of the province for itself.
      const agencyGrants = actor.principal?.grants.filter((g) => g.organisationId !== null) ?? [];
      const mayPlanForAgency =
        !actor.principal ||
        allowsOn(actor.principal, "plans.manage", { provinceUnitId: plan.provinceUnitId }) ||
        agencyGrants.some((g) => allowsOn(actor.principal!, "plans.manage", { provinceUnitId: plan.provinceUnitId, organisationId: g.organisationId }));
      return {
        plan,
        targets,
        province: provinceRef(await provinceOf(plan)),
        parent: parent ? { id: parent.id, number: parent.number, summary: parent.summary, subPlanDeadline: parent.subPlanDeadline } : null,
        organisation: organisation ?? null,
        can: {
          edit: plan.status === "draft" && may(actor, "plans.manage", plan),
          issue: plan.status === "draft" && may(actor, "plans.issue", plan),
          supersede: plan.status === "issued" && may(actor, "plans.issue", plan),
          createSubPlan: plan.status === "issued" && plan.parentPlanId === null && mayPlanForAgency,
        },
      };
    },

    /** A plan by its number ("170/KH-UBND"), optionally narrowed to a province (several may share a number). */
    async findByNumber(actor: Actor, number: string, provinceUnitIds?: number[]): Promise<Plan[]> {
      authorize(actor, "plans.read");
      const rows = await db
        .select()
        .from(plans)
        .where(and(sql`lower(${plans.number}) = lower(${number.trim()})`, provinceUnitIds ? inArray(plans.provinceUnitId, provinceUnitIds) : undefined));
      return rows;
    },

    async create(actor: Actor, input: PlanInput, targets: readonly TargetInput[] = []): Promise<Plan> {
      authorize(actor, "plans.manage", { provinceUnitId: input.provinceUnitId, organisationId: input.organisationId ?? null });
      checkYears(input.year, input.baselineYear);
      checkTargets(targets);
      return db.transaction(async (tx) => {
        if (input.number) await checkNumberFree(tx, input, input.number);
        const [plan] = await tx.insert(plans).values(input).returning();
        await insertTargets(tx, plan!.id, targets);
        await appendAudit(tx, [planAudit(actor, plan!, "plan.created", null, { ...auditView(plan!), targets: stripTargets(await targetsOf(tx, plan!.id)) })]);
        return plan!;
      });
    },

    /** Replaces the plan's targets (the editor saves the table as a whole), with before and after in the log. */
    async setTargets(actor: Actor, id: number, targets: readonly TargetInput[]): Promise<StoredTarget[]> {
      checkTargets(targets);
      return db.transaction(async (tx) => {
        const plan = await load(tx, id);
        editable(actor, plan);
        const before = await targetsOf(tx, id);
        await tx.delete(planTargets).where(eq(planTargets.planId, id));
        await insertTargets(tx, id, targets);
        const after = await targetsOf(tx, id);
        await tx.update(plans).set({ updatedAt: new Date() }).where(eq(plans.id, id));
        await appendAudit(tx, [planAudit(actor, plan, "plan.targets-changed", { number: plan.number, targets: stripTargets(before) }, { number: plan.number, targets: stripTargets(after) })]);
        return after;
      });
    },

    /** Changes a draft's document identity and sections; only the fields given, the log keeps their old values. */
    async update(actor: Actor, id: number, patch: PlanPatch): Promise<Plan> {
      return db.transaction(async (tx) => {
        const before = await load(tx, id);
        editable(actor, before);
        if (patch.number) await checkNumberFree(tx, before, patch.number, id);
        const year = patch.year ?? before.year;
        const baselineYear = patch.baselineYear ?? before.baselineYear;
        checkYears(year, baselineYear);
        const [after] = await tx.update(plans).set({ ...patch, updatedAt: new Date() }).where(eq(plans.id, id)).returning();
        const keys = Object.keys(patch) as (keyof PlanPatch)[];
        const pick = (plan: Plan) => Object.fromEntries(keys.map((k) => [k, plan[k]]));
        await appendAudit(tx, [planAudit(actor, after!, "plan.updated", { number: before.number, ...pick(before) }, { number: after!.number, ...pick(after!) })]);
        return after!;
      });
    },

    /**
     * Records a draft as issued with its number and date (a province plan by its coordinators, an agency's
     * sub-plan by the agency's leader). From then on it is the document: targets and tasks no longer change.
     */
    async issue(actor: Actor, id: number, input: IssueInput): Promise<Plan> {
      return db.transaction(async (tx) => {
        const before = await load(tx, id);
        authorize(actor, "plans.issue", scopeOf(before));
        if (before.status !== "draft") throw new AppError("plan.not-draft", "conflict", { number: before.number ?? String(before.id) });
        await checkNumberFree(tx, before, input.number, id);
        const signer = Object.fromEntries(Object.entries({ signerName: input.signerName, signerTitle: input.signerTitle, signerAuthority: input.signerAuthority }).filter(([, v]) => v !== undefined));
        const [after] = await tx
          .update(plans)
          .set({ status: "issued", number: input.number, issuedOn: input.issuedOn, ...signer, updatedAt: new Date() })
          .where(eq(plans.id, id))
          .returning();
        await appendAudit(tx, [
          planAudit(actor, after!, "plan.issued", { status: before.status, number: before.number, issuedOn: before.issuedOn }, { status: "issued", number: after!.number, issuedOn: after!.issuedOn }),
        ]);
        return after!;
      });
    },

    /** An issued plan replaced by another: it stays readable and evaluable, marked superseded. */
    async supersede(actor: Actor, id: number): Promise<Plan> {
      return db.transaction(async (tx) => {
        const before = await load(tx, id);
        authorize(actor, "plans.issue", scopeOf(before));
        if (before.status !== "issued") throw new AppError("plan.not-issued", "conflict", { number: before.number ?? String(before.id) });
        const [after] = await tx.update(plans).set({ status: "superseded", updatedAt: new Date() }).where(eq(plans.id, id)).returning();
        await appendAudit(tx, [planAudit(actor, after!, "plan.superseded", { status: "issued", number: before.number }, { status: "superseded", number: before.number })]);
        return after!;
      });
    },

    /** Deletes a draft with its targets and tasks; the log keeps the whole of it. Issued plans are never deleted. */
    async remove(actor: Actor, id: number): Promise<void> {
      await db.transaction(async (tx) => {
        const plan = await load(tx, id);
        editable(actor, plan);
        const targets = await targetsOf(tx, id);
        const tasks = await tx.select().from(planTasks).where(eq(planTasks.planId, id)).orderBy(asc(planTasks.position));
        await tx.delete(plans).where(eq(plans.id, id));
        await appendAudit(tx, [planAudit(actor, plan, "plan.deleted", { ...auditView(plan), targets: stripTargets(targets), tasks: tasks.map((t) => ({ ref: t.ref, text: t.text })) }, null)]);
      });
    },

    /** The flags a careful reviewer raises, against the baseline year's official results. */
    async review(actor: Actor, id: number): Promise<{ plan: Plan; targets: StoredTarget[]; flags: TargetFlag[] }> {
      const { plan, targets } = await get(actor, id);
      const catalog = await results.catalog();
      const version = catalog.version(plan.indexCode, plan.year);
      const province = await provinceOf(plan);
      const baseline = await yearOrNull(plan.indexCode, plan.baselineYear);
      const targetYear = await yearOrNull(plan.indexCode, plan.year);
      const flags = reviewTargets(targets, {
        targetVersion: version,
        totalMax: totalMax(version),
        baseline,
        unitCode: await unitCodeIn(plan, province, plan.baselineYear),
        targetYear,
      });
      return { plan, targets, flags };
    },

    /**
     * Proposed targets for the plan from its baseline year's official results and a goal, with the
     * reasoning (the threshold, each dimension's distance to P75 and share); null when the province has no
     * baseline results (a 34-era province before its first survey).
     */
    async suggest(actor: Actor, id: number, goal: Goal): Promise<{ plan: Plan; suggestion: Suggestion | null }> {
      const { plan } = await get(actor, id);
      const province = await provinceOf(plan);
      const baseline = await yearOrNull(plan.indexCode, plan.baselineYear);
      const code = await unitCodeIn(plan, province, plan.baselineYear);
      return { plan, suggestion: baseline && code ? suggestTargets(baseline, code, goal) : null };
    },

    /**
     * Each target met, missed or without data, with its actual figure and gap, once the plan year's results
     * exist; per dimension, its figures, its targets, the tasks behind it and their lead agencies; and the few
     * sentences a leader reads first.
     */
    async evaluate(actor: Actor, id: number, lang: Lang = "vi") {
      const { plan, targets } = await get(actor, id);
      const province = await provinceOf(plan);
      const actual = await yearOrNull(plan.indexCode, plan.year);
      const baseline = await yearOrNull(plan.indexCode, plan.baselineYear);
      const unitCode = await unitCodeIn(plan, province, plan.year);
      const baselineUnitCode = await unitCodeIn(plan, province, plan.baselineYear);
      const evaluated: EvaluatedTarget[] = targets.map((target) => ({ target, evaluation: evaluateTarget(target, { actual, baseline, unitCode, baselineUnitCode }) }));
      const summary = { met: 0, missed: 0, "no-data": 0 };
      for (const e of evaluated) summary[e.evaluation.status] += 1;
      const version = (await results.catalog()).version(plan.indexCode, plan.year);
      const figures = (node: string) => ({
        score: actual ? (nodeFigures(actual, unitCode, node)?.score ?? null) : null,
        baseline: baseline ? (baselineFigures(baseline, actual, baselineUnitCode, node)?.score ?? null) : null,
      });
      const dimensions = dimensionOutcomes(version, evaluated, await options.tasks.list(actor, id), figures);
      const total = actual ? nodeFigures(actual, unitCode, "total") : null;
      const overview = evaluationOverview(
        {
          planNumber: plan.number,
          indexCode: plan.indexCode,
          year: plan.year,
          provinceInText: provinceInText(province.fullName, lang),
          resultsAvailable: actual !== null,
          evaluated,
          dimensions,
          total: total ? { ...total, baseline: figures("total").baseline } : null,
        },
        lang,
      );
      return { plan, province, resultsAvailable: actual !== null, targets: evaluated, summary, dimensions, overview };
    },
  };
}

export type PlanService = ReturnType<typeof createPlanService>;

/**
 * The plan and task services on one executor: inside a transaction, so a use case spanning both (a
 * sub-plan with its copied tasks, next year's draft) is all or nothing.
 */
export function planServicesOn(executor: Executor, results: ResultsQueries) {
  const tasks = createPlanTaskService({ db: executor, catalog: results.catalog });
  return { tasks, plans: createPlanService({ db: executor, results, tasks }) };
}
