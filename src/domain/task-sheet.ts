/**
 * The Excel sheet of tasks provinces keep today (STT, nhiệm vụ, chỉ số, chủ trì, phối hợp, thời hạn, sản
 * phẩm): columns found as people write them, each row turned into a task or into errors naming the cell.
 * Pure: agencies are matched by the service against the province's list.
 */
import { parseDay, type Lang } from "./format.ts";
import type { SheetRow } from "./sheet.ts";
import { locateColumns, rowReader, type SheetColumn } from "./sheet-columns.ts";
import { foldVietnamese } from "./text.ts";

export const TASK_COLUMNS: SheetColumn[] = [
  { key: "ref", vi: "STT", en: "No.", required: false, aliases: ["Số thứ tự", "Số hiệu", "Mục", "Ref"] },
  { key: "text", vi: "Nhiệm vụ, giải pháp", en: "Task", required: true, aliases: ["Nhiệm vụ", "Nội dung nhiệm vụ", "Nội dung", "Giải pháp"] },
  { key: "nodes", vi: "Chỉ số", en: "Nodes", required: false, aliases: ["Chỉ số nội dung", "Nội dung thành phần", "Lĩnh vực", "Dimension"] },
  { key: "lead", vi: "Cơ quan chủ trì", en: "Lead", required: true, aliases: ["Chủ trì", "Đơn vị chủ trì", "Lead agency"] },
  { key: "support", vi: "Cơ quan phối hợp", en: "Support", required: false, aliases: ["Phối hợp", "Đơn vị phối hợp", "Supporting agencies"] },
  { key: "due", vi: "Thời hạn", en: "Due", required: false, aliases: ["Thời gian hoàn thành", "Thời gian thực hiện", "Hạn"] },
  { key: "output", vi: "Sản phẩm", en: "Output", required: false, aliases: ["Kết quả, sản phẩm", "Sản phẩm đầu ra"] },
];

export type TaskRecurrence = "regular" | "monthly" | "quarterly" | "half-yearly" | "yearly";

/** How plans write a repeating deadline. */
const RECURRENCES: [TaskRecurrence, string[]][] = [
  ["regular", ["thuong xuyen", "lien tuc", "regular", "ongoing"]],
  ["monthly", ["hang thang", "monthly"]],
  ["quarterly", ["hang quy", "quarterly"]],
  ["half-yearly", ["6 thang", "hang 6 thang", "nua nam", "half yearly"]],
  ["yearly", ["hang nam", "yearly", "annually"]],
];

export interface TaskRow {
  row: number;
  ref: string | null;
  text: string;
  nodes: string[];
  lead: string[];
  support: string[];
  dueOn: string | null;
  recurrence: TaskRecurrence | null;
  output: string | null;
}

export type TaskSheetIssueCode = "columns.missing" | "cell.required" | "node.invalid" | "due.invalid" | "agency.unknown" | "row.refused";

export interface TaskSheetIssue {
  code: TaskSheetIssueCode;
  row?: number;
  column?: string;
  value?: string;
  params?: Record<string, string | number>;
}

/** "D1; 1.1, 2.3" → ["D1", "1.1", "2.3"]; "d5" → "D5". */
export function splitNodes(text: string): string[] {
  return text
    .split(/[;,\n]+/)
    .map((s) => s.trim().replace(/^d(\d)/i, "D$1"))
    .filter(Boolean);
}

/** Agencies separated by ";" or new lines (a comma may be part of a name: "Sở Văn hóa, Thể thao và Du lịch"). */
export function splitAgencies(text: string): string[] {
  return text
    .split(/[;\n]+/)
    .map((s) => s.trim().replace(/^[-+•]\s*/, ""))
    .filter(Boolean);
}

export function parseDue(text: string): { dueOn: string | null; recurrence: TaskRecurrence | null } | null {
  if (!text) return { dueOn: null, recurrence: null };
  const day = parseDay(text);
  if (day) return { dueOn: day, recurrence: null };
  const folded = foldVietnamese(text);
  const recurrence = RECURRENCES.find(([, words]) => words.some((w) => folded.includes(w)))?.[0];
  return recurrence ? { dueOn: null, recurrence } : null;
}

