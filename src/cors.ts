import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * CORS for browser frontends on other origins (issue 15): only the origins of CORS_ORIGINS
 * (config.ts) are answered, none by default, so only pages of the API's own origin may call it.
 * Credentials are off: the API authenticates with a bearer token a frontend sends itself, never with
 * cookies, so no Access-Control-Allow-Credentials is sent and a page cannot ride on a browser's
 * ambient credentials. Apollo's CSRF prevention stays on for every request: a page of an origin not
 * listed gets no preflight approval, so its browser never sends the non-simple request.
 */
export interface CorsPolicy {
  readonly origins: readonly string[];
}

/** Request headers a frontend may send (the preflight approves these and no others). */
const ALLOWED_HEADERS = ["content-type", "authorization", "accept-language", "x-request-id", "apollo-require-preflight", "x-apollo-operation-name", "graphql-preflight"];
/** Response headers a frontend's script may read besides the simple ones. */
const EXPOSED_HEADERS = "retry-after";
/** How long a browser may keep a preflight's answer, in seconds. */
const PREFLIGHT_MAX_AGE = "600";

/**
 * Adds the CORS headers of a request from a listed origin; answers a preflight (true: answered).
 * Unlisted origins get no CORS header at all, and a refused preflight.
 */
export function applyCors(policy: CorsPolicy, req: IncomingMessage, res: ServerResponse): boolean {
  const origin = req.headers.origin;
  const listed = typeof origin === "string" && policy.origins.includes(origin);
  if (typeof origin === "string") res.setHeader("vary", "Origin");
  if (listed) {
    res.setHeader("access-control-allow-origin", origin);
    res.setHeader("access-control-expose-headers", EXPOSED_HEADERS);
  }
  if (req.method !== "OPTIONS") return false;
  const requestedMethod = req.headers["access-control-request-method"];
  if (typeof origin !== "string" || typeof requestedMethod !== "string") {
    // A plain OPTIONS (no preflight): what the endpoint takes.
    res.writeHead(204, { allow: "GET, POST, OPTIONS" });
    res.end();
    return true;
  }
  const requestedHeaders = (req.headers["access-control-request-headers"] ?? "")
    .split(",")
    .map((header) => header.trim().toLowerCase())
    .filter(Boolean);
  const refusedHeaders = requestedHeaders.filter((header) => !ALLOWED_HEADERS.includes(header));
  if (!listed || !["GET", "POST"].includes(requestedMethod.toUpperCase()) || refusedHeaders.length > 0) {
    res.removeHeader("access-control-allow-origin");
    res.removeHeader("access-control-expose-headers");
    const why = !listed
      ? `The origin ${origin} may not call this API from a browser: the operator lists allowed origins in CORS_ORIGINS.`
      : refusedHeaders.length > 0
        ? `Headers not allowed: ${refusedHeaders.join(", ")}.`
        : `Method not allowed: ${requestedMethod}.`;
    res.writeHead(403, { "content-type": "application/json; charset=utf-8", vary: "Origin" });
    res.end(JSON.stringify({ error: why }));
    return true;
  }
  res.writeHead(204, {
    "access-control-allow-origin": origin,
    "access-control-allow-methods": "GET, POST",
    "access-control-allow-headers": ALLOWED_HEADERS.join(", "),
    "access-control-max-age": PREFLIGHT_MAX_AGE,
    vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
  });
  res.end();
  return true;
}
