/**
 * Declares an API route once: its path, its zod-validated parameters, its documentation. The same
 * declaration registers the Hono handler and writes the route into the OpenAPI document, so the
 * documentation cannot drift from what is validated.
 */
import type { Context, Hono, MiddlewareHandler } from "hono";
import { z } from "zod";
import { AppError } from "../errors.ts";
import type { AppEnv } from "./context.ts";

type AnyObject = z.ZodObject<z.ZodRawShape>;

export interface RouteSpec<P extends AnyObject, Q extends AnyObject> {
  method: "get" | "post";
  /** OpenAPI style: /indices/{index}/years/{year} */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  params?: P;
  query?: Q;
  /** Schema of the JSON answer (documented, and checked by the contract tests). */
  response?: z.ZodType;
  /** Media type of the answer `response` describes; application/json unless said otherwise. */
  responseType?: string;
  /** Other answers besides 200 JSON: alternative media types and error statuses. */
  produces?: string[];
  errors?: number[];
  requestBody?: { contentTypes: string[]; description: string };
  security?: "bearer";
  /** Runs before validation (e.g. a body size limit). */
  middleware?: MiddlewareHandler<AppEnv>[];
  handler: (c: Context<AppEnv>, input: { params: z.infer<P>; query: z.infer<Q> }) => Promise<Response> | Response;
}

interface Registered {
  spec: RouteSpec<AnyObject, AnyObject>;
}

const EMPTY = z.object({});
const LOCALES = { vi: z.locales.vi().localeError, en: z.locales.en().localeError };

function validationError(target: string, error: z.ZodError): AppError {
  return new AppError(
    "request.invalid",
    "invalid",
    {},
    error.issues.map((issue) => ({
      in: target,
      path: issue.path.join("."),
      message: issue.message,
    })),
  );
}

export class RouteRegistry {
  private readonly routes: Registered[] = [];

  constructor(
    private readonly app: Hono<AppEnv>,
    private readonly prefix: string,
  ) {}

  add<P extends AnyObject = typeof EMPTY, Q extends AnyObject = typeof EMPTY>(spec: RouteSpec<P, Q>): void {
    this.routes.push({ spec: spec as unknown as RouteSpec<AnyObject, AnyObject> });
    const honoPath = this.prefix + spec.path.replace(/\{(\w+)\}/g, ":$1");
    const on = this.app.on.bind(this.app) as (method: string, path: string, ...handlers: MiddlewareHandler<AppEnv>[]) => void;
    on(spec.method.toUpperCase(), honoPath, ...(spec.middleware ?? []), async (c) => {
      // zod's own messages in the user's language; the schemas' hand-written hints stay as written.
      const locale = { error: LOCALES[c.get("lang")] };
      const params = (spec.params ?? EMPTY).safeParse(c.req.param(), locale);
      if (!params.success) throw validationError("path", params.error);
      const query = (spec.query ?? EMPTY).safeParse(c.req.query(), locale);
      if (!query.success) throw validationError("query", query.error);
      return spec.handler(c, { params: params.data as z.infer<P>, query: query.data as z.infer<Q> });
    });
  }

  /** The OpenAPI 3.1 document of every registered route. */
  openapi(info: { title: string; version: string; description: string }) {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const { spec } of this.routes) {
      const parameters = [
        ...objectParameters(spec.params, "path"),
        ...objectParameters(spec.query, "query"),
      ];
      const responses: Record<string, unknown> = {
        200: {
          description: "OK",
          content: {
            [spec.responseType ?? "application/json"]: { schema: spec.response ? jsonSchema(spec.response, "output") : {} },
            ...Object.fromEntries((spec.produces ?? []).map((type) => [type, {}])),
          },
        },
      };
      for (const status of spec.errors ?? [400, 404]) {
        responses[status] = { description: STATUS_TEXT[status] ?? "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
      }
      paths[this.prefix + spec.path] ??= {};
      paths[this.prefix + spec.path]![spec.method] = {
        tags: [spec.tag],
        summary: spec.summary,
        ...(spec.description ? { description: spec.description } : {}),
        operationId: operationId(spec),
        parameters,
        ...(spec.requestBody
          ? {
              requestBody: {
                required: true,
                description: spec.requestBody.description,
                content: Object.fromEntries(
                  spec.requestBody.contentTypes.map((t) => [
                    t,
                    t === "multipart/form-data"
                      ? { schema: { type: "object", properties: { file: { type: "string", format: "binary" } } } }
                      : { schema: { type: "string", format: "binary" } },
                  ]),
                ),
              },
            }
          : {}),
        ...(spec.security ? { security: [{ bearer: [] }] } : {}),
        responses,
      };
    }
    return {
      openapi: "3.1.0",
      info,
      paths,
      components: {
        securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
        schemas: {
          Error: {
            type: "object",
            required: ["error"],
            properties: {
              error: {
                type: "object",
                required: ["code", "message"],
                properties: {
                  code: { type: "string", description: "Stable error code, e.g. province.not-found" },
                  message: { type: "string", description: "Message in the requested language" },
                  details: { description: "Structured detail: invalid parameters, import row errors" },
                  requestId: { type: "string" },
                },
              },
            },
          },
        },
      },
    };
  }

  list(): RouteSpec<AnyObject, AnyObject>[] {
    return this.routes.map((r) => r.spec);
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: "Invalid request parameters",
  401: "Authentication required",
  403: "Not allowed",
  404: "Not found",
  413: "File too large",
  415: "Unsupported media type",
  422: "File rejected: row errors in details",
};

function operationId(spec: RouteSpec<AnyObject, AnyObject>): string {
  const words = spec.path
    .split("/")
    .filter(Boolean)
    .map((part) => part.replace(/[{}]/g, ""));
  return [spec.method, ...words].map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join("");
}

function jsonSchema(schema: z.ZodType, io: "input" | "output") {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
}

function objectParameters(schema: AnyObject | undefined, location: "path" | "query") {
  if (!schema) return [];
  const json = jsonSchema(schema, "input") as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: location,
      required: location === "path" || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}
