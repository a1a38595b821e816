import { randomUUID, webcrypto } from "node:crypto";
import { SignJWT, jwtVerify } from "jose";

const ISSUER = "imi-api";
const AUDIENCE = "imi-api";

/**
 * Issue 14: the HMAC key imported into WebCrypto once per secret. Given the raw bytes, jose imports
 * them again on every sign and verify (crypto.subtle.importKey, a round trip through node's crypto
 * job queue); bench/request-path.ts measures the difference.
 */
const importedKeys = new WeakMap<Uint8Array, Promise<webcrypto.CryptoKey>>();
function hmacKeyOf(secret: Uint8Array): Promise<webcrypto.CryptoKey> {
  let key = importedKeys.get(secret);
  if (!key) {
    key = webcrypto.subtle.importKey("raw", secret, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
    importedKeys.set(secret, key);
  }
  return key;
}

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/** A signed short-lived session token; the user is re-checked on every request (R-USER-2). */
export async function issueToken(secret: Uint8Array, userId: string, now: Date, ttlSeconds: number): Promise<IssuedToken> {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + ttlSeconds;
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setJti(randomUUID())
    .sign(await hmacKeyOf(secret));
  return { token, expiresAt: new Date(exp * 1000) };
}

/** The user id the token was issued to, or null when it is forged, expired or malformed. */
export async function verifyToken(secret: Uint8Array, token: string, now: Date): Promise<string | null> {
  const checked = await checkToken(secret, token, now);
  return "userId" in checked ? checked.userId : null;
}

/**
 * The user id, or why the token is refused (issue 15): `expired` when it was ours and is only out of
 * date (log in again), `invalid` for everything else: forged, malformed, another issuer's.
 */
export async function checkToken(secret: Uint8Array, token: string, now: Date): Promise<{ userId: string } | { problem: "expired" | "invalid" }> {
  try {
    const { payload } = await jwtVerify(token, await hmacKeyOf(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ["HS256"],
      currentDate: now,
    });
    return typeof payload.sub === "string" ? { userId: payload.sub } : { problem: "invalid" };
  } catch (error) {
    // jose checks the signature before the claims: an expired token here was signed with our key.
    return { problem: (error as { code?: string }).code === "ERR_JWT_EXPIRED" ? "expired" : "invalid" };
  }
}
