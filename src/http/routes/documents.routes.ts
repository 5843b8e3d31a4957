/**
 * Official documents as downloads (.docx, or .pdf through LibreOffice): a plan, a results analysis, an
 * agency's report, a period's consolidated report — each by GET with the data as it is, or by POST with
 * the user's edits (number, date, signer, Nơi nhận, rewritten parts). And the format checker for a .docx.
 */
import { z } from "zod";
import type { Services } from "../../compose.ts";
import { checkUserDocx } from "../../documents/checker.ts";
import { documentEditsSchema, type DocumentEdits } from "../../documents/templates/common.ts";
import type { OfficialDocument } from "../../documents/model.ts";
import type { DocumentFormatName } from "../../services/documents.ts";
import { idParam, provinceKeyParam } from "../account-schemas.ts";
import type { AppEnv } from "../context.ts";
import { attachment } from "../respond.ts";
import type { RouteRegistry } from "../route.ts";
import { readUpload, uploadLimit } from "../upload.ts";
import type { Context } from "hono";

const TAG = "Văn bản / Documents";
const formatQuery = z.object({ format: z.enum(["docx", "pdf"]).default("docx") });
const editsBody = documentEditsSchema.extend({ format: z.enum(["docx", "pdf"]).default("docx") });
export const checkResultSchema = z.object({
  fileName: z.string(),
  passed: z.boolean(),
  checked: z.array(z.string()),
  violations: z.array(z.object({ rule: z.string(), vi: z.string(), en: z.string(), at: z.string().nullable() })),
});

/** What an edit form starts from: the number, date, signer, Nơi nhận and each editable part as generated. */
export const documentPartsSchema = z.object({
  title: z.string(),
  number: z.string().nullable(),
  issuedOn: z.string().nullable(),
  signer: z.object({ authority: z.string().nullable(), title: z.string(), name: z.string().nullable() }),
  recipients: z.array(z.string()).describe('Nơi nhận lines, the archive line "Lưu: …" last'),
  sections: z.record(z.string(), z.string()).describe("Each editable part's generated text, one paragraph per line, by key"),
});

export function registerDocumentRoutes(api: RouteRegistry, services: Services): void {
  async function send(c: Context<AppEnv>, doc: OfficialDocument, format: DocumentFormatName) {
    const rendered = await services.documents.render(doc, format);
    return c.body(new Uint8Array(rendered.bytes), 200, { "Content-Type": rendered.contentType, "Content-Disposition": attachment(rendered.fileName) });
  }

  /** Each document three times: GET as the data stands, POST with the user's edits, GET …/parts for the edit form. */
  function documentRoutes<P extends z.ZodObject<z.ZodRawShape>>(spec: {
    path: string;
    access: "plans.read" | "agency-work.read";
    summary: string;
    params: P;
    make: (input: { params: z.infer<P>; actor: Parameters<Services["documents"]["plan"]>[0] }, edits: DocumentEdits | undefined) => Promise<OfficialDocument>;
  }) {
    const common = {
      path: spec.path,
      tag: TAG,
      access: spec.access,
      params: spec.params,
      responseType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      produces: ["application/pdf"],
      response: z.string().describe("The document"),
      errors: [400, 401, 403, 404, 503],
    };
    api.add({
      ...common,
      method: "get",
      summary: `${spec.summary} (.docx or .pdf)`,
      query: formatQuery,
      handler: async (c, { params, query, actor }) => send(c, await spec.make({ params, actor }, undefined), query.format),
    });
    api.add({
      path: `${spec.path}/parts`,
      tag: TAG,
      access: spec.access,
      params: spec.params,
      method: "get",
      summary: `${spec.summary}: what its edit form starts from (number, date, signer, Nơi nhận, each editable part's generated text)`,
      response: documentPartsSchema,
      errors: [400, 401, 403, 404],
      handler: async (c, { params, actor }) => {
        const doc = await spec.make({ params, actor }, undefined);
        return c.json({
          title: doc.title,
          number: doc.number,
          issuedOn: doc.issuedOn,
          signer: doc.signature,
          recipients: [...doc.recipients, `Lưu: ${doc.archive}`],
          sections: doc.generatedParts,
        });
      },
    });
    api.add({
      ...common,
      method: "post",
      summary: `${spec.summary}, with the user's edits (number, date, signer, Nơi nhận, rewritten parts)`,
      body: editsBody,
      handler: async (c, { params, body, actor }) => {
        const { format, ...edits } = body;
        return send(c, await spec.make({ params, actor }, edits), format);
      },
    });
  }

  documentRoutes({
    path: "/plans/{id}/document",
    access: "plans.read",
    summary: "The plan as an official document in the Decree 30 format",
    params: z.object({ id: idParam }),
    make: ({ params, actor }, edits) => services.documents.plan(actor, params.id, edits),
  });
  documentRoutes({
    path: "/provinces/{province}/analysis/{year}/document",
    access: "plans.read",
    summary: "The results analysis and remediation plan of a province for a results year (its opening computed from the official results)",
    params: z.object({ province: provinceKeyParam, year: z.coerce.number().int().min(2011).max(2100) }),
    make: async ({ params, actor }, edits) => {
      const province = (await services.results.catalog()).provinceByKey(params.province);
      return services.documents.analysis(actor, province.name, "PAPI", params.year, edits);
    },
  });
  documentRoutes({
    path: "/reports/{id}/document",
    access: "agency-work.read",
    summary: "An agency's periodic report as an official document",
    params: z.object({ id: idParam }),
    make: ({ params, actor }, edits) => services.documents.agencyReport(actor, params.id, edits),
  });
  documentRoutes({
    path: "/regimes/{id}/periods/{period}/document",
    access: "agency-work.read",
    summary: "The consolidated report of a period that Sở Nội vụ sends to the People's Committee",
    params: z.object({ id: idParam, period: z.string().regex(/^\d{4}-(Q[1-4]|H1|9M|Y)$/i, "kỳ dạng 2026-Q1, 2026-H1, 2026-9M hoặc 2026-Y") }),
    make: ({ params, actor }, edits) => services.documents.provinceReport(actor, params.id, params.period.toUpperCase(), edits),
  });

  api.add({
    method: "post",
    path: "/documents/check",
    tag: TAG,
    access: "signed-in",
    summary: "Check a .docx (made here or elsewhere) against the Decree 30/2020 format rules and list what breaks them",
    requestBody: { contentTypes: ["multipart/form-data", "application/octet-stream"], description: "The .docx (multipart field `file`, or the raw body)" },
    middleware: [uploadLimit(services.config.maxUploadMb)],
    response: checkResultSchema,
    errors: [400, 401, 413, 415],
    handler: async (c, { actor: _actor }) => {
      const { bytes, fileName } = await readUpload(c, "van-ban.docx");
      const result = checkUserDocx(bytes, fileName);
      return c.json({ fileName, passed: result.violations.length === 0, ...result });
    },
  });
}
