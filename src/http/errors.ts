/** Turns whatever a handler threw into the uniform JSON error, in the user's language. */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { renderIssue, type ImportIssue } from "../domain/results-import/issues.ts";
import { AppError, errorMessage, type ErrorKind } from "../errors.ts";
import type { ImportFailure } from "../services/results-import.ts";
import type { AppEnv } from "./context.ts";

const STATUS: Record<ErrorKind, ContentfulStatusCode> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  "too-large": 413,
  unsupported: 415,
  unprocessable: 422,
  unavailable: 503,
  "too-many": 429,
};

export function errorResponse(error: unknown, c: Context<AppEnv>): Response {
  const lang = c.get("lang") ?? "vi";
  const requestId = c.get("requestId");
  if (error instanceof AppError) {
    let details = error.details;
    if (error.kind === "unavailable") {
      // Something the server depends on failed: the operator needs the detail, the user a plain message.
      console.error(`[${requestId}] ${c.req.method} ${c.req.path} ${error.code}`, error.details ?? "");
      details = undefined;
    }
    if (error.code === "import.invalid-file") {
      const failure = error.details as ImportFailure;
      const render = (issue: ImportIssue) => renderIssue(issue, lang);
      details = { ...failure, errors: failure.errors.map(render), warnings: failure.warnings.map(render) };
    }
    return c.json(
      { error: { code: error.code, message: errorMessage(error.code, error.params, lang), details, requestId } },
      STATUS[error.kind],
    );
  }
  if (error instanceof HTTPException && error.status < 500) {
    const code = error.status === 413 ? "upload.too-large" : "request.invalid";
    return c.json(
      { error: { code, message: errorMessage(code, { limitMb: "" }, lang), requestId } },
      error.status as ContentfulStatusCode,
    );
  }
  console.error(`[${requestId}] ${c.req.method} ${c.req.path}`, error);
  return c.json({ error: { code: "internal", message: errorMessage("internal", { requestId }, lang), requestId } }, 500);
}
