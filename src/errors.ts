/**
 * Typed domain errors. Their codes are the public contract's `extensions.code`; `formatError`
 * (server/format-error.ts) is the one place that maps them and hides everything else.
 */
export const ErrorCode = {
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  BAD_USER_INPUT: "BAD_USER_INPUT",
  CONFLICT: "CONFLICT",
  /** The database cannot be reached for now: HTTP 503 with Retry-After; the request may be retried as it was. */
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Why personal data is withheld (SPEC: explained denials). */
export type AccessDenialReason = "NOT_INVOLVED" | "NOT_ACCEPTED" | "BLOCKED" | "DELETED" | "ROLE";

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/**
 * Why a token that came with a request was refused (issue 15), as `extensions.reason`, so that a
 * client knows whether to log in again (TOKEN_EXPIRED, USER_DEACTIVATED), fix what it sends
 * (MALFORMED_AUTHORIZATION) or distrust the token (TOKEN_INVALID).
 */
export type AuthFailureReason = "TOKEN_EXPIRED" | "TOKEN_INVALID" | "USER_DEACTIVATED" | "MALFORMED_AUTHORIZATION";

export class UnauthenticatedError extends DomainError {
  constructor(message = "You must be logged in.", reason?: AuthFailureReason) {
    super(ErrorCode.UNAUTHENTICATED, message, reason ? { reason } : undefined);
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
  constructor() {
    super(ErrorCode.SERVICE_UNAVAILABLE, "The service cannot reach its database right now: try again in a few seconds.", {
      retryAfterSeconds: SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS,
    });
  }
}
