import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { procedureEscalations, reminders } from "../../src/db/schema/index.js";
import { closeLiveConnections, createHttpServer } from "../../src/http.js";
import { EventQueue, SlowConsumerError } from "../../src/modules/subscriptions/event-bus.js";
import { TestApi } from "../helpers/api.js";
import { createTestDatabase, DRIVERS, type TestDatabase } from "../helpers/database.js";
import { testLogger } from "../helpers/test-logs.js";
import { World, WORLD_USER_KEYS, type WorldUserKey } from "../helpers/world.js";
import { CREATE_PROCEDURE, SEND } from "../operations.js";
import { LiveSubscriber } from "./live-client.js";

const REQUEST_EVENTS = `subscription { dataSubjectRequestEvents { kind requestId request { id status requesterName } } }`;
const NOTICES = `subscription { inactivityNotices { kind procedureId reminder { id } escalation { id memberState } } }`;

/** Data-subject request events and R-RETAIN-5 notices: each reaches exactly the viewers whose rows hold its row. */
describe.each(DRIVERS)("subscriptions to requests and inactivity notices on %s", (driver) => {
  let db: TestDatabase;
  let api: TestApi;
  let server: Server;
  let url: string;
  const subscribers: LiveSubscriber[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(driver);
    api = await TestApi.create(db.db, undefined, { listen: db.listen });
    server = createHttpServer(api.api, testLogger(), [], { graphiql: false });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `ws://127.0.0.1:${(server.address() as { port: number }).port}/graphql`;
  });
  afterAll(async () => {
    await Promise.all(subscribers.map((s) => s.close()));
    await closeLiveConnections(server);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await api.stop();
    await db.dispose();
  });

  /** Every world user subscribes; resolves once the server holds all the subscriptions. */
  async function everyoneSubscribes(world: World, query: string): Promise<Map<WorldUserKey, LiveSubscriber>> {
    const before = api.api.live.bus.subscriberCount;
    const byUser = new Map<WorldUserKey, LiveSubscriber>();
    for (const key of WORLD_USER_KEYS) {
      const subscriber = new LiveSubscriber(url, await world.token(world.user[key]), key).subscribe(query);
      subscribers.push(subscriber);
      byUser.set(key, subscriber);
    }
    const first = byUser.get("helpdesk")!;
    await first.until(() => api.api.live.bus.subscriberCount >= before + WORLD_USER_KEYS.length);
    return byUser;
  }

  /** Waits until every subscription has decided on the events so far, so that absences are final. */
  async function settled(since: number, decisions: number, describe: () => string = () => "") {
    const target = since + decisions;
    const probe = subscribers[0]!;
    expect(await probe.until(() => api.api.live.bus.decided >= target), `${api.api.live.bus.decided} of ${target} decided ${describe()}`).toBe(true);
  }

  it("a request filed by a portal reaches those who may see it; its citizen's name only those who may read it", async () => {
    const world = await World.create(db.db, api);
    const byUser = await everyoneSubscribes(world, REQUEST_EVENTS);
    const since = api.api.live.bus.decided;
    const requesterName = "Karen Jensen";
    const filed = await api.executeText<{ fileDataSubjectRequest: { id: string } }>(
      `mutation($input: FileDataSubjectRequestInput!) { fileDataSubjectRequest(input: $input) { id } }`,
      { input: { kind: "ACCESS", requesterName, receivingAuthorityId: world.authority.dk } },
      await world.token(world.user.portalDk),
    );
    expect(filed.errors).toBeUndefined();
    const id = filed.data!.fileDataSubjectRequest.id;
    await settled(since, WORLD_USER_KEYS.length);
    for (const key of WORLD_USER_KEYS) {
      // The query's own answer for this viewer: what the event must agree with.
      const asQuery = await api.executeText<{ dataSubjectRequest: { requesterName: string | null } | null }>(
        `query($id: ID!) { dataSubjectRequest(id: $id) { requesterName } }`,
        { id },
        await world.token(world.user[key]),
      );
      const events = byUser.get(key)!.events;
      if (!asQuery.data?.dataSubjectRequest) {
        expect(events, key).toEqual([]);
        continue;
      }
      expect(events.length, key).toBe(1);
      const event = events[0]!.data!.dataSubjectRequestEvents as { kind: string; request: { requesterName: string | null } };
      expect(event.kind, key).toBe("FILED");
      expect(event.request.requesterName, key).toBe(asQuery.data.dataSubjectRequest.requesterName);
      if (event.request.requesterName === null) expect(events[0]!.errors?.[0]?.extensions, key).toMatchObject({ code: "FORBIDDEN" });
    }
    expect(byUser.get("handlerDk")!.events.length).toBe(1);
    expect(byUser.get("portalDk")!.events.length).toBe(1);
    expect(byUser.get("handlerFr")!.events).toEqual([]);
  });

  it("R-RETAIN-5: a reminder reaches the initiating authority's case handlers and local admins; an escalation its member state's coordinators", async () => {
    const world = await World.create(db.db, api);
    const created = await api.execute(
      CREATE_PROCEDURE,
      { input: { kind: "REQUEST", legalAreaCode: "SERVICES", subject: "Left open", justification: "Provider applied.", recipientAuthorityIds: [world.authority.de] } },
      await world.token(world.user.handlerDk),
    );
    const procedureId = created.data!.createProcedure.id;
    expect((await api.execute(SEND, { id: procedureId }, await world.token(world.user.handlerDk))).errors).toBeUndefined();
    const byUser = await everyoneSubscribes(world, NOTICES);
    const now = api.clock.now();
    const since = api.api.live.bus.decided;
    // As the retention job raises them (its statements insert these rows; the triggers announce them).
    await db.db.insert(reminders).values({ procedureId, authorityId: world.authority.dk, kind: "LEFT_OPEN", raisedAt: now });
    await db.db.insert(procedureEscalations).values({ procedureId, memberState: "DK", inactiveSince: now, raisedAt: now });
    await settled(since, 2 * WORLD_USER_KEYS.length, () => JSON.stringify([...byUser].map(([k, s]) => [k, s.events, s.errors, s.closed])));
    const kinds = (key: WorldUserKey) => byUser.get(key)!.events.map((e) => (e.data!.inactivityNotices as { kind: string }).kind);
    expect(Object.fromEntries(WORLD_USER_KEYS.map((key) => [key, kinds(key)]))).toEqual({
      helpdesk: [],
      coordinatorDk: ["ESCALATION"],
      adminDk: ["REMINDER"],
      handlerDk: ["REMINDER"],
      handlerDk2: [],
      handlerDe: [],
      handlerDe2: [],
      handlerFr: [],
      portalDk: [],
    });
  });

  it("a subscriber that does not read is dropped past its bound, not buffered without end", async () => {
    const queue = new EventQueue("PROCEDURE", 2, () => {});
    const event = { topic: "PROCEDURE" as const, kind: "SENT" as const, procedureId: "00000000-0000-4000-8000-000000000000", at: new Date() };
    queue.push(event);
    queue.push(event);
    queue.push(event);
    await expect(queue[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(SlowConsumerError);
  });

  it("answers a subscription sent over HTTP with a coded error, not a crash", async () => {
    const world = await World.create(db.db, api);
    const result = await api.executeText("subscription { procedureEvents { kind } }", {}, await world.token(world.user.handlerDk));
    expect(result.errors?.[0]?.extensions?.code).toBeDefined();
    expect(result.errors?.[0]?.extensions?.code).not.toBe("INTERNAL_SERVER_ERROR");
  });
});
