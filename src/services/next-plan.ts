/**
 * Drafting next year's plan from the latest official results (and, when given, the plan it follows): what is
 * weak, the opening analysis worded as seed 002 does, the previous tasks that served the weak points, and
 * proposed targets. The preview is read-only; `create` stores it as an ordinary draft, editable in full.
 */
import type { Executor } from "../db/client.ts";
import type { Lang } from "../domain/format.ts";
import { nodesIn, planFindings, PLANNING_THRESHOLD, tasksServing, withPlanningFindings, type PlanFindings } from "../domain/next-plan.ts";
import { buildProvinceProfile } from "../domain/profile.ts";
import { suggestTargets, type Goal, type Suggestion } from "../domain/targets.ts";
import { describeProvinceYear, provinceInText } from "../domain/wording.ts";
import { AppError } from "../errors.ts";
import type { Actor } from "./actor.ts";
import { authorize } from "./authorize.ts";
import { provinceRef, type Province } from "./catalog.ts";
import type { Task } from "./plan-tasks.ts";
import { planServicesOn, type Plan, type TargetInput } from "./plans.ts";
import type { ResultsQueries } from "./results-query.ts";

export interface NextPlanRequest {
  indexCode: string;
  year: number;
  fromPlanId: number | null;
  goal: Goal;
}

export interface NextPlanBasis {
  province: ReturnType<typeof provinceRef>;
  findings: PlanFindings;
  paragraphs: string[];
}

export interface NextPlanPreview {
  indexCode: string;
  year: number;
  baselineYear: number;
  bases: NextPlanBasis[];
  fromPlan: { id: number; number: string | null; year: number } | null;
  tasks: Task[];
  suggestion: Suggestion | null;
}

export function createNextPlanService(options: { db: Executor; results: ResultsQueries }) {
  const { db, results } = options;
  const scoped = (executor: Executor) => planServicesOn(executor, results);

  async function preview(actor: Actor, province: Province, request: NextPlanRequest, lang: Lang): Promise<NextPlanPreview> {
    authorize(actor, "plans.read", { provinceUnitId: province.id });
    const { indexCode, year } = request;
    const catalog = await results.catalog();
    const baselineYear = (await results.years(indexCode)).filter((y) => y < year).at(-1);
    if (baselineYear === undefined) throw new AppError("year.no-results", "not-found", { index: indexCode, year: year - 1, available: "—" });
    const current = await results.year(indexCode, baselineYear);
    const previous = await results.previousYear(indexCode, baselineYear);
    // Results are keyed by the units of their year: a new province before its first survey is read through
    // the provinces it was formed from, each on its own (their scores are never merged silently).
    const set = catalog.unitSetFor(indexCode, baselineYear);
    const units = set === province.set ? [province] : province.set === "vn34" ? catalog.predecessorsOf(province.code) : [catalog.successorOf(province.code)!];
    const indexName = catalog.index(indexCode).code;
    const bases: NextPlanBasis[] = [];
    for (const unit of units) {
      if (!current.provinces.some((p) => p.unit.code === unit.code)) continue;
      const profile = buildProvinceProfile({ current, ...(previous ? { previous } : {}), unitCode: unit.code });
      const findings = planFindings(profile);
      bases.push({
        province: provinceRef(unit),
        findings,
        paragraphs: describeProvinceYear(withPlanningFindings(profile, findings), lang, indexName, PLANNING_THRESHOLD),
      });
    }
    let fromPlan: Plan | null = null;
    let tasks: Task[] = [];
    if (request.fromPlanId !== null) {
      const { plans, tasks: taskService } = scoped(db);
      fromPlan = (await plans.get(actor, request.fromPlanId)).plan;
      const taskVersion = catalog.version(fromPlan.indexCode, fromPlan.year);
      const all = await taskService.list(actor, fromPlan.id);
      const served = new Set(bases.flatMap((b) => tasksServing(all, taskVersion, b.findings)));
      tasks = all.filter((t) => served.has(t));
    }
    const only = bases.length === 1 ? bases[0]! : null;
    return {
      indexCode,
      year,
      baselineYear,
      bases,
      fromPlan: fromPlan ? { id: fromPlan.id, number: fromPlan.number, year: fromPlan.year } : null,
      tasks,
      suggestion: only ? suggestTargets(current, only.province.code, request.goal) : null,
    };
  }

  return {
    preview,

    /** Stores the preview as a draft of the province: opening analysis, proposed targets, the carried-over tasks. */
    async create(actor: Actor, province: Province, request: NextPlanRequest): Promise<Plan> {
      authorize(actor, "plans.manage", { provinceUnitId: province.id });
      const draft = await preview(actor, province, request, "vi");
      const catalog = await results.catalog();
      const targets: TargetInput[] = draft.suggestion
        ? [
            { node: "total", kind: "score", value: draft.suggestion.targetTotal, comparator: ">=", statedIncrease: null, group: null, rankTop: null, rankGain: null },
            ...draft.suggestion.dimensions.map(
              // The increase as a plan writes it, to the target's two decimals (the review checks it at that precision).
              (d): TargetInput => ({ node: d.node, kind: "score", value: d.target, comparator: "=", statedIncrease: Math.round(d.increase * 100) / 100, group: null, rankTop: null, rankGain: null }),
            ),
          ]
        : [];
      const who = provinceInText(province.fullName, "vi");
      const context = draft.bases.flatMap((b) => (draft.bases.length > 1 ? [`${b.province.fullName}:`, ...b.paragraphs] : b.paragraphs)).join("\n");
      return (db as Executor).transaction(async (tx) => {
        const { plans, tasks } = scoped(tx);
        const plan = await plans.create(
          actor,
          {
            provinceUnitId: province.id,
            indexCode: draft.indexCode,
            year: draft.year,
            baselineYear: draft.baselineYear,
            status: "draft",
            issuingBody: `ỦY BAN NHÂN DÂN ${province.fullName.toLocaleUpperCase("vi")}`,
            place: province.name,
            summary: `Cải thiện Chỉ số ${draft.indexCode} năm ${draft.year} của ${who}`,
            context,
            source: draft.fromPlan ? `next-draft:${draft.fromPlan.number ?? draft.fromPlan.id}` : `next-draft:${draft.indexCode}-${draft.baselineYear}`,
          },
          targets,
        );
        if (draft.fromPlan) {
          const from = catalog.version(draft.indexCode, draft.fromPlan.year);
          const to = catalog.version(draft.indexCode, draft.year);
          for (const task of draft.tasks) {
            await tasks.create(actor, plan.id, {
              ref: task.ref,
              text: task.text,
              nodes: nodesIn(task.nodes, from, to),
              dueOn: null,
              recurrence: task.recurrence,
              output: task.output,
              agencies: task.agencies.map(({ role, organisationId, name }) => ({ role, organisationId, name })),
              indicators: task.indicators.map(({ id: _i, position: _p, ...i }) => i),
            });
          }
        }
        return plan;
      });
    },
  };
}
