/**
 * Issue 12: every batch of the retention job under 250 ms at 1M procedures, whatever a step costs
 * per row. At 500 procedures a batch, blocking took about 40 ms but deletion about 160 ms (seven
 * tables and the keys per procedure), with its longest at 382 ms on a quiet machine. So each step
 * sizes its next batch by the time its last one took: towards BATCH_TARGET_MS, never above the
 * configured RETENTION_BATCH_SIZE and never below ADAPTIVE_FLOOR (or the configured size when that is
 * smaller: a small configured size is kept exactly, as tests and cautious operators set it).
 */
export const BATCH_TARGET_MS = 100;
export const ADAPTIVE_FLOOR = 50;

/**
 * A step's first batch: the floor, then grown by time. Started at the configured size, the first
 * batch of a step was the run's longest, its rows not yet in any cache (1M procedures: the first
 * deletion batch of 500 took 640-1372 ms and the second, of 250, 417-476 ms, while later batches
 * settled near 100 ms; the first early-deletion batch 365 ms; bench/results.md 6g).
 */
export function firstBatchLimit(configured: number): number {
  return Math.min(ADAPTIVE_FLOOR, configured);
}

/** The limit of a step's next batch, from the limit and time of the one just committed. */
export function nextBatchLimit(limit: number, ms: number, configured: number, targetMs = BATCH_TARGET_MS): number {
  const floor = Math.min(ADAPTIVE_FLOOR, configured);
  // At most halved or doubled at once: one slow batch (a checkpoint) does not collapse the size.
  const factor = ms > 0 ? Math.min(2, Math.max(0.5, targetMs / ms)) : 2;
  return Math.max(floor, Math.min(configured, Math.round(limit * factor)));
}
