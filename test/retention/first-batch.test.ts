import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { ADAPTIVE_FLOOR } from "../../src/modules/retention/batch-size.js";
import { DEFAULT_RETENTION_SETTINGS, RetentionService, type BatchReport } from "../../src/modules/retention/retention.service.js";
import { createTestDatabase, DRIVERS, type TestDatabase } from "../helpers/database.js";
import { seedRetentionWorkload } from "./retention-seed.js";

const AS_OF = new Date("2030-01-01T00:00:00Z");

/**
 * Issue 12 (batches under 250 ms at 1M procedures): a step's first batch was the run's longest, at the
 * configured size with nothing of its rows in any cache (bench/results.md 6g). Each step now starts at
 * the adaptive floor and grows by time; the work done is the same.
 */
describe.each(DRIVERS)("the retention job's first batch of each step (%s)", (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(driver);
    await seedRetentionWorkload(t.db, { procedures: 400, asOf: AS_OF });
  });
  afterAll(() => t.close());

  it("R-RETAIN-3 starts every step at the floor, not at the configured size, and still blocks and deletes every procedure due", async () => {
    const batches: BatchReport[] = [];
    const service = new RetentionService(t.db, new ManualClock(AS_OF), { ...DEFAULT_RETENTION_SETTINGS, batchSize: 500, clearResidue: false });
    const run = await service.run({ onBatch: (report) => void batches.push(report) });

    const firstOf = new Map<string, BatchReport>();
    for (const batch of batches) if (!firstOf.has(batch.step)) firstOf.set(batch.step, batch);
    expect(firstOf.get("block")!.done).toBe(ADAPTIVE_FLOOR);
    expect(firstOf.get("delete")!.done).toBe(ADAPTIVE_FLOOR);
    for (const batch of firstOf.values()) expect(batch.done).toBeLessThanOrEqual(ADAPTIVE_FLOOR);
    // 400 closures over 4 years: about 5/8 to block only and 1/4 to delete (retention-seed.ts).
    expect(run.proceduresBlocked).toBeGreaterThan(200);
    expect(run.proceduresDeleted).toBeGreaterThan(ADAPTIVE_FLOOR);
    const again = await service.run({});
    expect(again.proceduresBlocked + again.proceduresDeleted).toBe(0);
  });
});
