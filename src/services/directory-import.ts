/**
 * Importing a province's agencies or people from the Excel sheet they keep today. All or nothing: every
 * row is checked (the sheet's rules, then the database's: codes taken, roles the importer may not give),
 * every error is reported with its row and column, and nothing is stored unless there is none. A dry run
 * does the whole import inside a transaction and rolls it back, so it reports exactly what would happen.
 */
import type { Db, Tx } from "../db/client.ts";
import {
  parseDirectorySheet,
  renderDirectoryIssue,
  type DirectoryIssue,
  type DirectoryKind,
  type OrganisationRow,
  type PersonRow,
  type RenderedDirectoryIssue,
} from "../domain/directory-sheet.ts";
import type { Lang } from "../domain/format.ts";
import { renderIssue } from "../domain/results-import/issues.ts";
import { AppError, errorMessage } from "../errors.ts";
import { readSpreadsheet } from "../spreadsheets/read.ts";
import { SheetReadError } from "../spreadsheets/errors.ts";
import type { Actor } from "./actor.ts";
import { authorize } from "./authorize.ts";
import type { Catalog } from "./catalog.ts";
import { createOrganisationService, type Organisation, type OrganisationPatch } from "./organisations.ts";
import { createPeopleService } from "./people.ts";

export interface DirectoryItem {
  row: number;
  action: "create" | "update" | "unchanged";
  key: string;
  name: string;
}

export interface DirectoryReport {
  kind: DirectoryKind;
  fileName: string;
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  items: DirectoryItem[];
  /** New accounts and their one-time passwords: shown once, never stored in clear. */
  credentials: { username: string; fullName: string; temporaryPassword: string }[];
}

export interface DirectoryFailure {
  fileName: string;
  errors: RenderedDirectoryIssue[];
}

/** Thrown inside the transaction to roll it back (dry run, or errors found while applying). */
class Rollback extends Error {}

