import { PROCEDURE_CLASSES, RECORD_STATES, RELATIONS, REQUEST_PERSONAL, type Cells, type ProcedureClass, type RecordState, type Relation, type RequestRelation } from "../../auth/policy.js";
import { HELPDESK_ROUTES } from "../../modules/rights/routing.js";
import { INDEX_KEY_OWNER } from "../personal-crypto/sealed-rows.js";
import { accountsAuditSql } from "./accounts-audit.sql.js";
import { directoryTablesSql } from "./directory-tables.sql.js";
import { narrowedTablesSql } from "./narrowed-tables.sql.js";
import { API_ROLE, SYSTEM_ROLE } from "./roles.js";
import { atRequestTime, holds, updateOnly } from "./sql-helpers.js";
import { attachments, dataSubjects, questionAnswers } from "../schema/index.js";
import type { PgColumn } from "drizzle-orm/pg-core";

/**
 * The row policies of the database, generated from the one policy (src/auth/policy.ts), never
 * written by hand: `npm run db:rls` writes them into the newest row-security migration, and
 * `npm run db:rls:check` (and test/rls/generated-policies.test.ts) fails when that migration and
 * what this file emits now disagree.
 *
 * What is generated:
 *  - the viewer's relation to a procedure (RELATIONS) and the record's state (RECORD_STATES) as SQL
 *    functions, the same rules as auth/procedure-situation.ts;
 *  - for each guarded class, `imi_rls.may_read_<class>(procedure)` from the class's cells: a role of
 *    the viewer's, a relation of the viewer's, a state of the record's;
 *  - on each table of PERSONAL_DATA_TABLES (and PARTICIPANT_TABLES, by its class): row-level security, FORCEd, a SELECT policy of the API's
 *    role by that function, UPDATE and DELETE policies by the same (policyStatements), and all rows to
 *    the system role (roles.ts, named uses only).
 */

/**
 * Tables holding personal data, how a row reaches its procedure, and who else reads the row beside
 * the class's cells (`alsoReadBy`, SQL over the row and imi_rls.viewer_user()).
 */
export interface GuardedTable {
  table: string;
  /**
   * SQL giving the row's procedure. The row's own columns are QUALIFIED with the table
   * (`"data_subjects".procedure_id`): the policy asks `EXISTS (SELECT 1 FROM <view> v WHERE
   * v.procedure_id = <this>)`, and inside it a bare `procedure_id` binds to the view's own column,
   * which makes the policy true for every row (caught by test/rls/database-wall.test.ts).
   */
  procedure: string;
  /**
   * A second procedure the row may reach (a key owned by a data subject reaches the data subject's
   * procedure): the row is read when either procedure's cells allow it, asked in ONE probe of the
   * class's view (`v.procedure_id IN (procedure, orProcedure)`), not two: planned and started once
   * (bench/results.md 13c: the key statement of a message, the largest cost row security added to it).
   */
  orProcedure?: string;
  /** Who else reads the row, as SQL (the row's columns qualified too); `readable(e)` is the class's condition on a procedure expression. */
  alsoReadBy?: (readable: (procedure: string) => string) => string;
  /** Rows the API's role reads but never changes or deletes, as SQL (beside the read policy's; see policyStatements). */
  readOnly?: string;
  /** The rows the API's role may INSERT, given the table's write condition (default: that condition); `false`: none (the privilege revoked). */
  insert?: ((write: string) => string) | false;
  /**
   * Of the rows the API's role may write, those it UPDATEs (SQL, beside the write condition, for the
   * row before and after), or `false`: it never does (the privilege revoked). Default: all of them.
   * Found from outside: an accepted responder could rewrite or delete the initiator's data subjects
   * and messages, rows it reads but the request path never changes.
   */
  update?: false | string;
  /** An updated row's further condition (WITH CHECK only): for instance that it is written in the viewer's name. */
  updated?: string;
  /** As `update`, for DELETE. */
  remove?: false | string;
  /**
   * The only columns the API's role UPDATEs (default: all). Found from outside: an initiator moved a
   * data subject into another procedure (`procedure_id`) that a third authority reads, and rewrote who
   * added it and when.
   */
  updateColumns?: readonly PgColumn[];
  partitioned?: boolean;
}

/**
 * R-RECTIFY-1: who changes a data subject on the request path, given its procedure (SQL): the
 * initiating authority (case a) or the helpdesk (cases b and c, whose read is its recorded route).
 */
const CARRIES_OUT_RECTIFICATION = (procedure: string) =>
  `('COMMISSION' = ANY (imi_rls.viewer_roles()) OR EXISTS (SELECT 1 FROM participants pi WHERE pi.procedure_id = ${procedure}
    AND pi.authority_id = imi_rls.viewer_authority() AND pi.part::text = 'INITIATOR' AND pi.forwarded_at IS NULL))`;

/**
 * R-SEC-2, R-SEC-1: a row a request adds is written in its own authority's name (and user's, where the
 * row names one), at the request's time (found from outside: an accepted responder inserted a message
 * "by" the initiator, back-dated, and the initiator read it as its own).
 */
const inOwnName = (table: string, authority: string | null, at: string, user?: string) => (write: string) =>
  [write, authority ? `"${table}".${authority} = imi_rls.viewer_authority()` : "", user ? `"${table}".${user} IS NOT DISTINCT FROM imi_rls.viewer_user()` : "", atRequestTime(`"${table}".${at}`)]
    .filter(Boolean)
    .join(" AND ");

/** Issue 17: the viewer's authority is an accepted responder of the procedure (SQL), who answers its questions. */
const ACCEPTED_RESPONDER = (procedure: string) =>
  `EXISTS (SELECT 1 FROM participants pr WHERE pr.procedure_id = ${procedure} AND pr.authority_id = imi_rls.viewer_authority()
    AND pr.part::text <> 'INITIATOR' AND pr.accepted_at IS NOT NULL AND pr.forwarded_at IS NULL)`;

