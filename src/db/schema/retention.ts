import { relations, sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { authorities } from "./authorities.js";
import { reminderKindEnum } from "./enums.js";
import { procedures } from "./procedures.js";
import { users } from "./users.js";

/** One run of the retention job, dry or not, with its counts per step. */
export const retentionRuns = pgTable(
  "retention_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    asOf: timestamp("as_of", { withTimezone: true }).notNull(),
    dryRun: boolean("dry_run").notNull(),
    triggeredByUserId: uuid("triggered_by_user_id").references(() => users.id),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    proceduresBlocked: integer("procedures_blocked").notNull().default(0),
    proceduresDeleted: integer("procedures_deleted").notNull().default(0),
    usersBlocked: integer("users_blocked").notNull().default(0),
    usersDeleted: integer("users_deleted").notNull().default(0),
    earlyDeletions: integer("early_deletions").notNull().default(0),
    /** R-RETAIN-6: approved early deletions left undone because the consent or legal basis is missing. */
    earlyDeletionsRefused: integer("early_deletions_refused").notNull().default(0),
    remindersRaised: integer("reminders_raised").notNull().default(0),
    remindersResolved: integer("reminders_resolved").notNull().default(0),
    /** R-RETAIN-5: procedures brought to their coordinators after 2 months of inactivity without justification. */
    proceduresEscalated: integer("procedures_escalated").notNull().default(0),
    /** R-RETAIN-5: escalations resolved because the procedure became active again or was closed. */
    escalationsResolved: integer("escalations_resolved").notNull().default(0),
    /** R-RETAIN-7: procedures the system closed formally after their area's inactivity period. */
    proceduresClosedForInactivity: integer("procedures_closed_for_inactivity").notNull().default(0),
    durationMs: integer("duration_ms"),
    error: text("error"),
    /** The process that ran it (host:pid and a random id): which replica held the lease. */
    runner: text("runner"),
    /** The schedule's tick a scheduled run was for (null for runs a user started). */
    tick: timestamp("tick", { withTimezone: true }),
  },
  (t) => [
    index("retention_runs_started_at_idx").on(t.startedAt),
    index("retention_runs_triggered_by_idx").on(t.triggeredByUserId),
    // Every replica fires the same ticks; one run per tick (and the lookup when taking the lease).
    uniqueIndex("retention_runs_tick_idx").on(t.tick),
  ],
);

/**
 * The retention job's single-runner lease: one row per job name. A runner takes it with a conditional
 * UPDATE (only when expired), renews it in every batch's transaction and gives it back at the end.
 * Unlike a session advisory lock it survives transaction-mode poolers, and it works alike on PGlite
 * and PostgreSQL; a killed runner's lease simply expires. Times are the database's clock, not the
 * job's as-of time: a lease is about live processes, not about legal periods.
 */
export const retentionLease = pgTable("retention_lease", {
  name: text("name").primaryKey(),
  holder: text("holder"),
  acquiredAt: timestamp("acquired_at", { withTimezone: true }),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

/** R-RETAIN-5: procedures left open are flagged so that users close them formally. */
export const reminders = pgTable(
  "reminders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    procedureId: uuid("procedure_id")
      .notNull()
      .references(() => procedures.id, { onDelete: "cascade" }),
    authorityId: uuid("authority_id")
      .notNull()
      .references(() => authorities.id),
    kind: reminderKindEnum("kind").notNull(),
    raisedAt: timestamp("raised_at", { withTimezone: true }).notNull(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [
    index("reminders_procedure_idx").on(t.procedureId),
    index("reminders_authority_idx").on(t.authorityId),
    // One open reminder of a kind per procedure, so reruns of the job do not pile them up.
    uniqueIndex("reminders_open_idx").on(t.procedureId, t.kind).where(sql`${t.resolvedAt} is null`),
  ],
);

export const remindersRelations = relations(reminders, ({ one }) => ({
  procedure: one(procedures, { fields: [reminders.procedureId], references: [procedures.id] }),
  authority: one(authorities, { fields: [reminders.authorityId], references: [authorities.id] }),
}));
