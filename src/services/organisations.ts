/**
 * A province's agencies: listing, adding, editing, closing and merging them, and setting a province up
 * with the default list. Restructuring ends bodies and never deletes them; every change is audited with
 * the values before and after, in the same transaction as the change.
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Executor, Tx } from "../db/client.ts";
import { appendAudit, type AuditEntry } from "../db/repositories/audit.repo.ts";
import { adminUnits, organisations, roleAssignments } from "../db/schema.ts";
import { provincesWith } from "../domain/access.ts";
import { isoDateInVietnam } from "../domain/format.ts";
import {
  checkMerge,
  checkParent,
  compareOrganisations,
  nextDay,
  ORGANISATION_CODE,
  ORGANISATION_KINDS,
  type OrganisationKind,
  type OrganisationRecord,
} from "../domain/organisations.ts";
import { AppError } from "../errors.ts";
import type { Actor } from "./actor.ts";
import { auditBy, authorize } from "./authorize.ts";
import type { Catalog, Province } from "./catalog.ts";
import { readDefaultAgencies } from "./shipped-data.ts";

export type Organisation = typeof organisations.$inferSelect;

export interface OrganisationInput {
  provinceUnitId: number;
  parentId: number | null;
  kind: OrganisationKind;
  code: string;
  documentSymbol?: string | null;
  name: string;
  nameEn?: string | null;
  validFrom?: string | null;
  note?: string | null;
  communeUnitId?: number | null;
}

export type OrganisationPatch = Partial<Omit<OrganisationInput, "provinceUnitId" | "communeUnitId">>;

/** What the audit log keeps of an organisation: its identity, not its timestamps. */
function auditView(org: Organisation) {
  const { createdAt: _c, updatedAt: _u, ...rest } = org;
  return rest;
}

const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase("vi") + s.slice(1);

/**
 * A default body's name in one province: "Ủy ban nhân dân tỉnh" becomes "Ủy ban nhân dân tỉnh Lào Cai" or
 * "… thành phố Hà Nội"; "Provincial People's Committee" becomes "Lao Cai Provincial People's Committee".
 * Department names ("Sở Nội vụ") stay as the decree names them.
 */
function localName(agency: { nameVi: string; nameEn: string }, province: Province): { name: string; nameEn: string } {
  const place = lowerFirst(province.fullName);
  const name = / tỉnh$/.test(agency.nameVi) ? agency.nameVi.replace(/ tỉnh$/, ` ${place}`) : agency.nameVi;
  const english = province.kind === "municipality" ? agency.nameEn.replace(/^Provincial /, "City ") : agency.nameEn;
  const nameEn = /^(Provincial|City) /.test(english) ? `${province.nameEn ?? province.name} ${english}` : english;
  return { name, nameEn };
}

export interface OrganisationServiceOptions {
  db: Executor;
  catalog: () => Promise<Catalog>;
  now?: () => Date;
}

