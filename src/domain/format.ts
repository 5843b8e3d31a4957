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

/** "14:05 25/04/2019" (Vietnam time); the same order in English, with "on". */
export function formatDateTime(at: Date, lang: Lang): string {
  const parts = Object.fromEntries(DATE_TIME.formatToParts(at).map((p) => [p.type, p.value]));
  const time = `${parts.hour}:${parts.minute}`;
  const day = `${parts.day}/${parts.month}/${parts.year}`;
  return lang === "vi" ? `${time} ngày ${day}` : `${time} on ${day}`;
}

/** Today's date in Vietnam as yyyy-mm-dd (the server may run on UTC, seven hours behind). */
export function isoDateInVietnam(at: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: VIETNAM_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}
