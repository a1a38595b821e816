import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * R-SEC-1 enrolment codes: 20 random bytes (160 bits), written as 32 RFC 4648 base32 characters in
 * groups of four, so that they survive being read off a mail and typed. Only a SHA-256 of the
 * normalised code is stored: with 160 bits of entropy nobody can search the hash space, so a slow
 * hash (argon2) would add nothing but cost.
 */
export const ENROLMENT_CODE_BYTES = 20;

/** A code is accepted for 72 hours after it was issued; resendEnrolment issues a new one. */
export const ENROLMENT_CODE_TTL_MS = 72 * 3600 * 1000;

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function newEnrolmentCode(): string {
  return base32(randomBytes(ENROLMENT_CODE_BYTES)).match(/.{1,4}/g)!.join("-");
}

/** Case, spaces and hyphens do not matter: what a person may type differently. */
export function normaliseEnrolmentCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]+/g, "");
}

export function hashEnrolmentCode(code: string): string {
  return createHash("sha256").update(normaliseEnrolmentCode(code)).digest("hex");
}

/** Compares a stored hash with a typed code's in constant time. */
export function enrolmentCodeMatches(storedHash: string, code: string): boolean {
  const a = Buffer.from(storedHash, "hex");
  const b = Buffer.from(hashEnrolmentCode(code), "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
