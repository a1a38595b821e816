import type { Database } from "../../db/database.js";
import { groupLoader } from "../../db/batch-loaders.js";
import { RightsRepository } from "./rights.repository.js";

export function rightsLoaders(db: Database) {
  const repo = new RightsRepository(db);
  return {
    contestations: groupLoader((ids: readonly string[]) => repo.contestationsOf(ids), (row) => row.procedureId),
    requestSteps: groupLoader((ids: readonly string[]) => repo.stepsOf(ids), (row) => row.requestId),
  };
}
