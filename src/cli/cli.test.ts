/**
 * The real `chiso` command (node bin/chiso.mjs), as a user runs it, on its own embedded database in a
 * fresh data directory: answers, JSON for scripts, languages, exit codes, imports, the data-dir lock.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const OFFICIAL_FILE = join(ROOT, "data/papi/papi_subdimension_scores_2011_2024.csv");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

let dataDir: string;

/** The environment of a user who has set nothing but the data directory. */
function environment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith("CHISO_") || ["DATABASE_URL", "PORT", "HOST", "NODE_OPTIONS"].includes(key)) delete env[key];
  }
  return { ...env, CHISO_DATA_DIR: dataDir, ...extra };
}

function start(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ["bin/chiso.mjs", ...args], { cwd: ROOT, env: environment(env), stdio: ["ignore", "pipe", "pipe"] });
}

function finish(child: ChildProcess): Promise<Run> {
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const chiso = (args: string[], env: Record<string, string> = {}) => finish(start(args, env));

/** stderr without the "opening the database…" notice a slow start prints. */
const PROGRESS = /^(Đang chuẩn bị cơ sở dữ liệu|Đang mở cơ sở dữ liệu|Preparing the database|Opening the database)/;
const messages = (stderr: string) =>
  stderr
    .split("\n")
    .filter((line) => line && !PROGRESS.test(line))
    .join("\n");

async function json(args: string[]): Promise<Json> {
  const run = await chiso([...args, "--json"]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

async function file(name: string, text: string): Promise<string> {
  const path = join(dataDir, name);
  await writeFile(path, text);
  return path;
}

describe("the chiso command", { timeout: 120_000 }, () => {
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "chiso-cli-"));
  });
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  test("analyze --json: one JSON object with the province's figures (the first run seeds the database)", async () => {
    const run = await chiso(["analyze", "--province", "Bắc Kạn", "--year", "2021", "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const data = JSON.parse(run.stdout);
    expect(data.province).toMatchObject({ code: "06", name: "Bắc Kạn" });
    expect(data).toMatchObject({ year: 2021, total: 42.1529, rank: 34 });
    expect(["highest", "high-average", "low-average", "lowest"]).toContain(data.group);
    expect(data.group).toBe("low-average");
    expect(data.dimensions).toHaveLength(8);
    for (const d of data.dimensions) {
      expect(d).toEqual(
        expect.objectContaining({ code: expect.stringMatching(/^D\d$/), score: expect.any(Number), max: 10, rank: expect.any(Number) }),
      );
      expect(["highest", "high-average", "low-average", "lowest"]).toContain(d.group);
    }
    expect(data.subdimensions).toHaveLength(28);
    for (const s of data.subdimensions) {
      expect(s).toEqual(
        expect.objectContaining({
          code: expect.stringMatching(/^\d\.\d$/),
          score: expect.any(Number),
          max: expect.any(Number),
          ratio: expect.any(Number),
          weak: expect.any(Boolean),
        }),
      );
      expect(s.weak).toBe(s.ratio < 0.4);
    }
    expect(data.subdimensions.filter((s: Json) => s.weak).map((s: Json) => s.code)).toEqual(
      expect.arrayContaining(["1.1", "1.4", "2.1", "3.2", "7.3", "8.1", "8.3"]),
    );
  });

  test("the province may be written without diacritics or as its code", async () => {
    const reference = await json(["analyze", "--province", "Bắc Kạn", "--year", "2021"]);
    expect(await json(["analyze", "--province", "Bac Kan", "--year", "2021"])).toEqual(reference);
    expect(await json(["analyze", "--province", "06", "--year", "2021"])).toEqual(reference);
  });

  test("rankings --json: 63 rows of {province {code, name}, score, rank, group}", async () => {
    const rows = await json(["rankings", "--year", "2021"]);
    expect(rows).toHaveLength(63);
    for (const row of rows) {
      expect(Object.keys(row.province).sort()).toEqual(["code", "name"]);
      expect(row).toHaveProperty("score");
      expect(row).toHaveProperty("rank");
      expect(row).toHaveProperty("group");
    }
    expect(rows[0]).toMatchObject({ rank: 1, province: { code: "46", name: "Thừa Thiên Huế" } });
    expect(rows.find((r: Json) => r.province.code === "06")).toMatchObject({ score: 42.1529, rank: 34, group: "low-average" });
    expect(rows.filter((r: Json) => r.rank === null)).toHaveLength(3);
  });

  test("rankings --dimension D1: the ranking on that dimension", async () => {
    const rows = await json(["rankings", "--year", "2021", "--dimension", "D1"]);
    expect(rows).toHaveLength(63);
    expect(rows.find((r: Json) => r.province.code === "06")).toMatchObject({ score: 4.8581, rank: 25 });
    const scores = rows.filter((r: Json) => r.score !== null).map((r: Json) => r.score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
    expect(scores.every((s: number) => s <= 10)).toBe(true);
    const human = await chiso(["rankings", "--year", "2021", "--dimension", "d1"]);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain("PAPI 2021 — D1 Tham gia của người dân ở cấp cơ sở (/10)");
  });

  test("the human output is in Vietnamese", async () => {
    const analyze = await chiso(["analyze", "--province", "Bắc Kạn", "--year", "2021"]);
    expect(analyze.code).toBe(0);
    expect(analyze.stdout).toContain("PAPI 2021 — Tỉnh Bắc Kạn");
    expect(analyze.stdout).toContain("42,153/80 điểm, giảm 0,570 điểm so với năm 2020");
    expect(analyze.stdout).toContain("giảm 02 bậc");
    expect(analyze.stdout).toMatch(/Mã\s+Chỉ số nội dung\s+Điểm\s+Hạng\s+Nhóm/);
    expect(analyze.stdout).toMatch(/D1\s+Tham gia của người dân ở cấp cơ sở\s+4,86\/10 ▼\s+25/);
    expect(analyze.stdout).toContain("Nội dung thành phần");
    const rankings = await chiso(["rankings", "--year", "2021"]);
    expect(rankings.stdout).toMatch(/Hạng\s+Mã\s+Tỉnh, thành phố\s+Điểm/);
    expect(rankings.stdout).toMatch(/34\s+06\s+Bắc Kạn\s+42,1529\s+Nhóm đạt điểm trung bình thấp \(chính thức\)/);
    expect(rankings.stdout).toContain("Cả nước: n=60");
  });

  test("--lang en, or CHISO_LANG=en, gives English", async () => {
    const analyze = await chiso(["--lang", "en", "analyze", "--province", "Bac Kan", "--year", "2021"]);
    expect(analyze.code).toBe(0);
    expect(analyze.stdout).toContain("In the PAPI 2021 results, Bắc Kạn province scored 42.153/80");
    expect(analyze.stdout).toMatch(/Code\s+Dimension\s+Score\s+Rank\s+Group/);
    expect(analyze.stdout).toContain("Participation at Local Levels");
    expect(analyze.stdout).not.toContain("điểm");
    const rankings = await chiso(["rankings", "--year", "2021"], { CHISO_LANG: "en" });
    expect(rankings.stdout).toContain("PAPI 2021 — Aggregate index (/80)");
    expect(rankings.stdout).toMatch(/34\s+06\s+Bắc Kạn\s+42\.1529\s+Low-average/i);
  });

  test("an unknown province exits 3 with a message in the user's language on stderr", async () => {
    const vi = await chiso(["analyze", "--province", "Hà Tây", "--year", "2021"]);
    expect(vi.code).toBe(3);
    expect(vi.stdout).toBe("");
    expect(messages(vi.stderr)).toBe("Không tìm thấy tỉnh, thành phố «Hà Tây» trong danh mục năm 2021.");
    expect(vi.stderr).not.toContain("lần chạy đầu tiên"); // the database was seeded long ago
    const en = await chiso(["--lang", "en", "analyze", "--province", "Hà Tây", "--year", "2021"]);
    expect(en.code).toBe(3);
    expect(messages(en.stderr)).toBe('No province "Hà Tây" in the 2021 list.');
  });

  test("a year without results exits 3 saying so, even for a province the 2025 list lacks", async () => {
    const run = await chiso(["analyze", "--province", "06", "--year", "2030"]);
    expect(run.code).toBe(3);
    expect(messages(run.stderr)).toBe("Chưa có kết quả PAPI năm 2030. Các năm đã có: 2011–2024.");
    const dimension = await chiso(["rankings", "--year", "2021", "--dimension", "D9"]);
    expect(dimension.code).toBe(3);
    expect(dimension.stderr).toContain("không có chỉ số nội dung «D9»");
  });

  test("a malformed argument exits 2 with the reason and the usage, without touching the database", async () => {
    const run = await chiso(["analyze", "--province", "Bắc Kạn", "--year", "20x1"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("'20x1' is invalid");
    expect(run.stderr).toContain("năm bốn chữ số, ví dụ 2021");
    expect(run.stderr).toContain("Usage: chiso analyze");
    const missing = await chiso(["analyze", "--year", "2021"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--province");
    const help = await chiso(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: chiso");
  });

  test("importing a file with bad rows exits 4, lists each row, and changes nothing", async () => {
    const before = await json(["analyze", "--province", "06", "--year", "2021"]);
    const rankingsBefore = await json(["rankings", "--year", "2021"]);
    const bad = await file(
      "sai.csv",
      ["year,gso_code_old,subdimension,score", "2021,06,1.2,1.9", "2021,06,1.3,9.9", "2021,10,1.1,abc"].join("\n"),
    );
    const run = await chiso(["import", "results", bad]);
    expect(run.code).toBe(4);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("Tệp «sai.csv» không nhập được: 2 lỗi. Dữ liệu đã lưu không thay đổi.");
    expect(run.stderr).toMatch(/^- Dòng 3, cột «score»: Điểm 9\.9 nằm ngoài thang điểm/m);
    expect(run.stderr).toMatch(/^- Dòng 4, cột «score»: «abc» không phải là số/m);
    expect(await json(["rankings", "--year", "2021"])).toEqual(rankingsBefore);
    expect(await json(["analyze", "--province", "06", "--year", "2021"])).toEqual(before);
  });

  test("importing the official file again reports that nothing changed", async () => {
    const run = await chiso(["import", "results", OFFICIAL_FILE]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("Đã nhập «papi_subdimension_scores_2011_2024.csv» (CSV, 22.176 dòng, năm 2011–2024)");
    expect(run.stdout).toMatch(/mới 0 · thay đổi 0 · gỡ bỏ 0/);
    expect(run.stdout).toContain("Dữ liệu đã có sẵn, không có gì thay đổi.");
  });

  test("--dry-run shows what would change and writes nothing", async () => {
    const before = await json(["analyze", "--province", "06", "--year", "2021"]);
    const previous = before.subdimensions.find((s: Json) => s.code === "1.2").score;
    const good = await file("sua.csv", "year,gso_code_old,subdimension,score\n2021,06,1.2,1.9\n");
    const run = await chiso(["import", "results", "--dry-run", good]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("Kiểm tra (không ghi) «sua.csv»");
    expect(run.stdout).toContain("thay đổi 1");
    expect(run.stdout).toContain(`2021 06 1.2: ${previous} → 1.9`);
    const report = await json(["import", "results", "--dry-run", good]);
    expect(report).toMatchObject({ dryRun: true, scores: { updated: 1 }, importId: null });
    expect(await json(["analyze", "--province", "06", "--year", "2021"])).toEqual(before);
  });

  test("a file that does not exist: a plain message and exit 3, not a stack trace", async () => {
    const run = await chiso(["import", "results", join(dataDir, "khong-co.csv")]);
    expect(run.code).toBe(3);
    expect(messages(run.stderr)).toBe(`Không tìm thấy tệp «${join(dataDir, "khong-co.csv")}».`);
  });

  test("while a server holds the data directory, an import exits 5 and says which process to stop", async () => {
    const server = start(["serve", "--port", "0"], { CHISO_LOG_REQUESTS: "0" });
    const done = finish(server);
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
        server.stdout!.on("data", (chunk: Buffer) => {
          out += chunk.toString("utf8");
          const match = /https?:\/\/[^\s()]+/.exec(out);
          if (match) {
            clearTimeout(timer);
            resolve(match[0]);
          }
        });
        server.once("exit", (code) => reject(new Error(`server exited ${code}: ${out}`)));
      });
      expect(url).toMatch(/^http:\/\/localhost:\d+$/);
      const health = await fetch(`${url}/api/v1/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: "ok", database: "pglite" });

      const good = await file("sua2.csv", "year,gso_code_old,subdimension,score\n2021,06,1.2,1.9\n");
      const run = await chiso(["import", "results", good]);
      expect(run.code).toBe(5);
      expect(run.stderr).toContain(`đang được tiến trình ${server.pid} (máy chủ Chỉ Số?) sử dụng`);
      expect(run.stderr).toContain(dataDir);
    } finally {
      server.kill("SIGTERM");
    }
    expect((await done).code).toBe(0);
    // Stopped, it let go of the directory.
    const after = await chiso(["import", "results", "--dry-run", join(dataDir, "sua2.csv")]);
    expect(after.code, after.stderr).toBe(0);
  });

  test("serve on a port already taken: a message in the user's language (CHISO_LANG too) and exit 5", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const vi = await chiso(["serve", "--port", String(port)]);
      expect(vi.code).toBe(5);
      expect(messages(vi.stderr)).toBe(
        `Cổng ${port} (127.0.0.1) đang được chương trình khác sử dụng. Chọn cổng khác bằng --port hoặc biến PORT.`,
      );
      const en = await chiso(["serve", "--port", String(port)], { CHISO_LANG: "en" });
      expect(en.code).toBe(5);
      expect(messages(en.stderr)).toBe(`Port ${port} (127.0.0.1) is already in use. Choose another with --port or PORT.`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
    // It let go of the data directory on the way out.
    expect((await chiso(["rankings", "--year", "2021", "--json"])).code).toBe(0);
  });

  test("a reader that stops early (chiso rankings | head) is not an error", async () => {
    const child = start(["rankings", "--year", "2021"]);
    const done = finish(child);
    child.stdout!.destroy();
    const run = await done;
    expect(run.stderr).not.toMatch(/EPIPE|Error/);
    expect(run.code).toBe(0);
  });

  test("chiso user add --admin: the first administrator with a one-time password, listed, reset; a role without a place is refused", async () => {
    const added = await chiso(["user", "add", "quantri", "--admin", "--name", "Quản trị Tỉnh"]);
    expect(added.code, added.stderr).toBe(0);
    const password = /: (\S{4}-\S{4}-\S{4}-\S{4})$/m.exec(added.stdout)?.[1];
    expect(password, added.stdout).toBeDefined();
    const people: Json[] = await json(["user", "list"]);
    const admin = people.find((p) => p.username === "quantri");
    expect(admin).toMatchObject({ fullName: "Quản trị Tỉnh", mustChangePassword: true, roles: [{ role: "admin", organisationId: null }] });
    expect(JSON.stringify(people)).not.toContain("argon2");
    const reset = await chiso(["user", "reset-password", "quantri"]);
    expect(reset.code).toBe(0);
    expect(reset.stdout).not.toContain(password);
    const refused = await chiso(["user", "add", "someone", "--role", "officer"]);
    expect(refused.code).toBe(2);
    expect(messages(refused.stderr)).toContain("--province");
  });

  test("chiso evaluate --plan 170/KH-UBND --json: each target with node, kind, target, baseline, actual, status; the review note", async () => {
    const run = await chiso(["evaluate", "--plan", "170/kh-ubnd", "--province", "Lào Cai", "--json"], { CHISO_DEMO: "1" });
    expect(run.code, run.stderr).toBe(0);
    const answer = JSON.parse(run.stdout);
    expect(answer.plan).toMatchObject({ number: "170/KH-UBND", year: 2019, baselineYear: 2018 });
    expect(answer.targets).toHaveLength(18);
    expect(answer.targets[1]).toEqual({ node: "total", kind: "score", target: 46.96, baseline: expect.closeTo(44.3731, 4), actual: 45.055, gap: -1.905, status: "missed", reason: null });
    expect(answer.flags.map((f: Json) => f.node)).toEqual(["D6"]);
    const text = await chiso(["evaluate", "--plan", "170/KH-UBND"], { CHISO_DEMO: "1" });
    expect(text.stdout).toContain("9 đạt, 9 không đạt, 0 chưa có dữ liệu");
    expect(text.stdout).toContain("−1,905");
    expect(text.stdout).toContain("Chỉ tiêu chung: thuộc nhóm đạt điểm cao nhất: đạt; đạt từ 46,96 điểm: không đạt (thiếu 1,905 điểm).");
    expect(answer.overview[0]).toContain("đạt 9, không đạt 9");
    const missing = await chiso(["evaluate", "--plan", "999/KH-UBND"]);
    expect(missing.code).toBe(3);
    expect(messages(missing.stderr)).toBe("Không tìm thấy kế hoạch «999/KH-UBND».");
  });

  test("chiso document plan|analysis writes the official documents; check-document passes them and names what breaks a bad one", async () => {
    const plan = join(dataDir, "ke-hoach-170.docx");
    const made = await chiso(["document", "plan", "--plan", "170/KH-UBND", "--province", "Lao Cai", "--out", plan], { CHISO_DEMO: "1" });
    expect(made.code, made.stderr).toBe(0);
    expect(messages(made.stderr)).toMatch(/^Đã ghi .*ke-hoach-170\.docx \(Kế hoạch 170\/KH-UBND — /);
    const analysis = join(dataDir, "phan-tich-bac-kan-2021.docx");
    expect((await chiso(["document", "analysis", "--province", "Bắc Kạn", "--year", "2021", "--out", analysis], { CHISO_DEMO: "1" })).code).toBe(0);
    for (const path of [plan, analysis]) {
      const checked = await chiso(["check-document", path]);
      expect(checked.code, checked.stdout).toBe(0);
      expect(checked.stdout).toContain("đúng thể thức Nghị định 30/2020/NĐ-CP");
    }
    // A hand-made date without its leading zeros: exit 1 and the rule in Vietnamese.
    const { strFromU8, strToU8, unzipSync, zipSync } = await import("fflate");
    const files = unzipSync(await readFile(plan));
    files["word/document.xml"] = strToU8(strFromU8(files["word/document.xml"]!).replace("ngày 25 tháng 4 năm 2019", "ngày 5 tháng 1 năm 2019"));
    const bad = join(dataDir, "sai-the-thuc.docx");
    await writeFile(bad, zipSync(files));
    const failed = await chiso(["check-document", bad]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('- [date] Ngày dưới 10 phải có số 0 phía trước ("ngày 05").');
    expect(failed.stdout).toContain('- [date] Tháng 1 và tháng 2 phải có số 0 phía trước ("tháng 01").');
    const asJson = JSON.parse((await chiso(["check-document", bad, "--json"])).stdout);
    expect(asJson.passed).toBe(false);
    const notDocx = await chiso(["check-document", await file("ghi-chu.docx", "không phải Word")]);
    expect(notDocx.code).toBe(4);
    expect(messages(notDocx.stderr)).toContain("không phải văn bản Word (.docx)");
    const wrongOut = await chiso(["document", "plan", "--plan", "170/KH-UBND", "--out", join(dataDir, "ke-hoach.doc")], { CHISO_DEMO: "1" });
    expect(wrongOut.code).toBe(2);
    expect(messages(wrongOut.stderr)).toContain("phải có đuôi .docx (văn bản Word) hoặc .pdf");
  });

  test("chiso config lists every setting with its default", async () => {
    const run = await chiso(["config"]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split("\n");
    const settings = lines.map((l) => l.split(":")[0]);
    expect(settings).toEqual([
      "PORT",
      "HOST",
      "CHISO_DATA_DIR",
      "DATABASE_URL",
      "CHISO_LANG",
      "CHISO_WEAK_RATIO",
      "CHISO_SESSION_IDLE_MINUTES",
      "CHISO_SESSION_MAX_HOURS",
      "CHISO_LOGIN_MAX_FAILURES",
      "CHISO_SECURE_COOKIES",
      "CHISO_ADMIN_USERNAME",
      "CHISO_ADMIN_PASSWORD",
      "CHISO_DEMO",
      "CHISO_MAX_UPLOAD_MB",
      "CHISO_SMTP_URL",
      "CHISO_MAIL_FROM",
      "CHISO_LOG_REQUESTS",
      "CHISO_EVIDENCE_S3_URL",
      "CHISO_EVIDENCE_S3_REGION",
      "CHISO_EVIDENCE_S3_ACCESS_KEY",
      "CHISO_EVIDENCE_S3_SECRET_KEY",
    ]);
    // A password is never printed, not even a default.
    expect(run.stdout).not.toMatch(/CHISO_ADMIN_PASSWORD:.*\[[^\]]+\]$/m);
    expect(lines[0]).toMatch(/\[3000\]$/);
    expect(lines.find((l) => l.startsWith("CHISO_MAX_UPLOAD_MB"))).toMatch(/\[20\]$/);
  });
});
