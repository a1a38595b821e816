import type { Server } from "node:http";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeLiveConnections, createHttpServer } from "../../src/http.js";
import { TestApi } from "../helpers/api.js";
import { createTestDatabase, DRIVERS, type TestDatabase } from "../helpers/database.js";
import { START } from "../helpers/suite.js";
import { testLogger } from "../helpers/test-logs.js";
import { World, type TestUser } from "../helpers/world.js";
import { ACCEPT, CREATE_PROCEDURE, POST_MESSAGE, SEND } from "../operations.js";
import { LiveSubscriber } from "./live-client.js";
import { graphql } from "../generated/gql.js";

const PROCEDURE_EVENTS = `subscription Events($procedureId: ID) {
  procedureEvents(procedureId: $procedureId) {
    kind procedureId
    procedure { id reference status }
    message { body author { id } }
  }
}`;

const DEACTIVATE = graphql(`
  mutation LiveDeactivate($id: ID!) {
    deactivateUser(id: $id) {
      id
      active
    }
  }
`);

/** Subscriptions end to end on one server: a WebSocket client per viewer, changes made through the API. */
describe.each(DRIVERS)("subscriptions over WebSocket on %s", (driver) => {
  let db: TestDatabase;
  let api: TestApi;
  let server: Server;
  let url: string;
  const subscribers: LiveSubscriber[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(driver);
    api = await TestApi.create(db.db, undefined, { listen: db.listen, live: { perConnection: 3 } });
    server = createHttpServer(api.api, testLogger(), [], { graphiql: false });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address() as { port: number };
    url = `ws://127.0.0.1:${address.port}/graphql`;
  });
  beforeEach(() => api.clock.set(START));
  afterAll(async () => {
    await Promise.all(subscribers.map((s) => s.close()));
    await closeLiveConnections(server);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await api.stop();
    await db.dispose();
  });

  /** Opens the subscription and waits until the server holds it (its queue is open). */
  async function subscribe(world: World, user: TestUser | null, query = PROCEDURE_EVENTS, variables: Record<string, unknown> = {}) {
    const before = api.api.live.bus.subscriberCount;
    const subscriber = new LiveSubscriber(url, user ? await world.token(user) : null, user?.email);
    subscribers.push(subscriber);
    subscriber.subscribe(query, variables);
    await subscriber.until(() => api.api.live.bus.subscriberCount > before || subscriber.closed !== null || subscriber.errors.length > 0);
    return subscriber;
  }

  async function draft(world: World) {
    const result = await api.execute(
      CREATE_PROCEDURE,
      { input: { kind: "REQUEST", legalAreaCode: "SERVICES", subject: "Live check", justification: "Provider applied.", recipientAuthorityIds: [world.authority.de] } },
      await world.token(world.user.handlerDk),
    );
    expect(result.errors).toBeUndefined();
    return result.data!.createProcedure.id;
  }

  it("tells the authorities taking part, and nobody else, of a procedure sent to them; a message's content only to those who may read it", async () => {
    const world = await World.create(db.db, api);
    const id = await draft(world);
    const recipient = await subscribe(world, world.user.handlerDe);
    const initiatorAdmin = await subscribe(world, world.user.adminDk);
    const outsiders = await Promise.all([world.user.handlerFr, world.user.handlerDe2, world.user.coordinatorDk, world.user.helpdesk, world.user.portalDk].map((u) => subscribe(world, u)));

    expect((await api.execute(SEND, { id }, await world.token(world.user.handlerDk))).errors).toBeUndefined();
    expect(await recipient.until(() => recipient.events.length >= 1)).toBe(true);
    expect(recipient.events[0]!.data).toMatchObject({ procedureEvents: { kind: "SENT", procedureId: id, procedure: { id, status: "SENT" }, message: null } });

    expect((await api.execute(ACCEPT, { id }, await world.token(world.user.handlerDe))).errors).toBeUndefined();
    const body = "Is the provider registered?";
    expect((await api.execute(POST_MESSAGE, { procedureId: id, body }, await world.token(world.user.handlerDk))).errors).toBeUndefined();
    expect(await recipient.until(() => recipient.events.some((e) => (e.data?.procedureEvents as { kind: string })?.kind === "MESSAGE_POSTED"))).toBe(true);
    const posted = recipient.events.find((e) => (e.data?.procedureEvents as { kind: string }).kind === "MESSAGE_POSTED")!;
    expect(posted.errors).toBeUndefined();
    expect(posted.data).toMatchObject({ procedureEvents: { message: { body } } });

    // The initiator's local admin sees the procedure's metadata, never its messages: denied, explained.
    expect(await initiatorAdmin.until(() => initiatorAdmin.events.some((e) => (e.data?.procedureEvents as { kind: string })?.kind === "MESSAGE_POSTED"))).toBe(true);
    expect(initiatorAdmin.events.map((e) => (e.data?.procedureEvents as { kind: string }).kind)).toEqual(["SENT", "STATUS_CHANGED", "MESSAGE_POSTED"]);
    const adminPosted = initiatorAdmin.events.find((e) => (e.data?.procedureEvents as { kind: string }).kind === "MESSAGE_POSTED")!;
    expect((adminPosted.data?.procedureEvents as { message: unknown }).message).toBeNull();
    expect(adminPosted.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "ROLE" });
    expect(JSON.stringify(initiatorAdmin.events)).not.toContain(body);

    // R-SEC-2: the recipient's read of the message over the subscription is audited like a query's.
    const audited = await db.db.execute(sql`select count(*)::int as n from audit_events where procedure_id = ${id} and action = 'READ' and actor_user_id = ${world.user.handlerDe.id}`);
    expect((audited as unknown as { rows?: { n: number }[] }).rows?.[0]?.n ?? (audited as unknown as { n: number }[])[0]?.n).toBeGreaterThan(0);

    for (const outsider of outsiders) {
      expect(outsider.events, outsider.label).toEqual([]);
      expect(outsider.closed, outsider.label).toBeNull();
    }
  });

  it("never announces a change that was rolled back", async () => {
    const world = await World.create(db.db, api);
    const id = await draft(world);
    const initiator = await subscribe(world, world.user.handlerDk, PROCEDURE_EVENTS, { procedureId: id });
    await db.db
      .transaction(async (tx) => {
        await tx.execute(sql`update procedures set status = 'SENT', sent_at = now() where id = ${id}`);
        throw new Error("rolled back");
      })
      .catch(() => {});
    // A committed change after it: the subscriber hears that one first and only.
    expect((await api.execute(SEND, { id }, await world.token(world.user.handlerDk))).errors).toBeUndefined();
    expect(await initiator.until(() => initiator.events.length >= 1)).toBe(true);
    expect(initiator.events.map((e) => (e.data?.procedureEvents as { kind: string }).kind)).toEqual(["SENT"]);
  });

  it("R-USER-2: a deactivated user's subscription ends at once", async () => {
    const world = await World.create(db.db, api);
    const handler = await subscribe(world, world.user.handlerDk);
    expect(handler.closed).toBeNull();
    const result = await api.execute(DEACTIVATE, { id: world.user.handlerDk.id }, await world.token(world.user.adminDk));
    expect(result.errors).toBeUndefined();
    expect(await handler.until(() => handler.closed !== null)).toBe(true);
    expect(handler.closed).toMatchObject({ code: 4403 });
  });

  it("refuses a connection without a valid token, queries over the socket, and subscriptions beyond the bound", async () => {
    const world = await World.create(db.db, api);
    const anonymous = new LiveSubscriber(url, null);
    subscribers.push(anonymous);
    anonymous.subscribe(PROCEDURE_EVENTS);
    expect(await anonymous.until(() => anonymous.closed !== null)).toBe(true);
    expect(anonymous.closed?.code).toBe(4403);

    const forged = new LiveSubscriber(url, "not-a-token");
    subscribers.push(forged);
    forged.subscribe(PROCEDURE_EVENTS);
    expect(await forged.until(() => forged.closed !== null)).toBe(true);
    expect(forged.closed?.code).toBe(4403);

    const handler = new LiveSubscriber(url, await world.token(world.user.handlerDk));
    subscribers.push(handler);
    handler.subscribe("{ viewer { id } }");
    expect(await handler.until(() => handler.errors.length > 0)).toBe(true);
    expect(JSON.stringify(handler.errors[0])).toContain("HTTP POST");

    const many = new LiveSubscriber(url, await world.token(world.user.handlerDe));
    subscribers.push(many);
    for (let i = 0; i < 4; i++) many.subscribe(PROCEDURE_EVENTS);
    expect(await many.until(() => many.errors.length > 0)).toBe(true);
    expect(JSON.stringify(many.errors[0])).toContain("TOO_MANY_SUBSCRIPTIONS");
  });
});
