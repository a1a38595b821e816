import { users } from "../schema/index.js";
import { USER_COLUMNS } from "../user-columns.js";
import { API_ROLE } from "./roles.js";
import { atRequestTime, holds, names, policy, rowSecurityOn, statementList, VIEWER_STATE_AUTHORITIES } from "./sql-helpers.js";

/**
 * Issue 13, the second wall for the users and the audit log (found from outside, fourth round: every
 * viewer read every user's name, e-mail and last login, and every audit event, with plain SQL as the
 * API's role under its own settings; a viewer could back-date its own events). Generated into the
 * row-security migration with the policies (policies.sql.ts rowSecuritySql).
 */

/**
 * R-USER-1, R-SEC-1, the SPEC matrix's "users' contact data": user.repository.ts visibleUsers, rule by
 * rule (change both together; test/rls/accounts-audit-wall.test.ts compares them for every demo viewer),
 * and the viewer's own row (its `viewer` query; a portal or a supervisor reads no other). The request's
 * re-read of its viewer comes before the viewer is set, as the connection's role (request-scope.ts).
 */
export const USER_READ_SQL = `(
    "users".id = imi_rls.viewer_user()
    OR ${holds("COMMISSION")}
    OR (${holds("COORDINATOR")} AND "users".authority_id IN ${VIEWER_STATE_AUTHORITIES})
    OR (${holds("LOCAL_ADMIN")} AND "users".authority_id = imi_rls.viewer_authority())
    OR (${holds("CASE_HANDLER")} AND 'CASE_HANDLER' = ANY ("users".roles::text[]) AND "users".authority_id IN (
      SELECT theirs.authority_id FROM participants theirs
      JOIN participants ours ON ours.procedure_id = theirs.procedure_id
      JOIN procedures p ON p.id = theirs.procedure_id
      WHERE ours.authority_id = imi_rls.viewer_authority() AND ours.forwarded_at IS NULL AND theirs.forwarded_at IS NULL AND p.status::text <> 'DRAFT'))
  )`;

/**
 * Deactivation (user.repository.ts deactivate, R-USER-1) is the one change a request makes to a user,
 * at the request's time (found from outside: a local admin back-dated one, and the next run would have
 * deleted the contact data at once instead of 3 years later).
 */
const DEACTIVATED_SQL = `NOT "users".active AND ${atRequestTime('"users".deactivated_at')} AND "users".contact_blocked_at = "users".deactivated_at`;
const USER_UPDATES = [users.active, users.deactivatedAt, users.contactBlockedAt];

/**
 * R-COORD-1, R-SEC-1: the accounts a viewer could ever create, as a bound (user.service.ts grantable
 * decides exactly, and says why): a local admin its own authority's local admins, case handlers and
 * portals; a coordinator no Commission or supervisor account, in its own member state; the Commission
 * what the service allows it. Never credentials (the user enrols), always the viewer as its creator.
 */
const USER_INSERT_SQL = `"users".created_by_user_id = imi_rls.viewer_user() AND "users".password_hash IS NULL AND "users".totp_secret IS NULL AND (
    ${holds("COMMISSION")}
    OR (${holds("COORDINATOR")} AND NOT "users".roles::text[] && ARRAY['COMMISSION', 'SUPERVISOR']
      AND "users".authority_id IN ${VIEWER_STATE_AUTHORITIES})
    OR (${holds("LOCAL_ADMIN")} AND "users".roles::text[] <@ ARRAY['LOCAL_ADMIN', 'CASE_HANDLER', 'PORTAL']
      AND "users".authority_id = imi_rls.viewer_authority())
  )`;

/**
 * The accounts a viewer could ever deactivate, as a bound (user.service.ts managersOf decides exactly);
 * the change is a deactivation, never a reactivation or a lifted block (R-USER-1, R-USER-2; found from
 * outside: a local admin reactivated an account it had deactivated, and its old token worked again).
 */
const USER_MANAGED_SQL = `(
    ${holds("COMMISSION")}
    OR (${holds("COORDINATOR")} AND "users".authority_id IN ${VIEWER_STATE_AUTHORITIES})
    OR (${holds("LOCAL_ADMIN")} AND "users".authority_id = imi_rls.viewer_authority())
  )`;

/**
 * Pentest G1 (Art. 8), R-COORD-1: whether an authority holds an account of one of these roles, whoever
 * asks (directory.repository.ts takesNoPart, user.service.ts grantable): a yes or no about the
 * directory, never an account's row, which the users' read policy keeps to the viewer's scope.
 */
const AUTHORITY_HOLDS_ROLE = `CREATE OR REPLACE FUNCTION imi_rls.authority_holds_role(p_authority uuid, p_roles text[]) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM users u WHERE u.authority_id = p_authority AND u.roles::text[] && p_roles)
$$`;

/**
 * R-SEC-1, R-SEC-2, the SPEC matrix's "audit events": audit.repository.ts visibleAuditEvents, rule by
 * rule (change both together; compared for every demo viewer like the users' scope).
 */
export const AUDIT_READ_SQL = `(
    ${holds("COMMISSION")}
    OR (imi_rls.viewer_roles() && ARRAY['COORDINATOR', 'SUPERVISOR'] AND "audit_events".actor_authority_id IN ${VIEWER_STATE_AUTHORITIES})
    OR (${holds("LOCAL_ADMIN")} AND "audit_events".actor_authority_id = imi_rls.viewer_authority())
    OR (${holds("CASE_HANDLER")} AND "audit_events".actor_user_id = imi_rls.viewer_user())
    OR (${holds("SUPERVISOR")} AND imi_rls.viewer_member_state() = 'EU' AND "audit_events".actor_authority_id IS NULL)
  )`;

