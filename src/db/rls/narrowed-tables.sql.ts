import { dataSubjectRequests, participants, procedureEscalations, procedures } from "../schema/index.js";
import { HELPDESK_ACTS_NOW, readableProbe } from "./policies.sql.js";
import { API_ROLE } from "./roles.js";
import { apiTrigger, atRequestTime, holds, policy, rowSecurityOn, statementList, updateOnly, VIEWER_STATE_AUTHORITIES } from "./sql-helpers.js";

/**
 * Issue 13, the second wall beside the guarded tables (found from outside: plain SQL as the API's role,
 * under a viewer's own settings, as a buggy resolver would send it): the tables whose rows are not a
 * procedure's personal data but decide who reads it, or when it is deleted. Each is narrowed to what
 * the request path really does, so that a statement beside the services cannot
 *  - open a route to a procedure's personal data (personal_data_grants: a Commission user granted its
 *    authority every procedure),
 *  - lift a block or a deletion (procedures.blocked_at, personal_data_deleted_at: R-RETAIN-1),
 *  - retarget a data-subject request to its own authority and read the citizen's identity and words,
 *    or list every request (data_subject_requests),
 *  - stop or fake the retention job (its lease, runs, reminders, and the shredded partitions step 7
 *    rewrites),
 *  - make itself initiator or accepted participant of a procedure, or reopen or back-date one.
 * The users and the audit log: accounts-audit.sql.ts; the directory, question sets and registrations:
 * directory-tables.sql.ts. Generated into the row-security migration with the policies (policies.sql.ts rowSecuritySql).
 */

/** The columns a request changes in a procedure (procedure.service.ts, answer.service.ts): never its block, deletion or owner. */
const PROCEDURE_UPDATES = [procedures.status, procedures.sentAt, procedures.answerDeadline, procedures.lastActivityAt, procedures.closedAt, procedures.withdrawnAt];

/** The columns a request changes in a data-subject request (rights.service.ts): never who received or filed it, nor its kind. */
const REQUEST_UPDATES = [
  dataSubjectRequests.status,
  dataSubjectRequests.route,
  dataSubjectRequests.routeReason,
  dataSubjectRequests.procedureId,
  dataSubjectRequests.dataSubjectId,
  dataSubjectRequests.escalatedAt,
  dataSubjectRequests.decidedAt,
  dataSubjectRequests.decidedByUserId,
  dataSubjectRequests.completedAt,
];

/** A justification resolves the procedure's open escalations (inactivity.repository.ts justify); the job raises them. */
const ESCALATION_UPDATES = [procedureEscalations.resolvedAt, procedureEscalations.resolution];

/**
 * The data-subject requests whose metadata the viewer reads: rights.repository.ts visibleRequests, rule
 * by rule (change both together; test/rls/narrowed-tables.test.ts compares them for every demo viewer).
 */
export const REQUEST_METADATA_SQL = `(
    'COMMISSION' = ANY (imi_rls.viewer_roles())
    OR ('COORDINATOR' = ANY (imi_rls.viewer_roles()) AND "data_subject_requests".receiving_authority_id IN ${VIEWER_STATE_AUTHORITIES})
    OR (imi_rls.viewer_roles() && ARRAY['LOCAL_ADMIN', 'CASE_HANDLER'] AND "data_subject_requests".receiving_authority_id = imi_rls.viewer_authority())
    OR ('CASE_HANDLER' = ANY (imi_rls.viewer_roles()) AND "data_subject_requests".route::text = 'HELPDESK_WITH_INITIATOR' AND EXISTS (SELECT 1 FROM participants pi
      WHERE pi.procedure_id = "data_subject_requests".procedure_id AND pi.authority_id = imi_rls.viewer_authority() AND pi.part = 'INITIATOR' AND pi.forwarded_at IS NULL))
    OR ('PORTAL' = ANY (imi_rls.viewer_roles()) AND "data_subject_requests".filed_by_user_id = imi_rls.viewer_user())
  )`;

