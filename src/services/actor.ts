/** Who is acting, for authorization and the audit log: a signed-in person, the CLI, or the system itself. */
import type { Principal } from "../domain/access.ts";

export interface Actor {
  /** null for the CLI and the system. */
  principal: Principal | null;
  /** Written in the audit log: the username, or "cli:<os user>", "system". */
  name: string;
  ip: string | null;
}

export const SYSTEM_ACTOR: Actor = { principal: null, name: "system", ip: null };

export function cliActor(): Actor {
  return { principal: null, name: `cli:${process.env.USER ?? process.env.USERNAME ?? "unknown"}`, ip: null };
}

/** The actor of a request by a signed-in person. */
export function personActor(principal: Principal, ip: string | null): Actor {
  return { principal, name: principal.username, ip };
}
