import type { ApolloServerPlugin } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from "@apollo/server/plugin/disabled";
import type { Context } from "../context.js";

/**
 * No GraphQL answer may be stored by a browser or proxy: they carry personal data. Apollo's
 * cache-control plugin used to send this header (the schema has no cache hints, so every answer was
 * uncacheable); it is disabled, because its per-field hook made Apollo wrap every resolver of the
 * schema (about a sixth of the CPU of a 50-procedure list, bench/results.md).
 */
function noStorePlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          response.http.headers.set("cache-control", "no-store");
        },
      };
    },
  };
}

/**
 * Apollo's built-in plugins, off: the landing page (it loads from a CDN; GraphiQL is served by the
 * API), cache control (above), and usage reporting and inline traces, which would send operation
 * traces to Apollo's cloud if an APOLLO_KEY ever appeared in the environment.
 */
export function apolloDefaultsOff(): ApolloServerPlugin<Context>[] {
  return [
    ApolloServerPluginLandingPageDisabled(),
    ApolloServerPluginCacheControlDisabled(),
    ApolloServerPluginUsageReportingDisabled(),
    ApolloServerPluginInlineTraceDisabled(),
    noStorePlugin(),
  ];
}