export const PERSONAL_DATA_TABLES: readonly GuardedTable[] = [
  // R-RECTIFY-1: a data subject is rectified or erased on the request path by who carries the request
  // out: the initiator itself (a), or the helpdesk (b, c) on its recorded route (rights.service.ts complete).
  {
    table: "data_subjects",
    procedure: '"data_subjects".procedure_id',
    insert: inOwnName("data_subjects", "added_by_authority_id", "created_at"),
    update: CARRIES_OUT_RECTIFICATION('"data_subjects".procedure_id'),
    remove: CARRIES_OUT_RECTIFICATION('"data_subjects".procedure_id'),
    // A rectification's values (rights.repository.ts updateDataSubject), never the row's procedure or origin.
    updateColumns: [
      dataSubjects.fullName,
      dataSubjects.dateOfBirth,
      dataSubjects.nationalIdentifier,
      dataSubjects.address,
      dataSubjects.email,
      dataSubjects.nationalIdentifierIndex,
      dataSubjects.updatedAt,
    ],
  },
  // Written once, never changed by a request: their erasure is the data subject's (a cascade) or the job's.
  {
    table: "sensitive_records",
    procedure: '(select ds.procedure_id from data_subjects ds where ds.id = "sensitive_records".data_subject_id)',
    insert: inOwnName("sensitive_records", null, "created_at"),
    update: false,
    remove: false,
  },
  {
    table: "messages",
    procedure: '"messages".procedure_id',
    insert: inOwnName("messages", "author_authority_id", "created_at", "author_user_id"),
    update: false,
    remove: false,
  },
  { table: "legal_persons", procedure: '"legal_persons".procedure_id', insert: inOwnName("legal_persons", "added_by_authority_id", "created_at"), update: false, remove: false },
  {
    table: "confidentiality_flags",
    procedure: '"confidentiality_flags".procedure_id',
    insert: inOwnName("confidentiality_flags", "requested_by_authority_id", "created_at", "requested_by_user_id"),
    update: false,
    remove: false,
  },
  // R-RECTIFY-3: recorded by the helpdesk as the system use \`rights\` only (found from outside: a case
  // handler inserted one in the Commission's name, back-dated, shown beside the blocked data).
  { table: "contestations", procedure: '"contestations".procedure_id', insert: false, update: false, remove: false },
  // The Commission user who records a retrieval reads its own record (the mutation's payload, R-RETAIN-4):
  // it is written just before the route it opens.
  {
    table: "blocked_data_retrievals",
    procedure: '"blocked_data_retrievals".procedure_id',
    alsoReadBy: () => '"blocked_data_retrievals".retrieved_by_user_id = imi_rls.viewer_user()',
    insert: (write) => `${write} AND ${holds("COMMISSION")} AND "blocked_data_retrievals".retrieved_by_user_id = imi_rls.viewer_user()`,
    // R-RETAIN-4: a retrieval's record stays (the retention job deletes it with the procedure's data).
    update: false,
    remove: false,
  },
  // Issue 17: a request's answers and its attachments are the procedure's personal data; a chunk is
  // read like its attachment (the subquery is itself under attachments' policy, the same condition).
  // Answering again replaces the answer (answer.repository.ts upsert), in the answering authority's name.
  {
    table: "question_answers",
    procedure: '"question_answers".procedure_id',
    insert: (write) => `${inOwnName("question_answers", "answered_by_authority_id", "answered_at", "answered_by_user_id")(write)} AND ${ACCEPTED_RESPONDER('"question_answers".procedure_id')}`,
    // The accepted responder's (found from outside: the initiator overwrote the responder's answers as its own).
    update: ACCEPTED_RESPONDER('"question_answers".procedure_id'),
    updated: inOwnName("question_answers", "answered_by_authority_id", "answered_at", "answered_by_user_id")("true"),
    updateColumns: [questionAnswers.value, questionAnswers.attachmentId, questionAnswers.answeredByAuthorityId, questionAnswers.answeredByUserId, questionAnswers.answeredAt],
    remove: false,
  },
  // Issue 13 (found by the three-way matrix): a SOLVIT case's consent reference, out of the procedures
  // table (whose rows the metadata cells show) into a table of its own (schema/procedure-texts.ts).
  { table: "procedure_consent_references", procedure: '"procedure_consent_references".procedure_id', update: false, remove: false },
  // An upload is completed by its own authority, and removed by it or, left unfinished for an hour, by
  // anyone writing in the procedure (attachment.repository.ts complete, remove; removeAbandoned,
  // attachment.service.ts ABANDONED_AFTER_MS).
  {
    table: "attachments",
    procedure: '"attachments".procedure_id',
    insert: inOwnName("attachments", "uploaded_by_authority_id", "created_at", "uploaded_by_user_id"),
    update: '"attachments".uploaded_by_authority_id = imi_rls.viewer_authority()',
    updated: atRequestTime('"attachments".completed_at'),
    updateColumns: [attachments.sizeBytes, attachments.sha256, attachments.completedAt],
    remove: `("attachments".uploaded_by_authority_id = imi_rls.viewer_authority() OR ("attachments".completed_at IS NULL AND "attachments".created_at < imi_rls.viewer_now() - interval '1 hour'))`,
  },
  // A chunk is appended to its authority's own upload while it is unfinished (found from outside: chunks
  // appended to another authority's completed attachment).
  {
    table: "attachment_chunks",
    procedure: '(select a.procedure_id from attachments a where a.id = "attachment_chunks".attachment_id)',
    insert: (write) =>
      `${write} AND EXISTS (SELECT 1 FROM attachments a WHERE a.id = "attachment_chunks".attachment_id AND a.completed_at IS NULL AND a.uploaded_by_authority_id = imi_rls.viewer_authority())`,
    update: false,
    remove: false,
  },
  // R-RETAIN-3 crypto-shredding (src/db/personal-crypto): a key is owned by a procedure or by a data
  // subject, and read like that owner's personal data. Hash-partitioned: its partitions are closed to
  // the API's and the system's roles (a policy guards the parent only); the job deletes through the parent.
  {
    table: "personal_data_keys",
    procedure: '"personal_data_keys".owner_id',
    orProcedure: '(select ds.procedure_id from data_subjects ds where ds.id = "personal_data_keys".owner_id)',
    // The national-identifier index key, read on the request path (sealed-rows.ts identifierIndex) and
    // never deleted. No other key without a readable owner: not the development master key a
    // non-production PostgreSQL keeps here (master-key.resolve.ts, read at start by the owner), nor a
    // new data subject's key, which its writer inserts and never reads back (key-store.ts forNewOwner).
    readOnly: `"personal_data_keys".owner_id = '${INDEX_KEY_OWNER}'`,
    // A new data subject's key is written before its data subject (key-store.ts forNewOwner), the
    // index key once: an owner no procedure or data subject has. Not a key for an owner the writer
    // cannot read, which would make that owner's sealed writes fail (found from outside).
    insert: (write) => `${write} OR imi_rls.key_owner_unused("personal_data_keys".owner_id)`,
    // A key is destroyed with its owner's data as the system use \`rights\` or by the retention job.
    update: false,
    remove: false,
    partitioned: true,
  },
];

