import { relations } from "drizzle-orm";
import { boolean, index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { legalAreas } from "./legal-areas.js";

/** A competent authority is a controller (§11); the helpdesk and the coordinators are authorities too. */
export const authorities = pgTable(
  "authorities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    /** ISO 3166 alpha-2; "EU" for the Commission's helpdesk. */
    memberState: text("member_state").notNull(),
    contactEmail: text("contact_email").notNull(),
    contactPhone: text("contact_phone"),
    postalAddress: text("postal_address").notNull(),
    website: text("website"),
    dpoName: text("dpo_name").notNull(),
    dpoEmail: text("dpo_email").notNull(),
    /**
     * R-COORD-1, Art. 8: designated by the Commission as its member state's coordinating authority
     * (the NIMIC's). Only such an authority holds COORDINATOR accounts, and it holds nothing else: it
     * is in no legal area and never a recipient, so nobody in it works procedures (pentest F1).
     */
    coordinating: boolean("coordinating").notNull().default(false),
    /**
     * Issue 17 item 4 (Art. 12 of the Regulation): one of its member state's alert coordinators, in every
     * legal area it is registered for. An alert sent to all member states goes to these authorities of
     * every other state. Set by the state's coordinator or the Commission; never a coordinating authority.
     */
    alertCoordinator: boolean("alert_coordinator").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("authorities_member_state_idx").on(t.memberState)],
);

/** R-PURPOSE-2: the legal areas an authority is registered for. */
export const authorityLegalAreas = pgTable(
  "authority_legal_areas",
  {
    authorityId: uuid("authority_id")
      .notNull()
      .references(() => authorities.id, { onDelete: "cascade" }),
    legalAreaCode: text("legal_area_code")
      .notNull()
      .references(() => legalAreas.code),
  },
  (t) => [
    primaryKey({ columns: [t.authorityId, t.legalAreaCode] }),
    index("authority_legal_areas_legal_area_idx").on(t.legalAreaCode),
  ],
);

export const authoritiesRelations = relations(authorities, ({ many }) => ({
  legalAreas: many(authorityLegalAreas),
}));

export const authorityLegalAreasRelations = relations(authorityLegalAreas, ({ one }) => ({
  authority: one(authorities, { fields: [authorityLegalAreas.authorityId], references: [authorities.id] }),
  legalArea: one(legalAreas, { fields: [authorityLegalAreas.legalAreaCode], references: [legalAreas.code] }),
}));
