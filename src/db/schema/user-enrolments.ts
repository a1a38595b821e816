import { relations } from "drizzle-orm";
import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users.js";

/**
 * R-SEC-1: the pending enrolment of an account created by createUser (migration 0037). The code is
 * mailed to the user's own address; only its SHA-256 is kept (the code is 160 random bits, so a
 * slow hash adds nothing). One row per account: resendEnrolment replaces it, enrolUser deletes it
 * (single use), and deactivating the account deletes it too.
 */
export const userEnrolments = pgTable(
  "user_enrolments",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Hex SHA-256 of the normalised code (auth/enrolment-code.ts). */
    codeHash: text("code_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    /** 72 hours after createdAt (ENROLMENT_CODE_TTL_MS). */
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  // Lets an operator or a later job find expired enrolments without a scan.
  (t) => [index("user_enrolments_expires_idx").on(t.expiresAt)],
);

export const userEnrolmentsRelations = relations(userEnrolments, ({ one }) => ({
  user: one(users, { fields: [userEnrolments.userId], references: [users.id] }),
}));
