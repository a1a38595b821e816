import { createRemoteJWKSet, decodeJwt, errors as joseErrors, jwtVerify, type JWTPayload } from "jose";
import type { OidcIssuerConfig } from "./sso.config.js";
import type { AuthFailureReason } from "../errors.js";

/** What a verified SSO token says: which issuer, and the value naming the user (userClaim). */
/**
 * A refused token says why for a client as our own tokens do (errors.ts AUTH_FAILURE_REASONS; found
 * from outside: every refused sign-in came back without a reason, so a client could not tell "sign
 * in again" from "discard this token"); none when the provider's keys cannot be read (not the token's fault).
 */
export type OidcIdentity = { issuer: OidcIssuerConfig; userName: string } | { failure: string; reason?: AuthFailureReason };

/** Asymmetric algorithms only: an issuer's token is never checked with a shared secret. */
const ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"];

type KeySet = ReturnType<typeof createRemoteJWKSet>;

/**
 * Single sign-on (issue 16): tokens of the configured OpenID Connect issuers (sso.config.ts),
 * verified against each issuer's JWKS (jose caches the keys and re-reads them for an unknown `kid`).
 * The user is then looked up among ours and re-read on every request, as for our own tokens
 * (modules/session/auth.service.ts): nobody is created, no right is granted by a token.
 */
export class OidcVerifier {
  private readonly keySets = new Map<string, Promise<KeySet>>();

  constructor(
    private readonly issuers: readonly OidcIssuerConfig[],
    private readonly fetchJson: (url: string) => Promise<unknown> = defaultFetchJson,
  ) {}

  /** Whether the token claims to come from one of the configured issuers (unverified; verify() decides). */
  issuerOf(token: string): OidcIssuerConfig | undefined {
    if (this.issuers.length === 0) return undefined;
    let claims: JWTPayload;
    try {
      claims = decodeJwt(token);
    } catch {
      return undefined;
    }
    return this.issuers.find((issuer) => issuer.issuer === claims.iss);
  }

  async verify(token: string, now: Date): Promise<OidcIdentity> {
    const issuer = this.issuerOf(token);
    if (!issuer) return { failure: "The token's issuer is not one this API trusts.", reason: "TOKEN_INVALID" };
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await this.keySet(issuer), {
        issuer: issuer.issuer,
        audience: issuer.audience,
        algorithms: ALGORITHMS,
        currentDate: now,
        clockTolerance: 30,
        // Pentest F3: a token without exp never expired; one signed long ago is refused whatever its exp.
        requiredClaims: ["exp", "iat"],
        maxTokenAge: issuer.maxTokenAgeSeconds,
      }));
    } catch (error) {
      return { failure: describe(error), ...reasonOf(error) };
    }
    if (issuer.acceptedAcr && !(typeof payload.acr === "string" && issuer.acceptedAcr.includes(payload.acr))) {
      return { failure: `Your sign-in at ${issuer.issuer} was not strong enough for this API (acr): sign in again with a second factor.`, reason: "TOKEN_INVALID" };
    }
    const amr = Array.isArray(payload.amr) ? payload.amr : [];
    if (issuer.requiredAmr && !issuer.requiredAmr.some((method) => amr.includes(method))) {
      return { failure: `Your sign-in at ${issuer.issuer} did not use a method this API requires (amr): sign in again with a second factor.`, reason: "TOKEN_INVALID" };
    }
    const userName = payload[issuer.userClaim];
    if (typeof userName !== "string" || userName.length === 0) return { failure: `The token does not name you (claim ${issuer.userClaim}).`, reason: "TOKEN_INVALID" };
    // Pentest F3: a missing email_verified is no verification; only an explicit true names the user.
    if (issuer.userClaim === "email" && payload.email_verified !== true) return { failure: "The token's e-mail address is not verified by its issuer.", reason: "TOKEN_INVALID" };
    return { issuer, userName };
  }

  private keySet(issuer: OidcIssuerConfig): Promise<KeySet> {
    let keys = this.keySets.get(issuer.issuer);
    if (!keys) {
      keys = (async () => {
        const uri = issuer.jwksUri ?? (await this.discoveredJwksUri(issuer.issuer));
        return createRemoteJWKSet(new URL(uri), { timeoutDuration: 5000, cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
      })();
      // A failed discovery is tried again at the next token, not remembered.
      keys.catch(() => this.keySets.delete(issuer.issuer));
      this.keySets.set(issuer.issuer, keys);
    }
    return keys;
  }

  private async discoveredJwksUri(issuer: string): Promise<string> {
    const url = `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
    const document = (await this.fetchJson(url)) as { issuer?: unknown; jwks_uri?: unknown };
    if (document?.issuer !== issuer || typeof document.jwks_uri !== "string") {
      throw new Error(`the discovery document of ${issuer} does not name this issuer and a jwks_uri`);
    }
    return document.jwks_uri;
  }
}

async function defaultFetchJson(url: string): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5000), headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

/** Expired (or signed too long ago: jose's maxTokenAge) or otherwise refused by jose; nothing when the keys could not be read. */
function reasonOf(error: unknown): { reason?: AuthFailureReason } {
  if (error instanceof joseErrors.JWTExpired) return { reason: "TOKEN_EXPIRED" };
  return error instanceof joseErrors.JOSEError && !(error instanceof joseErrors.JWKSTimeout) ? { reason: "TOKEN_INVALID" } : {};
}

function describe(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return "Your sign-in has expired: sign in again.";
  if (error instanceof joseErrors.JWTClaimValidationFailed && error.reason === "missing") {
    return `The token lacks the ${error.claim} claim this API requires: sign in again.`;
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `The token is not for this API (${error.claim}).`;
  if (error instanceof joseErrors.JWKSNoMatchingKey || error instanceof joseErrors.JWSSignatureVerificationFailed) return "The token's signature does not verify.";
  if (error instanceof joseErrors.JOSEError) return "The token is invalid.";
  // Discovery or JWKS unreachable: said so, so the user knows it is not their token.
  return "The identity provider's keys cannot be read right now: try again shortly.";
}
