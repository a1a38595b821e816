import { sql } from "drizzle-orm";
import { bigint, bigserial, index, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { authorities } from "./authorities.js";
import { procedures } from "./procedures.js";
import { users } from "./users.js";

/**
 * R-SEC-2: who read or changed which personal data, when and on what ground. Holds field names,
 * never values, and plain data-subject ids (no foreign key), so it outlives deleted personal data.
 *
 * Append-only and hash-chained: triggers (migration audit_append_only) refuse UPDATE, DELETE and
 * TRUNCATE, and assign chain_id, chain_position, prev_hash and hash on insert, whatever the insert sends.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    actorAuthorityId: uuid("actor_authority_id").references(() => authorities.id),
    action: text("action").notNull(),
    procedureId: uuid("procedure_id").references(() => procedures.id),
    dataSubjectId: uuid("data_subject_id"),
    fields: text("fields").array().notNull(),
    ground: text("ground").notNull(),
    requestId: text("request_id"),
    // Assigned by the insert trigger: `default` is sent, and whatever were sent would be replaced.
    // Which of the log's chains the event is in (issue 14, migration audit_chains): each inserting
    // transaction appends to a chain no other running transaction holds, so writers never queue.
    chainId: smallint("chain_id")
      .notNull()
      .$defaultFn(() => sql`default`),
    chainPosition: bigint("chain_position", { mode: "number" })
      .notNull()
      .$defaultFn(() => sql`default`),
    prevHash: text("prev_hash")
      .notNull()
      .$defaultFn(() => sql`default`),
    hash: text("hash")
      .notNull()
      .$defaultFn(() => sql`default`),
  },
  (t) => [
    index("audit_events_procedure_idx").on(t.procedureId),
    index("audit_events_actor_user_idx").on(t.actorUserId),
    index("audit_events_actor_authority_idx").on(t.actorAuthorityId),
    index("audit_events_data_subject_idx").on(t.dataSubjectId),
    index("audit_events_occurred_at_idx").on(t.occurredAt),
    // Each chain's order: the insert trigger reads a chain's last position through it, verification walks it.
    uniqueIndex("audit_events_chain_idx").on(t.chainId, t.chainPosition),
  ],
);
