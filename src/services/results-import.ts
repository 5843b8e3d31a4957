/**
 * Imports official results (CSV or XLSX, the long layout) or official group labels, all or nothing:
 * read → validate every row → compare with what is stored → write the differences in one transaction,
 * with an audit entry per changed value. A file with any error changes nothing; the same file twice
 * changes nothing the second time.
 */
import { sql } from "drizzle-orm";
import type { Db, Executor } from "../db/client.ts";
import { appendAudit, type AuditEntry } from "../db/repositories/audit.repo.ts";
import {
  createImportRecord,
  deleteScores,
  insertScores,
  loadGroups,
  loadScoreIds,
  updateScores,
  upsertGroups,
  type GroupWrite,
  type ScoreWrite,
} from "../db/repositories/results.repo.ts";
import { bumpDataVersion } from "../db/repositories/state.repo.ts";
import type { SheetTable } from "../domain/sheet.ts";
import { headerScore } from "../domain/results-import/columns.ts";
import { diffGroups, diffScores, type GroupDiff, type ScoreDiff } from "../domain/results-import/diff.ts";
import type { ImportIssue } from "../domain/results-import/issues.ts";
import { validateTable, type ValidationResult } from "../domain/results-import/validate.ts";
import { AppError } from "../errors.ts";
import { DEFAULT_LIMITS, readSpreadsheet, type ReadLimits } from "../spreadsheets/read.ts";
import { SheetReadError } from "../spreadsheets/errors.ts";
import { UNIT_SET_LABELS, type Catalog } from "./catalog.ts";
import { sha256 } from "./shipped-data.ts";

export interface ImportRequest {
  bytes: Uint8Array;
  fileName: string;
  /** Who imports: a username, "cli:<user>", "system" … */
  actor: string;
  actorIp?: string | null;
  /** The signed-in person importing through the API. */
  actorUserId?: number | null;
  /** Validate and report what would change, without writing. */
  dryRun?: boolean;
  indexCode?: string;
}

export interface ImportReport {
  fileName: string;
  format: "csv" | "xlsx";
  sheetName: string | null;
  layout: "results" | "groups";
  dryRun: boolean;
  dataRows: number;
  years: number[];
  scores: { inserted: number; updated: number; removed: number; unchanged: number };
  groups: { inserted: number; updated: number; unchanged: number };
  /** Up to 50 changed values, so a user sees what an import corrected. */
  changes: { year: number; province: string; code: string; before: number | null; after: number | null }[];
  warnings: ImportIssue[];
  importId: number | null;
}

/** Details of a refused import (AppError "import.invalid-file"). */
export interface ImportFailure {
  fileName: string;
  errors: ImportIssue[];
  errorCount: number;
  warnings: ImportIssue[];
}

/** Imports are serialised across instances sharing one PostgreSQL. */
const IMPORT_LOCK_KEY = 7_351_904_222;

