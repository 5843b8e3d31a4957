/**
 * Real databases for integration tests: an in-memory PGlite always, and PostgreSQL when TEST_DATABASE_URL
 * is set (each test file gets its own throw-away database there). No mocks of our own database.
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import pg from "pg";
import { createServices, type Services } from "../../src/compose.ts";
import { loadConfig, type Config } from "../../src/config.ts";
import { openDatabase, type Database, type Engine } from "../../src/db/client.ts";
import { seedOfficialResults, syncReferenceData } from "../../src/services/reference-data.ts";

export const ENGINES: Engine[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

/** A fresh, migrated, empty database of the given engine; `close()` also drops a PostgreSQL one. */
export async function createTestDatabase(engine: Engine): Promise<Database> {
  if (engine === "pglite") return openDatabase({ dataDir: "memory://" });
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `chiso_test_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: "memory://" });
  return {
    ...database,
    close: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      try {
        // An autovacuum worker may be busy on the fresh database; a role that is not superuser may not end
        // it (42501), so wait for it to finish rather than fail the suite's teardown.
        for (let attempt = 1; ; attempt += 1) {
          try {
            await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            break;
          } catch (error) {
            if ((error as { code?: string }).code !== "42501" || attempt >= 50) throw error;
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
        }
      } finally {
        await cleanup.end();
      }
    },
  };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return loadConfig({}, { dataDir: "memory://", logRequests: false, ...overrides });
}

/** Services on a fresh database with the reference data and (unless `seed: false`) the official results. */
export async function createTestServices(
  engine: Engine,
  options: { seed?: boolean; config?: Partial<Config> } = {},
): Promise<Services> {
  const database = await createTestDatabase(engine);
  const services = createServices(database, testConfig(options.config));
  await syncReferenceData(database.db);
  if (options.seed !== false) await seedOfficialResults(database.db, services.importer);
  return services;
}

/**
 * Row counts of everything an import may touch, and a checksum of the stored scores: equal before and
 * after means the import changed nothing.
 */
export async function snapshot(services: Services) {
  const count = async (table: string) =>
    Number(((await services.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as { rows: { n: number }[] }).rows[0]!.n);
  const checksum = (await services.database.db.execute(
    sql.raw("select coalesce(sum(value * (year + unit_id + node_id)), 0)::text as s from scores"),
  )) as { rows: { s: string }[] };
  return {
    scores: await count("scores"),
    groups: await count("official_groups"),
    imports: await count("result_imports"),
    audit: await count("audit_log"),
    checksum: checksum.rows[0]!.s,
  };
}
