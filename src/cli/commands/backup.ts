/**
 * `chiso backup FILE` and `chiso restore FILE` (src/db/backup.ts). Both open the database directly, not
 * through the services: a backup must not migrate or seed what it copies, and a restore goes into a
 * database that has only been migrated. While a server holds an embedded data directory, a backup is
 * asked of the server over its control socket; a restore is refused.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Writable } from "node:stream";
import type { Config } from "../../config.ts";
import { restoreBackup, verifyBackup, writeBackup, writeBackupFile } from "../../db/backup.ts";
import { openDatabase, type Database } from "../../db/client.ts";
import { ControlRefusedError, requestBackup } from "../../db/control-socket.ts";
import { DataDirBusyError } from "../../db/data-dir-lock.ts";
import { formatNumber, type Lang } from "../../domain/format.ts";
import { AppError } from "../../errors.ts";
import { evidenceBackupFiles, evidenceStoreFor } from "../../services/evidence-store.ts";
import { cliConfig, reportError, type GlobalOptions } from "../run.ts";

/** Runs one command with the configuration, turning errors into a message and an exit code. */
async function run(options: GlobalOptions, command: (config: Config, lang: Lang) => Promise<void>): Promise<void> {
  let lang: Lang = options.lang === "en" ? "en" : "vi";
  try {
    const config = cliConfig(options);
    lang = config.lang;
    await command(config, lang);
  } catch (error) {
    process.exitCode = reportError(error, lang);
  }
}

async function withDatabase<T>(database: Database, use: (database: Database) => Promise<T>): Promise<T> {
  try {
    return await use(database);
  } finally {
    await database.close();
  }
}

export function backupCommand(options: GlobalOptions, file: string): Promise<void> {
  return run(options, async (config, lang) => {
    const started = performance.now();
    if (!config.databaseUrl && !existsSync(join(config.dataDir, "pgdata"))) {
      throw new AppError("backup.no-database", "not-found", { dataDir: config.dataDir });
    }
    let throughServer = false;
    const { contents, bytes } = await writeBackupFile(file, async (out) => {
      let database: Database;
      try {
        // No migrations: a backup copies the database as it is.
        database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, migrate: false });
      } catch (error) {
        if (!(error instanceof DataDirBusyError)) throw error;
        throughServer = true;
        return askServer(error, out);
      }
      return withDatabase(database, (db) => writeBackup(db, out, evidenceBackupFiles(evidenceStoreFor(config))));
    });
    const n = (value: number) => formatNumber(value, 0, lang);
    const ms = n(Math.round(performance.now() - started));
    const tables = n(contents.tables.length);
    const rows = n(contents.rows);
    const files = n(contents.files);
    console.log(
      lang === "vi"
        ? `Đã sao lưu vào «${file}»${throughServer ? " (qua máy chủ đang chạy)" : ""}: ${tables} bảng, ${rows} dòng, ${files} tệp minh chứng, ${n(bytes)} byte, ${ms} ms.`
        : `Backed up to "${file}"${throughServer ? " (through the running server)" : ""}: ${tables} tables, ${rows} rows, ${files} evidence files, ${n(bytes)} bytes, ${ms} ms.`,
    );
    if (contents.missingFiles.length > 0) {
      // Removed right after the snapshot, or lost: the backup is still whole for everything else.
      console.error(
        lang === "vi"
          ? `Lưu ý: ${n(contents.missingFiles.length)} tệp minh chứng được dữ liệu nhắc tới nhưng không còn trong kho tệp: ${contents.missingFiles.join(", ")}`
          : `Note: ${n(contents.missingFiles.length)} evidence files referred to by the data are not in the file store: ${contents.missingFiles.join(", ")}`,
      );
    }
  });
}

/** The data directory is held by a server: it makes the backup and streams it over its control socket. */
async function askServer(busy: DataDirBusyError, out: Writable): Promise<void> {
  try {
    await requestBackup(busy.dataDir, out);
  } catch (error) {
    if (error instanceof ControlRefusedError) {
      throw new AppError("backup.server-failed", "unavailable", { reason: error.reason });
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code && ["ENOENT", "ECONNREFUSED", "ENOTSOCK", "EACCES", "EPERM", "ENAMETOOLONG", "EINVAL"].includes(code)) {
      throw new AppError("backup.no-control", "unavailable", { dataDir: busy.dataDir, pid: busy.pid, reason: code });
    }
    throw error;
  }
}

export function restoreCommand(options: GlobalOptions, file: string): Promise<void> {
  return run(options, async (config, lang) => {
    const started = performance.now();
    // The whole file is checked before the database is even opened (or created).
    const verified = await verifyBackup(file);
    let database: Database;
    try {
      database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    } catch (error) {
      if (error instanceof DataDirBusyError) {
        throw new AppError("backup.restore-busy", "conflict", { dataDir: error.dataDir, pid: error.pid });
      }
      throw error;
    }
    const location = database.location;
    const { header, tables, rows, files } = await withDatabase(database, (db) => restoreBackup(db, file, verified, evidenceBackupFiles(evidenceStoreFor(config))));
    const n = (value: number) => formatNumber(value, 0, lang);
    const ms = n(Math.round(performance.now() - started));
    console.log(
      lang === "vi"
        ? `Đã khôi phục «${file}» (sao lưu lúc ${header.createdAt}, ${header.engine}, Chỉ Số ${header.appVersion}) vào ${location}: ${n(tables.length)} bảng, ${n(rows)} dòng, ${n(files)} tệp minh chứng, ${ms} ms. Có thể khởi động bằng «chiso serve».`
        : `Restored "${file}" (backed up at ${header.createdAt}, ${header.engine}, Chỉ Số ${header.appVersion}) into ${location}: ${n(tables.length)} tables, ${n(rows)} rows, ${n(files)} evidence files, ${ms} ms. Start it with \`chiso serve\`.`,
    );
  });
}
