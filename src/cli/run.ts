/** Running a CLI command: services in, errors out as a message in the user's language and an exit code. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { startServices, type Services } from "../compose.ts";
import { loadConfig, type Config } from "../config.ts";
import { DataDirBusyError } from "../db/data-dir-lock.ts";
import type { Lang } from "../domain/format.ts";
import { renderIssue } from "../domain/results-import/issues.ts";
import { AppError, errorMessage, type ErrorKind } from "../errors.ts";
import type { ImportFailure } from "../services/results-import.ts";

export interface GlobalOptions {
  lang?: string;
  dataDir?: string;
}

const EXIT: Record<ErrorKind, number> = {
  invalid: 2,
  unprocessable: 4,
  "not-found": 3,
  conflict: 5,
  unauthenticated: 2,
  forbidden: 2,
  "too-large": 4,
  unsupported: 4,
  unavailable: 5,
  "too-many": 5,
};

export function cliConfig(options: GlobalOptions): Config {
  const overrides: Partial<Config> = {};
  if (options.dataDir) overrides.dataDir = options.dataDir;
  if (options.lang === "en" || options.lang === "vi") overrides.lang = options.lang;
  return loadConfig(process.env, overrides);
}

/** Opens the services for one command, reports errors the way a user can act on, and closes everything. */
export async function withServices(options: GlobalOptions, command: (services: Services, lang: Lang) => Promise<void>) {
  let lang: Lang = options.lang === "en" ? "en" : "vi";
  let services: Services | undefined;
  try {
    const config = cliConfig(options);
    lang = config.lang;
    // Only an embedded database that does not exist yet is "the first run"; otherwise the machine is just slow.
    const firstRun = !config.databaseUrl && !existsSync(join(config.dataDir, "pgdata"));
    const slowNotice = setTimeout(
      () =>
        process.stderr.write(
          firstRun
            ? lang === "vi"
              ? "Đang chuẩn bị cơ sở dữ liệu (lần chạy đầu tiên nạp dữ liệu chính thức, mất vài giây)…\n"
              : "Preparing the database (the first run loads the official data; a few seconds)…\n"
            : lang === "vi"
              ? "Đang mở cơ sở dữ liệu…\n"
              : "Opening the database…\n",
        ),
      1500,
    );
    try {
      services = (await startServices(config)).services;
    } finally {
      clearTimeout(slowNotice);
    }
    await command(services, lang);
  } catch (error) {
    process.exitCode = reportError(error, lang);
  } finally {
    await services?.close();
  }
}

export function reportError(error: unknown, lang: Lang): number {
  if (error instanceof DataDirBusyError) {
    process.stderr.write(`${errorMessage("data-dir.busy", { dataDir: error.dataDir, pid: error.pid }, lang)}\n`);
    return 5;
  }
  if (error instanceof AppError) {
    process.stderr.write(`${errorMessage(error.code, error.params, lang)}\n`);
    if (error.code === "import.invalid-file") {
      const failure = error.details as ImportFailure;
      for (const issue of failure.errors) process.stderr.write(`- ${renderIssue(issue, lang).message}\n`);
      if (failure.errorCount > failure.errors.length) {
        const more = failure.errorCount - failure.errors.length;
        process.stderr.write(lang === "vi" ? `… và ${more} lỗi khác.\n` : `… and ${more} more.\n`);
      }
    }
    return EXIT[error.kind];
  }
  if (error instanceof Error && error.message.startsWith("Cấu hình không hợp lệ")) {
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  process.stderr.write(`${lang === "vi" ? "Lỗi hệ thống" : "Internal error"}: ${error instanceof Error ? error.stack : String(error)}\n`);
  return 1;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
