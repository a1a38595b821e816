/**
 * Issue 16 in `npm run bench` (part `live`), PostgreSQL only (two replicas need one database):
 *
 * 1. Events per second delivered to 200 subscribers across two replicas: two APIs, each with its own
 *    connection pool, LISTEN connection and HTTP/WebSocket server (in this one process, so they share
 *    its CPU with the 200 clients), 100 graphql-ws subscribers on each, all of the initiating
 *    authority; procedures are sent through replica A, and the clock runs from the first send to the
 *    last of the N × 200 deliveries. Each delivery is a context of its own (the user re-read), the
 *    row-scope check and the payload resolved through the schema with the policy, in a transaction.
 * 2. The added cost of a change that publishes an event: `sendProcedure` (whose status change
 *    announces itself from a trigger) timed with those 200 subscribers listening, against the same
 *    mutation with nobody subscribed (median of each, and the ratio).
 *
 * Alone: `BENCH_ONLY=live npm run bench`, or `tsx bench/live.ts`.
 */
import type { Server } from "node:http";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { closeLiveConnections, createHttpServer } from "../src/http.js";
import { openDatabase } from "../src/db/client.js";
import { TestApi } from "../test/helpers/api.js";
import { World } from "../test/helpers/world.js";
import { testLogger } from "../test/helpers/test-logs.js";
import { LiveSubscriber } from "../test/subscriptions/live-client.js";
import { CREATE_PROCEDURE, SEND } from "../test/operations.js";
import { createServerDatabase, postgresServerUrl } from "./database.js";
import { median, SETTINGS } from "./settings.js";

export interface LiveBench {
  subscribers: number;
  events: number;
  deliveries: number;
  deliveriesPerSecond: number;
  sendMedianMsWithout: number;
  sendMedianMsWith: number;
  ratio: number;
  lines: string[];
}

const SUBSCRIBERS = 200;
const QUERY = "subscription { procedureEvents { kind procedureId procedure { id reference status } } }";

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `ws://127.0.0.1:${(server.address() as { port: number }).port}/graphql`;
}

export async function benchLive(serverUrl: string | undefined): Promise<LiveBench | { skipped: string }> {
  if (!serverUrl) return { skipped: "no PostgreSQL reachable: two replicas need one database" };
  const created = await createServerDatabase(serverUrl, "live");
  const handles = [await openDatabase({ url: created.url, maxConnections: 10 }), await openDatabase({ url: created.url, maxConnections: 10 })];
  await handles[0]!.migrate();
  const live = { perUser: 10_000, perConnection: 10 };
  const [a, b] = await Promise.all(handles.map((h) => TestApi.create(h.db, undefined, { listen: h.listen, live, logger: testLogger() })));
  for (const api of [a!, b!]) api.clock.set(new Date());
  const servers = [createHttpServer(a!.api, testLogger(), [], { graphiql: false }), createHttpServer(b!.api, testLogger(), [], { graphiql: false })];
  const urls = await Promise.all(servers.map(listen));
  const subscribers: LiveSubscriber[] = [];
  try {
    const world = await World.create(handles[0]!.db, a!);
    const token = await world.token(world.user.handlerDk);
    const events = SETTINGS.quick ? 10 : 40;
    const drafts: string[] = [];
    for (let i = 0; i < events * 2; i++) {
      const result = await a!.execute(
        CREATE_PROCEDURE,
        { input: { kind: "REQUEST", legalAreaCode: "SERVICES", subject: `Live ${i}`, justification: "Bench.", recipientAuthorityIds: [world.authority.de] } },
        token,
      );
      drafts.push(result.data!.createProcedure.id);
    }
    const send = async (id: string) => {
      const started = performance.now();
      const result = await a!.execute(SEND, { id }, token);
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return performance.now() - started;
    };
    // 2a. Without subscribers.
    const without: number[] = [];
    for (const id of drafts.slice(0, events)) without.push(await send(id));

    // 1. 200 subscribers, half on each replica.
    for (let i = 0; i < SUBSCRIBERS; i++) subscribers.push(new LiveSubscriber(urls[i % 2]!, token, String(i)).subscribe(QUERY));
    const held = () => a!.api.live.bus.subscriberCount + b!.api.live.bus.subscriberCount;
    await subscribers[0]!.until(() => held() >= SUBSCRIBERS, 60_000);
    const withSubscribers: number[] = [];
    const first = performance.now();
    for (const id of drafts.slice(events)) withSubscribers.push(await send(id));
    const expected = events * SUBSCRIBERS;
    const delivered = () => subscribers.reduce((n, s) => n + s.events.length, 0);
    await subscribers[0]!.until(() => delivered() >= expected, 120_000);
    const seconds = (performance.now() - first) / 1000;
    const deliveries = delivered();
    const result: LiveBench = {
      subscribers: SUBSCRIBERS,
      events,
      deliveries,
      deliveriesPerSecond: deliveries / seconds,
      sendMedianMsWithout: median(without),
      sendMedianMsWith: median(withSubscribers),
      ratio: median(withSubscribers) / median(without),
      lines: [],
    };
    result.lines.push(
      `${events} procedures sent on A → ${deliveries} of ${expected} deliveries to ${SUBSCRIBERS} subscribers (100 on A, 100 on B) in ${seconds.toFixed(2)} s: ${result.deliveriesPerSecond.toFixed(0)} deliveries/s`,
      `sendProcedure median ${result.sendMedianMsWithout.toFixed(1)} ms with nobody subscribed, ${result.sendMedianMsWith.toFixed(1)} ms with ${SUBSCRIBERS} listening: ${result.ratio.toFixed(2)}×`,
    );
    return result;
  } finally {
    await Promise.all(subscribers.map((s) => s.close()));
    for (const server of servers) {
      await closeLiveConnections(server);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await Promise.all([a!.stop(), b!.stop()]);
    await Promise.all(handles.map((h) => h.close()));
    await created.drop();
  }
}

export function renderLive(result: LiveBench | { skipped: string }): string {
  if ("skipped" in result) return `\n## Subscriptions (issue 16)\n\nSkipped: ${result.skipped}.\n`;
  return [
    "",
    "## Subscriptions (issue 16)",
    "",
    `Two replicas (two APIs with their own pools and LISTEN connections, in the bench process with the clients) on one PostgreSQL; ${result.subscribers} graphql-ws subscribers of the initiating authority, half on each.`,
    "",
    "| measure | value |",
    "|---|---:|",
    `| events (procedures sent on replica A) | ${result.events} |`,
    `| deliveries (events × subscribers) | ${result.deliveries} |`,
    `| deliveries per second, both replicas | ${result.deliveriesPerSecond.toFixed(0)} |`,
    `| sendProcedure median, nobody subscribed | ${result.sendMedianMsWithout.toFixed(1)} ms |`,
    `| sendProcedure median, ${result.subscribers} subscribed | ${result.sendMedianMsWith.toFixed(1)} ms |`,
    `| ratio (added cost of a change that publishes) | ${result.ratio.toFixed(2)}× |`,
    "",
  ].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await benchLive(await postgresServerUrl());
  console.log("skipped" in result ? result.skipped : result.lines.join("\n"));
}
