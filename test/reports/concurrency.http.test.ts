/**
 * The deadline rush, on both engines: 20 agencies open their quarter report twice at once, then 200 writes
 * arrive together — per agency five saves over the same version and five submissions. Nothing is lost or
 * duplicated: one report per agency, exactly one save per agency wins (the others are told of the conflict),
 * a report is submitted at most once, every version counts exactly the writes that succeeded, the audit log
 * has one entry per success, and no request answers 5xx.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SYSTEM_ACTOR } from "../../src/services/actor.ts";
import type { Session } from "../support/sessions.ts";
import { ENGINES } from "../support/database.ts";
import { createWorld, rows, type World } from "../accounts/support.ts";
import { regimeWithTask } from "./support.ts";

const AGENCIES = 20;
const SAVES = 5;
const SUBMITS = 5;

describe.each(ENGINES)("200 reports at the deadline on %s", (engine) => {
  let w: World;
  let regime: number;
  let agencies: { id: number; officer: Session }[];

  beforeAll(async () => {
    w = await createWorld(engine);
    const bodies = (await w.services.organisations.list(SYSTEM_ACTOR, w.A.unitId)).filter((o) => o.kind !== "commune").slice(0, AGENCIES);
    expect(bodies).toHaveLength(AGENCIES);
    agencies = [];
    for (const body of bodies) agencies.push({ id: body.id, officer: await w.personWith("officer", body.id) });
    regime = await regimeWithTask(
      w,
      "99/KH-UBND",
      bodies.map((b) => b.id),
      [{ name: "Thủ tục công khai", unit: "thủ tục", aggregation: "latest", numeratorPosition: null, denominatorPosition: null, targetValue: null, valueType: "integer" }],
    );
  });
  afterAll(async () => {
    await w?.close();
  });

  test("opened twice at once: one report per agency", async () => {
    const opened = await Promise.all(
      agencies.flatMap((a) => [0, 1].map(() => w.call("POST", `/regimes/${regime}/reports`, { as: a.officer, json: { organisationId: a.id, period: "2026-Q3" } }))),
    );
    expect(opened.map((o) => o.status).filter((s) => s !== 200)).toEqual([]);
    for (let i = 0; i < AGENCIES; i += 1) expect(opened[2 * i]!.body.report.id).toBe(opened[2 * i + 1]!.body.report.id);
    const [count] = await rows<{ n: number }>(w.services, sql`select count(*)::int n from agency_reports where regime_id = ${regime}`);
    expect(count!.n).toBe(AGENCIES);
  });

  test("200 writes together: no 5xx, one save per agency wins, nothing lost or counted twice", async () => {
    const reports = await rows<{ id: number; organisation_id: number; version: number }>(w.services, sql`select id, organisation_id, version from agency_reports where regime_id = ${regime}`);
    const reportOf = (organisationId: number) => reports.find((r) => r.organisation_id === organisationId)!.id;
    const auditBefore = (await rows<{ n: number }>(w.services, sql`select count(*)::int n from audit_log where entity_type = 'report'`))[0]!.n;
    const requests = agencies.flatMap((a) => {
      const id = reportOf(a.id);
      return [
        ...Array.from({ length: SAVES }, (_, k) => ({
          agency: a.id,
          kind: "save" as const,
          send: () => w.call("PATCH", `/reports/${id}`, { as: a.officer, json: { version: 1, sections: { D5: `Bản ${k}: công khai 111/111 thủ tục.` } } }),
        })),
        ...Array.from({ length: SUBMITS }, () => ({
          agency: a.id,
          kind: "submit" as const,
          send: () => w.call("POST", `/reports/${id}/submit`, { as: a.officer, json: { version: 2 } }),
        })),
      ];
    });
    expect(requests).toHaveLength(200);
    const answers = await Promise.all(requests.map(async (r) => ({ ...r, answer: await r.send() })));
    // Each one either went through or was refused as a conflict: no 5xx, nothing else.
    expect(answers.filter((a) => a.answer.status !== 200 && a.answer.status !== 409).map((a) => [a.answer.status, a.answer.body])).toEqual([]);

    const after = await rows<{ id: number; organisation_id: number; version: number; status: string; sections: Record<string, string> }>(
      w.services,
      sql`select id, organisation_id, version, status, sections from agency_reports where regime_id = ${regime}`,
    );
    expect(after).toHaveLength(AGENCIES);
    let successes = 0;
    for (const agency of agencies) {
      const mine = answers.filter((a) => a.agency === agency.id);
      const saved = mine.filter((a) => a.kind === "save" && a.answer.status === 200);
      const submitted = mine.filter((a) => a.kind === "submit" && a.answer.status === 200);
      expect(saved).toHaveLength(1);
      expect(submitted.length).toBeLessThanOrEqual(1);
      const row = after.find((r) => r.organisation_id === agency.id)!;
      // The version counts exactly the writes that went through; the text is the winning save's.
      expect(row.version).toBe(1 + saved.length + submitted.length);
      expect(row.status).toBe(submitted.length ? "submitted" : "draft");
      expect(row.sections.D5).toBe(saved[0]!.answer.body.report.sections.D5);
      // Every refusal says why: someone else's save, or a report already sent (no longer editable, or submitted twice).
      for (const refused of mine.filter((a) => a.answer.status === 409)) expect(["report.conflict", "report.locked", "report.wrong-state"]).toContain(refused.answer.body.error.code);
      successes += saved.length + submitted.length;
    }
    const auditAfter = (await rows<{ n: number }>(w.services, sql`select count(*)::int n from audit_log where entity_type = 'report'`))[0]!.n;
    expect(auditAfter - auditBefore).toBe(successes);
  });
});