/**
 * Issue 13 (found by the three-way matrix): the tables of PROCEDURE_CLASSES.participant, the initiator's
 * justification, out of the procedures table into a table of its own (schema/procedure-texts.ts).
 */
export const PARTICIPANT_TABLES: readonly GuardedTable[] = [
  // Written once by the creator with its draft (procedure.service.ts create), never changed (found from
  // outside: a responder that had not accepted rewrote and deleted the initiator's justification).
  {
    table: "procedure_justifications",
    procedure: '"procedure_justifications".procedure_id',
    insert: (write) =>
      `${write} AND EXISTS (SELECT 1 FROM procedures p WHERE p.id = "procedure_justifications".procedure_id AND p.created_by_user_id = imi_rls.viewer_user() AND p.status::text = 'DRAFT')`,
    update: false,
    remove: false,
  },
  // R-RETAIN-5: a case handler's reason for a procedure's inactivity, free text gated like the
  // justification (policy.ts InactivityJustification). Whether one exists is asked through
  // imi_rls.inactivity_justified by the job, the Commission's preview and the coordinators' list alike.
  {
    table: "inactivity_justifications",
    procedure: '"inactivity_justifications".procedure_id',
    insert: inOwnName("inactivity_justifications", "authority_id", "recorded_at", "user_id"),
    update: false,
    remove: false,
  },
];

/**
 * Issue 13 item 3: the procedures and their participants, PROCEDURE_CLASSES.metadata (the SPEC matrix's
 * "procedure metadata" row). The procedure's creator reads its row too: what a portal filed (the
 * matrix's PORTAL cell, auth/procedure-scope.ts), and the row a case handler's createProcedure inserts
 * before its initiator participant exists (INSERT … RETURNING must read it).
 */
export const METADATA_TABLES: readonly GuardedTable[] = [
  {
    table: "procedures",
    procedure: '"procedures".id',
    alsoReadBy: () => '"procedures".created_by_user_id = imi_rls.viewer_user()',
    // A new procedure is its creator's, of the creator's authority, neither blocked nor deleted (R-RETAIN-1):
    // never one written as another's, or already past the states the retention job sets.
    // Found from outside: a procedure inserted already CLOSED, back-dated and "closed by the system"
    // (statistics, R-RETAIN-7), or by the Commission (Art. 8: it takes part in none). A new procedure is
    // a case handler's draft, created now (procedure.service.ts create).
    insert: () =>
      `"procedures".created_by_user_id = imi_rls.viewer_user() AND "procedures".initiator_authority_id = imi_rls.viewer_authority() AND "procedures".blocked_at IS NULL AND "procedures".personal_data_deleted_at IS NULL
      AND ${holds("CASE_HANDLER")} AND "procedures".status::text = 'DRAFT' AND "procedures".closed_at IS NULL AND NOT "procedures".closed_by_system
      AND "procedures".sent_at IS NULL AND ${atRequestTime('"procedures".created_at')} AND ${atRequestTime('"procedures".last_activity_at')}`,

    // Changed by the request path's writers as narrowed-tables.sql.ts's procedure_guard says; never deleted
    // (its cascades run beyond row security).
    remove: false,
  },
  // An authority reads the participations it forwarded away: the receipt by which a later action of
  // its own is a CONFLICT that says so, not a NOT_FOUND (issue 12 item 7; procedure.service.ts forwardedAway).
  {
    table: "participants",
    procedure: '"participants".procedure_id',
    alsoReadBy: () => '("participants".authority_id = imi_rls.viewer_authority() AND "participants".forwarded_at IS NOT NULL)',
    // R-SEC-1 (found from outside: an authority inserted itself as an accepted participant and read the
    // procedure's personal data): a participation is added, not yet accepted nor forwarded, by an
    // authority taking part (its recipients, a forward) or by the creator of a new procedure.
    insert: () =>
      '"participants".accepted_at IS NULL AND "participants".forwarded_at IS NULL AND ("participants".part::text <> \'INITIATOR\' OR "participants".authority_id = imi_rls.viewer_authority()) AND imi_rls.may_add_participant("participants".procedure_id, "participants".authority_id)',

    // An authority changes its own participation only (narrowed-tables.sql.ts); none is deleted.
    update: '"participants".authority_id = imi_rls.viewer_authority()',
    remove: false,
  },
];

/** The classes with a view in the database, and the tables each guards. */
export const GUARDED: readonly { cls: ProcedureClass; view: string; tables: readonly GuardedTable[] }[] = [
  { cls: "metadata", view: "imi_rls.metadata_readable", tables: METADATA_TABLES },
  { cls: "personalData", view: "imi_rls.personal_data_readable", tables: PERSONAL_DATA_TABLES },
  { cls: "participant", view: "imi_rls.participant_readable", tables: PARTICIPANT_TABLES },
];

/**
 * Issue 13 (found by the three-way proof): a data-subject request's personal data, REQUEST_PERSONAL's
 * cells (auth/request-access.ts), in tables of their own keyed by the request (schema
 * data-subject-requests.ts), read through `imi_rls.request_personal_readable`.
 */
