/** Importing official results through the API (the same importer as `chiso import results`). */
import { z } from "zod";
import type { Services } from "../../compose.ts";
import { renderIssue } from "../../domain/results-import/issues.ts";
import type { RouteRegistry } from "../route.ts";
import { readUpload, UPLOAD_CONTENT_TYPES, uploadLimit } from "../upload.ts";
import { dryRunQuery, importReportSchema, indexParam, langQuery } from "../schemas.ts";

export function registerImportRoutes(api: RouteRegistry, services: Services): void {
  api.add({
    method: "post",
    path: "/indices/{index}/imports",
    tag: "Nhập kết quả / Import",
    summary: "Import official results (CSV or XLSX, long layout) or official group labels",
    description:
      "All or nothing: if any row is wrong, nothing is stored and the answer (422) lists every error with its row, column, value and what was expected. Importing the same file again changes nothing. Send the file as multipart field `file` or as the request body. Only a system administrator may import (official results are national data).",
    params: z.object({ index: indexParam }),
    query: z.object({
      lang: langQuery,
      dryRun: dryRunQuery,
      fileName: z.string().max(200).optional().describe("File name for the record when the body is raw"),
    }),
    requestBody: { contentTypes: UPLOAD_CONTENT_TYPES, description: "The results file" },
    access: "results.import",
    middleware: [uploadLimit(services.config.maxUploadMb)],
    response: importReportSchema,
    errors: [400, 401, 403, 404, 413, 422],
    handler: async (c, { params, query, actor }) => {
      const { bytes, fileName } = await readUpload(c, query.fileName ?? "upload");
      const report = await services.importer.importResults({
        bytes,
        fileName,
        actor: actor.name,
        actorIp: actor.ip,
        actorUserId: actor.principal?.userId ?? null,
        dryRun: query.dryRun,
        indexCode: params.index,
      });
      return c.json({ ...report, warnings: report.warnings.map((w) => renderIssue(w, query.lang)) });
    },
  });
}
