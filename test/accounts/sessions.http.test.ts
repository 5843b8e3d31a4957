/**
 * Sessions through the HTTP API, in process, on every test engine: idle and absolute expiry, signing out
 * here and everywhere, the CSRF rules on every write, the lock after repeated wrong passwords, disabled
 * accounts, and changing a password (temporary ones included). Time is moved by moving the rows.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sessions, users } from "../../src/db/schema.ts";
import { formatDateTime } from "../../src/domain/format.ts";
import { ENGINES } from "../support/database.ts";
import { createPerson, signIn, TEST_PASSWORD, type Session } from "../support/sessions.ts";
import { clearsCookie, createWorld, digest, errorOf, rows, sessionRow, tokenHash, userRow, type World } from "./support.ts";

const MAX_FAILURES = 3;
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

describe.each(ENGINES)("sessions on %s", (engine) => {
  let w: World;
  /** A viewer of Lào Cai whose sessions the expiry and sign-out tests open and end. */
  let reader: { id: number; username: string };

  beforeAll(async () => {
    w = await createWorld(engine, { loginMaxFailures: MAX_FAILURES });
    reader = await createPerson(w.services, "viewer", w.A.org.UBND!);
  });
  afterAll(async () => {
    await w?.close();
  });

  const login = (login: string, password: string, query = "") => w.call("POST", `/auth/login${query}`, { json: { login, password } });
  /**
   * GET /auth/session with a query string never asked before: the public response cache replays answers
   * by URL (see the bug test below), which must not hide what these tests check.
   */
  let asked = 0;
  const sessionView = async (session?: Session) =>
    (await w.call("GET", `/auth/session?n=${(asked += 1)}`, session ? { as: session } : {})).body;
  const whoAmI = async (session: Session) => (await sessionView(session)).user?.username ?? null;
  const setSession = (session: Session, values: Partial<typeof sessions.$inferInsert>) =>
    w.services.database.db.update(sessions).set(values).where(eq(sessions.tokenHash, tokenHash(session)));
  const setUser = (id: number, values: Partial<typeof users.$inferInsert>) => w.services.database.db.update(users).set(values).where(eq(users.id, id));
  const sessionsOf = async (userId: number) =>
    Number((await rows<{ n: number }>(w.services, sql`select count(*)::int as n from sessions where user_id = ${userId}`))[0]!.n);

  describe("expiry", () => {
    test("sign-in sets an httpOnly, SameSite=Lax cookie for the configured absolute lifetime (12 h)", async () => {
      const answer = await login(reader.username, TEST_PASSWORD);
      expect(answer.status).toBe(200);
      const cookie = answer.response.headers.get("Set-Cookie")!;
      expect(cookie).toMatch(/^chiso_session=[A-Za-z0-9_-]{40,};/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).toMatch(/Path=\//);
      expect(cookie).not.toMatch(/Secure/); // CHISO_SECURE_COOKIES is off in tests
      const expires = new Date(/Expires=([^;]+)/.exec(cookie)![1]!).getTime();
      expect(Math.abs(expires - (Date.now() + 12 * 3_600_000))).toBeLessThan(60_000);
      expect(new Date(answer.body.expiresAt).getTime()).toBeCloseTo(expires, -4);
      // Only the token's hash is stored, never the token.
      const token = cookie.slice("chiso_session=".length, cookie.indexOf(";"));
      const stored = await rows(w.services, sql`select * from sessions where token_hash = ${token}`);
      expect(stored).toHaveLength(0);
      expect(await sessionRow(w.services, { cookie: cookie.split(";")[0]! } as Session)).not.toBeNull();
    });

    test("idle: a session unused for 30 minutes answers 401, its row is gone and the cookie is cleared", async () => {
      const session = await signIn(w.app, reader.username);
      expect((await w.call("GET", "/provinces", { as: session })).status).toBe(200);
      await setSession(session, { lastSeenAt: minutesAgo(31) });
      const answer = await w.call("GET", "/provinces", { as: session });
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe("auth.required");
      expect(answer.body.error.message).toBe("Cần đăng nhập để dùng chức năng này (hoặc phiên làm việc đã hết hạn).");
      expect(clearsCookie(answer.response)).toBe(true);
      expect(await sessionRow(w.services, session)).toBeNull();
      // Public pages still answer, as to someone signed out.
      expect(await sessionView(session)).toMatchObject({ user: null, csrfToken: null, permissions: [] });
    });

    test("absolute: a session past its end answers 401 however recently it was used", async () => {
      const session = await signIn(w.app, reader.username);
      await setSession(session, { lastSeenAt: new Date(), expiresAt: new Date(Date.now() - 1000) });
      const answer = await w.call("GET", "/provinces", { as: session });
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe("auth.required");
      expect(clearsCookie(answer.response)).toBe(true);
      expect(await sessionRow(w.services, session)).toBeNull();
    });

    test("a session used within the idle window keeps working, and that use restarts the window", async () => {
      const session = await signIn(w.app, reader.username);
      await setSession(session, { lastSeenAt: minutesAgo(29) });
      const answer = await w.call("GET", "/provinces", { as: session });
      expect(answer.status).toBe(200);
      expect(answer.response.headers.get("Set-Cookie")).toBeNull();
      const seen = (await sessionRow(w.services, session))!.lastSeenAt.getTime();
      expect(Date.now() - seen).toBeLessThan(10_000);
      expect(await whoAmI(session)).toBe(reader.username);
    });

    test("last seen is written at most once a minute, not on every request", async () => {
      const session = await signIn(w.app, reader.username);
      const first = (await sessionRow(w.services, session))!.lastSeenAt.getTime();
      for (let i = 0; i < 3; i += 1) expect((await w.call("GET", "/provinces", { as: session })).status).toBe(200);
      expect((await sessionRow(w.services, session))!.lastSeenAt.getTime()).toBe(first);
      await setSession(session, { lastSeenAt: minutesAgo(2) });
      const moved = (await sessionRow(w.services, session))!.lastSeenAt.getTime();
      expect((await w.call("GET", "/provinces", { as: session })).status).toBe(200);
      const touched = (await sessionRow(w.services, session))!.lastSeenAt.getTime();
      expect(touched).toBeGreaterThan(moved + 60_000);
      expect(Date.now() - touched).toBeLessThan(10_000);
    });

    test("an unknown or forged cookie answers 401 and is cleared", async () => {
      const answer = await w.call("GET", "/provinces", { headers: { Cookie: "chiso_session=not-a-session-at-all" } });
      expect(answer.status).toBe(401);
      expect(clearsCookie(answer.response)).toBe(true);
      const long = await w.call("GET", "/provinces", { headers: { Cookie: `chiso_session=${"x".repeat(500)}` } });
      expect(long.status).toBe(401);
    });

    test("sessions past their end are swept at the next sign-in, whoever signs in", async () => {
      const stale = await signIn(w.app, reader.username);
      await setSession(stale, { expiresAt: minutesAgo(1) });
      expect(await sessionRow(w.services, stale)).not.toBeNull();
      await signIn(w.app, w.admin.username);
      expect(await sessionRow(w.services, stale)).toBeNull();
    });
  });

  // BUG (src/http/route.ts RouteRegistry.add, src/http/app.ts publicCache): GET /auth/session is declared
  // "public", so the server's public response cache keeps the first answer and replays it, keyed only by
  // URL and data version, to every later caller: another person, or someone signed out, receives the first
  // caller's user record, permissions and CSRF token (and a 304 to its ETag) until the next results import.
  // The handler's Cache-Control: no-store does not reach that cache. Session answers must never be cached.
  test("GET /auth/session answers each caller their own session, never one cached from another caller", async () => {
    const other = await signIn(w.app, reader.username);
    const first = await w.call("GET", "/auth/session?lang=vi", { as: w.admin });
    expect(first.body.user.username).toBe(w.admin.username);
    const anonymous = await w.call("GET", "/auth/session?lang=vi");
    expect(anonymous.body).toMatchObject({ user: null, csrfToken: null });
    const second = await w.call("GET", "/auth/session?lang=vi", { as: other });
    expect(second.body.user.username).toBe(reader.username);
    expect(second.body.csrfToken).toBe(other.csrfToken);
  });

  describe("signing out", () => {
    test("logout ends this browser's session only; the cookie is cleared", async () => {
      const here = await signIn(w.app, reader.username);
      const there = await signIn(w.app, reader.username);
      const answer = await w.call("POST", "/auth/logout", { as: here });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ ok: true });
      expect(clearsCookie(answer.response)).toBe(true);
      expect(await sessionRow(w.services, here)).toBeNull();
      expect((await w.call("GET", "/provinces", { as: here })).status).toBe(401);
      expect((await w.call("GET", "/provinces", { as: there })).status).toBe(200);
      // Signing out again with the dead cookie: 401, nothing to end.
      expect((await w.call("POST", "/auth/logout", { as: here })).status).toBe(401);
    });

    test("logout everywhere ends every session of the person, and no one else's", async () => {
      const other = await createPerson(w.services, "viewer", w.A.org.UBND!);
      const first = await signIn(w.app, other.username);
      const second = await signIn(w.app, other.username);
      const bystander = await signIn(w.app, reader.username);
      const answer = await w.call("POST", "/auth/logout-everywhere", { as: first });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ sessionsEnded: 2 });
      expect(clearsCookie(answer.response)).toBe(true);
      expect(await sessionsOf(other.id)).toBe(0);
      expect((await w.call("GET", "/provinces", { as: first })).status).toBe(401);
      expect((await w.call("GET", "/provinces", { as: second })).status).toBe(401);
      expect(await whoAmI(bystander)).toBe(reader.username);
      // The person can sign in again afterwards.
      expect(await whoAmI(await signIn(w.app, other.username))).toBe(other.username);
    });

    test("signed out, both answer 401 auth.required", async () => {
      for (const path of ["/auth/logout", "/auth/logout-everywhere"]) {
        const answer = await w.call("POST", path);
        expect(answer.status).toBe(401);
        expect(answer.body.error.code).toBe("auth.required");
      }
    });
  });

  describe("CSRF", () => {
    const CSV = "year,gso_code_old,province_vi,subdimension,score\n2021,06,Bắc Kạn,1.1,0.7\n";
    /** A real write for every unsafe route, keyed as registered; the last ones end the caller's sessions. */
    const writes = (admin: { username: string; password: string }, targetId: number) => ({
      "POST /indices/{index}/imports": { url: "/indices/PAPI/imports", body: CSV, type: "text/csv" },
      "POST /provinces/{province}/setup": { url: "/provinces/01/setup", json: { communes: false } },
      "POST /provinces/{province}/organisations": {
        url: "/provinces/15/organisations",
        json: { parentId: w.A.org.UBND, kind: "department", code: "SDL", name: "Sở Du lịch" },
      },
      "POST /provinces/{province}/organisations/merge": {
        url: "/provinces/15/organisations/merge",
        json: { sourceIds: [w.A.org.SCT], into: { id: w.A.org.STC } },
      },
      "PATCH /organisations/{id}": { url: `/organisations/${w.A.org.SNV}`, json: { name: "Sở Nội vụ tỉnh Lào Cai" } },
      "POST /organisations/{id}/close": { url: `/organisations/${w.A.org.BPTTH}/close`, json: {} },
      "POST /users": {
        url: "/users",
        json: { username: "csrf.moi", fullName: "Người mới", roles: [{ role: "viewer", organisationId: w.A.org.UBND }] },
      },
      "PATCH /users/{id}": { url: `/users/${targetId}`, json: { jobTitle: "Chuyên viên" } },
      "PUT /users/{id}/roles": { url: `/users/${targetId}/roles`, json: { roles: [{ role: "officer", organisationId: w.A.org.STP }] } },
      "POST /users/{id}/disable": { url: `/users/${targetId}/disable` },
      "POST /users/{id}/enable": { url: `/users/${targetId}/enable` },
      "POST /users/{id}/reset-password": { url: `/users/${targetId}/reset-password` },
      "POST /auth/login": { url: "/auth/login", json: { login: admin.username, password: admin.password } },
      "POST /auth/logout-everywhere": { url: "/auth/logout-everywhere" },
      "POST /auth/logout": { url: "/auth/logout" },
      "POST /auth/password": { url: "/auth/password", json: { currentPassword: admin.password, newPassword: "một mật khẩu khác hẳn 2027" } },
    });
    type Write = { url: string; json?: unknown; body?: string; type?: string };
    const send = (method: string, write: Write, options: { as?: Session; csrf?: boolean; headers?: Record<string, string> }) =>
      w.call(method, write.url, {
        ...(options.as ? { as: options.as } : {}),
        ...(options.csrf === false ? { csrf: false } : {}),
        ...(write.json !== undefined ? { json: write.json } : write.body !== undefined ? { body: write.body } : {}),
        headers: { ...(write.type ? { "Content-Type": write.type } : {}), ...options.headers },
      });

    test("every unsafe route, with a session but without the token or with another session's token: 403 auth.csrf, nothing changed", async () => {
      const admin = await createPerson(w.services, "admin", null);
      const target = await createPerson(w.services, "viewer", w.A.org.UBND!);
      const session = await signIn(w.app, admin.username);
      const stranger = await signIn(w.app, reader.username);
      const table: Record<string, Write> = writes({ username: admin.username, password: TEST_PASSWORD }, target.id);
      const unsafe = w.routes.filter((r) => r.method !== "get").map((r) => `${r.method.toUpperCase()} ${r.path}`);
      for (const key of Object.keys(table)) expect(unsafe, "a write of this table is no longer a route").toContain(key);
      // A route added later is checked too, with placeholders: the refusal comes before anything is read.
      const placeholders = (path: string) =>
        path
          .replace("{province}", "15")
          .replace("{index}", "PAPI")
          .replace("{kind}", "organisations")
          .replace(/\{id\}/g, String(target.id))
          .replace(/\{\w+\}/g, "x");
      const before = await digest(w.services);
      for (const key of unsafe) {
        const method = key.split(" ")[0]!;
        const write = table[key] ?? { url: placeholders(key.slice(method.length + 1)), json: {} };
        const without = await send(method, write, { as: session, csrf: false });
        expect(errorOf(without), key).toEqual({
          status: 403,
          code: "auth.csrf",
          message: "Yêu cầu bị từ chối vì thiếu hoặc sai mã chống giả mạo (CSRF). Hãy tải lại trang rồi thử lại.",
        });
        const borrowed = await send(method, write, { as: session, csrf: false, headers: { "X-CSRF-Token": stranger.csrfToken } });
        expect(errorOf(borrowed).code, key).toBe("auth.csrf");
        const empty = await send(method, write, { as: session, csrf: false, headers: { "X-CSRF-Token": "" } });
        expect(errorOf(empty).code, key).toBe("auth.csrf");
      }
      expect(await digest(w.services)).toEqual(before);

      // The same requests with the right token are real writes: each one succeeds (a fresh session each
      // time, as the last ones end it).
      for (const key of Object.keys(table)) {
        const fresh = await signIn(w.app, admin.username);
        const answer = await send(key.split(" ")[0]!, table[key]!, { as: fresh });
        expect(answer.status, `${key} ${JSON.stringify(answer.body)}`).toBe(200);
      }
      expect(await digest(w.services)).not.toEqual(before);
    });

    test("a cross-site Origin or Sec-Fetch-Site is refused even with the right token; our own origin passes", async () => {
      const target = await createPerson(w.services, "viewer", w.A.org.UBND!);
      const write = { url: `/users/${target.id}`, json: { jobTitle: "Phó Giám đốc" } };
      const before = await digest(w.services);
      for (const headers of <Record<string, string>[]>[
        { Origin: "https://evil.example", Host: "localhost" },
        { Origin: "http://localhost.evil.example", Host: "localhost" },
        { Origin: "http://localhost:4000", Host: "localhost" },
        { Origin: "null", Host: "localhost" },
        { Origin: "not a url", Host: "localhost" },
        { "Sec-Fetch-Site": "cross-site" },
        { "Sec-Fetch-Site": "same-site" },
        { "Sec-Fetch-Site": "cross-site", Origin: "http://localhost", Host: "localhost" },
      ]) {
        const answer = await send("PATCH", write, { as: w.admin, headers });
        expect(errorOf(answer).code, JSON.stringify(headers)).toBe("auth.csrf");
        expect(answer.status).toBe(403);
      }
      expect(await digest(w.services)).toEqual(before);
      const own = await send("PATCH", write, { as: w.admin, headers: { Origin: "http://localhost", Host: "localhost", "Sec-Fetch-Site": "same-origin" } });
      expect(own.status).toBe(200);
      expect(own.body.jobTitle).toBe("Phó Giám đốc");
    });

    test("GET needs no token", async () => {
      for (const url of ["/users", "/audit", "/provinces", `/organisations/${w.A.org.SNV}`, "/auth/session?csrf=none"]) {
        const answer = await w.call("GET", url, { as: w.admin, csrf: false });
        expect(answer.status, url).toBe(200);
      }
    });

    test("sign-in from a cross-site page is refused: no session, no log entry, no failure counted", async () => {
      const before = await digest(w.services);
      for (const headers of <Record<string, string>[]>[{ Origin: "https://evil.example", Host: "localhost" }, { "Sec-Fetch-Site": "cross-site" }]) {
        const answer = await w.call("POST", "/auth/login", { json: { login: reader.username, password: TEST_PASSWORD }, headers });
        expect(answer.status).toBe(403);
        expect(answer.body.error.code).toBe("auth.csrf");
        expect(answer.response.headers.get("Set-Cookie")).toBeNull();
      }
      expect(await digest(w.services)).toEqual(before);
    });
  });

  describe("lockout", () => {
    const WRONG = "không phải mật khẩu này";
    const INVALID = { status: 401, code: "auth.invalid-credentials", message: "Tên đăng nhập hoặc mật khẩu không đúng." };

    test(`${MAX_FAILURES} wrong passwords lock the account (429 with the time); the right one is refused while locked; once the lock has passed it works and resets the count`, async () => {
      const person = await createPerson(w.services, "viewer", w.A.org.UBND!);
      for (let i = 1; i < MAX_FAILURES; i += 1) {
        expect(errorOf(await login(person.username, WRONG))).toEqual(INVALID);
        expect((await userRow(w.services, person.id)).failedLogins).toBe(i);
      }
      const locked = await login(person.username, WRONG);
      expect(locked.status).toBe(429);
      expect(locked.body.error.code).toBe("auth.locked");
      const row = await userRow(w.services, person.id);
      expect(row.failedLogins).toBe(MAX_FAILURES);
      expect(Math.abs(row.lockedUntil!.getTime() - (Date.now() + 15 * 60_000))).toBeLessThan(60_000);
      expect(locked.body.error.message).toBe(
        `Tài khoản tạm khoá do nhập sai mật khẩu nhiều lần. Thử lại sau ${formatDateTime(row.lockedUntil!, "vi")}, hoặc nhờ quản trị viên đặt lại mật khẩu.`,
      );
      expect(locked.body.error.message).toMatch(/Thử lại sau \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}/);

      const right = await login(person.username, TEST_PASSWORD, "?lang=en");
      expect(right.status).toBe(429);
      expect(right.body.error.code).toBe("auth.locked");
      expect(right.body.error.message).toMatch(/locked until \d{2}:\d{2} on \d{2}\/\d{2}\/\d{4}/);
      expect(right.response.headers.get("Set-Cookie")).toBeNull();
      expect(await sessionsOf(person.id)).toBe(0);
      // Attempts while locked neither extend the lock nor count.
      expect((await userRow(w.services, person.id)).lockedUntil).toEqual(row.lockedUntil);

      await setUser(person.id, { lockedUntil: new Date(Date.now() - 1000) });
      const after = await login(person.username, TEST_PASSWORD);
      expect(after.status).toBe(200);
      const reset = await userRow(w.services, person.id);
      expect(reset).toMatchObject({ failedLogins: 0, lockedUntil: null });
      expect(Date.now() - reset.lastLoginAt!.getTime()).toBeLessThan(10_000);
    });

    test("a wrong password after a lock has passed locks again, twice as long (30 minutes)", async () => {
      const person = await createPerson(w.services, "viewer", w.A.org.UBND!);
      for (let i = 0; i < MAX_FAILURES; i += 1) await login(person.username, WRONG);
      await setUser(person.id, { lockedUntil: new Date(Date.now() - 1000) });
      const again = await login(person.username, WRONG);
      expect(again.status).toBe(429);
      const row = await userRow(w.services, person.id);
      expect(row.failedLogins).toBe(MAX_FAILURES + 1);
      expect(Math.abs(row.lockedUntil!.getTime() - (Date.now() + 30 * 60_000))).toBeLessThan(60_000);
    });

    test("an unknown username or e-mail answers exactly like a wrong password", async () => {
      const person = await createPerson(w.services, "viewer", w.A.org.UBND!);
      const wrong = await login(person.username, WRONG);
      const unknownName = await login("khong.co.ai", WRONG);
      const unknownMail = await login("khong.co.ai@example.vn", WRONG);
      expect(errorOf(wrong)).toEqual(INVALID);
      expect(errorOf(unknownName)).toEqual(INVALID);
      expect(errorOf(unknownMail)).toEqual(INVALID);
      for (const answer of [wrong, unknownName, unknownMail]) expect(answer.response.headers.get("Set-Cookie")).toBeNull();
      const en = [await login(person.username, WRONG, "?lang=en"), await login("khong.co.ai", WRONG, "?lang=en")].map(errorOf);
      expect(en[0]).toEqual({ status: 401, code: "auth.invalid-credentials", message: "Wrong username or password." });
      expect(en[1]).toEqual(en[0]);
    });

    test("the sign-in name is case-insensitive and the e-mail works too", async () => {
      const created = await w.call("POST", "/users", {
        as: w.admin,
        json: {
          username: "Tran.Thi.B",
          fullName: "Trần Thị B",
          email: "Tran.B@SoNoiVu.LaoCai.gov.vn",
          password: TEST_PASSWORD,
          roles: [{ role: "viewer", organisationId: w.A.org.UBND }],
        },
      });
      expect(created.status).toBe(200);
      expect(created.body.person).toMatchObject({ username: "tran.thi.b", email: "tran.b@sonoivu.laocai.gov.vn" });
      expect((await login("TRAN.THI.B", TEST_PASSWORD)).status).toBe(200);
      expect((await login(" tran.b@sonoivu.laocai.gov.vn ", TEST_PASSWORD)).status).toBe(200);
    });

    test("an administrator's password reset lifts the lock; the temporary password then signs in (and must be changed)", async () => {
      const person = await createPerson(w.services, "viewer", w.A.org.UBND!);
      for (let i = 0; i < MAX_FAILURES; i += 1) await login(person.username, WRONG);
      expect((await login(person.username, TEST_PASSWORD)).status).toBe(429);
      const reset = await w.call("POST", `/users/${person.id}/reset-password`, { as: w.admin });
      expect(reset.status).toBe(200);
      expect(reset.body.temporaryPassword).toMatch(/^[A-HJ-NP-Za-km-z2-9]{4}(-[A-HJ-NP-Za-km-z2-9]{4}){3}$/);
      expect(reset.body.person).toMatchObject({ lockedUntil: null, mustChangePassword: true });
      expect(await userRow(w.services, person.id)).toMatchObject({ failedLogins: 0, lockedUntil: null });
      expect(errorOf(await login(person.username, TEST_PASSWORD))).toEqual(INVALID);
      const signedIn = await login(person.username, reset.body.temporaryPassword);
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.mustChangePassword).toBe(true);
    });

    // BUG (src/services/auth.ts, login): the failure count is read before the ~50 ms password check and
    // written back as `failedLogins + 1` afterwards, so wrong passwords sent at the same time all count as
    // one: any number of parallel guesses get through without a lock. It should count each failure
    // atomically (UPDATE … SET failed_logins = failed_logins + 1 RETURNING failed_logins).
    test("wrong passwords sent at the same time each count towards the lock", async () => {
      const person = await createPerson(w.services, "viewer", w.A.org.UBND!);
      const answers = await Promise.all(Array.from({ length: MAX_FAILURES * 3 }, () => login(person.username, WRONG)));
      expect((await userRow(w.services, person.id)).failedLogins).toBeGreaterThanOrEqual(MAX_FAILURES);
      expect(answers.some((a) => a.status === 429)).toBe(true);
    });
  });

  describe("disabled accounts", () => {
    test("lose access at once, cannot sign in (403 with the right password, 401 with a wrong one), and can again once enabled", async () => {
      const session = await w.personWith("officer", w.A.org.SNV!);
      expect((await w.call("GET", "/provinces", { as: session })).status).toBe(200);
      const disabled = await w.call("POST", `/users/${session.userId}/disable`, { as: w.admin });
      expect(disabled.status).toBe(200);
      expect(disabled.body.disabled).toBe(true);
      expect(await sessionsOf(session.userId)).toBe(0);
      const next = await w.call("GET", "/provinces", { as: session });
      expect(next.status).toBe(401);
      expect(clearsCookie(next.response)).toBe(true);

      const right = await login(session.username, TEST_PASSWORD);
      expect(errorOf(right)).toEqual({
        status: 403,
        code: "auth.disabled",
        message: "Tài khoản đã bị vô hiệu hoá. Liên hệ Sở Nội vụ hoặc quản trị viên.",
      });
      expect(right.response.headers.get("Set-Cookie")).toBeNull();
      expect(errorOf(await login(session.username, "không phải mật khẩu này"))).toEqual({
        status: 401,
        code: "auth.invalid-credentials",
        message: "Tên đăng nhập hoặc mật khẩu không đúng.",
      });
      expect(await sessionsOf(session.userId)).toBe(0);

      const enabled = await w.call("POST", `/users/${session.userId}/enable`, { as: w.admin });
      expect(enabled.status).toBe(200);
      expect(enabled.body.disabled).toBe(false);
      const again = await signIn(w.app, session.username);
      expect((await w.call("GET", "/provinces", { as: again })).status).toBe(200);
    });

    test("disabled straight in the database (another instance, the CLI), the open session dies on its next request", async () => {
      const session = await w.personWith("viewer", w.A.org.UBND!);
      await setUser(session.userId, { disabledAt: new Date() });
      try {
        expect((await w.call("GET", "/provinces", { as: session })).status).toBe(401);
        expect(await sessionRow(w.services, session)).toBeNull();
      } finally {
        await setUser(session.userId, { disabledAt: null });
      }
    });
  });

  describe("changing one's password", () => {
    const NEW = "mùa lúa chín vàng 2026";
    /** A coordinator of Lào Cai created by the administrator, signed in with the temporary password. */
    const temporaryCoordinator = async (username: string) => {
      const created = await w.call("POST", "/users", {
        as: w.admin,
        json: { username, fullName: `Người tạm ${username}`, roles: [{ role: "coordinator", organisationId: w.A.org.SNV }] },
      });
      return signIn(w.app, username, created.body.temporaryPassword);
    };

    test("the current password must be right and the new one must pass the policy, in the user's language", async () => {
      const session = await w.personWith("viewer", w.A.org.UBND!);
      const before = await userRow(w.services, session.userId);
      const change = (currentPassword: string, newPassword: string, query = "") =>
        w.call("POST", `/auth/password${query}`, { as: session, json: { currentPassword, newPassword } });
      expect(errorOf(await change("sai mật khẩu hiện tại", NEW))).toEqual({ status: 400, code: "auth.wrong-password", message: "Mật khẩu hiện tại không đúng." });
      expect(errorOf(await change(TEST_PASSWORD, "ngắn quá"))).toEqual({ status: 400, code: "password.too-short", message: "Mật khẩu cần ít nhất 10 ký tự." });
      expect(errorOf(await change(TEST_PASSWORD, "ngắn quá", "?lang=en"))).toEqual({
        status: 400,
        code: "password.too-short",
        message: "A password needs at least 10 characters.",
      });
      expect(errorOf(await change(TEST_PASSWORD, `mật khẩu của ${session.username}`))).toEqual({
        status: 400,
        code: "password.contains-username",
        message: "Mật khẩu không được chứa tên đăng nhập.",
      });
      expect(errorOf(await change(TEST_PASSWORD, "1234567890")).code).toBe("password.too-simple");
      expect(errorOf(await change(TEST_PASSWORD, "1234567890")).message).toMatch(/^Mật khẩu quá đơn giản/);
      expect(errorOf(await change(TEST_PASSWORD, "x".repeat(201))).message).toBe("Mật khẩu dài quá 200 ký tự.");
      expect(errorOf(await change(TEST_PASSWORD, TEST_PASSWORD))).toEqual({
        status: 400,
        code: "password.same",
        message: "Mật khẩu mới phải khác mật khẩu hiện tại.",
      });
      // Nothing changed but the count of wrong passwords: a wrong current password counts towards the lock.
      expect(await userRow(w.services, session.userId)).toEqual({ ...before, failedLogins: before.failedLogins + 1 });
      expect((await login(session.username, TEST_PASSWORD)).status).toBe(200);
    });

    test("after a change the other sessions end, this one lives, the old password no longer signs in", async () => {
      const person = await createPerson(w.services, "officer", w.A.org.STC!);
      const here = await signIn(w.app, person.username);
      const elsewhere = await signIn(w.app, person.username);
      const answer = await w.call("POST", "/auth/password", { as: here, json: { currentPassword: TEST_PASSWORD, newPassword: NEW } });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ ok: true });
      expect(await whoAmI(here)).toBe(person.username);
      expect((await w.call("GET", "/provinces", { as: elsewhere })).status).toBe(401);
      expect(await sessionsOf(person.id)).toBe(1);
      expect(errorOf(await login(person.username, TEST_PASSWORD)).code).toBe("auth.invalid-credentials");
      expect((await login(person.username, NEW)).status).toBe(200);
      const row = await userRow(w.services, person.id);
      expect(row.passwordHash).toMatch(/^\$argon2id\$/);
      expect(Date.now() - row.passwordChangedAt!.getTime()).toBeLessThan(10_000);
    });

    test("a temporary password: 403 auth.password-change-required on permission routes until changed, then on as usual", async () => {
      const created = await w.call("POST", "/users", {
        as: w.admin,
        json: { username: "tam.thoi", fullName: "Lê Văn Tạm", roles: [{ role: "coordinator", organisationId: w.A.org.SNV }] },
      });
      expect(created.status).toBe(200);
      expect(created.body.person.mustChangePassword).toBe(true);
      const temporary: string = created.body.temporaryPassword;
      const session = await signIn(w.app, "tam.thoi", temporary);
      expect(await sessionView(session)).toMatchObject({ mustChangePassword: true, user: { username: "tam.thoi" } });
      for (const url of ["/provinces", "/users", "/audit", `/provinces/15/organisations`]) {
        const refused = await w.call("GET", url, { as: session });
        expect(errorOf(refused), url).toEqual({ status: 403, code: "auth.password-change-required", message: "Bạn cần đổi mật khẩu tạm trước khi tiếp tục." });
      }
      const write = await w.call("PATCH", `/organisations/${w.A.org.SNV}`, { as: session, json: { note: "x" } });
      expect(write.body.error.code).toBe("auth.password-change-required");
      // Oneself stays readable through the session, and the password can be changed.
      expect((await w.call("GET", `/users/${session.userId}`, { as: session })).status).toBe(403);
      const changed = await w.call("POST", "/auth/password", { as: session, json: { currentPassword: temporary, newPassword: NEW } });
      expect(changed.status).toBe(200);
      expect((await sessionView(session)).mustChangePassword).toBe(false);
      expect((await w.call("GET", "/users", { as: session })).status).toBe(200);
      expect((await w.call("GET", "/provinces/15/organisations", { as: session })).status).toBe(200);
    });

    test("a password chosen by the administrator who creates the account is temporary too", async () => {
      const created = await w.call("POST", "/users", {
        as: w.admin,
        json: { username: "mat.khau.dat", fullName: "Phạm Văn Đặt", password: TEST_PASSWORD, roles: [{ role: "viewer", organisationId: w.A.org.UBND }] },
      });
      expect(created.status).toBe(200);
      expect(created.body).toMatchObject({ temporaryPassword: null, person: { mustChangePassword: true } });
      const weak = await w.call("POST", "/users", {
        as: w.admin,
        json: { username: "mat.khau.yeu", fullName: "Phạm Văn Yếu", password: "123", roles: [{ role: "viewer", organisationId: w.A.org.UBND }] },
      });
      expect(errorOf(weak)).toEqual({ status: 400, code: "password.too-short", message: "Mật khẩu cần ít nhất 10 ký tự." });
    });

    // BUG (src/http/routes/people.routes.ts GET /users/{id} is "signed-in", src/services/people.ts get):
    // a person who must still replace a temporary password is held back from every permission route, but
    // can read other people's records through GET /users/{id}, which is only meant to be open for oneself.
    // It should answer 403 auth.password-change-required for anyone but oneself.
    test("with a temporary password, other people's records stay closed too", async () => {
      const session = await temporaryCoordinator("tam.thoi.hai");
      const other = await w.call("GET", `/users/${reader.id}`, { as: session });
      expect(errorOf(other).code).toBe("auth.password-change-required");
    });

    // BUG (src/http/routes/directory.routes.ts POST /provinces/{province}/directory/{kind} is "signed-in",
    // and src/services/directory-import.ts checks the permission only): a coordinator who has not yet
    // replaced a temporary password imports a sheet of people, creating accounts (200, with their
    // passwords). It should answer 403 auth.password-change-required like every other write.
    test("with a temporary password, no sheet of people (new accounts) can be imported", async () => {
      const session = await temporaryCoordinator("tam.thoi.ba");
      const csv = "Tên đăng nhập,Họ và tên,Vai trò,Mã cơ quan\nnhap.tu.bang,Người Nhập Từ Bảng,Xem,SNV\n";
      const answer = await w.call("POST", "/provinces/15/directory/people", { as: session, body: csv, headers: { "Content-Type": "text/csv" } });
      expect(errorOf(answer).code).toBe("auth.password-change-required");
    });
  });
});
