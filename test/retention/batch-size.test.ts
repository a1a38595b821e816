import { describe, expect, it } from "vitest";
import { ADAPTIVE_FLOOR, BATCH_TARGET_MS, nextBatchLimit } from "../../src/modules/retention/batch-size.js";

/** Issue 12: the retention job's batches sized by time, so a costly step (deletion) stays short. */
describe("the retention job's batch size", () => {
  it("shrinks a step's batches towards the target when they take long, at most halving at once", () => {
    expect(nextBatchLimit(500, 2 * BATCH_TARGET_MS, 500)).toBe(250);
    expect(nextBatchLimit(500, 10 * BATCH_TARGET_MS, 500)).toBe(250);
    expect(nextBatchLimit(500, 1.6 * BATCH_TARGET_MS, 500)).toBe(313);
  });

  it("grows them back when they are quick, at most doubling, never above the configured size", () => {
    expect(nextBatchLimit(100, BATCH_TARGET_MS / 4, 500)).toBe(200);
    expect(nextBatchLimit(400, BATCH_TARGET_MS / 4, 500)).toBe(500);
    expect(nextBatchLimit(500, 1, 500)).toBe(500);
    expect(nextBatchLimit(500, 0, 500)).toBe(500);
  });

  it("never goes below its floor, and keeps a configured size at or under the floor exactly", () => {
    expect(nextBatchLimit(ADAPTIVE_FLOOR, 100 * BATCH_TARGET_MS, 500)).toBe(ADAPTIVE_FLOOR);
    expect(nextBatchLimit(2, 100 * BATCH_TARGET_MS, 2)).toBe(2);
    expect(nextBatchLimit(ADAPTIVE_FLOOR, 100 * BATCH_TARGET_MS, ADAPTIVE_FLOOR)).toBe(ADAPTIVE_FLOOR);
  });
});
