/**
 * What the first review of the accounts layer found and what now holds: no adopting an account without
 * roles, a merger kept to the province of its URL, every sign-in attempt logged (and coordinators see their
 * people's), a write accepted behind a proxy that forwards the host, sessions idle too long swept at sign-in.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SYSTEM_ACTOR } from "../../src/services/actor.ts";
import { ENGINES } from "../support/database.ts";
import { createPerson, TEST_PASSWORD } from "../support/sessions.ts";
import { auditAfter, createWorld, errorOf, lastAuditId, rows, tokenHash, type World } from "./support.ts";
import { sql } from "drizzle-orm";

describe.each(ENGINES)("review fixes on %s", (engine) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(engine);
  });
  afterAll(async () => {
    await w?.close();
  });

  test("a coordinator cannot adopt an account that has no role (nor reset it afterwards); an administrator can", async () => {
    const coordinator = await w.personWith("coordinator", w.A.org.SNV!);
    const orphan = await createPerson(w.services, "officer", w.A.org.STC!);
    await w.services.people.setRoles(SYSTEM_ACTOR, orphan.id, []);
    const adopt = await w.call("PUT", `/users/${orphan.id}/roles`, { as: coordinator, json: { roles: [{ role: "officer", organisationId: w.A.org.SNV }] } });
    expect(errorOf(adopt)).toMatchObject({ status: 403, code: "auth.out-of-scope" });
    expect((await w.call("POST", `/users/${orphan.id}/reset-password`, { as: coordinator })).status).toBe(403);
    const byAdmin = await w.call("PUT", `/users/${orphan.id}/roles`, { as: w.admin, json: { roles: [{ role: "officer", organisationId: w.A.org.SNV }] } });
    expect(byAdmin.status).toBe(200);
  });

  test("a merger through another province's URL is refused, even by the administrator, and changes nothing", async () => {
    const a = await w.services.organisations.create(SYSTEM_ACTOR, { provinceUnitId: w.A.unitId, parentId: w.A.org.UBND!, kind: "board", code: "RV1", name: "Ban RV1" });
    const b = await w.services.organisations.create(SYSTEM_ACTOR, { provinceUnitId: w.A.unitId, parentId: w.A.org.UBND!, kind: "board", code: "RV2", name: "Ban RV2" });
    const answer = await w.call("POST", `/provinces/${w.B.key}/organisations/merge`, { as: w.admin, json: { sourceIds: [a.id], into: { id: b.id } } });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toMatch(/^merge\./);
    expect((await w.services.organisations.get(SYSTEM_ACTOR, a.id)).organisation.endReason).toBeNull();
  });

  test("every sign-in attempt is logged: unknown names, locked and disabled accounts; a coordinator sees those of its people", async () => {
    const officer = await createPerson(w.services, "officer", w.A.org.STC!);
    const since = await lastAuditId(w.services);
    const login = (login: string, password: string) => w.call("POST", "/auth/login", { json: { login, password } });
    expect((await login("khong.ai.ca", "sai mật khẩu rồi")).status).toBe(401);
    expect((await login(officer.username, "sai mật khẩu rồi")).status).toBe(401);
    await w.services.people.setDisabled(SYSTEM_ACTOR, officer.id, true);
    expect((await login(officer.username, TEST_PASSWORD)).status).toBe(403);
    const entries = await auditAfter(w.services, since);
    expect(entries.map((e) => [e.action, e.entityType, e.entityKey])).toEqual(
      expect.arrayContaining([
        ["auth.login-failed", "login", "khong.ai.ca"],
        ["auth.login-failed", "user", String(officer.id)],
        ["auth.login-refused-disabled", "user", String(officer.id)],
      ]),
    );
    const coordinator = await w.personWith("coordinator", w.A.org.SNV!);
    const seen = await w.call("GET", `/audit?entityType=user&entityKey=${officer.id}&action=auth.login-failed`, { as: coordinator });
    expect(seen.status).toBe(200);
    expect(seen.body.entries).toHaveLength(1);
    expect(seen.body.entries[0]).toMatchObject({ organisationId: w.A.org.STC, provinceUnitId: w.A.unitId, actorName: officer.fullName });
  });

  test("behind a reverse proxy: a same-origin write passes when the proxy forwards the browser's host, a foreign origin does not", async () => {
    const person = await w.personWith("coordinator", w.A.org.SNV!);
    const json = { note: "qua proxy" };
    const headers = { Origin: "https://chiso.laocai.gov.vn", Host: "127.0.0.1:3000" };
    const direct = await w.call("PATCH", `/organisations/${w.A.org.SCT}`, { as: person, json, headers });
    expect(errorOf(direct)).toMatchObject({ status: 403, code: "auth.csrf" });
    const forwarded = await w.call("PATCH", `/organisations/${w.A.org.SCT}`, { as: person, json, headers: { ...headers, "X-Forwarded-Host": "chiso.laocai.gov.vn" } });
    expect(forwarded.status).toBe(200);
    const foreign = await w.call("PATCH", `/organisations/${w.A.org.SCT}`, { as: person, json, headers: { ...headers, Origin: "https://evil.example", "X-Forwarded-Host": "chiso.laocai.gov.vn" } });
    expect(errorOf(foreign)).toMatchObject({ status: 403, code: "auth.csrf" });
  });

  test("a missing or mistyped field is said plainly, not in zod's type names", async () => {
    const missing = await w.call("POST", "/auth/login", { json: { login: "ai.do" } });
    expect(missing.body.error.message).toBe("Yêu cầu không hợp lệ: «Mật khẩu»: cần có giá trị");
    const typed = await w.call("POST", "/auth/login?lang=en", { json: { login: "ai.do", password: 5 } });
    expect(typed.body.error.message).toBe("The request is not valid: «Password»: must be text");
  });

    test("sessions idle past the limit are deleted at the next sign-in of anyone", async () => {
    const idle = await w.personWith("viewer", w.A.org.UBND!);
    await w.services.database.db.execute(sql`update sessions set last_seen_at = now() - interval '2 hours' where token_hash = ${tokenHash(idle)}`);
    await w.personWith("viewer", w.A.org.UBND!);
    expect(await rows(w.services, sql`select 1 from sessions where token_hash = ${tokenHash(idle)}`)).toHaveLength(0);
  });
});
