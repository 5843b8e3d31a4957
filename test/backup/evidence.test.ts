/**
 * Evidence files travel inside the backup: every file the database refers to is written after the tables,
 * checked against its SHA-256 on reading, and restored into the target's store; a file gone from the store
 * is named, not silently dropped; a damaged file, a refused restore or a store failing half-way leaves the target's store and database as they were.
 */
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { restoreBackup, verifyBackup, writeBackup } from "../../src/db/backup.ts";
import { reportEvidence } from "../../src/db/schema.ts";
import { SYSTEM_ACTOR } from "../../src/services/actor.ts";
import { createEvidenceStore, evidenceBackupFiles, type EvidenceStore } from "../../src/services/evidence-store.ts";
import { createReportService } from "../../src/services/reports.ts";
import { createWorld, type World } from "../accounts/support.ts";
import { regimeWithTask } from "../reports/support.ts";
import { createTestDatabase } from "../support/database.ts";
import { removeTempDirs, tempDir } from "./support.ts";

const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.4\n% ${text}\ntrailer << >>\n%%EOF\n`);
/** A picture larger than one 48 KiB chunk, so a file spans several lines. */
const png = () => {
  const bytes = new Uint8Array(130_000);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  for (let i = 8; i < bytes.length; i += 1) bytes[i] = (i * 31) % 251;
  return bytes;
};

/** Every file of a store's folder, by key. */
async function filesIn(root: string): Promise<string[]> {
  const found: string[] = [];
  for (const folder of await readdir(join(root, "evidence")).catch(() => [])) found.push(...(await readdir(join(root, "evidence", folder))));
  return found.sort();
}

describe("evidence files in the backup", () => {
  let w: World;
  let source: string;
  let store: EvidenceStore;
  let file: string;
  const attached: { key: string; bytes: Uint8Array }[] = [];

  beforeAll(async () => {
    w = await createWorld("pglite");
    source = await tempDir("evidence-source");
    store = createEvidenceStore(source);
    const reports = createReportService({ db: w.services.database.db, catalog: w.services.results.catalog, evidence: store });
    const regime = await regimeWithTask(w, "41/KH-UBND", [w.A.org.STC!, w.A.org.SXD!]);
    const stc = await reports.open(SYSTEM_ACTOR, regime, w.A.org.STC!, "2026-Q1");
    const sxd = await reports.open(SYSTEM_ACTOR, regime, w.A.org.SXD!, "2026-Q1");
    for (const [report, bytes, name] of [
      [stc, pdf("biên bản"), "Biên bản.pdf"],
      [stc, png(), "Ảnh hội nghị.png"],
      [sxd, pdf("biên bản"), "Biên bản (bản sao).pdf"], // the same content twice: one file
      [sxd, pdf("kế hoạch"), "Kế hoạch.pdf"],
    ] as const) {
      const added = await reports.addEvidence(SYSTEM_ACTOR, report.report.id, { bytes, fileName: name });
      expect(added.fileName).toBe(name);
    }
    attached.push(...(await filesIn(source)).map((key) => ({ key, bytes: new Uint8Array() })));
    for (const a of attached) a.bytes = await store.get(a.key);
    file = join(await tempDir("evidence-backup"), "chiso.gz");
  });
  afterAll(async () => {
    await w?.close();
    await removeTempDirs();
  });

  test("written after the tables, restored into the new store byte for byte", async () => {
    expect(attached).toHaveLength(3);
    const written = await writeBackup(w.services.database, file, evidenceBackupFiles(store));
    expect(written).toMatchObject({ files: 3, missingFiles: [] });
    expect(written.fileBytes).toBe(attached.reduce((sum, a) => sum + a.bytes.length, 0));
    expect(await verifyBackup(file)).toMatchObject({ files: 3, fileBytes: written.fileBytes, missingFiles: [] });

    const target = await createTestDatabase("pglite");
    const restoredDir = await tempDir("evidence-target");
    try {
      const restored = await restoreBackup(target, file, undefined, evidenceBackupFiles(createEvidenceStore(restoredDir)));
      expect(restored.files).toBe(3);
      expect(await filesIn(restoredDir)).toEqual(attached.map((a) => a.key));
      for (const a of attached) expect(new Uint8Array(await readFile(join(restoredDir, "evidence", a.key.slice(0, 2), a.key)))).toEqual(a.bytes);
    } finally {
      await target.close();
    }
  });

  test("a file gone from the store is named in the backup", async () => {
    const gone = attached[0]!.key;
    const saved = await store.get(gone);
    await store.remove(gone);
    try {
      const written = await writeBackup(w.services.database, join(await tempDir("evidence-gone"), "chiso.gz"), evidenceBackupFiles(store));
      expect(written).toMatchObject({ files: 2, missingFiles: [gone] });
    } finally {
      await store.put(gone, saved);
    }
  });

  test("a damaged file is refused and the target's store stays empty; so does a refused restore", async () => {
    const lines = gunzipSync(await readFile(file)).toString("utf8").split("\n");
    const chunk = lines.findIndex((line, i) => i > 0 && lines[i - 1]!.startsWith('{"type":"file"'));
    lines[chunk] = `${lines[chunk]!.slice(0, -8)}AAAAAAAA`;
    const damaged = join(await tempDir("evidence-damaged"), "chiso.gz");
    await writeFile(damaged, gzipSync(lines.join("\n")));
    await expect(verifyBackup(damaged)).rejects.toMatchObject({ code: "backup.checksum" });

    const target = await createTestDatabase("pglite");
    const targetDir = await tempDir("evidence-refused");
    try {
      await expect(restoreBackup(target, damaged, undefined, evidenceBackupFiles(createEvidenceStore(targetDir)))).rejects.toMatchObject({ code: "backup.checksum" });
      expect(await filesIn(targetDir)).toEqual([]);
      // Into a database that already holds data: refused, and the files written on the way are taken back.
      await expect(restoreBackup(w.services.database, file, undefined, evidenceBackupFiles(createEvidenceStore(targetDir)))).rejects.toMatchObject({
        code: "backup.target-not-empty",
      });
      expect(await filesIn(targetDir)).toEqual([]);
      // A store that fails on the second file: the database rolls back and the first file is taken back.
      const store = createEvidenceStore(targetDir);
      let writes = 0;
      const flaky = {
        ...evidenceBackupFiles(store),
        write: async (key: string, bytes: Uint8Array) => {
          writes += 1;
          if (writes === 2) throw new Error("disk full");
          await store.put(key, bytes);
        },
      };
      await expect(restoreBackup(target, file, undefined, flaky)).rejects.toThrow("disk full");
      expect(writes).toBe(2);
      expect(await filesIn(targetDir)).toEqual([]);
      expect(await target.db.$count(reportEvidence)).toBe(0);
    } finally {
      await target.close();
      await rm(targetDir, { recursive: true, force: true });
    }
  });
});
