/**
 * The composition root: opens the database, brings it up to date, and wires the services that the HTTP
 * server and the CLI share. Nothing else constructs services.
 */
import type { Config } from "./config.ts";
import { openDatabase, type Database } from "./db/client.ts";
import { seedOfficialResults, syncReferenceData } from "./services/reference-data.ts";
import { createResultsImporter } from "./services/results-import.ts";
import { createResultsQueries } from "./services/results-query.ts";

export interface Services {
  database: Database;
  config: Config;
  results: ReturnType<typeof createResultsQueries>;
  importer: ReturnType<typeof createResultsImporter>;
  close(): Promise<void>;
}

export function createServices(database: Database, config: Config): Services {
  const results = createResultsQueries({ database, defaultWeakRatio: config.weakRatio });
  const importer = createResultsImporter({
    db: database.db,
    catalog: results.catalog,
    onCommitted: results.dataChanged,
    limits: { maxBytes: config.maxUploadMb * 1024 * 1024 },
  });
  return {
    database,
    config,
    results,
    importer,
    close: async () => {
      await results.close();
      await database.close();
    },
  };
}

export interface StartupReport {
  referenceRefreshed: boolean;
  resultsSeeded: boolean;
  milliseconds: number;
}

/** Opens the database, migrates, loads shipped data when needed, and returns the services. */
export async function startServices(config: Config): Promise<{ services: Services; startup: StartupReport }> {
  const started = performance.now();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const services = createServices(database, config);
    const { refreshed } = await syncReferenceData(database.db);
    const { seeded } = await seedOfficialResults(database.db, services.importer);
    await services.results.dataChanged();
    return {
      services,
      startup: { referenceRefreshed: refreshed, resultsSeeded: seeded, milliseconds: performance.now() - started },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
