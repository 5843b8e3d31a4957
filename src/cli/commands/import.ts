/** `chiso import results FILE`: the importer, with a report a coordinator can read. */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { userInfo } from "node:os";
import type { Services } from "../../compose.ts";
import { formatNumber, type Lang } from "../../domain/format.ts";
import { renderIssue } from "../../domain/results-import/issues.ts";
import { AppError } from "../../errors.ts";
import { printJson } from "../run.ts";

/** The file to import, or an error the user can act on (not a stack trace). */
async function readImportFile(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new AppError("file.not-found", "not-found", { path: file });
    throw new AppError("file.unreadable", "invalid", { path: file, reason: code ?? String(error) });
  }
}

export async function importResultsCommand(
  services: Services,
  lang: Lang,
  file: string,
  options: { dryRun?: boolean; json?: boolean; index: string },
) {
  const bytes = await readImportFile(file);
  const report = await services.importer.importResults({
    bytes,
    fileName: basename(file),
    actor: `cli:${userInfo().username}`,
    dryRun: options.dryRun ?? false,
    indexCode: options.index,
  });
  if (options.json) {
    printJson({ ...report, warnings: report.warnings.map((w) => renderIssue(w, lang)) });
    return;
  }
  const n = (v: number) => formatNumber(v, 0, lang);
  const years = report.years.length ? `${report.years[0]}${report.years.length > 1 ? `–${report.years.at(-1)}` : ""}` : "—";
  const s = report.scores;
  const g = report.groups;
  const vi = lang === "vi";
  const lines = vi
    ? [
        `${report.dryRun ? "Kiểm tra (không ghi)" : "Đã nhập"} «${report.fileName}» (${report.format.toUpperCase()}${report.sheetName ? `, trang «${report.sheetName}»` : ""}, ${n(report.dataRows)} dòng, năm ${years}):`,
        report.layout === "results"
          ? `  điểm: mới ${n(s.inserted)} · thay đổi ${n(s.updated)} · gỡ bỏ ${n(s.removed)} · không đổi ${n(s.unchanged)}`
          : null,
        `  nhãn nhóm chính thức: mới ${n(g.inserted)} · thay đổi ${n(g.updated)} · không đổi ${n(g.unchanged)}`,
        s.inserted + s.updated + s.removed + g.inserted + g.updated === 0 ? "  Dữ liệu đã có sẵn, không có gì thay đổi." : null,
      ]
    : [
        `${report.dryRun ? "Checked (nothing written)" : "Imported"} "${report.fileName}" (${report.format.toUpperCase()}${report.sheetName ? `, sheet "${report.sheetName}"` : ""}, ${n(report.dataRows)} rows, ${years}):`,
        report.layout === "results"
          ? `  scores: new ${n(s.inserted)} · changed ${n(s.updated)} · removed ${n(s.removed)} · unchanged ${n(s.unchanged)}`
          : null,
        `  official group labels: new ${n(g.inserted)} · changed ${n(g.updated)} · unchanged ${n(g.unchanged)}`,
        s.inserted + s.updated + s.removed + g.inserted + g.updated === 0 ? "  Already up to date: nothing changed." : null,
      ];
  for (const change of report.changes) {
    lines.push(
      `  ${change.year} ${change.province} ${change.code}: ${change.before ?? "—"} → ${change.after ?? (vi ? "(trống)" : "(empty)")}`,
    );
  }
  for (const warning of report.warnings) lines.push(`  ! ${renderIssue(warning, lang).message}`);
  process.stdout.write(`${lines.filter((l) => l !== null).join("\n")}\n`);
}
