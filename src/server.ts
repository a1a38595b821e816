import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import type { GraphQLSchema } from "graphql";
import { applyMiddleware } from "graphql-middleware";
import { permissions } from "./auth/permissions.js";
import type { Clock } from "./clock.js";
import type { Config } from "./config.js";
import type { Context } from "./context.js";
import type { Database } from "./db/database.js";
import { apolloDefaultsOff } from "./graphql/apollo-plugins.js";
import { buildGraphQLSchema } from "./graphql/build-schema.js";
import { resolverContainer } from "./graphql/container.js";
import { createFormatError } from "./graphql/format-error.js";
import { abuseProtection, clientAddress, introspectionGuardPlugin } from "./graphql/limits.js";
import { isReady } from "./db/readiness.js";
import { createLoaders } from "./loaders.js";
import type { Logger } from "./logger.js";
import { AuditRecorder } from "./modules/audit/audit.recorder.js";
import type { ExchangeKeys } from "./modules/proof/proof.keys.js";
import { Metrics } from "./observability/metrics.js";
import type { MetricsAccess } from "./observability/metrics.route.js";
import { knownOperationNames } from "./observability/operation-names.js";
import { requestLogPlugin } from "./observability/request-log.plugin.js";
import { createServices, type Services } from "./services.js";
import type { ViewerResolution } from "./modules/session/auth.service.js";
import { negotiateLanguage } from "./i18n/languages.js";
import { localizeErrorsPlugin } from "./i18n/localize-errors.plugin.js";
import { CONNECTION_ROLE, currentScope, inRequestTransaction, scopedDatabase, type RequestRole, type ViewerSettings } from "./db/rls/request-scope.js";
import { API_ROLE } from "./db/rls/roles.js";
import type { LongStatements } from "./modules/retention/residue.js";
import { DeliverySlots, EventBus, type Listen } from "./modules/subscriptions/event-bus.js";
import { registerLiveMetrics } from "./modules/subscriptions/live.metrics.js";
import type { LiveRuntime } from "./modules/subscriptions/live-operation.js";
import { DEFAULT_LIVE_SETTINGS, type LiveSettings } from "./modules/subscriptions/live.settings.js";
import type { MailTransport } from "./modules/mail/mail.transport.js";
import { manifestPersistedQueries, trustedDocumentsPlugin, type TrustedDocuments } from "./graphql/trusted-documents.js";

export interface ServerDeps {
  db: Database;
  clock: Clock;
  /** Retention settings left out take their defaults (tests, benchmarks). */
  config: Pick<Config, "jwtSecret" | "tokenTtlSeconds" | "production"> &
    Partial<Pick<Config, "retentionBatchSize" | "retentionReminderDays" | "allowTimeTravel" | "limits" | "trustProxy" | "metricsToken" | "oidcIssuers">>;
  logger: Logger;
  /** Benchmarks only: the same schema without the shield layer, to measure what authorization costs. */
  withoutAuthorization?: boolean;
  /**
   * Benchmarks only: requests without their transaction, the viewer's settings and the API's role, so
   * that the row policies do not apply (issue 13: what the database's wall costs).
   */
  withoutRowSecurity?: boolean;
  /**
   * Tests only (issue 13 item 4, the matrix with graphql-shield alone): each request keeps its
   * transaction and the viewer's settings, everything as in production, but is not switched to the
   * API's role: it runs as the connection's own role, in tests the tables' owner, whom the row
   * policies let through. The database's wall is off and nothing else changes. main.ts never sets it
   * (it is no setting of Config) and buildApi refuses it in production.
   */
  requestsAsOwner?: boolean;
  /** R-PROOF-1: the keys signing and verifying exchange reports; a throw-away key when absent (tests, benchmarks). */
  exchangeKeys?: ExchangeKeys;
  /** The database handle's `unbounded` (db/client.ts): statements exempt from the answer bound. */
  longStatements?: LongStatements;
  /** Issue 16: LISTEN on the database (DatabaseHandle.listen), for subscriptions; without it no event arrives. */
  listen?: Listen;
  /** Bounds of subscriptions; the defaults for those left out. */
  live?: Partial<LiveSettings>;
  /** TRUSTED_DOCUMENTS: only these operations are executed (graphql/trusted-documents.ts). */
  trustedDocuments?: TrustedDocuments;
  /** R-SEC-1: where enrolment codes go (modules/mail); absent: createUser and resendEnrolment are refused. */
  mail?: MailTransport;
}

