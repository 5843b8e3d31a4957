/**
 * Signed-in requests for HTTP tests: a real person with a real role, signed in through the real login
 * route; the answer is the headers (cookie + CSRF token) their browser would send.
 */
import type { Hono } from "hono";
import type { Services } from "../../src/compose.ts";
import type { Role } from "../../src/domain/access.ts";
import type { AppEnv } from "../../src/http/context.ts";
import { SYSTEM_ACTOR } from "../../src/services/actor.ts";

export const TEST_PASSWORD = "một mật khẩu đủ dài 2026";

export interface Session {
  userId: number;
  username: string;
  /** Cookie and X-CSRF-Token: what every request of this person carries. */
  headers: Record<string, string>;
  cookie: string;
  csrfToken: string;
}

let counter = 0;

export async function createPerson(services: Services, role: Role, organisationId: number | null, username?: string) {
  counter += 1;
  const name = username ?? `${role}.${counter}.${process.pid}`;
  const { person } = await services.people.create(SYSTEM_ACTOR, {
    username: name,
    fullName: `Người thử ${role} ${counter}`,
    password: TEST_PASSWORD,
    roles: [{ role, organisationId }],
  });
  return person;
}

export async function signIn(app: Hono<AppEnv>, login: string, password = TEST_PASSWORD): Promise<Session> {
  const response = await app.request("/api/v1/auth/login", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ login, password }),
  });
  const body = (await response.json()) as { csrfToken: string; user: { id: number; username: string } };
  if (response.status !== 200) throw new Error(`sign-in of ${login} failed: ${response.status} ${JSON.stringify(body)}`);
  const cookie = response.headers.get("Set-Cookie")!.split(";")[0]!;
  return {
    userId: body.user.id,
    username: body.user.username,
    cookie,
    csrfToken: body.csrfToken,
    headers: { Cookie: cookie, "X-CSRF-Token": body.csrfToken },
  };
}

/** A person with the role, signed in. */
export async function signInAs(app: Hono<AppEnv>, services: Services, role: Role, organisationId: number | null = null): Promise<Session> {
  const person = await createPerson(services, role, organisationId);
  return signIn(app, person.username);
}
