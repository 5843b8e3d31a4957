/** What every request carries through the Hono app. */
import type { Context } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Lang } from "../domain/format.ts";
import type { SignedIn } from "../services/auth.ts";

export type AppEnv = {
  Variables: {
    requestId: string;
    lang: Lang;
    /** The signed-in person of this request, or null (set by the session middleware for /api). */
    auth: (SignedIn & { tokenHash: string }) | null;
  };
};

/** The caller's address for the audit log (the socket's; a proxy in front should be the only caller). */
export function clientIp(c: Context<AppEnv>): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null; // app.request() in tests has no socket
  }
}
