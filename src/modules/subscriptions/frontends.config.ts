import { OidcConfigError, parseOidcIssuers, type OidcIssuerConfig } from "../../auth/sso.config.js";
import { DEFAULT_LIVE_SETTINGS, type LiveSettings } from "./live.settings.js";

/** Issue 16's settings (config.ts spreads them): subscription bounds, trusted documents, single sign-on. */
export interface FrontendsConfig {
  /** Bounds of WebSocket subscriptions (live.settings.ts names each variable). */
  readonly live: LiveSettings;
  /** TRUSTED_DOCUMENTS: manifest paths, comma separated; empty: any document is executed. */
  readonly trustedDocuments: readonly string[];
  /** OIDC_ISSUERS: the OpenID Connect issuers whose tokens are accepted (auth/sso.config.ts). */
  readonly oidcIssuers: readonly OidcIssuerConfig[];
}

export class FrontendsConfigError extends Error {}

function bounded(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new FrontendsConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}".`);
  return value;
}

export function frontendsConfig(env: NodeJS.ProcessEnv, production: boolean): FrontendsConfig {
  const d = DEFAULT_LIVE_SETTINGS;
  let oidcIssuers: readonly OidcIssuerConfig[];
  try {
    oidcIssuers = parseOidcIssuers(env.OIDC_ISSUERS, production);
  } catch (error) {
    if (error instanceof OidcConfigError) throw new FrontendsConfigError(error.message);
    throw error;
  }
  return {
    live: Object.freeze({
      perConnection: bounded(env, "SUBSCRIPTIONS_PER_CONNECTION", d.perConnection, 1, 1000),
      perUser: bounded(env, "SUBSCRIPTIONS_PER_USER", d.perUser, 1, 10_000),
      maxPayloadBytes: bounded(env, "SUBSCRIPTION_MAX_PAYLOAD_BYTES", d.maxPayloadBytes, 1024, 64 * 1024 * 1024),
      heartbeatSeconds: bounded(env, "SUBSCRIPTION_HEARTBEAT_SECONDS", d.heartbeatSeconds, 1, 3600),
      maxQueuedEvents: bounded(env, "SUBSCRIPTION_MAX_QUEUED_EVENTS", d.maxQueuedEvents, 1, 100_000),
      maxBufferedBytes: bounded(env, "SUBSCRIPTION_MAX_BUFFERED_BYTES", d.maxBufferedBytes, 1024, 1024 * 1024 * 1024),
      maxConcurrentDeliveries: bounded(env, "SUBSCRIPTION_MAX_CONCURRENT_DELIVERIES", d.maxConcurrentDeliveries, 1, 1000),
    }),
    trustedDocuments: Object.freeze((env.TRUSTED_DOCUMENTS ?? "").split(",").map((path) => path.trim()).filter((path) => path.length > 0)),
    oidcIssuers,
  };
}
