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
