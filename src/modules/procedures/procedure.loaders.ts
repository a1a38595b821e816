import type { Database } from "../../db/database.js";
import { groupLoader, rowLoader } from "../../db/batch-loaders.js";
import { ProcedureRepository } from "./procedure.repository.js";

/**
 * Per-request loaders of a procedure's parts. They do not check access: shield does, before a
 * resolver asks for personal data (auth/permissions.ts).
 */
export function procedureLoaders(db: Database) {
  const repo = new ProcedureRepository(db);
  return {
    /** Internal lookups by id (unscoped): to find the procedure a nested record belongs to. */
    procedure: rowLoader((ids: readonly string[]) => repo.byIds(ids), (row) => row.id),
    dataSubject: rowLoader((ids: readonly string[]) => repo.dataSubjectsByIds(ids), (row) => row.id),
    allParticipants: groupLoader((ids: readonly string[]) => repo.allParticipants(ids), (row) => row.procedureId),
    grants: groupLoader((ids: readonly string[]) => repo.grantsOf(ids), (row) => row.procedureId),
    participants: groupLoader((ids: readonly string[]) => repo.currentParticipants(ids), (row) => row.procedureId),
    dataSubjects: groupLoader((ids: readonly string[]) => repo.dataSubjectsOf(ids), (row) => row.procedureId),
    sensitiveRecords: groupLoader((ids: readonly string[]) => repo.sensitiveRecordsOf(ids), (row) => row.dataSubjectId),
    messages: groupLoader((ids: readonly string[]) => repo.messagesOf(ids), (row) => row.procedureId),
    legalPersons: groupLoader((ids: readonly string[]) => repo.legalPersonsOf(ids), (row) => row.procedureId),
    /** Issue 13: a procedure's justification and consent reference, from their own tables (undefined: none, or not for this viewer). */
    justification: rowLoader((ids: readonly string[]) => repo.justificationsOf(ids), (row) => row.procedureId),
    consentReference: rowLoader((ids: readonly string[]) => repo.consentReferencesOf(ids), (row) => row.procedureId),
    confidentialityFlag: rowLoader((ids: readonly string[]) => repo.confidentialityFlagsOf(ids), (row) => row.itemId),
  };
}
