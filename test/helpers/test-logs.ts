import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { pino, type DestinationStream } from "pino";
import { createLogger, type Logger } from "../../src/logger.js";

/**
 * The tests log for real, so the log scan (test/helpers/log-scan.setup.ts) can prove they never log
 * personal data: every test process writes its API logs, at debug, to `<run dir>/<pid>.ndjson`, and
 * the JSON log lines of the child processes it starts to `<run dir>/<pid>.child-<child pid>.ndjson`.
 * Outside vitest (benchmarks) the run dir is unset and the logs go nowhere.
 */
export const TEST_LOG_DIR_ENV = "IMI_TEST_LOG_DIR";

let destination: DestinationStream | undefined;
let logger: Logger | undefined;

function runDir(): string | undefined {
  return process.env[TEST_LOG_DIR_ENV] || undefined;
}

/**
 * This process's log file. Written synchronously: vitest ends a worker with SIGTERM, which would lose
 * an asynchronous buffer, and a line costs some microseconds (20,000 lines ~0.15 s).
 */
export function testLogDestination(): DestinationStream | undefined {
  const dir = runDir();
  if (!dir) return undefined;
  destination ??= pino.destination({ dest: join(dir, `${process.pid}.ndjson`), sync: true, mkdir: true });
  return destination;
}

/** The logger of every API the tests build: debug, into this process's log file (silent outside vitest). */
export function testLogger(): Logger {
  const dest = testLogDestination();
  logger ??= dest ? createLogger("debug", dest) : createLogger("silent");
  return logger;
}

/** A logger that keeps its lines for a test to read, and writes them to the log file as well. */
export function capturingLogger(lines: string[], level = "debug"): Logger {
  const file = testLogDestination();
  return createLogger(level, {
    write(line: string) {
      lines.push(line);
      file?.write(line);
    },
  });
}

/**
 * A line a child process wrote, kept for the scan when it is a log line: every line of a server
 * (src/main.ts), and the JSON lines with a numeric level (pino) of other scripts; a client script's
 * own output (the portal example prints the citizen's access report) is not a log.
 */
export function recordChildLine(childPid: number | undefined, script: string, line: string): void {
  const dir = runDir();
  if (!dir || childPid === undefined) return;
  if (script !== "src/main.ts" && !isLogLine(line)) return;
  appendFileSync(join(dir, `${process.pid}.child-${childPid}.ndjson`), `${line}\n`);
}

function isLogLine(line: string): boolean {
  if (!line.startsWith("{")) return false;
  try {
    return typeof (JSON.parse(line) as { level?: unknown }).level === "number";
  } catch {
    return false;
  }
}