export const REQUEST_PERSONAL_TABLES: readonly { table: string; request: string; insert?: string }[] = [
  { table: "data_subject_request_personal", request: "request_id" },
  // A step's note is written by whoever takes the step on a request it sees (the initiator confirming a
  // change the helpdesk carries out, R-RECTIFY-1 b), though only REQUEST_PERSONAL's cells read it back.
  // A step's note is written with the step, by the step's own actor (or with the route's escalation).
  {
    table: "data_subject_request_step_notes",
    request: "request_id",
    insert: `"data_subject_request_step_notes".request_id IN (SELECT r.id FROM data_subject_requests r) AND EXISTS (SELECT 1 FROM data_subject_request_steps s
      WHERE s.id = "data_subject_request_step_notes".step_id AND s.request_id = "data_subject_request_step_notes".request_id AND (s.actor_user_id IS NOT DISTINCT FROM imi_rls.viewer_user() OR (s.actor_user_id IS NULL AND s.kind::text = 'ESCALATED_TO_HELPDESK')))`,
  },
];
export const REQUEST_PERSONAL_VIEW = "imi_rls.request_personal_readable";

const sqlList = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(", ");

/**
 * Whether the helpdesk acts on request `r` now (auth/request-access.ts requestRelations:
 * `helpdeskActs(route)` with the route of routing.ts currentRouting), over its procedure `p` (LEFT
 * JOINed): a finished request, an early deletion or one without a procedure keeps its recorded route;
 * otherwise routeRequest from the procedure's state, case by case in its order. The request's enums
 * are compared as text: PostgreSQL runs the migrations in one transaction, where a value added to an
 * enum by an earlier one (HELPDESK_REPORT) may not be used as such.
 */
export const HELPDESK_ACTS_NOW = `CASE
      WHEN p.id IS NULL OR r.status::text IN ('REJECTED', 'COMPLETED') OR r.kind::text = 'EARLY_DELETION' THEN coalesce(r.route::text IN (${sqlList(HELPDESK_ROUTES)}), false)
      -- DELETED: NO_DATA_HELD
      WHEN p.personal_data_deleted_at IS NOT NULL THEN false
      -- BLOCKED: HELPDESK_REPORT (access) or CONTESTATION (the others)
      WHEN p.blocked_at IS NOT NULL THEN true
      -- OPEN or CLOSED access: RECEIVING_AUTHORITY
      WHEN r.kind::text = 'ACCESS' THEN false
      -- CLOSED: COMMISSION
      WHEN p.status = 'CLOSED' THEN true
      -- OPEN: INITIATOR when the receiving authority initiated it (procedureFacts receiverInitiated), else HELPDESK_WITH_INITIATOR
      ELSE NOT EXISTS (SELECT 1 FROM participants i WHERE i.procedure_id = p.id AND i.authority_id = r.receiving_authority_id AND i.part = 'INITIATOR' AND i.forwarded_at IS NULL)
    END`;

/** The viewer's relations to request `r` (auth/request-access.ts requestRelations), rule by rule the same. */
export const REQUEST_RELATION_SQL: Record<RequestRelation, string> = {
  // request.filedByUserId === viewer.userId
  FILED_IT: "r.filed_by_user_id = imi_rls.viewer_user()",
  // request.receivingAuthorityId === viewer.authorityId
  RECEIVED_IT: "r.receiving_authority_id = imi_rls.viewer_authority()",
  // request.escalatedAt !== null || helpdeskActs(route now)
  HELPDESK_ROUTE: `(r.escalated_at IS NOT NULL OR ${HELPDESK_ACTS_NOW})`,
};

/** The requests whose personal data the viewer may read: one SELECT per role and relation of REQUEST_PERSONAL. */
export function requestReadableSelect(cells: Partial<Record<string, readonly RequestRelation[]>> = REQUEST_PERSONAL): string {
  const selects = Object.entries(cells).flatMap(([role, relations]) =>
    (relations ?? []).map(
      (relation) =>
        `  -- ${role}, ${relation}\n  SELECT r.id AS request_id FROM data_subject_requests r LEFT JOIN procedures p ON p.id = r.procedure_id WHERE ${REQUEST_RELATION_SQL[relation]} AND ${quote(role)} = ANY (imi_rls.viewer_roles())`,
    ),
  );
  return selects.length > 0 ? selects.join("\n  UNION ALL\n") : "  SELECT NULL::uuid AS request_id WHERE false";
}

/** The record's state (auth/procedure-situation.ts recordState) as a condition on procedure `p`. */
const STATE_SQL: Record<RecordState, string> = {
  OPEN: "(p.personal_data_deleted_at IS NULL AND p.blocked_at IS NULL AND p.status <> 'CLOSED')",
  CLOSED: "(p.personal_data_deleted_at IS NULL AND p.blocked_at IS NULL AND p.status = 'CLOSED')",
  BLOCKED: "(p.personal_data_deleted_at IS NULL AND p.blocked_at IS NOT NULL)",
  DELETED: "(p.personal_data_deleted_at IS NOT NULL)",
};

/** A current participation (auth/procedure-situation.ts takesPart): not forwarded, a draft only on the initiator's side. */
const takesPart = (alias: string) => `${alias}.forwarded_at IS NULL AND (p.status <> 'DRAFT' OR ${alias}.part = 'INITIATOR')`;
const TAKES_PART = takesPart("pa");
/**
 * The viewer's authority takes part in procedure `p` or forwarded it away (computeSituation decides
 * those relations first): neither the Commission's route nor SAME_STATE applies then.
 */
const OWN_PARTICIPATION = `EXISTS (SELECT 1 FROM participants me WHERE me.procedure_id = p.id AND me.authority_id = imi_rls.viewer_authority() AND (me.forwarded_at IS NOT NULL OR ${takesPart("me")}))`;
const MINE = "pa.authority_id = imi_rls.viewer_authority()";
/** The viewer's authority initiated it (computeSituation takes the initiator's row first). */
const INITIATED = `EXISTS (SELECT 1 FROM participants i WHERE i.procedure_id = p.id AND i.authority_id = imi_rls.viewer_authority() AND i.part = 'INITIATOR' AND i.forwarded_at IS NULL)`;

/** The relations of a current participation of the viewer's authority (computeSituation's `mine`). */
const PARTICIPATION_RELATIONS: readonly Relation[] = ["INITIATOR", "ACCEPTED", "NOT_ACCEPTED"];

