/**
 * The database's data version, known without asking: read once at start, then moved forward by the
 * NOTIFY every data change sends on commit (from this process or, on PostgreSQL, any other instance).
 * A periodic re-read covers the unlikely lost notification. Caches key their entries by this number,
 * so invalidation is exact and nothing needs sharing between instances.
 */
import type { Database } from "../db/client.ts";
import { DATA_VERSION_CHANNEL, dataVersion } from "../db/repositories/state.repo.ts";

const SAFETY_REREAD_MS = 30_000;

export interface DataVersionTracker {
  /** The latest version this process knows of. */
  current(): number;
  /** Reads the version from the database (after a write this process made, for instance). */
  refresh(): Promise<number>;
  close(): Promise<void>;
}

export async function trackDataVersion(database: Database): Promise<DataVersionTracker> {
  let value = await dataVersion(database.db);
  let closed = false;
  const advance = (next: number) => {
    if (Number.isFinite(next) && next > value) value = next;
  };
  const refresh = async () => {
    if (!closed) advance(await dataVersion(database.db));
    return value;
  };
  const unsubscribe = await database.subscribe(
    DATA_VERSION_CHANNEL,
    (payload) => advance(Number(payload)),
    () => void refresh().catch(() => undefined),
  );
  const timer = setInterval(() => void refresh().catch(() => undefined), SAFETY_REREAD_MS);
  timer.unref();
  return {
    current: () => value,
    refresh,
    close: async () => {
      closed = true;
      clearInterval(timer);
      await unsubscribe();
    },
  };
}
