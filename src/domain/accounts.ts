/**
 * Account rules without I/O: what a username and a password must be, when repeated failures lock an
 * account and for how long, and when a session has expired.
 */

export const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;

/** Sign-in names are case-insensitive: "NguyenVanA" and "nguyenvana" are one person. */
export function normaliseLogin(login: string): string {
  return login.trim().normalize("NFC").toLowerCase();
}

export type PasswordProblem = "password.too-short" | "password.too-long" | "password.contains-username" | "password.too-simple";

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

/**
 * Length over composition rules (NIST SP 800-63B): at least 10 characters, not the username, not one
 * character repeated or a run like "1234567890".
 */
export function passwordProblem(password: string, username: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return "password.too-short";
  if (length > PASSWORD_MAX) return "password.too-long";
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) return "password.contains-username";
  if (new Set(password).size < 4 || "01234567890123456789".includes(password) || "abcdefghijklmnopqrstuvwxyz".includes(password.toLowerCase())) {
    return "password.too-simple";
  }
  return null;
}

export interface LockoutPolicy {
  /** Consecutive failures before the first lock. */
  maxFailures: number;
  /** The first lock; each further failure after it doubles the lock, up to `maxLockMinutes`. */
  lockMinutes: number;
  maxLockMinutes: number;
}

/** When a failed sign-in (the `failures`-th in a row) locks the account until; null when it does not yet. */
export function lockedUntilAfterFailure(failures: number, now: Date, policy: LockoutPolicy): Date | null {
  if (failures < policy.maxFailures) return null;
  const minutes = Math.min(policy.lockMinutes * 2 ** Math.min(failures - policy.maxFailures, 16), policy.maxLockMinutes);
  return new Date(now.getTime() + minutes * 60_000);
}

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

export type SessionState = "active" | "idle-expired" | "expired";

export function sessionState(session: { lastSeenAt: Date; expiresAt: Date }, now: Date, policy: SessionPolicy): SessionState {
  if (now.getTime() >= session.expiresAt.getTime()) return "expired";
  if (now.getTime() - session.lastSeenAt.getTime() >= policy.idleMinutes * 60_000) return "idle-expired";
  return "active";
}

/** Don't write "last seen" on every request: once a minute is precise enough for a 30-minute idle limit. */
export const SESSION_TOUCH_MS = 60_000;
