/**
 * The layout of Decree 30/2020/NĐ-CP (Phụ lục I) as one set of figures, shared by the builder that writes a
 * document and the checker that reads one back. Sizes are in points, lengths in millimetres; a later decree
 * would be a second entry with its own validFrom, not edits scattered through the builder.
 */
import { readFileSync } from "node:fs";
import { dataFile } from "../services/shipped-data.ts";

export interface DocumentFormat {
  id: string;
  validFrom: string;
  page: { widthMm: number; heightMm: number };
  /** Allowed ranges (checker) and the value the builder uses. */
  margins: Record<"top" | "bottom" | "left" | "right", { min: number; max: number; use: number }>;
  font: string;
  size: {
    body: { min: number; max: number; use: number };
    nationalTitle: { min: number; max: number; use: number };
    motto: { min: number; max: number; use: number };
    bodyNames: { min: number; max: number; use: number };
    numberLine: number;
    placeDate: { min: number; max: number; use: number };
    recipientsLabel: number;
    recipientsItems: number;
    table: { min: number; max: number; use: number };
    signature: { min: number; max: number; use: number };
  };
  /** The header table: the issuing body's column and the national title's column, zero cell padding. */
  headerColumnsMm: [number, number];
  /** The line under the issuing body and under the summary: a share of the text above it. */
  shortLineShare: { min: number; max: number; use: number };
  /** First-line indent of body paragraphs (1 cm or 1.27 cm). */
  firstLineIndentMm: number;
  /** Line thickness of the drawn rules, in points. */
  ruleWeightPt: number;
}

export const NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
export const MOTTO = "Độc lập - Tự do - Hạnh phúc";

export const DECREE_30: DocumentFormat = {
  id: "ND30-2020",
  validFrom: "2020-03-05",
  page: { widthMm: 210, heightMm: 297 },
  margins: {
    top: { min: 20, max: 25, use: 20 },
    bottom: { min: 20, max: 25, use: 20 },
    left: { min: 30, max: 35, use: 30 },
    right: { min: 15, max: 20, use: 15 },
  },
  font: "Times New Roman",
  size: {
    body: { min: 13, max: 14, use: 14 },
    nationalTitle: { min: 12, max: 13, use: 13 },
    motto: { min: 13, max: 14, use: 14 },
    bodyNames: { min: 12, max: 13, use: 13 },
    numberLine: 13,
    placeDate: { min: 13, max: 14, use: 14 },
    recipientsLabel: 12,
    recipientsItems: 11,
    table: { min: 12, max: 14, use: 13 },
    signature: { min: 13, max: 14, use: 14 },
  },
  headerColumnsMm: [65, 100],
  shortLineShare: { min: 1 / 3, max: 1 / 2, use: 0.4 },
  firstLineIndentMm: 12.7,
  ruleWeightPt: 0.75,
};

interface Metrics {
  regular: Record<string, number>;
  bold: Record<string, number>;
}
let metrics: Metrics | undefined;

/**
 * The printed width of a line in Times New Roman, in millimetres, from Liberation Serif's advance widths
 * (data/documents/times-metrics.json; the two fonts are metric-compatible). A character the table lacks
 * counts as an "n".
 */
export function textWidthMm(text: string, sizePt: number, bold: boolean): number {
  metrics ??= JSON.parse(readFileSync(dataFile("documents/times-metrics.json"), "utf8")) as Metrics;
  const table = bold ? metrics.bold : metrics.regular;
  let units = 0;
  for (const ch of text.normalize("NFC")) units += table[ch] ?? table["n"]!;
  return (units / 1000) * sizePt * (25.4 / 72);
}

export const twipsFromMm = (mm: number) => Math.round((mm * 1440) / 25.4);
export const mmFromTwips = (twips: number) => (twips * 25.4) / 1440;
/** The textWidth of the page between the margins the builder uses. */
export function textWidthOfPageMm(format: DocumentFormat = DECREE_30): number {
  return format.page.widthMm - format.margins.left.use - format.margins.right.use;
}
