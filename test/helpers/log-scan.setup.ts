import { mkdir, readdir, rm, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { personalDataPatterns, report, scanLogDir } from "./log-scan.js";
import { TEST_LOG_DIR_ENV } from "./test-logs.js";

/**
 * vitest globalSetup: a run directory for the test logs (test/helpers/test-logs.ts) before the run;
 * after it, every log line scanned for personal data. A finding fails the run, naming the file and
 * line (the directory is then kept for a look); a clean run removes its directory unless
 * IMI_KEEP_TEST_LOGS=1.
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const LOGS = join(ROOT, ".data", "test-logs");
const RUN = /^run-(\d+)-\d+$/;
const KEEP_MS = 24 * 3600 * 1000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Directories of earlier runs whose vitest process is gone, once a day old: a failed or kept run's
 * logs stay that long for a look, and concurrent runs in the same checkout are left alone.
 */
async function removeStaleRuns(): Promise<void> {
  const entries = await readdir(LOGS).catch(() => [] as string[]);
  for (const name of entries) {
    const pid = RUN.exec(name)?.[1];
    if (!pid || alive(Number(pid))) continue;
    const modified = (await stat(join(LOGS, name)).catch(() => undefined))?.mtimeMs ?? 0;
    if (Date.now() - modified > KEEP_MS) await rm(join(LOGS, name), { recursive: true, force: true });
  }
}

export default async function setup(): Promise<() => Promise<void>> {
  await removeStaleRuns();
  const dir = join(LOGS, `run-${process.pid}-${Date.now()}`);
  await mkdir(dir, { recursive: true });
  // Inherited by the test workers (forked after global setup) and, through them, by child servers.
  process.env[TEST_LOG_DIR_ENV] = dir;

  return async () => {
    // vitest only prints an error thrown here ("error during close"): the exit code fails the run.
    let findings;
    try {
      findings = await scanLogDir(dir, await personalDataPatterns(join(ROOT, "test")), ROOT);
    } catch (error) {
      process.exitCode = 1;
      throw new Error(`The test logs in ${relative(ROOT, dir)} could not be scanned for personal data.`, { cause: error });
    }
    if (findings.length > 0) {
      process.exitCode = 1;
      throw new Error(
        `Personal data in the test logs (${findings.length} finding${findings.length === 1 ? "" : "s"}; ${relative(ROOT, dir)} kept for a look):\n${report(findings)}`,
      );
    }
    // IMI_KEEP_TEST_LOGS=1 keeps a clean run's logs too, to read what the tests logged.
    if (process.env.IMI_KEEP_TEST_LOGS !== "1") await rm(dir, { recursive: true, force: true });
  };
}
