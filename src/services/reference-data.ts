/**
 * Keeps the database's reference data (frameworks, units) equal to what this release ships, and loads
 * the official results on the very first start. Later starts find both in place and do nothing.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { appendAudit } from "../db/repositories/audit.repo.ts";
import { saveIndexDefinition, saveUnits } from "../db/repositories/reference.repo.ts";
import { bumpDataVersion, getState, setState } from "../db/repositories/state.repo.ts";
import type { ResultsImporter } from "./results-import.ts";
import { OFFICIAL_GROUPS_FILE, OFFICIAL_RESULTS_FILE, readShippedReferenceData } from "./shipped-data.ts";

const REFERENCE_LOCK_KEY = 7_351_904_223;

/** Loads or refreshes frameworks and units when the shipped files differ from what was last loaded. */
export async function syncReferenceData(db: Db): Promise<{ refreshed: boolean }> {
  const shipped = readShippedReferenceData();
  if ((await getState<string>(db, "reference_sha256")) === shipped.sha256) return { refreshed: false };
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${REFERENCE_LOCK_KEY})`);
    if ((await getState<string>(tx, "reference_sha256")) === shipped.sha256) return { refreshed: false };
    for (const { definition, sha256 } of shipped.indices) await saveIndexDefinition(tx, definition, sha256);
    await saveUnits(tx, shipped.units, shipped.successions);
    await setState(tx, "reference_sha256", shipped.sha256);
    await appendAudit(tx, [
      {
        actor: "system",
        action: "reference.load",
        entityType: "reference_data",
        entityKey: shipped.sha256.slice(0, 12),
        after: {
          indices: shipped.indices.map((i) => i.definition.code),
          units: shipped.units.length,
          successions: shipped.successions.length,
        },
      },
    ]);
    await bumpDataVersion(tx);
    return { refreshed: true };
  });
}

/**
 * On the first start only: imports the shipped official results and known group labels through the
 * same importer users use. Idempotent: if interrupted, the next start re-imports and finds them equal.
 */
export async function seedOfficialResults(db: Db, importer: ResultsImporter): Promise<{ seeded: boolean }> {
  if (await getState<boolean>(db, "official_results_seeded")) return { seeded: false };
  for (const file of [OFFICIAL_RESULTS_FILE, OFFICIAL_GROUPS_FILE]) {
    await importer.importResults({ bytes: readFileSync(file), fileName: basename(file), actor: "system" });
  }
  await setState(db, "official_results_seeded", true);
  return { seeded: true };
}
