/** Improvement plans: list, read, create, targets, review flags and evaluation against official results. */
import { z } from "zod";
import type { Services } from "../../compose.ts";
import { describeFlag } from "../../domain/targets.ts";
import { provinceRef } from "../../services/catalog.ts";
import { idParam, provinceKeyParam } from "../account-schemas.ts";
import { okSchema } from "../account-schemas.ts";
import {
  agencyTaskSchema,
  assignableSchema,
  evaluationSchema,
  issueBody,
  nextDraftBody,
  nextDraftQuery,
  nextDraftSchema,
  planCreateBody,
  planDetailSchema,
  planListSchema,
  planPatchBody,
  planSchema,
  reviewSchema,
  subPlanBody,
  subPlanTrackingSchema,
  suggestionQuery,
  suggestionSchema,
  targetListSchema,
  targetsBody,
  taskBody,
  taskSchema,
} from "../plan-schemas.ts";
import { sendTable } from "../respond.ts";
import type { RouteRegistry } from "../route.ts";
import { dryRunQuery, langQuery } from "../schemas.ts";
import { readUpload, UPLOAD_CONTENT_TYPES, uploadLimit } from "../upload.ts";

const TAG = "Kế hoạch / Plans";

export function registerPlanRoutes(api: RouteRegistry, services: Services): void {
  const idParams = z.object({ id: idParam });
  const lang = z.object({ lang: z.enum(["vi", "en"]).default("vi") });

  api.add({
    method: "get",
    path: "/plans",
    tag: TAG,
    access: "plans.read",
    summary: "Plans the signed-in person may read, newest year first (optionally of one province and the provinces it succeeded)",
    query: z.object({ province: provinceKeyParam.optional() }),
    response: planListSchema,
    errors: [400, 401, 403, 404],
    handler: async (c, { query, actor }) => {
      const catalog = await services.results.catalog();
      // A current province's plans include those of the provinces it succeeded (old plans stay readable).
      const province = query.province ? catalog.provinceByKey(query.province) : undefined;
      const provinceUnitIds = province
        ? [province.id, ...(province.set === "vn34" ? catalog.predecessorsOf(province.code).map((p) => p.id) : [])]
        : undefined;
      return c.json(await services.plans.list(actor, provinceUnitIds ? { provinceUnitIds } : {}));
    },
  });

  api.add({
    method: "post",
    path: "/provinces/{province}/plans",
    tag: TAG,
    access: "plans.manage",
    summary: "Create a draft plan of a province with its document identity and targets",
    params: z.object({ province: provinceKeyParam }),
    body: planCreateBody,
    response: planSchema,
    errors: [400, 401, 403, 404, 409, 415],
    handler: async (c, { params, body, actor }) => {
      const province = (await services.results.catalog()).provinceByKey(params.province);
      const { targets, ...plan } = body;
      return c.json(await services.plans.create(actor, { ...plan, provinceUnitId: province.id, status: "draft" }, targets));
    },
  });

  api.add({
    method: "get",
    path: "/plans/{id}",
    tag: TAG,
    access: "plans.read",
    summary: "A plan and its targets, its province, parent plan and issuing agency, and what the signed-in person may do",
    params: idParams,
    response: planDetailSchema,
    errors: [400, 401, 403, 404],
    handler: async (c, { params, actor }) => c.json(await services.plans.detail(actor, params.id)),
  });

  api.add({
    method: "patch",
    path: "/plans/{id}",
    tag: TAG,
    access: "plans.manage",
    summary: "Change a draft's document identity and sections (only the fields sent)",
    params: idParams,
    body: planPatchBody,
    response: planSchema,
    errors: [400, 401, 403, 404, 409, 415],
    handler: async (c, { params, body, actor }) => c.json(await services.plans.update(actor, params.id, body)),
  });

  api.add({
    method: "delete",
    path: "/plans/{id}",
    tag: TAG,
    access: "plans.manage",
    summary: "Delete a draft with its targets and tasks (issued plans are never deleted)",
    params: idParams,
    response: okSchema,
    errors: [400, 401, 403, 404, 409],
    handler: async (c, { params, actor }) => {
      await services.plans.remove(actor, params.id);
      return c.json({ ok: true as const });
    },
  });

  api.add({
    method: "post",
    path: "/plans/{id}/issue",
    tag: TAG,
    access: "plans.issue",
    summary: "Record a draft as issued, with its number and date (an agency's sub-plan by its leader)",
    params: idParams,
    body: issueBody,
    response: planSchema,
    errors: [400, 401, 403, 404, 409, 415],
    handler: async (c, { params, body, actor }) => c.json(await services.plans.issue(actor, params.id, body)),
  });

  api.add({
    method: "post",
    path: "/plans/{id}/supersede",
    tag: TAG,
    access: "plans.issue",
    summary: "Mark an issued plan as superseded (it stays readable and evaluable)",
    params: idParams,
    response: planSchema,
    errors: [400, 401, 403, 404, 409],
    handler: async (c, { params, actor }) => c.json(await services.plans.supersede(actor, params.id)),
  });

  api.add({
    method: "get",
    path: "/plans/{id}/agencies",
    tag: TAG,
    access: "plans.read",
    summary: "The bodies the plan's tasks may be assigned to (the assignment matrix's columns)",
    params: idParams,
    response: assignableSchema,
    errors: [400, 401, 403, 404],
    handler: async (c, { params, actor }) => c.json(await services.tasks.assignable(actor, params.id)),
  });

  api.add({
    method: "post",
    path: "/plans/{id}/sub-plans",
    tag: TAG,
    access: "plans.manage",
    summary: "Start an agency's sub-plan of an issued plan, with a copy of every task assigned to the agency",
    description: "The copies keep the link to the plan's tasks (inheritedFromTaskId); the agency may add its own. An agency's people start only their agency's.",
    params: idParams,
    body: subPlanBody,
    response: planSchema,
    errors: [400, 401, 403, 404, 409, 415],
    handler: async (c, { params, body, actor }) => c.json(await services.subPlans.create(actor, params.id, body)),
  });

  api.add({
    method: "get",
    path: "/plans/{id}/sub-plans",
    tag: TAG,
    access: "plans.read",
    summary: "Which assigned agencies have issued their sub-plan by the plan's deadline, with numbers and dates, and who has not",
    params: idParams,
    response: subPlanTrackingSchema,
    errors: [400, 401, 403, 404],
    handler: async (c, { params, actor }) => c.json(await services.subPlans.tracking(actor, params.id)),
  });

  api.add({
    method: "get",
    path: "/provinces/{province}/plans/next-draft",
    tag: TAG,
    access: "plans.read",
    summary: "What next year's plan starts from: weak dimensions and sub-dimensions, the opening analysis, the previous tasks that served them, proposed targets",
    description:
      "Read from the latest official results before `year`: dimensions under half of their maximum, those in the lowest group, sub-dimensions under 1 point (as seed 416/KH-UBND lists them). A 34-era province before its first survey is read through each province it was formed from.",
    params: z.object({ province: provinceKeyParam }),
    query: nextDraftQuery.extend(lang.shape),
    response: nextDraftSchema,
    errors: [400, 401, 403, 404],
    handler: async (c, { params, query, actor }) => {
      const province = (await services.results.catalog()).provinceByKey(params.province);
      const goal = query.goal === "gain-places" ? { kind: "gain-places" as const, places: query.places } : { kind: query.goal };
      return c.json(
        await services.nextPlan.preview(actor, province, { indexCode: query.index, year: query.year, fromPlanId: query.fromPlan ?? null, goal }, query.lang),
      );
    },
  });

  api.add({
    method: "post",
    path: "/provinces/{province}/plans/next-draft",
    tag: TAG,
    access: "plans.manage",
    summary: "Create next year's draft plan from the latest results (and the plan it follows): analysis, proposed targets, carried-over tasks",
    params: z.object({ province: provinceKeyParam }),
    body: nextDraftBody,
    response: planSchema,
    errors: [400, 401, 403, 404, 409, 415],
    handler: async (c, { params, body, actor }) => {
      const province = (await services.results.catalog()).provinceByKey(params.province);
      const goal = body.goal === "gain-places" ? { kind: "gain-places" as const, places: body.places } : { kind: body.goal };
      return c.json(await services.nextPlan.create(actor, province, { indexCode: body.indexCode, year: body.year, fromPlanId: body.fromPlanId, goal }));
    },
  });

  api.add({
    method: "put",
    path: "/plans/{id}/targets",
    tag: TAG,
    access: "plans.manage",
    summary: "Replace a draft plan's targets (the editor saves the whole table)",
    params: idParams,
    body: targetsBody,
    response: targetListSchema,
    errors: [400, 401, 403, 404, 409, 415],
    handler: async (c, { params, body, actor }) => c.json(await services.plans.setTargets(actor, params.id, body.targets)),
  });

  api.add({
    method: "get",
    path: "/plans/{id}/review",
    tag: TAG,
    access: "plans.read",
    summary: "What a careful reviewer flags in the targets, against the baseline year's official results",
    params: idParams,
    query: lang,
    response: reviewSchema,
    errors: [400, 401, 403, 404],
    handler: async (c, { params, query, actor }) => {
      const { plan, flags } = await services.plans.review(actor, params.id);
      return c.json({ plan, flags: flags.map((f) => ({ ...f, message: describeFlag(f, query.lang) })) });
    },
  });

  api.add({
    method: "get",
    path: "/plans/{id}/evaluation",
    tag: TAG,
    access: "plans.read",
    summary: "Each target met, missed or without data against the plan year's official results, with the gap; per dimension, the tasks and lead agencies behind it; a short overview",
    params: idParams,
    query: lang,
    response: evaluationSchema,
    errors: [400, 401, 403, 404],
    handler: async (c, { params, query, actor }) => {
      const { plan, province, resultsAvailable, summary, targets, dimensions, overview } = await services.plans.evaluate(actor, params.id, query.lang);
      return c.json({
        plan,
        province: provinceRef(province),
        resultsAvailable,
        overview,
        summary,
        dimensions,
        targets: targets.map(({ target, evaluation }) => ({ target, ...evaluation })),
      });
    },
  });

  api.add({
    method: "get",
    path: "/plans/{id}/suggestion",
    tag: TAG,
    access: "plans.read",
    summary: "Proposed targets from the baseline year's results and a goal, with the reasoning shown",
    description:
      "The needed gain is the distance from the baseline total to the threshold the goal must clear (the group's floor in the baseline year, or the score of the province N places up), shared among the dimensions by their distance to that year's P75, never above a dimension's maximum. For the user to accept or edit.",
    params: idParams,
    query: suggestionQuery,
    response: suggestionSchema,
    errors: [400, 401, 403, 404],
    handler: async (c, { params, query, actor }) => {
      const goal = query.goal === "gain-places" ? { kind: "gain-places" as const, places: query.places } : { kind: query.goal };
      return c.json(await services.plans.suggest(actor, params.id, goal));
    },
  });

  api.add({
    method: "get",
    path: "/plans/{id}/tasks",
    tag: TAG,
    access: "plans.read",
    summary: "A plan's tasks with the nodes they serve, their lead and supporting agencies and indicators",
    params: idParams,
    response: z.array(taskSchema),
    errors: [400, 401, 403, 404],
    handler: async (c, { params, actor }) => c.json(await services.tasks.list(actor, params.id)),
  });

  api.add({
    method: "post",
    path: "/plans/{id}/tasks",
    tag: TAG,
    access: "plans.manage",
    summary: "Add a task to a draft plan",
    params: idParams,
    body: taskBody,
    response: taskSchema,
    errors: [400, 401, 403, 404, 409, 415],
    handler: async (c, { params, body, actor }) => c.json(await services.tasks.create(actor, params.id, body)),
  });

  api.add({
    method: "post",
    path: "/plans/{id}/tasks/import",
    tag: TAG,
    access: "plans.manage",
    summary: "Import a draft plan's tasks from an Excel or CSV sheet (STT, nhiệm vụ, chỉ số, chủ trì, phối hợp, thời hạn, sản phẩm)",
    description:
      "All or nothing: any row error (422) is listed with its row and column, and nothing is stored. Agencies are matched by code or full name in the province's list (several separated by semicolons). dryRun=true reports what would be created. The export of a plan's tasks is a valid sheet.",
    params: idParams,
    query: z.object({
      dryRun: dryRunQuery,
      lang: langQuery,
    }),
    requestBody: { contentTypes: UPLOAD_CONTENT_TYPES, description: "The sheet (multipart field `file`, or the raw body)" },
    middleware: [uploadLimit(services.config.maxUploadMb)],
    response: z.object({
      fileName: z.string(),
      dryRun: z.boolean(),
      rows: z.number(),
      created: z.number(),
      items: z.array(z.object({ row: z.number(), ref: z.string().nullable(), text: z.string() })),
    }),
    errors: [400, 401, 403, 404, 409, 413, 422],
    handler: async (c, { params, query, actor }) => {
      const { bytes, fileName } = await readUpload(c, "upload");
      return c.json(await services.tasks.importSheet(actor, params.id, { bytes, fileName, dryRun: query.dryRun, lang: query.lang }));
    },
  });

  api.add({
    method: "get",
    path: "/plans/{id}/tasks/export",
    tag: TAG,
    access: "plans.read",
    summary: "A plan's tasks as an Excel or CSV sheet, in the layout the import reads",
    params: idParams,
    query: z.object({ format: z.enum(["xlsx", "csv"]).default("xlsx") }),
    responseType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    produces: ["text/csv"],
    response: z.string().describe("The sheet"),
    errors: [400, 401, 403, 404],
    handler: async (c, { params, query, actor }) => {
      const table = await services.tasks.exportTable(actor, params.id);
      return sendTable(c, table, query.format, `nhiem-vu-ke-hoach-${params.id}`);
    },
  });

  api.add({
    method: "put",
    path: "/tasks/{id}",
    tag: TAG,
    access: "plans.manage",
    summary: "Replace a task of a draft plan (text, nodes, agencies, indicators)",
    params: idParams,
    body: taskBody,
    response: taskSchema,
    errors: [400, 401, 403, 404, 409, 415],
    handler: async (c, { params, body, actor }) => c.json(await services.tasks.update(actor, params.id, body)),
  });

  api.add({
    method: "delete",
    path: "/tasks/{id}",
    tag: TAG,
    access: "plans.manage",
    summary: "Remove a task from a draft plan",
    params: idParams,
    response: okSchema,
    errors: [400, 401, 403, 404, 409],
    handler: async (c, { params, actor }) => {
      await services.tasks.remove(actor, params.id);
      return c.json({ ok: true as const });
    },
  });

  api.add({
    method: "get",
    path: "/organisations/{id}/tasks",
    tag: TAG,
    access: "plans.read",
    summary: "The tasks an agency leads or supports, across its province's plans (\"my agency's tasks\")",
    params: idParams,
    response: z.array(agencyTaskSchema),
    errors: [400, 401, 403, 404],
    handler: async (c, { params, actor }) => c.json(await services.tasks.ofAgency(actor, params.id)),
  });
}
