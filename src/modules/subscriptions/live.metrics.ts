import { Gauge, type Registry } from "prom-client";
import type { EventBus } from "./event-bus.js";

/** /metrics: open subscriptions on this replica, and the live events it has heard (a counter, as a gauge read at scrape). */
export function registerLiveMetrics(registry: Registry, bus: EventBus): void {
  new Gauge({
    name: "imi_live_subscriptions",
    help: "Subscriptions open on this replica (WebSocket operations waiting for events).",
    registers: [registry],
    collect() {
      this.set(bus.subscriberCount);
    },
  });
  new Gauge({
    name: "imi_live_events_received",
    help: "Live events this replica has heard from the database (LISTEN imi_events) since it started.",
    registers: [registry],
    collect() {
      this.set(bus.received);
    },
  });
  new Gauge({
    name: "imi_live_event_decisions",
    help: "Per-subscription decisions on live events since start (delivered, or not for this viewer).",
    registers: [registry],
    collect() {
      this.set(bus.decided);
    },
  });
}
