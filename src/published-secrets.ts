/**
 * Secrets that production refuses (config.ts): values written down in this repository or in
 * standards, which anyone can read, and values too weak to be keys. Outside production they are
 * accepted: the tests sign with some of them.
 *
 * Keep the lists complete: when a doc, README, example, test or CI script (.ci/) shows a JWT_SECRET
 * or an Ed25519 key, add it here (grep for `JWT_SECRET` and `EXCHANGE_SIGNING_KEY`). Tests should
 * generate their production secrets (crypto.randomBytes, generateExchangeKey) instead of writing
 * new ones down.
 */

/** JWT_SECRET values written in this repository (its tests; the docs and examples show none). */
export const PUBLISHED_JWT_SECRETS: readonly string[] = [
  "a-production-secret-of-at-least-32-chars",
  "test-secret-of-at-least-32-characters!!",
  "another-secret-of-at-least-32-characters",
];

/**
 * Public parts (JWK `x`) of Ed25519 keys whose private keys are printed in standards and copied
 * into examples everywhere: RFC 8032 §7.1 TEST 1 (also RFC 8037 Appendix A, the JOSE example
 * key), TEST 2 and TEST 3. Refused as the signing key and as a trusted verification key: anyone
 * could sign a report that verifies under them.
 */
export const PUBLISHED_ED25519_KEYS: readonly string[] = [
  "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
  "PUAXw-hDiVqStwqnTRt-vJyYLM8uxJaMwM1V8Sr0Zgw",
  "_FHNjmIYoaONpH7QAjDwWAgW7RO6MwOsXeuRFUiQgCU",
];

/**
 * A JWT_SECRET with fewer distinct characters was typed, not generated ("aaaa…", "abcabcabc…").
 * Generated ones are well above it: 32 random hex digits (128 bits, the shortest usual form) showed
 * at least 9 in 200,000 draws, 64 base64 characters about 40.
 */
export const MIN_DISTINCT_SECRET_CHARACTERS = 8;

/** An Ed25519 private key (32 random bytes) with fewer distinct bytes was not drawn at random (all zeros, a repeated byte). */
export const MIN_DISTINCT_KEY_BYTES = 16;

/** Why a JWT_SECRET must not be used in production, or null when nothing is known against it. */
export function jwtSecretProblem(secret: string): string | null {
  if (PUBLISHED_JWT_SECRETS.includes(secret)) return "is a value published in this repository";
  if (new Set(secret).size < MIN_DISTINCT_SECRET_CHARACTERS) return `has fewer than ${MIN_DISTINCT_SECRET_CHARACTERS} distinct characters`;
  return null;
}

/** Why an Ed25519 key (its JWK `x`, and `d` when private) must not be used in production, or null. */
export function ed25519KeyProblem(jwk: { x: string; d?: string }): string | null {
  if (PUBLISHED_ED25519_KEYS.includes(jwk.x)) return "is a published example key (RFC 8032 / RFC 8037)";
  if (jwk.d !== undefined && new Set(Buffer.from(jwk.d, "base64url")).size < MIN_DISTINCT_KEY_BYTES) {
    return `has fewer than ${MIN_DISTINCT_KEY_BYTES} distinct bytes (not generated at random)`;
  }
  return null;
}
