/** Small response helpers shared by the routes: downloads and the error body. */
import type { Context } from "hono";
import { tableToCsv, tableToXlsx, type ExportTable } from "../spreadsheets/write.ts";
import type { AppEnv } from "./context.ts";

const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

/** Content-Disposition with an ASCII fallback and the exact Vietnamese name (RFC 6266 / 5987). */
export function attachment(fileName: string): string {
  const ascii = fileName
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replaceAll("đ", "d")
    .replaceAll("Đ", "D")
    .replace(/[^A-Za-z0-9._-]+/g, "-");
  // encodeURIComponent leaves ' ( ) * as they are, but RFC 5987 does not allow them unencoded.
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export async function sendTable(
  c: Context<AppEnv>,
  table: ExportTable,
  format: "csv" | "xlsx",
  baseName: string,
): Promise<Response> {
  return sendFile(c, format === "csv" ? tableToCsv(table) : await tableToXlsx(table), format, baseName);
}

export function sendFile(c: Context<AppEnv>, body: Buffer, format: "csv" | "xlsx", baseName: string): Response {
  return c.body(new Uint8Array(body), 200, {
    "Content-Type": CONTENT_TYPES[format],
    "Content-Disposition": attachment(`${baseName}.${format}`),
  });
}
