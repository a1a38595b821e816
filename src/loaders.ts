import { rowLoader } from "./db/batch-loaders.js";
import type { Database } from "./db/database.js";
import { directoryLoaders } from "./modules/directory/directory.loaders.js";
import { procedureLoaders } from "./modules/procedures/procedure.loaders.js";
import { questionSetLoaders } from "./modules/question-sets/question-set.loaders.js";
import { answerLoaders } from "./modules/answers/answer.loaders.js";
import { attachmentLoaders } from "./modules/attachments/attachment.loaders.js";
import { rightsLoaders } from "./modules/rights/rights.loaders.js";
import { UserRepository } from "./modules/users/user.repository.js";

/** One set per request (and so per viewer): nothing cached crosses requests. */
export function createLoaders(db: Database) {
  const users = new UserRepository(db);
  return {
    ...directoryLoaders(db),
    ...procedureLoaders(db),
    ...rightsLoaders(db),
    ...questionSetLoaders(db),
    ...answerLoaders(db),
    ...attachmentLoaders(db),
    /** Users by id, unscoped: for references the caller was already allowed to reach (an audit event's actor). */
    user: rowLoader((ids: readonly string[]) => users.byIds(ids), (row) => row.id),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
