import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users.js";

/** R-NOTICE-2: national exceptions and restrictions of data subjects' rights, per member state. */
export const nationalRestrictions = pgTable(
  "national_restrictions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberState: text("member_state").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    legalReference: text("legal_reference").notNull(),
    /** Which rights it restricts: ACCESS, RECTIFICATION, ERASURE, INFORMATION. */
    rightsAffected: text("rights_affected").array().notNull(),
    recordedByUserId: uuid("recorded_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("national_restrictions_member_state_idx").on(t.memberState),
    index("national_restrictions_recorded_by_idx").on(t.recordedByUserId),
  ],
);
