import type { Database } from "../../db/database.js";
import { groupLoader, rowLoader } from "../../db/batch-loaders.js";
import { openAttachments } from "./attachment-storage.js";
import { AttachmentRepository } from "./attachment.repository.js";

/** Per-request loaders of attachments' metadata (complete uploads only). Access is shield's, before a resolver asks. */
export function attachmentLoaders(db: Database) {
  const repo = new AttachmentRepository(db);
  return {
    attachments: groupLoader(async (ids: readonly string[]) => openAttachments(db, await repo.completeOf(ids)), (row) => row.procedureId),
    attachment: rowLoader(async (ids: readonly string[]) => openAttachments(db, await repo.completeByIds(ids)), (row) => row.id),
  };
}
