import type { Executor } from "../../db/database.js";
import { openRows, sealForInsert, type SealedTable } from "../../db/personal-crypto/sealed-rows.js";
import { questionAnswers } from "../../db/schema/index.js";

type AnswerRow = typeof questionAnswers.$inferSelect;

/**
 * R-RETAIN-3 crypto-shredding (src/db/personal-crypto): an answer's value is sealed under its
 * procedure's data key, which the retention job destroys in the statement that deletes the
 * procedure's personal data; what a table file, the WAL or a backup keeps of it is then ciphertext
 * nobody can open. One function per direction: the only places that know how an answer is stored.
 */
const SEALED_ANSWERS: SealedTable<AnswerRow> = {
  table: "question_answers",
  drizzle: questionAnswers,
  columns: { value: "text" },
  owner: (row) => row.procedureId!,
};

/** The value to write, in the writer's transaction after it locked the procedure (ProcedureService.act). */
export async function sealAnswerValue(tx: Executor, procedureId: string, value: string | null): Promise<string | null> {
  if (value === null) return null;
  const { sealed } = await sealForInsert(tx, SEALED_ANSWERS, { procedureId, value });
  return sealed.value;
}

/** The answers' values as written, for rows of one or more procedures: one key lookup for them all. */
export function openAnswerValues<R extends AnswerRow>(db: Executor, rows: R[]): Promise<R[]> {
  return openRows(db, SEALED_ANSWERS, rows) as Promise<R[]>;
}
