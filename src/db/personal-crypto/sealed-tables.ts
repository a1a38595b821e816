import { confidentialityFlags, contestations, dataSubjects, legalPersons, messages, sensitiveRecords } from "../schema/index.js";
import type { SealedTable } from "./sealed-rows.js";

/**
 * The sealed columns (R-RETAIN-3 crypto-shredding), from policy.ts's personal-data cells: the
 * procedure-scoped tables that grow with the procedures (at 1M procedures each is larger than step 7
 * can rewrite in a batch, bench/results.md 6c). The small personal-data tables (data-subject
 * requests and their steps, blocked-data retrievals, inactivity justifications, users) stay
 * plaintext and are rewritten whole by step 7 after every deletion (residue.ts); so are the
 * procedures' free text (the subject; the justification and consent reference, in tables of their
 * own since issue 13), which step 7 only vacuums at scale: see docs/deployment.md for what that leaves.
 * A country code, categories, grounds and ids are not sealed: they identify nobody.
 */
type Row<T extends { $inferSelect: unknown }> = T["$inferSelect"];

export const SEALED_DATA_SUBJECTS: SealedTable<Row<typeof dataSubjects>> = {
  table: "data_subjects",
  drizzle: dataSubjects,
  columns: { fullName: "text", dateOfBirth: "text", nationalIdentifier: "text", address: "text", email: "text" },
  owner: (row) => row.id!,
};

export const SEALED_SENSITIVE_RECORDS: SealedTable<Row<typeof sensitiveRecords>> = {
  table: "sensitive_records",
  drizzle: sensitiveRecords,
  columns: { details: "text", necessity: "text", legalBasis: "text", consentReference: "text" },
  owner: (row) => row.dataSubjectId!,
};

export const SEALED_MESSAGES: SealedTable<Row<typeof messages>> = {
  table: "messages",
  drizzle: messages,
  columns: { body: "text" },
  owner: (row) => row.procedureId!,
};

export const SEALED_LEGAL_PERSONS: SealedTable<Row<typeof legalPersons>> = {
  table: "legal_persons",
  drizzle: legalPersons,
  columns: { name: "text", registrationNumber: "text", address: "text" },
  owner: (row) => row.procedureId!,
};

export const SEALED_CONFIDENTIALITY_FLAGS: SealedTable<Row<typeof confidentialityFlags>> = {
  table: "confidentiality_flags",
  drizzle: confidentialityFlags,
  columns: { reason: "text" },
  owner: (row) => row.procedureId!,
};

/** A contestation naming a data subject goes with that person (deleted with it, ON DELETE CASCADE). */
export const SEALED_CONTESTATIONS: SealedTable<Row<typeof contestations>> = {
  table: "contestations",
  drizzle: contestations,
  columns: { statement: "text", rectifiedValues: "json" },
  owner: (row) => row.dataSubjectId ?? row.procedureId!,
};

export const SEALED_TABLES = [
  SEALED_DATA_SUBJECTS,
  SEALED_SENSITIVE_RECORDS,
  SEALED_MESSAGES,
  SEALED_LEGAL_PERSONS,
  SEALED_CONFIDENTIALITY_FLAGS,
  SEALED_CONTESTATIONS,
] as const;
