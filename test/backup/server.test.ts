/**
 * The embedded engine while `chiso serve` runs: the server holds the data directory, so `chiso backup`
 * gets the backup from it over the control socket, while it goes on answering requests; the file
 * restores into an empty data directory with the same data, and a server started there loads nothing
 * again. A restore is refused while a server holds the directory. (The real `chiso` command is spawned
 * a few times: it is slow.)
 */
import { spawn } from "node:child_process";
import { stat } from "node:fs/promises";
import { createConnection } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { verifyBackup, writeBackupFile } from "../../src/db/backup.ts";
import { openDatabase } from "../../src/db/client.ts";
import { controlSocketPath, requestBackup } from "../../src/db/control-socket.ts";
import { startServer, type RunningServer } from "../../src/server.ts";
import { dumpTables, removeTempDirs, tempDir } from "./support.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** `chiso …` as a user runs it, with nothing set but the data directory. */
function chiso(args: string[], dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith("CHISO_") || ["DATABASE_URL", "PORT", "HOST", "NODE_OPTIONS"].includes(key)) delete env[key];
  }
  const child = spawn(process.execPath, ["bin/chiso.mjs", ...args], {
    cwd: ROOT,
    env: { ...env, CHISO_DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const config = (dataDir: string) => loadConfig({}, { dataDir, port: 0, logRequests: false });

describe("backup while the embedded server runs", { timeout: 180_000 }, () => {
  let dataDir: string;
  let files: string;
  let server: RunningServer | undefined;

  beforeAll(async () => {
    dataDir = await tempDir("serve");
    files = await tempDir("files");
    server = await startServer(config(dataDir), { webRoot: null });
  });
  afterAll(async () => {
    await server?.stop();
    await removeTempDirs();
  });

  test("the control socket is the server user's alone and offers nothing but a backup", async () => {
    const info = await stat(controlSocketPath(dataDir));
    expect(info.isSocket()).toBe(true);
    expect(info.mode & 0o777).toBe(0o600);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = createConnection(controlSocketPath(dataDir), () => socket.write('{"op":"restore"}\n'));
      let text = "";
      socket.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
      socket.once("error", reject);
      socket.once("close", () => resolve(text));
    });
    expect(JSON.parse(answer)).toEqual({ ok: false, error: "unknown-operation" });
  });

  test("chiso backup goes through the server while it answers requests; the file restores into an empty directory as the same data", async () => {
    const running = server!;
    const statuses: number[] = [];
    let stop = false;
    const traffic = (async () => {
      const paths = ["/api/v1/health", "/api/v1/indices/PAPI/years/2021/rankings", "/api/v1/indices/PAPI/years/2019/provinces/06"];
      while (!stop) {
        for (const path of paths) {
          const response = await fetch(`${running.url}${path}`);
          await response.arrayBuffer();
          statuses.push(response.status);
        }
      }
    })();
    const live = join(files, "live.chiso-backup.gz");
    const inProcess = join(files, "in-process.chiso-backup.gz");
    const [cli] = await Promise.all([
      chiso(["backup", live], dataDir),
      writeBackupFile(inProcess, (out) => requestBackup(dataDir, out)),
    ]);
    stop = true;
    await traffic;
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/^Đã sao lưu vào «.+live\.chiso-backup\.gz» \(qua máy chủ đang chạy\): \d+ bảng, [\d.]+ dòng, \d+ tệp minh chứng, [\d.]+ byte, [\d.]+ ms\.\n$/);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect((await stat(live)).mode & 0o777).toBe(0o600);
    const [fromCli, fromClient] = [await verifyBackup(live), await verifyBackup(inProcess)];
    expect(fromCli.rows).toBe(fromClient.rows);
    expect(fromCli.rows).toBeGreaterThan(20_000);

    // Restored with the command (in English) into an empty directory: the same data, table by table.
    const restoredDir = await tempDir("restored");
    const restore = await chiso(["--lang", "en", "restore", live], restoredDir);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/^Restored ".+" \(backed up at .+, pglite, Chỉ Số [\d.]+\) into PGlite .+: \d+ tables, [\d,]+ rows, \d+ evidence files, [\d,]+ ms\./);
    const source = await dumpTables(running.services.database);
    const restored = await openDatabase({ dataDir: restoredDir });
    try {
      const copy = await dumpTables(restored);
      for (const table of Object.keys(source)) expect(copy[table], table).toEqual(source[table]);
      expect(Object.keys(copy)).toEqual(Object.keys(source));
    } finally {
      await restored.close();
    }

    // A restore never runs against a live server.
    const busy = await chiso(["restore", live], dataDir);
    expect(busy.code).toBe(5);
    expect(busy.stderr).toContain("Hãy dừng máy chủ trước khi khôi phục");

    // A server started on the restored directory loads nothing again, and answers.
    const second = await startServer(config(restoredDir), { webRoot: null });
    try {
      expect(second.startup).toMatchObject({ referenceRefreshed: false, resultsSeeded: false });
      const profile = await fetch(`${second.url}/api/v1/indices/PAPI/years/2021/provinces/06`);
      expect(profile.status).toBe(200);
    } finally {
      await second.stop();
    }

    // With no server, chiso backup opens the directory itself.
    const direct = await chiso(["backup", join(files, "direct.chiso-backup.gz")], restoredDir);
    expect(direct.code, direct.stderr).toBe(0);
    expect(direct.stdout).not.toContain("máy chủ");
    expect((await verifyBackup(join(files, "direct.chiso-backup.gz"))).rows).toBe(fromCli.rows);
  });

  test("stopping the server removes the socket", async () => {
    await server!.stop();
    server = undefined;
    await expect(stat(controlSocketPath(dataDir))).rejects.toMatchObject({ code: "ENOENT" });
  });
});
