import { relations } from "drizzle-orm";
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { authorities } from "./authorities.js";
import { confidentialItemKindEnum } from "./enums.js";
import { procedures } from "./procedures.js";
import { users } from "./users.js";

/** §6, Art. 10: companies named in a procedure; confidential under national rules (R-LEGALPERSON-1). */
export const legalPersons = pgTable(
  "legal_persons",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    procedureId: uuid("procedure_id")
      .notNull()
      .references(() => procedures.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    registrationNumber: text("registration_number"),
    country: text("country"),
    address: text("address"),
    addedByAuthorityId: uuid("added_by_authority_id")
      .notNull()
      .references(() => authorities.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("legal_persons_procedure_idx").on(t.procedureId),
    index("legal_persons_added_by_idx").on(t.addedByAuthorityId),
  ],
);

/** Non-personal information flagged confidential on request; the flag must be respected (§6). */
export const confidentialityFlags = pgTable(
  "confidentiality_flags",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    procedureId: uuid("procedure_id")
      .notNull()
      .references(() => procedures.id, { onDelete: "cascade" }),
    itemKind: confidentialItemKindEnum("item_kind").notNull(),
    itemId: uuid("item_id").notNull(),
    reason: text("reason").notNull(),
    requestedByAuthorityId: uuid("requested_by_authority_id")
      .notNull()
      .references(() => authorities.id),
    requestedByUserId: uuid("requested_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("confidentiality_flags_procedure_idx").on(t.procedureId),
    uniqueIndex("confidentiality_flags_item_idx").on(t.itemKind, t.itemId),
    index("confidentiality_flags_requested_by_authority_idx").on(t.requestedByAuthorityId),
    index("confidentiality_flags_requested_by_user_idx").on(t.requestedByUserId),
  ],
);

export const legalPersonsRelations = relations(legalPersons, ({ one }) => ({
  procedure: one(procedures, { fields: [legalPersons.procedureId], references: [procedures.id] }),
}));

export const confidentialityFlagsRelations = relations(confidentialityFlags, ({ one }) => ({
  procedure: one(procedures, { fields: [confidentialityFlags.procedureId], references: [procedures.id] }),
}));
