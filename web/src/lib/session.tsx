/**
 * Who is signed in: the session from GET /auth/session (user, permissions, provinces, CSRF token, demo),
 * signing in and out, and the guard of the signed-in pages. A 401 from any request sends the person to
 * /login?next=<where they were>; "change your password first" sends them to /account/password.
 */
import { createContext, useContext, useEffect, useMemo, useRef, type ReactNode } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Navigate, useLocation, useNavigate } from "react-router";
import type { Permission } from "@domain/access.ts";
import { Loading } from "../components/States.tsx";
import { adminApi, setAuthErrorHandler, type Session } from "./admin-api.ts";
import { ApiError } from "./api.ts";

interface SessionContext {
  session: Session | undefined;
  loading: boolean;
  can(permission: Permission): boolean;
  signIn(login: string, password: string): Promise<Session>;
  /** Ends the session; `leave` runs once the server has ended it, before the app forgets the person. */
  signOut(everywhere?: boolean, leave?: () => void): Promise<number | null>;
  refresh(): Promise<void>;
}

const Context = createContext<SessionContext | null>(null);
export const SESSION_KEY = ["session"] as const;
/** Every signed-in answer lives under this key, so a sign-out or a change of person drops them all. */
export const ADMIN_KEY = "admin";

const here = (location: { pathname: string; search: string }) => location.pathname + location.search;
export const loginPath = (next: string) => `/login?next=${encodeURIComponent(next)}`;

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const where = useRef(location);
  where.current = location;
  const query = useQuery({ queryKey: SESSION_KEY, queryFn: adminApi.session, staleTime: 5 * 60_000, retry: false });

  useEffect(() => {
    setAuthErrorHandler((error) => {
      const path = here(where.current);
      if (error.status === 401) {
        queryClient.removeQueries({ queryKey: [ADMIN_KEY] });
        void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
        if (!path.startsWith("/login")) navigate(loginPath(path), { replace: true });
      } else if (!path.startsWith("/account/password")) {
        void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
        navigate(`/account/password?next=${encodeURIComponent(path)}`, { replace: true });
      }
    });
    return () => setAuthErrorHandler(null);
  }, [navigate, queryClient]);

  const value = useMemo<SessionContext>(() => {
    const session = query.data;
    const permissions = new Set(session?.permissions ?? []);
    return {
      session,
      loading: query.isPending,
      can: (permission) => permissions.has(permission),
      async signIn(login, password) {
        const signedIn = await adminApi.login(login, password);
        queryClient.removeQueries({ queryKey: [ADMIN_KEY] });
        queryClient.setQueryData(SESSION_KEY, signedIn);
        return signedIn;
      },
      async signOut(everywhere = false, leave) {
        let ended: number | null = null;
        try {
          ended = everywhere ? (await adminApi.logoutEverywhere()).sessionsEnded : (await adminApi.logout(), null);
        } catch (error) {
          // A session that had already expired is as signed out as one ended now.
          if (!(error instanceof ApiError && error.status === 401)) throw error;
        }
        // Off the signed-in pages first, or their guard would send the person to the login page.
        leave?.();
        queryClient.removeQueries({ queryKey: [ADMIN_KEY] });
        await queryClient.fetchQuery({ queryKey: SESSION_KEY, queryFn: adminApi.session, staleTime: 0 });
        return ended;
      },
      async refresh() {
        await queryClient.fetchQuery({ queryKey: SESSION_KEY, queryFn: adminApi.session, staleTime: 0 });
      },
    };
  }, [query.data, query.isPending, queryClient]);

  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useSession(): SessionContext {
  const value = useContext(Context);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}

/**
 * Signed-in pages: signed out → the login page (coming back here after); a temporary password → the
 * password page first, as the server refuses everything else until then.
 */
export function RequireSignIn({ children, passwordPage = false }: { children: ReactNode; passwordPage?: boolean }) {
  const { session, loading } = useSession();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!session?.user) return <Navigate to={loginPath(here(location))} replace />;
  if (session.mustChangePassword && !passwordPage) {
    return <Navigate to={`/account/password?next=${encodeURIComponent(here(location))}`} replace />;
  }
  return <>{children}</>;
}

/** A `next` parameter is followed only to a page of this app (never to another site). */
export function safeNext(next: string | null | undefined, fallback = "/admin"): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/login")) return fallback;
  return next;
}
