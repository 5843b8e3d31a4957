/**
 * Backup and restore on every engine, and across engines: the restored database equals the source in
 * every table, column and row (audit log, self-referencing rows whose parent has a higher id, sequences
 * included); a database that holds anything, a damaged file or one from another schema version is
 * refused with nothing written; a backup taken while the application writes is consistent.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createServices, type Services } from "../../src/compose.ts";
import { restoreBackup, writeBackup } from "../../src/db/backup.ts";
import type { Database, Engine } from "../../src/db/client.ts";
import { getState } from "../../src/db/repositories/state.repo.ts";
import { AppError } from "../../src/errors.ts";
import { seedOfficialResults, syncReferenceData } from "../../src/services/reference-data.ts";
import { createTestDatabase, createTestServices, ENGINES, testConfig } from "../support/database.ts";
import { counts, dumpTables, one, removeTempDirs, tempDir } from "./support.ts";

let dir: string;
const sources = new Map<
  Engine,
  { services: Services; file: string; dump: Record<string, string[]>; next: { unit: number; audit: number; import: number } }
>();

/** The id each sequence gives next, without taking it. */
const peekNext = (database: Database) =>
  one<{ unit: number; audit: number; import: number }>(
    database,
    sql`select (select (case when is_called then last_value + 1 else last_value end)::int from admin_units_id_seq) as unit,
               (select (case when is_called then last_value + 1 else last_value end)::int from audit_log_id_seq) as audit,
               (select (case when is_called then last_value + 1 else last_value end)::int from result_imports_id_seq) as import`,
  );

/**
 * Rows a plain seeded database lacks: a unit and a framework node whose parent was inserted after them
 * (a higher id), audit entries with awkward text, and a sequence moved past the last id by a rolled-back
 * insert (ids of deleted rows must not come back after a restore).
 */
async function enrich(database: Database): Promise<void> {
  const { db } = database;
  const insertUnit = (code: string, level: string) =>
    one<{ id: number }>(
      database,
      sql`insert into admin_units (unit_set, code, level, kind, name, full_name, valid_from)
          values ('vn34', ${code}, ${level}, ${level}, ${`Thử ${code}`}, ${`Đơn vị thử ${code}`}, '2025-07-01') returning id`,
    );
  const child = await insertUnit("T-CON", "commune");
  const parent = await insertUnit("T-CHA", "province");
  await db.execute(sql`update admin_units set parent_id = ${parent.id} where id = ${child.id}`);

  const { version_id } = await one<{ version_id: number }>(database, sql`select min(version_id) as version_id from framework_nodes`);
  const insertNode = (code: string) =>
    one<{ id: number }>(
      database,
      sql`insert into framework_nodes (version_id, level, code, slug, name_vi, name_en, max_score, position)
          values (${version_id}, 2, ${code}, ${`thu-${code}`}, 'Nội dung thử', 'Test', 0.1, 99) returning id`,
    );
  const node = await insertNode("T.1");
  const dimension = await insertNode("T");
  await db.execute(sql`update framework_nodes set parent_id = ${dimension.id} where id = ${node.id}`);

  await db.execute(
    sql`insert into audit_log (actor, action, entity_type, entity_key, before, after)
        values ('cli:thử', 'test.edit', 'score', 'dòng 1
dòng 2 "ngoặc" \\ tab	', ${JSON.stringify({ value: 0.30000000000000004, text: "Bắc Kạn\n" })}::jsonb,
                ${JSON.stringify({ value: 1e-300, big: 9007199254740993n.toString() })}::jsonb),
               ('system', 'test.note', 'unit', ${String(child.id)}, null, '{"emoji":"🇻🇳"}')`,
  );
  await db
    .transaction(async (tx) => {
      await tx.execute(
        sql`insert into result_imports (index_code, file_name, file_sha256, format, row_count, inserted, updated, removed, unchanged, groups_changed, actor)
            values ('PAPI', 'bỏ.csv', 'x', 'csv', 0, 0, 0, 0, 0, 0, 'test')`,
      );
      throw new Error("rolled back");
    })
    .catch(() => undefined);
}

const emptyTables = (dump: Record<string, string[]>) => Object.fromEntries(Object.keys(dump).map((t) => [t, 0]));

async function expectAppError(promise: Promise<unknown>, code: string | string[]): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect(typeof code === "string" ? [code] : code).toContain((error as AppError).code);
  return error as AppError;
}

