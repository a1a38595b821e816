import { readFileSync } from "node:fs";
import { ConfigError, type Config } from "../../config.js";

/** PERSONAL_DATA_MASTER_KEY or PERSONAL_DATA_MASTER_KEY_FILE, PERSONAL_DATA_PREVIOUS_MASTER_KEYS: base64 of 32 bytes each. */
export function masterKeyConfig(env: NodeJS.ProcessEnv): Pick<Config, "personalDataMasterKey" | "personalDataPreviousMasterKeys"> {
  const decode = (name: string, raw: string): Buffer => {
    const key = Buffer.from(raw.trim(), "base64");
    if (key.length !== 32 || new Set(key).size < 16) {
      throw new ConfigError(`${name} must be 32 random bytes in base64, e.g. \`openssl rand -base64 32\`.`);
    }
    return key;
  };
  if (env.PERSONAL_DATA_MASTER_KEY && env.PERSONAL_DATA_MASTER_KEY_FILE) {
    throw new ConfigError("Set PERSONAL_DATA_MASTER_KEY or PERSONAL_DATA_MASTER_KEY_FILE, not both.");
  }
  let raw = env.PERSONAL_DATA_MASTER_KEY || undefined;
  if (env.PERSONAL_DATA_MASTER_KEY_FILE) {
    try {
      raw = readFileSync(env.PERSONAL_DATA_MASTER_KEY_FILE, "utf8");
    } catch (error) {
      throw new ConfigError(`PERSONAL_DATA_MASTER_KEY_FILE cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}).`);
    }
  }
  const previous = (env.PERSONAL_DATA_PREVIOUS_MASTER_KEYS ?? "").split(",").map((k) => k.trim()).filter(Boolean);
  return {
    personalDataMasterKey: raw ? decode("PERSONAL_DATA_MASTER_KEY", raw) : undefined,
    personalDataPreviousMasterKeys: Object.freeze(previous.map((k) => decode("PERSONAL_DATA_PREVIOUS_MASTER_KEYS", k))),
  };
}
