/** The province dashboard: targets beside reporting completeness, for Sở Nội vụ and the province's leadership. */
import { z } from "zod";
import type { Services } from "../../compose.ts";
import { provinceKeyParam } from "../account-schemas.ts";
import { dashboardSchema } from "../report-schemas.ts";
import type { RouteRegistry } from "../route.ts";

export function registerDashboardRoutes(api: RouteRegistry, services: Services): void {
  api.add({
    method: "get",
    path: "/provinces/{province}/dashboard",
    tag: "Báo cáo định kỳ / Periodic reports",
    access: "agency-work.read",
    summary: "A province's plans in force for a year: each target's outlook beside the latest closed period's reporting completeness",
    description:
      "Before the year's official results a target's outlook comes from the agencies' reports on the tasks serving it: at risk when one is overdue or their average progress trails the year elapsed by more than 15 points (src/domain/target-outlook.ts). Province-wide readers only (Sở Nội vụ, the province's leadership).",
    params: z.object({ province: provinceKeyParam }),
    query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional(), lang: z.enum(["vi", "en"]).default("vi") }),
    response: dashboardSchema,
    errors: [400, 401, 403, 404],
    handler: async (c, { params, query, actor }) => {
      const province = (await services.results.catalog()).provinceByKey(params.province);
      return c.json(await services.dashboard.province(actor, province, query.year ?? null, query.lang));
    },
  });
}
