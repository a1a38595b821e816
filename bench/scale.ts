/**
 * Issue 14, part 5, "scale": the nested list (bench/operations.ts, 50 procedures) at 10,000 and then
 * 100,000 procedures visible to the case handler who asks, on PostgreSQL, the full stack and the fair
 * baseline (bench/fair-baseline.ts) interleaved. The page stays the same 50 newest procedures; what
 * grows is what the list's page and bounded count have to walk past (or not) and the tables' indexes.
 * The older procedures are added set-based in the servers' process (servers.child.ts `grow`), then
 * VACUUM ANALYZE, as autovacuum would leave a table that filled. Target: the full stack's throughput
 * at 100k ≥ 0.8× its own at 10k.
 */
import { createServerDatabase } from "./database.js";
import { checkAndCount, load, medianMeasure, post, type Measure } from "./http.js";
import { nestedListText } from "./operations.js";
import { median } from "./settings.js";
import { SETTINGS } from "./settings.js";
import { startBenchServers, type ServerName } from "./servers.js";

export const SCALE_SIZES = [10_000, 100_000] as const;
const SCALE_SERVERS: ServerName[] = ["full", "fair"];

export interface ScaleSize {
  /** Procedures visible to the viewer (the DK case handler's current participations). */
  visible: number;
  seedSeconds: number;
  measures: Partial<Record<ServerName, Measure>>;
  rounds: Partial<Record<ServerName, Measure[]>>;
  statements: Partial<Record<ServerName, number>>;
  /** One request alone (no concurrent load), median of 3, ms: a figure even where no request finishes within a round. */
  alone: Partial<Record<ServerName, number>>;
}

export interface ScaleResult {
  sizes: ScaleSize[];
  /** Throughput at the largest size over the smallest, per server. */
  ratio: Partial<Record<ServerName, number>>;
}

export async function benchScale(serverUrl: string | undefined, log: (line: string) => void): Promise<ScaleResult | { skipped: string }> {
  if (!serverUrl) return { skipped: "not run: the scale part needs PostgreSQL (set BENCH_DATABASE_URL)" };
  const created = await createServerDatabase(serverUrl, "scale");
  const servers = await startBenchServers(created.url, undefined, SCALE_SERVERS);
  try {
    const sizes: ScaleSize[] = [];
    for (const visible of SCALE_SIZES) {
      const grown = await servers.ask("grow", { visible });
      log(`${grown.visible.toLocaleString("en")} procedures visible (seeded in ${grown.seconds.toFixed(1)} s)`);
      // The same answers and audit rows at this size too, before timing.
      const { statements } = await checkAndCount(servers);
      const alone: ScaleSize["alone"] = {};
      for (const name of SCALE_SERVERS) {
        const times: number[] = [];
        for (let i = 0; i < 3; i++) {
          const started = performance.now();
          await post(servers, name, JSON.stringify({ query: nestedListText(50) }), `bench-scale-${visible}-${name}-${i}`);
          times.push(performance.now() - started);
        }
        alone[name] = median(times);
      }
      log(`one request alone: ${SCALE_SERVERS.map((name) => `${name} ${alone[name]!.toFixed(0)} ms`).join(", ")}`);
      for (const name of SCALE_SERVERS) await load(servers, name, "nestedList", SETTINGS.warmup);
      const rounds: ScaleSize["rounds"] = { full: [], fair: [] };
      for (let round = 0; round < SETTINGS.rounds; round++) {
        const order = round % 2 === 0 ? SCALE_SERVERS : [...SCALE_SERVERS].reverse();
        for (const name of order) {
          const measure = await load(servers, name, "nestedList", SETTINGS.duration);
          rounds[name]!.push(measure);
          log(`${grown.visible.toLocaleString("en")} visible, round ${round + 1}/${SETTINGS.rounds} ${name.padEnd(4)} ${measure.rps.toFixed(0).padStart(5)} req/s  cpu ${measure.cpuMs.toFixed(2)} ms/req${measure.failures ? `  FAILURES ${measure.failures}` : ""}`);
        }
      }
      const measures = Object.fromEntries(SCALE_SERVERS.map((name) => [name, medianMeasure(rounds[name]!)]));
      sizes.push({ visible: grown.visible, seedSeconds: grown.seconds, measures, rounds, statements: statements.nestedList, alone });
    }
    const [small, large] = [sizes[0]!, sizes[sizes.length - 1]!];
    const ratio = Object.fromEntries(SCALE_SERVERS.map((name) => [name, large.measures[name]!.rps / small.measures[name]!.rps]));
    return { sizes, ratio };
  } finally {
    await servers.stop();
    await created.drop();
  }
}
