/**
 * The database roles of the second wall (issue 13, docs/authorization.md "The database's wall").
 * Migrations run as the owner. Every request runs as API_ROLE, which holds no table, no BYPASSRLS,
 * only SELECT and INSERT on the audit log, and reads personal data only through the row policies
 * generated from src/auth/policy.ts (db/rls/policies.sql.ts). A path that must read or delete across
 * viewers switches to SYSTEM_ROLE for exactly that work, and names itself in SYSTEM_USES.
 */
export const API_ROLE = "imi_api";
export const SYSTEM_ROLE = "imi_system";
export type DatabaseRole = typeof API_ROLE | typeof SYSTEM_ROLE;

/**
 * Every use of SYSTEM_ROLE, in one place: `asSystem(use, work)` takes one of these names, so a
 * reviewer sees here every path that reads past the viewer's cells, and why.
 */
export const SYSTEM_USES = {
  /**
   * The retention job blocks and deletes every procedure's personal data by its periods (R-RETAIN-1..7).
   * Scheduled or started by runRetention, it runs aside from any request (request-scope.ts
   * asideFromRequest) on the root connection: the login role, a member of SYSTEM_ROLE
   * (docs/deployment.md); the owner in tests and on PGlite.
   */
  retention: "the retention job (scheduled or runRetention), aside from any request, on the login role's imi_system membership",
  /**
   * Data subjects' rights, after the rights service has checked the request's route (R-ACCESS-1,
   * R-ACCESS-2, R-RECTIFY-1..3, R-RETAIN-6): whether a named data subject exists in the procedure, the
   * access report's items (the citizen's own data, read for whoever may read the request), the
   * helpdesk's contestation recorded beside blocked data it holds no route into, and an erasure's
   * key destruction with the shredded partition it records for the retention job's step 7.
   */
  rights: "data subjects' rights: a named subject's existence, access reports, contestations beside blocked data",
  /**
   * Issue 18's figures and Art. 21's records of processing: counts over procedure metadata (the shells,
   * R-RETAIN-3) across every procedure, whoever asks, never a row and never a personal-data table. The
   * row policies on procedures and participants (issue 13, PROCEDURE_CLASSES.metadata) would count
   * only the viewer's own; the services decide who reads which aggregate (small cells suppressed).
   */
  statistics: "aggregate counts over procedure metadata (public statistics, records of processing), no rows",
  /**
   * The helpdesk's recorded routes to a procedure's personal data (Art. 8, R-RETAIN-4, R-RECTIFY-1):
   * opened, found and ended after the rights service has checked the request or the retrieval. A
   * request reads only its own authority's routes (narrowed-tables.sql.ts) and writes none: a
   * statement beside the service could otherwise grant its authority every procedure.
   */
  routes: "the helpdesk's recorded routes, opened, found and ended after the rights service's checks",
  /**
   * Login and enrolment (R-SEC-1): the password hash and TOTP secret, the failure count and lock, the
   * used security codes and the pending enrolment codes, read and written before any viewer exists.
   * The API's role may not read the credentials nor change any of these (narrowed-tables.sql.ts).
   */
  authentication: "login and enrolment: credentials, failure counts, used and pending codes, before any viewer",
  /**
   * R-SEC-1 (finding F1: one mailbox, one account): whether an address is a mailbox some account has
   * already, across every authority, before an account is created or sent a code (createUser,
   * resendEnrolment). A yes or no: the users' read policy keeps contact data to the viewer's scope
   * (accounts-audit.sql.ts), which would hide another authority's account from the check.
   */
  accounts: "whether an address is taken by any account (createUser, resendEnrolment), a yes or no",
  /** Seeding a demo or test database, and the bootstrap of a first Commission account (admin:create). */
  seeding: "seeding and bootstrap commands (no viewer, no request)",
} as const;
export type SystemUse = keyof typeof SYSTEM_USES;