/**
 * Who changes a data-subject request: its receiving authority's local admins and case handlers, and the
 * helpdesk (rights.service.ts: decide, link, name, escalate; produce, agree, complete), and the
 * initiator's case handlers who confirm a change the helpdesk carries out with them (R-RECTIFY-1 b; its
 * lock, SELECT … FOR UPDATE, is held to this policy too). Not a portal or a coordinator (found from outside: a portal pointed its own request at another
 * procedure's data subject, completed it, and its access report showed that person's data).
 */
const REQUEST_CHANGED_BY_SQL = `(
    'COMMISSION' = ANY (imi_rls.viewer_roles())
    OR (imi_rls.viewer_roles() && ARRAY['LOCAL_ADMIN', 'CASE_HANDLER'] AND "data_subject_requests".receiving_authority_id = imi_rls.viewer_authority())
    OR ('CASE_HANDLER' = ANY (imi_rls.viewer_roles()) AND "data_subject_requests".route::text = 'HELPDESK_WITH_INITIATOR' AND EXISTS (SELECT 1 FROM participants pi
      WHERE pi.procedure_id = "data_subject_requests".procedure_id AND pi.authority_id = imi_rls.viewer_authority() AND pi.part = 'INITIATOR' AND pi.forwarded_at IS NULL))
  )`;

/**
 * What a request files (R-ACCESS-1, R-RECTIFY-1, R-RETAIN-6): a request just received, not yet linked,
 * routed, decided or finished (rights.service.ts file); or an authority's early deletion of a procedure
 * whose personal data it reads (requestEarlyDeletion; found from outside: a portal filed an approved
 * early deletion of a procedure it cannot see, and the retention job deleted its data).
 */
function requestInsertSql(): string {
  const row = '"data_subject_requests"';
  return `${row}.filed_by_user_id = imi_rls.viewer_user() AND (
    (${row}.kind::text <> 'EARLY_DELETION' AND ${row}.status::text = 'RECEIVED' AND ${row}.procedure_id IS NULL AND ${row}.data_subject_id IS NULL
      AND ${row}.route IS NULL AND ${row}.escalated_at IS NULL AND ${row}.decided_at IS NULL AND ${row}.completed_at IS NULL
      AND (${row}.receiving_authority_id = imi_rls.viewer_authority() OR 'PORTAL' = ANY (imi_rls.viewer_roles())))
    OR (${row}.kind::text = 'EARLY_DELETION' AND ${row}.receiving_authority_id = imi_rls.viewer_authority()
      AND ${readableProbe("imi_rls.personal_data_readable", `${row}.procedure_id`)})
  )`;
}

/**
 * R-ACCESS-1, R-RECTIFY-1, Art. 8: what only the receiving authority changes in a request (its link to a
 * procedure and data subject, its decision, its escalation to the helpdesk), and a link only to a
 * procedure the authority takes part in (found from outside: the helpdesk escalated every request to
 * itself and read the citizens' words, and pointed one at blocked data with a forged decision). Anyone
 * acting on a request escalates it once the procedure's state has moved it to the helpdesk (rights.service.ts
 * act), and only then: HELPDESK_ACTS_NOW, the route's rule as the request policy asks it. A trigger,
 * since a policy sees only the new row. A function: policies.sql.ts, whose rule it reads, imports this file.
 */
