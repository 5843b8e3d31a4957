/** Health of the service, for load balancers and the administrator. */
import { z } from "zod";
import type { Services } from "../../compose.ts";
import type { RouteRegistry } from "../route.ts";

export function registerMetaRoutes(api: RouteRegistry, { database, results }: Services, version: string): void {
  api.add({
    method: "get",
    access: "public",
    path: "/health",
    tag: "Hệ thống / System",
    summary: "Service and database status",
    response: z.object({
      status: z.literal("ok"),
      version: z.string(),
      database: z.enum(["pglite", "postgres"]),
      dataVersion: z.number().int(),
    }),
    handler: async (c) =>
      c.json({ status: "ok" as const, version, database: database.engine, dataVersion: await results.dataVersion() }),
  });
}
