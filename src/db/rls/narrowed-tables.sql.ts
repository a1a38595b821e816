import { getTableColumns } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { authorities, dataSubjectRequests, legalAreas, nationalRestrictions, participants, procedureEscalations, procedures, users } from "../schema/index.js";
import { HELPDESK_ACTS_NOW, readableProbe } from "./policies.sql.js";
import { API_ROLE, SYSTEM_ROLE } from "./roles.js";

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
 *  - read a password hash or TOTP secret, give an account roles, or create one beyond what its
 *    creator's roles could ever grant (users),
 *  - move an authority to another member state, designate a coordinating authority, change a legal
 *    area's periods (the directory: who takes part, how long data is kept),
 *  - write an audit event in another's name (R-SEC-2).
 * Generated into the row-security migration with the policies (policies.sql.ts rowSecuritySql).
 */

/** Column names from the schema, so that a renamed column fails here rather than in a migration. */
const names = (columns: readonly PgColumn[]): string => columns.map((c) => `"${c.name}"`).join(", ");

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

/** A user's columns but its credentials, which only the system use `authentication` reads and writes (roles.ts). */
const { passwordHash: _passwordHash, totpSecret: _totpSecret, ...USER_WITHOUT_CREDENTIALS } = getTableColumns(users);
const USER_COLUMNS = Object.values(USER_WITHOUT_CREDENTIALS);
/** Deactivation (user.repository.ts deactivate, R-USER-1) is the one change a request makes to a user. */
const DEACTIVATED_SQL = `NOT "users".active AND "users".deactivated_at IS NOT NULL AND "users".contact_blocked_at IS NOT NULL`;
const USER_UPDATES = [users.active, users.deactivatedAt, users.contactBlockedAt];

/**
 * R-COORD-1, R-SEC-1: the accounts a viewer could ever create, as a bound (user.service.ts grantable
 * decides exactly, and says why): a local admin its own authority's local admins, case handlers and
 * portals; a coordinator no Commission or supervisor account, in its own member state; the Commission
 * what the service allows it. Never credentials (the user enrols), always the viewer as its creator.
 */
const USER_INSERT_SQL = `"users".created_by_user_id = imi_rls.viewer_user() AND "users".password_hash IS NULL AND "users".totp_secret IS NULL AND (
    'COMMISSION' = ANY (imi_rls.viewer_roles())
    OR ('COORDINATOR' = ANY (imi_rls.viewer_roles()) AND NOT "users".roles::text[] && ARRAY['COMMISSION', 'SUPERVISOR']
      AND "users".authority_id IN (SELECT au.id FROM authorities au WHERE au.member_state = imi_rls.viewer_member_state()))
    OR ('LOCAL_ADMIN' = ANY (imi_rls.viewer_roles()) AND "users".roles::text[] <@ ARRAY['LOCAL_ADMIN', 'CASE_HANDLER', 'PORTAL']
      AND "users".authority_id = imi_rls.viewer_authority())
  )`;

/**
 * The accounts a viewer could ever deactivate, as a bound (user.service.ts managersOf decides exactly);
 * the change is a deactivation, never a reactivation or a lifted block (R-USER-1, R-USER-2; found from
 * outside: a local admin reactivated an account it had deactivated, and its old token worked again).
 */
const USER_MANAGED_SQL = `(
    'COMMISSION' = ANY (imi_rls.viewer_roles())
    OR ('COORDINATOR' = ANY (imi_rls.viewer_roles()) AND "users".authority_id IN (SELECT au.id FROM authorities au WHERE au.member_state = imi_rls.viewer_member_state()))
    OR ('LOCAL_ADMIN' = ANY (imi_rls.viewer_roles()) AND "users".authority_id = imi_rls.viewer_authority())
  )`;

/** The viewer holds the role (SQL). */
const holds = (role: string) => `'${role}' = ANY (imi_rls.viewer_roles())`;
/** The directory is the Commission's, and a coordinator's in its own member state (R-COORD-1; directory.service.ts decides exactly). */
const DIRECTORY_OF = (memberState: string) => `(${holds("COMMISSION")} OR (${holds("COORDINATOR")} AND ${memberState} = imi_rls.viewer_member_state()))`;

/**
 * The data-subject requests whose metadata the viewer reads: rights.repository.ts visibleRequests, rule
 * by rule (change both together; test/rls/narrowed-tables.test.ts compares them for every demo viewer).
 */
