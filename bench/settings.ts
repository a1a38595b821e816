/**
 * How long and how often the bench measures. `BENCH_QUICK=1` is for development (short runs, noisy
 * numbers); the defaults are for the report. Each setting can be overridden on its own.
 */
const quick = process.env.BENCH_QUICK === "1";

function numberFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}".`);
  return value;
}

export const SETTINGS = {
  quick,
  /** Seconds of load per server and operation in each round. */
  duration: numberFrom("BENCH_DURATION", quick ? 3 : 10),
  /** Seconds of load per server and operation before the first round (JIT, caches, pools). */
  warmup: numberFrom("BENCH_WARMUP", quick ? 1 : 3),
  /** Rounds of A B C (servers rotated each round); the median round is reported. */
  rounds: numberFrom("BENCH_ROUNDS", quick ? 2 : 3),
  /** Concurrent HTTP connections of autocannon. */
  connections: numberFrom("BENCH_CONNECTIONS", 10),
  /** Seconds of profiled load on the full stack per operation (bench/profile.ts). */
  profileSeconds: numberFrom("BENCH_PROFILE_SECONDS", quick ? 3 : 8),
  /** Server processes started per cold-start case; the median is reported. */
  coldStarts: numberFrom("BENCH_COLD_STARTS", quick ? 1 : 3),
  /** Skip the retention bench (minutes on PostgreSQL with a million procedures). */
  skipRetention: process.env.BENCH_SKIP_RETENTION === "1",
} as const;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
