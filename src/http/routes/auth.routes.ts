/** Signing in and out, the current session, and changing one's own password. */
import { permissionsOf, type Permission } from "../../domain/access.ts";
import type { Services } from "../../compose.ts";
import { provinceRef } from "../../services/catalog.ts";
import { DEMO_PASSWORD } from "../../services/demo.ts";
import { clientIp } from "../context.ts";
import {
  loginBody,
  logoutEverywhereSchema,
  okSchema,
  passwordBody,
  sessionSchema,
} from "../account-schemas.ts";
import type { RouteRegistry } from "../route.ts";
import { clearSessionCookie, setSessionCookie } from "../session.ts";
import type { Context } from "hono";
import type { AppEnv } from "../context.ts";
import type { SignedIn } from "../../services/auth.ts";

const TAG = "Đăng nhập / Sign-in";

export function registerAuthRoutes(api: RouteRegistry, services: Services): void {
  const demo = services.config.demo ? { password: DEMO_PASSWORD, usernames: [] as string[] } : null;

  /** What the web app needs to know about the person: who, which roles where, what they may do. */
  async function sessionView(c: Context<AppEnv>, signedIn: SignedIn | null) {
    const demoInfo = demo ? { ...demo, usernames: await services.demoUsernames() } : null;
    if (!signedIn) {
      return { user: null, permissions: [], provinces: [], mustChangePassword: false, csrfToken: null, expiresAt: null, demo: demoInfo };
    }
    const { principal } = signedIn;
    const self = { principal, name: principal.username, ip: clientIp(c) };
    const user = await services.people.get(self, principal.userId);
    const permissions = [...new Set(principal.grants.flatMap((g) => permissionsOf(g.role)))] as Permission[];
    const catalog = await services.results.catalog();
    const provinceIds = [...new Set(principal.grants.flatMap((g) => g.provinceUnitIds.slice(0, 1)))];
    return {
      user,
      permissions,
      provinces: provinceIds.flatMap((id) => {
        const p = catalog.provinceOfId(id);
        return p ? [provinceRef(p)] : [];
      }),
      mustChangePassword: signedIn.mustChangePassword,
      csrfToken: signedIn.csrfToken,
      expiresAt: signedIn.expiresAt.toISOString(),
      demo: demoInfo,
    };
  }

  api.add({
    method: "post",
    path: "/auth/login",
    tag: TAG,
    access: "public",
    summary: "Sign in with a username or e-mail and a password",
    description:
      "Sets the httpOnly session cookie and answers the session, with the CSRF token every later write must send in X-CSRF-Token. Repeated wrong passwords lock the account (429), 15 minutes at first, doubling.",
    body: loginBody,
    response: sessionSchema,
    errors: [400, 401, 403, 415, 429],
    handler: async (c, { body }) => {
      const signedIn = await services.auth.login(body.login, body.password, {
        ip: clientIp(c),
        userAgent: c.req.header("User-Agent") ?? null,
      });
      setSessionCookie(c, services, signedIn.token, signedIn.expiresAt);
      return c.json(await sessionView(c, signedIn));
    },
  });

  api.add({
    method: "get",
    path: "/auth/session",
    tag: TAG,
    access: "public",
    personal: true,
    summary: "The signed-in person, their roles and permissions, and the CSRF token (user null when signed out)",
    response: sessionSchema,
    handler: async (c) => c.json(await sessionView(c, c.get("auth"))),
  });

  api.add({
    method: "post",
    path: "/auth/logout",
    tag: TAG,
    access: "own-session",
    summary: "Sign out of this browser",
    response: okSchema,
    errors: [401, 403],
    handler: async (c, { actor }) => {
      await services.auth.logout(c.get("auth")!.tokenHash, actor);
      clearSessionCookie(c, services);
      return c.json({ ok: true as const });
    },
  });

  api.add({
    method: "post",
    path: "/auth/logout-everywhere",
    tag: TAG,
    access: "own-session",
    summary: "Sign out everywhere: end every session of this account, on every device",
    response: logoutEverywhereSchema,
    errors: [401, 403],
    handler: async (c, { actor }) => {
      const sessionsEnded = await services.auth.logoutEverywhere(actor.principal!.userId, actor);
      clearSessionCookie(c, services);
      return c.json({ sessionsEnded });
    },
  });

  api.add({
    method: "post",
    path: "/auth/password",
    tag: TAG,
    access: "own-session",
    summary: "Change one's own password (other sessions end)",
    description: "At least 10 characters, not containing the username. Required before anything else after a reset.",
    body: passwordBody,
    response: okSchema,
    errors: [400, 401, 403, 415],
    handler: async (c, { body, actor }) => {
      await services.auth.changePassword(actor, c.get("auth")!.tokenHash, body.currentPassword, body.newPassword);
      return c.json({ ok: true as const });
    },
  });
}
