import type { GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { ArgumentValidationError } from "type-graphql";
import { errorCodes, isCommitOutcomeUnknown, isDatabaseUnavailable, isRowSecurityRefusal, rowSecurityMessage } from "../db/pg-errors.js";
import { DomainError, RowSecurityRefusal, ServiceUnavailableError, type ErrorCode } from "../errors.js";
import type { Logger } from "../logger.js";

/** Codes graphql-js and Apollo give to malformed requests; they describe the request, not the server. */
const REQUEST_ERROR_CODES = new Set<string>([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  // TRUSTED_DOCUMENTS: an operation no manifest lists (graphql/trusted-documents.ts).
  "UNTRUSTED_DOCUMENT",
] satisfies ErrorCode[]);

interface ValidationProblem {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationProblem[];
}

/** class-validator nests the problems of nested inputs; the client wants each field and message. */
function flatten(problems: ValidationProblem[], prefix = ""): { field: string; message: string }[] {
  return problems.flatMap((problem) => {
    const field = prefix ? `${prefix}.${problem.property}` : problem.property;
    const own = Object.values(problem.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(problem.children ?? [], field)];
  });
}

/** A DomainError a few GraphQLError wrappings down (Apollo may wrap a plugin's GraphQLError again). */
function wrappedDomainError(error: unknown): DomainError | undefined {
  let current: unknown = error;
  for (let i = 0; i < 4 && current instanceof Error; i++) {
    if (current instanceof DomainError) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return undefined;
}

/**
 * Apollo's own refusal of a malformed request that comes without a code: its persisted-query checks
 * ("provided sha does not match query", "Unsupported persisted query version") set only an HTTP 4xx.
 * It was answered as INTERNAL_SERVER_ERROR and logged as unexpected (found by the fuzz suite, test/fuzz).
 * Errors raised by resolvers or plugins wrap the thrown error (`originalError`); these do not.
 */
function refusedByApollo(error: unknown): boolean {
  const { extensions, originalError } = error as { extensions?: { http?: { status?: unknown } }; originalError?: unknown };
  const status = extensions?.http?.status;
  return originalError === undefined && typeof status === "number" && status >= 400 && status < 500;
}

/**
 * The one place errors become client-facing: domain errors keep their code and message, input
 * validation becomes BAD_USER_INPUT, and anything else is logged and replaced by a generic
 * INTERNAL_SERVER_ERROR with no stack, SQL or personal data.
 */
/**
 * `hideSuggestions`: graphql-js's "Did you mean …?" is removed, whole (production: the schema is not
 * for guessing). Off in development, where the suggestion is what a newcomer needs (issue 15).
 */
export function createFormatError(logger: Logger, options: { hideSuggestions?: boolean } = {}) {
  const hideSuggestions = options.hideSuggestions ?? true;
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const unwrapped = unwrapResolverError(error);
    // Domain errors raised outside resolvers (plugins: the introspection guard) come wrapped without a path.
    const original = wrappedDomainError(unwrapped) ?? unwrapped;
    const base = { locations: formatted.locations, path: formatted.path };
    if (original instanceof DomainError) {
      return { ...base, message: original.message, extensions: { code: original.code, ...original.details } };
    }
    if (original instanceof ArgumentValidationError) {
      // type-graphql wraps whatever class-validator threw: not always a list of problems (validator.js's
      // isEmail throws URIError on an unpaired surrogate). formatError threw on it, and Apollo answered
      // with its own bare error and nothing logged (found by the fuzz suite, test/fuzz).
      const thrown: unknown = original.extensions.validationErrors;
      const problems = Array.isArray(thrown) ? flatten(thrown as ValidationProblem[]) : [];
      return {
        ...base,
        message: `Invalid input: ${problems.map((p) => p.message).join("; ") || "see the field descriptions."}`,
        extensions: { code: "BAD_USER_INPUT" satisfies ErrorCode, fields: [...new Set(problems.map((p) => p.field))] },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === "string" && REQUEST_ERROR_CODES.has(code)) {
      // graphql-js suggests field names ("Did you mean …?"): not shown in production, the schema is not
      // for guessing. The token limit is not echoed either (graphql-js names it in its message).
      const message = (hideSuggestions ? formatted.message.replace(/\s*Did you mean [^?]*\?/g, "") : formatted.message).replace(/Document contains more th(?:an|at) \d+ tokens\./, "Document contains too many tokens.");
      return { ...base, message, extensions: { code } };
    }
    if (refusedByApollo(original)) return { ...base, message: formatted.message, extensions: { code: "BAD_REQUEST" satisfies ErrorCode } };
    if (isDatabaseUnavailable(original)) {
      // Retryable, and not the server's fault to investigate per request: a warning with the cause's codes only.
      logger.warn({ path: formatted.path, cause: errorCodes(original) }, "database unavailable");
      const unavailable = new ServiceUnavailableError(isCommitOutcomeUnknown(original));
      return { ...base, message: unavailable.message, extensions: { code: unavailable.code, ...unavailable.details } };
    }
    if (isRowSecurityRefusal(original)) {
      // The first wall should have refused it with its reason: a bug to fix, logged without the SQL.
      // Its text is PostgreSQL's or a guard's own sentence (a table, a rule), never a value: the operator needs it.
      logger.error({ path: formatted.path, cause: errorCodes(original), refusal: rowSecurityMessage(original) }, "refused by the database's row security after the service let it through");
      const refusal = new RowSecurityRefusal();
      return { ...base, message: refusal.message, extensions: { code: refusal.code, ...refusal.details } };
    }
    logger.error({ err: original, path: formatted.path }, "unexpected error");
    return { ...base, message: "Internal server error.", extensions: { code: "INTERNAL_SERVER_ERROR" satisfies ErrorCode } };
  };
}
