/**
 * Typed domain errors. Their codes are the public contract's `extensions.code`; `formatError`
 * (graphql/format-error.ts) is the one place that maps them and hides everything else.
 *
 * Issue 16 item 5 (errors as types): ERROR_CODES and ERROR_REASONS are the one list of every
 * `extensions.code` and `extensions.reason` a client can receive, each with what it means and what the
 * client does. The TypeScript types below, the SDL enums `ErrorCode` and `ErrorReason`
 * (graphql/error-enums.ts), the typed client (examples/generated/enums.ts) and docs/api-guide.md are
 * made from them; test/graphql/error-enums.test.ts fails when the server answers anything else.
 */
export const ERROR_CODES = {
  UNAUTHENTICATED:
    "No valid token came with the request, or a login failed. `reason` says why a token was refused (TOKEN_EXPIRED, TOKEN_INVALID, USER_DEACTIVATED, MALFORMED_AUTHORIZATION); without one, log in and send the token as `Authorization: Bearer <token>`.",
  FORBIDDEN:
    "Your role or your authority's part does not allow this field or action; `reason` says why (ROLE, NOT_INVOLVED, NOT_ACCEPTED, BLOCKED, DELETED, RATE_LIMITED, INTROSPECTION_DISABLED, ROW_SECURITY). Do not retry as it is: show the explanation, or wait `retryAfterSeconds` for RATE_LIMITED.",
  NOT_FOUND: "The object does not exist, or you may not see it: the two look the same. Do not retry; refresh the list you took the id from.",
  BAD_USER_INPUT:
    "The input is invalid (`field` or `fields` names it; attachments give a `reason`). Fix the input and send it again; retrying unchanged fails the same way.",
  CONFLICT: "The action does not fit the object's current state (sent twice, already closed, a run under way). Reload the object and decide again.",
  SERVICE_UNAVAILABLE:
    "The server cannot reach its database right now (HTTP 503, Retry-After). Retry after `retryAfterSeconds`; before repeating a mutation that creates something, check whether it exists. With reason MAIL_NOT_CONFIGURED: the server has no mail transport, and retrying does not help.",
  INTERNAL_SERVER_ERROR: "Something unexpected failed; the message is always `Internal server error.` and the server logged the details. Retrying may help; report it if it persists.",
  GRAPHQL_PARSE_FAILED: "The document is not valid GraphQL (or has too many tokens). Fix the document: a client bug, retrying does not help.",
  GRAPHQL_VALIDATION_FAILED: "The document does not fit the schema (an unknown field, too deep, too costly, too many aliases). Fix the document against schema/schema.graphql.",
  BAD_REQUEST: "The HTTP request or WebSocket message is malformed (not JSON, too large, no query, a query or mutation over WebSocket). Fix how the request is sent.",
  OPERATION_RESOLUTION_FAILURE: "The `operationName` names no operation of the document, or the document holds several and none is named. Send the right `operationName`.",
  PERSISTED_QUERY_NOT_FOUND: "The server has no document with this id (trusted documents). Send the document itself, or regenerate the manifest the server runs with.",
  PERSISTED_QUERY_NOT_SUPPORTED: "This server takes documents, not ids: send the query text.",
  UNTRUSTED_DOCUMENT: "This server runs only the operations of its trusted-documents manifests, and this one is not listed. Add it to your manifest and have it deployed.",
  TOO_MANY_SUBSCRIPTIONS: "The connection or the user has as many subscriptions open as allowed (WebSocket). Complete some before subscribing again.",
  PAYLOAD_TOO_LARGE: "A live event's answer is larger than allowed (WebSocket). Select fewer fields in the subscription.",
} as const satisfies Record<string, string>;
export type ErrorCode = keyof typeof ERROR_CODES;

/** Each name as its own value, so that `ErrorCode.FORBIDDEN` reads like an enum member. */
function namesOf<K extends string>(values: Record<K, string>): { readonly [N in K]: N } {
  const names = {} as { [N in K]: N };
  for (const name of Object.keys(values) as K[]) names[name] = name;
  return Object.freeze(names);
}
export const ErrorCode = namesOf(ERROR_CODES);

