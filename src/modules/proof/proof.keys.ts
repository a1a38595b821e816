import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";

/**
 * R-PROOF-1: the Ed25519 keys that sign exchange reports, as JWKs (RFC 8037). Parsing and checking
 * only, synchronous and free of process.env: config.ts reads the variables and calls these.
 */

/** A public Ed25519 key with its key id. */
export interface Ed25519PublicJwk {
  readonly kty: "OKP";
  readonly crv: "Ed25519";
  readonly x: string;
  readonly kid: string;
}

/** A private Ed25519 key (`d`) with its key id. Never leaves the server. */
export interface Ed25519PrivateJwk extends Ed25519PublicJwk {
  readonly d: string;
}

/** The keys one server works with. */
export interface ExchangeKeys {
  /** Signs new reports; its public part is published and trusted. */
  readonly signing: Ed25519PrivateJwk;
  /** Further public keys still trusted for verification, such as rotated-out signing keys. */
  readonly trusted: readonly Ed25519PublicJwk[];
}

/** A key that cannot be used, with a message that names the problem and never the key material. */
export class KeyError extends Error {}

const MAX_KID_LENGTH = 200;

function checkKid(kid: string, what: string): string {
  const trimmed = kid.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_KID_LENGTH || /[\s"<>]/.test(trimmed)) {
    throw new KeyError(`${what}: a key id must be 1 to ${MAX_KID_LENGTH} characters without spaces, quotes or angle brackets.`);
  }
  return trimmed;
}

/** RFC 7638 thumbprint of an OKP key (members crv, kty, x in lexicographic order), base64url SHA-256. */
export function thumbprint(jwk: Pick<Ed25519PublicJwk, "x">): string {
  const canonical = JSON.stringify({ crv: "Ed25519", kty: "OKP", x: jwk.x });
  return createHash("sha256").update(canonical).digest("base64url");
}

/** The public part: kty, crv, x and kid only, whatever else the key carried. */
export function publicJwk(jwk: Ed25519PublicJwk): Ed25519PublicJwk {
  return { kty: "OKP", crv: "Ed25519", x: jwk.x, kid: jwk.kid };
}

/** A fresh key pair; its key id is its thumbprint unless one is given. */
export function generateExchangeKey(kid?: string): Ed25519PrivateJwk {
  const { privateKey } = generateKeyPairSync("ed25519");
  const jwk = privateKey.export({ format: "jwk" }) as { x: string; d: string };
  return { kty: "OKP", crv: "Ed25519", x: jwk.x, d: jwk.d, kid: kid ?? thumbprint(jwk) };
}

function ed25519(key: KeyObject, what: string): KeyObject {
  if (key.asymmetricKeyType !== "ed25519") {
    throw new KeyError(`${what} must be an Ed25519 key, got ${key.asymmetricKeyType ?? "a symmetric key"}.`);
  }
  return key;
}