const requestGuardSql = () => `CREATE OR REPLACE FUNCTION imi_rls.data_subject_request_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.procedure_id, NEW.data_subject_id, NEW.decided_at, NEW.decided_by_user_id, NEW.receiving_authority_id, NEW.filed_by_user_id, NEW.kind)
       IS DISTINCT FROM (OLD.procedure_id, OLD.data_subject_id, OLD.decided_at, OLD.decided_by_user_id, OLD.receiving_authority_id, OLD.filed_by_user_id, OLD.kind)
     AND OLD.receiving_authority_id IS DISTINCT FROM imi_rls.viewer_authority() THEN
    RAISE EXCEPTION 'row-level security: only the receiving authority links or decides a data-subject request' USING ERRCODE = '42501';
  END IF;
  -- Found from outside: the helpdesk set another authority's request REJECTED on route COMMISSION and
  -- read the citizen's identity. A decision is the receiving authority's; anyone else moves a request's
  -- status or route only while its route (as it stands) makes the helpdesk act.
  IF NEW.status IS DISTINCT FROM OLD.status AND NEW.status::text IN ('APPROVED', 'REJECTED') AND OLD.receiving_authority_id IS DISTINCT FROM imi_rls.viewer_authority() THEN
    RAISE EXCEPTION 'row-level security: only the receiving authority decides a data-subject request' USING ERRCODE = '42501';
  END IF;
  IF (NEW.status, NEW.route, NEW.route_reason) IS DISTINCT FROM (OLD.status, OLD.route, OLD.route_reason) AND OLD.receiving_authority_id IS DISTINCT FROM imi_rls.viewer_authority()
     AND NOT EXISTS (SELECT 1 FROM data_subject_requests r LEFT JOIN procedures p ON p.id = r.procedure_id WHERE r.id = OLD.id AND ${HELPDESK_ACTS_NOW}) THEN
    RAISE EXCEPTION 'row-level security: a data-subject request moves by its receiving authority, or by the helpdesk on its route' USING ERRCODE = '42501';
  END IF;
  IF NEW.escalated_at IS DISTINCT FROM OLD.escalated_at AND OLD.receiving_authority_id IS DISTINCT FROM imi_rls.viewer_authority()
     AND NOT (OLD.escalated_at IS NULL AND EXISTS (SELECT 1 FROM data_subject_requests r LEFT JOIN procedures p ON p.id = r.procedure_id WHERE r.id = OLD.id AND ${HELPDESK_ACTS_NOW})) THEN
    RAISE EXCEPTION 'row-level security: a data-subject request reaches the helpdesk by its receiving authority or its route' USING ERRCODE = '42501';
  END IF;
  IF NEW.decided_by_user_id IS DISTINCT FROM OLD.decided_by_user_id AND NEW.decided_by_user_id IS DISTINCT FROM imi_rls.viewer_user() THEN
    RAISE EXCEPTION 'row-level security: a decision is recorded in its decider''s own name' USING ERRCODE = '42501';
  END IF;
  IF NEW.procedure_id IS DISTINCT FROM OLD.procedure_id AND NEW.procedure_id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM participants pa WHERE pa.procedure_id = NEW.procedure_id AND pa.authority_id = imi_rls.viewer_authority()) THEN
    RAISE EXCEPTION 'row-level security: a request is linked only to a procedure its authority takes part in' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$`;

/**
 * R-RETAIN-1, R-RETAIN-5, R-RETAIN-7, SPEC "every change of state is validated": a procedure is changed
 * by a case handler of an authority taking part, along procedure.state-machine.ts's transitions and by
 * the party each belongs to (change both together): the initiator sends a draft, takes an answered
 * request back with a follow-up question, and closes or withdraws (at the request's time, with its
 * closure time); a responder or recipient accepts, forwards (back to SENT) and answers. Never a reopening,
 * a closure without its time, a back-dated closure, nor a last activity other than the request's time.
 * Found from outside: a coordinator closed every procedure of its state at once; a responder that had
 * not accepted set a request back to DRAFT, or CLOSED without a closure time; a local admin answered.
 * Locks (SELECT … FOR UPDATE, which the rights service takes as the helpdesk or a local admin) are
 * not changes: the UPDATE policy stays the read one, and this trigger decides what a change may be.
 * Not "never backwards" for the last activity: a stored time a little ahead of the request's (another
 * replica's clock, a seeded world) is set back to the request's. The retention job's own columns are
 * not the API's to change at all (updateOnly).
 */
