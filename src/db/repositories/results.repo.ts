/** Official results in the database: sub-dimension scores and official group labels. */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Group } from "../../domain/groups.ts";
import type { StoredGroup, StoredScore } from "../../domain/results-import/diff.ts";
import type { Executor } from "../client.ts";
import { adminUnits, frameworkNodes, frameworkVersions, officialGroups, resultImports, scores } from "../schema.ts";

export async function loadScores(db: Executor, indexCode: string, years: readonly number[]): Promise<StoredScore[]> {
  if (years.length === 0) return [];
  return db
    .select({
      year: scores.year,
      unitCode: adminUnits.code,
      subdimensionCode: frameworkNodes.code,
      value: scores.value,
    })
    .from(scores)
    .innerJoin(adminUnits, eq(adminUnits.id, scores.unitId))
    .innerJoin(frameworkNodes, eq(frameworkNodes.id, scores.nodeId))
    .innerJoin(frameworkVersions, eq(frameworkVersions.id, frameworkNodes.versionId))
    .where(and(eq(frameworkVersions.indexCode, indexCode), inArray(scores.year, [...years])));
}

/**
 * Stored scores of some years as ids (no joins: an import of the whole official file compares 22,000
 * rows, and PGlite returns id rows about twice as fast as joined text rows).
 */
export async function loadScoreIds(
  db: Executor,
  years: readonly number[],
): Promise<{ year: number; unitId: number; nodeId: number; value: number }[]> {
  if (years.length === 0) return [];
  return db
    .select({ year: scores.year, unitId: scores.unitId, nodeId: scores.nodeId, value: scores.value })
    .from(scores)
    .where(inArray(scores.year, [...years]));
}

export async function loadGroups(db: Executor, indexCode: string, years: readonly number[]): Promise<StoredGroup[]> {
  if (years.length === 0) return [];
  return db
    .select({
      year: officialGroups.year,
      unitCode: adminUnits.code,
      scope: officialGroups.scope,
      group: officialGroups.groupCode,
      source: officialGroups.source,
    })
    .from(officialGroups)
    .innerJoin(adminUnits, eq(adminUnits.id, officialGroups.unitId))
    .where(and(eq(officialGroups.indexCode, indexCode), inArray(officialGroups.year, [...years])));
}

/** Years that have at least one score, oldest first. */
export async function yearsWithScores(db: Executor, indexCode: string): Promise<number[]> {
  const rows = await db
    .selectDistinct({ year: scores.year })
    .from(scores)
    .innerJoin(frameworkNodes, eq(frameworkNodes.id, scores.nodeId))
    .innerJoin(frameworkVersions, eq(frameworkVersions.id, frameworkNodes.versionId))
    .where(eq(frameworkVersions.indexCode, indexCode))
    .orderBy(asc(scores.year));
  return rows.map((r) => r.year);
}

export interface ScoreWrite {
  year: number;
  unitId: number;
  nodeId: number;
  value: number;
}

export interface GroupWrite {
  year: number;
  unitId: number;
  scope: string;
  group: Group;
  source: string | null;
}

export async function createImportRecord(
  tx: Executor,
  record: Omit<typeof resultImports.$inferInsert, "id" | "createdAt">,
): Promise<number> {
  const [row] = await tx.insert(resultImports).values(record).returning({ id: resultImports.id });
  return row!.id;
}

const BATCH = 2000;

export async function insertScores(tx: Executor, rows: readonly ScoreWrite[], importId: number): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await tx.insert(scores).values(rows.slice(i, i + BATCH).map((r) => ({ ...r, importId })));
  }
}

export async function updateScores(tx: Executor, rows: readonly ScoreWrite[], importId: number): Promise<void> {
  for (const r of rows) {
    await tx
      .update(scores)
      .set({ value: r.value, importId, updatedAt: sql`now()` })
      .where(and(eq(scores.year, r.year), eq(scores.unitId, r.unitId), eq(scores.nodeId, r.nodeId)));
  }
}

export async function deleteScores(tx: Executor, rows: readonly Omit<ScoreWrite, "value">[]): Promise<void> {
  for (const r of rows) {
    await tx
      .delete(scores)
      .where(and(eq(scores.year, r.year), eq(scores.unitId, r.unitId), eq(scores.nodeId, r.nodeId)));
  }
}

export async function upsertGroups(
  tx: Executor,
  indexCode: string,
  rows: readonly GroupWrite[],
  importId: number,
): Promise<void> {
  for (const r of rows) {
    const values = {
      indexCode,
      year: r.year,
      unitId: r.unitId,
      scope: r.scope,
      groupCode: r.group,
      source: r.source,
      importId,
    };
    await tx
      .insert(officialGroups)
      .values(values)
      .onConflictDoUpdate({
        target: [officialGroups.indexCode, officialGroups.year, officialGroups.unitId, officialGroups.scope],
        set: { groupCode: r.group, source: r.source, importId, updatedAt: sql`now()` },
      });
  }
}

export async function listImports(db: Executor, limit = 50) {
  return db.select().from(resultImports).orderBy(sql`${resultImports.id} desc`).limit(limit);
}
