import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { participants, procedures } from "../../src/db/schema/index.js";
import { TestApi } from "../helpers/api.js";
import { createTestDatabase, DRIVERS, type TestDatabase } from "../helpers/database.js";
import { insertAcceptedRequests } from "../helpers/procedure-factory.js";
import { START } from "../helpers/suite.js";
import { World, type WorldUserKey } from "../helpers/world.js";

/**
 * Issue 13: with graphql-shield removed (the API built `withoutAuthorization`, as a resolver or a
 * new path that forgot to ask the policy), the database alone keeps a procedure's personal data from
 * the viewers the matrix does not let read it: the fields come back empty, never with the data.
 * And the same API with the shield answers as always (the first wall explains, the second holds).
 */
const READ = `query RlsShieldRemoved($id: ID!) {
  procedure(id: $id) { id dataSubjects { fullName sensitiveRecords { details } } messages { body } }
}`;

describe.each(DRIVERS)("personal data with the shield removed (%s)", (driver) => {
  let db: TestDatabase;
  let bare: TestApi;

  beforeAll(async () => {
    db = await createTestDatabase(driver);
    bare = await TestApi.create(db.db, undefined, { withoutAuthorization: true });
  });
  afterAll(async () => {
    await bare?.stop();
    await db?.dispose();
  });

  async function read(world: World, key: WorldUserKey, id: string): Promise<string> {
    const result = await bare.executeText(READ, { id }, await world.token(world.user[key]));
    return JSON.stringify(result);
  }

  it("R-SEC-1: a responder that has not accepted, a local admin, a coordinator and the Commission without a route get no personal data", async () => {
    const world = await World.create(db.db, bare);
    const { ids } = await insertAcceptedRequests(db.db, world, { count: 1, start: START, label: "Unshielded" });
    const id = ids[0]!;
    // The responder (DE) has not accepted yet: it sees the procedure's metadata, not its people.
    await db.db.update(participants).set({ acceptedAt: null }).where(and(eq(participants.procedureId, id), eq(participants.part, "RESPONDER")));
    for (const key of ["handlerDe", "adminDk", "coordinatorDk", "helpdesk"] as const) {
      const text = await read(world, key, id);
      expect(text, key).not.toContain("Person 0");
      expect(text, key).not.toContain("provider 0");
    }
    // The initiator's case handler reads them: the wall lets through what the cells allow.
    const initiator = await read(world, "handlerDk", id);
    expect(initiator).toContain("Person 0");
    expect(initiator).toContain("Is provider 0 registered?");
  });

  it("R-RETAIN-1: once blocked, not even the initiator's case handler gets the personal data back without the shield", async () => {
    const world = await World.create(db.db, bare);
    const { ids } = await insertAcceptedRequests(db.db, world, { count: 1, start: START, label: "Blocked unshielded" });
    await db.db.update(procedures).set({ status: "CLOSED", closedAt: START, blockedAt: START }).where(eq(procedures.id, ids[0]!));
    const text = await read(world, "handlerDk", ids[0]!);
    expect(text).not.toContain("Person 0");
    expect(text).not.toContain("provider 0");
  });
});
