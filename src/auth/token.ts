import { randomUUID } from "node:crypto";
import { SignJWT, jwtVerify } from "jose";

const ISSUER = "imi-api";
const AUDIENCE = "imi-api";

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
    .sign(secret);
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
    const { payload } = await jwtVerify(token, secret, {
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
