/** Display helpers on top of the shared domain formatting (Vietnamese: 42,153 · 25/04/2019). */
import { formatNumber, formatSigned, type Lang } from "@domain/format.ts";

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