/**
 * The procedures in which the viewer's relation is one of `relations`, all of them participation
 * relations (INITIATOR, ACCEPTED, NOT_ACCEPTED), as ONE SELECT over the viewer's authority's current
 * participation `pa` (an index lookup by procedure and authority, participants_current_idx).
 *
 * Exact, not an approximation (issue 13, test/rls/class-view-equivalence.test.ts): computeSituation's
 * relation is one of the three exactly when the authority has a current participation (`mine`), and
 * which one is read off that row: INITIATOR by its part, else ACCEPTED or NOT_ACCEPTED by accepted_at.
 * An authority has at most one current row in a procedure (participants_current_idx is unique where
 * forwarded_at is null), so `pa` is `mine`. The NOT INITIATED exclusion of the ACCEPTED and NOT_ACCEPTED
 * rows is needed only where INITIATOR is not in the set: with INITIATOR in it, a procedure the authority
 * initiated is in the set anyway.
 */
function participationSelect(relations: readonly Relation[], state: string): string {
  const has = (relation: Relation) => relations.includes(relation);
  const responding = [has("ACCEPTED") && "pa.accepted_at IS NOT NULL", has("NOT_ACCEPTED") && "pa.accepted_at IS NULL"].filter((c): c is string => Boolean(c));
  let condition: string;
  if (has("INITIATOR")) {
    // INITIATOR with both responding relations: every current participation, no condition on the row.
    condition = responding.length === 2 ? "" : responding.length === 1 ? `(pa.part = 'INITIATOR' OR ${responding[0]})` : "pa.part = 'INITIATOR'";
  } else {
    condition = ["pa.part <> 'INITIATOR'", ...(responding.length === 2 ? [] : responding), `NOT ${INITIATED}`].join(" AND ");
  }
  return `SELECT pa.procedure_id FROM participants pa JOIN procedures p ON p.id = pa.procedure_id WHERE ${MINE} AND ${TAKES_PART}${condition ? ` AND ${condition}` : ""} AND ${state}`;
}

/** The state condition of `states` on procedure `p` (RECORD_STATES, recordState). */
function stateCondition(states: readonly RecordState[]): string {
  // Every state (the metadata class): no condition, rather than a disjunction that is always true.
  return RECORD_STATES.every((s) => states.includes(s)) ? "true" : `(${RECORD_STATES.filter((s) => states.includes(s)).map((s) => STATE_SQL[s]).join(" OR ")})`;
}

/**
 * The procedures in which the viewer's relation is `relation` (computeSituation), as a SELECT of
 * their ids driven by the viewer's authority (an index lookup, not a scan of every procedure).
 */
function relationSelect(relation: Relation, states: readonly RecordState[]): string {
  const state = stateCondition(states);
  if (PARTICIPATION_RELATIONS.includes(relation)) return participationSelect([relation], state);
  switch (relation) {
    case "COMMISSION_ROUTE":
      // A live recorded route (granted by the request's time, or opened by this very request), and no
      // participation of the viewer's own (current or forwarded away), which would come first.
      return `SELECT g.procedure_id FROM personal_data_grants g JOIN procedures p ON p.id = g.procedure_id
      WHERE g.authority_id = imi_rls.viewer_authority() AND g.expires_at > imi_rls.viewer_now()
        AND (g.granted_at <= imi_rls.viewer_now() OR g.id::text = ANY (string_to_array(current_setting('imi.opened_routes', true), ',')))
        AND NOT ${OWN_PARTICIPATION}
        AND ${state}`;
    case "SAME_STATE":
      // Not taking part (no current or forwarded participation of the viewer's own, no live route), but
      // a current participant is an authority of the viewer's member state.
      return `SELECT pa.procedure_id FROM participants pa JOIN authorities au ON au.id = pa.authority_id JOIN procedures p ON p.id = pa.procedure_id
      WHERE au.member_state = imi_rls.viewer_member_state() AND ${TAKES_PART}
        AND NOT ${OWN_PARTICIPATION}
        AND NOT EXISTS (SELECT 1 FROM personal_data_grants g WHERE g.procedure_id = p.id AND g.authority_id = imi_rls.viewer_authority()
          AND g.granted_at <= imi_rls.viewer_now() AND g.expires_at > imi_rls.viewer_now())
        AND ${state}`;
    default:
      // FORWARDED_AWAY, OTHER_STATE: no guarded class grants them alone today (a role holding every
      // relation is expressed whole, readableSelect); a cell that does must get its SQL here first
      // (generation fails rather than guess).
      throw new Error(`policies.sql.ts cannot express the relation ${relation} yet`);
  }
}

/**
 * One SELECT of a class's view: the roles it holds for, and the relations and states it selects (or
 * `every`: every procedure, for a role holding every relation in every state).
 */
interface Branch {
  roles: string[];
  relations: readonly Relation[] | "every";
  states: readonly RecordState[];
}

/**
 * A class's cells as the fewest branches whose meaning is exactly the cells' (issue 13: the planner's
 * cost grew with the branches, 12 in 0036's metadata view): for one role, the participation relations
 * with the same states become one branch (participationSelect); then the roles whose branches are the
 * same share each one. Every other relation stays a branch of its own, its exclusions whole.
 */
export function readableBranches(cells: Cells): Branch[] {
  const branches: Branch[] = [];
  const add = (role: string, relations: readonly Relation[] | "every", states: readonly RecordState[]) => {
    const key = (b: Pick<Branch, "relations" | "states">) => `${b.relations === "every" ? "every" : b.relations.join(",")}|${b.states.join(",")}`;
    const same = branches.find((b) => key(b) === key({ relations, states }));
    if (same) same.roles.push(role);
    else branches.push({ roles: [role], relations, states });
  };
  for (const [role, byRelation] of Object.entries(cells)) {
    if (holdsEverything(byRelation)) {
      add(role, "every", RECORD_STATES);
      continue;
    }
    const statesOf = (relation: Relation) => RECORD_STATES.filter((s) => byRelation?.[relation]?.includes(s));
    const held = RELATIONS.filter((relation) => statesOf(relation).length > 0);
    const participation = held.filter((relation) => PARTICIPATION_RELATIONS.includes(relation));
    for (const relation of held) {
      if (!PARTICIPATION_RELATIONS.includes(relation)) {
        add(role, [relation], statesOf(relation));
        continue;
      }
      // The first participation relation of its state set stands for all of them.
      const states = statesOf(relation);
      const sameStates = participation.filter((r) => statesOf(r).join(",") === states.join(","));
      if (sameStates[0] === relation) add(role, sameStates, states);
    }
  }
  return branches;
}

