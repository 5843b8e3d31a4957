/**
 * Improvement plans and their targets: reading and writing them within the province's scope, reviewing
 * the targets against the baseline year's official results, and judging them against the plan year's.
 * The rules are in src/domain/targets.ts; this file loads, checks scope, stores and audits.
 */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../db/client.ts";
import { appendAudit } from "../db/repositories/audit.repo.ts";
import { planTargets, plans } from "../db/schema.ts";
import { provincesWith } from "../domain/access.ts";
import { totalMax } from "../domain/frameworks.ts";
import type { Group } from "../domain/groups.ts";
import {
  evaluateTarget,
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
import { auditBy, authorize } from "./authorize.ts";
import type { Province } from "./catalog.ts";
import type { ResultsQueries } from "./results-query.ts";

export type Plan = typeof plans.$inferSelect;
export type PlanInput = Omit<typeof plans.$inferInsert, "id" | "createdAt" | "updatedAt">;

export interface StoredTarget extends PlanTarget {
  id: number;
  position: number;
  statedText: string | null;
}

export type TargetInput = PlanTarget & { statedText?: string | null };

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

export function createPlanService(options: { db: Executor; results: ResultsQueries }) {
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
    const set = (await results.catalog()).unitSetFor(plan.indexCode, year);
    return set === province.set ? province.code : "";
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

  async function get(actor: Actor, id: number): Promise<{ plan: Plan; targets: StoredTarget[] }> {
    const plan = await load(db, id);
    authorize(actor, "plans.read", { provinceUnitId: plan.provinceUnitId, organisationId: plan.organisationId });
    return { plan, targets: await targetsOf(db, id) };
  }

  return {
    async list(actor: Actor, filter: { provinceUnitIds?: number[] } = {}) {
      authorize(actor, "plans.read");
      const reach = actor.principal ? provincesWith(actor.principal, "plans.read") : "all";
      const wanted = filter.provinceUnitIds ?? (reach === "all" ? undefined : reach);
      const visible = wanted && reach !== "all" ? wanted.filter((id) => reach.includes(id)) : wanted;
      if (visible && visible.length === 0) return [];
      const rows = await db
        .select()
        .from(plans)
        .where(visible ? inArray(plans.provinceUnitId, visible) : undefined)
        .orderBy(desc(plans.year), asc(plans.id));
      const counts = rows.length
        ? await db
            .select({ planId: planTargets.planId, n: sql<number>`count(*)::int` })
            .from(planTargets)
            .where(inArray(planTargets.planId, rows.map((r) => r.id)))
            .groupBy(planTargets.planId)
        : [];
      const byPlan = new Map(counts.map((c) => [c.planId, c.n]));
      return rows.map((plan) => ({ ...plan, targetCount: byPlan.get(plan.id) ?? 0 }));
    },

    get,

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
      checkTargets(targets);
      return db.transaction(async (tx) => {
        if (input.number) {
          const [taken] = await tx
            .select({ id: plans.id })
            .from(plans)
            .where(and(eq(plans.provinceUnitId, input.provinceUnitId), eq(plans.number, input.number)));
          if (taken) throw new AppError("plan.number-taken", "conflict", { number: input.number });
        }
        const [plan] = await tx.insert(plans).values(input).returning();
        await insertTargets(tx, plan!.id, targets);
        const { createdAt: _c, updatedAt: _u, ...view } = plan!;
        await appendAudit(tx, [
          auditBy(actor, {
            action: "plan.created",
            entityType: "plan",
            entityKey: String(plan!.id),
            after: { ...view, targets: stripTargets(await targetsOf(tx, plan!.id)) },
            organisationId: plan!.organisationId,
            provinceUnitId: plan!.provinceUnitId,
          }),
        ]);
        return plan!;
      });
    },

    /** Replaces the plan's targets (the editor saves the table as a whole), with before and after in the log. */
    async setTargets(actor: Actor, id: number, targets: readonly TargetInput[]): Promise<StoredTarget[]> {
      checkTargets(targets);
      return db.transaction(async (tx) => {
        const plan = await load(tx, id);
        authorize(actor, "plans.manage", { provinceUnitId: plan.provinceUnitId, organisationId: plan.organisationId });
        if (plan.status !== "draft") throw new AppError("plan.not-draft", "conflict", { number: plan.number ?? String(plan.id) });
        const before = await targetsOf(tx, id);
        await tx.delete(planTargets).where(eq(planTargets.planId, id));
        await insertTargets(tx, id, targets);
        const after = await targetsOf(tx, id);
        await tx.update(plans).set({ updatedAt: new Date() }).where(eq(plans.id, id));
        await appendAudit(tx, [
          auditBy(actor, {
            action: "plan.targets-changed",
            entityType: "plan",
            entityKey: String(id),
            before: stripTargets(before),
            after: stripTargets(after),
            organisationId: plan.organisationId,
            provinceUnitId: plan.provinceUnitId,
          }),
        ]);
        return after;
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

    /** Each target met, missed or without data, with its actual figure and gap, once the plan year's results exist. */
    async evaluate(actor: Actor, id: number): Promise<{ plan: Plan; province: Province; resultsAvailable: boolean; targets: EvaluatedTarget[]; summary: Record<"met" | "missed" | "no-data", number> }> {
      const { plan, targets } = await get(actor, id);
      const province = await provinceOf(plan);
      const actual = await yearOrNull(plan.indexCode, plan.year);
      const baseline = await yearOrNull(plan.indexCode, plan.baselineYear);
      const unitCode = await unitCodeIn(plan, province, plan.year);
      const baselineUnitCode = await unitCodeIn(plan, province, plan.baselineYear);
      const evaluated = targets.map((target) => ({ target, evaluation: evaluateTarget(target, { actual, baseline, unitCode, baselineUnitCode }) }));
      const summary = { met: 0, missed: 0, "no-data": 0 };
      for (const e of evaluated) summary[e.evaluation.status] += 1;
      return { plan, province, resultsAvailable: actual !== null, targets: evaluated, summary };
    },
  };
}

export type PlanService = ReturnType<typeof createPlanService>;
