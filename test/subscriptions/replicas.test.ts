import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decide, PROCEDURE_CLASSES, type Relation } from "../../src/auth/policy.js";
import { openDatabase, type DatabaseHandle } from "../../src/db/client.js";
import { TestApi } from "../helpers/api.js";
import { startServer, type ServerProcess } from "../helpers/server-process.js";
import { World, WORLD_USER_KEYS, type WorldUserKey } from "../helpers/world.js";
import { LiveSubscriber } from "./live-client.js";

const SECRET = "test-secret-of-at-least-32-characters!!";
const EVENTS = `subscription { procedureEvents { kind procedureId procedure { id status } } }`;

/** Each world user's relation to a procedure initiated by DK (handlerDk) and sent to DE (the matrix's vocabulary). */
const RELATION: Record<WorldUserKey, Relation> = {
  helpdesk: "OTHER_STATE",
  coordinatorDk: "SAME_STATE",
  adminDk: "INITIATOR",
  handlerDk: "INITIATOR",
  handlerDk2: "SAME_STATE",
  handlerDe: "NOT_ACCEPTED",
  handlerDe2: "SAME_STATE",
  handlerFr: "OTHER_STATE",
  portalDk: "SAME_STATE",
};
const TAKES_PART: ReadonlySet<WorldUserKey> = new Set(["adminDk", "handlerDk", "handlerDe"]);

async function metric(server: ServerProcess, name: string): Promise<number> {
  const text = await (await fetch(`${server.base}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(" ")[1]) : 0;
}

async function until(check: () => Promise<boolean>, ms = 15_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

async function call(server: ServerProcess, token: string, query: string, variables: Record<string, unknown>) {
  const response = await fetch(`${server.base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, { id: string; status: string }>; errors?: unknown[] };
}

/**
 * Issue 16: two server processes on one PostgreSQL. A change made through A is heard by the
 * subscribers on B (LISTEN/NOTIFY), and only by those the need-to-know matrix lets see the procedure
 * and whose authority takes part in it: every role of the world subscribes.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)("subscriptions across two replicas on PostgreSQL", () => {
  const name = `imi_test_live_${randomBytes(4).toString("hex")}`;
  const serverUrl = process.env.TEST_DATABASE_URL ?? "";
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  let url: string;
  let db: DatabaseHandle;
  let api: TestApi;
  let a: ServerProcess;
  let b: ServerProcess;
  const subscribers: LiveSubscriber[] = [];

  beforeAll(async () => {
    await admin.unsafe(`create database "${name}"`);
    const parsed = new URL(serverUrl);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
    db = await openDatabase({ url, maxConnections: 3 });
    await db.migrate();
    api = await TestApi.create(db.db, undefined);
    const env = { DATABASE_URL: url, JWT_SECRET: SECRET, SEED_DEMO: "0" };
    [a, b] = await Promise.all([startServer(env), startServer(env)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(subscribers.map((s) => s.close()));
    await Promise.all([a?.stop(), b?.stop()]);
    await api?.stop();
    await db?.close();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  });

  it("R-SEC-1: a procedure sent on A reaches, on B, exactly the subscribers the matrix and their part in it allow", async () => {
    // The test clock is real time here: the servers check tokens by their own clock.
    api.clock.set(new Date());
    const world = await World.create(db.db, api);
    const tokens = Object.fromEntries(await Promise.all(WORLD_USER_KEYS.map(async (key) => [key, await world.token(world.user[key])] as const))) as Record<WorldUserKey, string>;

    const created = await call(a, tokens.handlerDk, `mutation($input: CreateProcedureInput!) { createProcedure(input: $input) { id status } }`, {
      input: { kind: "REQUEST", legalAreaCode: "SERVICES", subject: "Replica check", justification: "Provider applied.", recipientAuthorityIds: [world.authority.de] },
    });
    expect(created.errors).toBeUndefined();
    const id = created.data!.createProcedure!.id;

    const byUser = new Map<WorldUserKey, LiveSubscriber>();
    for (const key of WORLD_USER_KEYS) {
      const subscriber = new LiveSubscriber(b.base.replace("http", "ws") + "/graphql", tokens[key], key).subscribe(EVENTS);
      subscribers.push(subscriber);
      byUser.set(key, subscriber);
    }
    expect(await until(async () => (await metric(b, "imi_live_subscriptions")) === WORLD_USER_KEYS.length)).toBe(true);
    const decidedBefore = await metric(b, "imi_live_event_decisions");

    const sentAt = Date.now();
    const sent = await call(a, tokens.handlerDk, `mutation($id: ID!) { sendProcedure(id: $id) { id status } }`, { id });
    expect(sent.errors).toBeUndefined();

    const expected = WORLD_USER_KEYS.filter((key) => {
      const role = world.user[key].roles[0]!;
      return decide(PROCEDURE_CLASSES.metadata, [role], RELATION[key], "OPEN").granted && TAKES_PART.has(key);
    });
    expect(expected.sort()).toEqual(["adminDk", "handlerDe", "handlerDk"]);
    const latencies: number[] = [];
    for (const key of expected) {
      const subscriber = byUser.get(key)!;
      expect(await subscriber.until(() => subscriber.events.length > 0, 10_000), key).toBe(true);
      latencies.push(Date.now() - sentAt);
      expect(subscriber.events[0]!.data, key).toEqual({ procedureEvents: { kind: "SENT", procedureId: id, procedure: { id, status: "SENT" } } });
    }
    // Every subscription on B has decided on the event (delivered or not): nothing more can arrive.
    expect(await until(async () => (await metric(b, "imi_live_event_decisions")) >= decidedBefore + WORLD_USER_KEYS.length)).toBe(true);
    for (const key of WORLD_USER_KEYS.filter((k) => !expected.includes(k))) {
      expect(byUser.get(key)!.events, key).toEqual([]);
    }
    console.log(`[postgres] replica B delivered a change made on A to ${expected.length} of ${WORLD_USER_KEYS.length} subscribers, latest after ${Math.max(...latencies)} ms`);
  });
});