/** The role condition of a branch: the viewer holds one of its roles. */
function rolesCondition(roles: readonly string[]): string {
  return roles.length === 1 ? `${quote(roles[0]!)} = ANY (imi_rls.viewer_roles())` : `imi_rls.viewer_roles() && ARRAY[${list(roles)}]`;
}

/** The procedures whose data of class `cls` the viewer may read: one SELECT per branch of its cells (readableBranches). */
export function readableSelect(cells: Cells): string {
  const selects = readableBranches(cells).map(({ roles, relations, states }) => {
    if (relations === "every")
      // Every relation in every state (the Commission's metadata): every procedure, for that role.
      return `  -- ${roles.join(", ")}, every relation: every state\n  SELECT p.id AS procedure_id FROM procedures p WHERE ${rolesCondition(roles)}`;
    const select = relations.every((r) => PARTICIPATION_RELATIONS.includes(r)) ? participationSelect(relations, stateCondition(states)) : relationSelect(relations[0]!, states);
    return `  -- ${roles.join(", ")}; ${relations.join(", ")}: ${states.join(", ")}\n  ${select} AND ${rolesCondition(roles)}`;
  });
  return selects.length > 0 ? selects.join("\n  UNION ALL\n") : "  SELECT NULL::uuid WHERE false";
}

function holdsEverything(byRelation: Cells[keyof Cells]): boolean {
  return RELATIONS.every((relation) => RECORD_STATES.every((state) => byRelation?.[relation]?.includes(state)));
}

const quote = (value: string): string => `'${value.replace(/'/g, "''")}'`;
const list = (values: readonly string[]): string => values.map(quote).join(", ");

/** A class's cells as one boolean expression over `roles`, `relation` and `state`. */
export function cellsExpression(cells: Cells): string {
  const terms = Object.entries(cells).flatMap(([role, byRelation]) => {
    const alternatives = Object.entries(byRelation ?? {})
      .filter(([, states]) => states && states.length > 0)
      .map(([relation, states]) => `(relation = ${quote(relation)} and state in (${list(states!)}))`);
    return alternatives.length > 0 ? [`(${quote(role)} = any(roles) and (${alternatives.join(" or ")}))`] : [];
  });
  return terms.length > 0 ? terms.join("\n      or ") : "false";
}

const PROLOGUE = `-- Issue 13: the database's wall. GENERATED by src/db/rls/policies.sql.ts from src/auth/policy.ts:
-- do not edit; change the policy and run \`npm run db:rls\` (CI runs the check, test/rls).
--
-- Roles are of the cluster: created when missing (an operator may have created them first, see
-- docs/deployment.md). ${API_ROLE}: every request (no table of its own, no BYPASSRLS, the audit log
-- SELECT and INSERT only). ${SYSTEM_ROLE}: the named system uses of src/db/rls/roles.ts.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${API_ROLE}') THEN CREATE ROLE ${API_ROLE} NOLOGIN; END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
--> statement-breakpoint
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${SYSTEM_ROLE}') THEN CREATE ROLE ${SYSTEM_ROLE} NOLOGIN; END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO ${API_ROLE}, ${SYSTEM_ROLE};
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${API_ROLE}, ${SYSTEM_ROLE};
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${API_ROLE}, ${SYSTEM_ROLE};
--> statement-breakpoint
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${API_ROLE}, ${SYSTEM_ROLE};
--> statement-breakpoint
-- R-SEC-2: the audit log is appended to and read, never changed, by the API and the system uses alike.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM ${API_ROLE}, ${SYSTEM_ROLE};
--> statement-breakpoint
-- No request deletes a procedure or a participation (the retention job does, as ${SYSTEM_ROLE}); a
-- DELETE's foreign-key cascades run as the owner, beyond row security, so a request able to delete a
-- procedure whose metadata it reads (the Commission all, a coordinator its state's) removed the
-- personal data under it (found from outside).
REVOKE DELETE ON procedures, participants FROM ${API_ROLE};
--> statement-breakpoint
-- Tables of later migrations: the same privileges (a later migration revokes what a table must not allow).
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${API_ROLE}, ${SYSTEM_ROLE};
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${API_ROLE}, ${SYSTEM_ROLE};
--> statement-breakpoint
-- /readyz asks which migrations are applied.
GRANT USAGE ON SCHEMA drizzle TO ${API_ROLE}, ${SYSTEM_ROLE};
--> statement-breakpoint
GRANT SELECT ON drizzle.__drizzle_migrations TO ${API_ROLE}, ${SYSTEM_ROLE};
--> statement-breakpoint
CREATE SCHEMA IF NOT EXISTS imi_rls;
--> statement-breakpoint
GRANT USAGE ON SCHEMA imi_rls TO ${API_ROLE}, ${SYSTEM_ROLE};
--> statement-breakpoint
-- The viewer as the request set it (db/rls/request-scope.ts), transaction-local; empty: no viewer.
CREATE OR REPLACE FUNCTION imi_rls.viewer_roles() RETURNS text[] LANGUAGE sql STABLE AS $$
  SELECT string_to_array(nullif(current_setting('imi.roles', true), ''), ',')
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION imi_rls.viewer_user() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('imi.user_id', true), '')::uuid
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION imi_rls.viewer_authority() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('imi.authority_id', true), '')::uuid
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION imi_rls.viewer_member_state() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('imi.member_state', true), '')
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION imi_rls.viewer_now() RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('imi.now', true), '')::timestamptz
$$;
--> statement-breakpoint
-- R-RETAIN-5: whether a justification was recorded for the procedure since \`p_since\`, whoever asks:
-- a yes or no, never the text, which the row policy of inactivity_justifications guards.
CREATE OR REPLACE FUNCTION imi_rls.inactivity_justified(p_procedure uuid, p_since timestamptz) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM inactivity_justifications j WHERE j.procedure_id = p_procedure AND j.recorded_at >= p_since)
$$;
--> statement-breakpoint
-- The procedure of a completed attachment, whoever asks (issue 17): metadata only, so that a download
-- refused by the policy answers 403 with its reason (or 404 outside the viewer's procedures) like the
-- metadata does, while the attachment's row itself stays behind the wall.
CREATE OR REPLACE FUNCTION imi_rls.complete_attachment_procedure(p_attachment uuid) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT procedure_id FROM attachments WHERE id = p_attachment AND completed_at IS NOT NULL
$$;
--> statement-breakpoint
-- R-SEC-1: whether the viewer may add authority p_authority to the procedure (participants' INSERT
-- policy): its authority initiated it (adds recipients), or takes part and forwards within its member
-- state (procedure.service.ts forward), or the viewer created it as its authority's (the initiator's row
-- and the first recipients). A yes or no, whoever asks.
CREATE OR REPLACE FUNCTION imi_rls.may_add_participant(p_procedure uuid, p_authority uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM participants me WHERE me.procedure_id = p_procedure AND me.authority_id = imi_rls.viewer_authority() AND me.forwarded_at IS NULL
      AND (me.part::text = 'INITIATOR' OR EXISTS (SELECT 1 FROM authorities au WHERE au.id = p_authority AND au.member_state = imi_rls.viewer_member_state())))
    OR EXISTS (SELECT 1 FROM procedures p WHERE p.id = p_procedure AND p.created_by_user_id = imi_rls.viewer_user() AND p.initiator_authority_id = imi_rls.viewer_authority())
$$;
--> statement-breakpoint
-- R-RETAIN-3: whether no procedure and no data subject has this id (a key for a new data subject, or the
-- index key, may be written for it: personal_data_keys' INSERT policy). A yes or no, whoever asks.
CREATE OR REPLACE FUNCTION imi_rls.key_owner_unused(p_owner uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT NOT EXISTS (SELECT 1 FROM procedures WHERE id = p_owner) AND NOT EXISTS (SELECT 1 FROM data_subjects WHERE id = p_owner)
$$;
--> statement-breakpoint
-- A route opened by this very request (a retrieval, R-RETAIN-4) is live for the rest of it, though
-- granted after the request's time (auth/procedure-situation.ts primeOpenedRoute). Transaction-local,
-- undone with the savepoint that made it.
CREATE OR REPLACE FUNCTION imi_rls.remember_opened_route() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('imi.opened_routes', coalesce(current_setting('imi.opened_routes', true), '') || NEW.id::text || ',', true);
  RETURN NEW;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS remember_opened_route ON personal_data_grants;
--> statement-breakpoint
CREATE TRIGGER remember_opened_route AFTER INSERT ON personal_data_grants FOR EACH ROW EXECUTE FUNCTION imi_rls.remember_opened_route();`;

