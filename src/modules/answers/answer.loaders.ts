import type { Database } from "../../db/database.js";
import { groupLoader } from "../../db/batch-loaders.js";
import { openAnswerValues } from "./answer-storage.js";
import { AnswerRepository } from "./answer.repository.js";

/** Per-request loaders of answers, opened from storage (answer-storage.ts). Access is shield's, before a resolver asks. */
export function answerLoaders(db: Database) {
  const repo = new AnswerRepository(db);
  return {
    answers: groupLoader(async (ids: readonly string[]) => openAnswerValues(db, await repo.answersOf(ids)), (row) => row.procedureId),
  };
}
