/**
 * Declares an API route once: its path, its zod-validated parameters, its documentation. The same
 * declaration registers the Hono handler and writes the route into the OpenAPI document, so the
 * documentation cannot drift from what is validated.
 */
import type { Context, Hono, MiddlewareHandler } from "hono";
import { z } from "zod";
import { allows, type Permission } from "../domain/access.ts";
import { AppError } from "../errors.ts";
import { personActor, type Actor } from "../services/actor.ts";
import { clientIp, type AppEnv } from "./context.ts";
import { fieldLabel, validationMessages } from "./validation-messages.ts";
import type { Lang } from "../domain/format.ts";

type AnyObject = z.ZodObject<z.ZodRawShape>;

/**
 * Who may call a route. Every route must say (deny by default): "public" (anyone, no session needed),
 * "own-session" (one's own session and password: open even while a temporary password must be changed),
 * "signed-in" (any person with a session), or a permission one of the person's roles must carry. Scope
 * (which province, which agency) is checked by the service on the record itself.
 */
export type Access = "public" | "own-session" | "signed-in" | Permission;

export interface RouteSpec<P extends AnyObject, Q extends AnyObject, B extends z.ZodType = z.ZodType> {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** OpenAPI style: /indices/{index}/years/{year} */
  path: string;
  tag: string;
  summary: string;
  access: Access;
  /**
   * The answer depends on who asks (e.g. the current session), so the public response cache must never
   * replay it. Every other public GET is cached per URL and data version.
   */
  personal?: true;
  description?: string;
  params?: P;
  query?: Q;
  /** A JSON request body, validated like the parameters. */
  body?: B;
  /** Schema of the JSON answer (documented, and checked by the contract tests). */
  response?: z.ZodType;
  /** Media type of the answer `response` describes; application/json unless said otherwise. */
  responseType?: string;
  /** Other answers besides 200 JSON: alternative media types and error statuses. */
  produces?: string[];
  errors?: number[];
  requestBody?: { contentTypes: string[]; description: string };
  /** Runs after the access check, before validation (e.g. a body size limit). */
  middleware?: MiddlewareHandler<AppEnv>[];
  handler: (
    c: Context<AppEnv>,
    input: { params: z.infer<P>; query: z.infer<Q>; body: z.infer<B>; actor: Actor },
  ) => Promise<Response> | Response;
}

interface Registered {
  spec: RouteSpec<AnyObject, AnyObject>;
}

const EMPTY = z.object({});

function validationError(target: string, error: z.ZodError, lang: Lang): AppError {
  // The first problem in the message itself, naming its field as forms do («Họ và tên»: …); every
  // problem in details with its path, for a form to place it on its field.
  const first = error.issues[0];
  const field = first && first.path.length > 0 ? `«${fieldLabel(first.path, lang)}»: ` : "";
  return new AppError(
    "request.invalid",
    "invalid",
    first ? { first: `${field}${first.message}` } : {},
    error.issues.map((issue) => ({
      in: target,
      path: issue.path.join("."),
      message: issue.message,
    })),
  );
}

/** The route-level half of authorization; the service checks the record's province and agency. */
function checkAccess(c: Context<AppEnv>, access: Access): void {
  if (access === "public") return;
  const auth = c.get("auth");
  if (!auth) throw new AppError("auth.required", "unauthenticated");
  if (access === "own-session") return;
  // A temporary password must be replaced before anything else is done with it.
  if (auth.mustChangePassword) throw new AppError("auth.password-change-required", "forbidden");
  if (access === "signed-in") return;
  if (!allows(auth.principal, access)) throw new AppError("auth.forbidden", "forbidden");
}

export interface RegistryOptions {
  /** Runs on public GET routes only (the response cache: answers that depend on the URL alone). */
  publicGet?: MiddlewareHandler<AppEnv>[];
}

export class RouteRegistry {
  private readonly routes: Registered[] = [];

  constructor(
    private readonly app: Hono<AppEnv>,
    private readonly prefix: string,
    private readonly options: RegistryOptions = {},
  ) {}

  add<P extends AnyObject = typeof EMPTY, Q extends AnyObject = typeof EMPTY, B extends z.ZodType = z.ZodUndefined>(
    spec: RouteSpec<P, Q, B>,
  ): void {
    this.routes.push({ spec: spec as unknown as RouteSpec<AnyObject, AnyObject> });
    const honoPath = this.prefix + spec.path.replace(/\{(\w+)\}/g, ":$1");
    const on = this.app.on.bind(this.app) as (method: string, path: string, ...handlers: MiddlewareHandler<AppEnv>[]) => void;
    const access: MiddlewareHandler<AppEnv> = async (c, next) => {
      checkAccess(c, spec.access);
      // What a signed-in person sees is theirs alone: no shared or browser cache may keep it.
      if (spec.access !== "public" || spec.personal) c.header("Cache-Control", "no-store");
      await next();
    };
    const cached = spec.access === "public" && spec.method === "get" && !spec.personal ? (this.options.publicGet ?? []) : [];
    on(spec.method.toUpperCase(), honoPath, access, ...cached, ...(spec.middleware ?? []), async (c) => {
      // zod's own messages in the user's language; the schemas' hand-written hints stay as written.
      const locale = { error: validationMessages(c.get("lang")) };
      const params = (spec.params ?? EMPTY).safeParse(c.req.param(), locale);
      if (!params.success) throw validationError("path", params.error, c.get("lang"));
      const query = (spec.query ?? EMPTY).safeParse(c.req.query(), locale);
      if (!query.success) throw validationError("query", query.error, c.get("lang"));
      let body: unknown = undefined;
      if (spec.body) {
        if (!(c.req.header("Content-Type") ?? "").toLowerCase().startsWith("application/json")) {
          throw new AppError("request.json-required", "unsupported");
        }
        const raw = await c.req.json().catch(() => {
          throw new AppError("request.json-required", "invalid");
        });
        const parsed = spec.body.safeParse(raw, locale);
        if (!parsed.success) throw validationError("body", parsed.error, c.get("lang"));
        body = parsed.data;
      }
      const auth = c.get("auth");
      const actor: Actor = auth ? personActor(auth.principal, clientIp(c)) : { principal: null, name: "anonymous", ip: clientIp(c) };
      return spec.handler(c, {
        params: params.data as z.infer<P>,
        query: query.data as z.infer<Q>,
        body: body as z.infer<B>,
        actor,
      });
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
        ...(spec.body
          ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(spec.body, "input") } } } }
          : {}),
        ...(spec.access === "public" ? {} : { security: [{ session: [] }] }),
        "x-access": spec.access,
        responses,
      };
    }
    return {
      openapi: "3.1.0",
      info,
      paths,
      components: {
        securitySchemes: {
          session: {
            type: "apiKey",
            in: "cookie",
            name: "chiso_session",
            description:
              "Session cookie from POST /auth/login. Every POST, PUT, PATCH and DELETE with it also needs the header X-CSRF-Token (the csrfToken of the login or GET /auth/session answer).",
          },
        },
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
  409: "Conflict with the current state",
  413: "File too large",
  429: "Too many failed attempts",
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
