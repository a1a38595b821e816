import { Secret, TOTP } from "otpauth";

const ISSUER = "IMI";

function totp(secretBase32: string, label = "user"): TOTP {
  // RFC 6238 with the parameters authenticator apps assume: SHA-1, 6 digits, 30 s.
  return new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secretBase32) });
}

export const TOTP_STEP_MS = 30_000;

/** The RFC 6238 time step of an instant: floor(unix seconds / 30). */
export function timeStepAt(at: Date): number {
  return Math.floor(at.getTime() / TOTP_STEP_MS);
}

/**
 * R-SEC-1: the second factor. One step of clock drift either way is accepted. Returns the time step
 * the code belongs to (so that the caller can accept it once), or null when it is not valid now.
 */
export function securityCodeStep(secretBase32: string, code: string, at: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secretBase32).validate({ token: code, timestamp: at.getTime(), window: 1 });
  return delta === null ? null : timeStepAt(at) + delta;
}

/** Whether the code is valid now (it may still have been used already: see `securityCodeStep`). */
export function verifySecurityCode(secretBase32: string, code: string, at: Date): boolean {
  return securityCodeStep(secretBase32, code, at) !== null;
}

export function securityCodeAt(secretBase32: string, at: Date): string {
  return totp(secretBase32).generate({ timestamp: at.getTime() });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secretBase32: string, email: string): string {
  return totp(secretBase32, email).toString();
}
