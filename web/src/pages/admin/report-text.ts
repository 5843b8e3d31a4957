/**
 * How periodic reports are put in words: a period («Quý I năm 2026 (15/12/2025 – 14/03/2026)», «quý I/2026»),
 * a deadline against today («còn 3 ngày», «đã quá hạn 5 ngày»), a figure with its unit, a figure's problem
 * («Đã giải quyết (5) không được lớn hơn Đã tiếp nhận (4).») and a notification. Pure.
 */
import { formatCompact, type Lang } from "@domain/format.ts";
import type { FigureRule } from "@domain/report-figures.ts";
import type { ReportStatus } from "@domain/report-workflow.ts";
import { parsePeriodKey, type Period } from "@domain/reporting-periods.ts";
import type { Dictionary } from "../../i18n/vi.ts";
import type { ReportIssue, ReportNotification, Timeliness } from "../../lib/admin-api.ts";
import { day } from "../../lib/format.ts";

interface Words {
  t: Dictionary;
  lang: Lang;
  fill: (template: string, values: Record<string, string | number>) => string;
}

const ROMAN = ["I", "II", "III", "IV"];

type PeriodLike = Pick<Period, "kind" | "number" | "year">;

/** "long": «Quý I năm 2026»; "short": «quý I/2026» (in a sentence); "tab": «Quý I» (a picker within the year). */
export function periodName(period: PeriodLike | string, words: Words, style: "long" | "short" | "tab" = "long"): string {
  const p = typeof period === "string" ? parsePeriodKey(period) : period;
  if (!p) return String(period);
  const names = words.t.admin.reports.period;
  const q = words.lang === "vi" ? ROMAN[p.number - 1]! : String(p.number);
  const key = style === "long" ? p.kind : (`${p.kind}${style === "short" ? "Short" : "Tab"}` as const);
  return words.fill(names[key], { q, year: p.year });
}

/** «Quý I năm 2026 (15/12/2025 – 14/03/2026)». */
export function periodWithWindow(period: Pick<Period, "kind" | "number" | "year" | "from" | "to">, words: Words): string {
  return words.fill(words.t.admin.reports.period.window, { name: periodName(period, words), from: day(period.from), to: day(period.to) });
}