const PROCEDURE_GUARD = `CREATE OR REPLACE FUNCTION imi_rls.procedure_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  initiator boolean;
  -- Its own participation accepted: a responder or recipient moves a request only after accepting it
  -- (procedure.service.ts accept marks the participation first; found from outside: one that had not
  -- accepted set the request ACCEPTED).
  accepted boolean;
  sending boolean := OLD.status::text = 'DRAFT' AND NEW.status::text = 'SENT';
  closing boolean := OLD.status::text <> 'CLOSED' AND NEW.status::text = 'CLOSED';
BEGIN
  SELECT bool_or(pa.part::text = 'INITIATOR'), bool_or(pa.accepted_at IS NOT NULL) INTO initiator, accepted FROM participants pa
    WHERE pa.procedure_id = OLD.id AND pa.authority_id = imi_rls.viewer_authority() AND pa.forwarded_at IS NULL;
  IF initiator IS NULL OR NOT ${holds("CASE_HANDLER")} THEN
    RAISE EXCEPTION 'row-level security: a procedure is changed by a case handler of an authority taking part' USING ERRCODE = '42501';
  END IF;
  -- (No CASE here: PL/pgSQL ends an IF's condition at the first THEN.)
  IF NEW.status IS DISTINCT FROM OLD.status AND NOT (
      (initiator AND (sending OR (OLD.status::text = 'ANSWERED' AND NEW.status::text = 'ACCEPTED') OR (closing AND OLD.status::text <> 'DRAFT')))
      OR (NOT initiator AND accepted AND ((OLD.status::text = 'SENT' AND NEW.status::text = 'ACCEPTED') OR (OLD.status::text = 'ACCEPTED' AND NEW.status::text IN ('SENT', 'ANSWERED'))))) THEN
    RAISE EXCEPTION 'row-level security: not a change of state this party makes (procedure.state-machine.ts)' USING ERRCODE = '42501';
  END IF;
  IF (NEW.sent_at, NEW.answer_deadline) IS DISTINCT FROM (OLD.sent_at, OLD.answer_deadline) AND NOT sending THEN
    RAISE EXCEPTION 'row-level security: a procedure''s sending time and deadline are set when it is sent' USING ERRCODE = '42501';
  END IF;
  IF (NEW.closed_at IS DISTINCT FROM OLD.closed_at OR NEW.status::text = 'CLOSED' AND OLD.status::text <> 'CLOSED')
     AND NOT (closing AND NEW.closed_at IS NOT NULL AND ${atRequestTime("NEW.closed_at")}) THEN
    RAISE EXCEPTION 'row-level security: a procedure is closed by its initiator, at the request''s time' USING ERRCODE = '42501';
  END IF;
  IF NEW.withdrawn_at IS DISTINCT FROM OLD.withdrawn_at AND NOT (closing AND NEW.withdrawn_at = NEW.closed_at) THEN
    RAISE EXCEPTION 'row-level security: an alert is withdrawn as its initiator closes it' USING ERRCODE = '42501';
  END IF;
  IF NEW.last_activity_at IS DISTINCT FROM OLD.last_activity_at AND NOT (${atRequestTime("NEW.last_activity_at")}) THEN
    RAISE EXCEPTION 'row-level security: a procedure''s last activity is the request''s time' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$`;

/**
 * SPEC "a responder sees a request's personal data only after it has accepted the request": a
 * participation is accepted once, by its own authority's case handler (the update policy keeps it to
 * its own row), at the request's time, while the procedure is sent and open; it is forwarded once, to
 * an authority, at the request's time; never the initiator's. Found from outside: a responder that had
 * not accepted set its accepted_at, back-dated, and read the data subjects and messages while the
 * procedure stayed SENT (also of a closed procedure it never accepted).
 */
