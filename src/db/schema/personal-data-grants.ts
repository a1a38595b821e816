import { relations } from "drizzle-orm";
import { index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { authorities } from "./authorities.js";
import { procedures } from "./procedures.js";
import { users } from "./users.js";

/** The recorded legal grounds on which the Commission may read a procedure's personal data (Art. 8). */
export const personalDataGroundEnum = pgEnum("personal_data_ground", [
  /** R-ACCESS-2, R-RECTIFY-1 (b, c): a data-subject request escalated to the helpdesk. */
  "DATA_SUBJECT_REQUEST",
  /** R-RETAIN-4: retrieval of blocked data on a competent authority's request. */
  "BLOCKED_DATA_RETRIEVAL",
]);

/**
 * A route to personal data for an authority that takes no part in the procedure (the Commission's
 * helpdesk), with its ground and until when it holds. Never by role alone: without a live grant,
 * the Commission sees metadata only.
 */
export const personalDataGrants = pgTable(
  "personal_data_grants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    procedureId: uuid("procedure_id")
      .notNull()
      .references(() => procedures.id, { onDelete: "cascade" }),
    authorityId: uuid("authority_id")
      .notNull()
      .references(() => authorities.id),
    ground: personalDataGroundEnum("ground").notNull(),
    /** What the ground rests on: the data-subject request's or the retrieval's id and reason. */
    reference: text("reference").notNull(),
    grantedByUserId: uuid("granted_by_user_id").references(() => users.id),
    grantedAt: timestamp("granted_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("personal_data_grants_procedure_idx").on(t.procedureId, t.authorityId),
    index("personal_data_grants_authority_idx").on(t.authorityId),
    index("personal_data_grants_granted_by_idx").on(t.grantedByUserId),
  ],
);

export const personalDataGrantsRelations = relations(personalDataGrants, ({ one }) => ({
  procedure: one(procedures, { fields: [personalDataGrants.procedureId], references: [procedures.id] }),
}));
