import { relations, sql } from "drizzle-orm";
import { bigint, boolean, index, pgSequence, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { authorities } from "./authorities.js";
import { participantPartEnum, procedureKindEnum, procedureStatusEnum } from "./enums.js";
import { legalAreas } from "./legal-areas.js";
import { users } from "./users.js";

/** Human-readable procedure references (IMI-2026-000042) come from one sequence. */
export const procedureReferenceSeq = pgSequence("procedure_reference_seq", { startWith: 1 });

export const procedures = pgTable(
  "procedures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reference: text("reference").notNull(),
    kind: procedureKindEnum("kind").notNull(),
    legalAreaCode: text("legal_area_code")
      .notNull()
      .references(() => legalAreas.code),
    subject: text("subject").notNull(),
    // The initiator's justification and a SOLVIT case's consent reference are in tables of their own
    // (procedure-texts.ts): this table's rows are metadata, shown to more viewers than those may read.
    status: procedureStatusEnum("status").notNull().default("DRAFT"),
    initiatorAuthorityId: uuid("initiator_authority_id")
      .notNull()
      .references(() => authorities.id),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    /**
     * Issue 18 (coordinators' view, R-COORD-1): when a request's answer is due. Set by the initiator at
     * creation, or at sending to 30 days after it (procedures/answer-deadline.ts); null for other kinds
     * and for requests sent before it existed. Metadata.
     */
    answerDeadline: timestamp("answer_deadline", { withTimezone: true }),
    /** Formal closure: the start of every retention period (§9). */
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** R-RETAIN-1: set by the retention job when personal data becomes unreadable. */
    blockedAt: timestamp("blocked_at", { withTimezone: true }),
    /** R-RETAIN-3 / R-RETAIN-6: set when the personal data has been deleted. */
    personalDataDeletedAt: timestamp("personal_data_deleted_at", { withTimezone: true }),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }).notNull(),
    /**
     * Issue 18 (statistics from the shells): when the request first reached ANSWERED, set once by a trigger
     * (migration 0021) from the change's last activity, so every writer of the status is covered. Metadata.
     */
    firstAnsweredAt: timestamp("first_answered_at", { withTimezone: true }),
    /** R-RETAIN-7: the retention job closed it formally after its area's inactivity period, not a user. */
    closedBySystem: boolean("closed_by_system").notNull().default(false),
    /** Why the system closed it (R-RETAIN-7), a sentence without personal data; null when a user closed it. */
    closureReason: text("closure_reason"),
    /**
     * Issue 17 item 4: an alert to all member states (Art. 12): its recipients were not hand-picked but
     * resolved at send time as the alert coordinators, in its legal area, of every other member state.
     */
    toAllMemberStates: boolean("to_all_member_states").notNull().default(false),
    /**
     * Issue 17 item 4: the initiator withdrew the alert. A withdrawal is a formal closure (status CLOSED,
     * closedAt the same instant), so retention runs from it; but R-RETAIN-2 keeps only closed alerts
     * visible, not withdrawn ones (retention.repository.ts blockDue).
     */
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("procedures_reference_idx").on(t.reference),
    index("procedures_initiator_idx").on(t.initiatorAuthorityId),
    // Keyset pagination of lists, newest first (issue 14): ORDER BY created_at DESC, id DESC is NULLS
    // FIRST, so the index must be too (the DESC NULLS LAST one before was never used: every list was
    // a sequential scan and a sort of all visible rows). One per filter and for a portal's own rows,
    // so a filtered page walks an index too; their leading column serves the foreign keys as well.
    index("procedures_list_order_idx").on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("procedures_status_list_idx").on(t.status, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("procedures_kind_list_idx").on(t.kind, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("procedures_legal_area_list_idx").on(t.legalAreaCode, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("procedures_created_by_list_idx").on(t.createdByUserId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // R-RETAIN-1: closed procedures not yet blocked, by closure time.
    index("procedures_to_block_idx").on(t.closedAt).where(sql`${t.closedAt} is not null and ${t.blockedAt} is null`),
    // R-RETAIN-3: closed procedures whose personal data still exists, by closure time.
    index("procedures_to_delete_idx")
      .on(t.closedAt)
      .where(sql`${t.closedAt} is not null and ${t.personalDataDeletedAt} is null`),
    // R-RETAIN-5: open procedures by last activity, for reminders.
    index("procedures_open_activity_idx").on(t.lastActivityAt).where(sql`${t.closedAt} is null`),
    // Issue 18: statistics per month, legal area and kind read sent procedures by send time: a range scan
    // of a span of months instead of the whole table (bench/statistics.ts shows the plan).
    index("procedures_statistics_idx")
      .on(t.sentAt, t.legalAreaCode, t.kind)
      .where(sql`${t.sentAt} is not null`),
  ],
);

/**
 * An authority's part in a procedure. A forwarded participant keeps its row for the record
 * (forwardedAt set) but is no longer a participant and loses access.
 */
export const participants = pgTable(
  "participants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Insertion order: participants are listed in the order they were added (recipients as given). */
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity(),
    procedureId: uuid("procedure_id")
      .notNull()
      .references(() => procedures.id, { onDelete: "cascade" }),
    authorityId: uuid("authority_id")
      .notNull()
      .references(() => authorities.id),
    part: participantPartEnum("part").notNull(),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    forwardedAt: timestamp("forwarded_at", { withTimezone: true }),
    forwardedToAuthorityId: uuid("forwarded_to_authority_id").references(() => authorities.id),
  },
  (t) => [
    index("participants_procedure_idx").on(t.procedureId),
    index("participants_authority_idx").on(t.authorityId),
    index("participants_forwarded_to_idx").on(t.forwardedToAuthorityId),
    // An authority takes part in a procedure at most once at a time.
    uniqueIndex("participants_current_idx").on(t.procedureId, t.authorityId).where(sql`${t.forwardedAt} is null`),
  ],
);

export const proceduresRelations = relations(procedures, ({ one, many }) => ({
  legalArea: one(legalAreas, { fields: [procedures.legalAreaCode], references: [legalAreas.code] }),
  initiator: one(authorities, { fields: [procedures.initiatorAuthorityId], references: [authorities.id] }),
  participants: many(participants),
}));

export const participantsRelations = relations(participants, ({ one }) => ({
  procedure: one(procedures, { fields: [participants.procedureId], references: [procedures.id] }),
  authority: one(authorities, { fields: [participants.authorityId], references: [authorities.id] }),
}));
