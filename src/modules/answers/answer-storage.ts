import type { Executor } from "../../db/database.js";

/**
 * How an answer's value is kept, one function per direction, so that the switch to per-procedure data
 * keys (issue 12, src/db/personal-crypto: sealed under the procedure's key, destroyed at deletion) is
 * made here alone. Until then the value is stored as given: its protection is the row's deletion in
 * the retention job's statement (R-RETAIN-3), the residue step, and statistics target 0 (migration 0017).
 */
export async function sealAnswerValue(_tx: Executor, _procedureId: string, value: string | null): Promise<string | null> {
  return value;
}

/** The answers' values as written, for rows of one or more procedures. */
export async function openAnswerValues<R extends { procedureId: string; value: string | null }>(_db: Executor, rows: R[]): Promise<R[]> {
  return rows;
}
