/**
 * Evidence files in an S3-compatible bucket: signed PUT, GET and DELETE against an S3 implementation
 * (s3rver), an unknown key refused with S3's own error, and a report's evidence written and read through the
 * service with nothing left in the data directory.
 */
import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { errorMessage } from "../../src/errors.ts";
import { SYSTEM_ACTOR } from "../../src/services/actor.ts";
import { evidenceStoreFor } from "../../src/services/evidence-store.ts";
import { createReportService } from "../../src/services/reports.ts";
import { createS3EvidenceStore } from "../../src/services/s3-evidence-store.ts";
import { createWorld, type World } from "../accounts/support.ts";
import { regimeWithTask } from "./support.ts";

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const keyOf = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe("evidence in an S3-compatible bucket", () => {
  let server: S3rver;
  let directory: string;
  let url: string;
  const credentials = { region: "us-east-1", accessKey: "S3RVER", secretKey: "S3RVER" };

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "chiso-s3-"));
    server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory, configureBuckets: [{ name: "chiso-minh-chung", configs: [] }] });
    const address = (await server.run()) as { port: number };
    url = `http://127.0.0.1:${address.port}/chiso-minh-chung/evidence`;
  });
  afterAll(async () => {
    await server?.close();
    await rm(directory, { recursive: true, force: true });
  });

  test("put, get and remove; an unknown access key is refused by the server", async () => {
    const store = createS3EvidenceStore({ url, ...credentials });
    const key = keyOf(PDF);
    await store.put(key, PDF);
    expect(await store.get(key)).toEqual(PDF);
    await store.put(key, PDF); // the same content again: nothing changes
    await store.remove(key);
    await expect(store.get(key)).rejects.toMatchObject({ code: "ENOENT" });
    await store.remove(key); // already gone: fine

    // s3rver knows its accounts but does not recompute V4 signatures: the signer itself is checked against
    // Amazon's published examples (src/services/s3-evidence-store.test.ts).
    const stranger = createS3EvidenceStore({ url, ...credentials, accessKey: "KHONG-CO" });
    await expect(stranger.put(key, PDF)).rejects.toMatchObject({ code: "evidence.store-unavailable", kind: "unavailable", details: { detail: expect.stringMatching(/answered 403 InvalidAccessKeyId/) } });
    await expect(store.get(key)).rejects.toMatchObject({ code: "ENOENT" });
  });

  test("the configuration chooses the bucket, and asks for both keys", () => {
    expect(() => loadConfig({ CHISO_EVIDENCE_S3_URL: url, CHISO_EVIDENCE_S3_ACCESS_KEY: "S3RVER" })).toThrow(/CHISO_EVIDENCE_S3_SECRET_KEY/);
    expect(() => loadConfig({ CHISO_EVIDENCE_S3_URL: "s3.example.vn" })).toThrow(/CHISO_EVIDENCE_S3_URL/);
    const config = loadConfig({ CHISO_EVIDENCE_S3_URL: url, CHISO_EVIDENCE_S3_ACCESS_KEY: "S3RVER", CHISO_EVIDENCE_S3_SECRET_KEY: "S3RVER" });
    expect(config).toMatchObject({ evidenceS3Url: url, evidenceS3Region: "us-east-1" });
  });

  describe("through a report", () => {
    let w: World;
    let dataDir: string;
    beforeAll(async () => {
      w = await createWorld("pglite");
      dataDir = await mkdtemp(join(tmpdir(), "chiso-data-"));
    });
    afterAll(async () => {
      await w?.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    test("a report's file goes to the bucket, comes back from it, and never touches the data directory", async () => {
      const config = loadConfig({ CHISO_DATA_DIR: dataDir, CHISO_EVIDENCE_S3_URL: url, CHISO_EVIDENCE_S3_ACCESS_KEY: "S3RVER", CHISO_EVIDENCE_S3_SECRET_KEY: "S3RVER" });
      const reports = createReportService({ db: w.services.database.db, catalog: w.services.results.catalog, evidence: evidenceStoreFor(config) });
      const regime = await regimeWithTask(w, "31/KH-UBND", [w.A.org.STC!]);
      const report = await reports.open(SYSTEM_ACTOR, regime, w.A.org.STC!, "2026-Q1");
      const file = await reports.addEvidence(SYSTEM_ACTOR, report.report.id, { bytes: PDF, fileName: "Biên bản.pdf" });
      expect(await createS3EvidenceStore({ url, ...credentials }).get(keyOf(PDF))).toEqual(PDF);
      expect((await reports.evidenceFile(SYSTEM_ACTOR, report.report.id, file.id)).bytes).toEqual(PDF);
      expect(await readdir(dataDir)).toEqual([]);
      await reports.removeEvidence(SYSTEM_ACTOR, report.report.id, file.id);
      await expect(createS3EvidenceStore({ url, ...credentials }).get(keyOf(PDF))).rejects.toMatchObject({ code: "ENOENT" });
    });

    test("a bucket that does not answer: the officer is told in plain words and the report keeps no half-added file", async () => {
      const down = createReportService({
        db: w.services.database.db,
        catalog: w.services.results.catalog,
        evidence: createS3EvidenceStore({ url: "http://127.0.0.1:9/chiso-minh-chung", ...credentials }),
      });
      const regime = await regimeWithTask(w, "32/KH-UBND", [w.A.org.STC!]);
      const report = await down.open(SYSTEM_ACTOR, regime, w.A.org.STC!, "2026-Q1");
      const failed = await down.addEvidence(SYSTEM_ACTOR, report.report.id, { bytes: PDF, fileName: "Biên bản.pdf" }).catch((error: unknown) => error);
      expect(failed).toMatchObject({ code: "evidence.store-unavailable", kind: "unavailable" });
      expect(errorMessage("evidence.store-unavailable", {}, "vi")).toMatch(/^Kho lưu tệp minh chứng đang không phản hồi .* báo cáo không thay đổi/);
      expect((await down.get(SYSTEM_ACTOR, report.report.id)).evidence).toEqual([]);
    });
  });
});
