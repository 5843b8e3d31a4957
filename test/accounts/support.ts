/**
 * The world the account tests share: one database per file and engine, two provinces set up (Lào Cai "15"
 * and Thái Nguyên "19", without communes), a signed-in administrator, and helpers to call the API as a
 * person, read the rows behind it, and prove that a refused request changed nothing.
 */
import { createHash } from "node:crypto";
import { asc, eq, gt, sql, type SQL } from "drizzle-orm";
import type { Services } from "../../src/compose.ts";
import type { Config } from "../../src/config.ts";
import type { Engine } from "../../src/db/client.ts";
import { auditLog, sessions, users } from "../../src/db/schema.ts";
import type { Role } from "../../src/domain/access.ts";
import { createApp } from "../../src/http/app.ts";
import { SYSTEM_ACTOR } from "../../src/services/actor.ts";
import { createTestServices } from "../support/database.ts";
import { createPerson, signIn, type Session } from "../support/sessions.ts";

export const API = "/api/v1";
export type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
export type App = ReturnType<typeof createApp>["app"];
export type AuditRow = typeof auditLog.$inferSelect;

export interface Province {
  /** The key the API takes: "15". */
  key: string;
  unitId: number;
  /** The 63-era provinces it succeeds. */
  predecessorIds: number[];
  /** Its bodies by code, as set up: UBND, VP, SNV, STC … */
  org: Record<string, number>;
}

export interface World {
  services: Services;
  app: App;
  routes: ReturnType<typeof createApp>["routes"];
  /** Lào Cai (vn34 "15"). */
  A: Province;
  /** Thái Nguyên (vn34 "19"). */
  B: Province;
  admin: Session;
  /** Calls the API; `as` signs the request with that person's cookie and CSRF token. */
  call: (method: string, url: string, options?: CallOptions) => Promise<Answer>;
  /** A person with one role, created by the system (no password change needed) and signed in. */
  personWith: (role: Role, organisationId: number | null) => Promise<Session>;
  close(): Promise<void>;
}

export interface CallOptions {
  as?: Session | null;
  /** Sent as JSON with Content-Type application/json. */
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  /** false: send the cookie without the X-CSRF-Token header. */
  csrf?: boolean;
}

export interface Answer {
  status: number;
  body: Json;
  response: Response;
}

export async function createWorld(engine: Engine, config: Partial<Config> = {}, options: { seed?: boolean } = {}): Promise<World> {
  const services = await createTestServices(engine, { seed: options.seed ?? false, config });
  const { app, routes } = createApp(services, { webRoot: null });
  const catalog = await services.results.catalog();
  const province = async (key: string): Promise<Province> => {
    const unitId = catalog.unitId("vn34", key)!;
    await services.organisations.setupProvince(SYSTEM_ACTOR, unitId, { communes: false });
    const list = await services.organisations.list(SYSTEM_ACTOR, unitId);
    return {
      key,
      unitId,
      predecessorIds: catalog.predecessorsOf(key).map((p) => p.id),
      org: Object.fromEntries(list.map((o) => [o.code, o.id])),
    };
  };
  const A = await province("15");
  const B = await province("19");
  const call = async (method: string, url: string, options: CallOptions = {}): Promise<Answer> => {
    const headers: Record<string, string> = {};
    if (options.as) {
      headers.Cookie = options.as.cookie;
      if (options.csrf !== false) headers["X-CSRF-Token"] = options.as.csrfToken;
    }
    let body = options.body;
    if (options.json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(options.json);
    }
    const response = await app.request(url.startsWith("/api/") ? url : `${API}${url}`, {
      method,
      headers: { ...headers, ...options.headers },
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.clone().text();
    let parsed: Json = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: response.status, body: parsed, response };
  };
  const personWith = async (role: Role, organisationId: number | null) => {
    const person = await createPerson(services, role, organisationId);
    return signIn(app, person.username);
  };
  const admin = await personWith("admin", null);
  return { services, app, routes, A, B, admin, call, personWith, close: () => services.close() };
}

export async function rows<T = Record<string, unknown>>(services: Services, query: SQL): Promise<T[]> {
  return ((await services.database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** What the database keeps of a session cookie: the SHA-256 of its token. */
export function tokenHash(session: Session | string): string {
  const cookie = typeof session === "string" ? session : session.cookie;
  return createHash("sha256").update(cookie.slice(cookie.indexOf("=") + 1)).digest("hex");
}

export async function sessionRow(services: Services, session: Session) {
  const [row] = await services.database.db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash(session)));
  return row ?? null;
}

export async function userRow(services: Services, id: number) {
  const [row] = await services.database.db.select().from(users).where(eq(users.id, id));
  return row!;
}

export async function lastAuditId(services: Services): Promise<number> {
  const [row] = await rows<{ id: string | number | null }>(services, sql`select max(id) as id from audit_log`);
  return Number(row?.id ?? 0);
}

/** Audit entries written after `id`, oldest first. */
export async function auditAfter(services: Services, id: number): Promise<AuditRow[]> {
  return services.database.db.select().from(auditLog).where(gt(auditLog.id, id)).orderBy(asc(auditLog.id));
}

/**
 * A fingerprint of everything a request of this API may change: bodies, people, roles, sessions (not the
 * once-a-minute "last seen"), the audit log, imports. Equal before and after means nothing changed.
 */
export async function digest(services: Services): Promise<Record<string, unknown>> {
  const [row] = await rows(
    services,
    sql.raw(`select
      (select md5(coalesce(string_agg(o::text, '|' order by id), '')) from organisations o) as organisations,
      (select md5(coalesce(string_agg(u::text, '|' order by id), '')) from users u) as users,
      (select md5(coalesce(string_agg(r::text, '|' order by id), '')) from role_assignments r) as roles,
      (select md5(coalesce(string_agg(token_hash || user_id || expires_at::text, '|' order by token_hash), '')) from sessions) as sessions,
      (select count(*)::int from audit_log) as audit,
      (select count(*)::int from result_imports) as imports,
      (select count(*)::int from scores) as scores`),
  );
  return row!;
}

/** The Set-Cookie of an answer that removes the session cookie (Max-Age=0 or an Expires in the past). */
export function clearsCookie(response: Response): boolean {
  const header = response.headers.get("Set-Cookie") ?? "";
  if (!/^(__Host-)?chiso_session=;/.test(header)) return false;
  const expires = /Expires=([^;]+)/i.exec(header)?.[1];
  return /Max-Age=0(;|$)/i.test(header) || (expires !== undefined && new Date(expires).getTime() < Date.now());
}

/** The error part of an answer without its request id: what two refusals must share to be indistinguishable. */
export const errorOf = (answer: Answer) => ({ status: answer.status, code: answer.body.error?.code, message: answer.body.error?.message });
