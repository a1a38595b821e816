import { pgTable, text, uuid } from "drizzle-orm/pg-core";
import { procedures } from "./procedures.js";

/**
 * Issue 13: a procedure's texts that fewer viewers may read than its metadata, each in a table of its
 * own keyed by the procedure, so a row policy guards them (db/rls/policies.sql.ts): under the database's
 * wall a viewer the cells refuse finds no row, and reads null. At most one row per procedure, none when
 * the text is empty; deleted with the procedure, and by the retention job with its personal data (R-RETAIN-3).
 */

/** The initiator's justification: PROCEDURE_CLASSES.participant (the case handlers of current participants, open or closed). */
export const procedureJustifications = pgTable("procedure_justifications", {
  procedureId: uuid("procedure_id")
    .primaryKey()
    .references(() => procedures.id, { onDelete: "cascade" }),
  justification: text("justification").notNull(),
});

/** R-CONSENT-1: a SOLVIT case's consent reference of the complaint form: PROCEDURE_CLASSES.personalData. */
export const procedureConsentReferences = pgTable(
  "procedure_consent_references",
  {
    procedureId: uuid("procedure_id")
      .primaryKey()
      .references(() => procedures.id, { onDelete: "cascade" }),
    consentReference: text("consent_reference").notNull(),
  },
);
