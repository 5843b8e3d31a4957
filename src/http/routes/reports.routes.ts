/** Periodic reporting: a plan's regime, an agency's report and its workflow, completeness, consolidation, the inbox. */
import { z } from "zod";
import type { Services } from "../../compose.ts";
import { TRANSITIONS, type ReportAction } from "../../domain/report-workflow.ts";
import { idParam, okSchema } from "../account-schemas.ts";
import {
  actionBody,
  agencyReportsSchema,
  completenessSchema,
  evidenceSchema,
  consolidationSchema,
  inboxSchema,
  matrixSchema,
  openReportBody,
  regimeBody,
  regimeSchema,
  reportPatchBody,
  reportSchema,
} from "../report-schemas.ts";
import { sendTable } from "../respond.ts";
import { readUpload, uploadLimit } from "../upload.ts";
import type { RouteRegistry } from "../route.ts";

const TAG = "Báo cáo định kỳ / Periodic reports";

const ACTION_SUMMARY: Record<ReportAction, string> = {
  submit: "The officer sends the report to the agency's leader (its figures must have no problems)",
  approve: "The agency's leader approves and sends it to Sở Nội vụ",
  "send-back": "The agency's leader sends it back to the officer, with a reason",
  accept: "Sở Nội vụ accepts it: the report is locked",
  return: "Sở Nội vụ returns it to the agency, with a reason",
  reopen: "Sở Nội vụ reopens an accepted report for a correction (a lock exception, audited), with a reason",
};

