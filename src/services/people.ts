/**
 * People and their roles: adding, editing, disabling, resetting a password, granting roles. A coordinator
 * manages the people of its province only, and cannot see or touch roles held elsewhere; only an
 * administrator grants the administrator role. Every change is audited with before and after.
 */
import { and, asc, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { Executor, Tx } from "../db/client.ts";
import { appendAudit } from "../db/repositories/audit.repo.ts";
import { organisations, roleAssignments, sessions, users } from "../db/schema.ts";
import { allowsOn, mayAssign, provincesWith, type Role } from "../domain/access.ts";
import { normaliseLogin, USERNAME } from "../domain/accounts.ts";
import { formatDate } from "../domain/format.ts";
import { compareVietnamese } from "../domain/text.ts";
import { AppError } from "../errors.ts";
import type { Actor } from "./actor.ts";
import { checkPassword } from "./auth.ts";
import { auditBy, authorize } from "./authorize.ts";
import { hashPassword, temporaryPassword } from "./passwords.ts";

export interface RoleInput {
  role: Role;
  organisationId: number | null;
}

export interface PersonInput {
  username: string;
  fullName: string;
  email?: string | null;
  jobTitle?: string | null;
  phone?: string | null;
  /** Set by the creator (then it counts as temporary too) or generated and shown once. */
  password?: string | null;
  roles: RoleInput[];
}

export interface PersonRole extends RoleInput {
  id: number;
  organisationName: string | null;
  organisationCode: string | null;
  provinceUnitId: number | null;
}

export interface Person {
  id: number;
  username: string;
  fullName: string;
  email: string | null;
  jobTitle: string | null;
  phone: string | null;
  disabled: boolean;
  disabledAt: Date | null;
  mustChangePassword: boolean;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
  roles: PersonRole[];
}

type UserRow = typeof users.$inferSelect;

function personView(user: UserRow, roles: PersonRole[]): Person {
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    email: user.email,
    jobTitle: user.jobTitle,
    phone: user.phone,
    disabled: user.disabledAt !== null,
    disabledAt: user.disabledAt,
    mustChangePassword: user.mustChangePassword,
    lockedUntil: user.lockedUntil,
    lastLoginAt: user.lastLoginAt,
    createdAt: user.createdAt,
    roles,
  };
}

/** The audit log keeps who a person is and what they hold, never a password hash. */
function auditView(person: Person) {
  return {
    username: person.username,
    fullName: person.fullName,
    email: person.email,
    jobTitle: person.jobTitle,
    phone: person.phone,
    disabled: person.disabled,
    roles: person.roles.map((r) => ({ role: r.role, organisationId: r.organisationId })),
  };
}

const cleanEmail = (email: string | null | undefined) => (email ? normaliseLogin(email) : null);

