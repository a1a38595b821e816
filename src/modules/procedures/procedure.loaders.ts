import type { Database } from "../../db/database.js";
import { groupLoader, rowLoader } from "../../db/batch-loaders.js";
import { ProcedureRepository } from "./procedure.repository.js";

/** Per-request loaders of a procedure's parts. Personal data is loaded only after an access check. */
export function procedureLoaders(db: Database) {
  const repo = new ProcedureRepository(db);
  return {
    participants: groupLoader((ids: readonly string[]) => repo.currentParticipants(ids), (row) => row.procedureId),
    dataSubjects: groupLoader((ids: readonly string[]) => repo.dataSubjectsOf(ids), (row) => row.procedureId),
    sensitiveRecords: groupLoader((ids: readonly string[]) => repo.sensitiveRecordsOf(ids), (row) => row.dataSubjectId),
    messages: groupLoader((ids: readonly string[]) => repo.messagesOf(ids), (row) => row.procedureId),
    legalPersons: groupLoader((ids: readonly string[]) => repo.legalPersonsOf(ids), (row) => row.procedureId),
    confidentialityFlag: rowLoader((ids: readonly string[]) => repo.confidentialityFlagsOf(ids), (row) => row.itemId),
  };
}
