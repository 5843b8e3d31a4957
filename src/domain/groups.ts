/** The four PAPI performance groups: cut points, assignment and labels. Pure. */
import { percentileType7 } from "./statistics.ts";
import { foldVietnamese } from "./text.ts";
import type { Lang } from "./format.ts";

export const GROUPS = ["highest", "high-average", "low-average", "lowest"] as const;
export type Group = (typeof GROUPS)[number];

/** Where a group label came from: the publisher's own table, or our percentile rule. */
export type GroupSource = "official" | "computed";

export interface CutPoints {
  p25: number;
  p50: number;
  p75: number;
}

/**
 * Cut points over the provinces that have a score (missing provinces are not in the base). The official
 * method is not fully published; this rule (type-7 percentiles, ≥P75 / ≥P50 / ≥P25 / below) reproduces
 * the published group sizes of 2017, 2019 and 2020.
 */
export function cutPoints(scores: readonly number[]): CutPoints | null {
  if (scores.length === 0) return null;
  return {
    p25: percentileType7(scores, 0.25),
    p50: percentileType7(scores, 0.5),
    p75: percentileType7(scores, 0.75),
  };
}

export function groupFor(score: number, cuts: CutPoints): Group {
  if (score >= cuts.p75) return "highest";
  if (score >= cuts.p50) return "high-average";
  if (score >= cuts.p25) return "low-average";
  return "lowest";
}

/** 1 = highest … 4 = lowest, the order official documents count in ("nhóm thứ 3"). */
export function groupNumber(group: Group): number {
  return GROUPS.indexOf(group) + 1;
}

const LABELS: Record<Lang, Record<Group, string>> = {
  vi: {
    highest: "Nhóm đạt điểm cao nhất",
    "high-average": "Nhóm đạt điểm trung bình cao",
    "low-average": "Nhóm đạt điểm trung bình thấp",
    lowest: "Nhóm đạt điểm thấp nhất",
  },
  en: {
    highest: "Highest",
    "high-average": "High-average",
    "low-average": "Low-average",
    lowest: "Lowest",
  },
};

export function groupLabel(group: Group, lang: Lang): string {
  return LABELS[lang][group];
}

/** Every way official tables and provincial documents name a group, folded (see foldVietnamese). */
const ALIASES: Record<string, Group> = {
  "1": "highest",
  "2": "high-average",
  "3": "low-average",
  "4": "lowest",
  "cao nhat": "highest",
  "diem cao nhat": "highest",
  highest: "highest",
  "best performers": "highest",
  "high quartile": "highest",
  "trung binh cao": "high-average",
  "diem trung binh cao": "high-average",
  "high average": "high-average",
  "upper medium": "high-average",
  "trung binh thap": "low-average",
  "diem trung binh thap": "low-average",
  "low average": "low-average",
  "lower medium": "low-average",
  "thap nhat": "lowest",
  "diem thap nhat": "lowest",
  lowest: "lowest",
  "poor performers": "lowest",
  "low quartile": "lowest",
};

/** Reads a group label as written in a spreadsheet; `null` when it names no group. */
export function parseGroupLabel(text: string): Group | null {
  const folded = foldVietnamese(text)
    .replace(/^nhom (thu )?/, "")
    .replace(/^dat /, "")
    .replace(/ nhom$/, "")
    .trim();
  return ALIASES[folded] ?? null;
}
