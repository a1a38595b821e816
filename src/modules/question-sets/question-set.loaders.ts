import type { Database } from "../../db/database.js";
import { groupLoader, rowLoader } from "../../db/batch-loaders.js";
import { QuestionSetRepository } from "./question-set.repository.js";

/** Per-request loaders of the question-set catalogue (reference data: no access check needed). */
export function questionSetLoaders(db: Database) {
  const repo = new QuestionSetRepository(db);
  return {
    questionSetVersion: rowLoader((ids: readonly string[]) => repo.byIds(ids), (row) => row.id),
    questionsOfSet: groupLoader((ids: readonly string[]) => repo.questionsOf(ids), (row) => row.questionSetVersionId),
    question: rowLoader((ids: readonly string[]) => repo.questionsByIds(ids), (row) => row.id),
    procedureQuestionSet: rowLoader((ids: readonly string[]) => repo.setsOfProcedures(ids), (row) => row.procedureId),
  };
}
