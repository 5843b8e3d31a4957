/** Account rules without I/O: sign-in names, the password policy, lock durations, session expiry. */
import { describe, expect, test } from "vitest";
import {
  lockedUntilAfterFailure,
  normaliseLogin,
  PASSWORD_MAX,
  PASSWORD_MIN,
  passwordProblem,
  SESSION_TOUCH_MS,
  sessionState,
  USERNAME,
  type LockoutPolicy,
} from "./accounts.ts";

describe("sign-in names", () => {
  test("are trimmed, NFC-normalised and lower-cased", () => {
    expect(normaliseLogin("  NguyenVanA ")).toBe("nguyenvana");
    expect(normaliseLogin("An.Nguyen@SoNoiVu.Gov.VN")).toBe("an.nguyen@sonoivu.gov.vn");
    // "ễ" typed as e + two combining marks is the same login as the composed letter.
    expect(normaliseLogin("Nguye\u0302\u0303n")).toBe(normaliseLogin("Nguyễn"));
  });

  test.each([
    ["nva", true],
    ["nguyen.van-a_2", true],
    ["0dau", true],
    ["ab", false],
    ["a".repeat(64), true],
    ["a".repeat(65), false],
    [".nva", false],
    ["nguyễn", false],
    ["an@snv.vn", false],
    ["Nva", false],
    ["n va", false],
  ])("USERNAME %j: %s", (name, valid) => {
    expect(USERNAME.test(name)).toBe(valid);
  });
});

describe("the password policy", () => {
  test(`at least ${PASSWORD_MIN} characters, counted as characters (not UTF-16 units), at most ${PASSWORD_MAX}`, () => {
    expect(PASSWORD_MIN).toBe(10);
    expect(passwordProblem("Sông Hồng9", "nva")).toBeNull(); // exactly 10
    expect(passwordProblem("Sông Hồng", "nva")).toBe("password.too-short");
    expect(passwordProblem("", "nva")).toBe("password.too-short");
    // Nine emoji are 18 UTF-16 units but nine characters.
    expect(passwordProblem("🌾🌾🌾🐃🐃🐃🌊🌊🌊", "nva")).toBe("password.too-short");
    expect(passwordProblem("x".repeat(100) + "y".repeat(100) + "zw", "nva")).toBe("password.too-long");
    expect(passwordProblem(`${"mùa lúa chín ".repeat(15)}`.slice(0, PASSWORD_MAX), "nva")).toBeNull();
  });

  test("must not contain the username, in any case; a name under 3 characters is not checked", () => {
    expect(passwordProblem("tôi là nguyenvana đây", "nguyenvana")).toBe("password.contains-username");
    expect(passwordProblem("Tôi là NguyenVanA đây", "nguyenvana")).toBe("password.contains-username");
    expect(passwordProblem("ab ab cd ef gh", "ab")).toBeNull();
  });

  test.each(["aaaaaaaaaaaa", "ababababababab", "abcabcabcabc", "1234567890", "0123456789", "3456789012", "abcdefghijkl", "ABCDEFGHIJ"])(
    "%j is too simple",
    (password) => {
      expect(passwordProblem(password, "nva")).toBe("password.too-simple");
    },
  );

  test("a memorable phrase passes, Vietnamese or not", () => {
    expect(passwordProblem("một mật khẩu đủ dài 2026", "nva")).toBeNull();
    expect(passwordProblem("correct horse battery staple", "nva")).toBeNull();
    expect(passwordProblem("abcd1234efgh", "nva")).toBeNull();
  });

  test("the shortest problem is reported first", () => {
    expect(passwordProblem("nva", "nva")).toBe("password.too-short");
    expect(passwordProblem("aaaaanvaaaaa", "nva")).toBe("password.contains-username");
  });
});

describe("lockout", () => {
  const policy: LockoutPolicy = { maxFailures: 5, lockMinutes: 15, maxLockMinutes: 24 * 60 };
  const now = new Date("2026-03-01T02:00:00Z");
  const minutes = (failures: number) => {
    const until = lockedUntilAfterFailure(failures, now, policy);
    return until === null ? null : (until.getTime() - now.getTime()) / 60_000;
  };

  test("no lock before the limit", () => {
    for (const failures of [0, 1, 2, 3, 4]) expect(lockedUntilAfterFailure(failures, now, policy)).toBeNull();
  });

  test("15 minutes at the limit, doubling with each further failure", () => {
    expect([5, 6, 7, 8, 9, 10].map(minutes)).toEqual([15, 30, 60, 120, 240, 480]);
  });

  test("capped at the longest lock, and still a valid date after very many failures", () => {
    expect(minutes(11)).toBe(960);
    expect(minutes(12)).toBe(24 * 60);
    expect(minutes(30)).toBe(24 * 60);
    expect(minutes(10_000)).toBe(24 * 60);
    expect(Number.isFinite(lockedUntilAfterFailure(Number.MAX_SAFE_INTEGER, now, policy)!.getTime())).toBe(true);
  });

  test("follows the configured limit", () => {
    const strict: LockoutPolicy = { maxFailures: 1, lockMinutes: 5, maxLockMinutes: 30 };
    expect(lockedUntilAfterFailure(1, now, strict)).toEqual(new Date("2026-03-01T02:05:00Z"));
    expect(lockedUntilAfterFailure(2, now, strict)).toEqual(new Date("2026-03-01T02:10:00Z"));
    expect(lockedUntilAfterFailure(4, now, strict)).toEqual(new Date("2026-03-01T02:30:00Z"));
  });
});

describe("session state", () => {
  const policy = { idleMinutes: 30, absoluteHours: 12 };
  const start = new Date("2026-03-01T01:00:00Z");
  const at = (minutesAfterStart: number) => new Date(start.getTime() + minutesAfterStart * 60_000);
  const session = (lastSeenMinutes: number) => ({ lastSeenAt: at(lastSeenMinutes), expiresAt: at(12 * 60) });

  test("active while used within the idle limit", () => {
    expect(sessionState(session(0), at(0), policy)).toBe("active");
    expect(sessionState(session(0), at(29.99), policy)).toBe("active");
    expect(sessionState(session(600), at(629), policy)).toBe("active");
  });

  test("idle-expired from exactly the idle limit without a request", () => {
    expect(sessionState(session(0), at(30), policy)).toBe("idle-expired");
    expect(sessionState(session(100), at(200), policy)).toBe("idle-expired");
  });

  test("expired at the absolute end, however recently used; the absolute end wins over idleness", () => {
    expect(sessionState(session(719), at(719.99), policy)).toBe("active");
    expect(sessionState(session(719), at(720), policy)).toBe("expired");
    expect(sessionState(session(0), at(720), policy)).toBe("expired");
    expect(sessionState(session(0), at(5000), policy)).toBe("expired");
  });

  test("last seen is written at most once a minute", () => {
    expect(SESSION_TOUCH_MS).toBe(60_000);
  });
});
