/** The audit log: administrators see everything, coordinators their provinces. */
import type { Services } from "../../compose.ts";
import { auditPageSchema, auditQuery } from "../account-schemas.ts";
import type { RouteRegistry } from "../route.ts";

export function registerAuditRoutes(api: RouteRegistry, services: Services): void {
  api.add({
    method: "get",
    path: "/audit",
    tag: "Nhật ký / Audit log",
    access: "audit.read",
    summary: "Who changed what, when, from where, with the values before and after; newest first, in pages",
    query: auditQuery,
    response: auditPageSchema,
    errors: [400, 401, 403, 404],
    handler: async (c, { query, actor }) => {
      const provinceUnitId = query.province ? (await services.results.catalog()).provinceByKey(query.province).id : undefined;
      const page = await services.auditLog.query(actor, {
        ...(query.user !== undefined ? { userId: query.user } : {}),
        ...(query.organisation !== undefined ? { organisationId: query.organisation } : {}),
        ...(provinceUnitId !== undefined ? { provinceUnitId } : {}),
        ...(query.entityType ? { entityType: query.entityType } : {}),
        ...(query.entityKey ? { entityKey: query.entityKey } : {}),
        ...(query.action ? { action: query.action } : {}),
        ...(query.from ? { from: query.from } : {}),
        ...(query.to ? { to: query.to } : {}),
        ...(query.before !== undefined ? { before: query.before } : {}),
        limit: query.limit,
      });
      return c.json(page);
    },
  });
}
