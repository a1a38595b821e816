/**
 * OIDC_ISSUERS (issue 16, single sign-on): the OpenID Connect issuers whose ID or access tokens the
 * API accepts besides its own session tokens. A JSON array, one object per issuer:
 *
 *   [{ "issuer": "https://ecas.example.eu/cas/oauth2", "audience": "imi-api", "userClaim": "email",
 *      "acceptedAcr": ["substantial", "high"], "requiredAmr": ["mfa"], "memberStates": ["DK"] }]
 *
 * - issuer: the `iss` of its tokens; its keys are read from its discovery document
 *   (`<issuer>/.well-known/openid-configuration`, `jwks_uri`) unless `jwksUri` is given;
 * - audience: the `aud` its tokens must carry for this API;
 * - userClaim: the claim naming the user, matched to an existing user's e-mail (never created);
 * - acceptedAcr / requiredAmr: the second factor is the issuer's: its `acr` must be one of these
 *   (when set) and its `amr` must hold at least one of these (when set);
 * - memberStates: the users this issuer may name, by their authority's member state (a national
 *   identity provider names its own state's users only); absent: any (the Commission's);
 * - maxTokenAgeSeconds: how old (by `iat`) a token may be, whatever its `exp` says (pentest F3);
 *   default 1800, our own tokens' default lifetime, at most a day. Every token must carry `exp` and
 *   `iat`, and with userClaim "email" `email_verified: true`: no setting relaxes these.
 */
export interface OidcIssuerConfig {
  readonly issuer: string;
  readonly audience: string;
  readonly userClaim: string;
  readonly jwksUri?: string;
  readonly acceptedAcr?: readonly string[];
  readonly requiredAmr?: readonly string[];
  readonly memberStates?: readonly string[];
  readonly maxTokenAgeSeconds: number;
}

/** Pentest F3: an issuer's token is at most this old unless its entry says less (or more, up to a day). */
export const DEFAULT_MAX_TOKEN_AGE_SECONDS = 30 * 60;

export class OidcConfigError extends Error {}

const strings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === "string" && v.length > 0);

export function parseOidcIssuers(raw: string | undefined, production: boolean): readonly OidcIssuerConfig[] {
  if (raw === undefined || raw.trim() === "") return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new OidcConfigError("OIDC_ISSUERS must be a JSON array of issuers (docs/api-guide.md, single sign-on).");
  }
  if (!Array.isArray(parsed)) throw new OidcConfigError("OIDC_ISSUERS must be a JSON array of issuers.");
  const seen = new Set<string>();
  return Object.freeze(
    parsed.map((entry: unknown, i) => {
      const e = entry as Record<string, unknown>;
      const where = `OIDC_ISSUERS[${i}]`;
      if (!e || typeof e !== "object") throw new OidcConfigError(`${where} must be an object.`);
      for (const key of ["issuer", "audience", "userClaim"] as const) {
        if (typeof e[key] !== "string" || (e[key] as string).length === 0) throw new OidcConfigError(`${where}.${key} is required (a string).`);
      }
      const issuer = e.issuer as string;
      let url: URL;
      try {
        url = new URL(issuer);
      } catch {
        throw new OidcConfigError(`${where}.issuer must be a URL, got "${issuer}".`);
      }
      // Keys fetched over plain HTTP could be swapped on the way: only loopback (tests) may use it, never production.
      const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
      if (url.protocol !== "https:" && (production || !loopback)) throw new OidcConfigError(`${where}.issuer must use https.`);
      if (seen.has(issuer)) throw new OidcConfigError(`${where}: issuer ${issuer} is listed twice.`);
      seen.add(issuer);
      for (const key of ["acceptedAcr", "requiredAmr", "memberStates"] as const) {
        if (e[key] !== undefined && !strings(e[key])) throw new OidcConfigError(`${where}.${key} must be an array of strings.`);
      }
      const maxAge = e.maxTokenAgeSeconds ?? DEFAULT_MAX_TOKEN_AGE_SECONDS;
      if (typeof maxAge !== "number" || !Number.isInteger(maxAge) || maxAge < 60 || maxAge > 24 * 3600) {
        throw new OidcConfigError(`${where}.maxTokenAgeSeconds must be a whole number of seconds from 60 to 86400.`);
      }
      if (e.jwksUri !== undefined && typeof e.jwksUri !== "string") throw new OidcConfigError(`${where}.jwksUri must be a URL.`);
      return Object.freeze({
        issuer,
        audience: e.audience as string,
        userClaim: e.userClaim as string,
        maxTokenAgeSeconds: maxAge,
        ...(e.jwksUri ? { jwksUri: e.jwksUri as string } : {}),
        ...(e.acceptedAcr ? { acceptedAcr: e.acceptedAcr as string[] } : {}),
        ...(e.requiredAmr ? { requiredAmr: e.requiredAmr as string[] } : {}),
        ...(e.memberStates ? { memberStates: e.memberStates as string[] } : {}),
      });
    }),
  );
}