export function createResultsImporter(deps: {
  db: Db;
  catalog: () => Promise<Catalog>;
  /** Runs after a transaction that changed data has committed. */
  onCommitted?: () => Promise<void>;
  limits?: Partial<ReadLimits>;
}) {
  const limits: ReadLimits = { ...DEFAULT_LIMITS, ...deps.limits };

  async function readTable(request: ImportRequest): Promise<SheetTable> {
    try {
      const tables = await readSpreadsheet(request.bytes, limits);
      // A workbook may hold several sheets: take the one whose header fits best.
      const best = [...tables].sort((a, b) => headerScore(b.rows) - headerScore(a.rows))[0];
      if (!best) throw new SheetReadError("file.no-visible-sheet", { sheets: "" });
      return best;
    } catch (error) {
      if (!(error instanceof SheetReadError)) throw error;
      const issue: ImportIssue = { code: error.code, params: error.params };
      if (error.row !== undefined) issue.row = error.row;
      throw refusal(request.fileName, { errors: [issue], errorCount: 1, warnings: [] });
    }
  }

  function validate(table: SheetTable, catalog: Catalog, indexCode: string): ValidationResult {
    const index = catalog.index(indexCode);
    return validateTable(table, {
      index,
      provincesForYear: (year) => {
        const { set, units } = catalog.provincesFor(index.code, year);
        return { labelVi: UNIT_SET_LABELS[set].vi, labelEn: UNIT_SET_LABELS[set].en, units };
      },
      hintFor: (query, year) => catalog.otherPeriodHint(index.code, query, year),
    });
  }

  return {
    async importResults(request: ImportRequest): Promise<ImportReport> {
      const table = await readTable(request);
      const catalog = await deps.catalog();
      const indexCode = catalog.index(request.indexCode ?? "PAPI").code;
      const checked = validate(table, catalog, indexCode);
      if (checked.errorCount > 0) {
        throw refusal(request.fileName, {
          errors: checked.errors,
          errorCount: checked.errorCount,
          warnings: checked.warnings,
        });
      }

      const compute = async (db: Executor) => {
        const [scoreRows, storedGroups] = await Promise.all([
          checked.layout === "results" ? loadScoreIds(db, checked.years) : [],
          loadGroups(db, indexCode, checked.years),
        ]);
        const storedScores = scoreRows.flatMap((r) => {
          const node = catalog.nodeOfId(r.nodeId);
          const unit = catalog.provinceOfId(r.unitId);
          if (!node || !unit || node.indexCode !== indexCode) return [];
          return [{ year: r.year, unitCode: unit.code, subdimensionCode: node.code, value: r.value }];
        });
        return { scores: diffScores(storedScores, checked.scores), groups: diffGroups(storedGroups, checked.groups) };
      };

      const report = (diff: { scores: ScoreDiff; groups: GroupDiff }, importId: number | null): ImportReport => ({
        fileName: request.fileName,
        format: table.format,
        sheetName: table.sheetName,
        layout: checked.layout,
        dryRun: request.dryRun ?? false,
        dataRows: checked.dataRows,
        years: checked.years,
        scores: {
          inserted: diff.scores.inserts.length,
          updated: diff.scores.updates.length,
          removed: diff.scores.removals.length,
          unchanged: diff.scores.unchanged,
        },
        groups: { inserted: diff.groups.inserts.length, updated: diff.groups.updates.length, unchanged: diff.groups.unchanged },
        changes: [
          ...diff.scores.updates.map((u) => ({ ...u.incoming, before: u.before, after: u.incoming.value })),
          ...diff.scores.removals.map((r) => ({ ...r.incoming, before: r.before, after: null })),
        ]
          .slice(0, 50)
          .map((c) => ({ year: c.year, province: c.unitCode, code: c.subdimensionCode, before: c.before, after: c.after })),
        warnings: checked.warnings,
        importId,
      });

      if (request.dryRun) return report(await compute(deps.db), null);

      const applied = await deps.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`);
        const diff = await compute(tx);
        const changed =
          diff.scores.inserts.length + diff.scores.updates.length + diff.scores.removals.length +
          diff.groups.inserts.length + diff.groups.updates.length;
        if (changed === 0) return report(diff, null);

        const setFor = (year: number) => catalog.unitSetFor(indexCode, year);
        const ids = (row: { year: number; unitCode: string; subdimensionCode: string }) => {
          const version = catalog.version(indexCode, row.year);
          return {
            year: row.year,
            unitId: catalog.unitId(setFor(row.year), row.unitCode)!,
            nodeId: catalog.nodeId(version.code, row.subdimensionCode)!,
          };
        };
        const importId = await createImportRecord(tx, {
          indexCode,
          fileName: request.fileName,
          fileSha256: sha256(request.bytes),
          format: table.format,
          rowCount: checked.dataRows,
          inserted: diff.scores.inserts.length,
          updated: diff.scores.updates.length,
          removed: diff.scores.removals.length,
          unchanged: diff.scores.unchanged,
          groupsChanged: diff.groups.inserts.length + diff.groups.updates.length,
          actor: request.actor,
        });
        await insertScores(tx, diff.scores.inserts.map((r): ScoreWrite => ({ ...ids(r), value: r.value })), importId);
        await updateScores(
          tx,
          diff.scores.updates.map((u): ScoreWrite => ({ ...ids(u.incoming), value: u.incoming.value })),
          importId,
        );
        await deleteScores(tx, diff.scores.removals.map((r) => ids(r.incoming)));
        const groupWrites = [...diff.groups.inserts, ...diff.groups.updates.map((u) => u.incoming)].map(
          (g): GroupWrite => ({
            year: g.year,
            unitId: catalog.unitId(setFor(g.year), g.unitCode)!,
            scope: g.scope,
            group: g.group,
            source: g.source,
          }),
        );
        await upsertGroups(tx, indexCode, groupWrites, importId);

        const who = { actor: request.actor, actorIp: request.actorIp ?? null, actorUserId: request.actorUserId ?? null, importId };
        const key = (year: number, unit: string, item: string) => `${indexCode}|${year}|${unit}|${item}`;
        const audit: AuditEntry[] = [
          {
            ...who,
            action: "results.import",
            entityType: "result_import",
            entityKey: String(importId),
            after: { fileName: request.fileName, sha256: sha256(request.bytes), ...report(diff, importId).scores },
          },
          ...diff.scores.updates.map((u) => ({
            ...who,
            action: "score.update",
            entityType: "score",
            entityKey: key(u.incoming.year, u.incoming.unitCode, u.incoming.subdimensionCode),
            before: { value: u.before },
            after: { value: u.incoming.value },
          })),
          ...diff.scores.removals.map((r) => ({
            ...who,
            action: "score.remove",
            entityType: "score",
            entityKey: key(r.incoming.year, r.incoming.unitCode, r.incoming.subdimensionCode),
            before: { value: r.before },
            after: null,
          })),
          ...[...diff.groups.inserts.map((g) => ({ incoming: g, before: null })), ...diff.groups.updates].map((g) => ({
            ...who,
            action: "official-group.set",
            entityType: "official_group",
            entityKey: key(g.incoming.year, g.incoming.unitCode, g.incoming.scope),
            before: g.before ? { group: g.before.group, source: g.before.source } : null,
            after: { group: g.incoming.group, source: g.incoming.source },
          })),
        ];
        await appendAudit(tx, audit);
        await bumpDataVersion(tx);
        return report(diff, importId);
      });
      if (applied.importId !== null) await deps.onCommitted?.();
      return applied;
    },
  };
}

export type ResultsImporter = ReturnType<typeof createResultsImporter>;

function refusal(fileName: string, failure: Omit<ImportFailure, "fileName">): AppError {
  const details: ImportFailure = { fileName, ...failure };
  return new AppError("import.invalid-file", "unprocessable", { fileName, count: failure.errorCount }, details);
}
