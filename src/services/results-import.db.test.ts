import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestServices, ENGINES, snapshot } from "../../test/support/database.ts";
import type { Services } from "../compose.ts";
import { AppError } from "../errors.ts";
import { OFFICIAL_RESULTS_FILE } from "./shipped-data.ts";

describe.each(ENGINES)("importing official results on %s", (engine) => {
  let services: Services;
  beforeAll(async () => {
    services = await createTestServices(engine);
  });
  afterAll(async () => {
    await services?.close();
  });

  test("the first start loaded all 22,176 rows of the official file (blank cells are not scores)", async () => {
    const state = await snapshot(services);
    const blank = readFileSync(OFFICIAL_RESULTS_FILE, "utf8").split("\n").filter((line) => /,$/.test(line.trim())).length;
    expect(state.scores).toBe(22_176 - blank);
    expect(state.imports).toBe(2);
  });

  test("re-importing the same file changes nothing", async () => {
    const before = await snapshot(services);
    const report = await services.importer.importResults({
      bytes: readFileSync(OFFICIAL_RESULTS_FILE),
      fileName: "again.csv",
      actor: "test",
    });
    expect(report.scores).toMatchObject({ inserted: 0, updated: 0, removed: 0 });
    expect(report.importId).toBeNull();
    expect(await snapshot(services)).toEqual(before);
  });

  test("a changed value is updated and audited with its before and after", async () => {
    const csv = "year,gso_code_old,province_vi,subdimension,score\n2021,06,Bắc Kạn,1.1,0.7\n";
    const report = await services.importer.importResults({ bytes: Buffer.from(csv), fileName: "fix.csv", actor: "test" });
    expect(report.scores).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
    expect(report.changes[0]).toMatchObject({ year: 2021, province: "06", code: "1.1", after: 0.7 });
    const audit = (await services.database.db.execute(
      sql.raw("select action, entity_key, before, after, actor from audit_log where action = 'score.update' order by id desc limit 1"),
    )) as { rows: { action: string; entity_key: string; before: { value: number }; after: { value: number }; actor: string }[] };
    expect(audit.rows[0]).toMatchObject({ entity_key: "PAPI|2021|06|1.1", after: { value: 0.7 }, actor: "test" });
    expect(audit.rows[0]!.before.value).toBeCloseTo(0.657139063, 9);
    const { profile } = await services.results.profile({ indexCode: "PAPI", year: 2021, province: "06" });
    expect(profile.subdimensions.find((s) => s.code === "1.1")!.score).toBe(0.7);
  });

  test("a file with one bad row among good ones stores nothing at all", async () => {
    const before = await snapshot(services);
    const csv = [
      "year,gso_code_old,subdimension,score",
      "2021,06,1.2,1.9",
      "2021,06,1.3,9.9",
      "2021,10,1.1,0.8",
    ].join("\n");
    const error = await services.importer
      .importResults({ bytes: Buffer.from(csv), fileName: "mixed.csv", actor: "test" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details).toMatchObject({ errorCount: 1, errors: [{ code: "score.out-of-range", row: 3 }] });
    expect(await snapshot(services)).toEqual(before);
  });

  test("a dry run reports what would change and writes nothing", async () => {
    const before = await snapshot(services);
    const csv = "year,gso_code_old,subdimension,score\n2021,06,1.2,2.0\n";
    const report = await services.importer.importResults({ bytes: Buffer.from(csv), fileName: "d.csv", actor: "t", dryRun: true });
    expect(report.scores.updated).toBe(1);
    expect(await snapshot(services)).toEqual(before);
  });

  test("the audit log refuses to be rewritten", async () => {
    await expect(services.database.db.execute(sql.raw("delete from audit_log"))).rejects.toThrow();
    await expect(services.database.db.execute(sql.raw("update audit_log set actor = 'x'"))).rejects.toThrow();
  });
});
