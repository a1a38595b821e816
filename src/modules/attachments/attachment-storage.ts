import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { Executor } from "../../db/database.js";
import { PersonalDataKeys } from "../../db/personal-crypto/key-store.js";
import { openRows, sealForInsert, type SealedTable } from "../../db/personal-crypto/sealed-rows.js";
import { attachments } from "../../db/schema/index.js";

type AttachmentRow = typeof attachments.$inferSelect;

/**
 * R-RETAIN-3 crypto-shredding (src/db/personal-crypto): an attachment's name and every chunk of its
 * bytes are sealed under its procedure's data key (AES-256-GCM), which the retention job destroys in
 * the statement that deletes the procedure's personal data. attachment_chunks is the one table here
 * that grows past what step 7 rewrites within a batch (DEFAULT_MAX_REWRITE_BYTES): what its files,
 * the WAL and backups keep after a deletion is ciphertext under a key that no longer exists. One
 * function per direction: the only places that know how an attachment is stored.
 */
const SEALED_ATTACHMENTS: SealedTable<AttachmentRow> = {
  table: "attachments",
  drizzle: attachments,
  columns: { fileName: "text" },
  owner: (row) => row.procedureId!,
};

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The sanitised name to write, in the transaction that locked the procedure. */
export async function sealFileName(tx: Executor, procedureId: string, fileName: string): Promise<string> {
  const { sealed } = await sealForInsert(tx, SEALED_ATTACHMENTS, { procedureId, fileName });
  return sealed.fileName;
}

/** Attachment rows with their names opened: one key lookup for them all. */
export function openAttachments(db: Executor, rows: AttachmentRow[]): Promise<AttachmentRow[]> {
  return openRows(db, SEALED_ATTACHMENTS, rows);
}

/** The procedure's data key for an upload's chunks, taken in the transaction that locked the procedure. */
export function chunkKeyForWriting(tx: Executor, procedureId: string): Promise<Buffer> {
  return new PersonalDataKeys(tx).forWriting(procedureId);
}

/** The procedure's data key for a download; none once its personal data was deleted. */
export async function chunkKeyForReading(db: Executor, procedureId: string): Promise<Buffer | undefined> {
  return (await new PersonalDataKeys(db).load([procedureId])).get(procedureId);
}

/** A chunk bound to its attachment and place (a chunk copied elsewhere does not decrypt): iv ‖ tag ‖ ciphertext. */
const aad = (attachmentId: string, seq: number) => Buffer.from(`attachment_chunks.data:${attachmentId}:${seq}`, "utf8");

export function sealChunk(key: Buffer, attachmentId: string, seq: number, bytes: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad(attachmentId, seq));
  const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function openChunk(key: Buffer, attachmentId: string, seq: number, stored: Buffer): Buffer {
  const decipher = createDecipheriv("aes-256-gcm", key, stored.subarray(0, IV_BYTES));
  decipher.setAAD(aad(attachmentId, seq));
  decipher.setAuthTag(stored.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(stored.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}