export interface Api {
  apollo: ApolloServer<Context>;
  schema: GraphQLSchema;
  services: Services;
  /** The per-request context from the request's headers (and the socket's address, over HTTP). */
  createContext(headers: IncomingHttpHeaders, remoteAddress?: string): Promise<Context>;
  /** /readyz: the database answers and every migration in drizzle/ is applied. */
  ready(): Promise<boolean>;
  /** This API's Prometheus metrics (its own registry) and who may scrape them at /metrics. */
  metrics: Metrics;
  metricsAccess: MetricsAccess;
  /** Subscriptions over WebSocket (modules/subscriptions): served by http.ts on the same port and path. */
  live: LiveRuntime;
  /** Set under TRUSTED_DOCUMENTS: the operations this server executes. */
  trustedDocuments?: TrustedDocuments;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** schema → Apollo, with a per-request context; no listen() (see http.ts). */
export async function buildApi(deps: ServerDeps): Promise<Api> {
  if (deps.requestsAsOwner && deps.config.production) throw new Error("requestsAsOwner switches the database's row security off: tests only, never in production");
  const metrics = new Metrics();
  // Issue 13: every statement of a request runs in the request's transaction, as the API's role with
  // the viewer set (db/rls/request-scope.ts); the row policies of the database are the second wall.
  const db = deps.withoutRowSecurity ? deps.db : scopedDatabase(deps.db);
  const services = createServices(db, deps.clock, deps.config, deps.exchangeKeys, { retention: metrics.retention }, deps.longStatements, { mail: deps.mail, logger: deps.logger });
  // R-SEC-1 logical segregation: every field passes the policy's shield rule (auth/permissions.ts).
  const bare = await buildGraphQLSchema(resolverContainer(services));
  const schema = deps.withoutAuthorization ? bare : applyMiddleware(bare, permissions());
  const armor = abuseProtection(deps.config.limits);
  const apollo = new ApolloServer<Context>({
    schema,
    formatError: createFormatError(deps.logger, { hideSuggestions: deps.config.production }),
    includeStacktraceInErrorResponses: false,
    // main.ts owns shutdown (drain HTTP, stop Apollo, close the database), in that order.
    stopOnTerminationSignals: false,
    // Introspection is decided per request: on in development, Commission users only in production.
    introspection: true,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // Under TRUSTED_DOCUMENTS ids resolve through the manifests and nothing is learned from clients;
    // otherwise Apollo's automatic persisted queries (an in-memory cache) as before.
    ...(deps.trustedDocuments ? { persistedQueries: manifestPersistedQueries(deps.trustedDocuments) } : {}),
    validationRules: armor.validationRules,
    parseOptions: armor.parseOptions,
    plugins: [
      ...apolloDefaultsOff(),
      ...armor.plugins,
      introspectionGuardPlugin(deps.config.production),
      auditFlushPlugin(deps.logger),
      requestLogPlugin(deps.logger, metrics),
      ...(deps.trustedDocuments ? [trustedDocumentsPlugin(deps.trustedDocuments)] : []),
      localizeErrorsPlugin(),
    ],
  });
  await apollo.start();
  const requestRole: RequestRole = deps.requestsAsOwner ? CONNECTION_ROLE : API_ROLE;
  if (!deps.withoutRowSecurity) runRequestsInTransactions(apollo, deps.db, requestRole);

  async function createContext(headers: IncomingHttpHeaders, remoteAddress?: string): Promise<Context> {
    const offered = headers["x-request-id"];
    const requestId = typeof offered === "string" && REQUEST_ID.test(offered) ? offered : randomUUID();
    const token = bearerToken(headers.authorization);
    // Issue 15: an Authorization header that is not `Bearer <token>` is said so, not silently ignored.
    const resolution: ViewerResolution | { viewer: null; failure: null } = token
      ? await services.auth.resolveViewer(token)
      : headers.authorization
        ? { viewer: null, failure: "The Authorization header must be `Bearer <token>`, with the token `login` returned.", reason: "MALFORMED_AUTHORIZATION" }
        : { viewer: null, failure: null };
    const now = deps.clock.now();
    // Over HTTP the context is built inside the request's transaction: the viewer is set in it now.
    await currentScope()?.setViewer({ viewer: resolution.viewer, now });
    return {
      requestId,
      viewer: resolution.viewer,
      authFailure: resolution.failure,
      authFailureReason: "reason" in resolution ? (resolution.reason ?? null) : null,
      loaders: createLoaders(db),
      now,
      situations: new Map(),
      audit: new AuditRecorder(db, deps.clock, requestId, resolution.viewer),
      clientAddress: clientAddress(headers, remoteAddress, deps.config.trustProxy ?? false),
      language: negotiateLanguage(headers["accept-language"]),
    };
  }

  metrics.knowOperations(knownOperationNames(schema, deps.trustedDocuments));
  const metricsAccess = { token: deps.config.metricsToken, production: deps.config.production };
  const bus = new EventBus(deps.listen, deps.clock, deps.logger);
  registerLiveMetrics(metrics.registry, bus);
  const live: LiveRuntime = {
    schema,
    bus,
    settings: { ...DEFAULT_LIVE_SETTINGS, ...deps.live },
    slots: new DeliverySlots({ ...DEFAULT_LIVE_SETTINGS, ...deps.live }.maxConcurrentDeliveries),
    services,
    logger: deps.logger,
    clock: deps.clock,
    createContext,
    // An event is read as a request is (issue 13): in a transaction of its own, the viewer set by createContext.
    inRequest: (work) => inRequestTransaction(deps.db, null, () => work(), requestRole),
  };
  return { apollo, schema, services, createContext, ready: () => isReady(deps.db), metrics, metricsAccess, live, trustedDocuments: deps.trustedDocuments };
}

/**
 * Each operation Apollo executes, over HTTP or called directly (tests), runs in one transaction of
 * its own with the viewer set (issue 13). A context built before the call brings its viewer; one built
 * by Apollo inside it (HTTP) sets it there (createContext).
 */
function runRequestsInTransactions(apollo: ApolloServer<Context>, root: Database, role: RequestRole): void {
  const settingsOf = (context: Context | undefined): ViewerSettings | null => (context ? { viewer: context.viewer, now: context.now } : null);
  const executeOperation = apollo.executeOperation.bind(apollo);
  apollo.executeOperation = ((request: Parameters<typeof executeOperation>[0], options?: { contextValue?: Context }) =>
    inRequestTransaction(
      root,
      settingsOf(options?.contextValue),
      () => executeOperation(request, options as Parameters<typeof executeOperation>[1]),
      role,
    )) as typeof apollo.executeOperation;
  const executeHttp = apollo.executeHTTPGraphQLRequest.bind(apollo);
  apollo.executeHTTPGraphQLRequest = (args) => inRequestTransaction(root, null, () => executeHttp(args), role);
}

function bearerToken(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}

/**
 * R-SEC-2: the reads of personal data collected during a request are written in one insert before
 * the response leaves. If that fails, the response is replaced: no unaudited personal data goes out.
 */
function auditFlushPlugin(logger: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (contextValue.audit.size === 0) return;
          try {
            await contextValue.audit.flush();
          } catch (err) {
            logger.error({ err, requestId: contextValue.requestId }, "audit flush failed; response withheld");
            if (response.body.kind === "single") {
              response.body.singleResult = {
                errors: [{ message: "Internal server error.", extensions: { code: "INTERNAL_SERVER_ERROR" } }],
              };
            }
          }
        },
      };
    },
  };
}
