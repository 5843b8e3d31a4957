/**
 * The composition root: opens the database, brings it up to date, and wires the services that the HTTP
 * server and the CLI share. Nothing else constructs services.
 */
import type { Config } from "./config.ts";
import { openDatabase, type Database } from "./db/client.ts";
import { SYSTEM_ACTOR } from "./services/actor.ts";
import { createAuditLogService } from "./services/audit-log.ts";
import { createAuthService } from "./services/auth.ts";
import { demoUsernames, setUpDemo } from "./services/demo.ts";
import { loadDemoPlans } from "./services/demo-plans.ts";
import { loadDemoReports } from "./services/demo-reports.ts";
import { createDirectoryImporter } from "./services/directory-import.ts";
import { createPlanTaskService } from "./services/plan-tasks.ts";
import { createPlanService } from "./services/plans.ts";
import { createNextPlanService } from "./services/next-plan.ts";
import { createSubPlanService } from "./services/sub-plans.ts";
import { createReportService } from "./services/reports.ts";
import { createDashboardService } from "./services/dashboard.ts";
import { createDocumentService } from "./services/documents.ts";
import { evidenceStoreFor } from "./services/evidence-store.ts";
import { createMailer } from "./services/mailer.ts";
import { createOrganisationService } from "./services/organisations.ts";
import { createPeopleService } from "./services/people.ts";
import { seedOfficialResults, syncReferenceData } from "./services/reference-data.ts";
import { createResultsImporter } from "./services/results-import.ts";
import { createResultsQueries } from "./services/results-query.ts";

export interface Services {
  database: Database;
  config: Config;
  results: ReturnType<typeof createResultsQueries>;
  importer: ReturnType<typeof createResultsImporter>;
  auth: ReturnType<typeof createAuthService>;
  organisations: ReturnType<typeof createOrganisationService>;
  people: ReturnType<typeof createPeopleService>;
  auditLog: ReturnType<typeof createAuditLogService>;
  directory: ReturnType<typeof createDirectoryImporter>;
  plans: ReturnType<typeof createPlanService>;
  subPlans: ReturnType<typeof createSubPlanService>;
  nextPlan: ReturnType<typeof createNextPlanService>;
  reports: ReturnType<typeof createReportService>;
  dashboard: ReturnType<typeof createDashboardService>;
  documents: ReturnType<typeof createDocumentService>;
  tasks: ReturnType<typeof createPlanTaskService>;
  /** The demonstration accounts shown on the login page (empty unless CHISO_DEMO=1). */
  demoUsernames(): Promise<string[]>;
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
  const catalog = () => results.catalog();
  const tasks = createPlanTaskService({ db: database.db, catalog, maxBytes: config.maxUploadMb * 1024 * 1024 });
  const plans = createPlanService({ db: database.db, results, tasks });
  const reports = createReportService({
    db: database.db,
    catalog,
    evidence: evidenceStoreFor(config),
    maxEvidenceBytes: config.maxUploadMb * 1024 * 1024,
    mailer: createMailer(config.smtpUrl, config.mailFrom),
  });
  return {
    database,
    config,
    results,
    importer,
    auth: createAuthService({
      db: database.db,
      catalog,
      session: { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionMaxHours },
      lockout: { maxFailures: config.loginMaxFailures, lockMinutes: 15, maxLockMinutes: 24 * 60 },
    }),
    organisations: createOrganisationService({ db: database.db, catalog }),
    people: createPeopleService({ db: database.db }),
    auditLog: createAuditLogService({ db: database.db }),
    directory: createDirectoryImporter({ db: database.db, catalog, maxBytes: config.maxUploadMb * 1024 * 1024 }),
    tasks,
    plans,
    subPlans: createSubPlanService({ db: database.db, results }),
    nextPlan: createNextPlanService({ db: database.db, results }),
    reports,
    dashboard: createDashboardService({ results, plans, reports }),
    documents: createDocumentService({ db: database.db, results, plans, tasks, reports }),
    demoUsernames: async () => (config.demo ? demoUsernames(database.db) : []),
    close: async () => {
      await results.close();
      await database.close();
    },
  };
}

export interface StartupReport {
  referenceRefreshed: boolean;
  resultsSeeded: boolean;
  /** The administrator created from CHISO_ADMIN_USERNAME / CHISO_ADMIN_PASSWORD on this start, if any. */
  adminCreated: string | null;
  /** No administrator exists: nobody can sign in until one is created. */
  needsAdmin: boolean;
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
    const adminCreated = await ensureFirstAdmin(services);
    if (config.demo) {
      await setUpDemo({ db: database.db, catalog: services.results.catalog, organisations: services.organisations, people: services.people });
      await loadDemoPlans({ catalog: services.results.catalog, plans: services.plans, tasks: services.tasks, organisations: services.organisations });
      await loadDemoReports({ db: database.db, catalog: services.results.catalog, plans: services.plans, tasks: services.tasks, organisations: services.organisations });
    }
    return {
      services,
      startup: {
        referenceRefreshed: refreshed,
        resultsSeeded: seeded,
        adminCreated,
        needsAdmin: !(await services.people.hasAdmin()),
        milliseconds: performance.now() - started,
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/**
 * The first administrator from the environment, only while there is none: no password ever ships, and a
 * later start with the same variables changes nothing.
 */
async function ensureFirstAdmin(services: Services): Promise<string | null> {
  const { adminUsername, adminPassword } = services.config;
  if (!adminUsername || !adminPassword || (await services.people.hasAdmin())) return null;
  const { person } = await services.people.create(SYSTEM_ACTOR, {
    username: adminUsername,
    fullName: "Quản trị hệ thống",
    password: adminPassword,
    roles: [{ role: "admin", organisationId: null }],
  });
  return person.username;
}
