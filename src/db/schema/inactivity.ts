import { relations, sql } from "drizzle-orm";
import { index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { authorities } from "./authorities.js";
import { procedures } from "./procedures.js";
import { users } from "./users.js";

/** Why an escalation to the coordinators ended (R-RETAIN-5). */
export const escalationResolutionEnum = pgEnum("escalation_resolution", ["ACTIVITY", "JUSTIFIED", "CLOSED"]);

/**
 * R-RETAIN-5: a procedure inactive for more than 2 months without justification, brought by the
 * retention job to the coordinators of one member state taking part in it (the initiator's and each
 * responder's or recipient's): one row per procedure and member state. Metadata only: no free text.
 */
export const procedureEscalations = pgTable(
  "procedure_escalations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    procedureId: uuid("procedure_id")
      .notNull()
      .references(() => procedures.id, { onDelete: "cascade" }),
    /** The coordinators of this member state (ISO 3166 alpha-2) see it. */
    memberState: text("member_state").notNull(),
    /** The procedure's last activity when it was raised: activity after it resolves the escalation. */
    inactiveSince: timestamp("inactive_since", { withTimezone: true }).notNull(),
    /** The run's as-of time. */
    raisedAt: timestamp("raised_at", { withTimezone: true }).notNull(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolution: escalationResolutionEnum("resolution"),
  },
  (t) => [
    index("procedure_escalations_procedure_idx").on(t.procedureId),
    // A coordinator's list: its member state's escalations, newest first.
    index("procedure_escalations_state_idx").on(t.memberState, t.raisedAt.desc(), t.id.desc()),
    // One open escalation per procedure and member state, so reruns of the job do not pile them up.
    uniqueIndex("procedure_escalations_open_idx").on(t.procedureId, t.memberState).where(sql`${t.resolvedAt} is null`),
  ],
);

/**
 * R-RETAIN-5: a case handler's reason why a procedure is inactive. It covers the inactivity in which
 * it was recorded: until the procedure's next activity, no escalation is raised. Free text that may
 * name people: gated like the procedure's justification, and cleared when the procedure's personal
 * data is deleted (trigger of migration 0011).
 */
export const inactivityJustifications = pgTable(
  "inactivity_justifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    procedureId: uuid("procedure_id")
      .notNull()
      .references(() => procedures.id, { onDelete: "cascade" }),
    authorityId: uuid("authority_id")
      .notNull()
      .references(() => authorities.id),
    userId: uuid("user_id").references(() => users.id),
    justification: text("justification").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("inactivity_justifications_procedure_idx").on(t.procedureId, t.recordedAt),
    index("inactivity_justifications_authority_idx").on(t.authorityId),
    index("inactivity_justifications_user_idx").on(t.userId),
  ],
);

export const procedureEscalationsRelations = relations(procedureEscalations, ({ one }) => ({
  procedure: one(procedures, { fields: [procedureEscalations.procedureId], references: [procedures.id] }),
}));

export const inactivityJustificationsRelations = relations(inactivityJustifications, ({ one }) => ({
  procedure: one(procedures, { fields: [inactivityJustifications.procedureId], references: [procedures.id] }),
  authority: one(authorities, { fields: [inactivityJustifications.authorityId], references: [authorities.id] }),
  user: one(users, { fields: [inactivityJustifications.userId], references: [users.id] }),
}));
