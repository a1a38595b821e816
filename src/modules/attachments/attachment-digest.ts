import { createHash } from "node:crypto";
import type { Executor } from "../../db/database.js";
import { chunkKeyForReading, openChunk } from "./attachment-storage.js";
import { AttachmentRepository, type AttachmentRow } from "./attachment.repository.js";

/** Chunks read per query: the same bound as a download (4 x 256 KiB in memory at most). */
const CHUNKS_PER_READ = 4;

/**
 * The SHA-256 (hex) of a completed attachment's bytes: the one stored at completion, else computed by
 * streaming its chunks, a few at a time, never the whole file. For an exchange report (R-PROOF-1),
 * which records the digest and never the bytes. Undefined when the bytes can no longer be read (their
 * key was destroyed with the procedure's personal data, R-RETAIN-3).
 */
export async function attachmentSha256(db: Executor, attachment: AttachmentRow): Promise<string | undefined> {
  if (attachment.sha256) return attachment.sha256;
  const key = await chunkKeyForReading(db, attachment.procedureId);
  if (!key) return undefined;
  const repo = new AttachmentRepository(db);
  const hash = createHash("sha256");
  for (let from = 0; ; from += CHUNKS_PER_READ) {
    const rows = await repo.chunks(attachment.id, from, CHUNKS_PER_READ);
    for (const row of rows) hash.update(openChunk(key, attachment.id, row.seq, row.data));
    if (rows.length < CHUNKS_PER_READ) return hash.digest("hex");
  }
}
