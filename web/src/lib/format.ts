/** Display helpers on top of the shared domain formatting (Vietnamese: 42,153 · 25/04/2019). */
import { formatDate, formatMoment, formatNumber, formatSigned, isoDateInVietnam, parseDay, type Lang } from "@domain/format.ts";

export const GROUP_COLORS = {
  highest: "#1a7f4b",
  "high-average": "#74c476",
  "low-average": "#f4a259",
  lowest: "#c8102e",
} as const;
export const NO_DATA_COLOR = "#d9dde3";

export const score = (value: number | null | undefined, lang: Lang, digits = 3) =>
  value === null || value === undefined ? "—" : formatNumber(value, digits, lang);

export const signed = (value: number | null | undefined, lang: Lang, digits = 3) =>
  value === null || value === undefined ? "—" : formatSigned(value, digits, lang);

export const percent = (ratio: number | null | undefined, lang: Lang) =>
  ratio === null || ratio === undefined ? "—" : `${formatNumber(ratio * 100, 0, lang)}%`;

/** Names in Vietnamese order (Đ after D, tones secondary). */
export const collator = new Intl.Collator("vi", { sensitivity: "base", numeric: true });

/** An ISO date as dd/mm/yyyy; "—" for none. */
export const day = (iso: string | null | undefined) => (iso ? formatDate(iso) : "—");

/** A moment as "14:05 25/04/2019", Vietnam time, wherever the browser is. */
export function dateTime(at: string | Date | null | undefined): string {
  if (!at) return "—";
  const date = typeof at === "string" ? new Date(at) : at;
  return Number.isNaN(date.getTime()) ? String(at) : formatMoment(date);
}

export { parseDay };

/** Today in Vietnam as yyyy-mm-dd. */
export const today = () => isoDateInVietnam(new Date());

const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/**
 * Place and date as a document prints them: «Lào Cai, ngày 25 tháng 4 năm 2019» (days below 10 and the
 * months 1 and 2 with a leading zero, as Decree 30/2020/NĐ-CP writes them); "Lào Cai, 25 April 2019".
 */
export function documentDate(place: string | null, iso: string | null, lang: Lang): string {
  const match = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  if (!match) return place ?? "";
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date =
    lang === "vi"
      ? `ngày ${String(d).padStart(d < 10 ? 2 : 1, "0")} tháng ${String(m).padStart(m <= 2 ? 2 : 1, "0")} năm ${y}`
      : `${d} ${MONTHS_EN[m - 1]} ${y}`;
  return place ? `${place}, ${date}` : date.charAt(0).toLocaleUpperCase() + date.slice(1);
}

/** "5,6" or "5.6" (what people type) → 5.6; null when empty; undefined when it is no number. */
export function parseDecimal(text: string): number | null | undefined {
  const trimmed = text.trim().replace(/\s/g, "");
  if (trimmed === "") return null;
  if (!/^[-+\u2212]?\d+([.,]\d+)?$/.test(trimmed)) return undefined;
  return Number(trimmed.replace("\u2212", "-").replace(",", "."));
}
