import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Metrics } from "./metrics.js";

export const METRICS_PATH = "/metrics";

/** Who may scrape: with a token, its bearers; without one, anyone outside production and no one in it. */
export interface MetricsAccess {
  /** METRICS_TOKEN (config.ts). */
  token: string | undefined;
  production: boolean;
}

type Decision = { allowed: true } | { allowed: false; status: 401 | 403; error: string };

export function metricsDecision(access: MetricsAccess, authorization: string | undefined): Decision {
  if (!access.token) {
    return access.production
      ? { allowed: false, status: 403, error: "Metrics are not served in production without METRICS_TOKEN: set it and scrape with Authorization: Bearer <token>." }
      : { allowed: true };
  }
  const offered = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return offered !== undefined && sameSecret(offered, access.token)
    ? { allowed: true }
    : { allowed: false, status: 401, error: "Metrics need Authorization: Bearer <METRICS_TOKEN>." };
}

/** Compared in constant time (over digests, so a length difference tells nothing either). */
function sameSecret(offered: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(offered), digest(expected));
}

/**
 * GET /metrics: Prometheus text. Metrics hold operation names, codes and counts, no personal data;
 * still, a public API does not show its traffic to everyone (MetricsAccess).
 */
export async function serveMetrics(metrics: Metrics, access: MetricsAccess, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const json = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { ...json, allow: "GET, HEAD" });
    res.end(JSON.stringify({ error: "Use GET." }));
    return;
  }
  const decision = metricsDecision(access, req.headers.authorization);
  if (!decision.allowed) {
    res.writeHead(decision.status, decision.status === 401 ? { ...json, "www-authenticate": 'Bearer realm="metrics"' } : json);
    res.end(JSON.stringify({ error: decision.error }));
    return;
  }
  const { contentType, text } = await metrics.exposition();
  res.writeHead(200, { "content-type": contentType, "cache-control": "no-store" });
  res.end(req.method === "HEAD" ? undefined : text);
}