export function createPeopleService(options: { db: Executor; now?: () => Date }) {
  const { db } = options;
  const now = () => options.now?.() ?? new Date();

  async function rolesOf(executor: Executor, userIds: number[]): Promise<Map<number, PersonRole[]>> {
    const byUser = new Map<number, PersonRole[]>();
    if (userIds.length === 0) return byUser;
    const rows = await executor
      .select({
        id: roleAssignments.id,
        userId: roleAssignments.userId,
        role: roleAssignments.role,
        organisationId: roleAssignments.organisationId,
        organisationName: organisations.name,
        organisationCode: organisations.code,
        provinceUnitId: organisations.provinceUnitId,
      })
      .from(roleAssignments)
      .leftJoin(organisations, eq(organisations.id, roleAssignments.organisationId))
      .where(inArray(roleAssignments.userId, userIds))
      .orderBy(asc(roleAssignments.id));
    for (const { userId, ...role } of rows) {
      const list = byUser.get(userId) ?? [];
      list.push(role);
      byUser.set(userId, list);
    }
    return byUser;
  }

  async function load(executor: Executor, id: number): Promise<Person> {
    const [user] = await executor.select().from(users).where(eq(users.id, id));
    if (!user) throw new AppError("user.not-found", "not-found", { user: id });
    return personView(user, (await rolesOf(executor, [id])).get(id) ?? []);
  }

  /** The province and agency the person's log entries are filed under: their first role's. */
  function home(person: Person) {
    const role = person.roles.find((r) => r.organisationId !== null);
    return { organisationId: role?.organisationId ?? null, provinceUnitId: role?.provinceUnitId ?? null };
  }

  /** A coordinator may act on a person only if every role the person holds lies in its provinces. */
  function authorizeOn(actor: Actor, person: Person, permission: "users.read" | "users.manage") {
    authorize(actor, permission);
    const principal = actor.principal;
    if (!principal) return;
    const reach = provincesWith(principal, permission);
    if (reach === "all") return;
    const visible =
      person.roles.length > 0 &&
      person.roles.every((r) => r.role !== "admin" && r.provinceUnitId !== null && allowsOn(principal, permission, { provinceUnitId: r.provinceUnitId }));
    if (!visible) throw new AppError("auth.out-of-scope", "forbidden");
  }

  async function organisationScopes(executor: Executor, ids: number[]) {
    type Scope = { provinceUnitId: number; name: string; endReason: "closed" | "merged" | null; validTo: string | null };
    if (ids.length === 0) return new Map<number, Scope>();
    const rows = await executor
      .select({ id: organisations.id, provinceUnitId: organisations.provinceUnitId, name: organisations.name, endReason: organisations.endReason, validTo: organisations.validTo })
      .from(organisations)
      .where(inArray(organisations.id, ids));
    return new Map<number, Scope>(rows.map((r) => [r.id, r]));
  }

  /** Checks each role the actor wants to give: well-formed, in a current body, within the actor's reach. */
  async function checkGrantable(executor: Executor, actor: Actor, roles: RoleInput[]) {
    const scopes = await organisationScopes(executor, roles.flatMap((r) => (r.organisationId === null ? [] : [r.organisationId])));
    for (const role of roles) {
      if (role.role === "admin" && role.organisationId !== null) throw new AppError("user.admin-no-organisation", "invalid");
      if (role.role !== "admin" && role.organisationId === null) throw new AppError("user.role-needs-organisation", "invalid", { role: role.role });
      const org = role.organisationId === null ? null : scopes.get(role.organisationId);
      if (role.organisationId !== null && !org) throw new AppError("organisation.not-found", "not-found", { organisation: role.organisationId });
      if (org?.endReason) {
        throw new AppError("organisation.ended", "conflict", { organisation: org.name, reason: org.endReason, date: formatDate(org.validTo ?? "") });
      }
      if (actor.principal && !mayAssign(actor.principal, role.role, org ? { provinceUnitId: org.provinceUnitId } : null)) {
        throw new AppError("user.role-not-allowed", "forbidden", { role: role.role, organisation: org?.name ?? "—" });
      }
    }
  }

  async function activeAdminCount(executor: Executor, except: number): Promise<number> {
    const [row] = await executor
      .select({ n: sql<number>`count(distinct ${users.id})::int` })
      .from(users)
      .innerJoin(roleAssignments, eq(roleAssignments.userId, users.id))
      .where(and(eq(roleAssignments.role, "admin"), isNull(users.disabledAt), ne(users.id, except)));
    return row!.n;
  }

  async function record(tx: Tx, actor: Actor, action: string, before: Person | null, after: Person) {
    await appendAudit(tx, [
      auditBy(actor, {
        action,
        entityType: "user",
        entityKey: String(after.id),
        before: before ? auditView(before) : null,
        after: auditView(after),
        ...home(after.roles.length > 0 ? after : (before ?? after)),
      }),
    ]);
  }

  async function checkUnique(executor: Executor, username: string, email: string | null, selfId: number | null) {
    const clashes = await executor
      .select({ id: users.id, username: users.username, email: users.email })
      .from(users)
      // Usernames cannot hold "@", so an e-mail never clashes with a username at sign-in.
      .where(or(eq(users.username, username), email ? eq(users.email, email) : undefined));
    for (const other of clashes) {
      if (other.id === selfId) continue;
      if (other.username === username) throw new AppError("user.username-taken", "conflict", { username });
      throw new AppError("user.email-taken", "conflict", { email: email ?? "" });
    }
  }

  async function replaceRoles(tx: Tx, userId: number, roles: RoleInput[]) {
    await tx.delete(roleAssignments).where(eq(roleAssignments.userId, userId));
    const unique = [...new Map(roles.map((r) => [`${r.role}|${r.organisationId}`, r])).values()];
    if (unique.length > 0) await tx.insert(roleAssignments).values(unique.map((r) => ({ userId, role: r.role, organisationId: r.organisationId })));
  }

  return {
    async list(
      actor: Actor,
      filter: { provinceUnitId?: number; organisationId?: number; q?: string; includeDisabled?: boolean } = {},
    ): Promise<Person[]> {
      authorize(actor, "users.read");
      const reach = actor.principal ? provincesWith(actor.principal, "users.read") : "all";
      const rows = await db
        .select()
        .from(users)
        .where(filter.includeDisabled ? undefined : isNull(users.disabledAt));
      const roles = await rolesOf(db, rows.map((r) => r.id));
      const q = filter.q ? normaliseLogin(filter.q) : null;
      return rows
        .map((user) => personView(user, roles.get(user.id) ?? []))
        .filter((person) => {
          if (reach !== "all") {
            if (person.roles.length === 0) return false;
            if (!person.roles.every((r) => r.role !== "admin" && r.provinceUnitId !== null && reach.includes(r.provinceUnitId))) return false;
          }
          if (filter.provinceUnitId !== undefined && !person.roles.some((r) => r.provinceUnitId === filter.provinceUnitId)) return false;
          if (filter.organisationId !== undefined && !person.roles.some((r) => r.organisationId === filter.organisationId)) return false;
          if (q && ![person.username, person.fullName.toLocaleLowerCase("vi"), person.email ?? ""].some((s) => s.includes(q))) return false;
          return true;
        })
        .sort((a, b) => compareVietnamese(a.fullName, b.fullName));
    },

    async get(actor: Actor, id: number): Promise<Person> {
      const person = await load(db, id);
      if (actor.principal?.userId !== id) authorizeOn(actor, person, "users.read");
      return person;
    },

    async create(actor: Actor, input: PersonInput): Promise<{ person: Person; temporaryPassword: string | null }> {
      authorize(actor, "users.manage");
      const username = normaliseLogin(input.username);
      if (!USERNAME.test(username)) throw new AppError("user.username-invalid", "invalid", { username: input.username });
      const email = cleanEmail(input.email);
      // A coordinator's new person must belong somewhere the coordinator can see.
      if (actor.principal && provincesWith(actor.principal, "users.manage") !== "all" && input.roles.length === 0) {
        throw new AppError("user.needs-role", "invalid");
      }
      const generated = input.password ? null : temporaryPassword();
      const password = input.password ?? generated!;
      checkPassword(password, username);
      const passwordHash = await hashPassword(password);
      return db.transaction(async (tx) => {
        await checkUnique(tx, username, email, null);
        await checkGrantable(tx, actor, input.roles);
        const [user] = await tx
          .insert(users)
          .values({
            username,
            email,
            fullName: input.fullName.trim(),
            jobTitle: input.jobTitle?.trim() || null,
            phone: input.phone?.trim() || null,
            passwordHash,
            // Whoever chose the password knows it: the person picks their own at first sign-in.
            mustChangePassword: actor.principal !== null || generated !== null,
          })
          .returning();
        await replaceRoles(tx, user!.id, input.roles);
        const person = await load(tx, user!.id);
        await record(tx, actor, "user.created", null, person);
        return { person, temporaryPassword: generated };
      });
    },

    async update(actor: Actor, id: number, patch: { fullName?: string; email?: string | null; jobTitle?: string | null; phone?: string | null }) {
      return db.transaction(async (tx) => {
        const before = await load(tx, id);
        authorizeOn(actor, before, "users.manage");
        const email = patch.email === undefined ? before.email : cleanEmail(patch.email);
        await checkUnique(tx, before.username, email, id);
        await tx
          .update(users)
          .set({
            ...(patch.fullName !== undefined ? { fullName: patch.fullName.trim() } : {}),
            email,
            ...(patch.jobTitle !== undefined ? { jobTitle: patch.jobTitle?.trim() || null } : {}),
            ...(patch.phone !== undefined ? { phone: patch.phone?.trim() || null } : {}),
            updatedAt: now(),
          })
          .where(eq(users.id, id));
        const after = await load(tx, id);
        await record(tx, actor, "user.updated", before, after);
        return after;
      });
    },

    /**
     * Sets the roles the actor can see: roles the person holds outside the actor's reach are kept as they
     * are. Takes effect on the person's next request (roles are read per request, not cached in sessions).
     */
    async setRoles(actor: Actor, id: number, roles: RoleInput[]): Promise<Person> {
      authorize(actor, "users.manage");
      if (actor.principal?.userId === id) throw new AppError("user.self", "forbidden");
      return db.transaction(async (tx) => {
        const before = await load(tx, id);
        const principal = actor.principal;
        const visible = (r: PersonRole) =>
          !principal || mayAssign(principal, r.role, r.provinceUnitId === null ? null : { provinceUnitId: r.provinceUnitId });
        const kept = before.roles.filter((r) => !visible(r));
        // Someone with no role in the caller's provinces is not the caller's to give roles to (a person with
        // no role at all only an administrator sees); otherwise a coordinator could adopt any account.
        const managesAll = !principal || provincesWith(principal, "users.manage") === "all";
        if (!managesAll && (before.roles.length === 0 || kept.length === before.roles.length)) throw new AppError("auth.out-of-scope", "forbidden");
        await checkGrantable(tx, actor, roles);
        const next = [...kept.map((r) => ({ role: r.role, organisationId: r.organisationId })), ...roles];
        if (before.roles.some((r) => r.role === "admin") && !next.some((r) => r.role === "admin") && (await activeAdminCount(tx, id)) === 0) {
          throw new AppError("user.last-admin", "conflict");
        }
        await replaceRoles(tx, id, next);
        const after = await load(tx, id);
        await record(tx, actor, "user.roles-changed", before, after);
        return after;
      });
    },

    /** Disables (or re-enables) an account; disabling ends its sessions at once. */
    async setDisabled(actor: Actor, id: number, disabled: boolean): Promise<Person> {
      if (actor.principal?.userId === id) throw new AppError("user.self", "forbidden");
      return db.transaction(async (tx) => {
        const before = await load(tx, id);
        authorizeOn(actor, before, "users.manage");
        if (disabled && before.roles.some((r) => r.role === "admin") && (await activeAdminCount(tx, id)) === 0) {
          throw new AppError("user.last-admin", "conflict");
        }
        await tx
          .update(users)
          .set({ disabledAt: disabled ? (before.disabledAt ?? now()) : null, failedLogins: 0, lockedUntil: null, updatedAt: now() })
          .where(eq(users.id, id));
        if (disabled) await tx.delete(sessions).where(eq(sessions.userId, id));
        const after = await load(tx, id);
        await record(tx, actor, disabled ? "user.disabled" : "user.enabled", before, after);
        return after;
      });
    },

    /** A new temporary password (shown once), the lock lifted, every session ended. */
    async resetPassword(actor: Actor, id: number): Promise<{ person: Person; temporaryPassword: string }> {
      const password = temporaryPassword();
      const passwordHash = await hashPassword(password);
      return db.transaction(async (tx) => {
        const before = await load(tx, id);
        authorizeOn(actor, before, "users.manage");
        await tx
          .update(users)
          .set({ passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null, passwordChangedAt: now(), updatedAt: now() })
          .where(eq(users.id, id));
        await tx.delete(sessions).where(eq(sessions.userId, id));
        const after = await load(tx, id);
        await appendAudit(tx, [
          auditBy(actor, { action: "user.password-reset", entityType: "user", entityKey: String(id), before: { mustChangePassword: before.mustChangePassword, locked: before.lockedUntil !== null }, after: { mustChangePassword: true, locked: false }, ...home(after) }),
        ]);
        return { person: after, temporaryPassword: password };
      });
    },

    /** Is there any administrator yet? (First start creates one from the environment when not.) */
    async hasAdmin(): Promise<boolean> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(roleAssignments)
        .where(eq(roleAssignments.role, "admin"));
      return row!.n > 0;
    },

    async findByUsername(username: string): Promise<Person | null> {
      const [user] = await db.select({ id: users.id }).from(users).where(eq(users.username, normaliseLogin(username)));
      return user ? load(db, user.id) : null;
    },
  };
}

export type PeopleService = ReturnType<typeof createPeopleService>;
