/**
 * Where evidence files live: a folder under the data directory (files named by their SHA-256, written
 * atomically, never overwritten), memory for an in-memory installation, or an S3-compatible bucket when
 * configured (src/services/s3-evidence-store.ts) — the same three calls.
 */
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { asc } from "drizzle-orm";
import type { Config } from "../config.ts";
import type { BackupFiles, RestoreFiles } from "../db/backup.ts";
import { reportEvidence } from "../db/schema.ts";
import { createS3EvidenceStore } from "./s3-evidence-store.ts";

export interface EvidenceStore {
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** Throws an error with code "ENOENT" when there is no such file. */
  get(key: string): Promise<Uint8Array>;
  remove(key: string): Promise<void>;
}

export const missing = (key: string) => Object.assign(new Error(`no evidence file ${key}`), { code: "ENOENT" });

/** The evidence files as a backup carries them: those the database refers to, read from and restored into the store. */
export function evidenceBackupFiles(store: EvidenceStore): BackupFiles & RestoreFiles {
  return {
    keys: async (db) => (await db.selectDistinct({ key: reportEvidence.sha256 }).from(reportEvidence).orderBy(asc(reportEvidence.sha256))).map((r) => r.key),
    read: async (key) => {
      try {
        return await store.get(key);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    write: (key, bytes) => store.put(key, bytes),
    remove: (key) => store.remove(key),
  };
}

export function createEvidenceStore(dataDir: string): EvidenceStore {
  if (dataDir === "memory://") {
    const files = new Map<string, Uint8Array>();
    return {
      put: async (key, bytes) => void files.set(key, bytes),
      get: async (key) => {
        const bytes = files.get(key);
        if (!bytes) throw missing(key);
        return bytes;
      },
      remove: async (key) => void files.delete(key),
    };
  }
  const root = join(dataDir, "evidence");
  // Keys are SHA-256 hex digests: two levels of folders keep any one folder small.
  const path = (key: string) => {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`bad evidence key ${key}`);
    return join(root, key.slice(0, 2), key);
  };
  return {
    async put(key, bytes) {
      const target = path(key);
      await mkdir(join(root, key.slice(0, 2)), { recursive: true });
      const temporary = `${target}.${process.pid}.tmp`;
      await writeFile(temporary, bytes, { mode: 0o600 });
      await rename(temporary, target);
    },
    get: async (key) => new Uint8Array(await readFile(path(key))),
    remove: async (key) => rm(path(key), { force: true }),
  };
}

/** The store the configuration asks for: the S3 bucket when CHISO_EVIDENCE_S3_URL is set, else the data directory. */
export function evidenceStoreFor(config: Pick<Config, "dataDir" | "evidenceS3Url" | "evidenceS3Region" | "evidenceS3AccessKey" | "evidenceS3SecretKey">): EvidenceStore {
  if (config.evidenceS3Url) {
    return createS3EvidenceStore({ url: config.evidenceS3Url, region: config.evidenceS3Region, accessKey: config.evidenceS3AccessKey!, secretKey: config.evidenceS3SecretKey! });
  }
  return createEvidenceStore(config.dataDir);
}