function classView(cls: ProcedureClass, view: string): string {
  return `-- PROCEDURE_CLASSES.${cls} (src/auth/policy.ts): the procedures whose ${cls} the viewer may read, its
-- cells as the fewest branches that mean exactly them (readableBranches: one SELECT per branch, roles
-- sharing a branch; test/rls/class-view-equivalence.test.ts). A policy asks \`EXISTS (SELECT 1 FROM ${view} v WHERE v.procedure_id = <the row's procedure> OFFSET 0)\`:
-- a probe per row, each SELECT below an index lookup by procedure and the viewer's authority
-- (participants_current_idx, personal_data_grants_procedure_idx). Not \`IN (SELECT …)\`: that set,
-- every procedure the viewer may read, was computed whole per statement (issue 14, at 100,000 visible
-- procedures: a page's data subjects about 170-260 ms, bench/rls-policy-probe.ts and bench/results.md).
CREATE OR REPLACE VIEW ${view} AS
${readableSelect(PROCEDURE_CLASSES[cls])};
--> statement-breakpoint
GRANT SELECT ON ${view} TO ${API_ROLE}, ${SYSTEM_ROLE};`;
}

function partitionsClosed(table: string): string {
  return `DO $$ DECLARE part regclass; BEGIN
  FOR part IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = '${table}'::regclass LOOP
    EXECUTE format('REVOKE ALL ON %s FROM ${API_ROLE}, ${SYSTEM_ROLE}', part);
  END LOOP;
END $$;`;
}

/**
 * The class's condition on a procedure expression: a correlated probe of the view (see classView).
 * OFFSET 0 keeps it a probe: without it PostgreSQL may plan the EXISTS as the hashed set again (an
 * alternative it weighs by cost, and underrates the probe), as it did at 10,000 visible procedures for
 * a page's messages (9.9 ms, against 1.35 ms probed), and on the hash-partitioned keys, where the set
 * is built again in each partition a lookup touches (1.2 s, against 17 ms probed, JIT off;
 * bench/rls-policy-probe.ts, bench/results.md section 10). The API's statements read a page, never
 * every row, so a probe per row is the cheaper bound.
 */
export function readableProbe(view: string, expression: string, orExpression?: string): string {
  const match = orExpression ? `IN (${expression}, ${orExpression})` : `= ${expression}`;
  return `EXISTS (SELECT 1 FROM ${view} v WHERE v.procedure_id ${match} OFFSET 0)`;
}

function tablePolicies({ table, procedure, orProcedure, alsoReadBy, readOnly, insert, update, updated, remove, updateColumns }: GuardedTable, view: string): string {
  // The row's columns must be qualified (GuardedTable.procedure): refuse an expression that does not name its table.
  for (const expression of [procedure, ...(orProcedure ? [orProcedure] : [])]) {
    if (!expression.includes(`"${table}".`)) throw new Error(`policies.sql.ts: the procedure of ${table} must qualify the row's columns as "${table}".<column>`);
  }
  const readable = (expression: string) => readableProbe(view, expression);
  const probe = readableProbe(view, procedure, orProcedure);
  const write = alsoReadBy ? `(${probe} OR ${alsoReadBy(readable)})` : probe;
  const narrowed = (extra: false | string | undefined): false | string => (extra === false ? false : extra ? `${write} AND ${extra}` : write);
  const updates = narrowed(update);
  return policyStatements(table, {
    read: readOnly ? `${write} OR ${readOnly}` : write,
    update: updates,
    updated: updates !== false && updated ? `${updates} AND ${updated}` : updates,
    remove: narrowed(remove),
    insert: insert === false ? false : insert ? insert(write) : write,
    ...(updateColumns ? { updateColumns } : {}),
  });
}