describe("backup and restore", { timeout: 120_000 }, () => {
  beforeAll(async () => {
    dir = await tempDir("backup");
    for (const engine of ENGINES) {
      const services = await createTestServices(engine);
      await enrich(services.database);
      const file = join(dir, `${engine}.chiso-backup.gz`);
      await writeBackup(services.database, file);
      sources.set(engine, { services, file, dump: await dumpTables(services.database), next: await peekNext(services.database) });
    }
  });
  afterAll(async () => {
    for (const { services } of sources.values()) await services.close();
    await removeTempDirs();
  });

  const pairs = ENGINES.flatMap((from) => ENGINES.map((to) => [from, to] as const));
  test.each(pairs)("a %s backup restored into an empty %s database gives back every table, row and column", async (from, to) => {
    const source = sources.get(from)!;
    const target = await createTestDatabase(to);
    const services = createServices(target, testConfig());
    try {
      const contents = await restoreBackup(target, source.file);
      expect(contents.header).toMatchObject({ format: "chiso-backup", formatVersion: 2, engine: from });
      const restored = await dumpTables(target);
      expect(counts(restored)).toEqual(counts(source.dump));
      expect(source.dump.scores!.length).toBeGreaterThan(20_000);
      expect(source.dump.audit_log!.some((row) => row.includes("🇻🇳"))).toBe(true);
      for (const table of Object.keys(source.dump)) expect(restored[table], table).toEqual(source.dump[table]);

      // Sequences go on from where the source's stood, past rolled-back ids too.
      const max = await one<{ unit: number; import: number }>(
        target,
        sql`select (select max(id) from admin_units)::int as unit, (select max(id) from result_imports)::int as import`,
      );
      const restoredNext = await peekNext(target);
      expect(restoredNext).toEqual(source.next);
      expect(restoredNext.unit).toBe(max.unit + 1);
      expect(restoredNext.import).toBe(max.import + 2); // one id went to the rolled-back import
      const inserted = await one<{ unit: number; audit: number }>(
        target,
        sql`with unit as (insert into admin_units (unit_set, code, level, kind, name, full_name, valid_from)
                          values ('vn34', 'T-MOI', 'commune', 'commune', 'Mới', 'Xã Mới', '2025-07-01') returning id),
                 audit as (insert into audit_log (actor, action, entity_type, entity_key) values ('test', 'test.after', 'x', 'y') returning id)
            select (select id from unit)::int as unit, (select id from audit)::int as audit`,
      );
      expect(inserted).toEqual({ unit: source.next.unit, audit: source.next.audit });

      // Starting on it later loads nothing again.
      expect(await getState(target.db, "official_results_seeded")).toBe(true);
      expect(await syncReferenceData(target.db)).toEqual({ refreshed: false });
      expect(await seedOfficialResults(target.db, services.importer)).toEqual({ seeded: false });
    } finally {
      await services.close();
    }
  });

  test.each(ENGINES)("%s: a database that holds anything is refused and left as it was", async (engine) => {
    const source = sources.get(engine)!;
    const error = await expectAppError(restoreBackup(source.services.database, source.file), "backup.target-not-empty");
    expect(error.kind).toBe("conflict");
    expect(await dumpTables(source.services.database)).toEqual(source.dump);

    const target = await createTestDatabase(engine);
    try {
      await target.db.execute(sql`insert into app_state (key, value) values ('something', '1')`);
      const before = await dumpTables(target);
      const refused = await expectAppError(restoreBackup(target, source.file), "backup.target-not-empty");
      expect(refused.params.tables).toBe("app_state");
      expect(await dumpTables(target)).toEqual(before);
    } finally {
      await target.close();
    }
  });

  test.each(ENGINES)("%s: a truncated, altered or foreign file is refused before anything is written", async (engine) => {
    const source = sources.get(engine)!;
    const bytes = await readFile(source.file);
    const text = gunzipSync(bytes).toString("utf8");
    const lines = text.split("\n");
    const scoreLine = lines.findIndex((line) => line.startsWith('{"year":') && line.includes('"value":'));
    const cases: [string, Buffer | string, string | string[]][] = [
      ["truncated", bytes.subarray(0, Math.floor(bytes.length * 0.6)), "backup.truncated"],
      // Depending on where it falls, zlib fails, or gives text whose structure or checksum is wrong.
      [
        "a byte changed",
        Buffer.from(bytes.map((b, i) => (i === bytes.length - 20 ? b ^ 0xff : b))),
        ["backup.truncated", "backup.malformed", "backup.checksum"],
      ],
      [
        "a score altered, recompressed",
        gzipSync(lines.map((line, i) => (i === scoreLine ? line.replace(/"value":[\d.]+/, '"value":9.99') : line)).join("\n")),
        "backup.checksum",
      ],
      // The next record is then read as a row, and what follows it no longer fits.
      [
        "a row removed, recompressed",
        gzipSync(lines.filter((_, i) => i !== scoreLine).join("\n")),
        ["backup.malformed", "backup.truncated", "backup.checksum"],
      ],
      ["without its footer", gzipSync(lines.slice(0, -2).join("\n") + "\n"), "backup.truncated"],
      ["with a line after the footer", gzipSync(`${text}{"type":"table"}\n`), "backup.malformed"],
      ["a CSV file", "year,gso_code_old,subdimension,score\n2021,06,1.2,1.9\n", "backup.not-a-backup"],
      ["other gzip JSON", gzipSync('{"hello":"world"}\n'), "backup.not-a-backup"],
      ["a missing file", "", "file.not-found"],
    ];
    const target = await createTestDatabase(engine);
    try {
      const empty = emptyTables(await dumpTables(target));
      expect(empty).toEqual(emptyTables(source.dump));
      for (const [name, content, code] of cases) {
        const file = join(dir, `${engine}-${name.replaceAll(" ", "-")}.gz`);
        if (code !== "file.not-found") await writeFile(file, content);
        const error = await expectAppError(restoreBackup(target, file), code);
        expect(error.kind, name).toBe(code === "file.not-found" ? "not-found" : "unprocessable");
        expect(counts(await dumpTables(target)), name).toEqual(empty);
      }

      // A database one migration behind (or ahead) is not the schema the file was made from.
      const { count } = await one<{ count: number }>(target, sql`select count(*)::int as count from drizzle.__drizzle_migrations`);
      await target.db.execute(
        sql`delete from drizzle.__drizzle_migrations where id = (select id from drizzle.__drizzle_migrations order by created_at desc limit 1)`,
      );
      const mismatch = await expectAppError(restoreBackup(target, source.file), "backup.migrations-mismatch");
      expect(mismatch.params).toMatchObject({ fileMigrations: count, databaseMigrations: count - 1 });
      expect(counts(await dumpTables(target))).toEqual(empty);
    } finally {
      await target.close();
    }
  });

  test.each(ENGINES)("%s: a backup taken while the application writes is one consistent moment", async (engine) => {
    const services = await createTestServices(engine, { seed: false });
    const target = await createTestDatabase(engine);
    const { db } = services.database;
    let writes = 0;
    let stop = false;
    // Each write adds an audit entry and counts it in app_state, in one transaction.
    const writer = (async () => {
      while (!stop) {
        await db.transaction(async (tx) => {
          await tx.execute(sql`insert into audit_log (actor, action, entity_type, entity_key) values ('test', 'test.write', 'x', 'y')`);
          await tx.execute(
            sql`insert into app_state (key, value) values ('test_writes', '1')
                on conflict (key) do update set value = to_jsonb(app_state.value::text::int + 1)`,
          );
        });
        writes += 1;
        // PGlite answers in microtasks: let timers (the test's waits) run between writes.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    try {
      while (writes < 5) await new Promise((resolve) => setTimeout(resolve, 5));
      const file = join(dir, `${engine}-while-writing.gz`);
      const during = writes;
      await writeBackup(services.database, file);
      while (writes < during + 5) await new Promise((resolve) => setTimeout(resolve, 5));
      stop = true;
      await writer;
      await restoreBackup(target, file);
      const restored = await one<{ audit: number; counter: number }>(
        target,
        sql`select (select count(*)::int from audit_log where action = 'test.write') as audit,
                   (select (value::text)::int from app_state where key = 'test_writes') as counter`,
      );
      expect(restored.audit).toBe(restored.counter);
      expect(restored.audit).toBeGreaterThanOrEqual(during);
      expect(restored.audit).toBeLessThan(writes);
    } finally {
      stop = true;
      await writer;
      await target.close();
      await services.close();
    }
  });
});
