import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { ConfigError, type Config } from "../../config.js";
import type { Logger } from "../../logger.js";
import { exchangeKeys, generateExchangeKey, KeyError, parseSigningKey, type ExchangeKeys } from "./proof.keys.js";

/**
 * Where the embedded default keeps its generated signing key: inside the PGlite data folder
 * (`.data/pglite/exchange-signing-key.json`), so the key lives and dies with that database (issue 15:
 * deleting the folder to start again removes it too) and two data folders never share one. It holds
 * no personal data, so the folder scans of R-RETAIN-3 are not concerned; the personal-data master key
 * stays outside the folder on purpose (master-key.resolve.ts).
 */
export function keyFileFor(pgliteDir: string): string {
  return join(pgliteDir.replace(/[/\\]+$/, ""), "exchange-signing-key.json");
}

/** Where releases up to 0.2 kept it: beside the folder (`.data/pglite.exchange-signing-key.json`). */
export function legacyKeyFileFor(pgliteDir: string): string {
  const dir = pgliteDir.replace(/[/\\]+$/, "");
  return join(dirname(dir), `${basename(dir)}.exchange-signing-key.json`);
}

/** A key kept beside the folder by an earlier release moves inside it, so its reports still verify. */
async function moveLegacyKey(pgliteDir: string, logger: Logger): Promise<void> {
  const from = legacyKeyFileFor(pgliteDir);
  const to = keyFileFor(pgliteDir);
  try {
    await readFile(to);
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  try {
    await mkdir(dirname(to), { recursive: true });
    await rename(from, to);
    logger.info({ from, to }, "moved the exchange-report signing key into the data folder");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

/** The key in the file, or a new one written there (mode 0600) when there is none yet. */
async function loadOrCreate(file: string, logger: Logger): Promise<ReturnType<typeof generateExchangeKey>> {
  try {
    return parseSigningKey(await readFile(file, "utf8"), undefined, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      if (error instanceof KeyError) throw new KeyError(`${error.message} Delete the file to generate a new key (reports it signed will no longer verify).`);
      throw error;
    }
  }
  const key = generateExchangeKey();
  await mkdir(dirname(file), { recursive: true });
  try {
    // "wx": a second process starting at the same moment keeps the first one's key.
    await writeFile(file, `${JSON.stringify(key, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return parseSigningKey(await readFile(file, "utf8"), undefined, file);
    throw error;
  }
  logger.info({ kid: key.kid, file }, "generated an exchange-report signing key");
  return key;
}

/**
 * R-PROOF-1: the signing key and trusted keys for this server. A configured key always wins. Without
 * one, the embedded default generates a key once and keeps it inside its data folder, so reports verify
 * across restarts; on PostgreSQL outside production (config refuses production without a key) each
 * process signs with a key of its own, which is said loudly: its reports stop verifying at restart.
 * Only the server needs the key: CLIs (migrate, seed) never ask, so production refuses it here.
 */
export async function resolveExchangeKeys(
  config: Pick<Config, "exchangeSigningKey" | "exchangePublicKeys" | "databaseUrl" | "pgliteDir" | "production">,
  logger: Logger,
): Promise<ExchangeKeys> {
  if (config.exchangeSigningKey) return exchangeKeys(config.exchangeSigningKey, config.exchangePublicKeys);
  if (config.production) {
    throw new ConfigError("EXCHANGE_SIGNING_KEY is required when NODE_ENV=production: exchange reports must verify across restarts and replicas.");
  }
  if (!config.databaseUrl && !config.pgliteDir.startsWith("memory://")) {
    await moveLegacyKey(config.pgliteDir, logger);
    return exchangeKeys(await loadOrCreate(keyFileFor(config.pgliteDir), logger), config.exchangePublicKeys);
  }
  const key = generateExchangeKey();
  logger.warn(
    { kid: key.kid },
    "no EXCHANGE_SIGNING_KEY: exchange reports are signed with a key of this process only and will not verify after a restart",
  );
  return exchangeKeys(key, config.exchangePublicKeys);
}

/** For the server's entry: the keys, or a one-line configuration message and exit code 1 (no stack trace). */
export async function resolveExchangeKeysOrExit(config: Parameters<typeof resolveExchangeKeys>[0], logger: Logger): Promise<ExchangeKeys> {
  try {
    return await resolveExchangeKeys(config, logger);
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof KeyError)) throw error;
    console.error(`Configuration error: ${error.message}`);
    process.exit(1);
  }
}
