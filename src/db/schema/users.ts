import { relations, sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { authorities } from "./authorities.js";
import { roleEnum } from "./enums.js";

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    authorityId: uuid("authority_id")
      .notNull()
      .references(() => authorities.id),
    /** Contact data (R-USER-1): nulled when a deactivated user's data is deleted. */
    name: text("name"),
    email: text("email"),
    passwordHash: text("password_hash"),
    totpSecret: text("totp_secret"),
    roles: roleEnum("roles").array().notNull(),
    active: boolean("active").notNull().default(true),
    deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
    /** R-USER-1: contact data blocked at deactivation, deleted 3 years later. */
    contactBlockedAt: timestamp("contact_blocked_at", { withTimezone: true }),
    contactDeletedAt: timestamp("contact_deleted_at", { withTimezone: true }),
    failedLoginCount: integer("failed_login_count").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * R-SEC-2: who provisioned the account (createUser), so that whatever it reads can be traced to its
     * creator; null for accounts loaded by the seed or created before migration 0015. Set once: a
     * trigger (migration 0015) refuses to change it.
     */
    createdByUserId: uuid("created_by_user_id").references((): AnyPgColumn => users.id),
    /**
     * Issue 18 (§10-§11, user lists kept current): the last accepted login, set by a trigger on
     * used_security_codes (migration 0021), so the coordinator sees accounts not used for a long time.
     */
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    /**
     * R-SEC-1 (enrolment, migration 0037): when the user set their own password and received their
     * TOTP secret (enrolUser). Null while the account awaits enrolment: createUser sets it null, so
     * the creator never holds the account's credentials. The default (now) serves the accounts
     * written directly, with their credentials, by the demo seed, admin:create and tests' factories.
     */
    enrolledAt: timestamp("enrolled_at", { withTimezone: true }).defaultNow(),
  },
  (t) => [
    // An account awaiting enrolment holds no credentials at all: nobody can log in as it.
    check("users_unenrolled_no_credentials", sql`${t.enrolledAt} is not null or (${t.passwordHash} is null and ${t.totpSecret} is null)`),
    index("users_authority_idx").on(t.authorityId),
    // Logins look e-mails up case-insensitively; one account per address.
    uniqueIndex("users_email_lower_idx").on(sql`lower(${t.email})`),
    // R-USER-1: the retention job scans deactivated users whose data is not yet deleted.
    index("users_deactivated_idx").on(t.deactivatedAt).where(sql`${t.active} = false and ${t.contactDeletedAt} is null`),
  ],
);

export const usersRelations = relations(users, ({ one }) => ({
  authority: one(authorities, { fields: [users.authorityId], references: [authorities.id] }),
  createdBy: one(users, { fields: [users.createdByUserId], references: [users.id] }),
}));
