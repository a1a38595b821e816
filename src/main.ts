/** Entry: config → database → API → HTTP server → scheduler. */
import { performance } from "node:perf_hooks";
import { systemClock } from "./clock.js";
import { loadConfigOrExit } from "./config.js";
import { openDatabase } from "./db/client.js";
import { seedDemoWorld } from "./db/seed/demo-world.js";
import { createHttpServer, type Route } from "./http.js";
import { scheduleRetention } from "./jobs/retention.job.js";
import { createLogger } from "./logger.js";
import { resolveExchangeKeysOrExit } from "./modules/proof/proof.key-store.js";
import { buildApi } from "./server.js";

const config = loadConfigOrExit();
const logger = createLogger(config.logLevel);
const exchangeKeys = await resolveExchangeKeysOrExit(config, logger);
const database = await openDatabase({ url: config.databaseUrl, pgliteDir: config.pgliteDir });
await database.migrate();
if (database.driver === "pglite" && config.seedDemo) {
  if (await seedDemoWorld(database.db, systemClock, config.nodeEnv)) logger.info("demo world loaded");
}
const api = await buildApi({ db: database.db, clock: systemClock, config, logger, exchangeKeys });
const routes: Route[] = [];
if (config.graphiql) {
  const { serveGraphiQL } = await import("./graphiql/serve-graphiql.js");
  routes.push(serveGraphiQL);
}
const server = createHttpServer(api, logger, routes, { graphiql: config.graphiql });
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
  logger.info({ signal }, "shutting down");
  // No new retention run; one under way stops after its current batch (the next run carries on).
  await retentionJob?.stop();
  // Stop accepting connections, let in-flight requests finish, then release the database.
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await api.apollo.stop();
  await database.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
