import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * R-RETAIN-3 crypto-shredding: AES-256-GCM (node:crypto) for personal-data values and for wrapping
 * their data keys under the master key. Pure functions, no I/O.
 *
 * A sealed value is text: `v1:` + base64(iv 12 bytes ‖ tag 16 bytes ‖ ciphertext). Text rather than
 * bytea so that the columns keep their type and their NOT NULL / IS NULL checks stay meaningful (a
 * null stays null, a value stays a value; the app never seals null), the drivers and drizzle need no
 * custom type, and a legacy plaintext row is told from a sealed one by its prefix (sealed-rows.ts).
 * Checks on the content (non-blank necessity) move to the app's validation, which runs before sealing.
 *
 * The additional authenticated data binds a value to its column and owner (`table.column:ownerId`):
 * a ciphertext copied to another row or column does not decrypt.
 */
export const SEALED_PREFIX = "v1:";
const WRAPPED_PREFIX = "k1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

export class SealError extends Error {}

function encrypt(key: Buffer, aad: string, plaintext: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function decrypt(key: Buffer, aad: string, sealed: Buffer): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new SealError("sealed value too short");
  const decipher = createDecipheriv("aes-256-gcm", key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new SealError("a sealed value does not decrypt under its key (wrong key, owner or column)");
  }
}

export function isSealed(value: unknown): value is string {
  return typeof value === "string" && value.startsWith(SEALED_PREFIX);
}

export function sealText(key: Buffer, aad: string, plaintext: string): string {
  return SEALED_PREFIX + encrypt(key, aad, Buffer.from(plaintext, "utf8")).toString("base64");
}

export function openText(key: Buffer, aad: string, sealed: string): string {
  if (!isSealed(sealed)) throw new SealError("not a sealed value");
  return decrypt(key, aad, Buffer.from(sealed.slice(SEALED_PREFIX.length), "base64")).toString("utf8");
}

export function newDataKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** A master key's id: the first 8 bytes of its SHA-256, so a wrapped key names the master key it needs (rotation). */
export function masterKeyId(masterKey: Buffer): string {
  return createHash("sha256").update("imi-personal-data-master-key\0").update(masterKey).digest("hex").slice(0, 16);
}

/** `k1:<master key id>:` + base64(iv ‖ tag ‖ wrapped key); bound to its owner. */
export function wrapKey(masterKey: Buffer, ownerId: string, dataKey: Buffer): string {
  return `${WRAPPED_PREFIX}${masterKeyId(masterKey)}:${encrypt(masterKey, `personal-data-key:${ownerId}`, dataKey).toString("base64")}`;
}

/** The master key id a wrapped key was wrapped with. */
export function wrappedWith(wrapped: string): string {
  if (!wrapped.startsWith(WRAPPED_PREFIX)) throw new SealError("not a wrapped key");
  return wrapped.slice(WRAPPED_PREFIX.length, wrapped.indexOf(":", WRAPPED_PREFIX.length));
}

export function unwrapKey(masterKeys: ReadonlyMap<string, Buffer>, ownerId: string, wrapped: string): Buffer {
  const id = wrappedWith(wrapped);
  const masterKey = masterKeys.get(id);
  if (!masterKey) throw new SealError(`a personal-data key is wrapped with master key ${id}, which is not configured (PERSONAL_DATA_MASTER_KEY, PERSONAL_DATA_PREVIOUS_MASTER_KEYS)`);
  const key = decrypt(masterKey, `personal-data-key:${ownerId}`, Buffer.from(wrapped.slice(WRAPPED_PREFIX.length + id.length + 1), "base64"));
  if (key.length !== KEY_BYTES) throw new SealError("an unwrapped personal-data key has the wrong length");
  return key;
}
