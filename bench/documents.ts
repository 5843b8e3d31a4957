/**
 * `npm run bench:documents`: the official documents on the demonstration data (embedded database).
 *
 * For each template — the Lào Cai 2019 plan (13 pages), the Bắc Kạn 2021 analysis, an agency's quarter report
 * and the quarter's consolidated report — the time to gather the data and fill the template, to build the
 * .docx, and to convert it to PDF through LibreOffice (when installed). Beside them, in the same process, the
 * time to build a one-paragraph document: the floor the `docx` library's packing sets (the ratio to watch).
 *
 * Medians of BENCH_RUNS (default 7; PDF: 3). Results go to the terminal and bench/results/documents-<date>.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startServices } from "../src/compose.ts";
import { loadConfig } from "../src/config.ts";
import { buildDocx } from "../src/documents/builder.ts";
import type { OfficialDocument } from "../src/documents/model.ts";
import { convertToPdf, findLibreOffice } from "../src/documents/pdf.ts";
import { SYSTEM_ACTOR } from "../src/services/actor.ts";
import { median } from "./lib/stats.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const PDF_RUNS = Math.min(RUNS, 3);

async function time<T>(runs: number, work: () => Promise<T>): Promise<{ ms: number; last: T }> {
  const samples: number[] = [];
  let last!: T;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = await work();
    samples.push(performance.now() - t);
  }
  return { ms: median(samples), last };
}

const started = new Date();
console.log(`Chỉ Số documents benchmark — ${started.toISOString()} — ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}`);
const dir = mkdtempSync(join(tmpdir(), "chiso-bench-documents-"));
const { services } = await startServices(loadConfig({}, { dataDir: dir, demo: true, logRequests: false }));
const results: Record<string, unknown> = {};
try {
  const libreOffice = findLibreOffice();
  const [laoCai] = await services.plans.findByNumber(SYSTEM_ACTOR, "170/KH-UBND");
  const demoPlan = (await services.plans.list(SYSTEM_ACTOR)).find((p) => p.number === "25/KH-UBND")!;
  const regime = await services.reports.regime(SYSTEM_ACTOR, demoPlan.id);
  const regimeId = regime!.regime.id;
  const q3 = await services.reports.completeness(SYSTEM_ACTOR, regimeId, "2026-Q3");
  const sentReport = q3.agencies.find((a) => a.reportId !== null && a.sentOn !== null)!.reportId!;

  const floor = await time(RUNS * 3, () =>
    buildDocx({
      header: { parentBody: null, issuingBody: "SỞ NỘI VỤ", numberLine: "Số: 01/BC-SNV", placeDate: "Lào Cai, ngày 01 tháng 01 năm 2026" },
      typeName: "BÁO CÁO",
      summary: "Thử",
      addressees: [],
      body: [{ kind: "paragraph", text: "Một đoạn." }],
      recipients: [],
      archive: "VT",
      signature: { authority: null, title: "GIÁM ĐỐC", name: null },
      appendices: [],
      title: "Thử",
    }),
  );
  console.log(`\nfloor: a one-paragraph document builds in ${floor.ms.toFixed(1)} ms (median of ${RUNS * 3})`);

  const templates: [string, () => Promise<OfficialDocument>][] = [
    ["plan 170/KH-UBND (Lào Cai 2019)", () => services.documents.plan(SYSTEM_ACTOR, laoCai!.id)],
    ["analysis Bắc Kạn 2021", () => services.documents.analysis(SYSTEM_ACTOR, "Bắc Kạn", "PAPI", 2021)],
    ["agency report, 2026 Q3", () => services.documents.agencyReport(SYSTEM_ACTOR, sentReport)],
    ["consolidated report, 2026 Q3", () => services.documents.provinceReport(SYSTEM_ACTOR, regimeId, "2026-Q3")],
  ];
  console.log("\n| document | fill (data + template) | build .docx | .docx ÷ floor | size | PDF (LibreOffice) |");
  console.log("|---|---|---|---|---|---|");
  for (const [name, fill] of templates) {
    const filled = await time(RUNS, fill);
    const built = await time(RUNS, () => buildDocx(filled.last));
    const pdf = libreOffice ? await time(PDF_RUNS, () => convertToPdf(built.last, libreOffice)) : null;
    results[name] = { fillMs: filled.ms, buildMs: built.ms, ratioToFloor: built.ms / floor.ms, docxBytes: built.last.length, pdfMs: pdf?.ms ?? null, pdfBytes: pdf?.last.length ?? null };
    console.log(
      `| ${name} | ${filled.ms.toFixed(1)} ms | ${built.ms.toFixed(1)} ms | ${(built.ms / floor.ms).toFixed(1)} × | ${(built.last.length / 1024).toFixed(1)} KB | ${pdf ? `${pdf.ms.toFixed(0)} ms` : "LibreOffice not installed"} |`,
    );
  }
  results.floorMs = floor.ms;
  mkdirSync(join(ROOT, "bench/results"), { recursive: true });
  const out = join(ROOT, `bench/results/documents-${started.toISOString().slice(0, 10)}.json`);
  writeFileSync(out, `${JSON.stringify({ started: started.toISOString(), machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version }, runs: RUNS, pdfRuns: PDF_RUNS, results }, null, 2)}\n`);
  console.log(`\n→ ${out}`);
} finally {
  await services.close();
  rmSync(dir, { recursive: true, force: true });
}