export const REQUEST_METADATA_SQL = `(
    'COMMISSION' = ANY (imi_rls.viewer_roles())
    OR ('COORDINATOR' = ANY (imi_rls.viewer_roles()) AND "data_subject_requests".receiving_authority_id IN (SELECT au.id FROM authorities au WHERE au.member_state = imi_rls.viewer_member_state()))
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
 * R-RETAIN-1, R-RETAIN-5: a request closes a procedure now, never earlier, and never reopens one or moves
 * its last activity past the request's time (found from outside: a coordinator back-dated a closure and
 * the next run deleted the procedure's data; a participant reopened closed procedures and the run
 * blocked none). Not "never backwards": a stored time a little ahead of the request's (another
 * replica's clock, a seeded world) is set back to the request's. The retention job's own columns are not the API's to change at all (updateOnly).
 */
const PROCEDURE_GUARD = `CREATE OR REPLACE FUNCTION imi_rls.procedure_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status::text = 'CLOSED' AND NEW.status IS DISTINCT FROM OLD.status THEN
    RAISE EXCEPTION 'row-level security: a closed procedure is not reopened' USING ERRCODE = '42501';
  END IF;
  -- "The request's time": within minutes of it, as replicas' clocks and a request's own duration allow.
  IF NEW.closed_at IS DISTINCT FROM OLD.closed_at
     AND (OLD.closed_at IS NOT NULL OR NEW.closed_at NOT BETWEEN imi_rls.viewer_now() - interval '5 minutes' AND imi_rls.viewer_now() + interval '5 minutes') THEN
    RAISE EXCEPTION 'row-level security: a procedure is closed at the request''s time' USING ERRCODE = '42501';
  END IF;
  IF NEW.last_activity_at IS DISTINCT FROM OLD.last_activity_at
     AND NEW.last_activity_at NOT BETWEEN imi_rls.viewer_now() - interval '5 minutes' AND imi_rls.viewer_now() + interval '5 minutes' THEN
    RAISE EXCEPTION 'row-level security: a procedure''s last activity is the request''s time' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$`;

/** A trigger of the API's role only: the retention job (imi_system) and the owner change what they must. */
function apiTrigger(table: string, name: string, fn: string): string[] {
  return [
    `DROP TRIGGER IF EXISTS ${name} ON "${table}"`,
    `CREATE TRIGGER ${name} BEFORE UPDATE ON "${table}" FOR EACH ROW WHEN (current_user = '${API_ROLE}') EXECUTE FUNCTION ${fn}()`,
  ];
}

/** Row security on, FORCEd, the system role and the owner through (as policies.sql.ts policyStatements). */
function rowSecurityOn(table: string): string[] {
  return [
    `ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`,
    `DROP POLICY IF EXISTS rls_system ON "${table}"`,
    `CREATE POLICY rls_system ON "${table}" TO ${SYSTEM_ROLE} USING (true) WITH CHECK (true)`,
    `DROP POLICY IF EXISTS rls_owner ON "${table}"`,
    `CREATE POLICY rls_owner ON "${table}" TO CURRENT_USER USING (true) WITH CHECK (true)`,
  ];
}

function policy(table: string, name: string, command: "SELECT" | "INSERT" | "UPDATE", using: string | null, check: string | null): string[] {
  const clauses = [using !== null ? `USING (${using})` : "", check !== null ? `WITH CHECK (${check})` : ""].filter(Boolean).join(" ");
  return [`DROP POLICY IF EXISTS ${name} ON "${table}"`, `CREATE POLICY ${name} ON "${table}" FOR ${command} TO ${API_ROLE} ${clauses}`];
}

/** UPDATE of these columns only (a table-level REVOKE takes any column grant with it, so the grant follows). */
function updateOnly(table: string, columns: readonly PgColumn[]): string[] {
  return [`REVOKE UPDATE ON "${table}" FROM ${API_ROLE}`, `GRANT UPDATE (${names(columns)}) ON "${table}" TO ${API_ROLE}`];
}

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
    // R-SEC-1 (found from outside: a responder made itself INITIATOR or accepted without accepting; an
    // admin moved another authority's seat): an authority accepts or forwards its own participation
    // only, and never changes its part or authority; a participation it adds is a recipient of its own
    // procedure or a forward within its member state (imi_rls.may_add_participant, policies.sql.ts).
    ...updateOnly("participants", [participants.acceptedAt, participants.forwardedAt, participants.forwardedToAuthorityId]),
    `DROP POLICY IF EXISTS rls_update_own ON participants`,
    `CREATE POLICY rls_update_own ON participants AS RESTRICTIVE FOR UPDATE TO ${API_ROLE} USING (participants.authority_id = imi_rls.viewer_authority()) WITH CHECK (participants.authority_id = imi_rls.viewer_authority())`,
    // R-RETAIN-4: a retrieval's record stays (the retention job deletes it with the procedure's data).
    `REVOKE UPDATE, DELETE ON blocked_data_retrievals FROM ${API_ROLE}`,
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
      `"data_subject_request_steps".request_id IN (SELECT r.id FROM data_subject_requests r)
      AND (("data_subject_request_steps".actor_user_id IS NULL AND "data_subject_request_steps".actor_authority_id IS NULL)
        OR ("data_subject_request_steps".actor_user_id IS NOT DISTINCT FROM imi_rls.viewer_user() AND "data_subject_request_steps".actor_authority_id IS NOT DISTINCT FROM imi_rls.viewer_authority()))
      AND ("data_subject_request_steps".kind::text NOT IN ('STEPS_AGREED', 'REPORT_PRODUCED') OR ${holds("COMMISSION")})`,
    ),
    `REVOKE UPDATE, DELETE ON data_subject_request_steps FROM ${API_ROLE}`,
    // Users (R-SEC-1, R-COORD-1): read without credentials by every request (the viewer's re-read comes
    // before the viewer is known); created within the creator's bound; deactivated within the manager's;
    // never deleted. Login and enrolment are the system use `authentication`, with the used codes.
    ...rowSecurityOn("users"),
    ...policy("users", "rls_read", "SELECT", "true", null),
    ...policy("users", "rls_insert", "INSERT", null, USER_INSERT_SQL),
    ...policy("users", "rls_update", "UPDATE", USER_MANAGED_SQL, `${USER_MANAGED_SQL} AND ${DEACTIVATED_SQL}`),
    `REVOKE SELECT, INSERT, UPDATE, DELETE ON users FROM ${API_ROLE}`,
    // INSERT of every column: drizzle names each one (DEFAULT for those not given), and a column
    // privilege is checked for each named; the insert policy keeps the credentials empty.
    `GRANT SELECT (${names(USER_COLUMNS)}), INSERT ON users TO ${API_ROLE}`,
    `GRANT UPDATE (${names(USER_UPDATES)}) ON users TO ${API_ROLE}`,
    `REVOKE ALL ON used_security_codes, user_enrolments FROM ${API_ROLE}`,
    // The directory (R-COORD-1): read by all; an authority created or its alert role set within the
    // Commission's or its coordinator's reach, only the Commission designating a coordinating one; its
    // member state, name and designation never changed by a request; nothing deleted.
    ...rowSecurityOn("authorities"),
    ...policy("authorities", "rls_read", "SELECT", "true", null),
    ...policy("authorities", "rls_insert", "INSERT", null, `${DIRECTORY_OF('"authorities".member_state')} AND (NOT "authorities".coordinating OR ${holds("COMMISSION")})`),
    ...policy("authorities", "rls_update", "UPDATE", DIRECTORY_OF('"authorities".member_state'), DIRECTORY_OF('"authorities".member_state')),
    `REVOKE DELETE ON authorities FROM ${API_ROLE}`,
    ...updateOnly("authorities", [authorities.alertCoordinator]),
    ...rowSecurityOn("authority_legal_areas"),
    ...policy("authority_legal_areas", "rls_read", "SELECT", "true", null),
    ...policy(
      "authority_legal_areas",
      "rls_insert",
      "INSERT",
      null,
      DIRECTORY_OF(`(SELECT au.member_state FROM authorities au WHERE au.id = "authority_legal_areas".authority_id)`),
    ),
    `REVOKE UPDATE, DELETE ON authority_legal_areas FROM ${API_ROLE}`,
    // R-RETAIN-1..3: a legal area's periods are the migrations'; the Commission only enables or disables one.
    ...rowSecurityOn("legal_areas"),
    ...policy("legal_areas", "rls_read", "SELECT", "true", null),
    ...policy("legal_areas", "rls_update", "UPDATE", holds("COMMISSION"), holds("COMMISSION")),
    `REVOKE INSERT, DELETE ON legal_areas FROM ${API_ROLE}`,
    ...updateOnly("legal_areas", [legalAreas.enabled]),
    // R-NOTICE-2: a coordinator notifies its own state's restrictions, the Commission publishes them.
    ...rowSecurityOn("national_restrictions"),
    ...policy("national_restrictions", "rls_read", "SELECT", "true", null),
    ...policy("national_restrictions", "rls_insert", "INSERT", null, `${DIRECTORY_OF('"national_restrictions".member_state')} AND "national_restrictions".published_at IS NULL`),
    ...policy("national_restrictions", "rls_update", "UPDATE", holds("COMMISSION"), holds("COMMISSION")),
    `REVOKE DELETE ON national_restrictions FROM ${API_ROLE}`,
    ...updateOnly("national_restrictions", [nationalRestrictions.publishedAt, nationalRestrictions.publishedByUserId]),
    // R-SEC-2: a request appends events in its own viewer's name only (audit.recorder.ts: the viewer, or
    // none before one is known); an enrolment names its new user as the system use `authentication`.
    ...rowSecurityOn("audit_events"),
    ...policy("audit_events", "rls_read", "SELECT", "true", null),
    ...policy(
      "audit_events",
      "rls_insert",
      "INSERT",
      null,
      `"audit_events".actor_user_id IS NOT DISTINCT FROM imi_rls.viewer_user() AND "audit_events".actor_authority_id IS NOT DISTINCT FROM imi_rls.viewer_authority()`,
    ),
    // The retention job's own tables (imi_system): a request reads the runs and reminders it is shown,
    // appends the partitions an erasure shredded (key-store.ts destroy), and changes none of them.
    `REVOKE ALL ON retention_lease FROM ${API_ROLE}`,
    `REVOKE INSERT, UPDATE, DELETE ON retention_runs, reminders FROM ${API_ROLE}`,
    `REVOKE UPDATE, DELETE ON personal_data_key_shreds FROM ${API_ROLE}`,
    `REVOKE INSERT, DELETE ON procedure_escalations FROM ${API_ROLE}`,
    ...updateOnly("procedure_escalations", ESCALATION_UPDATES),
  ];
  return statements.map((statement) => `${statement};`).join("\n--> statement-breakpoint\n");
}
