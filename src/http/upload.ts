/** Receiving an uploaded file: a size limit enforced before reading, then the bytes from multipart or a raw body. */
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "../errors.ts";
import type { AppEnv } from "./context.ts";

export const UPLOAD_CONTENT_TYPES = [
  "multipart/form-data",
  "text/csv",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
];

/** Refuses an oversized upload before reading it (importers check the size again for the CLI). */
export function uploadLimit(maxUploadMb: number): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize: maxUploadMb * 1024 * 1024,
    onError: () => {
      throw new AppError("upload.too-large", "too-large", { limitMb: maxUploadMb });
    },
  });
}

/** The file as multipart field `file` or as the whole body; its name from the form or `fallbackName`. */
export async function readUpload(c: Context<AppEnv>, fallbackName: string): Promise<{ bytes: Uint8Array; fileName: string }> {
  const type = c.req.header("Content-Type") ?? "";
  if (!type.startsWith("multipart/form-data")) return { bytes: new Uint8Array(await c.req.arrayBuffer()), fileName: fallbackName };
  const form = await c.req.parseBody().catch(() => {
    throw new AppError("upload.malformed", "invalid");
  });
  const file = form.file;
  if (!(file instanceof File)) throw new AppError("upload.missing-file", "invalid");
  return { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name || fallbackName };
}