/**
 * R-SEC-2, issue 14: migration 0024's chain trigger (its comment says how the chains work), with two
 * changes. It reads the chain's head across every viewer's events, as the owner (SECURITY DEFINER), so
 * that a viewer's narrower read does not fork the chain; its tables are named with their schema, so no
 * temporary table of the caller's can stand in for them, without the cost of a search_path set at
 * every row. And the head a transaction keeps in the setting imi.audit_head is believed only if this
 * transaction holds the chain's lock and the chain holds that event: the setting is the writer's to
 * change (found from outside: a forged head made verifyAuditChain report, for good, a deletion that
 * never happened). One index probe per event; a forged head falls back to the lock and the head read,
 * as a transaction's first event does, and a genuine but older one collides with the unique position.
 */
const AUDIT_CHAIN = `CREATE OR REPLACE FUNCTION public.audit_events_chain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
  head text := pg_catalog.current_setting('imi.audit_head', true);
  chain int;
  last_position bigint;
  last_hash text;
BEGIN
  IF head IS NOT NULL AND head <> '' THEN
    chain := nullif(pg_catalog.split_part(head, ':', 1), '')::int;
    last_position := nullif(pg_catalog.split_part(head, ':', 2), '')::bigint;
    last_hash := pg_catalog.split_part(head, ':', 3);
    IF chain IS NULL OR chain < 0 OR chain >= public.audit_chain_count() OR NOT pg_catalog.pg_try_advisory_xact_lock(1229801793, chain)
       OR NOT EXISTS (SELECT 1 FROM public.audit_events e WHERE e.chain_id = chain AND e.chain_position = last_position AND e.hash = last_hash) THEN
      chain := NULL;
    END IF;
  END IF;
  IF chain IS NULL THEN
    FOR slot IN 0 .. public.audit_chain_count() - 1 LOOP
      IF pg_catalog.pg_try_advisory_xact_lock(1229801793, slot) THEN
        chain := slot;
        EXIT;
      END IF;
    END LOOP;
    IF chain IS NULL THEN
      chain := pg_catalog.pg_backend_pid() % public.audit_chain_count();
      PERFORM pg_catalog.pg_advisory_xact_lock(1229801793, chain);
    END IF;
    SELECT e.chain_position, e.hash INTO last_position, last_hash
      FROM public.audit_events e WHERE e.chain_id = chain ORDER BY e.chain_position DESC LIMIT 1;
    IF NOT FOUND THEN
      last_position := 0;
      last_hash := public.audit_genesis_hash(chain);
    END IF;
  END IF;
  NEW.chain_id := chain;
  NEW.chain_position := last_position + 1;
  NEW.prev_hash := last_hash;
  NEW.hash := public.audit_event_hash(NEW.prev_hash, NEW);
  PERFORM pg_catalog.set_config('imi.audit_head', chain::text || ':' || NEW.chain_position::text || ':' || NEW.hash, true);
  RETURN NEW;
END
$$`;

export function accountsAuditSql(): string {
  return statementList([
    // Users (R-SEC-1, R-COORD-1, R-USER-1): read without credentials in the viewer's scope of contact
    // data; created within the creator's bound; deactivated within the manager's; never deleted. Login
    // and enrolment are the system use `authentication`, with the used codes; an address's uniqueness
    // across all accounts the system use `accounts` (roles.ts).
    ...rowSecurityOn("users"),
    ...policy("users", "rls_read", "SELECT", USER_READ_SQL, null),
    ...policy("users", "rls_insert", "INSERT", null, USER_INSERT_SQL),
    // An active account only (found from outside: deactivating one again moved its deletion date on).
    ...policy("users", "rls_update", "UPDATE", `"users".active AND ${USER_MANAGED_SQL}`, `${USER_MANAGED_SQL} AND ${DEACTIVATED_SQL}`),
    `REVOKE SELECT, INSERT, UPDATE, DELETE ON users FROM ${API_ROLE}`,
    // INSERT of every column: drizzle names each one (DEFAULT for those not given), and a column
    // privilege is checked for each named; the insert policy keeps the credentials empty.
    `GRANT SELECT (${names(Object.values(USER_COLUMNS))}), INSERT ON users TO ${API_ROLE}`,
    `GRANT UPDATE (${names(USER_UPDATES)}) ON users TO ${API_ROLE}`,
    `REVOKE ALL ON used_security_codes, user_enrolments FROM ${API_ROLE}`,
    AUTHORITY_HOLDS_ROLE,
    `GRANT EXECUTE ON FUNCTION imi_rls.authority_holds_role(uuid, text[]) TO ${API_ROLE}`,
    // R-SEC-2: a request reads the events of its scope, and appends events in its own viewer's name
    // only (audit.recorder.ts: the viewer, or none before one is known), at the request's time (found
    // from outside: a viewer back-dated its own events); an enrolment names its new user as the system
    // use `authentication`.
    ...rowSecurityOn("audit_events"),
    ...policy("audit_events", "rls_read", "SELECT", AUDIT_READ_SQL, null),
    ...policy(
      "audit_events",
      "rls_insert",
      "INSERT",
      null,
      `"audit_events".actor_user_id IS NOT DISTINCT FROM imi_rls.viewer_user() AND "audit_events".actor_authority_id IS NOT DISTINCT FROM imi_rls.viewer_authority()
      AND ${atRequestTime('"audit_events".occurred_at')}`,
    ),
    AUDIT_CHAIN,
  ]);
}
