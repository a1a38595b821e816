import type { IncomingHttpHeaders } from "node:http";
import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError, visit, type DocumentNode, type ValidationRule } from "graphql";
import { hasRole } from "../auth/viewer.js";
import { DEFAULT_LIMITS, type Limits } from "../config.js";
import type { Context } from "../context.js";
import { DomainError, ErrorCode } from "../errors.js";

/**
 * graphql-armor: depth, cost, aliases, directives and tokens limited, field suggestions hidden.
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
    blockFieldSuggestion: { enabled: true },
  });
  const { plugins, validationRules } = armor.protect();
  // armor ships CommonJS types only: its plugins are typed for the default context.
  return { plugins: plugins as unknown as ApolloServerPlugin<Context>[], validationRules, parseOptions: { maxTokens: limits.maxTokens } };
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
