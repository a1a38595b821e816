/**
 * One retention runner in a process of its own, for the crash and single-runner tests
 * (crash.test.ts), started with node_modules/.bin/tsx:
 *
 *   run-job.ts <database url> <asOf ISO> <batch size> <lease ttl ms> [--wait-for-lease]
 *
 * Prints one JSON line per committed batch ({"batch":step,"done":n}) and a last line
 * {"result":"ran","run":{…}} or {"result":"busy"}. With --wait-for-lease it retries while another
 * runner (or a killed one whose lease has not lapsed yet) holds the lease.
 */
import { ManualClock } from "../../src/clock.js";
import { openDatabase } from "../../src/db/client.js";
import { isPostgresWriteAfterClose } from "../../src/db/pg-errors.js";
import { DEFAULT_RETENTION_SETTINGS, RetentionBusyError, RetentionService } from "../../src/modules/retention/retention.service.js";

const [url, asOf, batchSize, leaseTtlMs, ...flags] = process.argv.slice(2);
if (!url || !asOf || !batchSize || !leaseTtlMs) {
  console.error("usage: run-job.ts <database url> <asOf ISO> <batch size> <lease ttl ms> [--wait-for-lease]");
  process.exit(2);
}
// As the server does (main.ts): a backend terminated under a pipelined write is survived (db/pg-errors.ts).
process.on("uncaughtException", (error) => {
  if (isPostgresWriteAfterClose(error)) return;
  console.error(error);
  process.exit(1);
});
const database = await openDatabase({ url, maxConnections: 2 });
const service = new RetentionService(database.db, new ManualClock(new Date(asOf)), {
  ...DEFAULT_RETENTION_SETTINGS,
  batchSize: Number(batchSize),
  leaseTtlMs: Number(leaseTtlMs),
});
const print = (line: unknown): void => {
  process.stdout.write(`${JSON.stringify(line)}\n`);
};
const deadline = Date.now() + 30_000;
try {
  for (;;) {
    try {
      const run = await service.run({ onBatch: (b) => print({ batch: b.step, done: b.done }) });
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
  await database.close();
}
