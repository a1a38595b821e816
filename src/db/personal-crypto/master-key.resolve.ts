import { mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { sql } from "drizzle-orm";
import { ConfigError, type Config } from "../../config.js";
import type { Logger } from "../../logger.js";
import type { Executor } from "../database.js";
import { rowsOf } from "../rows.js";
import { KEY_BYTES, newDataKey } from "./cipher.js";
import { installMasterKeys, type MasterKeys } from "./master-keys.js";

/**
 * R-RETAIN-3: where the server's master key (the key-encryption key of every personal-data key)
 * comes from, at start:
 *
 * - PERSONAL_DATA_MASTER_KEY / _FILE (config.ts), always first; production requires it, so that WAL,
 *   backups and dumps of the database hold wrapped keys and ciphertext only, and the key is kept
 *   (and backed up) apart from them (docs/deployment.md);
 * - the embedded default (PGlite on disk): a key generated once into a file beside the data folder
 *   (`.data/pglite` → `.data/pglite.personal-data-master-key`, mode 0600), as the exchange-report
 *   signing key is: it lives and dies with that database, and a scan of the data folder never finds it;
 * - PostgreSQL outside production without a key: a development key kept in the database itself
 *   (owner DEV_MASTER_KEY_OWNER of personal_data_keys), said loudly: replicas and restarts agree, but
 *   the database then holds what opens it, which is why production refuses it.
 */
export const DEV_MASTER_KEY_OWNER = "00000000-0000-0000-0000-000000000002";

export function masterKeyFileFor(pgliteDir: string): string {
  const dir = pgliteDir.replace(/[/\\]+$/, "");
  return join(dirname(dir), `${basename(dir)}.personal-data-master-key`);
}

async function fromFile(file: string, logger: Logger): Promise<Buffer> {
  try {
    const key = Buffer.from((await readFile(file, "utf8")).trim(), "base64");
    if (key.length !== KEY_BYTES) throw new ConfigError(`${file} does not hold a 32-byte personal-data master key in base64.`);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const key = newDataKey();
  await mkdir(dirname(file), { recursive: true });
  try {
    // "wx": a second process starting at the same moment keeps the first one's key.
    await writeFile(file, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return fromFile(file, logger);
    throw error;
  }
  logger.info({ file }, "generated the personal-data master key beside the data folder");
  return key;
}

async function fromDatabase(db: Executor, logger: Logger): Promise<Buffer> {
  const fresh = newDataKey();
  await db.execute(sql`insert into personal_data_keys (owner_id, wrapped, created_at)
    values (${DEV_MASTER_KEY_OWNER}::uuid, ${`dev:${fresh.toString("base64")}`}, now()) on conflict (owner_id) do nothing`);
  const [row] = rowsOf<{ wrapped: string }>(await db.execute(sql`select wrapped from personal_data_keys where owner_id = ${DEV_MASTER_KEY_OWNER}::uuid`));
  logger.warn(
    "no PERSONAL_DATA_MASTER_KEY: personal data is sealed under a development master key kept in the database itself, so its backups can open it; production refuses this",
  );
  return Buffer.from(row!.wrapped.slice("dev:".length), "base64");
}

export async function resolveMasterKeys(
  config: Pick<Config, "personalDataMasterKey" | "personalDataPreviousMasterKeys" | "production" | "databaseUrl" | "pgliteDir">,
  db: Executor,
  logger: Logger,
): Promise<MasterKeys> {
  if (config.personalDataMasterKey) return installMasterKeys(config.personalDataMasterKey, config.personalDataPreviousMasterKeys);
  if (config.production) {
    throw new ConfigError(
      "PERSONAL_DATA_MASTER_KEY (or PERSONAL_DATA_MASTER_KEY_FILE) is required when NODE_ENV=production: it wraps the keys of all personal data (generate one with `openssl rand -base64 32`, keep it out of the database's backups).",
    );
  }
  if (!config.databaseUrl) {
    // memory:// lives as long as this process: a key of its own is enough.
    const key = config.pgliteDir.startsWith("memory://") ? newDataKey() : await fromFile(masterKeyFileFor(config.pgliteDir), logger);
    return installMasterKeys(key, config.personalDataPreviousMasterKeys);
  }
  return installMasterKeys(await fromDatabase(db, logger), config.personalDataPreviousMasterKeys);
}
