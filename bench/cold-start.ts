/**
 * Cold start to ready: the real server process, as `npm start` runs it (the bundle of src/main.ts,
 * scripts/build-server.mjs), timed from spawn() to its "IMI API ready" line (which logs its own startupMs, since
 * the process started) and to the first 200 of /readyz. Cases:
 *
 * - PGlite, fresh data folder: create, migrate, load the demo world (development defaults);
 * - PGlite, existing folder: the same folder again (nothing to migrate or load);
 * - PostgreSQL, existing migrated database, NODE_ENV=production (the target: ready in under 2 s);
 * - the same through tsx (`node --import tsx src/main.ts`, how `npm start` ran before the bundle):
 *   what loading our modules one by one through tsx costs.
 *
 * Each case is started BENCH_COLD_STARTS times; the median is reported. Then bench/startup-imports.ts
 * runs as many times in fresh processes: what the imports cost, group by group (median).
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { execFileSync } from "node:child_process";
import { freePort, MAIN, NODE_TS, nodeArgs, parse, ROOT, runNode, runTs, stopProcess } from "../test/helpers/server-process.js";
import { createServerDatabase, openCountingDatabase } from "./database.js";
import { median, SETTINGS } from "./settings.js";

export interface ColdStart {
  case: string;
  /** spawn() → "IMI API ready" line, parent's clock (ms). */
  toReadyLine: number;
  /** The process's own startupMs (since its start, imports included). */
  startupMs: number;
  /** spawn() → first /readyz 200 (ms). */
  toReadyz: number;
  runs: number;
}

export interface ColdStartResult {
  cases: ColdStart[];
  /** What the imports and the schema build take in a fresh process (ms, medians). */
  imports: { name: string; ms: number }[];
}

const READY_TIMEOUT_MS = 60_000;

async function startOnce(env: Record<string, string>, command?: string[]): Promise<{ toReadyLine: number; startupMs: number; toReadyz: number }> {
  const port = await freePort();
  const started = performance.now();
  const serverEnv = { PORT: String(port), LOG_LEVEL: "info", ...env };
  const run = runNode(command ?? NPM_START, serverEnv);
  try {
    let toReadyz = 0;
    const readyz = (async () => {
      while (run.child.exitCode === null) {
        const ok = await fetch(`http://127.0.0.1:${port}/readyz`)
          .then((response) => response.status === 200)
          .catch(() => false);
        if (ok) {
          toReadyz = performance.now() - started;
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    const line = await new Promise<{ at: number; entry: Record<string, unknown> }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "IMI API ready" within ${READY_TIMEOUT_MS} ms:\n${run.lines.join("\n")}`)), READY_TIMEOUT_MS);
      const check = () => {
        const entry = run.lines.map(parse).find((e) => String(e?.msg ?? "").startsWith("IMI API ready"));
        if (entry) {
          clearTimeout(timer);
          resolve({ at: performance.now() - started, entry });
        }
      };
      run.child.stdout!.on("data", check);
      void run.exited.then((exit) => {
        clearTimeout(timer);
        reject(new Error(`server exited before ready (${JSON.stringify(exit)}):\n${run.lines.join("\n")}`));
      });
    });
    await readyz;
    return { toReadyLine: line.at, startupMs: Number(line.entry.startupMs), toReadyz };
  } finally {
    await stopProcess(run);
  }
}

/** What `npm start` runs after its prestart build; built once per benchmark run. */
const NPM_START = nodeArgs(MAIN);
const THROUGH_TSX = [...NODE_TS.slice(1), MAIN];

async function timeCase(name: string, runs: number, envFor: (i: number) => Record<string, string>, command?: string[]): Promise<ColdStart> {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await startOnce(envFor(i), command));
  return {
    case: name,
    toReadyLine: median(samples.map((s) => s.toReadyLine)),
    startupMs: median(samples.map((s) => s.startupMs)),
    toReadyz: median(samples.map((s) => s.toReadyz)),
    runs,
  };
}

/** What production requires (config.ts), generated for the run. */
function productionEnv(databaseUrl: string): Record<string, string> {
  const { privateKey } = generateKeyPairSync("ed25519");
  return {
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    JWT_SECRET: randomBytes(48).toString("base64"),
    EXCHANGE_SIGNING_KEY: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}

export async function benchColdStart(serverUrl: string | undefined): Promise<ColdStartResult> {
  const runs = SETTINGS.coldStarts;
  execFileSync(process.execPath, ["scripts/build-server.mjs"], { cwd: ROOT, stdio: "ignore" });
  const dir = await mkdtemp(join(tmpdir(), "imi-bench-start-"));
  const cases: ColdStart[] = [];
  try {
    cases.push(await timeCase("PGlite, fresh data folder (migrate + demo world)", runs, (i) => ({ PGLITE_DIR: join(dir, `fresh-${i}`) })));
    cases.push(await timeCase("PGlite, existing data folder", runs, () => ({ PGLITE_DIR: join(dir, "fresh-0") })));
    if (serverUrl) {
      const created = await createServerDatabase(serverUrl, "start");
      try {
        const database = await openCountingDatabase(created.url, 1);
        await database.migrate();
        await database.close();
        const env = productionEnv(created.url);
        cases.push(await timeCase("PostgreSQL, existing migrated database, NODE_ENV=production", runs, () => env));
        cases.push(await timeCase("the same through tsx, unbundled (for comparison only)", runs, () => env, THROUGH_TSX));
      } finally {
        await created.drop();
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { cases, imports: await importTimes(runs) };
}

/** bench/startup-imports.ts in fresh processes; the median of each step. */
async function importTimes(runs: number): Promise<{ name: string; ms: number }[]> {
  const samples: { name: string; ms: number }[][] = [];
  for (let i = 0; i < runs; i++) {
    const run = runTs("bench/startup-imports.ts");
    const exit = await run.exited;
    const line = run.lines.find((l) => l.startsWith("[{"));
    if (exit.code !== 0 || !line) throw new Error(`startup-imports failed (${JSON.stringify(exit)}):\n${run.lines.join("\n")}`);
    samples.push(JSON.parse(line) as { name: string; ms: number }[]);
  }
  return samples[0]!.map((step, i) => ({ name: step.name, ms: median(samples.map((sample) => sample[i]!.ms)) }));
}
