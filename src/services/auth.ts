/**
 * Signing in and out, sessions and passwords. Sessions live in the database (any instance can check
 * them; disabling a person ends them at once); the cookie holds a random token of which only the SHA-256
 * is stored, so a leaked database cannot be replayed as cookies.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Executor } from "../db/client.ts";
import { appendAudit, type AuditEntry } from "../db/repositories/audit.repo.ts";
import { organisations, roleAssignments, sessions, users } from "../db/schema.ts";
import {
  lockedUntilAfterFailure,
  normaliseLogin,
  passwordProblem,
  PASSWORD_MAX,
  PASSWORD_MIN,
  SESSION_TOUCH_MS,
  sessionState,
  type LockoutPolicy,
  type SessionPolicy,
} from "../domain/accounts.ts";
import type { Grant, Principal } from "../domain/access.ts";
import { formatDateTime } from "../domain/format.ts";
import { AppError } from "../errors.ts";
import type { Actor } from "./actor.ts";
import { auditBy } from "./authorize.ts";
import type { Catalog } from "./catalog.ts";
import { hashPassword, verifyDecoy, verifyPassword } from "./passwords.ts";

export interface AuthOptions {
  db: Executor;
  catalog: () => Promise<Catalog>;
  session: SessionPolicy;
  lockout: LockoutPolicy;
  now?: () => Date;
}

export interface SignedIn {
  principal: Principal;
  mustChangePassword: boolean;
  csrfToken: string;
  expiresAt: Date;
}

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

function lockedError(until: Date): AppError {
  return new AppError("auth.locked", "too-many", { until: formatDateTime(until, "vi"), untilEn: formatDateTime(until, "en") });
}

export function checkPassword(password: string, username: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw new AppError(problem, "invalid", { min: PASSWORD_MIN, max: PASSWORD_MAX });
}

export function createAuthService(options: AuthOptions) {
  const { db } = options;
  const now = options.now ?? (() => new Date());

  /** The person's current roles, each with the provinces it reaches (a 34-era province brings its predecessors). */
  async function principalOf(user: { id: number; username: string; fullName: string }): Promise<Principal> {
    const rows = await db
      .select({ role: roleAssignments.role, organisationId: roleAssignments.organisationId, provinceUnitId: organisations.provinceUnitId })
      .from(roleAssignments)
      .leftJoin(organisations, eq(organisations.id, roleAssignments.organisationId))
      .where(and(eq(roleAssignments.userId, user.id), or(isNull(roleAssignments.organisationId), isNull(organisations.endReason))));
    const catalog = await options.catalog();
    const grants: Grant[] = rows.map((row) => {
      const province = row.provinceUnitId === null ? undefined : catalog.provinceOfId(row.provinceUnitId);
      const predecessors = province?.set === "vn34" ? catalog.predecessorsOf(province.code).map((p) => p.id) : [];
      return {
        role: row.role,
        organisationId: row.organisationId,
        provinceUnitIds: row.provinceUnitId === null ? [] : [row.provinceUnitId, ...predecessors],
      };
    });
    return { userId: user.id, username: user.username, fullName: user.fullName, grants };
  }

  /** The agency and province a person's own log entries are filed under (their first role's), so coordinators see them. */
  async function homeOf(userId: number): Promise<{ organisationId: number | null; provinceUnitId: number | null }> {
    const [row] = await db
      .select({ organisationId: roleAssignments.organisationId, provinceUnitId: organisations.provinceUnitId })
      .from(roleAssignments)
      .innerJoin(organisations, eq(organisations.id, roleAssignments.organisationId))
      .where(eq(roleAssignments.userId, userId))
      .orderBy(roleAssignments.id)
      .limit(1);
    return { organisationId: row?.organisationId ?? null, provinceUnitId: row?.provinceUnitId ?? null };
  }

  /**
   * One more wrong password. Counted in one statement, so simultaneous attempts each count; the lock
   * follows from the new count. At a lock, the person's sessions end too (a thief guessing the current
   * password on a stolen session is thrown out).
   */
  async function countFailure(userId: number, at: Date, audit: (failures: number, lockedUntil: Date | null) => AuditEntry): Promise<Date | null> {
    return db.transaction(async (tx) => {
      const [row] = await tx
        .update(users)
        .set({ failedLogins: sql`${users.failedLogins} + 1` })
        .where(eq(users.id, userId))
        .returning({ failedLogins: users.failedLogins });
      const failures = row!.failedLogins;
      const lockedUntil = lockedUntilAfterFailure(failures, at, options.lockout);
      if (lockedUntil) {
        await tx.update(users).set({ lockedUntil }).where(eq(users.id, userId));
        await tx.delete(sessions).where(eq(sessions.userId, userId));
      }
      await appendAudit(tx, [audit(failures, lockedUntil)]);
      return lockedUntil;
    });
  }

  async function findByLogin(login: string) {
    const key = normaliseLogin(login);
    const [user] = await db
      .select()
      .from(users)
      .where(or(eq(users.username, key), eq(users.email, key)))
      .limit(1);
    return user;
  }

  async function openSession(executor: Executor, userId: number, meta: RequestMeta) {
    const token = randomBytes(32).toString("base64url");
    const csrfToken = randomBytes(32).toString("base64url");
    const at = now();
    const expiresAt = new Date(at.getTime() + options.session.absoluteHours * 3_600_000);
    await executor.insert(sessions).values({
      tokenHash: sha256(token),
      userId,
      csrfToken,
      createdAt: at,
      lastSeenAt: at,
      expiresAt,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    return { token, csrfToken, expiresAt };
  }

  return {
    principalOf,

    /**
     * Checks a password and opens a session. Wrong passwords count towards a lock that doubles each time;
     * an unknown name costs the same time as a known one and answers the same. Every attempt is logged.
     */
    async login(login: string, password: string, meta: RequestMeta): Promise<SignedIn & { token: string }> {
      const user = await findByLogin(login);
      const at = now();
      if (!user || !user.passwordHash) {
        await verifyDecoy(password);
        // The name tried is kept (shortened): a run of unknown names is how password spraying shows.
        await appendAudit(db, [
          auditBy(
            { principal: null, name: "anonymous", ip: meta.ip },
            { action: "auth.login-failed", entityType: "login", entityKey: normaliseLogin(login).slice(0, 80), after: { reason: "unknown-or-no-password" } },
          ),
        ]);
        throw new AppError("auth.invalid-credentials", "unauthenticated");
      }
      const home = await homeOf(user.id);
      const entry = (action: string, after?: unknown) => ({
        ...auditBy({ principal: null, name: user.username, ip: meta.ip }, { action, entityType: "user", entityKey: String(user.id), after, ...home }),
        actorUserId: user.id,
      });
      if (user.lockedUntil && user.lockedUntil > at) {
        await appendAudit(db, [entry("auth.login-refused-locked", { lockedUntil: user.lockedUntil.toISOString() })]);
        throw lockedError(user.lockedUntil);
      }
      if (!(await verifyPassword(user.passwordHash, password))) {
        const lockedUntil = await countFailure(user.id, at, (failedLogins, locked) =>
          entry(locked ? "auth.locked" : "auth.login-failed", { failedLogins, lockedUntil: locked?.toISOString() ?? null }),
        );
        if (lockedUntil) throw lockedError(lockedUntil);
        throw new AppError("auth.invalid-credentials", "unauthenticated");
      }
      if (user.disabledAt) {
        await appendAudit(db, [entry("auth.login-refused-disabled")]);
        throw new AppError("auth.disabled", "forbidden");
      }
      const opened = await db.transaction(async (tx) => {
        await tx.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: at }).where(eq(users.id, user.id));
        await appendAudit(tx, [entry("auth.login")]);
        return openSession(tx, user.id, meta);
      });
      // Sessions past their end or idle too long are swept at sign-in rather than by a timer: no job to run.
      const idleSince = new Date(at.getTime() - options.session.idleMinutes * 60_000);
      await db.delete(sessions).where(or(lt(sessions.expiresAt, at), lt(sessions.lastSeenAt, idleSince)));
      return {
        ...opened,
        principal: await principalOf(user),
        mustChangePassword: user.mustChangePassword,
      };
    },

    /** The person behind a session cookie, or null when it is unknown, expired, or the person is disabled. */
    async authenticate(token: string | undefined): Promise<(SignedIn & { tokenHash: string }) | null> {
      if (!token || token.length > 100) return null;
      const tokenHash = sha256(token);
      const [row] = await db
        .select({ session: sessions, user: { id: users.id, username: users.username, fullName: users.fullName, disabledAt: users.disabledAt, mustChangePassword: users.mustChangePassword } })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.tokenHash, tokenHash));
      if (!row) return null;
      const at = now();
      if (row.user.disabledAt || sessionState(row.session, at, options.session) !== "active") {
        await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
        return null;
      }
      if (at.getTime() - row.session.lastSeenAt.getTime() > SESSION_TOUCH_MS) {
        await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.tokenHash, tokenHash));
      }
      return {
        tokenHash,
        principal: await principalOf(row.user),
        mustChangePassword: row.user.mustChangePassword,
        csrfToken: row.session.csrfToken,
        expiresAt: row.session.expiresAt,
      };
    },

    async logout(tokenHash: string, actor: Actor): Promise<void> {
      const userId = actor.principal?.userId;
      const home = userId ? await homeOf(userId) : {};
      await db.transaction(async (tx) => {
        await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
        await appendAudit(tx, [auditBy(actor, { action: "auth.logout", entityType: "user", entityKey: String(userId ?? ""), ...home })]);
      });
    },

    /** Ends every session of the person (on every device); returns how many there were. */
    async logoutEverywhere(userId: number, actor: Actor): Promise<number> {
      const home = await homeOf(userId);
      return db.transaction(async (tx) => {
        const ended = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ tokenHash: sessions.tokenHash });
        await appendAudit(tx, [
          auditBy(actor, { action: "auth.logout-everywhere", entityType: "user", entityKey: String(userId), after: { sessionsEnded: ended.length }, ...home }),
        ]);
        return ended.length;
      });
    },

    /**
     * Changes one's own password. Other sessions end (a thief who knew the old password is out); the
     * current one stays so the person is not thrown out of the page they are on.
     */
    async changePassword(actor: Actor, currentTokenHash: string, current: string, next: string): Promise<void> {
      const userId = actor.principal?.userId;
      if (userId === undefined) throw new AppError("auth.required", "unauthenticated");
      const [user] = await db.select().from(users).where(eq(users.id, userId));
      if (!user?.passwordHash) throw new AppError("auth.required", "unauthenticated");
      if (!(await verifyPassword(user.passwordHash, current))) {
        const home = await homeOf(userId);
        const lockedUntil = await countFailure(userId, now(), (failedLogins, locked) =>
          auditBy(actor, {
            action: locked ? "auth.locked" : "auth.password-change-failed",
            entityType: "user",
            entityKey: String(userId),
            after: { failedLogins, lockedUntil: locked?.toISOString() ?? null },
            ...home,
          }),
        );
        if (lockedUntil) throw lockedError(lockedUntil);
        throw new AppError("auth.wrong-password", "invalid");
      }
      if (current === next) throw new AppError("password.same", "invalid");
      checkPassword(next, user.username);
      const passwordHash = await hashPassword(next);
      const home = await homeOf(userId);
      await db.transaction(async (tx) => {
        await tx
          .update(users)
          .set({ passwordHash, mustChangePassword: false, passwordChangedAt: now(), updatedAt: now() })
          .where(eq(users.id, userId));
        await tx.delete(sessions).where(and(eq(sessions.userId, userId), sql`${sessions.tokenHash} <> ${currentTokenHash}`));
        await appendAudit(tx, [
          // The hash itself never goes into the log: only that it changed.
          auditBy(actor, { action: "user.password-changed", entityType: "user", entityKey: String(userId), after: { passwordChanged: true }, ...home }),
        ]);
      });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
