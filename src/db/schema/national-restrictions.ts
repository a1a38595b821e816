import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { procedureKindEnum } from "./enums.js";
import { legalAreas } from "./legal-areas.js";
import { users } from "./users.js";

/**
 * R-NOTICE-2: national exceptions and restrictions of data subjects' rights, per member state,
 * optionally narrowed to a legal area (the authorities competent in it, its procedures) or a kind
 * of procedure. A coordinator notifies one to the Commission; it is public once the Commission
 * has published it, and not before (§8 "Kommissionen skal underrettes derom").
 */
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
    /** Only for procedures of this legal area and the authorities registered in it; null: all. */
    legalAreaCode: text("legal_area_code").references(() => legalAreas.code),
    /** Only for this kind of procedure; null: every kind. */
    procedureKind: procedureKindEnum("procedure_kind"),
    /** Who notified it (the state's coordinator, or the Commission recording a notification). */
    recordedByUserId: uuid("recorded_by_user_id").references(() => users.id),
    /** When it was notified to the Commission. */
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    /** When the Commission published it; unpublished restrictions are not public. */
    publishedAt: timestamp("published_at", { withTimezone: true }),
    publishedByUserId: uuid("published_by_user_id").references(() => users.id),
  },
  (t) => [
    index("national_restrictions_member_state_idx").on(t.memberState),
    index("national_restrictions_recorded_by_idx").on(t.recordedByUserId),
    index("national_restrictions_published_by_idx").on(t.publishedByUserId),
    index("national_restrictions_legal_area_idx").on(t.legalAreaCode),
  ],
);