export function registerReportRoutes(api: RouteRegistry, services: Services): void {
  const idParams = z.object({ id: idParam });
  const periodParams = z.object({ id: idParam, period: z.string().regex(/^\d{4}-(Q[1-4]|H1|9M|Y)$/i, "kỳ dạng 2026-Q1, 2026-H1, 2026-9M hoặc 2026-Y") });

  api.add({
    method: "get",
    path: "/plans/{id}/regime",
    tag: TAG,
    access: "plans.read",
    summary: "A plan's reporting regime: period kinds, cut-off day, each level's deadline per period, outline, reporting agencies (null before one is set)",
    params: idParams,
    response: regimeSchema,
    errors: [400, 401, 403, 404],
    handler: async (c, { params, actor }) => c.json(await services.reports.regime(actor, params.id)),
  });

  api.add({
    method: "put",
    path: "/plans/{id}/regime",
    tag: TAG,
    access: "plans.manage",
    summary: "Set a province plan's reporting regime (what is left out takes Decree 09's defaults and the plan's assigned agencies)",
    params: idParams,
    body: regimeBody,
    response: regimeSchema,
    errors: [400, 401, 403, 404, 415],
    handler: async (c, { params, body, actor }) => c.json(await services.reports.setRegime(actor, params.id, body)),
  });

  api.add({
    method: "post",
    path: "/regimes/{id}/reports",
    tag: TAG,
    access: "agency-work.write",
    summary: "Open an agency's report for a period: the existing one, or a new draft pre-filled from its previous period",
    params: idParams,
    body: openReportBody,
    response: reportSchema,
    errors: [400, 401, 403, 404, 415],
    handler: async (c, { params, body, actor }) => c.json(await services.reports.open(actor, params.id, body.organisationId, body.period.toUpperCase())),
  });

  api.add({
    method: "get",
    path: "/regimes/{id}/reports",
    tag: TAG,
    access: "agency-work.read",
    summary: "One agency's reports across the regime's periods: each period's deadline, report, state and timeliness (creates nothing)",
    params: idParams,
    query: z.object({ organisation: z.coerce.number().int().positive() }),
    response: agencyReportsSchema,
    errors: [400, 401, 403, 404],
    handler: async (c, { params, query, actor }) => c.json(await services.reports.reportsOf(actor, params.id, query.organisation)),
  });

  api.add({
    method: "get",
    path: "/reports/{id}",
    tag: TAG,
    access: "agency-work.read",
    summary: "A report with its tasks, figures, problems and the steps open to the signed-in person",
    params: idParams,
    response: reportSchema,
    errors: [400, 401, 403, 404],
    handler: async (c, { params, actor }) => c.json(await services.reports.get(actor, params.id)),
  });

  api.add({
    method: "patch",
    path: "/reports/{id}",
    tag: TAG,
    access: "agency-work.write",
    summary: "Save a draft or returned report (only what is sent), over the version the editor loaded",
    description: "409 report.conflict when someone saved in between: the answer's details.current is the report as it is now.",
    params: idParams,
    body: reportPatchBody,
    response: reportSchema,
    errors: [400, 401, 403, 404, 409, 415],
    handler: async (c, { params, body, actor }) => c.json(await services.reports.save(actor, params.id, body)),
  });

  const evidenceParams = z.object({ id: idParam, evidenceId: idParam });

  api.add({
    method: "post",
    path: "/reports/{id}/evidence",
    tag: TAG,
    access: "agency-work.write",
    summary: "Attach an evidence file to a draft or returned report (PDF, Word .docx, Excel .xlsx, PNG, JPEG — recognised by content)",
    params: idParams,
    requestBody: { contentTypes: ["multipart/form-data", "application/octet-stream"], description: "The file (multipart field `file`, or the raw body)" },
    middleware: [uploadLimit(services.config.maxUploadMb)],
    response: evidenceSchema,
    errors: [400, 401, 403, 404, 409, 413, 415],
    handler: async (c, { params, actor }) => {
      const { bytes, fileName } = await readUpload(c, "minh-chung");
      return c.json(await services.reports.addEvidence(actor, params.id, { bytes, fileName }));
    },
  });

  api.add({
    method: "get",
    path: "/reports/{id}/evidence/{evidenceId}",
    tag: TAG,
    access: "agency-work.read",
    summary: "Download an evidence file (always as an attachment)",
    params: evidenceParams,
    responseType: "application/octet-stream",
    response: z.string().describe("The file"),
    errors: [400, 401, 403, 404],
    handler: async (c, { params, actor }) => {
      const file = await services.reports.evidenceFile(actor, params.id, params.evidenceId);
      c.header("Content-Type", file.contentType);
      c.header("Content-Disposition", `attachment; filename="evidence-${params.evidenceId}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
      c.header("X-Content-Type-Options", "nosniff");
      return c.body(file.bytes as Uint8Array<ArrayBuffer>);
    },
  });

  api.add({
    method: "delete",
    path: "/reports/{id}/evidence/{evidenceId}",
    tag: TAG,
    access: "agency-work.write",
    summary: "Remove an evidence file from a draft or returned report",
    params: evidenceParams,
    response: okSchema,
    errors: [400, 401, 403, 404, 409],
    handler: async (c, { params, actor }) => {
      await services.reports.removeEvidence(actor, params.id, params.evidenceId);
      return c.json({ ok: true as const });
    },
  });

  for (const action of Object.keys(TRANSITIONS) as ReportAction[]) {
    api.add({
      method: "post",
      path: `/reports/{id}/${action}`,
      tag: TAG,
      access: TRANSITIONS[action].permission,
      summary: ACTION_SUMMARY[action],
      params: idParams,
      body: actionBody,
      response: reportSchema,
      errors: [400, 401, 403, 404, 409, 415, ...(action === "submit" ? [422] : [])],
      handler: async (c, { params, body, actor }) => c.json(await services.reports.act(actor, params.id, action, body)),
    });
  }

  api.add({
    method: "get",
    path: "/regimes/{id}/periods/{period}/completeness",
    tag: TAG,
    access: "agency-work.read",
    summary: "For one period: every agency expected, its report's state, on time or late against its level's deadline, and the counts",
    params: periodParams,
    response: completenessSchema,
    errors: [400, 401, 403, 404],
    handler: async (c, { params, actor }) => c.json(await services.reports.completeness(actor, params.id, params.period.toUpperCase())),
  });

  api.add({
    method: "get",
    path: "/regimes/{id}/matrix",
    tag: TAG,
    access: "agency-work.read",
    summary: "The year at a glance: reporting agencies × periods, each cell the report's state and whether it came on time",
    params: idParams,
    response: matrixSchema,
    errors: [400, 401, 403, 404],
    handler: async (c, { params, actor }) => c.json(await services.reports.matrix(actor, params.id)),
  });

  api.add({
    method: "get",
    path: "/regimes/{id}/periods/{period}/consolidation",
    tag: TAG,
    access: "agency-work.read",
    summary: "A period's reports gathered: figures by their rule across agencies, narratives by heading, task progress per dimension, who is missing",
    params: periodParams,
    query: z.object({ lang: z.enum(["vi", "en"]).default("vi") }),
    response: consolidationSchema,
    errors: [400, 401, 403, 404],
    handler: async (c, { params, query, actor }) => c.json(await services.reports.consolidate(actor, params.id, params.period.toUpperCase(), query.lang)),
  });

  api.add({
    method: "get",
    path: "/regimes/{id}/periods/{period}/consolidation/export",
    tag: TAG,
    access: "agency-work.read",
    summary: "The consolidated view of a period as an Excel or CSV sheet (figures, progress per dimension, narratives by heading)",
    params: periodParams,
    query: z.object({ format: z.enum(["xlsx", "csv"]).default("xlsx") }),
    responseType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    produces: ["text/csv"],
    response: z.string().describe("The sheet"),
    errors: [400, 401, 403, 404],
    handler: async (c, { params, query, actor }) => {
      const period = params.period.toUpperCase();
      return sendTable(c, await services.reports.consolidationTable(actor, params.id, period), query.format, `tong-hop-bao-cao-${period.toLowerCase()}`);
    },
  });

  api.add({
    method: "post",
    path: "/regimes/{id}/periods/{period}/reminders",
    tag: TAG,
    access: "reports.review",
    summary: "Remind the agencies that have not sent their report for the period (officers and leaders, once a day at most)",
    params: periodParams,
    response: z.object({ agencies: z.array(z.string()), notified: z.number() }),
    errors: [400, 401, 403, 404],
    handler: async (c, { params, actor }) => c.json(await services.reports.remind(actor, params.id, params.period.toUpperCase())),
  });

  api.add({
    method: "get",
    path: "/me/inbox",
    tag: TAG,
    access: "signed-in",
    personal: true,
    summary: "What waits for the signed-in person: reports returned to them, to approve, to review; unread notifications",
    response: inboxSchema,
    errors: [401],
    handler: async (c, { actor }) => c.json(await services.reports.inbox(actor)),
  });

  api.add({
    method: "post",
    path: "/me/notifications/read",
    tag: TAG,
    access: "signed-in",
    summary: "Mark notifications as read",
    body: z.object({ ids: z.array(z.number().int().positive()).max(500) }),
    response: okSchema,
    errors: [400, 401, 415],
    handler: async (c, { body, actor }) => {
      await services.reports.markRead(actor, body.ids);
      return c.json({ ok: true as const });
    },
  });
}
