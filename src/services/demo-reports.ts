/**
 * The demonstration's reporting year (data/demo/reports/lao-cai-2026.json): an issued 2026 plan of the demo
 * province with tasks, indicators and a quarterly regime, and three quarters of about twenty agencies'
 * reports — most accepted, some late, one returned, a few still on their way, one agency that never
 * reports — written through the real services with a moving clock, so dates, versions, the audit log and
 * notifications are what they would have been. Deterministic: the figures come from a seeded generator.
 */
import { readFileSync } from "node:fs";
import { lt } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "../db/client.ts";
import { notifications } from "../db/schema.ts";
import { INDICATOR_AGGREGATIONS } from "../domain/tasks.ts";
import { VALUE_TYPES } from "../domain/report-figures.ts";
import { addDays, parsePeriodKey } from "../domain/reporting-periods.ts";
import type { Actor } from "./actor.ts";
import type { Catalog } from "./catalog.ts";
import { DEMO_PROVINCE_CODE } from "./demo.ts";
import type { OrganisationService } from "./organisations.ts";
import type { PlanTaskService } from "./plan-tasks.ts";
import type { PlanService } from "./plans.ts";
import { createReportService } from "./reports.ts";
import { dataFile } from "./shipped-data.ts";

export const DEMO_REPORTS_FILE = "demo/reports/lao-cai-2026.json";
const DEMO_ACTOR: Actor = { principal: null, name: "system:demo", ip: null };

const indicator = z.object({
  key: z.string(),
  name: z.string(),
  unit: z.string(),
  aggregation: z.enum(INDICATOR_AGGREGATIONS),
  valueType: z.enum(VALUE_TYPES).default("decimal"),
  required: z.boolean().default(false),
  range: z.tuple([z.number(), z.number()]).optional(),
  notAbove: z.number().optional(),
  ratio: z.tuple([z.number(), z.number()]).optional(),
});
const demoFile = z.object({
  plan: z.object({
    number: z.string(),
    issuedOn: z.string(),
    place: z.string(),
    issuingBody: z.string(),
    summary: z.string(),
    subPlanDeadline: z.string(),
    signer: z.object({ authority: z.string(), title: z.string(), name: z.string() }),
  }),
  /** The plan's score targets ("đạt từ … điểm trở lên"). */
  targets: z.array(z.object({ node: z.string(), kind: z.literal("score"), value: z.number(), comparator: z.enum([">=", "="]), statedText: z.string() })),
  agencies: z.array(z.string()),
  tasks: z.array(z.object({ ref: z.string(), nodes: z.array(z.string()), text: z.string(), leads: z.array(z.string()), indicators: z.array(indicator) })),
  narratives: z.record(z.string(), z.array(z.string())),
  taskNarratives: z.record(z.string(), z.string()),
  general: z.object({ difficulties: z.array(z.string()), proposals: z.array(z.string()), nextTasks: z.array(z.string()) }),
  timeline: z.record(
    z.string(),
    z.object({
      late: z.array(z.string()).default([]),
      missing: z.array(z.string()).default([]),
      statuses: z.record(z.string(), z.enum(["draft", "submitted", "approved", "accepted", "returned"])).default({}),
      returnReason: z.string().optional(),
      /** Agency code → the task refs it reports overdue this period. */
      overdue: z.record(z.string(), z.array(z.string())).default({}),
      /** Task refs every agency reports well behind schedule this period. */
      slow: z.array(z.string()).default([]),
    }),
  ),
});