export function createOrganisationService(options: OrganisationServiceOptions) {
  const { db } = options;
  const today = () => isoDateInVietnam(options.now?.() ?? new Date());

  async function load(executor: Executor, id: number): Promise<Organisation> {
    const [org] = await executor.select().from(organisations).where(eq(organisations.id, id));
    if (!org) throw new AppError("organisation.not-found", "not-found", { organisation: id });
    return org;
  }

  async function provinceTree(executor: Executor, provinceUnitId: number): Promise<Map<number, OrganisationRecord>> {
    const rows = await executor.select().from(organisations).where(eq(organisations.provinceUnitId, provinceUnitId));
    return new Map(rows.map((r) => [r.id, r]));
  }

  function auditFor(actor: Actor, org: Organisation, action: string, before: unknown, after: unknown): AuditEntry {
    return auditBy(actor, {
      action,
      entityType: "organisation",
      entityKey: String(org.id),
      before,
      after,
      organisationId: org.id,
      provinceUnitId: org.provinceUnitId,
    });
  }

  async function checkCode(executor: Executor, provinceUnitId: number, code: string, selfId: number | null) {
    if (!ORGANISATION_CODE.test(code)) throw new AppError("organisation.code-invalid", "invalid", { code });
    const [other] = await executor
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(and(eq(organisations.provinceUnitId, provinceUnitId), eq(organisations.code, code), isNull(organisations.endReason)));
    if (other && other.id !== selfId) throw new AppError("organisation.code-taken", "conflict", { code, other: other.name });
  }

  async function insert(tx: Tx, actor: Actor, input: OrganisationInput): Promise<Organisation> {
    if (!ORGANISATION_KINDS.includes(input.kind)) throw new AppError("request.invalid", "invalid");
    await checkCode(tx, input.provinceUnitId, input.code, null);
    const problem = checkParent(await provinceTree(tx, input.provinceUnitId), { id: null, provinceUnitId: input.provinceUnitId }, input.parentId);
    if (problem) throw new AppError(problem.code, "invalid");
    const [created] = await tx
      .insert(organisations)
      .values({
        provinceUnitId: input.provinceUnitId,
        parentId: input.parentId,
        kind: input.kind,
        code: input.code,
        documentSymbol: input.documentSymbol || input.code,
        name: input.name.trim(),
        nameEn: input.nameEn?.trim() || null,
        communeUnitId: input.communeUnitId ?? null,
        validFrom: input.validFrom || today(),
        note: input.note?.trim() || null,
      })
      .returning();
    await appendAudit(tx, [auditFor(actor, created!, "organisation.created", null, auditView(created!))]);
    return created!;
  }

  return {
    /** The provinces the actor may look at, with how many current bodies each has (for the province picker). */
    async provinces(actor: Actor): Promise<{ province: Province; organisations: number }[]> {
      const catalog = await options.catalog();
      const counts = await db
        .select({ provinceUnitId: organisations.provinceUnitId, n: sql<number>`count(*)::int` })
        .from(organisations)
        .where(isNull(organisations.endReason))
        .groupBy(organisations.provinceUnitId);
      const byId = new Map(counts.map((c) => [c.provinceUnitId, c.n]));
      const reach = actor.principal ? provincesWith(actor.principal, "organisations.read") : "all";
      const ids = reach === "all" ? catalog.provinces("vn34").map((p) => p.id) : reach;
      // A historic province appears once it has bodies of its own (old plans); the 34 always do.
      const withHistoric = reach === "all" ? [...new Set([...ids, ...byId.keys()])] : ids;
      return withHistoric
        .flatMap((id) => {
          const province = catalog.provinceOfId(id);
          return province && (province.set === "vn34" || byId.has(id)) ? [{ province, organisations: byId.get(id) ?? 0 }] : [];
        })
        .sort((a, b) => (a.province.set === b.province.set ? a.province.code.localeCompare(b.province.code) : a.province.set === "vn34" ? -1 : 1));
    },

    async list(actor: Actor, provinceUnitId: number, { includeEnded = false } = {}): Promise<Organisation[]> {
      authorize(actor, "organisations.read", { provinceUnitId });
      const rows = await db
        .select()
        .from(organisations)
        .where(and(eq(organisations.provinceUnitId, provinceUnitId), includeEnded ? undefined : isNull(organisations.endReason)));
      return rows.sort(compareOrganisations);
    },

    async get(actor: Actor, id: number): Promise<{ organisation: Organisation; predecessors: Organisation[]; successor: Organisation | null }> {
      const organisation = await load(db, id);
      authorize(actor, "organisations.read", { provinceUnitId: organisation.provinceUnitId, organisationId: id });
      const predecessors = await db.select().from(organisations).where(eq(organisations.mergedIntoId, id));
      const successor = organisation.mergedIntoId ? await load(db, organisation.mergedIntoId) : null;
      return { organisation, predecessors: predecessors.sort(compareOrganisations), successor };
    },

    async create(actor: Actor, input: OrganisationInput): Promise<Organisation> {
      authorize(actor, "organisations.manage", { provinceUnitId: input.provinceUnitId });
      return db.transaction((tx) => insert(tx, actor, input));
    },

    async update(actor: Actor, id: number, patch: OrganisationPatch): Promise<Organisation> {
      return db.transaction(async (tx) => {
        const before = await load(tx, id);
        authorize(actor, "organisations.manage", { provinceUnitId: before.provinceUnitId, organisationId: id });
        if (before.endReason) {
          throw new AppError("organisation.ended", "conflict", { organisation: before.name, reason: before.endReason, date: before.validTo ?? "" });
        }
        if (patch.code !== undefined && patch.code !== before.code) await checkCode(tx, before.provinceUnitId, patch.code, id);
        if (patch.parentId !== undefined && patch.parentId !== before.parentId) {
          const problem = checkParent(await provinceTree(tx, before.provinceUnitId), { id, provinceUnitId: before.provinceUnitId }, patch.parentId);
          if (problem) throw new AppError(problem.code, "invalid");
        }
        const [after] = await tx
          .update(organisations)
          .set({
            ...(patch.parentId !== undefined ? { parentId: patch.parentId } : {}),
            ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
            ...(patch.code !== undefined ? { code: patch.code } : {}),
            ...(patch.documentSymbol !== undefined ? { documentSymbol: patch.documentSymbol || patch.code || before.code } : {}),
            ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
            ...(patch.nameEn !== undefined ? { nameEn: patch.nameEn?.trim() || null } : {}),
            ...(patch.validFrom ? { validFrom: patch.validFrom } : {}),
            ...(patch.note !== undefined ? { note: patch.note?.trim() || null } : {}),
            updatedAt: new Date(),
          })
          .where(eq(organisations.id, id))
          .returning();
        await appendAudit(tx, [auditFor(actor, after!, "organisation.updated", auditView(before), auditView(after!))]);
        return after!;
      });
    },

    /** Ends a body on `lastDay` (dissolved). Its current units must be moved or ended first. */
    async close(actor: Actor, id: number, input: { lastDay?: string | null; note?: string | null }): Promise<Organisation> {
      return db.transaction(async (tx) => {
        const before = await load(tx, id);
        authorize(actor, "organisations.manage", { provinceUnitId: before.provinceUnitId, organisationId: id });
        if (before.endReason) {
          throw new AppError("organisation.ended", "conflict", { organisation: before.name, reason: before.endReason, date: before.validTo ?? "" });
        }
        const lastDay = input.lastDay || today();
        if (lastDay < before.validFrom) throw new AppError("organisation.dates-reversed", "invalid");
        const children = await tx
          .select({ id: organisations.id })
          .from(organisations)
          .where(and(eq(organisations.parentId, id), isNull(organisations.endReason)));
        if (children.length > 0) throw new AppError("organisation.has-current-children", "conflict", { organisation: before.name, count: children.length });
        const [after] = await tx
          .update(organisations)
          .set({ validTo: lastDay, endReason: "closed", note: input.note?.trim() || before.note, updatedAt: new Date() })
          .where(eq(organisations.id, id))
          .returning();
        await appendAudit(tx, [auditFor(actor, after!, "organisation.closed", auditView(before), auditView(after!))]);
        return after!;
      });
    },

    /**
     * Merges bodies (restructuring): the sources end on `lastDay` and point at the target, an existing body
     * or a new one starting the next day. Their current units and their people's roles move to the target,
     * so work goes on the day after the merger; the history says where everything came from.
     */
    async merge(
      actor: Actor,
      input: {
        /** The province the caller is working in: every body of the merger must be of it. */
        provinceUnitId: number;
        sourceIds: number[];
        into: { id: number } | { create: Omit<OrganisationInput, "provinceUnitId"> };
        lastDay?: string | null;
        note?: string | null;
      },
    ): Promise<{ target: Organisation; merged: Organisation[] }> {
      return db.transaction(async (tx) => {
        const sourceIds = [...new Set(input.sourceIds)];
        const sources = await tx.select().from(organisations).where(inArray(organisations.id, sourceIds));
        if (sources.length !== sourceIds.length) {
          const missing = sourceIds.find((id) => !sources.some((s) => s.id === id));
          throw new AppError("organisation.not-found", "not-found", { organisation: missing ?? "" });
        }
        const provinceUnitId = input.provinceUnitId;
        authorize(actor, "organisations.manage", { provinceUnitId });
        for (const source of sources) authorize(actor, "organisations.manage", { provinceUnitId: source.provinceUnitId, organisationId: source.id });
        const existing = "id" in input.into ? await load(tx, input.into.id) : null;
        if (existing) {
          authorize(actor, "organisations.manage", { provinceUnitId: existing.provinceUnitId, organisationId: existing.id });
          if (existing.provinceUnitId !== provinceUnitId) throw new AppError("merge.other-province", "invalid", { organisation: existing.name });
          if (existing.endReason) throw new AppError("merge.already-ended", "invalid", { organisation: existing.name });
        }
        const lastDay = input.lastDay || today();
        const problems = checkMerge(sources, { id: existing?.id ?? null, provinceUnitId }, lastDay);
        if (problems.length > 0) {
          const { code, ...params } = problems[0]!;
          throw new AppError(code, "invalid", params as Record<string, string>);
        }
        // The sources end first: a new body may take over a source's code ("SNV" stays "SNV").
        const note = input.note?.trim();
        await tx
          .update(organisations)
          .set({ validTo: lastDay, endReason: "merged", updatedAt: new Date(), ...(note ? { note } : {}) })
          .where(inArray(organisations.id, sourceIds));
        // Without an existing body to merge into, `into` says what the new one is; it starts the next day.
        const create = "create" in input.into ? input.into.create : null;
        const target = existing ?? (await insert(tx, actor, { ...create!, provinceUnitId, validFrom: create!.validFrom || nextDay(lastDay) }));
        const merged = (await tx.update(organisations).set({ mergedIntoId: target.id }).where(inArray(organisations.id, sourceIds)).returning()).sort(
          (a, b) => sourceIds.indexOf(a.id) - sourceIds.indexOf(b.id),
        );
        const audits: AuditEntry[] = merged.map((after) =>
          auditFor(actor, after, "organisation.merged", auditView(sources.find((s) => s.id === after.id)!), auditView(after)),
        );
        // The sources' current units move under the target; the target itself, if it sat under a source,
        // takes that source's place in the tree rather than becoming its own parent.
        const children = await tx
          .select()
          .from(organisations)
          .where(and(inArray(organisations.parentId, sourceIds), isNull(organisations.endReason)));
        for (const child of children) {
          const parentId = child.id === target.id ? (sources.find((s) => s.id === child.parentId)?.parentId ?? null) : target.id;
          const [after] = await tx.update(organisations).set({ parentId, updatedAt: new Date() }).where(eq(organisations.id, child.id)).returning();
          audits.push(auditFor(actor, after!, "organisation.moved", { parentId: child.parentId }, { parentId }));
        }
        const roles = await tx.select().from(roleAssignments).where(inArray(roleAssignments.organisationId, sourceIds));
        for (const role of roles) {
          const [existing] = await tx
            .select({ id: roleAssignments.id })
            .from(roleAssignments)
            .where(and(eq(roleAssignments.userId, role.userId), eq(roleAssignments.role, role.role), eq(roleAssignments.organisationId, target.id)));
          // The person keeps the role, now in the merged body (once, if they held it in two sources).
          if (existing) await tx.delete(roleAssignments).where(eq(roleAssignments.id, role.id));
          else await tx.update(roleAssignments).set({ organisationId: target.id }).where(eq(roleAssignments.id, role.id));
          audits.push(
            auditBy(actor, {
              action: "user.role-moved",
              entityType: "user",
              entityKey: String(role.userId),
              before: { role: role.role, organisationId: role.organisationId },
              after: { role: role.role, organisationId: target.id },
              organisationId: target.id,
              provinceUnitId,
            }),
          );
        }
        await appendAudit(tx, audits);
        return { target: await load(tx, target.id), merged };
      });
    },

    /**
     * Creates a current province's bodies from the default list (data/organisations/default-agencies.csv)
     * and its communes from the shipped list; bodies some provinces have are left for the coordinator to add.
     */
    async setupProvince(actor: Actor, provinceUnitId: number, { communes = true } = {}): Promise<{ created: number }> {
      authorize(actor, "provinces.setup", { provinceUnitId });
      const catalog = await options.catalog();
      const province = catalog.provinceOfId(provinceUnitId);
      if (!province || province.set !== "vn34") throw new AppError("province.not-34", "invalid", { province: province?.name ?? String(provinceUnitId) });
      return db.transaction(async (tx) => {
        const [existing] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(organisations)
          .where(eq(organisations.provinceUnitId, provinceUnitId));
        if (existing!.n > 0) throw new AppError("province.already-set-up", "conflict", { province: province.fullName, count: existing!.n });
        const idByCode = new Map<string, number>();
        const defaults = readDefaultAgencies().filter((a) => a.where === "all");
        // Parents before children: the list is ordered so, but do not rely on it.
        const pending = [...defaults];
        let created = 0;
        while (pending.length > 0) {
          const index = pending.findIndex((a) => a.parentCode === null || idByCode.has(a.parentCode));
          if (index < 0) throw new Error(`default agencies: unknown parent ${pending[0]!.parentCode}`);
          const agency = pending.splice(index, 1)[0]!;
          const org = await insert(tx, actor, {
            provinceUnitId,
            parentId: agency.parentCode ? idByCode.get(agency.parentCode)! : null,
            kind: agency.kind as OrganisationKind,
            code: agency.code,
            documentSymbol: agency.documentSymbol,
            ...localName(agency, province),
            validFrom: agency.validFrom,
            note: agency.note,
          });
          idByCode.set(agency.code, org.id);
          created += 1;
        }
        if (communes) {
          const units = await tx
            .select()
            .from(adminUnits)
            .where(and(eq(adminUnits.parentId, provinceUnitId), eq(adminUnits.level, "commune")));
          const committee = [...idByCode.entries()].find(([code]) => code === "UBND")?.[1] ?? null;
          for (const unit of units) {
            await insert(tx, actor, {
              provinceUnitId,
              parentId: committee,
              kind: "commune",
              code: unit.code,
              documentSymbol: "UBND",
              name: `Ủy ban nhân dân ${lowerFirst(unit.fullName)}`,
              nameEn: `${unit.nameEn ?? unit.name} ${unit.kind === "ward" ? "Ward" : unit.kind === "special_zone" ? "Special Zone" : "Commune"} People's Committee`,
              validFrom: unit.validFrom,
              communeUnitId: unit.id,
            });
            created += 1;
          }
        }
        return { created };
      });
    },
  };
}

export type OrganisationService = ReturnType<typeof createOrganisationService>;
