import { createPrivateKey, randomBytes } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { generateExchangeKey, publicJwk } from "../../src/modules/proof/proof.keys.js";
import { MIN_DISTINCT_SECRET_CHARACTERS, PUBLISHED_JWT_SECRETS } from "../../src/published-secrets.js";
import { ROOT } from "../helpers/server-process.js";

/** Production refuses secrets others know: values published in this repository, and weak ones (src/published-secrets.ts). */

const generatedSecret = () => randomBytes(32).toString("base64url");
const production = () => ({ NODE_ENV: "production", DATABASE_URL: "postgres://db.example/imi", JWT_SECRET: generatedSecret() });

/** The Ed25519 key of a 32-byte seed, as EXCHANGE_SIGNING_KEY takes it (PKCS#8 PEM). */
function seedKeyPem(seed: Buffer): string {
  const der = Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), seed]);
  return createPrivateKey({ key: der, format: "der", type: "pkcs8" }).export({ format: "pem", type: "pkcs8" }) as string;
}

/** RFC 8032 §7.1 TEST 1: the private key printed in the standard (and, as a JWK, in RFC 8037 Appendix A). */
const RFC8032_TEST1 = seedKeyPem(Buffer.from("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", "hex"));

function refusal(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(Object.keys(env))}`);
}

describe("secrets production refuses", () => {
  it("refuses a JWT_SECRET published in this repository, without repeating it", () => {
    expect(PUBLISHED_JWT_SECRETS).toContain("a-production-secret-of-at-least-32-chars");
    for (const secret of PUBLISHED_JWT_SECRETS) {
      const message = refusal({ ...production(), JWT_SECRET: secret });
      expect(message).toMatch(/^JWT_SECRET is a value published in this repository, which production refuses: generate one/);
      expect(message).not.toContain(secret);
    }
  });

  it(`refuses a JWT_SECRET with fewer than ${MIN_DISTINCT_SECRET_CHARACTERS} distinct characters`, () => {
    for (const secret of ["x".repeat(40), "abcabcabcabcabcabcabcabcabcabcabcabc", "0123456012345601234560123456012345"]) {
      expect(refusal({ ...production(), JWT_SECRET: secret })).toMatch(/^JWT_SECRET has fewer than 8 distinct characters, which production refuses/);
    }
  });

  it("takes generated secrets, and published or weak ones outside production (tests, development)", () => {
    for (let i = 0; i < 50; i++) {
      expect(() => loadConfig({ ...production(), JWT_SECRET: randomBytes(16).toString("hex") })).not.toThrow();
      expect(() => loadConfig({ ...production(), JWT_SECRET: randomBytes(48).toString("base64") })).not.toThrow();
    }
    for (const secret of [...PUBLISHED_JWT_SECRETS, "x".repeat(40)]) {
      expect(() => loadConfig({ NODE_ENV: "test", JWT_SECRET: secret })).not.toThrow();
      expect(() => loadConfig({ JWT_SECRET: secret })).not.toThrow();
    }
  });

  it("still names what is missing first: DATABASE_URL before the quality of JWT_SECRET", () => {
    expect(refusal({ NODE_ENV: "production", JWT_SECRET: PUBLISHED_JWT_SECRETS[0] })).toMatch(/^DATABASE_URL is required/);
  });

  it("refuses the RFC 8032 / RFC 8037 example key as EXCHANGE_SIGNING_KEY, as a PEM or a JWK, and as a trusted public key", () => {
    const jwk = createPrivateKey(RFC8032_TEST1).export({ format: "jwk" });
    expect(jwk.x).toBe("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
    for (const key of [RFC8032_TEST1, JSON.stringify(jwk)]) {
      expect(refusal({ ...production(), EXCHANGE_SIGNING_KEY: key })).toMatch(
        /^EXCHANGE_SIGNING_KEY is a published example key \(RFC 8032 \/ RFC 8037\), which production refuses: generate one/,
      );
      expect(loadConfig({ NODE_ENV: "test", EXCHANGE_SIGNING_KEY: key }).exchangeSigningKey?.x).toBe(jwk.x);
    }
    const trusted = JSON.stringify({ keys: [publicJwk(generateExchangeKey("old")), { kty: "OKP", crv: "Ed25519", x: jwk.x, kid: "example" }] });
    const signing = JSON.stringify(generateExchangeKey("current"));
    expect(refusal({ ...production(), EXCHANGE_SIGNING_KEY: signing, EXCHANGE_PUBLIC_KEYS: trusted })).toMatch(
      /^EXCHANGE_PUBLIC_KEYS holds a key that is a published example key .*anyone could sign reports that verify under it/,
    );
  });

  it("refuses an EXCHANGE_SIGNING_KEY whose private key was not drawn at random, and takes a generated one", () => {
    expect(refusal({ ...production(), EXCHANGE_SIGNING_KEY: seedKeyPem(Buffer.alloc(32)) })).toMatch(
      /^EXCHANGE_SIGNING_KEY has fewer than 16 distinct bytes \(not generated at random\), which production refuses/,
    );
    const key = generateExchangeKey("2026-06");
    expect(loadConfig({ ...production(), EXCHANGE_SIGNING_KEY: JSON.stringify(key) }).exchangeSigningKey?.x).toBe(key.x);
  });

  it("lists every JWT_SECRET written in the docs, README, examples, tests, benchmarks and CI", () => {
    const found = new Map<string, string>();
    for (const file of textFiles(["README.md", "docs", "examples", "test", "bench", ".ci", "scripts"])) {
      const text = readFileSync(file, "utf8");
      // JWT_SECRET=… in a shell line or an env file, JWT_SECRET: "…" in code, and secret-like string literals.
      const patterns = [/JWT_SECRET\s*[=:]\s*["'`]?([A-Za-z0-9_\-+/=!.@#%^&*]{8,})/g, /["'`]([^\s"'`]*secret[^\s"'`]*)["'`]/gi];
      for (const pattern of patterns) {
        for (const [, value] of text.matchAll(pattern)) {
          if (value && value.length >= 32) found.set(value, relative(ROOT, file));
        }
      }
    }
    // The scan sees the secrets the tests sign with.
    expect([...found.keys()]).toEqual(expect.arrayContaining(["test-secret-of-at-least-32-characters!!", "another-secret-of-at-least-32-characters"]));
    const missing = [...found].filter(([value]) => !PUBLISHED_JWT_SECRETS.includes(value));
    expect(missing, "add these to PUBLISHED_JWT_SECRETS (src/published-secrets.ts), or generate them in the test").toEqual([]);
  });
});

/** The text files under these paths (relative to the repository), without dependencies, generated code and artifacts. */
function textFiles(paths: string[]): string[] {
  const skip = new Set(["node_modules", "generated", "artifacts", ".data"]);
  const files: string[] = [];
  const walk = (path: string) => {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      return;
    }
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path)) if (!skip.has(entry)) walk(join(path, entry));
    } else if (/\.(ts|js|mjs|md|sh|json|ya?ml|env)$|\/run$/.test(path) || path.endsWith("README.md")) {
      files.push(path);
    }
  };
  for (const path of paths) walk(join(ROOT, path));
  return files;
}