/** A guarded table's conditions (SQL): the rows the API's role reads, INSERTs, UPDATEs (before and after) and DELETEs; `false`: never. */
interface TableConditions {
  read: string;
  insert: false | string;
  updateColumns?: readonly PgColumn[];
  update: false | string;
  updated: false | string;
  remove: false | string;
}

/**
 * The policies of a guarded table: the API's role reads the rows of `read`, inserts those of `insert`,
 * and UPDATEs and DELETEs those of `update` and `remove` (a subset of the read policy's: the rows it
 * reads and the request path changes).
 *
 * R-SEC-1 (an outside attacker's finding): PostgreSQL applies the SELECT policy to an UPDATE or DELETE
 * only when the statement reads the table's columns (in WHERE, RETURNING or SET): with `USING (true)`
 * a bare `DELETE FROM personal_data_keys` as the API's role destroyed every procedure's keys, and
 * `UPDATE procedures SET subject = 'x'` reached every procedure. So each write policy states its rows
 * itself. An updated row must stay one the role may change (WITH CHECK): PostgreSQL holds an UPDATE
 * that reads columns to the read policy on the new row anyway, and the request path's writes that
 * leave a row unreadable to their writer are of the rows' `alsoReadBy` (a forward: the forwarding
 * authority reads its forwarded participation) or run as the system role (roles.ts SYSTEM_USES).
 * An INSERT likewise (`insert`, by default the write condition; found from outside when it was `true`:
 * an authority added itself to a procedure, planted data subjects and keys in ones it cannot see): a
 * procedure and its participations, a data subject's key, have their own (GuardedTable.insert). A
 * write the request path never makes is not granted at all.
 */
function policyStatements(table: string, conditions: TableConditions): string {
  const { read, insert, update, updated, remove, updateColumns } = conditions;
  const never = [insert === false ? "INSERT" : "", update === false ? "UPDATE" : "", remove === false ? "DELETE" : ""].filter(Boolean);
  return [
    `ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`,
    // The owner is held to the policies too (the API's role is not the owner; this is for anyone who is).
    `ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`,
    `DROP POLICY IF EXISTS rls_read ON "${table}"`,
    `CREATE POLICY rls_read ON "${table}" FOR SELECT TO ${API_ROLE} USING (${read})`,
    `DROP POLICY IF EXISTS rls_insert ON "${table}"`,
    ...(insert === false ? [] : [`CREATE POLICY rls_insert ON "${table}" FOR INSERT TO ${API_ROLE} WITH CHECK (${insert})`]),
    `DROP POLICY IF EXISTS rls_update ON "${table}"`,
    ...(update === false ? [] : [`CREATE POLICY rls_update ON "${table}" FOR UPDATE TO ${API_ROLE} USING (${update}) WITH CHECK (${updated})`]),
    `DROP POLICY IF EXISTS rls_delete ON "${table}"`,
    ...(remove === false ? [] : [`CREATE POLICY rls_delete ON "${table}" FOR DELETE TO ${API_ROLE} USING (${remove})`]),
    ...(never.length > 0 ? [`REVOKE ${never.join(", ")} ON "${table}" FROM ${API_ROLE}`] : []),
    ...(update !== false && updateColumns ? updateOnly(table, updateColumns) : []),
    `DROP POLICY IF EXISTS rls_system ON "${table}"`,
    `CREATE POLICY rls_system ON "${table}" TO ${SYSTEM_ROLE} USING (true) WITH CHECK (true)`,
    // The owner: migrations, and the SECURITY DEFINER functions above that read procedure rows.
    `DROP POLICY IF EXISTS rls_owner ON "${table}"`,
    `CREATE POLICY rls_owner ON "${table}" TO CURRENT_USER USING (true) WITH CHECK (true)`,
  ]
    .map((statement) => `${statement};`)
    .join("\n--> statement-breakpoint\n");
}

/** The whole migration, as `npm run db:rls` writes it. */
export function rowSecuritySql(): string {
  const parts = [PROLOGUE];
  parts.push(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA imi_rls TO ${API_ROLE}, ${SYSTEM_ROLE};`);
  for (const { cls, view, tables } of GUARDED) {
    parts.push(classView(cls, view));
    for (const guarded of tables) {
      parts.push(`-- ${guarded.table}: ${cls}\n${tablePolicies(guarded, view)}`);
      if (guarded.partitioned) parts.push(partitionsClosed(guarded.table));
    }
  }
  parts.push(`-- REQUEST_PERSONAL (src/auth/policy.ts), role by role and relation by relation (auth/request-access.ts):
-- the data-subject requests whose personal data the viewer may read.
CREATE OR REPLACE VIEW ${REQUEST_PERSONAL_VIEW} AS
${requestReadableSelect()};
--> statement-breakpoint
GRANT SELECT ON ${REQUEST_PERSONAL_VIEW} TO ${API_ROLE}, ${SYSTEM_ROLE};`);
  for (const { table, request, insert } of REQUEST_PERSONAL_TABLES) {
    const readable = `"${table}".${request} IN (SELECT request_id FROM ${REQUEST_PERSONAL_VIEW})`;
    const conditions = { read: readable, insert: insert ?? readable, update: readable, updated: readable, remove: readable };
    parts.push(`-- ${table}: requestPersonal\n${policyStatements(table, conditions)}`);
  }
  parts.push(`-- The tables beside the guarded ones, narrowed to what a request does (narrowed-tables.sql.ts).\n${narrowedTablesSql()}`);
  parts.push(`-- The users and the audit log (accounts-audit.sql.ts).\n${accountsAuditSql()}`);
  parts.push(`-- The directory, the question sets and authorities' registrations (directory-tables.sql.ts).\n${directoryTablesSql()}`);
  // Migration 0019's per-row functions, replaced by the views (inlined into each policy's probe, not a
  // function call per row); key_owner_exists, the key table's orphan-owner branch until migration 0040
  // (which let any viewer read the development master key), replaced by the index key alone.
  parts.push(
    ["may_read_personal_data", "viewer_relation", "record_state", "key_owner_exists"].map((fn) => `DROP FUNCTION IF EXISTS imi_rls.${fn}(uuid);`).join("\n--> statement-breakpoint\n"),
  );
  return `${parts.join("\n--> statement-breakpoint\n")}\n`;
}
