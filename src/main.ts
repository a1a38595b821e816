/** Entry: config → database → API → HTTP server → scheduler. */
import { performance } from "node:perf_hooks";
import { systemClock } from "./clock.js";
import { loadConfigOrExit } from "./config.js";
import { openDatabaseOrExit } from "./db/client.js";
import { isPostgresWriteAfterClose } from "./db/pg-errors.js";
import { countDemoAccounts, seedDemoWorld } from "./db/seed/demo-world.js";
import { createHttpServer, type Route } from "./http.js";
import { scheduleRetention } from "./jobs/retention.job.js";
import { createLogger } from "./logger.js";
import { resolveExchangeKeysOrExit } from "./modules/proof/proof.key-store.js";
import { buildApi } from "./server.js";
import { drainHttp } from "./shutdown.js";

const config = loadConfigOrExit();
const logger = createLogger(config.logLevel);
const exchangeKeys = await resolveExchangeKeysOrExit(config, logger);
const database = await openDatabaseOrExit({
  url: config.databaseUrl,
  pgliteDir: config.pgliteDir,
  connectTimeoutSeconds: config.databaseConnectTimeoutSeconds,
  queryTimeoutSeconds: config.databaseQueryTimeoutSeconds,
});
await database.migrate();
// Production never serves the demo world: its accounts' passwords and security codes are public (README).
if (config.production) {
  const demoAccounts = await countDemoAccounts(database.db);
  if (demoAccounts > 0) {
    console.error(
      `Refused: the database holds ${demoAccounts} demo account${demoAccounts === 1 ? "" : "s"} (@imi.example or the demo TOTP secret), whose passwords and security codes are public; NODE_ENV=production never serves them. Use a database the demo world (npm run db:seed) was never loaded into.`,
    );
    await database.close();
    process.exit(1);
  }
}
if (database.driver === "pglite" && config.seedDemo) {
  if (await seedDemoWorld(database.db, systemClock, config.nodeEnv)) logger.info("demo world loaded");
}
const api = await buildApi({ db: database.db, clock: systemClock, config, logger, exchangeKeys, longStatements: (work) => database.unbounded(work) });
// The PGlite folder belongs to this process alone (its lock is held): a retention lease found in it was
// left by a process that died, and is freed now rather than after it lapses (issue 12, finding 4).
if (database.driver === "pglite" && (await api.services.retention.releaseLeaseOfDeadProcess())) {
  logger.info("retention lease left by a stopped process released");
}
const routes: Route[] = [];
if (config.graphiql) {
  const { serveGraphiQL } = await import("./graphiql/serve-graphiql.js");
  routes.push(serveGraphiQL);
}
const server = createHttpServer(api, logger, routes, { graphiql: config.graphiql });
const drain = drainHttp(server);
// SPEC "Retention job": on the configured schedule, single-runner across replicas (its lease).
const retentionJob = config.retentionSchedule ? scheduleRetention(api.services.retention, config.retentionSchedule, logger) : null;
if (!retentionJob) logger.info("retention job not scheduled (RETENTION_SCHEDULE=off)");

server.listen(config.port, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  logger.info(
    { port, driver: database.driver, startupMs: Math.round(performance.now()) /* since the process started, imports included */ },
    `IMI API ready: http://localhost:${port}/graphql (GraphiQL: http://localhost:${port}/graphiql)`,
  );
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  // At once: no new connections, in-flight requests finish and their connections close, no new
  // retention run, and one under way stops after its current batch (the next run carries on).
  const stopped = Promise.all([drain.close(), retentionJob?.stop()]);
  // Logged once the listening socket is closed: from this line on, new connections are refused.
  logger.info({ signal, graceSeconds: config.shutdownGraceSeconds }, "shutting down");
  // Bounded: a request or a retention batch that does not end within the grace period is cut off,
  // and the exit code (1) says the stop was not clean. Set the orchestrator's own grace above it.
  const overdue = setTimeout(() => {
    logger.warn({ inFlightRequests: drain.inFlight(), graceSeconds: config.shutdownGraceSeconds }, "shutdown grace period over: closing the remaining connections");
    drain.closeAll();
    process.exit(1);
  }, config.shutdownGraceSeconds * 1000);
  await stopped;
  await api.apollo.stop();
  await database.close();
  clearTimeout(overdue);
  logger.info("stopped");
  process.exit(0);
}
// A known postgres.js bug is survived (db/pg-errors.ts); any other uncaught exception still ends the
// process, as Node would, after saying so.
process.on("uncaughtException", (error) => {
  if (isPostgresWriteAfterClose(error)) {
    logger.warn({ cause: "postgres.js write after its connection closed" }, "database connection lost mid-write");
    return;
  }
  logger.fatal({ err: error }, "uncaught exception");
  process.exit(1);
});
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
