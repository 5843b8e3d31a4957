/**
 * Password hashing: argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane), ~50 ms here, so
 * a stolen database costs an attacker that much memory and time per guess.
 */
import { randomInt } from "node:crypto";
import { hash, verify, type Algorithm } from "@node-rs/argon2";

// Algorithm.Argon2id is a const enum (2) that isolated modules cannot read.
const OPTIONS = { algorithm: 2 as Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize("NFC"), OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password.normalize("NFC"));
  } catch {
    return false; // a malformed stored hash never signs anyone in
  }
}

/** A hash of nothing, verified when the user does not exist, so timing does not tell who has an account. */
let decoy: Promise<string> | undefined;
export async function verifyDecoy(password: string): Promise<void> {
  decoy ??= hashPassword("decoy password that never matches");
  await verifyPassword(await decoy, password);
}

// No 0/O, 1/l/I: temporary passwords are read aloud over the phone and typed from paper.
const ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A one-time password (4 groups of 4, ~94 bits) the person must change at first sign-in. */
export function temporaryPassword(): string {
  const group = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return [group(), group(), group(), group()].join("-");
}
