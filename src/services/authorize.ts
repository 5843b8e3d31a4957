/**
 * The service-side half of authorization: a use case checks the record it loaded against the actor's
 * roles. The CLI and the system act with the machine owner's authority (principal null).
 */
import { allows, allowsOn, type Permission, type Scope } from "../domain/access.ts";
import type { AuditEntry } from "../db/repositories/audit.repo.ts";
import { AppError } from "../errors.ts";
import type { Actor } from "./actor.ts";

export function authorize(actor: Actor, permission: Permission, scope?: Scope): void {
  const principal = actor.principal;
  if (!principal) return;
  if (!allows(principal, permission)) throw new AppError("auth.forbidden", "forbidden");
  if (scope && !allowsOn(principal, permission, scope)) throw new AppError("auth.out-of-scope", "forbidden");
}

/**
 * Reading a plan: every role of its province reads it, except an agency's draft sub-plan, which is that
 * agency's unpublished work until issued (its people and the province-wide roles see it).
 */
export function authorizePlanRead(
  actor: Actor,
  plan: { provinceUnitId: number; organisationId: number | null; parentPlanId: number | null; status: string },
): void {
  const scope = { provinceUnitId: plan.provinceUnitId, organisationId: plan.organisationId };
  authorize(actor, "plans.read", scope);
  if (!actor.principal || plan.status !== "draft" || plan.parentPlanId === null) return;
  if (!allowsOn(actor.principal, "agency-work.read", scope) && !allowsOn(actor.principal, "plans.manage", scope)) {
    throw new AppError("auth.out-of-scope", "forbidden");
  }
}

/** An audit entry in the actor's name. */
export function auditBy(actor: Actor, entry: Omit<AuditEntry, "actor" | "actorIp" | "actorUserId">): AuditEntry {
  return { ...entry, actor: actor.name, actorIp: actor.ip, actorUserId: actor.principal?.userId ?? null };
}