const PARTICIPANT_GUARD = `CREATE OR REPLACE FUNCTION imi_rls.participant_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT ${holds("CASE_HANDLER")} OR OLD.part::text = 'INITIATOR' OR OLD.forwarded_at IS NOT NULL THEN
    RAISE EXCEPTION 'row-level security: a participation is accepted or forwarded by its own case handler, once' USING ERRCODE = '42501';
  END IF;
  IF NEW.accepted_at IS DISTINCT FROM OLD.accepted_at AND NOT (OLD.accepted_at IS NULL AND ${atRequestTime("NEW.accepted_at")}
      AND EXISTS (SELECT 1 FROM procedures p WHERE p.id = OLD.procedure_id AND p.status::text NOT IN ('DRAFT', 'CLOSED'))) THEN
    RAISE EXCEPTION 'row-level security: a procedure is accepted while it is sent and open, at the request''s time' USING ERRCODE = '42501';
  END IF;
  IF (NEW.forwarded_at, NEW.forwarded_to_authority_id) IS DISTINCT FROM (OLD.forwarded_at, OLD.forwarded_to_authority_id)
     AND NOT (NEW.forwarded_to_authority_id IS NOT NULL AND ${atRequestTime("NEW.forwarded_at")}) THEN
    RAISE EXCEPTION 'row-level security: a participation is forwarded to an authority, at the request''s time' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$`;

/**
 * SPEC "the authority that forwarded it is no longer a participant": a participation added by an
 * authority that did not initiate (nor just create) the procedure is a forward, so by the end of the
 * transaction the adder's own participation is marked forwarded to it (procedure.service.ts forward
 * marks it last). Found from outside: a responder added a third authority and stayed in, sharing the
 * data beside itself. Checked at commit (a constraint trigger, deferred), as a SECURITY DEFINER that
 * reads the participations whatever the adder's scope is by then.
 */
const PARTICIPANT_FORWARD_GUARD = `CREATE OR REPLACE FUNCTION imi_rls.participant_forward_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM participants me WHERE me.procedure_id = NEW.procedure_id AND me.authority_id = imi_rls.viewer_authority()
         AND me.part::text = 'INITIATOR' AND me.forwarded_at IS NULL)
     AND NOT EXISTS (SELECT 1 FROM procedures p WHERE p.id = NEW.procedure_id AND p.created_by_user_id = imi_rls.viewer_user())
     AND NOT EXISTS (SELECT 1 FROM participants me WHERE me.procedure_id = NEW.procedure_id AND me.authority_id = imi_rls.viewer_authority()
         AND me.forwarded_at IS NOT NULL AND me.forwarded_to_authority_id = NEW.authority_id) THEN
    RAISE EXCEPTION 'row-level security: an authority taking part adds another only by forwarding its own part to it' USING ERRCODE = '42501';
  END IF;
  RETURN NULL;
END $$`;

/**
 * R-RETAIN-5: the escalations a viewer reads (inactivity.repository.ts: a coordinator its member
 * state's, the Commission all) and resolves (a case handler of an authority taking part, by a
 * justification, at the request's time).
 */
const ESCALATION_OF_PARTICIPANT = `${holds("CASE_HANDLER")} AND EXISTS (SELECT 1 FROM participants pa WHERE pa.procedure_id = "procedure_escalations".procedure_id
      AND pa.authority_id = imi_rls.viewer_authority() AND pa.forwarded_at IS NULL)`;
const ESCALATION_READ = `${holds("COMMISSION")} OR (${holds("COORDINATOR")} AND "procedure_escalations".member_state = imi_rls.viewer_member_state()) OR (${ESCALATION_OF_PARTICIPANT})`;

/**
 * R-RETAIN-5: the reminders a viewer reads (retention.repository.ts visibleReminders: its own
 * authority's, for case handlers and local admins; inactivity.repository.ts remindersOf: those of the
 * procedures a coordinator sees escalated; the Commission's preview all).
 */
