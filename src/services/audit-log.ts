/**
 * Reading the audit log: administrators see all of it, coordinators their provinces' entries. Newest first,
 * in pages (a cursor on the id, so a page never shifts while new entries arrive).
 */
import { and, desc, eq, gte, inArray, lt, type SQL } from "drizzle-orm";
import type { Executor } from "../db/client.ts";
import { alias } from "drizzle-orm/pg-core";
import { auditLog, organisations, users } from "../db/schema.ts";
import { provincesWith } from "../domain/access.ts";
import { AppError } from "../errors.ts";
import type { Actor } from "./actor.ts";
import { authorize } from "./authorize.ts";

export interface AuditFilter {
  userId?: number;
  organisationId?: number;
  provinceUnitId?: number;
  entityType?: string;
  entityKey?: string;
  action?: string;
  /** ISO dates, inclusive, in Vietnam time. */
  from?: string;
  to?: string;
  /** Entries older than this id (the next page). */
  before?: number;
  limit?: number;
}

/** The person who acted, joined for their name (readers may not be allowed to list that person). */
const actorUser = alias(users, "actor_user");

/** Midnight in Vietnam (UTC+7, no daylight saving) of an ISO date. */
const vietnamMidnight = (day: string) => new Date(`${day}T00:00:00+07:00`);

export function createAuditLogService(options: { db: Executor }) {
  const { db } = options;
  return {
    async query(actor: Actor, filter: AuditFilter) {
      authorize(actor, "audit.read");
      const conditions: SQL[] = [];
      const reach = actor.principal ? provincesWith(actor.principal, "audit.read") : "all";
      if (reach !== "all") conditions.push(inArray(auditLog.provinceUnitId, reach.length > 0 ? reach : [-1]));
      if (filter.provinceUnitId !== undefined) conditions.push(eq(auditLog.provinceUnitId, filter.provinceUnitId));
      if (filter.userId !== undefined) conditions.push(eq(auditLog.actorUserId, filter.userId));
      if (filter.organisationId !== undefined) conditions.push(eq(auditLog.organisationId, filter.organisationId));
      if (filter.entityType) conditions.push(eq(auditLog.entityType, filter.entityType));
      if (filter.entityKey) conditions.push(eq(auditLog.entityKey, filter.entityKey));
      if (filter.action) conditions.push(eq(auditLog.action, filter.action));
      if (filter.from && filter.to && filter.from > filter.to) throw new AppError("audit.invalid-range", "invalid");
      if (filter.from) conditions.push(gte(auditLog.at, vietnamMidnight(filter.from)));
      if (filter.to) conditions.push(lt(auditLog.at, new Date(vietnamMidnight(filter.to).getTime() + 86_400_000)));
      if (filter.before !== undefined) conditions.push(lt(auditLog.id, filter.before));
      const limit = Math.min(filter.limit ?? 50, 500);
      const rows = await db
        .select({
          id: auditLog.id,
          at: auditLog.at,
          actor: auditLog.actor,
          actorUserId: auditLog.actorUserId,
          actorName: actorUser.fullName,
          actorIp: auditLog.actorIp,
          action: auditLog.action,
          entityType: auditLog.entityType,
          entityKey: auditLog.entityKey,
          before: auditLog.before,
          after: auditLog.after,
          organisationId: auditLog.organisationId,
          organisationName: organisations.name,
          provinceUnitId: auditLog.provinceUnitId,
        })
        .from(auditLog)
        .leftJoin(organisations, eq(organisations.id, auditLog.organisationId))
        .leftJoin(actorUser, eq(actorUser.id, auditLog.actorUserId))
        .where(conditions.length > 0 ? and(...conditions) : undefined)
        .orderBy(desc(auditLog.id))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      return { entries: page, nextBefore: rows.length > limit ? page.at(-1)!.id : null };
    },
  };
}

export type AuditLogService = ReturnType<typeof createAuditLogService>;
