/**
 * Agencies' sub-plans: an agency implements an issued province plan with its own plan, made from the tasks
 * assigned to it (each copy keeps the link to the province's task) and issued under its own number; the
 * coordinator follows who has issued theirs by the plan's deadline ("gửi Sở Nội vụ trước ngày 10/5/2019").
 */
import { and, eq, inArray, ne } from "drizzle-orm";
import type { Executor } from "../db/client.ts";
import { organisations, plans } from "../db/schema.ts";
import { formatDate, isoDateInVietnam } from "../domain/format.ts";
import { subPlanStatus, type SubPlanStatus } from "../domain/sub-plans.ts";
import { compareVietnamese } from "../domain/text.ts";
import { AppError } from "../errors.ts";
import type { Actor } from "./actor.ts";
import { planServicesOn, type Plan } from "./plans.ts";
import type { ResultsQueries } from "./results-query.ts";

export interface SubPlanInput {
  organisationId: number;
  summary?: string | null;
  number?: string | null;
}

export interface SubPlanRow {
  organisation: { id: number; name: string; code: string };
  leadTasks: number;
  supportTasks: number;
  status: SubPlanStatus;
  subPlan: { id: number; number: string | null; issuedOn: string | null; status: Plan["status"] } | null;
}

/** "Triển khai Kế hoạch số 170/KH-UBND ngày 25/04/2019 về cải thiện Chỉ số …": how agencies title theirs. */
function implementingSummary(parent: Plan): string {
  const dated = parent.issuedOn ? ` ngày ${formatDate(parent.issuedOn)}` : "";
  const about = parent.summary.charAt(0).toLocaleLowerCase("vi") + parent.summary.slice(1);
  return `Triển khai Kế hoạch số ${parent.number}${dated} về ${about}`;
}

export function createSubPlanService(options: { db: Executor; results: ResultsQueries; today?: () => string }) {
  const { db, results } = options;
  const today = options.today ?? (() => isoDateInVietnam(new Date()));
  const scoped = (executor: Executor) => planServicesOn(executor, results);

  return {
    /**
     * A draft sub-plan of `organisationId` for the issued province plan `parentId`, holding a copy of every task
     * the agency leads or supports. One per agency and plan (a superseded one may be replaced).
     */
    async create(actor: Actor, parentId: number, input: SubPlanInput): Promise<Plan> {
      return (db as Executor).transaction(async (tx) => {
        const { plans: planService, tasks: taskService } = scoped(tx);
        const { plan: parent } = await planService.get(actor, parentId);
        if (parent.parentPlanId !== null) throw new AppError("plan.sub-of-sub", "invalid", { number: parent.number ?? String(parent.id) });
        if (parent.status !== "issued") throw new AppError("plan.parent-not-issued", "conflict", { number: parent.number ?? String(parent.id) });
        const agency = (await taskService.assignable(actor, parentId)).find((a) => a.id === input.organisationId);
        if (!agency) throw new AppError("organisation.not-found", "not-found", { organisation: input.organisationId });
        const [existing] = await tx
          .select({ number: plans.number, id: plans.id })
          .from(plans)
          .where(and(eq(plans.parentPlanId, parentId), eq(plans.organisationId, agency.id), ne(plans.status, "superseded")));
        if (existing) throw new AppError("plan.sub-plan-exists", "conflict", { agency: agency.name, number: existing.number ?? "(dự thảo)" });
        const plan = await planService.create(actor, {
          provinceUnitId: parent.provinceUnitId,
          organisationId: agency.id,
          parentPlanId: parent.id,
          indexCode: parent.indexCode,
          year: parent.year,
          baselineYear: parent.baselineYear,
          status: "draft",
          number: input.number?.trim() || null,
          issuingBody: agency.name.toLocaleUpperCase("vi"),
          parentBody: parent.issuingBody,
          place: parent.place,
          summary: input.summary?.trim() || implementingSummary(parent),
        });
        const assigned = (await taskService.list(actor, parentId)).filter((t) => t.agencies.some((a) => a.organisationId === agency.id));
        for (const task of assigned) {
          const { id, planId: _p, position: _n, inheritedFromTaskId: _i, inheritedRef: _r, ...copy } = task;
          await taskService.create(
            actor,
            plan.id,
            { ...copy, agencies: copy.agencies.map(({ id: _a, ...a }) => a), indicators: copy.indicators.map(({ id: _x, position: _y, ...i }) => i) },
            { inheritedFromTaskId: id },
          );
        }
        return plan;
      });
    },

    /** Which assigned agencies have issued their sub-plan, on time or late, are still drafting it, or have none. */
    async tracking(actor: Actor, parentId: number) {
      const { plans: planService, tasks: taskService } = scoped(db);
      const { plan } = await planService.get(actor, parentId);
      const tasks = await taskService.list(actor, parentId);
      const subPlans = await db.select().from(plans).where(eq(plans.parentPlanId, parentId));
      const counts = new Map<number, { lead: number; support: number }>();
      for (const task of tasks) {
        for (const a of task.agencies) {
          if (a.organisationId === null) continue;
          const c = counts.get(a.organisationId) ?? { lead: 0, support: 0 };
          c[a.role] += 1;
          counts.set(a.organisationId, c);
        }
      }
      const ids = [...new Set([...counts.keys(), ...subPlans.flatMap((p) => (p.organisationId === null ? [] : [p.organisationId]))])];
      const bodies = ids.length ? await db.select().from(organisations).where(inArray(organisations.id, ids)) : [];
      const day = today();
      const rows: SubPlanRow[] = bodies
        .map((body) => {
          // The current sub-plan; a superseded one only when nothing replaced it.
          const own = subPlans.filter((p) => p.organisationId === body.id).sort((a, b) => Number(a.status === "superseded") - Number(b.status === "superseded"))[0];
          const c = counts.get(body.id) ?? { lead: 0, support: 0 };
          return {
            organisation: { id: body.id, name: body.name, code: body.code },
            leadTasks: c.lead,
            supportTasks: c.support,
            status: subPlanStatus(own ?? null, plan.subPlanDeadline),
            subPlan: own ? { id: own.id, number: own.number, issuedOn: own.issuedOn, status: own.status } : null,
          };
        })
        .sort((a, b) => compareVietnamese(a.organisation.name, b.organisation.name));
      const tally = (status: SubPlanStatus) => rows.filter((r) => r.status === status).length;
      return {
        deadline: plan.subPlanDeadline,
        today: day,
        overdue: plan.subPlanDeadline !== null && day > plan.subPlanDeadline,
        counts: {
          assigned: rows.length,
          issued: tally("issued-on-time") + tally("issued-late"),
          onTime: tally("issued-on-time"),
          late: tally("issued-late"),
          draft: tally("draft"),
          missing: tally("missing"),
        },
        agencies: rows,
      };
    },
  };
}