function parseJson(raw: string, what: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new KeyError(`${what} is neither a PEM nor valid JSON.`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A signing key from a PKCS#8 PEM or a private JWK (JSON), checked by importing it. The key id is
 * `kid` when given, else the JWK's own `kid`, else the key's thumbprint.
 */
export function parseSigningKey(raw: string, kid: string | undefined, what = "EXCHANGE_SIGNING_KEY"): Ed25519PrivateJwk {
  // Environment files often carry a PEM on one line with literal "\n".
  const text = raw.trim().replace(/\\n/g, "\n");
  let key: KeyObject;
  let ownKid: string | undefined;
  if (text.startsWith("-----BEGIN")) {
    if (!text.startsWith("-----BEGIN PRIVATE KEY-----")) {
      throw new KeyError(`${what} must be a PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----") or a private JWK.`);
    }
    try {
      key = createPrivateKey({ key: text, format: "pem" });
    } catch {
      throw new KeyError(`${what} is not a readable PKCS#8 PEM private key.`);
    }
  } else {
    const jwk = parseJson(text, what);
    if (!isRecord(jwk) || jwk.kty !== "OKP" || jwk.crv !== "Ed25519") throw new KeyError(`${what} must be an Ed25519 JWK (kty "OKP", crv "Ed25519").`);
    if (typeof jwk.d !== "string") throw new KeyError(`${what} is a public JWK: the signing key needs its private part "d".`);
    if (jwk.kid !== undefined && typeof jwk.kid !== "string") throw new KeyError(`${what}: "kid" must be a string.`);
    ownKid = jwk.kid as string | undefined;
    try {
      key = createPrivateKey({ key: { kty: "OKP", crv: "Ed25519", x: String(jwk.x), d: jwk.d }, format: "jwk" });
    } catch {
      throw new KeyError(`${what} is not a valid Ed25519 private JWK.`);
    }
    // A JWK whose x does not belong to its d would publish a key that verifies nothing it signs.
    const derived = createPublicKey(key).export({ format: "jwk" }) as { x: string };
    if (derived.x !== jwk.x) throw new KeyError(`${what}: its public part "x" does not belong to its private part "d".`);
  }
  const exported = ed25519(key, what).export({ format: "jwk" }) as { x: string; d: string };
  if (kid !== undefined && ownKid !== undefined && kid.trim() !== ownKid.trim()) {
    throw new KeyError(`EXCHANGE_SIGNING_KEY_ID "${kid}" differs from the kid "${ownKid}" inside ${what}: give one of them.`);
  }
  const keyId = checkKid(kid ?? ownKid ?? thumbprint(exported), "EXCHANGE_SIGNING_KEY_ID");
  return { kty: "OKP", crv: "Ed25519", x: exported.x, d: exported.d, kid: keyId };
}

/**
 * Trusted public keys from a JWKS (`{"keys": [...]}`) or a bare JSON array of JWKs. A key without
 * `kid` is known by its thumbprint. Private parts are refused: this set is public by definition.
 */
export function parsePublicKeys(raw: string, what = "EXCHANGE_PUBLIC_KEYS"): Ed25519PublicJwk[] {
  const parsed = parseJson(raw.trim(), what);
  const list = Array.isArray(parsed) ? parsed : isRecord(parsed) && Array.isArray(parsed.keys) ? parsed.keys : undefined;
  if (!list) throw new KeyError(`${what} must be a JWKS ({"keys": [...]}) or a JSON array of JWKs.`);
  const keys = list.map((jwk: unknown, i): Ed25519PublicJwk => {
    const at = `${what} key ${i + 1}`;
    if (!isRecord(jwk) || jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.x !== "string") {
      throw new KeyError(`${at} must be an Ed25519 public JWK (kty "OKP", crv "Ed25519", x).`);
    }
    if ("d" in jwk) throw new KeyError(`${at} holds a private part "d": list public keys only.`);
    if (jwk.kid !== undefined && typeof jwk.kid !== "string") throw new KeyError(`${at}: "kid" must be a string.`);
    try {
      ed25519(createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: jwk.x }, format: "jwk" }), at);
    } catch (error) {
      if (error instanceof KeyError) throw error;
      throw new KeyError(`${at} is not a valid Ed25519 public key.`);
    }
    return { kty: "OKP", crv: "Ed25519", x: jwk.x, kid: checkKid((jwk.kid as string | undefined) ?? thumbprint({ x: jwk.x }), at) };
  });
  const seen = new Map<string, string>();
  for (const key of keys) {
    if (seen.has(key.kid) && seen.get(key.kid) !== key.x) throw new KeyError(`${what} lists two different keys with kid "${key.kid}".`);
    seen.set(key.kid, key.x);
  }
  return keys;
}

/**
 * The key set a server works with: the signing key and the extra trusted keys, duplicates of the
 * signing key dropped. Two different keys under one kid would make verification ambiguous: refused.
 */
export function exchangeKeys(signing: Ed25519PrivateJwk, trusted: readonly Ed25519PublicJwk[] = []): ExchangeKeys {
  const extra: Ed25519PublicJwk[] = [];
  for (const key of trusted) {
    if (key.kid === signing.kid) {
      if (key.x !== signing.x) throw new KeyError(`EXCHANGE_PUBLIC_KEYS lists a different key under the signing key's kid "${signing.kid}".`);
      continue;
    }
    if (!extra.some((k) => k.kid === key.kid)) extra.push(publicJwk(key));
  }
  return Object.freeze({ signing, trusted: Object.freeze(extra) });
}
