/**
 * Opens the database: embedded PGlite in CHISO_DATA_DIR by default, PostgreSQL when DATABASE_URL is set.
 * Both speak the same Drizzle schema; migrations run here, before anything else touches the data.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import * as schema from "./schema.ts";
import { acquireDataDirLock } from "./data-dir-lock.ts";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything queries can run on: the database or an open transaction. */
export type Executor = Db | Tx;

export type Engine = "pglite" | "postgres";

export interface Database {
  db: Db;
  engine: Engine;
  /** Where the data lives, for messages ("PGlite in /srv/chiso/.chiso", "PostgreSQL chiso@db:5432/chiso"). */
  location: string;
  /**
   * Receives NOTIFY payloads on `channel` (from this process and, on PostgreSQL, from every other
   * instance). `onReconnect` runs after a lost PostgreSQL listener is back, when messages may have been
   * missed. Returns the unsubscribe function.
   */
  subscribe(channel: string, onMessage: (payload: string) => void, onReconnect?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../drizzle", import.meta.url));

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** A directory, or "memory://" for a throw-away in-memory database (tests). */
  dataDir: string;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openPglite(options.dataDir, options);
}

async function openPglite(dataDir: string, options: OpenOptions): Promise<Database> {
  const inMemory = dataDir === "memory://";
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  // PGlite is one process's database: a second process opening the same directory corrupts it.
  const lock = inMemory ? { release() {} } : acquireDataDirLock(dataDir);
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const { drizzle } = await import("drizzle-orm/pglite");
    const client = await PGlite.create(inMemory ? undefined : join(dataDir, "pgdata"));
    const db = drizzle({ client, schema, casing: "snake_case" }) as unknown as Db;
    if (options.migrate !== false) {
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      await migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    }
    return {
      db,
      engine: "pglite",
      location: inMemory ? "PGlite (in memory)" : `PGlite ${join(dataDir, "pgdata")}`,
      subscribe: async (channel, onMessage) => {
        const unlisten = await client.listen(channel, onMessage);
        return () => unlisten();
      },
      close: async () => {
        await client.close();
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** Several instances may start together on one PostgreSQL: only one migrates at a time. */
const MIGRATION_LOCK_KEY = 7_351_904_221;

async function openPostgres(url: string, options: OpenOptions): Promise<Database> {
  const { default: pg } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection dropped by the server (a restart, an administrator, a failover) is an event, not a
  // crash: the pool replaces it on the next query, and queries in flight fail with their own error.
  pool.on("error", (error) => {
    if (!closing) console.error(`PostgreSQL: an idle connection was closed (${error.message}); it will be reopened.`);
  });
  let closing = false;
  try {
    if (options.migrate !== false) {
      const { migrate } = await import("drizzle-orm/node-postgres/migrator");
      const client = await pool.connect();
      try {
        await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
        await migrate(drizzle({ client, casing: "snake_case" }), { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
        client.release();
      }
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  const db = drizzle({ client: pool, schema, casing: "snake_case" }) as unknown as Db;
  const target = new URL(url);
  const listeners = new Set<{ close(): Promise<void> }>();
  return {
    db,
    engine: "postgres",
    location: `PostgreSQL ${target.username ? `${target.username}@` : ""}${target.host}${target.pathname}`,
    subscribe: async (channel, onMessage, onReconnect) => {
      const listener = await listenPostgres(pg, url, channel, onMessage, onReconnect);
      listeners.add(listener);
      return async () => {
        listeners.delete(listener);
        await listener.close();
      };
    },
    close: async () => {
      closing = true;
      await Promise.all([...listeners].map((l) => l.close()));
      await pool.end();
    },
  };
}

/**
 * A dedicated connection that LISTENs on one channel and comes back after the server restarts or the
 * network drops (every 1–30 s), telling the caller so it can catch up on what it missed.
 */
async function listenPostgres(
  pg: typeof import("pg").default,
  url: string,
  channel: string,
  onMessage: (payload: string) => void,
  onReconnect?: () => void,
): Promise<{ close(): Promise<void> }> {
  let closed = false;
  let client: InstanceType<typeof pg.Client> | undefined;
  let retry: NodeJS.Timeout | undefined;
  let delay = 1000;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on("notification", (message) => {
      if (message.channel === channel) onMessage(message.payload ?? "");
    });
    next.on("error", () => {
      if (closed) return;
      void next.end().catch(() => undefined);
      schedule();
    });
    await next.connect();
    await next.query(`LISTEN ${JSON.stringify(channel)}`);
    client = next;
    delay = 1000;
  };
  const schedule = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect()
        .then(() => onReconnect?.())
        .catch(() => {
          delay = Math.min(delay * 2, 30_000);
          schedule();
        });
    }, delay);
    retry.unref();
  };
  await connect();
  return {
    close: async () => {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
