import { performance } from "node:perf_hooks";
import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLFormattedError } from "graphql";
import type { Context } from "../context.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "./metrics.js";

/** Distinct codes kept in a log line: a list of a thousand denied rows says FORBIDDEN once. */
const MAX_LOGGED_CODES = 5;

/** The errors' `extensions.code`s, distinct, in order; formatError (graphql/format-error.ts) gives every error one. */
function errorCodes(errors: readonly GraphQLFormattedError[] | undefined): string[] {
  const codes = new Set<string>();
  for (const error of errors ?? []) {
    const code = error.extensions?.code;
    codes.add(typeof code === "string" ? code : "INTERNAL_SERVER_ERROR");
  }
  return [...codes];
}

/**
 * One log line and the metrics per GraphQL request, and the request id back to the client
 * (`x-request-id`). The line holds ids, the operation's name and type, the duration and the error
 * codes: never variables, the query text, error messages (they may name a person) or the e-mail of
 * a login attempt.
 */
export function requestLogPlugin(logger: Logger, metrics: Metrics): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ contextValue, response, operationName, operation }) {
          response.http.headers.set("x-request-id", contextValue.requestId);
          const body = response.body;
          const errors = body.kind === "single" ? body.singleResult.errors : body.initialResult.errors;
          const codes = errorCodes(errors);
          const outcome = codes[0] ?? "ok";
          const seconds = (performance.now() - started) / 1000;
          metrics.graphqlRequest(operationName, outcome, seconds);
          for (const error of errors ?? []) {
            if (error.extensions?.code === "FORBIDDEN") metrics.authorizationDenial(error.extensions.reason);
          }
          logger.info(
            {
              requestId: contextValue.requestId,
              userId: contextValue.viewer?.userId ?? null,
              // Apollo takes it from the parsed document: a GraphQL name, never the client's free text.
              operationName: operationName ? operationName.slice(0, 64) : null,
              operationType: operation?.operation ?? null,
              durationMs: Math.round(seconds * 10_000) / 10,
              outcome,
              ...(codes.length > 1 ? { errorCodes: codes.slice(0, MAX_LOGGED_CODES) } : {}),
              ...(errors?.length ? { errorCount: errors.length } : {}),
              status: response.http.status ?? 200,
            },
            "graphql request",
          );
        },
      };
    },
  };
}