export function createDirectoryImporter(options: { db: Db; catalog: () => Promise<Catalog>; maxBytes: number }) {
  function fail(fileName: string, errors: RenderedDirectoryIssue[]): never {
    throw new AppError("directory.invalid-file", "unprocessable", { fileName, count: errors.length }, { fileName, errors } satisfies DirectoryFailure);
  }

  async function applyOrganisations(
    tx: Tx,
    actor: Actor,
    provinceUnitId: number,
    rows: OrganisationRow[],
    sheet: { hasParentColumn: boolean; codes: string[] },
    report: DirectoryReport,
    issues: DirectoryIssue[],
    lang: Lang,
  ) {
    const { hasParentColumn } = sheet;
    const service = createOrganisationService({ db: tx, catalog: options.catalog });
    const current = new Map((await service.list(actor, provinceUnitId)).map((o) => [o.code, o] as const));
    const inFile = new Set(rows.map((r) => r.code));
    // Parents before children, whatever the order of the sheet (loops were refused when parsing).
    const ordered: OrganisationRow[] = [];
    const placed = new Set<string>();
    let pending = [...rows];
    while (pending.length > 0) {
      const ready = pending.filter((r) => !r.parentCode || !inFile.has(r.parentCode) || placed.has(r.parentCode) || r.parentCode === r.code);
      if (ready.length === 0) break;
      for (const r of ready) {
        ordered.push(r);
        placed.add(r.code);
      }
      pending = pending.filter((r) => !placed.has(r.code));
    }
    for (const row of ordered) {
      const parent = row.parentCode ? current.get(row.parentCode) : undefined;
      if (row.parentCode && !parent) {
        // A parent on a refused row is already reported there.
        if (!sheet.codes.includes(row.parentCode)) {
          issues.push({ code: "parent.unknown", row: row.row, column: "Mã cơ quan cấp trên", value: row.parentCode });
        }
        continue;
      }
      const existing = current.get(row.code);
      try {
        let saved: Organisation;
        if (existing) {
          const patch: OrganisationPatch = {};
          if (existing.name !== row.name) patch.name = row.name;
          if (existing.kind !== row.kind) patch.kind = row.kind;
          if (row.documentSymbol && existing.documentSymbol !== row.documentSymbol) patch.documentSymbol = row.documentSymbol;
          if (row.nameEn && existing.nameEn !== row.nameEn) patch.nameEn = row.nameEn;
          if (row.validFrom && existing.validFrom !== row.validFrom) patch.validFrom = row.validFrom;
          if (row.note && existing.note !== row.note) patch.note = row.note;
          // A sheet without the parent column leaves the tree as it is; a blank parent cell means none.
          if (hasParentColumn && (parent?.id ?? null) !== existing.parentId) patch.parentId = parent?.id ?? null;
          if (Object.keys(patch).length === 0) {
            report.items.push({ row: row.row, action: "unchanged", key: row.code, name: row.name });
            report.unchanged += 1;
            continue;
          }
          saved = await service.update(actor, existing.id, patch);
          report.updated += 1;
          report.items.push({ row: row.row, action: "update", key: row.code, name: row.name });
        } else {
          saved = await service.create(actor, {
            provinceUnitId,
            parentId: parent?.id ?? null,
            kind: row.kind,
            code: row.code,
            documentSymbol: row.documentSymbol,
            name: row.name,
            nameEn: row.nameEn,
            validFrom: row.validFrom,
            note: row.note,
          });
          report.created += 1;
          report.items.push({ row: row.row, action: "create", key: row.code, name: row.name });
        }
        current.set(saved.code, saved);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        issues.push({ code: "row.refused", row: row.row, value: row.code, params: { message: errorMessage(error.code, error.params, lang) } });
      }
    }
  }

  async function applyPeople(tx: Tx, actor: Actor, provinceUnitId: number, rows: PersonRow[], report: DirectoryReport, issues: DirectoryIssue[], lang: Lang) {
    const organisations = createOrganisationService({ db: tx, catalog: options.catalog });
    const people = createPeopleService({ db: tx });
    const byCode = new Map((await organisations.list(actor, provinceUnitId)).map((o) => [o.code, o] as const));
    const byUsername = new Map<string, PersonRow[]>();
    for (const row of rows) byUsername.set(row.username, [...(byUsername.get(row.username) ?? []), row]);
    for (const [username, personRows] of byUsername) {
      const first = personRows[0]!;
      const roles = [];
      let unknown = false;
      for (const row of personRows) {
        const org = byCode.get(row.organisationCode);
        if (!org) {
          issues.push({ code: "organisation.unknown", row: row.row, column: "Mã cơ quan", value: row.organisationCode });
          unknown = true;
        } else roles.push({ role: row.role, organisationId: org.id });
      }
      if (unknown) continue;
      const details = {
        fullName: first.fullName,
        email: personRows.find((r) => r.email)?.email ?? null,
        jobTitle: personRows.find((r) => r.jobTitle)?.jobTitle ?? null,
        phone: personRows.find((r) => r.phone)?.phone ?? null,
      };
      try {
        const existing = await people.findByUsername(username);
        if (!existing) {
          const { person, temporaryPassword } = await people.create(actor, { username, ...details, roles });
          report.created += 1;
          report.items.push({ row: first.row, action: "create", key: username, name: person.fullName });
          if (temporaryPassword) report.credentials.push({ username, fullName: person.fullName, temporaryPassword });
          continue;
        }
        const changedDetails =
          existing.fullName !== details.fullName ||
          (details.email !== null && existing.email !== details.email) ||
          (details.jobTitle !== null && existing.jobTitle !== details.jobTitle) ||
          (details.phone !== null && existing.phone !== details.phone);
        const missingRoles = roles.filter((r) => !existing.roles.some((h) => h.role === r.role && h.organisationId === r.organisationId));
        if (!changedDetails && missingRoles.length === 0) {
          report.unchanged += 1;
          report.items.push({ row: first.row, action: "unchanged", key: username, name: existing.fullName });
          continue;
        }
        if (changedDetails) {
          await people.update(actor, existing.id, {
            fullName: details.fullName,
            ...(details.email !== null ? { email: details.email } : {}),
            ...(details.jobTitle !== null ? { jobTitle: details.jobTitle } : {}),
            ...(details.phone !== null ? { phone: details.phone } : {}),
          });
        }
        // A sheet adds roles; taking one away is done on the person's page, where it is seen.
        if (missingRoles.length > 0) {
          const kept = existing.roles.filter((r) => r.organisationId !== null && r.role !== "admin").map((r) => ({ role: r.role, organisationId: r.organisationId }));
          await people.setRoles(actor, existing.id, [...kept, ...missingRoles]);
        }
        report.updated += 1;
        report.items.push({ row: first.row, action: "update", key: username, name: details.fullName });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        issues.push({ code: "row.refused", row: first.row, value: username, params: { message: errorMessage(error.code, error.params, lang) } });
      }
    }
  }

  return {
    async import(
      actor: Actor,
      input: { provinceUnitId: number; kind: DirectoryKind; bytes: Uint8Array; fileName: string; dryRun: boolean; lang: Lang },
    ): Promise<DirectoryReport> {
      const { provinceUnitId, kind, lang, fileName } = input;
      authorize(actor, kind === "organisations" ? "organisations.manage" : "users.manage", { provinceUnitId });
      let tables;
      try {
        tables = await readSpreadsheet(input.bytes, { maxBytes: options.maxBytes, maxRows: 20_000, maxUnpackedBytes: 100 * 1024 * 1024 });
      } catch (error) {
        if (!(error instanceof SheetReadError)) throw error;
        const issue = renderIssue({ code: error.code, params: error.params, ...(error.row !== undefined ? { row: error.row } : {}) }, lang);
        fail(fileName, [{ code: "row.refused", ...(error.row !== undefined ? { row: error.row } : {}), message: issue.message }]);
      }
      // A workbook may hold a guide sheet: the data is on the first sheet whose header is recognised.
      const parsed = tables.map((t) => ({ table: t, ...parseDirectorySheet(kind, t.rows) }));
      const chosen = parsed.find((p) => !p.issues.some((i) => i.code === "columns.missing")) ?? parsed[0]!;
      const issues: DirectoryIssue[] = [...chosen.issues];
      const report: DirectoryReport = { kind, fileName, dryRun: input.dryRun, rows: kind === "organisations" ? chosen.organisations.length : chosen.people.length, created: 0, updated: 0, unchanged: 0, items: [], credentials: [] };
      // Even when some rows are refused, the others go through the database's checks too (then rolled
      // back), so one attempt lists every error of the file.
      if (chosen.headerRow !== null && !issues.some((i) => i.code === "columns.missing")) {
        const sheet = { hasParentColumn: chosen.columns.includes("parentCode"), codes: chosen.codes };
        try {
          await options.db.transaction(async (tx) => {
            if (kind === "organisations") await applyOrganisations(tx, actor, provinceUnitId, chosen.organisations, sheet, report, issues, lang);
            else await applyPeople(tx, actor, provinceUnitId, chosen.people, report, issues, lang);
            if (issues.length > 0 || input.dryRun) throw new Rollback();
          });
        } catch (error) {
          if (!(error instanceof Rollback)) throw error;
        }
      }
      if (issues.length > 0) {
        fail(fileName, issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)).map((i) => renderDirectoryIssue(i, lang)));
      }
      // A dry run created nobody: its passwords would be meaningless.
      if (input.dryRun) report.credentials = [];
      report.items.sort((a, b) => a.row - b.row);
      return report;
    },
  };
}

export type DirectoryImporter = ReturnType<typeof createDirectoryImporter>;
