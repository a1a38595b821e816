import { relations, sql } from "drizzle-orm";
import { index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { authorities } from "./authorities.js";
import { users } from "./users.js";

export const authorityRegistrationStatusEnum = pgEnum("authority_registration_status", ["PENDING", "APPROVED", "REJECTED"]);

/**
 * Issue 18, Art. 6: an authority registers itself; the coordinator of its member state validates it,
 * and only then does it exist in the directory. What it submits is what the directory will publish
 * (name, contact details, data protection officer, legal areas): public information, no personal data.
 */
export const authorityRegistrations = pgTable(
  "authority_registrations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    memberState: text("member_state").notNull(),
    contactEmail: text("contact_email").notNull(),
    contactPhone: text("contact_phone"),
    postalAddress: text("postal_address").notNull(),
    website: text("website"),
    dpoName: text("dpo_name").notNull(),
    dpoEmail: text("dpo_email").notNull(),
    legalAreaCodes: text("legal_area_codes").array().notNull(),
    status: authorityRegistrationStatusEnum("status").notNull().default("PENDING"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decidedByUserId: uuid("decided_by_user_id").references(() => users.id),
    /** The coordinator's reason for a rejection: a sentence about the authority, shown to the coordinators. */
    decisionNote: text("decision_note"),
    /** The directory entry an approval created. */
    authorityId: uuid("authority_id").references(() => authorities.id),
  },
  (t) => [
    // The coordinator's queue: its member state's pending registrations, oldest first.
    index("authority_registrations_pending_idx").on(t.memberState, t.submittedAt).where(sql`${t.status} = 'PENDING'`),
  ],
);

export const authorityRegistrationsRelations = relations(authorityRegistrations, ({ one }) => ({
  authority: one(authorities, { fields: [authorityRegistrations.authorityId], references: [authorities.id] }),
  decidedBy: one(users, { fields: [authorityRegistrations.decidedByUserId], references: [users.id] }),
}));
