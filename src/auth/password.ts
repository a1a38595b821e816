import { hash, verify } from "@node-rs/argon2";

/** Algorithm.Argon2id: a const enum, which isolatedModules cannot read. */
const ARGON2ID = 2;

// OWASP's argon2id minimum (m=19 MiB, t=2, p=1): about 90 ms per hash here.
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A valid hash of nothing anyone knows: verified against when the e-mail is unknown, so both cost the same. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(`decoy-${Math.random()}`);
  return decoyHash;
}

/** R-SEC-1: a password's length bounds, in characters a person types and sees (passwordProblem). */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

/**
 * What is wrong with a chosen password, or null. Counted in characters (code points), not UTF-16
 * units, and without the invisible ones (format and control characters): found from outside, twelve
 * zero-width spaces and six emoji each passed "at least 12 characters". Not only spaces either.
 */
export function passwordProblem(password: string): string | null {
  const counted = Array.from(password).filter((character) => !/[\p{Cf}\p{Cc}]/u.test(character));
  const visible = counted.some((character) => !/[\p{Z}\s]/u.test(character));
  if (counted.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH || !visible) {
    return `The password must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters, not only spaces, invisible characters not counted.`;
  }
  return null;
}
