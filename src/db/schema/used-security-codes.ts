import { relations } from "drizzle-orm";
import { bigint, index, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users.js";

/**
 * R-SEC-1: each security code is accepted once. A login that accepts a code inserts its user and
 * TOTP time step here; the primary key makes a second use of the same step fail atomically, on
 * every replica, since they share the database. Rows older than the accepted window are pruned.
 */
export const usedSecurityCodes = pgTable(
  "used_security_codes",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The RFC 6238 time step the code belongs to: floor(unix seconds / 30). */
    timeStep: bigint("time_step", { mode: "number" }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.timeStep] }),
    // Pruning deletes by step across all users.
    index("used_security_codes_step_idx").on(t.timeStep),
  ],
);

export const usedSecurityCodesRelations = relations(usedSecurityCodes, ({ one }) => ({
  user: one(users, { fields: [usedSecurityCodes.userId], references: [users.id] }),
}));