/** A small deterministic generator (mulberry32): the same demo on every machine. */
function generator(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, "0")}:00:00+07:00`);

export async function loadDemoReports(deps: {
  db: Executor;
  catalog: () => Promise<Catalog>;
  plans: PlanService;
  tasks: PlanTaskService;
  organisations: OrganisationService;
}): Promise<boolean> {
  const demo = demoFile.parse(JSON.parse(readFileSync(dataFile(DEMO_REPORTS_FILE), "utf8")));
  const catalog = await deps.catalog();
  const provinceUnitId = catalog.unitId("vn34", DEMO_PROVINCE_CODE)!;
  if ((await deps.plans.findByNumber(DEMO_ACTOR, demo.plan.number, [provinceUnitId])).length > 0) return false;
  const bodies = new Map((await deps.organisations.list(DEMO_ACTOR, provinceUnitId)).map((o) => [o.code, o]));
  const codes = demo.agencies.filter((code) => bodies.has(code));

  const plan = await deps.plans.create(DEMO_ACTOR, {
    provinceUnitId,
    indexCode: "PAPI",
    year: 2026,
    baselineYear: 2024,
    status: "issued",
    number: demo.plan.number,
    issuedOn: demo.plan.issuedOn,
    place: demo.plan.place,
    issuingBody: demo.plan.issuingBody,
    summary: demo.plan.summary,
    signerAuthority: demo.plan.signer.authority,
    signerTitle: demo.plan.signer.title,
    signerName: demo.plan.signer.name,
    subPlanDeadline: demo.plan.subPlanDeadline,
    source: DEMO_REPORTS_FILE,
  }, demo.targets.map((t) => ({ ...t, statedIncrease: null, group: null, rankTop: null, rankGain: null })));

  for (const task of demo.tasks) {
    await deps.tasks.create(
      DEMO_ACTOR,
      plan.id,
      {
        ref: task.ref,
        text: task.text,
        nodes: task.nodes,
        dueOn: null,
        recurrence: "quarterly",
        output: null,
        agencies: task.leads.filter((c) => bodies.has(c)).map((c) => ({ role: "lead" as const, organisationId: bodies.get(c)!.id, name: null })),
        indicators: task.indicators.map((i) => ({
          name: i.name,
          unit: i.unit,
          aggregation: i.aggregation,
          numeratorPosition: i.ratio?.[0] ?? null,
          denominatorPosition: i.ratio?.[1] ?? null,
          targetValue: null,
          valueType: i.valueType,
          required: i.required,
          notAbovePosition: i.notAbove ?? null,
        })),
      },
      { allowIssued: true },
    );
  }

  // The reports are written through the real service, on a clock that moves through the year.
  let clock = at(demo.plan.issuedOn, 9);
  const reports = createReportService({ db: deps.db, catalog: deps.catalog, now: () => clock });
  const regime = (await reports.setRegime(DEMO_ACTOR, plan.id, { periodKinds: ["quarter", "year"], agencies: codes.map((c) => ({ organisationId: bodies.get(c)!.id, level: "department" as const })) }))
    .regime;
  const random = generator(20260206);
  const stock = new Map<string, number>();
  const periodKeys = Object.keys(demo.timeline).sort();
  let lastPeriodStart = clock;

  for (const [index, periodKey] of periodKeys.entries()) {
    const step = demo.timeline[periodKey]!;
    const period = parsePeriodKey(periodKey)!;
    const deadline = addDays(period.to, regime.deadlineDays.department);
    lastPeriodStart = at(period.to, 7);
    for (const code of codes) {
      if (step.missing.includes(code)) continue;
      const body = bodies.get(code)!;
      const late = step.late.includes(code);
      const sendDay = late ? addDays(deadline, 1 + Math.floor(random() * 5)) : addDays(deadline, -Math.floor(random() * 4));
      clock = at(addDays(period.to, -3), 8 + Math.floor(random() * 3));
      let view = await reports.open(DEMO_ACTOR, regime.id, body.id, periodKey);
      const values: Record<string, number> = {};
      const figures = view.figures
        .filter((f) => !f.computed)
        .map((f) => {
          const spec = demo.tasks.flatMap((t) => t.indicators).find((i) => i.name === f.rule.name)!;
          let value: number;
          if (spec.aggregation === "latest" && spec.notAbove === undefined) {
            // A stock: the agency's procedures barely move from one quarter to the next.
            const key = `${code}:${spec.key}`;
            value = stock.get(key) ?? Math.round(spec.range![0] + random() * (spec.range![1] - spec.range![0]));
            stock.set(key, value);
          } else if (spec.notAbove !== undefined) {
            // Resolved ≤ received, online ≤ procedures: the sibling it may not exceed comes first in its task.
            const sibling = demo.tasks.find((t) => t.indicators.includes(spec))!.indicators[spec.notAbove]!;
            const ceiling = values[sibling.key] ?? 0;
            const share = spec.key === "online" ? Math.min(1, 0.55 + 0.12 * index + random() * 0.1) : random() < 0.75 ? 1 : 0.8;
            value = Math.floor(ceiling * share);
          } else {
            const [low, high] = spec.range ?? [0, 10];
            value = spec.valueType === "percent" ? Math.round((low + random() * (high - low)) * 10) / 10 : Math.round(low + random() * (high - low));
          }
          values[spec.key] = value;
          return { indicatorId: f.rule.id, value };
        });
      const fill = (template: string) => template.replace(/\{(\w+)\}/g, (_, key: string) => (key === "agency" ? body.name : String(values[key] ?? "")));
      const nodes = [...new Set(view.tasks.flatMap((t) => t.task.nodes.filter((n) => /^D\d+$/.test(n))))];
      const sections = Object.fromEntries(
        nodes.map((node) => {
          const variants = demo.narratives[node] ?? [];
          const usable = variants.filter((v) => [...v.matchAll(/\{(\w+)\}/g)].every(([, key]) => key === "agency" || values[key!] !== undefined));
          return [node, usable.map(fill).join("\n")];
        }),
      );
      const pick = (list: string[]) => list[Math.floor(random() * list.length)]!;
      view = await reports.save(DEMO_ACTOR, view.report.id, {
        version: view.report.version,
        sections,
        difficulties: pick(demo.general.difficulties),
        proposals: pick(demo.general.proposals),
        nextTasks: pick(demo.general.nextTasks),
        tasks: view.tasks.map((t) => {
          const onTrack = Math.min(100, Math.round(25 + 25 * index + random() * 30));
          const overdue = (step.overdue[code] ?? []).includes(t.task.ref ?? "");
          const slow = step.slow.includes(t.task.ref ?? "");
          const progress = overdue ? Math.round(20 + random() * 15) : slow ? Math.round(15 + 10 * index + random() * 10) : onTrack;
          const status = overdue ? "overdue" : progress >= 100 ? "done" : "in-progress";
          return { taskId: t.task.id, status, progress, narrative: demo.taskNarratives[status] ?? null };
        }),
        figures,
      });
      const target = step.statuses[code] ?? "accepted";
      if (target === "draft") continue;
      // The officer submits the day before; the leader approves — sends — on the send day.
      clock = at(addDays(sendDay, -1), 9 + Math.floor(random() * 7));
      view = await reports.act(DEMO_ACTOR, view.report.id, "submit", { version: view.report.version });
      if (target === "submitted") continue;
      clock = at(sendDay, 8 + Math.floor(random() * 8));
      view = await reports.act(DEMO_ACTOR, view.report.id, "approve", { version: view.report.version });
      if (target === "approved") continue;
      clock = new Date(clock.getTime() + (20 + random() * 48) * 3600_000);
      if (target === "returned") {
        await reports.act(DEMO_ACTOR, view.report.id, "return", { version: view.report.version, reason: step.returnReason ?? "Đề nghị bổ sung số liệu." });
        continue;
      }
      await reports.act(DEMO_ACTOR, view.report.id, "accept", { version: view.report.version });
    }
  }
  // What happened before the last quarter has long been read.
  await deps.db.update(notifications).set({ readAt: lastPeriodStart }).where(lt(notifications.createdAt, lastPeriodStart));
  return true;
}
