import { boolean, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** The acts of the regulation's annex. Data, not an enum: the list changes over time (§1). */
export const legalAreas = pgTable("legal_areas", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  actReference: text("act_reference").notNull(),
  enabled: boolean("enabled").notNull().default(true),
  /** R-RETAIN-1: months after formal closure until personal data is blocked (6; 18 for SOLVIT). */
  blockingPeriodMonths: integer("blocking_period_months").notNull().default(6),
  /** R-CONSENT-1: procedures in this area need the data subject's consent reference. */
  consentRequired: boolean("consent_required").notNull().default(false),
  /** R-RETAIN-2: closed alerts stay visible to participants until deletion. */
  closedAlertsStayVisible: boolean("closed_alerts_stay_visible").notNull().default(false),
  /** R-RETAIN-7: months without activity after which the system closes a procedure formally (default 12). */
  inactivityPeriodMonths: integer("inactivity_period_months").notNull().default(12),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
