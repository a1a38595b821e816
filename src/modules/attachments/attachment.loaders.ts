import type { Database } from "../../db/database.js";
import { groupLoader, rowLoader } from "../../db/batch-loaders.js";
import { AttachmentRepository } from "./attachment.repository.js";

/** Per-request loaders of attachments' metadata (complete uploads only). Access is shield's, before a resolver asks. */
export function attachmentLoaders(db: Database) {
  const repo = new AttachmentRepository(db);
  return {
    attachments: groupLoader((ids: readonly string[]) => repo.completeOf(ids), (row) => row.procedureId),
    attachment: rowLoader((ids: readonly string[]) => repo.completeByIds(ids), (row) => row.id),
  };
}
