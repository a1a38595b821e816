import type { PgColumn } from "drizzle-orm/pg-core";
import { API_ROLE, SYSTEM_ROLE } from "./roles.js";

/**
 * The pieces the narrowed tables' statements are written with (narrowed-tables.sql.ts,
 * accounts-audit.sql.ts, directory-tables.sql.ts): row security on, a policy of the API's role, column
 * grants, a trigger of the API's role. Generated into the row-security migration (policies.sql.ts).
 */

/** Column names from the schema, so that a renamed column fails here rather than in a migration. */
export const names = (columns: readonly PgColumn[]): string => columns.map((c) => `"${c.name}"`).join(", ");

/** The viewer holds the role (SQL). */
export const holds = (role: string) => `'${role}' = ANY (imi_rls.viewer_roles())`;

/** The directory is the Commission's, and a coordinator's in its own member state (R-COORD-1; directory.service.ts decides exactly). */
export const DIRECTORY_OF = (memberState: string) => `(${holds("COMMISSION")} OR (${holds("COORDINATOR")} AND ${memberState} = imi_rls.viewer_member_state()))`;

/** The authorities of the viewer's member state (SQL: a list for `IN`). */
export const VIEWER_STATE_AUTHORITIES = "(SELECT au.id FROM authorities au WHERE au.member_state = imi_rls.viewer_member_state())";

/**
 * "Within minutes of the request's time" (SQL), as replicas' clocks and a request's own duration allow:
 * a time a request writes (a closure, a last activity, an audit event's) is never chosen by its writer.
 */
export const atRequestTime = (column: string) =>
  `${column} BETWEEN imi_rls.viewer_now() - interval '5 minutes' AND imi_rls.viewer_now() + interval '5 minutes'`;

/** Row security on, FORCEd, the system role and the owner through (as policies.sql.ts policyStatements). */
export function rowSecurityOn(table: string): string[] {
  return [
    `ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`,
    `DROP POLICY IF EXISTS rls_system ON "${table}"`,
    `CREATE POLICY rls_system ON "${table}" TO ${SYSTEM_ROLE} USING (true) WITH CHECK (true)`,
    `DROP POLICY IF EXISTS rls_owner ON "${table}"`,
    `CREATE POLICY rls_owner ON "${table}" TO CURRENT_USER USING (true) WITH CHECK (true)`,
  ];
}

export function policy(table: string, name: string, command: "SELECT" | "INSERT" | "UPDATE" | "DELETE", using: string | null, check: string | null): string[] {
  const clauses = [using !== null ? `USING (${using})` : "", check !== null ? `WITH CHECK (${check})` : ""].filter(Boolean).join(" ");
  return [`DROP POLICY IF EXISTS ${name} ON "${table}"`, `CREATE POLICY ${name} ON "${table}" FOR ${command} TO ${API_ROLE} ${clauses}`];
}

/** UPDATE of these columns only (a table-level REVOKE takes any column grant with it, so the grant follows). */
export function updateOnly(table: string, columns: readonly PgColumn[]): string[] {
  return [`REVOKE UPDATE ON "${table}" FROM ${API_ROLE}`, `GRANT UPDATE (${names(columns)}) ON "${table}" TO ${API_ROLE}`];
}

/** A trigger of the API's role only: the retention job (imi_system) and the owner change what they must. */
export function apiTrigger(table: string, name: string, fn: string, event: "UPDATE" | "INSERT" = "UPDATE"): string[] {
  return [
    `DROP TRIGGER IF EXISTS ${name} ON "${table}"`,
    `CREATE TRIGGER ${name} BEFORE ${event} ON "${table}" FOR EACH ROW WHEN (current_user = '${API_ROLE}') EXECUTE FUNCTION ${fn}()`,
  ];
}

/** Statements as the migration holds them. */
export function statementList(statements: readonly string[]): string {
  return statements.map((statement) => `${statement};`).join("\n--> statement-breakpoint\n");
}