/** Why personal data is withheld (SPEC: explained denials); also the GraphQL enum AccessDenialReason (procedure.enums.ts). */
export const ACCESS_DENIAL_REASONS = {
  ROLE: "Your role does not allow this field or action; for personal data: coordinators, local admins, portals, the Commission without a recorded route. Do not retry; hide what needs another role.",
  NOT_INVOLVED: "Your authority does not take part in the procedure. Do not retry.",
  NOT_ACCEPTED: "Your authority takes part but has not accepted the procedure yet: accept it (`acceptProcedure`), then ask again.",
  BLOCKED: "The procedure was closed longer ago than its blocking period (R-RETAIN-1): the data is blocked. Do not retry; a data-subject request goes through the helpdesk.",
  DELETED: "The personal data was deleted after its retention period (R-RETAIN-3). Do not retry: it is gone.",
} as const satisfies Record<string, string>;
export type AccessDenialReason = keyof typeof ACCESS_DENIAL_REASONS;

/**
 * Why a token that came with a request was refused (issue 15), as `extensions.reason`, so that a
 * client knows whether to log in again (TOKEN_EXPIRED, USER_DEACTIVATED), fix what it sends
 * (MALFORMED_AUTHORIZATION) or distrust the token (TOKEN_INVALID).
 */
export const AUTH_FAILURE_REASONS = {
  TOKEN_EXPIRED: "The session has expired. Log in again (`login`) and repeat the request with the new token.",
  TOKEN_INVALID: "The token was not issued by this API, was altered or is malformed. Discard it and log in again; do not retry with it.",
  USER_DEACTIVATED: "The token is valid but its user has been deactivated. Logging in again does not help: end the session and tell the user.",
  MALFORMED_AUTHORIZATION: "The Authorization header is not `Bearer <token>`. Fix how the header is sent (the token `login` returned, after `Bearer `).",
} as const satisfies Record<string, string>;
export type AuthFailureReason = keyof typeof AUTH_FAILURE_REASONS;

/** Why an attachment upload was refused (BAD_USER_INPUT; the HTTP status follows it, attachment.route.ts). */
export const ATTACHMENT_REFUSAL_REASONS = {
  TOO_LARGE: "The file is larger than the limit (HTTP 413). Send a smaller file.",
  TYPE_NOT_ALLOWED: "The declared Content-Type, or the content, is not an accepted type (HTTP 415). Convert the file to an accepted type.",
  TYPE_MISMATCH: "The content is not of the declared Content-Type (HTTP 415). Declare the file's real type.",
  EMPTY: "The body is empty. Send the file's bytes.",
} as const satisfies Record<string, string>;
export type AttachmentRefusalReason = keyof typeof ATTACHMENT_REFUSAL_REASONS;

/** Refusals that protect the service rather than the data. */
export const LIMIT_REASONS = {
  RATE_LIMITED: "Too many attempts from your address or for this account (login, enrolment, authority registration). Wait `retryAfterSeconds`, then try again.",
  INTROSPECTION_DISABLED: "Introspection is off in production except for Commission users. Use the published schema/schema.graphql, or log in as a Commission user.",
} as const satisfies Record<string, string>;

/**
 * Issue 13: the database's own wall refused a statement the service let through (a row policy or a
 * guard trigger of db/rls). The server logs it as a bug; nothing of the mutation was applied.
 */
export const WALL_REASONS = {
  ROW_SECURITY:
    "The database refused this change as outside what your role and your authority's part allow (its row-level security), after the service had let it through: nothing was changed. Do not retry; report it, since the service should have explained the refusal itself.",
} as const satisfies Record<string, string>;

/** Why a SERVICE_UNAVAILABLE needs more care than a retry. */
export const UNAVAILABLE_REASONS = {
  OUTCOME_UNKNOWN:
    "The database connection was lost while the request was being committed: what a mutation changed may or may not be saved. Read it back (or list what you created) before repeating the mutation.",
} as const satisfies Record<string, string>;

