import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestApi } from "../helpers/api.js";
import { createTestDatabase, DRIVERS, type TestDatabase } from "../helpers/database.js";
import { insertAcceptedRequests } from "../helpers/procedure-factory.js";
import { World } from "../helpers/world.js";

/**
 * The nested list of a case-handling screen sends as many statements for 50 procedures as for 10:
 * every nested part is batched per request (no N+1). A count, not a timing (bench/statements.ts
 * reports it at 10, 50 and 200).
 */
const NESTED_LIST = `query StatementCountNestedList {
  procedures(first: 100) {
    totalCount
    edges {
      node {
        id
        reference
        status
        participants { part authority { name } }
        dataSubjects { fullName dateOfBirth }
        messages { body }
      }
    }
  }
}`;

describe.each(DRIVERS)("statements per request (%s)", (driver) => {
  let db: TestDatabase;
  let api: TestApi;
  let statements = 0;

  beforeAll(async () => {
    db = await createTestDatabase(driver, { queryLogger: { logQuery: () => void statements++ } });
    api = await TestApi.create(db.db);
  });
  afterAll(async () => {
    await api?.stop();
    await db?.dispose();
  });

  /** Statements sent while the case handler of a world of `size` accepted requests lists them all. */
  async function countFor(size: number): Promise<number> {
    const world = await World.create(db.db, api);
    await insertAcceptedRequests(db.db, world, { count: size, start: new Date("2026-05-01T09:00:00Z") });
    const token = await world.token(world.user.handlerDk);
    const before = statements;
    const result = await api.executeText<{ procedures: { totalCount: number; edges: { node: { dataSubjects: unknown[]; messages: unknown[] } }[] } }>(
      NESTED_LIST,
      {},
      token,
    );
    const sent = statements - before;
    expect(result.errors).toBeUndefined();
    expect(result.data?.procedures.totalCount).toBe(size);
    expect(result.data?.procedures.edges.every(({ node }) => node.dataSubjects.length === 1 && node.messages.length === 2)).toBe(true);
    return sent;
  }

  it("lists 50 procedures with their participants, data subjects and messages in as many statements as 10", async () => {
    const ten = await countFor(10);
    const fifty = await countFor(50);
    expect(fifty).toBe(ten);
    // The viewer's re-read, the page and its count, participants (current and all), authorities,
    // data subjects, messages and the audit insert: a change here is worth a look.
    expect(ten).toBeLessThanOrEqual(10);
  });
});