/** Whole days from `today` to `date` (both yyyy-mm-dd): negative once it has passed. */
export function daysUntil(date: string, today: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** «còn 3 ngày», «hạn hôm nay», «đã quá hạn 5 ngày». */
export function deadlineDistance(deadline: string, today: string, words: Words): string {
  const inbox = words.t.admin.reports.inbox;
  const days = daysUntil(deadline, today);
  if (days === 0) return inbox.dueToday;
  return days > 0 ? words.fill(inbox.daysLeft, { n: days }) : words.fill(inbox.daysLate, { n: -days });
}

/** A number as Vietnamese writes it (111; 12,5), up to two decimals. */
export const figureNumber = (value: number, lang: Lang) => formatCompact(value, 2, lang);

/** A figure's value as read: «111 thủ tục», «72%» (a ratio or a percentage), «—» when none. */
export function figureText(value: number | null, rule: Pick<FigureRule, "aggregation" | "valueType"> & { unit: string | null }, lang: Lang, withUnit = true): string {
  if (value === null) return "—";
  if (rule.aggregation === "ratio") return `${formatCompact(value * 100, 1, lang)}%`;
  if (rule.valueType === "percent") return `${figureNumber(value, lang)}%`;
  return withUnit && rule.unit ? `${figureNumber(value, lang)} ${rule.unit}` : figureNumber(value, lang);
}

/**
 * A figure's target as read: a ratio's target is written as a percentage (100 = all), the others in the
 * figure's own kind of number; «—» when none.
 */
export function targetText(target: number | null, rule: Pick<FigureRule, "aggregation" | "valueType">, lang: Lang): string {
  if (target === null) return "—";
  const ratio = rule.aggregation === "ratio";
  return figureText(target, { aggregation: ratio ? "sum" : rule.aggregation, valueType: ratio ? "percent" : rule.valueType, unit: null }, lang, false);
}

/** An outline heading as a label: «D1. Tham gia của người dân ở cấp cơ sở» (its node first, once). */
export function headingLabel(heading: { key: string; title: string; node?: unknown }): string {
  const code = typeof heading.node === "string" ? heading.node : null;
  return code && code !== heading.title && !heading.title.startsWith(code) ? `${code}. ${heading.title}` : heading.title;
}

/** One problem of the figures in plain words, next to its field. */
export function issueText(issue: ReportIssue, words: Words): string {
  const templates = words.t.admin.reports.issues;
  const n = (v: number | undefined) => (v === undefined ? "" : figureNumber(v, words.lang));
  return words.fill(templates[issue.code] ?? templates.other!, {
    name: issue.name,
    value: n(issue.value),
    min: n(issue.min),
    max: n(issue.max),
    other: issue.other ?? "",
    otherValue: n(issue.otherValue),
  });
}

/** A notification as a sentence: «Sở Tài chính đã gửi báo cáo quý I/2026». */
export function notificationText(notification: ReportNotification, words: Words): string {
  const templates = words.t.admin.reports.notify;
  const params = notification.params as { agency?: string; period?: string; reason?: string; deadline?: string; overdue?: number };
  const kind = notification.kind === "report.reminder" && Number(params.overdue) === 1 ? "report.reminderOverdue" : notification.kind;
  return words.fill(templates[kind] ?? templates.other!, {
    agency: params.agency ?? "",
    period: params.period ? periodName(params.period, words, "short") : "",
    reason: params.reason ?? "",
    deadline: params.deadline ? day(params.deadline) : "",
  });
}

export const STATUS_COLORS: Record<ReportStatus, string> = {
  draft: "gray",
  submitted: "yellow",
  approved: "indigo",
  accepted: "teal",
  returned: "red",
};

export const TIMELINESS_COLORS: Record<Timeliness, string> = {
  "on-time": "teal",
  late: "orange",
  missing: "red",
  pending: "gray",
};

/** What a cell of the year's matrix shows: one state combining the report's status and its timeliness. */
export type CellState = "accepted" | "accepted-late" | "sent" | "late" | "returned" | "missing" | "draft" | "pending";

export function cellState(status: ReportStatus | null, timeliness: Timeliness): CellState {
  if (status === "accepted") return timeliness === "late" ? "accepted-late" : "accepted";
  if (status === "returned") return "returned";
  if (timeliness === "late") return "late";
  if (timeliness === "on-time") return "sent";
  if (timeliness === "missing") return "missing";
  return status === "draft" ? "draft" : "pending";
}

/** Colours of the matrix: background and text, the legend uses the same. */
export const CELL_STYLES: Record<CellState, { background: string; color: string; mark: string }> = {
  accepted: { background: "var(--mantine-color-teal-7)", color: "white", mark: "✓" },
  "accepted-late": { background: "var(--mantine-color-teal-7)", color: "var(--mantine-color-orange-2)", mark: "!" },
  sent: { background: "var(--mantine-color-teal-1)", color: "var(--mantine-color-teal-9)", mark: "✓" },
  late: { background: "var(--mantine-color-orange-2)", color: "var(--mantine-color-orange-9)", mark: "!" },
  returned: { background: "var(--mantine-color-pink-1)", color: "var(--mantine-color-pink-9)", mark: "↩" },
  missing: { background: "var(--mantine-color-red-6)", color: "white", mark: "✗" },
  draft: { background: "var(--mantine-color-yellow-1)", color: "var(--mantine-color-yellow-9)", mark: "…" },
  pending: { background: "var(--mantine-color-gray-1)", color: "var(--mantine-color-gray-6)", mark: "" },
};
