/**
 * One retention runner in a process of its own, for the crash and single-runner tests
 * (crash.test.ts), started with node_modules/.bin/tsx:
 *
 *   run-job.ts <database url> <asOf ISO> <batch size> <lease ttl ms> [--wait-for-lease]
 *
 * Prints one JSON line per committed batch ({"batch":step,"done":n}) and a last line
 * {"result":"ran","run":{…}} or {"result":"busy"}. With --wait-for-lease it retries while another
 * runner (or a killed one whose lease has not lapsed yet) holds the lease.
 *
 * PGlite (crash.test.ts): the url `pglite:<folder>`. The folder belongs to one process, so a lease
 * found there is a dead process's and is freed first (as main.ts does). With CRASH_WRITERS (a JSON
 * WriterPlan) case handlers write in this process while the job runs, one line per confirmed write
 * ({"write":…}); CRASH_MASTER_KEY (base64) is the personal-data master key every runner shares.
 */
import { writeSync } from "node:fs";
import { ManualClock } from "../../src/clock.js";
import { openDatabase } from "../../src/db/client.js";
import { isPostgresWriteAfterClose } from "../../src/db/pg-errors.js";
import { installMasterKeys } from "../../src/db/personal-crypto/master-keys.js";
import { startProcessWriters, type WriterPlan } from "./crash-writers.js";
import { DEFAULT_RETENTION_SETTINGS, RetentionBusyError, RetentionService } from "../../src/modules/retention/retention.service.js";

const [url, asOf, batchSize, leaseTtlMs, ...flags] = process.argv.slice(2);
if (!url || !asOf || !batchSize || !leaseTtlMs) {
  console.error("usage: run-job.ts <database url> <asOf ISO> <batch size> <lease ttl ms> [--wait-for-lease]");
  process.exit(2);
}
// As the server does (main.ts): a backend terminated under a pipelined write is survived (db/pg-errors.ts).
process.on("uncaughtException", (error) => {
  if (isPostgresWriteAfterClose(error)) return;
  writeSync(2, `${error instanceof Error ? error.stack : String(error)}\n${JSON.stringify((error as { cause?: unknown }).cause ?? null)}\n`);
  process.exit(1);
});
if (process.env.CRASH_MASTER_KEY) installMasterKeys(Buffer.from(process.env.CRASH_MASTER_KEY, "base64"));
const database = await openDatabase(url.startsWith("pglite:") ? { pgliteDir: url.slice("pglite:".length) } : { url, maxConnections: 2 });
const service = new RetentionService(database.db, new ManualClock(new Date(asOf)), {
  ...DEFAULT_RETENTION_SETTINGS,
  batchSize: Number(batchSize),
  leaseTtlMs: Number(leaseTtlMs),
});
const print = (line: unknown): void => {
  process.stdout.write(`${JSON.stringify(line)}\n`);
};
const deadline = Date.now() + 30_000;
if (database.driver === "pglite") await service.releaseLeaseOfDeadProcess();
const plan = process.env.CRASH_WRITERS ? (JSON.parse(process.env.CRASH_WRITERS) as WriterPlan) : undefined;
const writers = plan ? startProcessWriters(database.db, new Date(asOf), plan, (write) => print({ write })) : undefined;
try {
  for (;;) {
    try {
      const run = await service.run({
        onBatch: async (b) => {
          print({ batch: b.step, done: b.done });
          // One session for the job and the writers: let a write in between two batches.
          if (writers) await new Promise((resolve) => setTimeout(resolve, 20));
        },
      });
      print({ result: "ran", run });
      break;
    } catch (error) {
      if (!(error instanceof RetentionBusyError)) throw error;
      if (!flags.includes("--wait-for-lease") || Date.now() > deadline) {
        print({ result: "busy" });
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
} finally {
  await writers?.stop();
  await database.close();
}
