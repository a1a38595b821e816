import { relations, sql } from "drizzle-orm";
import { bigint, check, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { authorities } from "./authorities.js";
import { messageKindEnum, sanctionCategoryEnum } from "./enums.js";
import { procedures } from "./procedures.js";
import { users } from "./users.js";

/**
 * Personal data inside a procedure. R-RETAIN-3 deletes these rows outright, so nothing here may be
 * referenced from tables that outlive the procedure's personal data (the audit log keeps plain ids).
 */
export const dataSubjects = pgTable(
  "data_subjects",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    procedureId: uuid("procedure_id")
      .notNull()
      .references(() => procedures.id, { onDelete: "cascade" }),
    fullName: text("full_name").notNull(),
    dateOfBirth: text("date_of_birth"),
    nationalIdentifier: text("national_identifier"),
    address: text("address"),
    email: text("email"),
    /**
     * R-ACCESS-1 search by national identifier over sealed values: a 12-bit bucket of the identifier's
     * HMAC under the index key (personal-crypto/sealed-rows.ts identifierIndex), never the identifier
     * itself nor enough of its HMAC to find it again (R-RETAIN-3).
     */
    nationalIdentifierIndex: text("national_identifier_index"),
    addedByAuthorityId: uuid("added_by_authority_id")
      .notNull()
      .references(() => authorities.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }),
  },
  (t) => [
    index("data_subjects_procedure_idx").on(t.procedureId),
    index("data_subjects_added_by_idx").on(t.addedByAuthorityId),
  ],
);

/** §3, Art. 16: sanctions and good repute. R-SENSITIVE-1: a legal basis or consent, and a necessity. */
export const sensitiveRecords = pgTable(
  "sensitive_records",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dataSubjectId: uuid("data_subject_id")
      .notNull()
      .references(() => dataSubjects.id, { onDelete: "cascade" }),
    category: sanctionCategoryEnum("category").notNull(),
    details: text("details").notNull(),
    necessity: text("necessity").notNull(),
    legalBasis: text("legal_basis"),
    consentReference: text("consent_reference"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("sensitive_records_data_subject_idx").on(t.dataSubjectId),
    check("sensitive_records_ground_check", sql`coalesce(${t.legalBasis}, ${t.consentReference}) is not null`),
    check("sensitive_records_necessity_check", sql`length(btrim(${t.necessity})) > 0`),
  ],
);

/** Questions and answers: they can name people, so they are personal data. */
export const messages = pgTable(
  "messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Insertion order: a conversation reads in the order it was written, even within one instant. */
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity(),
    procedureId: uuid("procedure_id")
      .notNull()
      .references(() => procedures.id, { onDelete: "cascade" }),
    authorAuthorityId: uuid("author_authority_id")
      .notNull()
      .references(() => authorities.id),
    authorUserId: uuid("author_user_id").references(() => users.id),
    body: text("body").notNull(),
    /** Issue 17 item 4: a plain message, or an initiator's update or withdrawal of an alert. Not sealed: a kind names nobody. */
    kind: messageKindEnum("kind").notNull().default("MESSAGE"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("messages_procedure_seq_idx").on(t.procedureId, t.seq),
    index("messages_author_authority_idx").on(t.authorAuthorityId),
    index("messages_author_user_idx").on(t.authorUserId),
  ],
);

export const dataSubjectsRelations = relations(dataSubjects, ({ one, many }) => ({
  procedure: one(procedures, { fields: [dataSubjects.procedureId], references: [procedures.id] }),
  sensitiveRecords: many(sensitiveRecords),
}));

export const sensitiveRecordsRelations = relations(sensitiveRecords, ({ one }) => ({
  dataSubject: one(dataSubjects, { fields: [sensitiveRecords.dataSubjectId], references: [dataSubjects.id] }),
}));

export const messagesRelations = relations(messages, ({ one }) => ({
  procedure: one(procedures, { fields: [messages.procedureId], references: [procedures.id] }),
  author: one(authorities, { fields: [messages.authorAuthorityId], references: [authorities.id] }),
}));
