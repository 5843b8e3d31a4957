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
