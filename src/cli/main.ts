#!/usr/bin/env node
/**
 * The `chiso` command. Every command goes through the same services as the web server (src/compose.ts);
 * this file only reads arguments and prints.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { describeConfig, type Config } from "../config.ts";
import { openDatabase } from "../db/client.ts";
import type { Lang } from "../domain/format.ts";
import { AppError } from "../errors.ts";
import { startServer } from "../server.ts";
import { backupCommand, restoreCommand } from "./commands/backup.ts";
import { importResultsCommand } from "./commands/import.ts";
import { analyzeCommand, rankingsCommand } from "./commands/results.ts";
import { evaluateCommand } from "./commands/plans.ts";
import { checkDocumentCommand, documentAnalysisCommand, documentPlanCommand } from "./commands/documents.ts";
import { provinceSetupCommand, userAddCommand, userListCommand, userResetCommand, type UserAddOptions } from "./commands/users.ts";
import { cliConfig, reportError, withServices, type GlobalOptions } from "./run.ts";

// `chiso rankings --year 2021 | head`: a reader that stops early is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
}

const port = (value: string) => {
  const n = Number(value);
  if (!/^\d{1,5}$/.test(value) || n > 65535) {
    throw new InvalidArgumentError("cổng từ 0 đến 65535 (0 = cổng trống bất kỳ) / a port from 0 to 65535 (0 = any free port)");
  }
  return n;
};
const year = (value: string) => {
  if (!/^\d{4}$/.test(value)) throw new InvalidArgumentError("năm bốn chữ số, ví dụ 2021 / a four-digit year");
  return Number(value);
};
const ratio = (value: string) => {
  const n = Number(value);
  if (!(n > 0 && n < 1)) throw new InvalidArgumentError("một số giữa 0 và 1, ví dụ 0.4 / a number between 0 and 1");
  return n;
};

const program = new Command("chiso")
  .description("Chỉ Số — theo dõi, cải thiện và báo cáo chỉ số quản trị cấp tỉnh (PAPI).")
  .addOption(new Option("--lang <lang>", "ngôn ngữ / language").choices(["vi", "en"]))
  .option("--data-dir <dir>", "thư mục dữ liệu nhúng / embedded data directory (CHISO_DATA_DIR)")
  .showHelpAfterError()
  // Wrong arguments exit with 2, like every other invalid input (see run.ts), not commander's 1.
  .exitOverride();

const globals = () => program.opts<GlobalOptions>();

program
  .command("serve")
  .description("chạy máy chủ web và API / run the web server and API")
  .option("-p, --port <port>", "cổng / port (PORT, default 3000; 0 = any free port)", port)
  .option("--host <host>", "địa chỉ / address (HOST, default 127.0.0.1)")
  .action(async (options: { port?: number; host?: string }) => {
    let lang: Lang = globals().lang === "en" ? "en" : "vi";
    let config: Config | undefined;
    try {
      config = cliConfig(globals());
      lang = config.lang;
      if (options.port !== undefined) config.port = options.port;
      if (options.host) config.host = options.host;
      const server = await startServer(config);
      const { startup, services } = server;
      console.log(
        lang === "vi"
          ? `Chỉ Số đang chạy tại ${server.url} (${services.database.location}; khởi động ${Math.round(startup.milliseconds)} ms${startup.resultsSeeded ? ", đã nạp kết quả chính thức" : ""}).`
          : `Chỉ Số is running at ${server.url} (${services.database.location}; started in ${Math.round(startup.milliseconds)} ms${startup.resultsSeeded ? ", official results loaded" : ""}).`,
      );
      if (startup.adminCreated) {
        console.log(lang === "vi" ? `Đã tạo quản trị viên «${startup.adminCreated}» từ CHISO_ADMIN_USERNAME.` : `Created the administrator "${startup.adminCreated}" from CHISO_ADMIN_USERNAME.`);
      } else if (startup.needsAdmin) {
        console.log(
          lang === "vi"
            ? "Chưa có quản trị viên: chạy `npx chiso user add TÊN --admin` (hoặc đặt CHISO_ADMIN_USERNAME và CHISO_ADMIN_PASSWORD), hoặc thử với CHISO_DEMO=1."
            : "No administrator yet: run `npx chiso user add NAME --admin` (or set CHISO_ADMIN_USERNAME and CHISO_ADMIN_PASSWORD), or try CHISO_DEMO=1.",
        );
      }
      if (services.config.demo) {
        console.log(lang === "vi" ? "CHẾ ĐỘ TRÌNH DIỄN: các tài khoản demo.* dùng mật khẩu công khai. Không dùng cho dữ liệu thật." : "DEMO MODE: the demo.* accounts use a published password. Not for real data.");
      }
      const stop = () => {
        void server.stop().then(() => process.exit(0));
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    } catch (error) {
      // The port is taken or not allowed: say so, not a stack trace.
      const code = (error as NodeJS.ErrnoException).code;
      const reported =
        config && (code === "EADDRINUSE" || code === "EACCES")
          ? new AppError(
              code === "EADDRINUSE" ? "server.port-in-use" : "server.port-denied",
              code === "EADDRINUSE" ? "conflict" : "forbidden",
              { port: config.port, host: config.host },
            )
          : error;
      process.exitCode = reportError(reported, lang);
    }
  });

program
  .command("migrate")
  .description("áp dụng thay đổi cấu trúc cơ sở dữ liệu / apply database migrations")
  .action(async () => {
    let lang: Lang = globals().lang === "en" ? "en" : "vi";
    try {
      const config = cliConfig(globals());
      lang = config.lang;
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      await database.close();
      console.log(lang === "vi" ? `Cơ sở dữ liệu đã cập nhật (${database.location}).` : `Database is up to date (${database.location}).`);
    } catch (error) {
      process.exitCode = reportError(error, lang);
    }
  });

const importCommand = program.command("import").description("nhập dữ liệu / import data");
importCommand
  .command("results <file>")
  .description("nhập kết quả chính thức hoặc nhãn nhóm (CSV, XLSX) / import official results or group labels")
  .option("--dry-run", "chỉ kiểm tra, không ghi / check only, write nothing")
  .option("--index <code>", "bộ chỉ số / index", "PAPI")
  .option("--json", "in báo cáo JSON / print a JSON report")
  .action((file: string, options: { dryRun?: boolean; json?: boolean; index: string }) =>
    withServices(globals(), (services, lang) => importResultsCommand(services, lang, file, options)),
  );

program
  .command("rankings")
  .description("bảng xếp hạng một năm / a year's ranking")
  .requiredOption("--year <year>", "năm / year", year)
  .option("--dimension <code>", "chỉ số nội dung D1…D8 / dimension")
  .option("--index <code>", "bộ chỉ số / index", "PAPI")
  .option("--json", "in JSON / print JSON")
  .action((options: { year: number; dimension?: string; index: string; json?: boolean }) =>
    withServices(globals(), (services, lang) => rankingsCommand(services, lang, options)),
  );

program
  .command("analyze")
  .description("phân tích kết quả của một tỉnh / a province's results analysis")
  .requiredOption("--province <name-or-code>", "tên (có hoặc không dấu) hoặc mã tỉnh / name or GSO code")
  .requiredOption("--year <year>", "năm / year", year)
  .option("--weak-ratio <ratio>", "ngưỡng điểm thấp / weak threshold (default 0.4)", ratio)
  .option("--index <code>", "bộ chỉ số / index", "PAPI")
  .option("--json", "in JSON / print JSON")
  .action((options: { province: string; year: number; weakRatio?: number; index: string; json?: boolean }) =>
    withServices(globals(), (services, lang) => analyzeCommand(services, lang, options)),
  );

program
  .command("backup <file>")
  .description("sao lưu toàn bộ dữ liệu vào một tệp, kể cả khi máy chủ đang chạy / back up all data to a file, also while the server runs")
  .action((file: string) => backupCommand(globals(), file));

program
  .command("restore <file>")
  .description("khôi phục bản sao lưu vào cơ sở dữ liệu trống / restore a backup into an empty database")
  .action((file: string) => restoreCommand(globals(), file));

program
  .command("evaluate")
  .description("đánh giá kế hoạch theo kết quả chính thức / judge a plan against the official results")
  .requiredOption("--plan <number>", "số kế hoạch, ví dụ 170/KH-UBND / plan number")
  .option("--province <name-or-code>", "tỉnh ban hành (khi nhiều tỉnh cùng số) / issuing province")
  .option("--json", "in JSON / print JSON")
  .action((options: { plan: string; province?: string; json?: boolean }) => withServices(globals(), (services, lang) => evaluateCommand(services, lang, options)));

const documentCommand = program.command("document").description("văn bản hành chính theo Nghị định 30/2020 (.docx, .pdf) / official documents in the Decree 30 format");
documentCommand
  .command("plan")
  .description("kế hoạch cải thiện chỉ số của tỉnh / the province improvement plan")
  .requiredOption("--plan <number>", "số kế hoạch, ví dụ 170/KH-UBND / plan number")
  .option("--province <name-or-code>", "tỉnh ban hành (khi nhiều tỉnh cùng số) / issuing province")
  .requiredOption("--out <file>", "tệp .docx hoặc .pdf / a .docx or .pdf file")
  .action((options: { plan: string; province?: string; out: string }) => withServices(globals(), (services, lang) => documentPlanCommand(services, lang, options)));
documentCommand
  .command("analysis")
  .description("phân tích kết quả và kế hoạch khắc phục / results analysis and remediation plan")
  .requiredOption("--province <name-or-code>", "tỉnh / province")
  .requiredOption("--year <year>", "năm kết quả / results year", year)
  .option("--index <code>", "chỉ số / index", "PAPI")
  .requiredOption("--out <file>", "tệp .docx hoặc .pdf / a .docx or .pdf file")
  .action((options: { province: string; year: number; index: string; out: string }) => withServices(globals(), (services, lang) => documentAnalysisCommand(services, lang, options)));

program
  .command("check-document <file>")
  .description("kiểm tra thể thức văn bản .docx theo Nghị định 30/2020 / check a .docx against Decree 30/2020")
  .option("--json", "in JSON / print JSON")
  .action((file: string, options: { json?: boolean }) => checkDocumentCommand(file, cliConfig(globals()).lang, options));

const userCommand = program.command("user").description("tài khoản người dùng / user accounts");
userCommand
  .command("add <username>")
  .description("tạo tài khoản (quản trị viên đầu tiên: --admin) / create an account (the first administrator: --admin)")
  .option("--admin", "quản trị hệ thống / system administrator")
  .addOption(new Option("--role <role>", "vai trò tại một cơ quan / a role in an organisation").choices(["coordinator", "leader", "officer", "viewer"]))
  .option("--province <code>", "mã tỉnh (34 đơn vị), ví dụ 15 / province code, e.g. 15")
  .option("--organisation <code>", "mã cơ quan, ví dụ SNV / organisation code, e.g. SNV")
  .option("--name <full name>", "họ và tên / full name")
  .option("--email <email>", "thư điện tử / e-mail")
  .option("--password-stdin", "đọc mật khẩu từ đầu vào chuẩn; không có thì tạo mật khẩu tạm / read the password from stdin; otherwise a temporary one is made")
  .action((username: string, options: UserAddOptions) => withServices(globals(), (services, lang) => userAddCommand(services, lang, username, options)));
userCommand
  .command("reset-password <username>")
  .description("mật khẩu tạm mới, mở khoá, kết thúc mọi phiên / new temporary password, unlock, end sessions")
  .action((username: string) => withServices(globals(), (services, lang) => userResetCommand(services, lang, username)));
userCommand
  .command("list")
  .description("danh sách tài khoản / list accounts")
  .option("--json", "in JSON / print JSON")
  .action((options: { json?: boolean }) => withServices(globals(), (services, lang) => userListCommand(services, lang, options)));

program
  .command("province")
  .description("tỉnh, thành phố / provinces")
  .command("setup <code>")
  .description("tạo danh sách cơ quan mặc định (cơ cấu 2025) và các xã, phường / create the default 2025 bodies and the communes")
  .option("--no-communes", "không tạo xã, phường / without communes")
  .action((code: string, options: { communes: boolean }) => withServices(globals(), (services, lang) => provinceSetupCommand(services, lang, code, options)));

program
  .command("config")
  .description("các biến cấu hình / configuration settings")
  .action(() => {
    for (const { setting, default: value } of describeConfig()) {
      console.log(`${setting}${value === undefined ? "" : ` [${String(value)}]`}`);
    }
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Commander has already printed the problem and the usage.
  if (!(error instanceof CommanderError)) throw error;
  process.exitCode = error.exitCode === 0 ? 0 : 2;
}
