import { relations } from "drizzle-orm";
import { bigserial, boolean, index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { authorities } from "./authorities.js";
import {
  contestationGroundEnum,
  dataSubjectRequestKindEnum,
  dataSubjectRequestRouteEnum,
  dataSubjectRequestStatusEnum,
  dataSubjectRequestStepKindEnum,
} from "./enums.js";
import { dataSubjects } from "./personal-data.js";
import { procedures } from "./procedures.js";
import { users } from "./users.js";

/** §7, §8: access, rectification, erasure and early deletion asked for by a data subject. */
export const dataSubjectRequests = pgTable(
  "data_subject_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: dataSubjectRequestKindEnum("kind").notNull(),
    status: dataSubjectRequestStatusEnum("status").notNull().default("RECEIVED"),
    route: dataSubjectRequestRouteEnum("route"),
    routeReason: text("route_reason"),
    /** The authority that received the request (R-ACCESS-1, R-RECTIFY-1). */
    receivingAuthorityId: uuid("receiving_authority_id")
      .notNull()
      .references(() => authorities.id),
    procedureId: uuid("procedure_id").references(() => procedures.id, { onDelete: "set null" }),
    dataSubjectId: uuid("data_subject_id").references(() => dataSubjects.id, { onDelete: "set null" }),
    // The citizen's identity and words (REQUEST_PERSONAL) are in dataSubjectRequestPersonal below:
    // this table's rows are the request's metadata, shown to more viewers than may read those.
    consentReference: text("consent_reference"),
    legalBasis: text("legal_basis"),
    /**
     * R-RETAIN-6: an early deletion naming a data subject deletes only that subject's personal data,
     * unless the request says every data subject of the procedure consented.
     */
    allSubjectsConsented: boolean("all_subjects_consented").notNull().default(false),
    filedByUserId: uuid("filed_by_user_id").references(() => users.id),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
    /** R-RECTIFY-2: 30 days from receipt by the responsible authority. */
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    escalatedAt: timestamp("escalated_at", { withTimezone: true }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decidedByUserId: uuid("decided_by_user_id").references(() => users.id),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [
    index("dsr_receiving_authority_idx").on(t.receivingAuthorityId),
    index("dsr_procedure_idx").on(t.procedureId),
    index("dsr_data_subject_idx").on(t.dataSubjectId),
    index("dsr_filed_by_idx").on(t.filedByUserId),
    index("dsr_decided_by_idx").on(t.decidedByUserId),
    index("dsr_status_due_idx").on(t.status, t.dueAt),
  ],
);

/** R-RECTIFY-3: accuracy or lawfulness of blocked data challenged, recorded beside it. */
export const contestations = pgTable(
  "contestations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    procedureId: uuid("procedure_id")
      .notNull()
      .references(() => procedures.id, { onDelete: "cascade" }),
    dataSubjectId: uuid("data_subject_id").references(() => dataSubjects.id, { onDelete: "cascade" }),
    ground: contestationGroundEnum("ground").notNull(),
    statement: text("statement").notNull(),
    /** R-RECTIFY-3: the rectified values, recorded together with the contestation and shown with the blocked data. */
    rectifiedValues: jsonb("rectified_values").$type<Record<string, string | null>>(),
    /** The data-subject request this contestation answers, if one. */
    requestId: uuid("request_id").references(() => dataSubjectRequests.id, { onDelete: "set null" }),
    recordedByUserId: uuid("recorded_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("contestations_procedure_idx").on(t.procedureId),
    index("contestations_data_subject_idx").on(t.dataSubjectId),
    index("contestations_recorded_by_idx").on(t.recordedByUserId),
    index("contestations_request_idx").on(t.requestId),
  ],
);

/**
 * R-RECTIFY-1, R-RECTIFY-3, R-ACCESS-2: each step of a request with its actor, time and note: the
 * receiving authority decides, the helpdesk carries out where the authority cannot (with the
 * initiator's confirmation in case b, after agreeing the steps in case c), so a frontend can show
 * whom a request waits for. The note may name the citizen: cleared with the request's own data (R-REQUEST-1).
 */
export const dataSubjectRequestSteps = pgTable(
  "data_subject_request_steps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The order steps were taken in: several share one time within a transaction. */
    seq: bigserial("seq", { mode: "number" }).notNull(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => dataSubjectRequests.id, { onDelete: "cascade" }),
    kind: dataSubjectRequestStepKindEnum("kind").notNull(),
    /** Null for a step the system took (the retention job). */
    actorUserId: uuid("actor_user_id").references(() => users.id),
    actorAuthorityId: uuid("actor_authority_id").references(() => authorities.id),
    /** For a decision: whether it granted the request. */
    approved: boolean("approved"),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("dsr_steps_request_idx").on(t.requestId, t.seq),
    index("dsr_steps_actor_user_idx").on(t.actorUserId),
    index("dsr_steps_actor_authority_idx").on(t.actorAuthorityId),
  ],
);

/**
 * Issue 13 (found by the three-way proof): a request's personal data, REQUEST_PERSONAL in
 * auth/policy.ts, in a table of its own keyed by the request, so that a row policy generated from
 * those cells guards it (db/rls/policies.sql.ts REQUEST_RELATION_SQL): a viewer the cells refuse finds
 * no row. Cleared by the retention job with the request (R-REQUEST-1, R-RETAIN-3).
 */
export const dataSubjectRequestPersonal = pgTable("data_subject_request_personal", {
  requestId: uuid("request_id")
    .primaryKey()
    .references(() => dataSubjectRequests.id, { onDelete: "cascade" }),
  /** The citizen's identity as the request states it. */
  requesterName: text("requester_name").notNull(),
  requesterIdentifier: text("requester_identifier"),
  details: text("details"),
  /** R-RECTIFY-1: the corrected values a rectification asks for (field → value). */
  correction: jsonb("correction").$type<Record<string, string | null>>(),
  decisionNote: text("decision_note"),
});

/** Issue 13: a step's note, which may name the citizen: read like its request's personal data (REQUEST_PERSONAL). */
export const dataSubjectRequestStepNotes = pgTable(
  "data_subject_request_step_notes",
  {
    stepId: uuid("step_id")
      .primaryKey()
      .references(() => dataSubjectRequestSteps.id, { onDelete: "cascade" }),
    requestId: uuid("request_id")
      .notNull()
      .references(() => dataSubjectRequests.id, { onDelete: "cascade" }),
    note: text("note").notNull(),
  },
  (t) => [index("dsr_step_notes_request_idx").on(t.requestId)],
);

export const dataSubjectRequestsRelations = relations(dataSubjectRequests, ({ one }) => ({
  procedure: one(procedures, { fields: [dataSubjectRequests.procedureId], references: [procedures.id] }),
  receivingAuthority: one(authorities, {
    fields: [dataSubjectRequests.receivingAuthorityId],
    references: [authorities.id],
  }),
}));

export const dataSubjectRequestStepsRelations = relations(dataSubjectRequestSteps, ({ one }) => ({
  request: one(dataSubjectRequests, { fields: [dataSubjectRequestSteps.requestId], references: [dataSubjectRequests.id] }),
}));

export const contestationsRelations = relations(contestations, ({ one }) => ({
  procedure: one(procedures, { fields: [contestations.procedureId], references: [procedures.id] }),
}));

export const retrievalGroundEnum = pgEnum("retrieval_ground", ["PROVE_EXCHANGE", "PUBLIC_INTEREST"]);

/**
 * R-RETAIN-4: each retrieval of blocked data by the Commission, on a competent authority's request,
 * with its ground: proving an exchange (with the data subject's consent) or an overriding public interest.
 */
export const blockedDataRetrievals = pgTable(
  "blocked_data_retrievals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    procedureId: uuid("procedure_id")
      .notNull()
      .references(() => procedures.id, { onDelete: "cascade" }),
    requestingAuthorityId: uuid("requesting_authority_id")
      .notNull()
      .references(() => authorities.id),
    ground: retrievalGroundEnum("ground").notNull(),
    consentReference: text("consent_reference"),
    reason: text("reason").notNull(),
    retrievedByUserId: uuid("retrieved_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("blocked_data_retrievals_procedure_idx").on(t.procedureId),
    index("blocked_data_retrievals_requesting_authority_idx").on(t.requestingAuthorityId),
    index("blocked_data_retrievals_retrieved_by_idx").on(t.retrievedByUserId),
  ],
);
