/**
 * Evidence files in an S3-compatible object store (MinIO, Ceph, a cloud's S3), so several Chỉ Số instances
 * share them. Three calls — put, get, remove — over HTTPS with AWS Signature Version 4, path-style addressing
 * (https://host/bucket/key), which every S3-compatible server accepts. No SDK: the signing is the whole of it.
 */
import { createHash, createHmac } from "node:crypto";
import { AppError } from "../errors.ts";
import { missing, type EvidenceStore } from "./evidence-store.ts";

export interface S3Location {
  /** https://s3.example.vn/chiso-evidence or https://s3.example.vn/bucket/some/prefix */
  url: string;
  region: string;
  accessKey: string;
  secretKey: string;
}

const sha256Hex = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();
// RFC 3986 unreserved characters stay; everything else is percent-encoded, "/" kept between segments.
const encodePath = (path: string) =>
  path
    .split("/")
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join("/");

/**
 * The headers that sign one request: x-amz-date, x-amz-content-sha256 and Authorization. `headers` are
 * further headers to send and sign (lower-case names); the host is always signed.
 */
export function signRequest(
  request: { method: string; url: URL; payloadHash: string; date: Date; headers?: Record<string, string> },
  credentials: { region: string; accessKey: string; secretKey: string },
): Record<string, string> {
  const amzDate = request.date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  const day = amzDate.slice(0, 8);
  const scope = `${day}/${credentials.region}/s3/aws4_request`;
  const headers: Record<string, string> = { ...request.headers, host: request.url.host, "x-amz-content-sha256": request.payloadHash, "x-amz-date": amzDate };
  const names = Object.keys(headers).sort();
  const query = [...request.url.searchParams.entries()]
    .map(([k, v]) => [encodeURIComponent(k), encodeURIComponent(v)])
    .sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const canonical = [
    request.method,
    encodePath(decodeURIComponent(request.url.pathname)),
    query,
    names.map((n) => `${n}:${headers[n]!.trim()}\n`).join(""),
    names.join(";"),
    request.payloadHash,
  ].join("\n");
  const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonical)].join("\n");
  const key = hmac(hmac(hmac(hmac(`AWS4${credentials.secretKey}`, day), credentials.region), "s3"), "aws4_request");
  const signature = createHmac("sha256", key).update(toSign).digest("hex");
  return {
    ...request.headers,
    "x-amz-content-sha256": request.payloadHash,
    "x-amz-date": amzDate,
    authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKey}/${scope}, SignedHeaders=${names.join(";")}, Signature=${signature}`,
  };
}

export function createS3EvidenceStore(location: S3Location, fetcher: typeof fetch = fetch): EvidenceStore {
  const base = location.url.replace(/\/+$/, "");
  const objectUrl = (key: string) => {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`bad evidence key ${key}`);
    return new URL(`${base}/${key.slice(0, 2)}/${key}`);
  };
  async function send(method: "PUT" | "GET" | "DELETE", key: string, body?: Uint8Array): Promise<Response> {
    const url = objectUrl(key);
    const headers = signRequest({ method, url, payloadHash: sha256Hex(body ?? ""), date: new Date() }, location);
    try {
      return await fetcher(url, { method, headers: body ? { ...headers, "content-type": "application/octet-stream" } : headers, body: body as BodyInit | undefined });
    } catch (error) {
      throw unavailable(`S3 ${method} ${key}: ${(error as Error).message}`);
    }
  }
  // The person uploading is told the store is not answering (503); the operator finds S3's own code in the log.
  const unavailable = (detail: string) => new AppError("evidence.store-unavailable", "unavailable", {}, { detail });
  const failure = async (what: string, response: Response) => {
    const text = await response.text().catch(() => "");
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
    return unavailable(`S3 ${what} answered ${response.status}${code ? ` ${code}` : ""}`);
  };
  return {
    async put(key, bytes) {
      const response = await send("PUT", key, bytes);
      if (!response.ok) throw await failure(`PUT ${key}`, response);
      await response.arrayBuffer();
    },
    async get(key) {
      const response = await send("GET", key);
      if (response.status === 404) {
        await response.arrayBuffer();
        throw missing(key);
      }
      if (!response.ok) throw await failure(`GET ${key}`, response);
      return new Uint8Array(await response.arrayBuffer());
    },
    async remove(key) {
      const response = await send("DELETE", key);
      // Deleting what is already gone is fine (S3 answers 204 either way; some servers 404).
      if (!response.ok && response.status !== 404) throw await failure(`DELETE ${key}`, response);
      await response.arrayBuffer();
    },
  };
}