/** Why the server cannot do what was asked as it is configured (SERVICE_UNAVAILABLE). */
export const CONFIGURATION_REASONS = {
  MAIL_NOT_CONFIGURED:
    "The server has no mail transport (SMTP_URL or MAIL_OUTBOX_DIR), so it cannot send an enrolment code: createUser and resendEnrolment are refused and nothing was created. Retrying does not help until the operator configures one (docs/deployment.md).",
} as const satisfies Record<string, string>;

/** Every `extensions.reason`, whatever the code it comes with. */
export const ERROR_REASONS = { ...ACCESS_DENIAL_REASONS, ...AUTH_FAILURE_REASONS, ...ATTACHMENT_REFUSAL_REASONS, ...LIMIT_REASONS, ...WALL_REASONS, ...UNAVAILABLE_REASONS, ...CONFIGURATION_REASONS } as const;
export type ErrorReason = keyof typeof ERROR_REASONS;
export const ErrorReason = namesOf(ERROR_REASONS);

/** What a domain error adds to `extensions`: a reason, when there is one, is always one of ERROR_REASONS. */
export type ErrorDetails = { readonly reason?: ErrorReason } & Record<string, unknown>;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = "You must be logged in.", reason?: AuthFailureReason) {
    super(ErrorCode.UNAUTHENTICATED, message, reason ? { reason } : undefined);
  }
}

/** Issue 13: the database's wall refused what the service let through (format-error.ts maps PostgreSQL's 42501). */
export class RowSecurityRefusal extends DomainError {
  constructor() {
    super(ErrorCode.FORBIDDEN, "The database refused this change: it is outside what your role and your authority's part allow. Nothing was changed.", { reason: "ROW_SECURITY" });
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string, reason: AccessDenialReason = "ROLE") {
    super(ErrorCode.FORBIDDEN, message, { reason });
  }
}

/** Missing and not visible look the same to the caller. */
export class NotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super(ErrorCode.NOT_FOUND, `${what} ${id} was not found.`);
  }
}

export class BadUserInputError extends DomainError {
  constructor(message: string, field?: string) {
    super(ErrorCode.BAD_USER_INPUT, message, field ? { field } : {});
  }
}

export class ConflictError extends DomainError {
  constructor(message: string) {
    super(ErrorCode.CONFLICT, message);
  }
}

/** Seconds a client is asked to wait before retrying when the database is unavailable (Retry-After). */
export const SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * The database is unreachable or did not answer in time (issue 12, finding 5): retryable, unlike
 * INTERNAL_SERVER_ERROR. formatError raises it from the drivers' connection errors (db/pg-errors.ts);
 * the HTTP answer is then 503 with Retry-After (http.ts).
 */
export class ServiceUnavailableError extends DomainError {
  /**
   * `outcomeUnknown`: the connection was lost during the commit (db/pg-errors.ts CommitOutcomeUnknown),
   * so "try again" would be wrong advice for a mutation that did commit (outside attack on issue 13:
   * a createProcedure answered "try again" was saved, and a retry made a duplicate).
   */
  constructor(outcomeUnknown = false) {
    super(
      ErrorCode.SERVICE_UNAVAILABLE,
      outcomeUnknown
        ? "The connection to the database was lost while your request was being saved: a change it made may or may not be saved. Check before you repeat it."
        : "The service cannot reach its database right now: try again in a few seconds.",
      { retryAfterSeconds: SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS, ...(outcomeUnknown ? { reason: "OUTCOME_UNKNOWN" as const } : {}) },
    );
  }
}

/**
 * R-SEC-1: production without SMTP_URL or MAIL_OUTBOX_DIR cannot deliver an enrolment code, so an
 * account is not created at all (no half-created user: refused before anything is written).
 */
export class MailNotConfiguredError extends DomainError {
  constructor() {
    super(
      ErrorCode.SERVICE_UNAVAILABLE,
      "The server cannot send the enrolment mail: no mail transport is configured (SMTP_URL or MAIL_OUTBOX_DIR). Nothing was created; ask the operator.",
      { reason: "MAIL_NOT_CONFIGURED" },
    );
  }
}
