import { masterKeyId, newDataKey } from "./cipher.js";

/**
 * The master key (key-encryption key) that wraps every personal-data key, and the previous ones
 * still accepted for unwrapping during a rotation. Process-wide on purpose: it is configuration,
 * like JWT_SECRET, not data; what must never outlive a request are the unwrapped data keys
 * (sealed-rows.ts keeps none beyond the call that loaded them).
 *
 * The server installs the configured key at start (master-key.resolve.ts). A process that installs
 * none (tests, benchmarks on a throw-away database) gets a random key of its own on first use.
 */
export interface MasterKeys {
  readonly current: Buffer;
  readonly currentId: string;
  /** Every accepted key by its id, the current one included. */
  readonly byId: ReadonlyMap<string, Buffer>;
}

let installed: MasterKeys | undefined;

export function installMasterKeys(current: Buffer, previous: readonly Buffer[] = []): MasterKeys {
  const byId = new Map<string, Buffer>();
  for (const key of [current, ...previous]) byId.set(masterKeyId(key), key);
  installed = Object.freeze({ current, currentId: masterKeyId(current), byId });
  return installed;
}

export function masterKeys(): MasterKeys {
  return installed ?? installMasterKeys(newDataKey());
}
