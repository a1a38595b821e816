import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { HeaderMap } from "@apollo/server";
import { errorCodes, isCommitOutcomeUnknown, isDatabaseUnavailable } from "./db/pg-errors.js";
import { ErrorCode, SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS, ServiceUnavailableError } from "./errors.js";
import type { Api } from "./server.js";
import type { Logger } from "./logger.js";
import { METRICS_PATH, serveMetrics } from "./observability/metrics.route.js";
import { STATISTICS_PATH, serveStatistics } from "./modules/statistics/statistics.route.js";
import { documentIdAsPersistedQuery } from "./graphql/trusted-documents.js";
import { attachLiveServer, type LiveServer } from "./modules/subscriptions/websocket.js";
import { ATTACHMENTS_PATH, serveAttachments } from "./modules/attachments/attachment.route.js";
import { applyCors, type CorsPolicy } from "./cors.js";

/** A route outside GraphQL: answers and returns true, or returns false to pass the request on. */
export type Route = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

const MAX_BODY_BYTES = 1024 * 1024;

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

const RETRY_AFTER = String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS);

function sendUnavailable(res: ServerResponse, cause: unknown): void {
  const error = new ServiceUnavailableError(isCommitOutcomeUnknown(cause));
  res.setHeader("retry-after", RETRY_AFTER);
  sendJson(res, 503, { errors: [{ message: error.message, extensions: { code: error.code, ...error.details } }] });
}

/**
 * Whether a GraphQL answer carries SERVICE_UNAVAILABLE (formatError's mapping of a database outage,
 * in a resolver or in building the request's context): it is then sent as 503 with Retry-After, so
 * that clients, proxies and load balancers see a retryable failure rather than a 200 or a 500.
 */
function reportsUnavailable(body: string): boolean {
  if (!body.includes(ErrorCode.SERVICE_UNAVAILABLE)) return false;
  try {
    const { errors } = JSON.parse(body) as { errors?: { extensions?: { code?: unknown } }[] };
    return Array.isArray(errors) && errors.some((error) => error?.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE);
  } catch {
    return false;
  }
}

/** R-PROOF-1: where the public keys verifying exchange reports are published. */
export const JWKS_PATH = "/.well-known/jwks.json";

/**
 * The JWKS of the exchange-report keys: public parts only (ProofService.jwks). Cached for five
 * minutes, so a rotated key reaches verifiers soon; open to any origin, as public keys are.
 */
function sendJwks(api: Api, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD", "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify({ error: "Use GET." }));
    return;
  }
  res.writeHead(200, {
    "content-type": "application/jwk-set+json; charset=utf-8",
    "cache-control": "public, max-age=300",
    "access-control-allow-origin": "*",
  });
  res.end(req.method === "HEAD" ? undefined : JSON.stringify(api.services.proof.jwks()));
}

/** The HTTP front: /graphql through Apollo, /healthz, /readyz, /metrics, the exchange-report JWKS, and the extra routes (GraphiQL). */
export function createHttpServer(api: Api, logger: Logger, routes: Route[] = [], options: { graphiql?: boolean; corsOrigins?: readonly string[] } = {}): Server {
  const graphiql = options.graphiql ?? true;
  // Issue 15: CORS_ORIGINS, none by default (cors.ts).
  const cors: CorsPolicy = { origins: options.corsOrigins ?? [] };
  const server = createServer((req, res) => {
    handle(api, routes, graphiql, cors, req, res).catch((err: unknown) => {
      if (isDatabaseUnavailable(err)) {
        logger.warn({ cause: errorCodes(err) }, "database unavailable");
        if (!res.headersSent) return sendUnavailable(res, err);
      } else logger.error({ err }, "http handler failed");
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: "Internal server error.", extensions: { code: "INTERNAL_SERVER_ERROR" } }] });
      else res.end();
    });
  });
  // Issue 16: subscriptions (graphql-ws) on the upgrade of the same path.
  liveServers.set(server, attachLiveServer(server, api.live, { trustedDocuments: api.trustedDocuments }));
  return server;
}

const liveServers = new WeakMap<Server, LiveServer>();

/** Ends the server's WebSocket connections (1001), so that a graceful stop does not wait for them (main.ts). */
export function closeLiveConnections(server: Server): Promise<void> {
  return liveServers.get(server)?.close() ?? Promise.resolve();
}

async function handle(api: Api, routes: Route[], graphiql: boolean, cors: CorsPolicy, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (url.pathname === "/graphql") {
    // A preflight is answered here: Apollo would refuse the OPTIONS as a CSRF attempt (400).
    if (applyCors(cors, req, res)) return;
    return graphql(api, req, res, url, graphiql);
  }
  if (url.pathname === "/healthz") return sendJson(res, 200, { status: "ok" });
  if (url.pathname === "/readyz") {
    if (await api.ready()) return sendJson(res, 200, { status: "ready" });
    res.setHeader("retry-after", RETRY_AFTER);
    return sendJson(res, 503, { status: "not ready" });
  }
  if (url.pathname === JWKS_PATH) return sendJwks(api, req, res);
  // Issue 18: the public statistics page, unauthenticated, small counts suppressed.
  if (url.pathname === STATISTICS_PATH) return serveStatistics(api, req, res, url);
  if (url.pathname === METRICS_PATH) return serveMetrics(api.metrics, api.metricsAccess, req, res);
  // Issue 17: attachments' bytes beside GraphQL, with the same token and policy.
  if (url.pathname === ATTACHMENTS_PATH || url.pathname.startsWith(`${ATTACHMENTS_PATH}/`)) return serveAttachments(api, req, res, url);
  for (const route of routes) if (await route(req, res)) return;
  if (url.pathname === "/" && graphiql) {
    res.writeHead(302, { location: "/graphiql" });
    res.end();
    return;
  }
  sendJson(res, 404, { error: graphiql ? "Not found. The API is at /graphql, GraphiQL at /graphiql." : "Not found. The API is at /graphql." });
}

async function graphql(api: Api, req: IncomingMessage, res: ServerResponse, url: URL, graphiql: boolean): Promise<void> {
  // A browser opening the endpoint gets GraphiQL instead of a JSON error (where GraphiQL is served).
  if (graphiql && req.method === "GET" && !url.search && req.headers.accept?.includes("text/html")) {
    res.writeHead(302, { location: "/graphiql" });
    res.end();
    return;
  }
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
  }
  let body: unknown;
  if (req.method === "POST") {
    if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) {
      return sendJson(res, 413, { errors: [{ message: "Request body too large.", extensions: { code: "BAD_REQUEST" } }] });
    }
    let raw: string;
    try {
      raw = await readBody(req);
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        return sendJson(res, 413, { errors: [{ message: "Request body too large.", extensions: { code: "BAD_REQUEST" } }] });
      }
      throw err;
    }
    try {
      body = raw.length > 0 ? JSON.parse(raw) : undefined;
    } catch {
      return sendJson(res, 400, { errors: [{ message: "The request body is not valid JSON.", extensions: { code: "BAD_REQUEST" } }] });
    }
  }
  // Trusted documents: a body naming only a `documentId` is resolved like Apollo's persisted-query id.
  if (api.trustedDocuments) body = documentIdAsPersistedQuery(body);
  const response = await api.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? "GET", headers, search: url.search, body },
    context: () => api.createContext(req.headers, req.socket.remoteAddress),
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === "complete") {
    if (reportsUnavailable(response.body.string)) {
      res.statusCode = 503;
      res.setHeader("retry-after", RETRY_AFTER);
    }
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}
