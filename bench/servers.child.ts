/**
 * The process the HTTP bench loads (forked by bench/servers.ts, never run by hand): one database,
 * one world, three servers on loopback ports, all on the same drizzle handle:
 *
 * - full: buildApi (src/server.ts) + createHttpServer (src/http.ts), as main.ts builds them;
 * - noAuth: the same with `withoutAuthorization: true` (no shield; tokens, row scope and audit stay);
 * - noRls: the same with `withoutRowSecurity: true` (no request transaction, viewer settings nor API
 *   role, so no row policies: what the database's wall of issue 13 costs);
 * - graphqlJs: the hand-written graphql-js baseline (bench/baseline-graphql-js.ts).
 *
 * The load generator runs in the parent, so it does not share this event loop. Over IPC the parent
 * asks for the statement counter and for a CPU profile of a stretch of load (node:inspector).
 */
import { writeFile } from "node:fs/promises";
import type { Server } from "node:http";
import { Session } from "node:inspector/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { securityCodeAt } from "../src/auth/totp.js";
import { systemClock } from "../src/clock.js";
import { createHttpServer } from "../src/http.js";
import { createLogger } from "../src/logger.js";
import { buildApi, type Api } from "../src/server.js";
import { TEST_SECRET, TestApi } from "../test/helpers/api.js";
import { insertAcceptedRequests } from "../test/helpers/procedure-factory.js";
import { TEST_PASSWORD, TEST_TOTP_SECRET, World } from "../test/helpers/world.js";
import { createBaselineServer } from "./baseline-graphql-js.js";
import { openCountingDatabase } from "./database.js";
import { LISTED_PROCEDURES, MUTATION_PROCEDURES, type ChildMessage, type ParentMessage, type ServerName } from "./servers.js";

const send = (message: ChildMessage) => process.send!(message);

const database = await openCountingDatabase(process.env.BENCH_CHILD_DATABASE_URL || undefined);
await database.migrate();
// As in production: a line per request at info (src/observability), here written to /dev/null.
const logger = createLogger(process.env.BENCH_LOG_LEVEL ?? "info", pino.destination({ dest: "/dev/null", sync: false }));

// The world: authorities and users (World), then accepted requests in bulk. The mutation writes into
// older ones than the listed 50, so the nested list stays the same all along.
const seeding = await TestApi.create(database.db);
const world = await World.create(database.db, seeding);
await seeding.stop();
const now = Date.now();
const mutationTargets = await insertAcceptedRequests(database.db, world, {
  count: MUTATION_PROCEDURES,
  start: new Date(now - 7 * 24 * 3600 * 1000),
  label: "Conversation",
});
const listed = await insertAcceptedRequests(database.db, world, { count: LISTED_PROCEDURES, start: new Date(now - 24 * 3600 * 1000) });

// Production settings: the real clock, production mode (introspection guard), a long token life.
const apiDeps = { db: database.db, clock: systemClock, config: { jwtSecret: TEST_SECRET, tokenTtlSeconds: 24 * 3600, production: true }, logger };
const full: Api = await buildApi(apiDeps);
const noAuth: Api = await buildApi({ ...apiDeps, withoutAuthorization: true });
const noRls: Api = await buildApi({ ...apiDeps, withoutRowSecurity: true });
const session = await full.services.auth.login(world.user.handlerDk.email, TEST_PASSWORD, securityCodeAt(TEST_TOTP_SECRET, new Date()));

const servers: Record<ServerName, Server> = {
  full: createHttpServer(full, logger, [], { graphiql: false }),
  noAuth: createHttpServer(noAuth, logger, [], { graphiql: false }),
  noRls: createHttpServer(noRls, logger, [], { graphiql: false }),
  graphqlJs: createBaselineServer(database.db, world.authority.dk),
};
const ports = {} as Record<ServerName, number>;
for (const [name, server] of Object.entries(servers) as [ServerName, Server][]) {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  ports[name] = (server.address() as AddressInfo).port;
}

let profiler: Session | undefined;

// The bench stopped without saying so (a crash, Ctrl-C): nothing left listening.
process.on("disconnect", () => process.exit(1));

process.on("message", (message: ParentMessage) => {
  void (async () => {
    switch (message.type) {
      case "statements":
        return send({ type: "statements", id: message.id, count: database.statements() });
      case "cpu": {
        const usage = process.cpuUsage();
        return send({ type: "cpu", id: message.id, micros: usage.user + usage.system });
      }
      case "profile-start":
        profiler = new Session();
        profiler.connect();
        await profiler.post("Profiler.enable");
        await profiler.post("Profiler.start");
        return send({ type: "profile-started", id: message.id });
      case "profile-stop": {
        const { profile } = await profiler!.post("Profiler.stop");
        profiler!.disconnect();
        const path = join(tmpdir(), `imi-bench-${process.pid}-${Date.now()}.cpuprofile`);
        await writeFile(path, JSON.stringify(profile));
        return send({ type: "profile", id: message.id, path });
      }
      case "stop":
        for (const server of Object.values(servers)) {
          server.closeAllConnections();
          await new Promise<void>((resolve) => server.close(() => resolve()));
        }
        await full.apollo.stop();
        await noAuth.apollo.stop();
        await noRls.apollo.stop();
        await database.close();
        send({ type: "stopped", id: message.id });
        process.exit(0);
    }
  })().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});

send({
  type: "ready",
  driver: database.driver,
  ports,
  token: session.token,
  lookupId: listed.ids[0]!,
  mutationIds: mutationTargets.ids,
  listedProcedures: LISTED_PROCEDURES,
});
