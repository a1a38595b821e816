import { getTableColumns } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { authorities, dataSubjectRequests, legalAreas, nationalRestrictions, procedureEscalations, procedures, users } from "../schema/index.js";
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
const USER_UPDATES = [users.active, users.deactivatedAt, users.contactBlockedAt];

/**
 * R-COORD-1, R-SEC-1: the accounts a viewer could ever create, as a bound (user.service.ts grantable
 * decides exactly, and says why): a local admin its own authority's local admins, case handlers and
 * portals; a coordinator no Commission or supervisor account, in its own member state; the Commission
 * what the service allows it. Never credentials (the user enrols), always the viewer as its creator.
 */
const USER_INSERT_SQL = `"users".created_by_user_id = imi_rls.viewer_user() AND "users".password_hash IS NULL AND "users".totp_secret IS NULL AND (
    'COMMISSION' = ANY (imi_rls.viewer_roles())
    OR ('COORDINATOR' = ANY (imi_rls.viewer_roles()) AND NOT "users".roles && ARRAY['COMMISSION', 'SUPERVISOR']::role[]
      AND "users".authority_id IN (SELECT au.id FROM authorities au WHERE au.member_state = imi_rls.viewer_member_state()))
    OR ('LOCAL_ADMIN' = ANY (imi_rls.viewer_roles()) AND "users".roles <@ ARRAY['LOCAL_ADMIN', 'CASE_HANDLER', 'PORTAL']::role[]
      AND "users".authority_id = imi_rls.viewer_authority())
  )`;

/** The accounts a viewer could ever deactivate, as a bound (user.service.ts managersOf decides exactly). */
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
    OR ('CASE_HANDLER' = ANY (imi_rls.viewer_roles()) AND "data_subject_requests".route = 'HELPDESK_WITH_INITIATOR' AND EXISTS (SELECT 1 FROM participants pi
      WHERE pi.procedure_id = "data_subject_requests".procedure_id AND pi.authority_id = imi_rls.viewer_authority() AND pi.part = 'INITIATOR' AND pi.forwarded_at IS NULL))
    OR ('PORTAL' = ANY (imi_rls.viewer_roles()) AND "data_subject_requests".filed_by_user_id = imi_rls.viewer_user())
  )`;

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
      `"data_subject_requests".filed_by_user_id = imi_rls.viewer_user() AND ("data_subject_requests".receiving_authority_id = imi_rls.viewer_authority() OR 'PORTAL' = ANY (imi_rls.viewer_roles()))`,
    ),
    ...policy("data_subject_requests", "rls_update", "UPDATE", REQUEST_METADATA_SQL, REQUEST_METADATA_SQL),
    `REVOKE DELETE ON data_subject_requests FROM ${API_ROLE}`,
    ...updateOnly("data_subject_requests", REQUEST_UPDATES),
    // A request's steps: read and appended with the request, never changed (the request's history).
    ...rowSecurityOn("data_subject_request_steps"),
    ...policy("data_subject_request_steps", "rls_read", "SELECT", `"data_subject_request_steps".request_id IN (SELECT r.id FROM data_subject_requests r)`, null),
    ...policy("data_subject_request_steps", "rls_insert", "INSERT", null, `"data_subject_request_steps".request_id IN (SELECT r.id FROM data_subject_requests r)`),
    `REVOKE UPDATE, DELETE ON data_subject_request_steps FROM ${API_ROLE}`,
    // Users (R-SEC-1, R-COORD-1): read without credentials by every request (the viewer's re-read comes
    // before the viewer is known); created within the creator's bound; deactivated within the manager's;
    // never deleted. Login and enrolment are the system use `authentication`, with the used codes.
    ...rowSecurityOn("users"),
    ...policy("users", "rls_read", "SELECT", "true", null),
    ...policy("users", "rls_insert", "INSERT", null, USER_INSERT_SQL),
    ...policy("users", "rls_update", "UPDATE", USER_MANAGED_SQL, USER_MANAGED_SQL),
    `REVOKE SELECT, INSERT, UPDATE, DELETE ON users FROM ${API_ROLE}`,
    // INSERT of every column: drizzle names each one (DEFAULT for those not given), and a column
    // privilege is checked for each named; the insert policy keeps the credentials empty.
    `GRANT SELECT (${names(USER_COLUMNS)}), INSERT ON users TO ${API_ROLE}`,
    `GRANT UPDATE (${names(USER_UPDATES)}) ON users TO ${API_ROLE}`,
    `REVOKE ALL ON used_security_codes FROM ${API_ROLE}`,
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
