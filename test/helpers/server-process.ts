import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { recordChildLine } from "./test-logs.js";

/**
 * The real server process, as `npm start` runs it (the bundle of src/main.ts), on a fresh embedded database
 * with the demo world, on a free port: the approach of test/startup/start.test.ts, for the suites
 * that drive the server from outside (the browser, the portal example).
 */

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/**
 * Other scripts (the seed and migrate CLIs) run as their npm scripts do, through tsx, but in one
 * process: tsx's CLI would run a second node process and relay signals to it with a 30 ms
 * handshake, SIGKILLing it (exit 143, no graceful stop) when a loaded machine answers late.
 */
export const NODE_TS = [process.execPath, "--import", "tsx"] as const;
/**
 * `npm start` runs `exec node --enable-source-maps .data/server/main.mjs`, the bundle of src/main.ts
 * that `prestart` builds (built for a test run by test/helpers/build-server.setup.ts): one process,
 * so SIGTERM reaches main.ts's own handler.
 */
export const MAIN = "src/main.ts";
const NPM_START = [process.execPath, "--enable-source-maps", ".data/server/main.mjs"] as const;

/** node's arguments for a script: the bundle for src/main.ts (as `npm start`), tsx for the others. */
export function nodeArgs(script: string): string[] {
  return script === MAIN ? NPM_START.slice(1) : [...NODE_TS.slice(1), script];
}
const READY_TIMEOUT_MS = 60_000;
/** A clean stop takes well under a second; this only keeps a hung process from hanging the suite. */
const STOP_TIMEOUT_MS = 20_000;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Run {
  child: ChildProcess;
  /** Every line the process wrote, stdout and stderr. */
  lines: string[];
  exited: Promise<Exit>;
}

export interface ServerProcess extends Run {
  /** e.g. http://127.0.0.1:41234 */
  base: string;
  /** Ends the server (SIGTERM, then SIGKILL of its process group) and removes its data folder. */
  stop(): Promise<void>;
}

const children: ChildProcess[] = [];

/** The environment of a fresh machine: none of the test runner's database or secret settings. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ["NODE_ENV", "DATABASE_URL", "TEST_DATABASE_URL", "JWT_SECRET", "PGLITE_DIR", "PORT", "LOG_LEVEL", "SEED_DEMO", "TOKEN_TTL_SECONDS", "METRICS_TOKEN"]) {
    delete env[key];
  }
  return { ...env, ...extra };
}

/**
 * Runs a TypeScript file (src/main.ts as `npm start` does) in its own process group, collecting its
 * output line by line.
 */
export function runTs(script: string, env: Record<string, string> = {}): Run {
  return runNode(nodeArgs(script), env, script);
}

/** Runs node with these arguments in its own process group, collecting its output line by line. */
export function runNode(args: string[], env: Record<string, string> = {}, label = args.join(" ")): Run {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: cleanEnv(env), stdio: ["ignore", "pipe", "pipe"], detached: true });
  children.push(child);
  const lines: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on("line", (line) => {
      lines.push(line);
      // Its log lines join the run's test logs, scanned for personal data (test/helpers/log-scan.setup.ts).
      recordChildLine(child.pid, label, line);
    });
  }
  const exited = new Promise<Exit>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  return { child, lines, exited };
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export function parse(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * Starts src/main.ts on a fresh PGlite folder (demo world loaded) and waits for its "IMI API ready"
 * line; `env` adds or overrides settings (the retention schedule is off unless set).
 */
export async function startServer(env: Record<string, string> = {}): Promise<ServerProcess> {
  const dir = await mkdtemp(join(tmpdir(), "imi-server-"));
  const port = await freePort();
  const started = runTs("src/main.ts", { PORT: String(port), PGLITE_DIR: join(dir, "pglite"), LOG_LEVEL: "info", RETENTION_SCHEDULE: "off", ...env });
  const stop = async () => {
    await stopProcess(started);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await untilReady(started);
  } catch (error) {
    await stop();
    throw error;
  }
  return { ...started, base: `http://127.0.0.1:${port}`, stop };
}

/** Waits for the process's "IMI API ready" line and returns it; rejects when the process exits first or takes too long. */
export function untilReady(started: Run, timeoutMs = READY_TIMEOUT_MS): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "IMI API ready" within ${timeoutMs} ms:\n${started.lines.join("\n")}`)), timeoutMs);
    const check = () => {
      const ready = started.lines.map(parse).find((entry) => String(entry?.msg ?? "").startsWith("IMI API ready"));
      if (ready) {
        clearTimeout(timer);
        resolve(ready);
      }
    };
    started.child.stdout!.on("data", () => setImmediate(check));
    void started.exited.then((exit) => {
      clearTimeout(timer);
      reject(new Error(`server exited before ready (${JSON.stringify(exit)}):\n${started.lines.join("\n")}`));
    });
  });
}

/**
 * Sends SIGTERM and waits, within a generous bound, for the process to exit; then ends its group.
 * Answers how it ended, or "still running" when the bound passed and its group was killed.
 */
export async function stopProcess(run: Run): Promise<Exit | "still running"> {
  if (run.child.exitCode !== null || run.child.signalCode !== null) return run.exited;
  run.child.kill("SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<"still running">((resolve) => {
    timer = setTimeout(() => resolve("still running"), STOP_TIMEOUT_MS);
  });
  const outcome = await Promise.race([run.exited, bound]);
  clearTimeout(timer);
  if (outcome === "still running") {
    killGroup(run.child);
    await run.exited;
  }
  return outcome;
}

function killGroup(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/** Ends the process group of every child still running. */
export function killChildren(): void {
  children.forEach(killGroup);
}

// Whatever happened, no child outlives the test file, even when the worker exits early.
process.once("exit", killChildren);
