/**
 * Installation facts in `app_state`. `data_version` grows with every change to reference data or results,
 * so every server instance can tell whether what it computed from the data is still current.
 */
import { eq, sql } from "drizzle-orm";
import type { Executor } from "../client.ts";
import { appState } from "../schema.ts";

export async function getState<T>(db: Executor, key: string): Promise<T | undefined> {
  const [row] = await db.select({ value: appState.value }).from(appState).where(eq(appState.key, key));
  return row?.value as T | undefined;
}

export async function setState(db: Executor, key: string, value: unknown): Promise<void> {
  await db
    .insert(appState)
    .values({ key, value })
    .onConflictDoUpdate({ target: appState.key, set: { value, updatedAt: sql`now()` } });
}

/** NOTIFY channel on which every change of data_version is announced (payload: the new version). */
export const DATA_VERSION_CHANNEL = "chiso_data_version";

export async function dataVersion(db: Executor): Promise<number> {
  return (await getState<number>(db, "data_version")) ?? 0;
}

/**
 * Inside the transaction that changes data, so readers never see new data with an old version. The
 * NOTIFY is delivered when the transaction commits, to this instance and every other one listening.
 */
export async function bumpDataVersion(tx: Executor): Promise<void> {
  const [row] = await tx
    .insert(appState)
    .values({ key: "data_version", value: 1 })
    .onConflictDoUpdate({
      target: appState.key,
      set: { value: sql`to_jsonb((${appState.value})::text::bigint + 1)`, updatedAt: sql`now()` },
    })
    .returning({ value: appState.value });
  await tx.execute(sql`select pg_notify(${DATA_VERSION_CHANNEL}, ${String(row?.value ?? "")})`);
}
