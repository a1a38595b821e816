/** Bounds of the WebSocket subscriptions (issue 16); env names in parentheses (config.ts). */
export interface LiveSettings {
  /** SUBSCRIPTIONS_PER_CONNECTION: operations one socket may have open at once. */
  readonly perConnection: number;
  /** SUBSCRIPTIONS_PER_USER: operations one user may have open at once on this replica, over all their sockets. */
  readonly perUser: number;
  /** SUBSCRIPTION_MAX_PAYLOAD_BYTES: an event's result larger than this is replaced by a PAYLOAD_TOO_LARGE error. */
  readonly maxPayloadBytes: number;
  /** SUBSCRIPTION_HEARTBEAT_SECONDS: ping interval; a socket that did not answer the last ping is closed. */
  readonly heartbeatSeconds: number;
  /** SUBSCRIPTION_MAX_QUEUED_EVENTS: events waiting for one subscription before its client is dropped as slow. */
  readonly maxQueuedEvents: number;
  /** SUBSCRIPTION_MAX_BUFFERED_BYTES: bytes waiting in a socket's send buffer before its client is dropped as slow. */
  readonly maxBufferedBytes: number;
  /** SUBSCRIPTION_MAX_CONCURRENT_DELIVERIES: events resolved at once on this replica (each holds a database connection). */
  readonly maxConcurrentDeliveries: number;
}

export const DEFAULT_LIVE_SETTINGS: LiveSettings = Object.freeze({
  perConnection: 10,
  perUser: 25,
  maxPayloadBytes: 256 * 1024,
  heartbeatSeconds: 12,
  maxQueuedEvents: 200,
  maxBufferedBytes: 4 * 1024 * 1024,
  maxConcurrentDeliveries: 4,
});

/** Close codes: graphql-ws's Forbidden (4403) for an ended session, ours for the rest. */
export const CLOSE = {
  /** The token expired, or the user was deactivated: log in again and reconnect. */
  SESSION_ENDED: 4403,
  /** The client read too slowly: events were waiting for it beyond the bound. */
  SLOW_CLIENT: 4008,
  /** The server is stopping. */
  GOING_AWAY: 1001,
} as const;
