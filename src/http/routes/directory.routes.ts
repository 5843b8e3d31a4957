/** Importing a province's agencies or people from an Excel sheet, and the templates for it. */
import { z } from "zod";
import type { Services } from "../../compose.ts";
import { provinceKeyParam } from "../account-schemas.ts";
import { sendFile } from "../respond.ts";
import type { RouteRegistry } from "../route.ts";
import { dryRunQuery, langQuery } from "../schemas.ts";
import { readUpload, UPLOAD_CONTENT_TYPES, uploadLimit } from "../upload.ts";
import { directoryTemplate } from "../../spreadsheets/directory-template.ts";

const TAG = "Nhập danh mục / Directory import";
const kindParam = z.enum(["organisations", "people"]).describe("organisations (agencies) or people");

export const directoryReportSchema = z.object({
  kind: kindParam,
  fileName: z.string(),
  dryRun: z.boolean(),
  rows: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  items: z.array(z.object({ row: z.number(), action: z.enum(["create", "update", "unchanged"]), key: z.string(), name: z.string() })),
  credentials: z.array(z.object({ username: z.string(), fullName: z.string(), temporaryPassword: z.string() })),
});

export function registerDirectoryRoutes(api: RouteRegistry, services: Services): void {
  api.add({
    method: "post",
    path: "/provinces/{province}/directory/{kind}",
    tag: TAG,
    access: "signed-in",
    summary: "Import agencies (coordinator) or people (coordinator) of a province from an .xlsx or .csv sheet",
    description:
      "All or nothing: any row error (422) lists every error with its row, column, value and what was expected, and stores nothing. dryRun=true reports what would be created, updated or left unchanged. New people get a temporary password, in the answer only.",
    params: z.object({ province: provinceKeyParam, kind: kindParam }),
    query: z.object({
      dryRun: dryRunQuery,
      lang: langQuery,
    }),
    requestBody: { contentTypes: UPLOAD_CONTENT_TYPES, description: "The sheet (multipart field `file`, or the raw body)" },
    middleware: [uploadLimit(services.config.maxUploadMb)],
    response: directoryReportSchema,
    errors: [400, 401, 403, 404, 413, 422],
    handler: async (c, { params, query, actor }) => {
      const province = (await services.results.catalog()).provinceByKey(params.province);
      const { bytes, fileName } = await readUpload(c, "upload");
      return c.json(
        await services.directory.import(actor, { provinceUnitId: province.id, kind: params.kind, bytes, fileName, dryRun: query.dryRun, lang: query.lang }),
      );
    },
  });

  api.add({
    method: "get",
    path: "/directory/templates/{kind}",
    tag: TAG,
    access: "signed-in",
    summary: "The Excel template for importing agencies or people (columns, examples, a guide sheet)",
    params: z.object({ kind: kindParam }),
    responseType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    response: z.string().describe("The .xlsx file"),
    errors: [400, 401],
    handler: async (c, { params }) =>
      sendFile(c, await directoryTemplate(params.kind), "xlsx", params.kind === "organisations" ? "mau-nhap-co-quan" : "mau-nhap-nguoi-dung"),
  });
}