export function parseTaskSheet(rows: readonly SheetRow[]): { tasks: TaskRow[]; issues: TaskSheetIssue[] } {
  const issues: TaskSheetIssue[] = [];
  const located = locateColumns(TASK_COLUMNS, rows);
  if (!located.ok) {
    issues.push({ code: "columns.missing", ...(located.headerRow !== null ? { row: located.headerRow } : {}), params: { columns: located.missing.map((c) => c.vi).join(", ") } });
    return { tasks: [], issues };
  }
  const tasks: TaskRow[] = [];
  for (const row of rows.slice(located.headerIndex + 1)) {
    if (row.cells.every((c) => c.trim() === "")) continue;
    const { cell, label } = rowReader(TASK_COLUMNS, located.position, row);
    const problem = (code: TaskSheetIssueCode, k: string, params?: Record<string, string | number>) =>
      issues.push({ code, row: row.rowNumber, column: label(k), value: cell(k), ...(params ? { params } : {}) });
    const before = issues.length;
    if (!cell("text")) problem("cell.required", "text");
    if (!cell("lead")) problem("cell.required", "lead");
    const nodes = splitNodes(cell("nodes"));
    const badNode = nodes.find((n) => !/^(D\d{1,2}|\d{1,2}\.\d{1,2})$/.test(n));
    if (badNode) problem("node.invalid", "nodes", { node: badNode });
    const due = parseDue(cell("due"));
    if (!due) problem("due.invalid", "due");
    if (issues.length > before) continue;
    tasks.push({
      row: row.rowNumber,
      ref: cell("ref") || null,
      text: cell("text"),
      nodes,
      lead: splitAgencies(cell("lead")),
      support: splitAgencies(cell("support")),
      dueOn: due!.dueOn,
      recurrence: due!.recurrence,
      output: cell("output") || null,
    });
  }
  return { tasks, issues };
}

const MESSAGES: Record<TaskSheetIssueCode, Record<Lang, (p: Record<string, string | number>, v: string) => string>> = {
  "columns.missing": {
    vi: (p) => `Thiếu cột bắt buộc: ${p.columns}. Hãy dùng tệp mẫu.`,
    en: (p) => `Required columns missing: ${p.columns}. Use the template.`,
  },
  "cell.required": { vi: () => "không được để trống.", en: () => "must not be empty." },
  "node.invalid": {
    vi: (p) => `«${p.node}» không phải mã chỉ số nội dung (D1…D8) hay nội dung thành phần (1.1…); ngăn cách bằng dấu chấm phẩy.`,
    en: (p) => `"${p.node}" is not a dimension (D1…D8) or sub-dimension (1.1…) code; separate codes with semicolons.`,
  },
  "due.invalid": {
    vi: (_p, v) => `«${v}» không phải thời hạn: ghi ngày dd/mm/yyyy, hoặc «Thường xuyên», «Hằng quý», «Hằng năm».`,
    en: (_p, v) => `"${v}" is not a deadline: write a date dd/mm/yyyy, or "Thường xuyên", "Hằng quý", "Hằng năm".`,
  },
  "agency.unknown": {
    vi: (p) => `không có cơ quan «${p.agency}» trong danh sách của tỉnh, thành phố (ghi mã như SNV hoặc tên đầy đủ; nhiều cơ quan ngăn cách bằng dấu chấm phẩy).`,
    en: (p) => `there is no body "${p.agency}" in the province's list (write a code such as SNV or the full name; separate several with semicolons).`,
  },
  "row.refused": { vi: (p) => String(p.message), en: (p) => String(p.message) },
};

export function renderTaskIssue(issue: TaskSheetIssue, lang: Lang): TaskSheetIssue & { message: string } {
  const where: string[] = [];
  if (issue.row !== undefined) where.push(lang === "vi" ? `Dòng ${issue.row}` : `Row ${issue.row}`);
  if (issue.column !== undefined) where.push(lang === "vi" ? `cột «${issue.column}»` : `column "${issue.column}"`);
  const text = MESSAGES[issue.code][lang](issue.params ?? {}, issue.value ?? "");
  return { ...issue, message: where.length > 0 ? `${where.join(", ")}: ${text}` : text };
}
