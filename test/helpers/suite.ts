import { afterAll, beforeAll, beforeEach } from "vitest";
import { TestApi } from "./api.js";
import { createTestDatabase, type Driver, type TestDatabase } from "./database.js";
import { World } from "./world.js";

export const START = new Date("2026-06-01T09:00:00Z");

export interface Suite {
  db: TestDatabase;
  api: TestApi;
  /** A fresh world of its own for one test. */
  world(options?: Parameters<typeof World.create>[2]): Promise<World>;
}

/** One database and API per driver and test file (PGlite takes ~2 s to start); the clock reset per test. */
export function useSuite(driver: Driver): Suite {
  const suite = {} as Suite;
  beforeAll(async () => {
    suite.db = await createTestDatabase(driver);
    suite.api = await TestApi.create(suite.db.db);
    suite.world = (options) => World.create(suite.db.db, suite.api, options);
  });
  beforeEach(() => suite.api.clock.set(START));
  afterAll(async () => {
    await suite.api?.stop();
    await suite.db?.dispose();
  });
  return suite;
}
