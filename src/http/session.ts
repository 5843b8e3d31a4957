/**
 * The session cookie and the two middlewares that use it: who is calling (sessionMiddleware) and whether
 * a write really comes from our own pages (csrfProtection).
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Services } from "../compose.ts";
import { AppError } from "../errors.ts";
import type { AppEnv } from "./context.ts";

/** "__Host-" binds the cookie to this host and path / and requires Secure: only possible behind HTTPS. */
export function sessionCookieName(secure: boolean): string {
  return secure ? "__Host-chiso_session" : "chiso_session";
}

export function setSessionCookie(c: Context<AppEnv>, services: Services, token: string, expiresAt: Date): void {
  const secure = services.config.secureCookies;
  setCookie(c, sessionCookieName(secure), token, {
    httpOnly: true,
    secure,
    // Lax: a link from an e-mail opens the app signed in; a cross-site POST never carries the cookie.
    sameSite: "Lax",
    path: "/",
    expires: expiresAt,
  });
}

export function clearSessionCookie(c: Context<AppEnv>, services: Services): void {
  const secure = services.config.secureCookies;
  deleteCookie(c, sessionCookieName(secure), { path: "/", secure });
}

export function sessionMiddleware(services: Services): MiddlewareHandler<AppEnv> {
  const name = sessionCookieName(services.config.secureCookies);
  return async (c, next) => {
    const token = getCookie(c, name);
    const auth = token ? await services.auth.authenticate(token) : null;
    // A cookie that no longer opens a session is removed, so the browser stops sending it.
    if (token && !auth) clearSessionCookie(c, services);
    c.set("auth", auth);
    await next();
  };
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const digest = (s: string) => createHash("sha256").update(s).digest();

/**
 * Every write must come from our own origin (Origin / Sec-Fetch-Site, which browsers set and pages cannot
 * forge) and, when it rides on a session, carry that session's CSRF token in X-CSRF-Token: a header a
 * page of another site cannot set without a CORS permission we never give.
 */
export function csrfProtection(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!UNSAFE.has(c.req.method)) return next();
    const fetchSite = c.req.header("Sec-Fetch-Site");
    if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") throw new AppError("auth.csrf", "forbidden");
    const origin = c.req.header("Origin");
    if (origin !== undefined) {
      let originHost: string | null = null;
      try {
        originHost = origin === "null" ? null : new URL(origin).host;
      } catch {
        originHost = null;
      }
      // The host the browser addressed: Host (or HTTP/2's :authority, which the URL is built from), or
      // the one a reverse proxy says it received.
      const hosts = [new URL(c.req.url).host, c.req.header("Host"), c.req.header("X-Forwarded-Host")?.split(",")[0]?.trim()];
      if (!originHost || !hosts.includes(originHost)) throw new AppError("auth.csrf", "forbidden");
    }
    const auth = c.get("auth");
    if (auth) {
      const sent = c.req.header("X-CSRF-Token") ?? "";
      if (!timingSafeEqual(digest(sent), digest(auth.csrfToken))) throw new AppError("auth.csrf", "forbidden");
    }
    await next();
  };
}
