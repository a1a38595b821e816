import { randomBytes } from "node:crypto";
import { installMasterKeys } from "../../src/db/personal-crypto/master-keys.js";

/**
 * R-RETAIN-3: a test that seeds a database in its own process and then starts servers on it needs
 * one personal-data master key for all of them: the seed wraps its keys under the test process's
 * key, and a server started without it cannot open them (SealError at start, or on first read).
 * Installs a fresh key here and returns the server's environment for it.
 */
export function sharedMasterKey(): { PERSONAL_DATA_MASTER_KEY: string } {
  const key = randomBytes(32);
  installMasterKeys(key);
  return { PERSONAL_DATA_MASTER_KEY: key.toString("base64") };
}
