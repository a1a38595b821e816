import type { Database } from "../../db/database.js";
import { groupLoader, rowLoader } from "../../db/batch-loaders.js";
import { RightsRepository } from "./rights.repository.js";
import { routingFactsOf } from "./routing-facts.js";

export function rightsLoaders(db: Database) {
  const repo = new RightsRepository(db);
  return {
    contestations: groupLoader((ids: readonly string[]) => repo.contestationsOf(ids), (row) => row.procedureId),
    requestSteps: groupLoader((ids: readonly string[]) => repo.stepsOf(ids), (row) => row.requestId),
    /** What a request's route is decided on, the same for every viewer (routing-facts.ts); never returned. */
    routingFacts: rowLoader((ids: readonly string[]) => routingFactsOf(db, ids), (row) => row.procedureId),
  };
}
