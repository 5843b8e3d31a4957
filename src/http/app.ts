/**
 * The HTTP application: security headers, request ids and logs, the JSON API under /api/v1 with its
 * OpenAPI description, and the built web explorer. Handlers stay thin: validate, call a service, present.
 */
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Hono, type MiddlewareHandler } from "hono";
import { compress } from "hono/compress";
import { secureHeaders } from "hono/secure-headers";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Services } from "../compose.ts";
import type { AppEnv } from "./context.ts";
import { renderDocsPage } from "./docs-page.ts";
import { AppError } from "../errors.ts";
import { errorResponse } from "./errors.ts";
import { ResponseCache } from "./response-cache.ts";
import { RouteRegistry } from "./route.ts";
import { csrfProtection, sessionMiddleware } from "./session.ts";
import { registerAuditRoutes } from "./routes/audit.routes.ts";
import { registerAuthRoutes } from "./routes/auth.routes.ts";
import { registerDashboardRoutes } from "./routes/dashboard.routes.ts";
import { registerDocumentRoutes } from "./routes/documents.routes.ts";
import { registerDirectoryRoutes } from "./routes/directory.routes.ts";
import { registerImportRoutes } from "./routes/imports.routes.ts";
import { registerOrganisationRoutes } from "./routes/organisations.routes.ts";
import { registerPeopleRoutes } from "./routes/people.routes.ts";
import { registerPlanRoutes } from "./routes/plans.routes.ts";
import { registerReportRoutes } from "./routes/reports.routes.ts";
import { registerMetaRoutes } from "./routes/meta.routes.ts";
import { registerReferenceRoutes } from "./routes/reference.routes.ts";
import { registerResultRoutes } from "./routes/results.routes.ts";

export const API_PREFIX = "/api/v1";
const PACKAGE_VERSION = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;
/** Changes with every process start, so a new release never answers 304 to an old client cache. */
const BOOT_ID = Date.now().toString(36);
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** If-None-Match may list several tags (RFC 9110 §13.1.2, weak comparison). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => strip(tag) === strip(etag));
}

export interface AppOptions {
  /** The built web app (web/dist); null to serve the API only. */
  webRoot?: string | null;
  log?: (line: string) => void;
}

export function createApp(services: Services, options: AppOptions = {}) {
  const app = new Hono<AppEnv>();
  const log = options.log ?? (services.config.logRequests ? (line: string) => console.log(line) : () => {});

  app.use("*", async (c, next) => {
    // A caller's id is kept only if it is a plain token: it is echoed in headers, bodies and logs.
    const given = c.req.header("X-Request-Id");
    c.set("requestId", given && REQUEST_ID.test(given) ? given : randomUUID().slice(0, 8));
    c.set("lang", c.req.query("lang") === "en" ? "en" : "vi");
    const started = performance.now();
    await next();
    c.header("X-Request-Id", c.get("requestId"));
    log(`${c.req.method} ${c.req.path} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms ${c.get("requestId")}`);
  });
  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine and ECharts set style attributes; no inline scripts are allowed.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
      crossOriginEmbedderPolicy: false,
      referrerPolicy: "strict-origin-when-cross-origin",
    }),
  );
  app.use("*", compress({ threshold: 2048 }));
  app.onError((error, c) => errorResponse(error, c));

  // Public GET answers depend only on the URL and the data version: clients revalidate with ETags, and
  // the server replays what it already computed until the data changes. Only public routes use this.
  const responses = new ResponseCache({ maxEntries: 2000, maxBytes: 64 * 1024 * 1024 });
  const CACHED_HEADERS = ["Content-Type", "Content-Disposition", "Cache-Control"];
  const publicCache: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (c.req.path === `${API_PREFIX}/health`) return next();
    const version = await services.results.dataVersion();
    const etag = `W/"${BOOT_ID}-${version}"`;
    if (matchesEtag(c.req.header("If-None-Match"), etag)) return c.body(null, 304, { ETag: etag, "Cache-Control": "no-cache" });
    const key = new URL(c.req.url).pathname + new URL(c.req.url).search;
    const hit = responses.get(version, key);
    if (hit) return c.body(hit.body, 200, { ...hit.headers, ETag: etag });
    await next();
    if (c.res.status !== 200) return;
    if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-cache");
    c.header("ETag", etag);
    const headers = Object.fromEntries(
      CACHED_HEADERS.flatMap((name) => {
        const value = c.res.headers.get(name);
        return value === null ? [] : [[name, value]];
      }),
    );
    responses.set(version, key, { body: await c.res.clone().arrayBuffer(), headers });
  };

  app.use(`${API_PREFIX}/*`, sessionMiddleware(services), csrfProtection());

  const api = new RouteRegistry(app, API_PREFIX, { publicGet: [publicCache] });
  registerMetaRoutes(api, services, PACKAGE_VERSION);
  registerReferenceRoutes(api, services);
  registerResultRoutes(api, services);
  registerImportRoutes(api, services);
  registerAuthRoutes(api, services);
  registerOrganisationRoutes(api, services);
  registerPeopleRoutes(api, services);
  registerAuditRoutes(api, services);
  registerDirectoryRoutes(api, services);
  registerPlanRoutes(api, services);
  registerReportRoutes(api, services);
  registerDashboardRoutes(api, services);
  registerDocumentRoutes(api, services);

  const openapi = api.openapi({
    title: "Chỉ Số API",
    version: PACKAGE_VERSION,
    description:
      "Kết quả chính thức PAPI 2011–2024 của các tỉnh, thành phố: xếp hạng, nhóm, hồ sơ tỉnh, xu hướng, so sánh; khung chỉ số theo phiên bản; đơn vị hành chính 63 và 34. / Official PAPI results 2011–2024: rankings, groups, province profiles, trends, comparisons; versioned frameworks; the 63 and 34 administrative units.",
  });
  app.get(`${API_PREFIX}/openapi.json`, (c) => c.json(openapi));
  app.get(`${API_PREFIX}/docs`, (c) => c.html(renderDocsPage(openapi)));
  app.all(`${API_PREFIX}/*`, (c) => errorResponse(new AppError("not-found", "not-found"), c));

  const webRoot = options.webRoot;
  if (webRoot && existsSync(join(webRoot, "index.html"))) {
    const indexHtml = readFileSync(join(webRoot, "index.html"));
    app.use(
      "/assets/*",
      async (c, next) => {
        await next();
        if (c.res.status === 200) c.header("Cache-Control", "public, max-age=31536000, immutable");
      },
      serveStatic({ root: webRoot }),
    );
    app.use("*", serveStatic({ root: webRoot }));
    // Client-side routes (/provinces/06, /compare …) all load the app.
    app.get("*", (c) => c.body(new Uint8Array(indexHtml), 200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache" }));
  }
  return { app, openapi, routes: api.list() };
}
