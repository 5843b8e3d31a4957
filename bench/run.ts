/**
 * `npm run bench`: how fast Chỉ Số starts, imports and answers, measured on this machine.
 *
 * - first start on an empty data directory (process start → health answering), and a restart;
 * - import of the full official results file (22,176 rows) into a fresh database, and re-import;
 * - rankings and profile API under 50 concurrent connections, beside the same JSON bytes served as a
 *   static file by the same HTTP stack in the same run: the ratios are the figures to watch;
 * - sign-in (argon2id) one after another, and signed-in pages under the same load: a province's agencies
 *   (session lookup, permission and scope checks, the query), the evaluation of plan 170/KH-UBND (targets,
 *   per dimension with its tasks, the overview) and Lào Cai's 2020 draft read from the 2019 results and that plan.
 *
 * Every figure is the median of repeated runs. Results go to the terminal and bench/results/<date>.json.
 * BENCH_RUNS (default 3) and BENCH_SECONDS (default 8) trade time for precision.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createServices } from "../src/compose.ts";
import { loadConfig } from "../src/config.ts";
import { openDatabase } from "../src/db/client.ts";
import { syncReferenceData } from "../src/services/reference-data.ts";
import { OFFICIAL_RESULTS_FILE } from "../src/services/shipped-data.ts";
import { load, type LoadResult } from "./lib/load.ts";
import { median } from "./lib/stats.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 50;
let nextPort = 3900;

interface Row {
  what: string;
  value: string;
  detail?: string;
}
const rows: Row[] = [];
const json: Record<string, unknown> = {};

function report(what: string, value: string, detail?: string) {
  rows.push({ what, value, detail });
  console.log(`  ${what}: ${value}${detail ? `  (${detail})` : ""}`);
}

const ms = (n: number) => `${n.toFixed(0)} ms`;
const fileName = (name: string) => name.replace(/[^a-z0-9]+/gi, "-");

async function waitFor(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

function startServer(dataDir: string, port: number, extraEnv: Record<string, string> = {}): { child: ChildProcess; started: number } {
  const started = performance.now();
  const child = spawn(process.execPath, ["bin/chiso.mjs", "serve", "--port", String(port)], {
    cwd: ROOT,
    env: { ...process.env, CHISO_DATA_DIR: dataDir, CHISO_LOG_REQUESTS: "0", DATABASE_URL: "", ...extraEnv },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return { child, started };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

async function benchStartup(): Promise<string> {
  console.log("\nStart-up (process start → /api/v1/health answers)");
  const first: number[] = [];
  const again: number[] = [];
  let keptDir = "";
  for (let i = 0; i < RUNS; i += 1) {
    const dir = mkdtempSync(join(tmpdir(), "chiso-bench-"));
    const port = nextPort++;
    let run = startServer(dir, port);
    await waitFor(`http://127.0.0.1:${port}/api/v1/health`, run.child);
    first.push(performance.now() - run.started);
    await stop(run.child);
    run = startServer(dir, port);
    await waitFor(`http://127.0.0.1:${port}/api/v1/health`, run.child);
    again.push(performance.now() - run.started);
    await stop(run.child);
    if (i === 0) keptDir = dir;
    else rmSync(dir, { recursive: true, force: true });
  }
  json.startup = { firstStartMs: first, restartMs: again };
  report("first start, empty data directory", ms(median(first)), `runs ${first.map((x) => x.toFixed(0)).join(", ")} ms`);
  report("restart, data already loaded", ms(median(again)), `runs ${again.map((x) => x.toFixed(0)).join(", ")} ms`);
  return keptDir;
}

async function benchImport(): Promise<void> {
  console.log("\nImport of the official results file (22,176 rows) into a fresh embedded database");
  const bytes = readFileSync(OFFICIAL_RESULTS_FILE);
  const fresh: number[] = [];
  const again: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const dir = mkdtempSync(join(tmpdir(), "chiso-bench-import-"));
    const database = await openDatabase({ dataDir: dir });
    try {
      const services = createServices(database, loadConfig({}, { dataDir: dir, logRequests: false }));
      await syncReferenceData(database.db);
      let t = performance.now();
      const report1 = await services.importer.importResults({ bytes, fileName: "official.csv", actor: "bench" });
      fresh.push(performance.now() - t);
      if (report1.scores.inserted < 20_000) throw new Error("import did not insert the rows");
      t = performance.now();
      await services.importer.importResults({ bytes, fileName: "official.csv", actor: "bench" });
      again.push(performance.now() - t);
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  json.import = { freshMs: fresh, reimportMs: again };
  report("import into an empty database", ms(median(fresh)), `runs ${fresh.map((x) => x.toFixed(0)).join(", ")} ms`);
  report("re-import, nothing changes", ms(median(again)), `runs ${again.map((x) => x.toFixed(0)).join(", ")} ms`);
}

async function benchApi(dataDir: string): Promise<void> {
  console.log(`\nAPI under ${CONNECTIONS} connections, ${SECONDS} s per run, ${RUNS} runs (medians), beside a static file`);
  const port = nextPort++;
  const staticPort = nextPort++;
  // Demo mode gives the signed-in measurements a province and people (set up on this start).
  const server = startServer(dataDir, port, { CHISO_DEMO: "1" });
  await waitFor(`http://127.0.0.1:${port}/api/v1/health`, server.child);
  const staticDir = mkdtempSync(join(tmpdir(), "chiso-bench-static-"));
  const staticServer = spawn(process.execPath, ["--import", "tsx", "bench/static-server.ts", staticDir, String(staticPort)], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const endpoints: Record<string, string> = {
    rankings: "/api/v1/indices/PAPI/years/2021/rankings",
    profile: "/api/v1/indices/PAPI/years/2021/provinces/06",
    "agencies (signed in)": "/api/v1/provinces/15/organisations",
  };
  const signIn = async () => {
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ login: "demo.dieuphoi", password: "ChiSo-demo-2026" }),
    });
    if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
    return response.headers.get("set-cookie")!.split(";")[0]!;
  };
  const results: Record<string, unknown> = {};
  try {
    await waitFor(`http://127.0.0.1:${staticPort}/`, staticServer).catch(() => undefined);
    const logins: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      const t = performance.now();
      await signIn();
      logins.push(performance.now() - t);
    }
    results.signIn = { ms: logins };
    report("sign-in, one after another (argon2id 19 MiB)", ms(median(logins)), `median of ${logins.length}`);
    const cookie = await signIn();
    const plans = (await (await fetch(`http://127.0.0.1:${port}/api/v1/plans`, { headers: { Cookie: cookie } })).json()) as { id: number; number: string }[];
    const laoCai = plans.find((p) => p.number === "170/KH-UBND")!.id;
    endpoints["plan evaluation (signed in)"] = `/api/v1/plans/${laoCai}/evaluation`;
    endpoints["next-year draft preview (signed in)"] = `/api/v1/provinces/vn63-10/plans/next-draft?year=2020&fromPlan=${laoCai}`;
    for (const [name, path] of Object.entries(endpoints)) {
      const headers = name.includes("signed in") ? { Cookie: cookie } : undefined;
      const body = await (await fetch(`http://127.0.0.1:${port}${path}`, { ...(headers ? { headers } : {}) })).arrayBuffer();
      writeFileSync(join(staticDir, `${fileName(name)}.json`), Buffer.from(body));
      const api: LoadResult[] = [];
      const computed: LoadResult[] = [];
      const file: LoadResult[] = [];
      const options = { connections: CONNECTIONS, ...(headers ? { headers } : {}) };
      await load(`http://127.0.0.1:${port}${path}`, { ...options, seconds: 2 }); // warm-up
      for (let i = 0; i < RUNS; i += 1) {
        api.push(await load(`http://127.0.0.1:${port}${path}`, { ...options, seconds: SECONDS }));
        computed.push(await load(`http://127.0.0.1:${port}${path}`, { ...options, seconds: SECONDS, distinct: true }));
        file.push(await load(`http://127.0.0.1:${staticPort}/${fileName(name)}.json`, { connections: CONNECTIONS, seconds: SECONDS }));
      }
      const m = (list: LoadResult[], key: keyof LoadResult) => median(list.map((r) => r[key] as number));
      const failures = [...api, ...computed, ...file].reduce((n, r) => n + r.errors + r.non2xx, 0);
      results[name] = { path, bytes: body.byteLength, api, computedEachTime: computed, staticFile: file };
      const line = (list: LoadResult[]) =>
        `p50 ${m(list, "p50").toFixed(1)} ms, p95 ${m(list, "p95").toFixed(1)} ms, ${m(list, "requestsPerSecond").toFixed(0)} req/s`;
      const ratio = (list: LoadResult[]) =>
        `throughput ${(m(list, "requestsPerSecond") / m(file, "requestsPerSecond")).toFixed(2)} × static, p95 ${(m(list, "p95") / Math.max(m(file, "p95"), 0.1)).toFixed(2)} × static`;
      report(`${name} API (${(body.byteLength / 1024).toFixed(1)} KB)`, line(api), failures ? `${failures} failed requests` : undefined);
      report(`  same bytes as a static file`, line(file));
      report(`  API ÷ static`, ratio(api));
      report(`  API, answer computed every time`, line(computed));
      report(`  computed ÷ static`, ratio(computed));
    }
  } finally {
    await stop(server.child);
    await stop(staticServer);
    rmSync(staticDir, { recursive: true, force: true });
  }
  json.api = { connections: CONNECTIONS, seconds: SECONDS, ...results };
}

const started = new Date();
console.log(
  `Chỉ Số benchmark — ${started.toISOString()} — ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
const dataDir = await benchStartup();
await benchImport();
await benchApi(dataDir);
rmSync(dataDir, { recursive: true, force: true });

console.log("\nSummary");
const width = Math.max(...rows.map((r) => r.what.length));
for (const row of rows) console.log(`${row.what.padEnd(width)}  ${row.value}`);
mkdirSync(join(ROOT, "bench/results"), { recursive: true });
const file = join(ROOT, "bench/results", `${started.toISOString().slice(0, 10)}.json`);
writeFileSync(
  file,
  `${JSON.stringify(
    {
      date: started.toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGiB: totalmem() / 2 ** 30, node: process.version },
      runs: RUNS,
      ...json,
    },
    null,
    2,
  )}\n`,
);
console.log(`\nWritten to ${file}`);
