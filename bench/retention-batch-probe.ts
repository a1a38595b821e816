/**
 * Which retention batches are slow at scale, and why (issue 12, finding 3: the longest batch was
 * 305-363 ms at 1M procedures, target < 250 ms). Runs the job once on a copy of a database seeded by
 * bench/retention-seed-keep.ts, with auto_explain logging the plan (EXPLAIN ANALYZE, nested
 * statements) of every statement over BENCH_EXPLAIN_MS (default 150) to the server's log, and
 * prints every batch over that bound with its step and position. PostgreSQL only; a superuser URL.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_residue npx tsx bench/retention-batch-probe.ts
 */
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { ManualClock } from "../src/clock.js";
import { openDatabase } from "../src/db/client.js";
import { DEFAULT_RETENTION_SETTINGS, RetentionService } from "../src/modules/retention/retention.service.js";

const source = process.env.BENCH_DATABASE_URL;
if (!source) throw new Error("BENCH_DATABASE_URL: a database seeded by bench/retention-seed-keep.ts");
const bound = Number(process.env.BENCH_EXPLAIN_MS ?? 150);
const sourceName = new URL(source).pathname.slice(1);
const copyName = `${sourceName}_probe`;
const url = (name: string) => Object.assign(new URL(source), { pathname: `/${name}` }).toString();
const admin = postgres(url("postgres"), { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists "${copyName}" with (force)`);
await admin.unsafe(`create database "${copyName}" template "${sourceName}"`);
if (process.env.BENCH_EXPLAIN !== "0") {
  await admin.unsafe(`alter database "${copyName}" set session_preload_libraries = 'auto_explain'`);
  await admin.unsafe(`alter database "${copyName}" set auto_explain.log_min_duration = '${bound}ms'`);
  await admin.unsafe(`alter database "${copyName}" set auto_explain.log_analyze = on`);
  await admin.unsafe(`alter database "${copyName}" set auto_explain.log_buffers = on`);
  await admin.unsafe(`alter database "${copyName}" set auto_explain.log_nested_statements = on`);
}
const handle = await openDatabase({ url: url(copyName), maxConnections: 2 });
const settings = { ...DEFAULT_RETENTION_SETTINGS, clearResidue: process.env.BENCH_RESIDUE !== "0" };
const service = new RetentionService(handle.db, new ManualClock(new Date("2030-01-01T00:00:00Z")), settings);
const index = new Map<string, number>();
const slow: string[] = [];
const all: number[] = [];
const started = performance.now();
await service.run({
  onBatch: ({ step, ms }) => {
    const i = (index.get(step) ?? 0) + 1;
    index.set(step, i);
    all.push(ms);
    if (ms > bound) slow.push(`${step} #${i}: ${ms.toFixed(0)} ms`);
  },
  onResidue: (r) => {
    if (r.ms > bound) slow.push(`residue ${r.action} ${r.table} (${(r.bytes / 1024 / 1024).toFixed(1)} MB): ${r.ms.toFixed(0)} ms`);
  },
});
all.sort((a, b) => a - b);
console.log(`run ${(performance.now() - started).toFixed(0)} ms, ${all.length} batches, median ${all[all.length >> 1]?.toFixed(0)} ms, p99 ${all[Math.floor(all.length * 0.99)]?.toFixed(0)} ms, longest ${all.at(-1)?.toFixed(0)} ms`);
console.log(`batches per step: ${[...index].map(([s, n]) => `${s} ${n}`).join(", ")}`);
console.log(slow.length ? `over ${bound} ms:\n  ${slow.join("\n  ")}` : `none over ${bound} ms`);
await handle.close();
if (process.env.BENCH_KEEP !== "1") await admin.unsafe(`drop database if exists "${copyName}" with (force)`);
await admin.end();
