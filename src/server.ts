/** Starts the HTTP server on the configured port, and stops it cleanly (closing the database) on a signal. */
import { fileURLToPath } from "node:url";
import { serve, type ServerType } from "@hono/node-server";
import { startServices, type Services, type StartupReport } from "./compose.ts";
import type { Config } from "./config.ts";
import { writeBackup } from "./db/backup.ts";
import { evidenceBackupFiles, evidenceStoreFor } from "./services/evidence-store.ts";
import { startControlSocket } from "./db/control-socket.ts";
import { createApp } from "./http/app.ts";

export const WEB_ROOT = fileURLToPath(new URL("../web/dist/", import.meta.url));

export interface RunningServer {
  url: string;
  services: Services;
  startup: StartupReport;
  stop(): Promise<void>;
}

export async function startServer(config: Config, options: { webRoot?: string | null } = {}): Promise<RunningServer> {
  const { services, startup } = await startServices(config);
  const { app } = createApp(services, { webRoot: options.webRoot === undefined ? WEB_ROOT : options.webRoot });
  let server: ServerType;
  try {
    server = await new Promise<ServerType>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
      s.once("error", reject);
    });
  } catch (error) {
    await services.close();
    throw error;
  }
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const host = config.host === "0.0.0.0" || config.host === "127.0.0.1" ? "localhost" : config.host;
  // The embedded database is this process's alone: `chiso backup` asks for backups over a local socket.
  const control =
    services.database.engine === "pglite" && config.dataDir !== "memory://"
      ? await startControlSocket(config.dataDir, { backup: (out) => writeBackup(services.database, out, evidenceBackupFiles(evidenceStoreFor(config))) }).catch((error: Error) => {
          process.stderr.write(`control socket: ${error.message}\n`);
          return undefined;
        })
      : undefined;
  let stopped: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    services,
    startup,
    stop: () =>
      (stopped ??= Promise.all([
        control?.close(),
        new Promise<void>((resolve) => server.close(() => resolve())),
      ]).then(() => services.close())),
  };
}
