import type { Database } from "./db/database.js";
import { directoryLoaders } from "./modules/directory/directory.loaders.js";
import { procedureLoaders } from "./modules/procedures/procedure.loaders.js";

/** One set per request (and so per viewer): nothing cached crosses requests. */
export function createLoaders(db: Database) {
  return { ...directoryLoaders(db), ...procedureLoaders(db) };
}

export type Loaders = ReturnType<typeof createLoaders>;
