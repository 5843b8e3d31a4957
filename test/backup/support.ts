/** What the backup tests share: the whole content of a database, to compare two of them; temp directories. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { Database } from "../../src/db/client.ts";

type Rows<T> = { rows: T[] };

/**
 * Every table of schema public (found independently of the code under test), each as the JSON text of
 * all its rows with every column, sorted; timestamps in UTC so two engines print them alike.
 */
export async function dumpTables(database: Database): Promise<Record<string, string[]>> {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`set local time zone 'UTC'`);
    const tables = (
      (await tx.execute(
        sql`select table_name::text as name from information_schema.tables
            where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
      )) as unknown as Rows<{ name: string }>
    ).rows.map((t) => t.name);
    const dump: Record<string, string[]> = {};
    for (const table of tables) {
      const result = (await tx.execute(sql.raw(`select row_to_json(t)::text as j from public."${table}" t`))) as unknown as Rows<{
        j: string;
      }>;
      dump[table] = result.rows.map((r) => r.j).sort();
    }
    return dump;
  });
}

/** Row counts of a dump, for readable failure messages. */
export const counts = (dump: Record<string, string[]>) => Object.fromEntries(Object.entries(dump).map(([t, rows]) => [t, rows.length]));

export async function one<T>(database: Database, query: ReturnType<typeof sql>): Promise<T> {
  return ((await database.db.execute(query)) as unknown as Rows<T>).rows[0]!;
}

const made: string[] = [];

export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `chiso-${prefix}-`));
  made.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}
