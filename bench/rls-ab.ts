/**
 * Issue 13 item 5, for development: the full stack against row security off only, in many short
 * interleaved rounds (A B, B A, …), one operation or all: `tsx bench/rls-ab.ts`.
 * BENCH_OPERATION=lookup|nestedList|mutation (default all), BENCH_DURATION (s, default 5),
 * BENCH_ROUNDS (default 6). Prints the medians and the ratio noRls / full of each operation.
 */
import { loadavg } from "node:os";
import { createServerDatabase, postgresServerUrl } from "./database.js";
import { checkAndCount, load, medianMeasure, OPERATIONS, type Measure } from "./http.js";
import type { OperationName } from "./operations.js";
import { startBenchServers, type ServerName } from "./servers.js";

const duration = Number(process.env.BENCH_DURATION ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 6);
const operations = process.env.BENCH_OPERATION ? (process.env.BENCH_OPERATION.split(",") as OperationName[]) : OPERATIONS;
const names: ServerName[] = ["full", "noRls"];

const serverUrl = await postgresServerUrl();
const created = serverUrl ? await createServerDatabase(serverUrl, "rls_ab") : undefined;
const servers = await startBenchServers(created?.url, undefined, names);
try {
  const { statements } = await checkAndCount(servers);
  console.log(`statements per request: ${JSON.stringify(statements)}; load ${loadavg().map((n) => n.toFixed(2)).join(", ")}`);
  for (const operation of operations) for (const name of names) await load(servers, name, operation, 2);
  const measured = Object.fromEntries(operations.map((o) => [o, { full: [] as Measure[], noRls: [] as Measure[] }]));
  for (let round = 0; round < rounds; round++) {
    for (const operation of operations) {
      const order = round % 2 === 0 ? names : [...names].reverse();
      for (const name of order) {
        const m = await load(servers, name, operation, duration);
        measured[operation]![name as "full" | "noRls"].push(m);
        console.log(`round ${round + 1} ${operation.padEnd(10)} ${name.padEnd(6)} ${m.rps.toFixed(0).padStart(5)} req/s cpu ${m.cpuMs.toFixed(2)} ms/req${m.failures ? ` FAILURES ${m.failures}` : ""}`);
      }
    }
  }
  for (const operation of operations) {
    const full = medianMeasure(measured[operation]!.full);
    const noRls = medianMeasure(measured[operation]!.noRls);
    const ratios = measured[operation]!.full.map((f, i) => measured[operation]!.noRls[i]!.rps / f.rps);
    const perRound = ratios.map((r) => r.toFixed(2)).join(" ");
    const sorted = [...ratios].sort((a, b) => a - b);
    const medianRatio = sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
    console.log(
      `${operation}: full ${full.rps.toFixed(0)} req/s (cpu ${full.cpuMs.toFixed(2)}), noRls ${noRls.rps.toFixed(0)} req/s (cpu ${noRls.cpuMs.toFixed(2)}), noRls/full ${(noRls.rps / full.rps).toFixed(3)}×, median of the rounds' ratios ${medianRatio.toFixed(3)}× (rounds: ${perRound})`,
    );
  }
  console.log(`load ${loadavg().map((n) => n.toFixed(2)).join(", ")}`);
} finally {
  await servers.stop();
  await created?.drop();
}
