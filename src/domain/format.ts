/** Number and date formatting for what users read: Vietnamese (42,153; 25/04/2019) or English. Pure. */

export type Lang = "vi" | "en";

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Lang, minDigits: number, maxDigits: number): Intl.NumberFormat {
  const key = `${lang}:${minDigits}:${maxDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB", {
      minimumFractionDigits: minDigits,
      maximumFractionDigits: maxDigits,
    });
    numberFormats.set(key, format);
  }
  return format;
}

/** A number with exactly `digits` decimals: formatNumber(42.15294, 3, "vi") → "42,153". */
export function formatNumber(value: number, digits: number, lang: Lang): string {
  return numberFormat(lang, digits, digits).format(value);
}

/** A number with up to `digits` decimals, trailing zeros dropped: 2.5 → "2,5", 10 → "10", 3.3333 → "3,3". */
export function formatCompact(value: number, digits: number, lang: Lang): string {
  return numberFormat(lang, 0, digits).format(value);
}

/** A signed change: +0,190 / −0,570 (a real minus sign, as in print). */
export function formatSigned(value: number, digits: number, lang: Lang): string {
  const text = formatNumber(Math.abs(value), digits, lang);
  if (Number(text.replace(/[^\d]/g, "")) === 0) return text;
  return `${value > 0 ? "+" : "−"}${text}`;
}

/** An ISO date (yyyy-mm-dd) as dd/mm/yyyy, the Vietnamese and British order. */
export function formatDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  return `${match[3]}/${match[2]}/${match[1]}`;
}

/** Vietnam has one time zone and no daylight saving: times shown to users are in it, whatever the server's. */
export const VIETNAM_TIME_ZONE = "Asia/Ho_Chi_Minh";

const DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  timeZone: VIETNAM_TIME_ZONE,
  hour: "2-digit",
  minute: "2-digit",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hourCycle: "h23",
});

function momentParts(at: Date): { time: string; day: string } {
  const parts = Object.fromEntries(DATE_TIME.formatToParts(at).map((p) => [p.type, p.value]));
  return { time: `${parts.hour}:${parts.minute}`, day: `${parts.day}/${parts.month}/${parts.year}` };
}

/** "14:05 25/04/2019" (Vietnam time, wherever the server or browser is): for tables. */
export function formatMoment(at: Date): string {
  const { time, day } = momentParts(at);
  return `${time} ${day}`;
}

/** "14:05 ngày 25/04/2019" / "14:05 on 25/04/2019": for sentences. */
export function formatDateTime(at: Date, lang: Lang): string {
  const { time, day } = momentParts(at);
  return lang === "vi" ? `${time} ngày ${day}` : `${time} on ${day}`;
}

const ISO_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: VIETNAM_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** Today's date in Vietnam as yyyy-mm-dd (the server may run on UTC, seven hours behind). */
export function isoDateInVietnam(at: Date): string {
  return ISO_DAY.format(at);
}

/** dd/mm/yyyy (what Excel and people write in Vietnam), d/m/yyyy, d.m.yyyy, or yyyy-mm-dd, as an ISO date; null if no real day. */
export function parseDay(text: string): string | null {
  const trimmed = text.trim();
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  const ymd = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const [y, m, d] = dmy ? [dmy[3], dmy[2], dmy[1]] : ymd ? [ymd[1], ymd[2], ymd[3]] : [];
  if (!y || !m || !d) return null;
  const iso = `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso;
}
