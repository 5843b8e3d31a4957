/**
 * `npm run bench:reports`: periodic reporting at a large province's size, on the embedded database.
 *
 * - consolidating a quarter for 120 agencies × 60 tasks × 30 figures (7,200 task rows, 3,600 figures), beside
 *   reading the same rows without computing anything, in the same process: the ratio is the figure to watch;
 * - the report form's save (PATCH over its version, through the whole HTTP stack with sessions and CSRF)
 *   under 50 concurrent writers, each on its own report, beside the health route under the same load.
 *
 * Medians of repeated runs; BENCH_RUNS (default 5) and BENCH_SECONDS (default 5) trade time for precision.
 * Results go to the terminal and bench/results/reports-<date>.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { inArray } from "drizzle-orm";
import { createServices } from "../src/compose.ts";
import { loadConfig } from "../src/config.ts";
import { openDatabase } from "../src/db/client.ts";
import { agencyReportFigures, agencyReports, agencyReportTasks, organisations, planTaskAgencies, planTaskIndicators, planTasks } from "../src/db/schema.ts";
import { createApp } from "../src/http/app.ts";
import { SYSTEM_ACTOR } from "../src/services/actor.ts";
import { syncReferenceData } from "../src/services/reference-data.ts";
import { median, percentile } from "./lib/stats.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const AGENCIES = 120;
const TASKS = 60;
const FIGURES = 30;
const WRITERS = 50;
const PASSWORD = "mật khẩu đo hiệu năng 2026";

const started = new Date();
console.log(`Chỉ Số reporting benchmark — ${started.toISOString()} — ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}`);
const dir = mkdtempSync(join(tmpdir(), "chiso-bench-reports-"));
const database = await openDatabase({ dataDir: dir });
const results: Record<string, unknown> = {};
try {
  const services = createServices(database, loadConfig({}, { dataDir: dir, logRequests: false }));
  await syncReferenceData(database.db);
  const db = database.db;
  const catalog = await services.results.catalog();
  const province = catalog.unitId("vn34", "15")!;
  await services.organisations.setupProvince(SYSTEM_ACTOR, province, { communes: true });
  const bodies = (await services.organisations.list(SYSTEM_ACTOR, province)).slice(0, AGENCIES);
  if (bodies.length < AGENCIES) throw new Error(`only ${bodies.length} bodies`);

  console.log(`\nSetting up: ${AGENCIES} agencies × ${TASKS} tasks × ${FIGURES} figures …`);
  const plan = await services.plans.create(SYSTEM_ACTOR, {
    provinceUnitId: province,
    indexCode: "PAPI",
    year: 2026,
    baselineYear: 2024,
    status: "issued",
    number: "1/KH-BENCH",
    issuedOn: "2026-01-05",
    issuingBody: "ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
    summary: "Kế hoạch đo hiệu năng",
  });
  const nodes = ["D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8"];
  const tasks = await db
    .insert(planTasks)
    .values(Array.from({ length: TASKS }, (_, i) => ({ planId: plan.id, position: i, ref: `II.${i + 1}`, text: `Nhiệm vụ ${i + 1}`, nodes: [nodes[i % 8]!] })))
    .returning({ id: planTasks.id });
  await db.insert(planTaskAgencies).values(tasks.flatMap((t) => bodies.map((b) => ({ taskId: t.id, role: "lead" as const, organisationId: b.id, name: b.name }))));
  const indicators = await db
    .insert(planTaskIndicators)
    .values(Array.from({ length: FIGURES }, (_, i) => ({ taskId: tasks[i % TASKS]!.id, position: Math.floor(i / TASKS), name: `Chỉ số ${i + 1}`, aggregation: i % 5 === 4 ? ("average" as const) : ("sum" as const) })))
    .returning({ id: planTaskIndicators.id });
  const regime = (await services.reports.setRegime(SYSTEM_ACTOR, plan.id, {})).regime.id;
  const reports = await db
    .insert(agencyReports)
    .values(bodies.map((b) => ({ regimeId: regime, organisationId: b.id, periodKey: "2026-Q1", status: "accepted" as const, sections: Object.fromEntries(nodes.map((n) => [n, `Kết quả ${n} của ${b.name}.`])) })))
    .returning({ id: agencyReports.id });
  for (const report of reports) {
    await db.insert(agencyReportTasks).values(tasks.map((t, i) => ({ reportId: report.id, taskId: t.id, status: "in-progress" as const, progress: (i * 7) % 100, narrative: "Đang thực hiện." })));
    await db.insert(agencyReportFigures).values(indicators.map((f, i) => ({ reportId: report.id, indicatorId: f.id, value: (i * 13) % 50 })));
  }

  // ---- consolidation vs reading the same rows ---------------------------------------------------------
  const ids = reports.map((r) => r.id);
  const consolidate: number[] = [];
  const read: number[] = [];
  await services.reports.consolidate(SYSTEM_ACTOR, regime, "2026-Q1"); // warm-up
  for (let i = 0; i < RUNS * 3; i += 1) {
    let t = performance.now();
    const c = await services.reports.consolidate(SYSTEM_ACTOR, regime, "2026-Q1");
    consolidate.push(performance.now() - t);
    if (c.reports !== AGENCIES || c.figures.length !== FIGURES) throw new Error("consolidation incomplete");
    t = performance.now();
    await db.select().from(agencyReports).where(inArray(agencyReports.id, ids));
    await db.select().from(agencyReportTasks).where(inArray(agencyReportTasks.reportId, ids));
    await db.select().from(agencyReportFigures).where(inArray(agencyReportFigures.reportId, ids));
    read.push(performance.now() - t);
  }
  results.consolidation = { agencies: AGENCIES, tasks: TASKS, figures: FIGURES, consolidateMs: consolidate, readRowsMs: read };
  console.log(`\nConsolidating a quarter (${AGENCIES} agencies, ${AGENCIES * TASKS} task rows, ${AGENCIES * FIGURES} figures)`);
  console.log(`  consolidate: median ${median(consolidate).toFixed(0)} ms (p95 ${percentile(consolidate, 0.95).toFixed(0)} ms)`);
  console.log(`  reading the same rows only: median ${median(read).toFixed(0)} ms`);
  console.log(`  consolidate ÷ read: ${(median(consolidate) / median(read)).toFixed(2)} ×`);

  // ---- the form's save under 50 concurrent writers -----------------------------------------------------
  const { app } = createApp(services, { webRoot: null });
  const writers: { report: number; headers: Record<string, string>; version: number }[] = [];
  const open = await db.select().from(organisations).where(inArray(organisations.id, bodies.slice(0, WRITERS).map((b) => b.id)));
  for (const [i, body] of open.entries()) {
    const username = `bench.writer.${i}`;
    await services.people.create(SYSTEM_ACTOR, { username, fullName: `Người đo ${i}`, password: PASSWORD, roles: [{ role: "officer", organisationId: body.id }] });
    const login = await app.request("/api/v1/auth/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ login: username, password: PASSWORD }) });
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const headers = { Cookie: cookie, "X-CSRF-Token": csrfToken, "Content-Type": "application/json" };
    const opened = await app.request(`/api/v1/regimes/${regime}/reports`, { method: "POST", headers, body: JSON.stringify({ organisationId: body.id, period: "2026-Q2" }) });
    if (opened.status !== 200) throw new Error(`open: ${opened.status} ${await opened.text()}`);
    const view = (await opened.json()) as { report: { id: number; version: number } };
    writers.push({ report: view.report.id, headers, version: view.report.version });
  }
  const load = async (request: (w: (typeof writers)[number], n: number) => Promise<Response>) => {
    const latencies: number[] = [];
    let failures = 0;
    const until = performance.now() + SECONDS * 1000;
    await Promise.all(
      writers.map(async (w) => {
        let n = 0;
        while (performance.now() < until) {
          const t = performance.now();
          const response = await request(w, (n += 1));
          latencies.push(performance.now() - t);
          if (response.status !== 200) failures += 1;
        }
      }),
    );
    return { p50: median(latencies), p95: percentile(latencies, 0.95), perSecond: latencies.length / SECONDS, failures };
  };
  const save = async (w: (typeof writers)[number], n: number) => {
    const response = await app.request(`/api/v1/reports/${w.report}`, {
      method: "PATCH",
      headers: w.headers,
      body: JSON.stringify({ version: w.version, difficulties: `Khó khăn lần lưu ${n}.`, figures: [{ indicatorId: indicators[0]!.id, value: n }] }),
    });
    if (response.status === 200) w.version = ((await response.json()) as { report: { version: number } }).report.version;
    return response;
  };
  const health = async (w: (typeof writers)[number]) => app.request("/api/v1/health", { headers: { Cookie: w.headers.Cookie! } });
  const saves = [];
  const baselines = [];
  for (let i = 0; i < RUNS; i += 1) {
    saves.push(await load(save));
    baselines.push(await load(health));
  }
  const m = (list: { p50: number; p95: number; perSecond: number }[], key: "p50" | "p95" | "perSecond") => median(list.map((x) => x[key]));
  results.save = { writers: WRITERS, seconds: SECONDS, saves, health: baselines };
  console.log(`\nThe report form's save under ${WRITERS} concurrent writers (in-process HTTP stack, ${SECONDS} s × ${RUNS} runs)`);
  console.log(`  save: p50 ${m(saves, "p50").toFixed(1)} ms, p95 ${m(saves, "p95").toFixed(1)} ms, ${m(saves, "perSecond").toFixed(0)} saves/s, failures ${saves.reduce((s, x) => s + x.failures, 0)}`);
  console.log(`  health route, same load: p50 ${m(baselines, "p50").toFixed(1)} ms, p95 ${m(baselines, "p95").toFixed(1)} ms, ${m(baselines, "perSecond").toFixed(0)} req/s`);
  console.log(`  save ÷ health: p95 ${(m(saves, "p95") / m(baselines, "p95")).toFixed(1)} ×, throughput ${(m(saves, "perSecond") / m(baselines, "perSecond")).toFixed(2)} ×`);
} finally {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}
mkdirSync(join(ROOT, "bench/results"), { recursive: true });
const file = join(ROOT, "bench/results", `reports-${started.toISOString().slice(0, 10)}.json`);
writeFileSync(file, `${JSON.stringify({ date: started.toISOString(), machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGiB: totalmem() / 2 ** 30 }, runs: RUNS, ...results }, null, 2)}\n`);
console.log(`\nWritten to ${file}`);
