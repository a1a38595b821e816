/** Whether a database error (from either driver, possibly wrapped by drizzle) is a unique violation. */
export function isUniqueViolation(error: unknown): boolean {
  return errorCodes(error).includes("23505");
}

/** The code of the error a connection fails with when PostgreSQL did not answer in time (client.ts, AnswerWatchdog). */
export const DATABASE_TIMEOUT = "DATABASE_TIMEOUT";

/** The code of CommitOutcomeUnknown. */
export const COMMIT_OUTCOME_UNKNOWN = "COMMIT_OUTCOME_UNKNOWN";

/**
 * The connection was lost after a transaction's COMMIT was sent and before its answer came: the
 * transaction may have committed or not, and no one can tell from here. Unavailable like the error it
 * wraps (`cause`), and answered with reason OUTCOME_UNKNOWN rather than "try again" (errors.ts).
 */
export class CommitOutcomeUnknown extends Error {
  readonly code = COMMIT_OUTCOME_UNKNOWN;
  constructor(override readonly cause: unknown) {
    super("the connection was lost during COMMIT: the outcome is unknown");
    this.name = "CommitOutcomeUnknown";
  }
}

/** Whether `error` (or an error it wraps) is a CommitOutcomeUnknown. */
export function isCommitOutcomeUnknown(error: unknown): boolean {
  return errorCodes(error).includes(COMMIT_OUTCOME_UNKNOWN);
}

/**
 * Codes that say the database cannot be reached right now, not that the statement was wrong:
 * socket errors, postgres.js' connection errors, and PostgreSQL's connection exceptions (class 08),
 * shutdown and start-up (57P01–57P03) and too many connections (53300). Retrying later may work.
 */
const UNAVAILABLE = new Set([
  DATABASE_TIMEOUT,
  COMMIT_OUTCOME_UNKNOWN,
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "57P01",
  "57P02",
  "57P03",
  "53300",
  // object_not_in_prerequisite_state: the database does not allow connections now (ALTER DATABASE … ALLOW_CONNECTIONS false).
  "55000",
]);

/** Whether a database error (either driver, possibly wrapped by drizzle) means the database is unreachable for now (SERVICE_UNAVAILABLE). */
export function isDatabaseUnavailable(error: unknown): boolean {
  return errorCodes(error).some((code) => UNAVAILABLE.has(code) || code.startsWith("08"));
}

/**
 * Issue 13: PostgreSQL's insufficient_privilege (42501), what a row policy, a column privilege or a
 * guard trigger of db/rls raises for the API's role.
 */
export function isRowSecurityRefusal(error: unknown): boolean {
  return errorCodes(error).includes("42501");
}

/** The refusal's own sentence (a guard trigger's, or "new row violates row-level security policy for table …"), for the operator's log. */
export function rowSecurityMessage(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (code === "42501" && typeof message === "string") return message.slice(0, 200);
  }
  return undefined;
}

/**
 * The `code`s along an error's chain (drizzle wraps the driver's error in `cause`, GraphQL errors
 * such as Apollo's "Context creation failed" in `originalError`): for logs, never parameters.
 */
export function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  const next = (e: unknown) => (e as { cause?: unknown }).cause ?? (e as { originalError?: unknown }).originalError;
  for (let e: unknown = error, depth = 0; e && depth < 6; e = next(e), depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
  }
  return codes;
}

/**
 * postgres.js 3.4.9 (porsager/postgres#1154, #1066): a write it scheduled on a connection that
 * PostgreSQL has just terminated runs after the socket is gone and throws outside any promise
 * ("Cannot read properties of null (reading 'write')" in connection.js `nextWrite`), which ended the
 * whole server (found from outside: backends killed during mutations). The connection is closed
 * already; its queries fail on their own as unavailable. Only this error is survived (main.ts).
 */
export function isPostgresWriteAfterClose(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    /reading 'write'/.test(error.message) &&
    /postgres[\\/](?:cjs[\\/])?src[\\/]connection\.js/.test(error.stack ?? "") &&
    /nextWrite/.test(error.stack ?? "")
  );
}
