/**
 * `chiso document plan|analysis … --out FILE.docx|.pdf`: the official documents from the data; and
 * `chiso check-document FILE.docx`: the Decree 30 format checker on any .docx, ours or typed elsewhere.
 */
import { readFile, writeFile } from "node:fs/promises";
import { extname } from "node:path";
import type { Services } from "../../compose.ts";
import type { Lang } from "../../domain/format.ts";
import { checkUserDocx } from "../../documents/checker.ts";
import type { OfficialDocument } from "../../documents/model.ts";
import { AppError } from "../../errors.ts";
import { cliActor } from "../../services/actor.ts";
import type { DocumentFormatName } from "../../services/documents.ts";
import { printJson, reportError } from "../run.ts";
import { findPlanByNumber } from "./plans.ts";

function formatOf(out: string): DocumentFormatName {
  const ext = extname(out).toLowerCase();
  if (ext === ".docx") return "docx";
  if (ext === ".pdf") return "pdf";
  throw new AppError("cli.bad-output", "invalid", { file: out });
}

async function write(services: Services, lang: Lang, doc: OfficialDocument, out: string) {
  const rendered = await services.documents.render(doc, formatOf(out));
  await writeFile(out, rendered.bytes);
  process.stderr.write(lang === "vi" ? `Đã ghi ${out} (${doc.title}).\n` : `Wrote ${out} (${doc.title}).\n`);
}

export async function documentPlanCommand(services: Services, lang: Lang, options: { plan: string; province?: string; out: string }) {
  formatOf(options.out);
  const plan = await findPlanByNumber(services, options.plan, options.province);
  await write(services, lang, await services.documents.plan(cliActor(), plan.id), options.out);
}

export async function documentAnalysisCommand(services: Services, lang: Lang, options: { province: string; year: number; index: string; out: string }) {
  formatOf(options.out);
  await write(services, lang, await services.documents.analysis(cliActor(), options.province, options.index.toUpperCase(), options.year), options.out);
}

/** Prints the violations; exits 1 when there are any, 0 when the document passes (for scripts and CI). */
export async function checkDocumentCommand(file: string, lang: Lang, options: { json?: boolean }) {
  try {
    const bytes = await readFile(file);
    const result = checkUserDocx(bytes, file);
    if (options.json) printJson({ file, passed: result.violations.length === 0, ...result });
    else if (result.violations.length === 0) {
      console.log(lang === "vi" ? `${file}: đúng thể thức Nghị định 30/2020/NĐ-CP (${result.checked.length} quy tắc).` : `${file}: follows Decree 30/2020 (${result.checked.length} rules).`);
    } else {
      console.log(lang === "vi" ? `${file}: ${result.violations.length} lỗi thể thức:` : `${file}: ${result.violations.length} format problems:`);
      for (const v of result.violations) console.log(`- [${v.rule}] ${lang === "vi" ? v.vi : v.en}${v.at ? ` («${v.at}»)` : ""}`);
    }
    process.exitCode = result.violations.length === 0 ? 0 : 1;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      process.stderr.write(lang === "vi" ? `Không tìm thấy tệp ${file}.\n` : `File ${file} not found.\n`);
      process.exitCode = 2;
      return;
    }
    process.exitCode = reportError(error, lang);
  }
}
