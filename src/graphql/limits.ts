import type { IncomingHttpHeaders } from "node:http";
import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError, visit, type ASTVisitor, type DocumentNode, type ValidationContext, type ValidationRule } from "graphql";
import { hasRole } from "../auth/viewer.js";
import { DEFAULT_LIMITS, type Limits } from "../config.js";
import type { Context } from "../context.js";
import { DomainError, ErrorCode } from "../errors.js";

/**
 * graphql-armor: depth, cost, aliases, directives and tokens limited (field suggestions: formatError).
 * `exposeLimits: false` everywhere: a refused document learns that it was refused, not the limit.
 * Refusals carry GRAPHQL_VALIDATION_FAILED or BAD_USER_INPUT (format-error.ts passes both through).
 */
export function abuseProtection(limits: Limits = DEFAULT_LIMITS): {
  plugins: ApolloServerPlugin<Context>[];
  validationRules: ValidationRule[];
  parseOptions: { maxTokens: number };
} {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, exposeLimits: false, ignoreIntrospection: true },
    costLimit: { maxCost: limits.maxCost, exposeLimits: false, ignoreIntrospection: true },
    maxAliases: { n: limits.maxAliases, exposeLimits: false },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: false },
    // Tokens: graphql-js's own `maxTokens` parse option instead (parseOptions below): armor's check
    // runs in parsingDidStart, where any syntax error escapes Apollo's parse handling as a 500.
    maxTokens: { enabled: false },
    // Off: its mask left "[Suggestion hidden]?" in every message. formatError removes the whole
    // "Did you mean …?" in production and keeps it in development (format-error.ts).
    blockFieldSuggestion: { enabled: false },
  });
  const { plugins, validationRules } = armor.protect();
  // armor ships CommonJS types only: its plugins are typed for the default context.
  return {
    plugins: [...(plugins as unknown as ApolloServerPlugin<Context>[]), unstorableTextGuardPlugin()],
    validationRules: [...validationRules, knownOperationTypes],
    parseOptions: { maxTokens: limits.maxTokens },
  };
}

/**
 * An operation of a type the schema lacks (`subscription`) is a validation error. graphql-js 16 has
 * no such rule (17 adds KnownOperationTypesRule): execution threw instead, without a code, so the
 * client got INTERNAL_SERVER_ERROR and the log an "unexpected error" for a malformed request (found
 * by the fuzz suite, test/fuzz).
 */
export function knownOperationTypes(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (!context.getSchema().getRootType(node.operation)) {
        context.reportError(new GraphQLError(`This API has no ${node.operation} operations.`, { nodes: node }));
      }
    },
  };
}

/** The client's address: the socket's, or the first x-forwarded-for entry when a trusted proxy sets it. */
export function clientAddress(headers: IncomingHttpHeaders, remoteAddress: string | undefined, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = headers["x-forwarded-for"];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
    if (first) return first;
  }
  return remoteAddress ?? null;
}

function usesIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === "__schema" || node.name.value === "__type") {
        found = true;
        return false;
      }
      return undefined;
    },
  });
  return found;
}

export const INTROSPECTION_REFUSED = "Introspection is not available: log in as a Commission user.";

/** Introspection: on in development; in production only for authenticated Commission users (FORBIDDEN otherwise). */
export function introspectionGuardPlugin(production: boolean): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      if (!production) return {};
      return {
        async didResolveOperation({ document, contextValue }) {
          if (!usesIntrospection(document)) return;
          if (contextValue.viewer && hasRole(contextValue.viewer, "COMMISSION")) return;
          throw new GraphQLError(INTROSPECTION_REFUSED, {
            originalError: new DomainError(ErrorCode.FORBIDDEN, INTROSPECTION_REFUSED, { reason: "INTROSPECTION_DISABLED" }),
            extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } },
          });
        },
      };
    },
  };
}

export const UNSTORABLE_TEXT_REFUSED = "Text must be valid Unicode, without the NUL character (U+0000).";

/** NUL, or a surrogate without its pair: text PostgreSQL refuses (NUL) or gets silently altered (U+FFFD). */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a variable value holds such text anywhere; iterative, as values may nest deep. */
function holdsUnstorableText(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === "string") {
      if (UNSTORABLE.test(next)) return true;
    } else if (next !== null && typeof next === "object") {
      pending.push(...Object.values(next));
    }
  }
  return false;
}

/**
 * Whether a string literal of the document holds such text. Apollo hands the same parsed document
 * to every request that sends the same query, so each document is walked once, not per request.
 */
const literalsChecked = new WeakMap<DocumentNode, boolean>();
function literalsHoldUnstorableText(document: DocumentNode): boolean {
  let found = literalsChecked.get(document);
  if (found === undefined) {
    found = false;
    visit(document, {
      StringValue(node) {
        if (UNSTORABLE.test(node.value)) found = true;
      },
    });
    literalsChecked.set(document, found);
  }
  return found;
}

/**
 * Text holding U+0000 or an unpaired surrogate, in a variable or a document's string literal, is
 * refused as BAD_USER_INPUT before execution. PostgreSQL stores no NUL in text, so such an argument
 * failed in the database, as INTERNAL_SERVER_ERROR, from whichever resolver took it; an unpaired
 * surrogate made validator.js throw (isEmail), or reached the database replaced by U+FFFD (both
 * found by the fuzz suite, test/fuzz). One guard for every argument, rather than a check in each service.
 */
export function unstorableTextGuardPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          if (!holdsUnstorableText(request.variables) && !literalsHoldUnstorableText(document)) return;
          throw new GraphQLError(UNSTORABLE_TEXT_REFUSED, {
            originalError: new DomainError(ErrorCode.BAD_USER_INPUT, UNSTORABLE_TEXT_REFUSED),
            extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } },
          });
        },
      };
    },
  };
}
