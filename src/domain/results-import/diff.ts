/** What an import would change: new, changed, removed and unchanged values. Pure. */
import type { Group } from "../groups.ts";
import type { ParsedGroup, ParsedScore } from "./validate.ts";

export interface StoredScore {
  year: number;
  unitCode: string;
  subdimensionCode: string;
  value: number;
}

export interface StoredGroup {
  year: number;
  unitCode: string;
  scope: string;
  group: Group;
  source: string | null;
}

export interface ScoreDiff {
  inserts: (ParsedScore & { value: number })[];
  updates: { incoming: ParsedScore & { value: number }; before: number }[];
  /** An empty cell where a score is stored: the publisher has withdrawn it. */
  removals: { incoming: ParsedScore; before: number }[];
  unchanged: number;
}

export interface GroupDiff {
  inserts: ParsedGroup[];
  updates: { incoming: ParsedGroup; before: StoredGroup }[];
  unchanged: number;
}

const scoreKey = (s: { year: number; unitCode: string; subdimensionCode: string }) =>
  `${s.year}|${s.unitCode}|${s.subdimensionCode}`;

/** Equal within rounding noise of a spreadsheet round trip (15 significant digits). */
function same(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
}

export function diffScores(stored: readonly StoredScore[], incoming: readonly ParsedScore[]): ScoreDiff {
  const byKey = new Map(stored.map((s) => [scoreKey(s), s.value]));
  const diff: ScoreDiff = { inserts: [], updates: [], removals: [], unchanged: 0 };
  for (const row of incoming) {
    const before = byKey.get(scoreKey(row));
    if (row.value === null) {
      if (before === undefined) diff.unchanged += 1;
      else diff.removals.push({ incoming: row, before });
    } else if (before === undefined) {
      diff.inserts.push({ ...row, value: row.value });
    } else if (same(before, row.value)) {
      diff.unchanged += 1;
    } else {
      diff.updates.push({ incoming: { ...row, value: row.value }, before });
    }
  }
  return diff;
}

export function diffGroups(stored: readonly StoredGroup[], incoming: readonly ParsedGroup[]): GroupDiff {
  const byKey = new Map(stored.map((g) => [`${g.year}|${g.unitCode}|${g.scope}`, g]));
  const diff: GroupDiff = { inserts: [], updates: [], unchanged: 0 };
  for (const row of incoming) {
    const before = byKey.get(`${row.year}|${row.unitCode}|${row.scope}`);
    if (!before) diff.inserts.push(row);
    else if (before.group === row.group && (row.source === null || row.source === before.source)) diff.unchanged += 1;
    else diff.updates.push({ incoming: { ...row, source: row.source ?? before.source }, before });
  }
  return diff;
}
