import { Secret, TOTP } from "otpauth";

const ISSUER = "IMI";

function totp(secretBase32: string, label = "user"): TOTP {
  // RFC 6238 with the parameters authenticator apps assume: SHA-1, 6 digits, 30 s.
  return new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secretBase32) });
}

/** R-SEC-1: the second factor. One step of clock drift either way is accepted. */
export function verifySecurityCode(secretBase32: string, code: string, at: Date): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return totp(secretBase32).validate({ token: code, timestamp: at.getTime(), window: 1 }) !== null;
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
