import { generateKeyPairSync } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { keyFileFor, legacyKeyFileFor, resolveExchangeKeys } from "../../src/modules/proof/proof.key-store.js";
import { exchangeKeys, generateExchangeKey, KeyError, publicJwk, thumbprint } from "../../src/modules/proof/proof.keys.js";

/** Key handling without a database: config parsing, the generated key of the embedded default. */

const silent = createLogger("silent");
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

function ed25519Pem(): { pem: string; x: string; d: string } {
  const { privateKey } = generateKeyPairSync("ed25519");
  const jwk = privateKey.export({ format: "jwk" }) as { x: string; d: string };
  return { pem: privateKey.export({ format: "pem", type: "pkcs8" }) as string, x: jwk.x, d: jwk.d };
}

/** The configuration error loadConfig raises for this environment. */
function refusal(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig({ NODE_ENV: "test", ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(Object.keys(env))}`);
}

describe("exchange-report keys from the configuration", () => {
  it("R-PROOF-1 reads EXCHANGE_SIGNING_KEY as a PKCS#8 PEM or a private JWK, to the same key, named by its thumbprint unless given a kid", () => {
    const { pem, x, d } = ed25519Pem();
    const fromPem = loadConfig({ NODE_ENV: "test", EXCHANGE_SIGNING_KEY: pem }).exchangeSigningKey;
    expect(fromPem).toEqual({ kty: "OKP", crv: "Ed25519", x, d, kid: thumbprint({ x }) });
    // One line with literal \n, as environment files carry it.
    expect(loadConfig({ NODE_ENV: "test", EXCHANGE_SIGNING_KEY: pem.replace(/\n/g, "\\n") }).exchangeSigningKey).toEqual(fromPem);
    const jwk = JSON.stringify({ kty: "OKP", crv: "Ed25519", x, d });
    expect(loadConfig({ NODE_ENV: "test", EXCHANGE_SIGNING_KEY: jwk }).exchangeSigningKey).toEqual(fromPem);
    expect(loadConfig({ NODE_ENV: "test", EXCHANGE_SIGNING_KEY: pem, EXCHANGE_SIGNING_KEY_ID: "imi-2026-06" }).exchangeSigningKey?.kid).toBe("imi-2026-06");
    const withKid = JSON.stringify({ kty: "OKP", crv: "Ed25519", x, d, kid: "own-kid" });
    expect(loadConfig({ NODE_ENV: "test", EXCHANGE_SIGNING_KEY: withKid }).exchangeSigningKey?.kid).toBe("own-kid");
    expect(refusal({ EXCHANGE_SIGNING_KEY: withKid, EXCHANGE_SIGNING_KEY_ID: "other-kid" })).toMatch(/differs/);
    const none = loadConfig({ NODE_ENV: "test" });
    expect(none.exchangeSigningKey).toBeUndefined();
    expect(none.exchangePublicKeys).toEqual([]);
  });

  it("R-PROOF-1 refuses unusable signing keys with a message naming the variable and never the key material", () => {
    const { pem, x, d } = ed25519Pem();
    const other = ed25519Pem();
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "pem", type: "pkcs8" }) as string;
    const cases: [NodeJS.ProcessEnv, RegExp][] = [
      [{ EXCHANGE_SIGNING_KEY: rsa }, /must be an Ed25519 key/],
      [{ EXCHANGE_SIGNING_KEY: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----" }, /not a readable PKCS#8 PEM/],
      [{ EXCHANGE_SIGNING_KEY: "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----" }, /PKCS#8 PEM/],
      [{ EXCHANGE_SIGNING_KEY: JSON.stringify({ kty: "OKP", crv: "Ed25519", x }) }, /public JWK/],
      [{ EXCHANGE_SIGNING_KEY: JSON.stringify({ kty: "OKP", crv: "Ed25519", x: other.x, d }) }, /does not belong/],
      [{ EXCHANGE_SIGNING_KEY: JSON.stringify({ kty: "EC", crv: "P-256", x, d }) }, /Ed25519 JWK/],
      [{ EXCHANGE_SIGNING_KEY: "secret" }, /neither a PEM nor valid JSON/],
      [{ EXCHANGE_SIGNING_KEY: pem, EXCHANGE_SIGNING_KEY_ID: "has space" }, /key id/],
      [{ EXCHANGE_SIGNING_KEY_ID: "lonely" }, /without EXCHANGE_SIGNING_KEY/],
    ];
    for (const [env, message] of cases) {
      const text = refusal(env);
      expect(text, JSON.stringify(env).slice(0, 60)).toMatch(message);
      expect(text).toMatch(/EXCHANGE_SIGNING_KEY/);
      for (const secret of [d, other.d, "AAAA"]) expect(text).not.toContain(secret);
    }
  });

  it("R-PROOF-1 reads EXCHANGE_PUBLIC_KEYS as a JWKS of public keys and refuses private parts in it", () => {
    const retired = generateExchangeKey("2025-12");
    const unnamed = generateExchangeKey();
    const set = JSON.stringify({ keys: [publicJwk(retired), { kty: "OKP", crv: "Ed25519", x: unnamed.x }] });
    const config = loadConfig({ NODE_ENV: "test", EXCHANGE_PUBLIC_KEYS: set });
    expect(config.exchangePublicKeys).toEqual([publicJwk(retired), { kty: "OKP", crv: "Ed25519", x: unnamed.x, kid: thumbprint(unnamed) }]);
    expect(loadConfig({ NODE_ENV: "test", EXCHANGE_PUBLIC_KEYS: JSON.stringify([publicJwk(retired)]) }).exchangePublicKeys).toEqual([publicJwk(retired)]);
    const privateInSet = refusal({ EXCHANGE_PUBLIC_KEYS: JSON.stringify({ keys: [retired] }) });
    expect(privateInSet).toMatch(/EXCHANGE_PUBLIC_KEYS key 1 holds a private part/);
    expect(privateInSet).not.toContain(retired.d);
    expect(refusal({ EXCHANGE_PUBLIC_KEYS: "{}" })).toMatch(/must be a JWKS/);
    expect(refusal({ EXCHANGE_PUBLIC_KEYS: JSON.stringify({ keys: [{ kty: "OKP", crv: "Ed25519", x: "short" }] }) })).toMatch(/not a valid Ed25519 public key/);
    expect(
      refusal({ EXCHANGE_PUBLIC_KEYS: JSON.stringify({ keys: [publicJwk(retired), { ...publicJwk(unnamed), kid: "2025-12" }] }) }),
    ).toMatch(/two different keys with kid "2025-12"/);
  });

  it("R-PROOF-1 a key set never holds two keys under one kid, and drops the signing key's own duplicate", () => {
    const signing = generateExchangeKey("current");
    const old = generateExchangeKey("old");
    expect(exchangeKeys(signing, [publicJwk(signing), publicJwk(old), publicJwk(old)]).trusted).toEqual([publicJwk(old)]);
    expect(() => exchangeKeys(signing, [{ ...publicJwk(old), kid: "current" }])).toThrow(KeyError);
  });
});

describe("the embedded default's signing key", () => {
  const base = { exchangeSigningKey: undefined, exchangePublicKeys: [], databaseUrl: undefined, production: false };

  it("R-PROOF-1 is generated on first start inside the PGlite folder (owner-only) and reused on the next", async () => {
    const dir = await mkdtemp(join(tmpdir(), "imi-keys-"));
    dirs.push(dir);
    const pgliteDir = join(dir, "data", "pglite");
    const file = keyFileFor(pgliteDir);
    // Issue 15: inside the folder, so deleting the folder to start again removes the key with it.
    expect(file).toBe(join(dir, "data", "pglite", "exchange-signing-key.json"));
    expect(keyFileFor(`${pgliteDir}/`)).toBe(file);

    const first = await resolveExchangeKeys({ ...base, pgliteDir }, silent);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
    expect(stored).toEqual({ ...first.signing });
    const second = await resolveExchangeKeys({ ...base, pgliteDir }, silent);
    expect(second.signing).toEqual(first.signing);
    expect(first.signing.kid).toBe(thumbprint(first.signing));

    // A configured key wins, and the file is left alone.
    const configured = generateExchangeKey("configured");
    expect((await resolveExchangeKeys({ ...base, pgliteDir, exchangeSigningKey: configured }, silent)).signing).toEqual(configured);
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual(stored);
  });

  it("R-PROOF-1 a key an earlier release kept beside the folder moves inside it and still signs", async () => {
    const dir = await mkdtemp(join(tmpdir(), "imi-keys-"));
    dirs.push(dir);
    const pgliteDir = join(dir, "pglite");
    const earlier = generateExchangeKey("earlier");
    await writeFile(legacyKeyFileFor(pgliteDir), JSON.stringify(earlier), { mode: 0o600 });
    expect((await resolveExchangeKeys({ ...base, pgliteDir }, silent)).signing).toEqual(earlier);
    expect(JSON.parse(await readFile(keyFileFor(pgliteDir), "utf8"))).toEqual(earlier);
    await expect(stat(legacyKeyFileFor(pgliteDir))).rejects.toThrow(/ENOENT/);
  });

  it("R-PROOF-1 refuses a damaged key file rather than silently replacing it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "imi-keys-"));
    dirs.push(dir);
    const pgliteDir = join(dir, "pglite");
    await mkdir(pgliteDir);
    await writeFile(keyFileFor(pgliteDir), "{ damaged");
    await expect(resolveExchangeKeys({ ...base, pgliteDir }, silent)).rejects.toThrow(/Delete the file to generate a new key/);
  });

  it("R-PROOF-1 is a throw-away key per process in memory or on PostgreSQL outside production, and a configuration error in production", async () => {
    const memory = await resolveExchangeKeys({ ...base, pgliteDir: "memory://" }, silent);
    const again = await resolveExchangeKeys({ ...base, pgliteDir: "memory://" }, silent);
    expect(memory.signing.x).not.toBe(again.signing.x);
    const postgres = await resolveExchangeKeys({ ...base, pgliteDir: ".data/never-created", databaseUrl: "postgres://x@127.0.0.1/y" }, silent);
    expect(postgres.signing.d).toEqual(expect.any(String));
    await expect(
      resolveExchangeKeys({ ...base, pgliteDir: "memory://", databaseUrl: "postgres://x@127.0.0.1/y", production: true }, silent),
    ).rejects.toThrow(new ConfigError("EXCHANGE_SIGNING_KEY is required when NODE_ENV=production: exchange reports must verify across restarts and replicas."));
  });
});
