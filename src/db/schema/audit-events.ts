import { bigserial, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { authorities } from "./authorities.js";
import { procedures } from "./procedures.js";
import { users } from "./users.js";

/**
 * R-SEC-2: who read or changed which personal data, when and on what ground. Holds field names,
 * never values, and plain data-subject ids (no foreign key), so it outlives deleted personal data.
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
  },
  (t) => [
    index("audit_events_procedure_idx").on(t.procedureId),
    index("audit_events_actor_user_idx").on(t.actorUserId),
    index("audit_events_actor_authority_idx").on(t.actorAuthorityId),
    index("audit_events_data_subject_idx").on(t.dataSubjectId),
    index("audit_events_occurred_at_idx").on(t.occurredAt),
  ],
);
