/** Entry: config → database → API → HTTP server → scheduler. */
import { performance } from "node:perf_hooks";
import { inspect } from "node:util";
import { systemClock } from "./clock.js";
import { ConfigError, loadConfigOrExit } from "./config.js";
import { openDatabaseOrExit } from "./db/client.js";
import { sealLegacyRows } from "./db/personal-crypto/legacy-rows.js";
import { resolveMasterKeys } from "./db/personal-crypto/master-key.resolve.js";
import { rewrapUnderCurrentMasterKey } from "./db/personal-crypto/master-key.rotate.js";
import { isPostgresWriteAfterClose } from "./db/pg-errors.js";
import { countDemoAccounts, seedDemoWorld } from "./db/seed/demo-world.js";
import { closeLiveConnections, createHttpServer, type Route } from "./http.js";
import { loadTrustedDocumentsOrExit } from "./graphql/trusted-documents.js";
import { scheduleRetention } from "./jobs/retention.job.js";
import { createLogger } from "./logger.js";
import { resolveExchangeKeysOrExit } from "./modules/proof/proof.key-store.js";
import { describeStartupFailure } from "./ops/startup-failure.js";
import { buildApi } from "./server.js";
import { mailTransportFor } from "./modules/mail/mail.transport.js";
import { drainHttp } from "./shutdown.js";

const config = loadConfigOrExit();
const logger = createLogger(config.logLevel);
// Issue 15: a start that fails on a setting (the database, the port, the data folder) says which in
// one line and exits with code 1; any other failure is a bug, and is logged in full.
const startupSettings = { ...config, pgliteDir: config.databaseUrl ? undefined : config.pgliteDir };
function exitOnStartupFailure(error: unknown): never {
  const line = describeStartupFailure(error, startupSettings);
  if (line) console.error(line);
  // A thrown value that is not an Error (PGlite's file system throws plain objects) logged as "object".
  else logger.fatal({ err: error instanceof Error ? error : new Error(inspect(error, { depth: 3 })) }, "start failed");
  process.exit(1);
}
// A failed top-level await of the start arrives as an uncaught exception (origin "unhandledRejection").
process.on("uncaughtException", exitOnStartupFailure);
const database = await openDatabaseOrExit({
  url: config.databaseUrl,
  pgliteDir: config.pgliteDir,
  connectTimeoutSeconds: config.databaseConnectTimeoutSeconds,
  queryTimeoutSeconds: config.databaseQueryTimeoutSeconds,
  prepareStatements: config.databasePrepare,
});
// After the folder is ours and PGlite has made it: the embedded signing key is kept inside it (issue 15).
const exchangeKeys = await resolveExchangeKeysOrExit(config, logger);
await database.migrate();
// R-RETAIN-3 crypto-shredding: the master key first (production refuses to start without one), then
// the rows of a database written before sealing are sealed before anything is served.
try {
  await resolveMasterKeys(config, database.db, logger);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Configuration error: ${error.message}`);
  await database.close();
  process.exit(1);
}
// Production never serves the demo world: its accounts' passwords and security codes are public (README).
// Refused before the start-up steps below write anything under this server's master key.
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
const legacySealed = await sealLegacyRows(database.db);
if (legacySealed > 0) logger.info({ rows: legacySealed }, "sealed personal data written before sealing (R-RETAIN-3)");
const rewrapped = await rewrapUnderCurrentMasterKey(database.db);
if (rewrapped > 0) logger.info({ keys: rewrapped }, "personal-data keys re-wrapped under the current master key");
if (database.driver === "pglite" && config.seedDemo) {
  if (await seedDemoWorld(database.db, systemClock, config.nodeEnv)) logger.info("demo world loaded");
}
// Issue 16: subscriptions hear the database's NOTIFY; TRUSTED_DOCUMENTS limits what is executed.
const trustedDocuments = config.trustedDocuments.length > 0 ? loadTrustedDocumentsOrExit(config.trustedDocuments) : undefined;
// R-SEC-1: enrolment codes go by SMTP or into the operator's outbox folder, never to the API's caller.
const mail = mailTransportFor({ smtpUrl: config.smtpUrl, outboxDir: config.mailOutboxDir, from: config.mailFrom });
if (!mail.configured) logger.warn("no mail transport (SMTP_URL or MAIL_OUTBOX_DIR): createUser and resendEnrolment are refused until one is configured");
else logger.info({ transport: mail.kind, outbox: mail.kind === "outbox" ? config.mailOutboxDir : undefined }, "enrolment mail transport ready");
const api = await buildApi({
  mail,
  db: database.db,
  clock: systemClock,
  config,
  logger,
  exchangeKeys,
  longStatements: (work) => database.unbounded(work),
  listen: (channel, onPayload) => database.listen(channel, onPayload),
  live: config.live,
  trustedDocuments,
});
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
const server = createHttpServer(api, logger, routes, { graphiql: config.graphiql, corsOrigins: config.corsOrigins });
const drain = drainHttp(server);
// Listening first: a port in use ends the start with one line before any job is scheduled.
await new Promise<void>((resolve) => {
  server.once("error", exitOnStartupFailure);
  server.listen(config.port, config.host, () => {
    server.off("error", exitOnStartupFailure);
    resolve();
  });
});
// SPEC "Retention job": on the configured schedule, single-runner across replicas (its lease).
const retentionJob = config.retentionSchedule ? scheduleRetention(api.services.retention, config.retentionSchedule, logger) : null;
if (!retentionJob) logger.info("retention job not scheduled (RETENTION_SCHEDULE=off)");
{
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  // The address to open: this machine's loopback when listening on every interface.
  const shown = ["0.0.0.0", "::"].includes(config.host) ? "localhost" : config.host.includes(":") ? `[${config.host}]` : config.host;
  logger.info(
    { port, host: config.host, driver: database.driver, startupMs: Math.round(performance.now()) /* since the process started, imports included */ },
    `IMI API ready: http://${shown}:${port}/graphql` + (config.graphiql ? ` (GraphiQL: http://${shown}:${port}/graphiql)` : ""),
  );
}
process.off("uncaughtException", exitOnStartupFailure);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  // At once: no new connections, in-flight requests finish and their connections close, no new
  // retention run, and one under way stops after its current batch (the next run carries on).
  const stopped = Promise.all([drain.close(), retentionJob?.stop(), closeLiveConnections(server)]);
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
