import type { Executor } from "../../db/database.js";

/**
 * How an attachment's bytes are kept, one function per direction, so that the switch to
 * per-procedure data keys (issue 12, src/db/personal-crypto: each chunk sealed under the procedure's
 * key, destroyed at deletion) is made here alone. Until then a chunk is stored as it came: its
 * protection is the row's deletion with the procedure's other personal data (R-RETAIN-3), the residue
 * step's rewrite of attachment_chunks, and statistics target 0 (migration 0017).
 */
export async function sealChunk(_db: Executor, _procedureId: string, _attachmentId: string, _seq: number, bytes: Buffer): Promise<Buffer> {
  return bytes;
}

export async function openChunk(_db: Executor, _procedureId: string, _attachmentId: string, _seq: number, stored: Buffer): Promise<Buffer> {
  return stored;
}
