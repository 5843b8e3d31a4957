/** The append-only audit log (a database trigger refuses UPDATE, DELETE and TRUNCATE on it). */
import type { Executor } from "../client.ts";
import { auditLog } from "../schema.ts";

export interface AuditEntry {
  actor: string;
  actorIp?: string | null;
  action: string;
  entityType: string;
  entityKey: string;
  before?: unknown;
  after?: unknown;
  importId?: number | null;
  actorUserId?: number | null;
  organisationId?: number | null;
  provinceUnitId?: number | null;
}

export async function appendAudit(tx: Executor, entries: readonly AuditEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 1000) {
    await tx.insert(auditLog).values(
      entries.slice(i, i + 1000).map((e) => ({
        actor: e.actor,
        actorIp: e.actorIp ?? null,
        action: e.action,
        entityType: e.entityType,
        entityKey: e.entityKey,
        before: e.before ?? null,
        after: e.after ?? null,
        importId: e.importId ?? null,
        actorUserId: e.actorUserId ?? null,
        organisationId: e.organisationId ?? null,
        provinceUnitId: e.provinceUnitId ?? null,
      })),
    );
  }
}