const REMINDER_READ = `${holds("COMMISSION")} OR (imi_rls.viewer_roles() && ARRAY['CASE_HANDLER', 'LOCAL_ADMIN'] AND "reminders".authority_id = imi_rls.viewer_authority())
    OR (${holds("COORDINATOR")} AND EXISTS (SELECT 1 FROM procedure_escalations e WHERE e.procedure_id = "reminders".procedure_id AND e.member_state = imi_rls.viewer_member_state()))`;

export function narrowedTablesSql(): string {
  const statements = [
    // Routes (Art. 8, R-RETAIN-4): an authority reads its own, for its relation to a procedure
    // (auth/procedure-situation.ts); they are opened, found and ended by the named system use `routes`
    // (roles.ts), after the rights service has checked the request or retrieval.
    ...rowSecurityOn("personal_data_grants"),
    ...policy("personal_data_grants", "rls_read", "SELECT", `"personal_data_grants".authority_id = imi_rls.viewer_authority()`, null),
    `REVOKE INSERT, UPDATE, DELETE ON personal_data_grants FROM ${API_ROLE}`,
    // R-RETAIN-1: the block, the deletion and the system's closure are the retention job's (imi_system).
    ...updateOnly("procedures", PROCEDURE_UPDATES),
    PROCEDURE_GUARD,
    ...apiTrigger("procedures", "procedure_guard", "imi_rls.procedure_guard"),
    PARTICIPANT_FORWARD_GUARD,
    `DROP TRIGGER IF EXISTS participant_forward_guard ON participants`,
    `CREATE CONSTRAINT TRIGGER participant_forward_guard AFTER INSERT ON participants DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
      WHEN (current_user = '${API_ROLE}') EXECUTE FUNCTION imi_rls.participant_forward_guard()`,
    // R-SEC-1 (found from outside: a responder made itself INITIATOR or accepted without accepting; an
    // admin moved another authority's seat): an authority accepts or forwards its own participation
    // only, and never changes its part or authority; a participation it adds is a recipient of its own
    // procedure or a forward within its member state (imi_rls.may_add_participant, policies.sql.ts).
    ...updateOnly("participants", [participants.acceptedAt, participants.forwardedAt, participants.forwardedToAuthorityId]),
    // Its own participation only: policies.sql.ts METADATA_TABLES (participants' update).
    PARTICIPANT_GUARD,
    ...apiTrigger("participants", "participant_guard", "imi_rls.participant_guard"),
    `DROP POLICY IF EXISTS rls_update_own ON participants`,
    // Data-subject requests (R-ACCESS-1, R-RECTIFY-1..3): read and changed where the viewer reads them;
    // filed by the viewer, for its own authority or, by a portal, to the one the citizen addresses;
    // never deleted by a request (the retention job deletes them, R-RETAIN-7).
    ...rowSecurityOn("data_subject_requests"),
    ...policy("data_subject_requests", "rls_read", "SELECT", REQUEST_METADATA_SQL, null),
    ...policy(
      "data_subject_requests",
      "rls_insert",
      "INSERT",
      null,
      requestInsertSql(),
    ),
    ...policy("data_subject_requests", "rls_update", "UPDATE", `${REQUEST_METADATA_SQL} AND ${REQUEST_CHANGED_BY_SQL}`, `${REQUEST_METADATA_SQL} AND ${REQUEST_CHANGED_BY_SQL}`),
    requestGuardSql(),
    ...apiTrigger("data_subject_requests", "data_subject_request_guard", "imi_rls.data_subject_request_guard"),
    `REVOKE DELETE ON data_subject_requests FROM ${API_ROLE}`,
    ...updateOnly("data_subject_requests", REQUEST_UPDATES),
    // A request's steps: read and appended with the request, never changed (the request's history).
    ...rowSecurityOn("data_subject_request_steps"),
    ...policy("data_subject_request_steps", "rls_read", "SELECT", `"data_subject_request_steps".request_id IN (SELECT r.id FROM data_subject_requests r)`, null),
    // A step in its actor's own name, or in none (an escalation the route made, rights.service.ts act;
    // found from outside: a case handler recorded the helpdesk's report as produced, and its access
    // report then held blocked data); the helpdesk's own steps only by it.
    ...policy(
      "data_subject_request_steps",
      "rls_insert",
      "INSERT",
      null,
      `"data_subject_request_steps".request_id IN (SELECT r.id FROM data_subject_requests r WHERE ${REQUEST_CHANGED_BY_SQL.replaceAll('"data_subject_requests"', "r")}
          OR ("data_subject_request_steps".kind::text = 'RECEIVED' AND r.filed_by_user_id = imi_rls.viewer_user()))
      AND (("data_subject_request_steps".actor_user_id IS NULL AND "data_subject_request_steps".actor_authority_id IS NULL AND "data_subject_request_steps".kind::text = 'ESCALATED_TO_HELPDESK')
        OR ("data_subject_request_steps".actor_user_id IS NOT DISTINCT FROM imi_rls.viewer_user() AND "data_subject_request_steps".actor_authority_id IS NOT DISTINCT FROM imi_rls.viewer_authority()))
      AND ${atRequestTime('"data_subject_request_steps".at')}
      AND ("data_subject_request_steps".kind::text NOT IN ('STEPS_AGREED', 'REPORT_PRODUCED') OR ${holds("COMMISSION")})`,
    ),
    `REVOKE UPDATE, DELETE ON data_subject_request_steps FROM ${API_ROLE}`,
    // The retention job's own tables (imi_system): a request reads the runs and reminders it is shown,
    // and changes none of them. The partitions an erasure shredded are recorded as the system use
    // \`rights\` (key-store.ts destroy; found from outside: a bogus row kept step 7 rewriting).
    `REVOKE ALL ON retention_lease FROM ${API_ROLE}`,
    ...rowSecurityOn("retention_runs"),
    ...policy("retention_runs", "rls_read", "SELECT", `imi_rls.viewer_roles() && ARRAY['COMMISSION', 'COORDINATOR', 'SUPERVISOR']`, null),
    ...rowSecurityOn("reminders"),
    ...policy("reminders", "rls_read", "SELECT", REMINDER_READ, null),
    `REVOKE INSERT, UPDATE, DELETE ON retention_runs, reminders FROM ${API_ROLE}`,
    `REVOKE ALL ON personal_data_key_shreds FROM ${API_ROLE}`,
    ...rowSecurityOn("procedure_escalations"),
    ...policy("procedure_escalations", "rls_read", "SELECT", ESCALATION_READ, null),
    ...policy(
      "procedure_escalations",
      "rls_update",
      "UPDATE",
      ESCALATION_OF_PARTICIPANT,
      `${ESCALATION_OF_PARTICIPANT} AND "procedure_escalations".resolution::text = 'JUSTIFIED' AND ${atRequestTime('"procedure_escalations".resolved_at')}`,
    ),
    `REVOKE INSERT, DELETE ON procedure_escalations FROM ${API_ROLE}`,
    ...updateOnly("procedure_escalations", ESCALATION_UPDATES),
    // Issue 17: a procedure's question set is chosen when its initiator creates it, then fixed; read with the procedure's metadata.
    ...rowSecurityOn("procedure_question_sets"),
    ...policy("procedure_question_sets", "rls_read", "SELECT", `EXISTS (SELECT 1 FROM procedures p WHERE p.id = "procedure_question_sets".procedure_id)`, null),
    ...policy(
      "procedure_question_sets",
      "rls_insert",
      "INSERT",
      null,
      `EXISTS (SELECT 1 FROM procedures p WHERE p.id = "procedure_question_sets".procedure_id AND p.created_by_user_id = imi_rls.viewer_user() AND p.status::text = 'DRAFT')`,
    ),
    `REVOKE UPDATE, DELETE ON procedure_question_sets FROM ${API_ROLE}`,
  ];
  return statementList(statements);
}
