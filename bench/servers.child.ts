/**
 * The process the HTTP bench loads (forked by bench/servers.ts, never run by hand): one database,
 * one world, three servers on loopback ports, all on the same drizzle handle:
 *
 * - full: buildApi (src/server.ts) + createHttpServer (src/http.ts), as main.ts builds them;
 * - noAuth: the same with `withoutAuthorization: true` (no shield; tokens, row scope and audit stay);
 * - noRls: the same with `withoutRowSecurity: true` (no request transaction, viewer settings nor API
 *   role, so no row policies: what the database's wall of issue 13 costs);
 * - graphqlJs: the hand-written graphql-js baseline (bench/baseline-graphql-js.ts);
 * - fair: the hand-written baseline doing the API's security work (bench/fair-baseline.ts), on a
 *   postgres.js pool of its own (PostgreSQL only), its statements counted with drizzle's.
 *
 * BENCH_SEALED=1 seals the world's personal data (R-RETAIN-3), as the API writes it; every server opens it.
 * BENCH_CHILD_SERVERS (comma-separated) starts only those servers (the scale part: full and fair).
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
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { securityCodeAt } from "../src/auth/totp.js";
import { systemClock } from "../src/clock.js";
import { createHttpServer } from "../src/http.js";
import { createLogger } from "../src/logger.js";
import { buildApi, type Api } from "../src/server.js";
import { sealLegacyRows } from "../src/db/personal-crypto/legacy-rows.js";
import { TEST_SECRET, TestApi } from "../test/helpers/api.js";
import { insertAcceptedRequests } from "../test/helpers/procedure-factory.js";
import { TEST_PASSWORD, TEST_TOTP_SECRET, World } from "../test/helpers/world.js";
import { createBaselineServer } from "./baseline-graphql-js.js";
import { openCountingDatabase, rowsOf } from "./database.js";
import { createFairBaselineServer } from "./fair-baseline.js";
import { LISTED_PROCEDURES, MUTATION_PROCEDURES, SERVER_NAMES, type AuditRow, type ChildMessage, type ParentMessage, type ServerName } from "./servers.js";

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
// The factory writes plaintext. BENCH_SEALED=1 seals it (R-RETAIN-3) as an upgraded database is at
// start, so every read opens its values as in production; off by default, because on PostgreSQL the
// key lookup under the API's role then costs about a second per result set (the personal_data_keys
// row policy; bench/results.md section 9) and drowns every other difference between the servers.
if (process.env.BENCH_SEALED === "1") await sealLegacyRows(database.db);

// Production settings: the real clock, production mode (introspection guard), a long token life.
const apiDeps = { db: database.db, clock: systemClock, config: { jwtSecret: TEST_SECRET, tokenTtlSeconds: 24 * 3600, production: true }, logger };
const wanted = new Set<ServerName>(process.env.BENCH_CHILD_SERVERS ? (process.env.BENCH_CHILD_SERVERS.split(",") as ServerName[]) : SERVER_NAMES);
const url = process.env.BENCH_CHILD_DATABASE_URL || undefined;
if (!url) wanted.delete("fair");
const full: Api = await buildApi(apiDeps);
const noAuth: Api | undefined = wanted.has("noAuth") ? await buildApi({ ...apiDeps, withoutAuthorization: true }) : undefined;
const noRls: Api | undefined = wanted.has("noRls") ? await buildApi({ ...apiDeps, withoutRowSecurity: true }) : undefined;
const session = await full.services.auth.login(world.user.handlerDk.email, TEST_PASSWORD, securityCodeAt(TEST_TOTP_SECRET, new Date()));

// The fair baseline's own pool, as large as the API's (openCountingDatabase: 10). Not counted, as
// drizzle's logger does not see them either: BEGIN/COMMIT, and the array types postgres.js fetches
// once per new connection (pg_catalog.pg_type).
let fairStatements = 0;
const fairClient = url
  ? postgres(url, {
      max: 10,
      onnotice: () => {},
      debug: (_connection, query) => void (/^\s*(begin|commit|rollback)\b/i.test(query) || query.includes("pg_catalog.pg_type") || fairStatements++),
    })
  : undefined;

const builders: Record<ServerName, () => Server> = {
  full: () => createHttpServer(full, logger, [], { graphiql: false }),
  noAuth: () => createHttpServer(noAuth!, logger, [], { graphiql: false }),
  noRls: () => createHttpServer(noRls!, logger, [], { graphiql: false }),
  graphqlJs: () => createBaselineServer(database.db, world.authority.dk),
  fair: () => createFairBaselineServer(fairClient!, TEST_SECRET),
};
const running = SERVER_NAMES.filter((name) => wanted.has(name));
const servers = Object.fromEntries(running.map((name) => [name, builders[name]()])) as Partial<Record<ServerName, Server>>;
const ports: Partial<Record<ServerName, number>> = {};
for (const [name, server] of Object.entries(servers) as [ServerName, Server][]) {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  ports[name] = (server.address() as AddressInfo).port;
}

/**
 * Older procedures visible to the world's DK case handler, added set-based (as bench/statistics.ts
 * seeds) until `visible` are: the DK initiator and an accepted DE responder, a data subject and two
 * messages each (plaintext: they are never on the first page, which stays the world's newest 50).
 */
async function grow(visible: number): Promise<{ visible: number; seconds: number }> {
  const started = performance.now();
  const count = async () =>
    rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from participants where authority_id = ${world.authority.dk} and forwarded_at is null`))[0]!.n;
  const missing = visible - (await count());
  const batch = 50_000;
  for (let offset = 0; offset < missing; offset += batch) {
    const size = Math.min(batch, missing - offset);
    await database.db.execute(sql`with g as (
        select i, now() - interval '30 days' - (${offset}::int + i) * interval '1 minute' as at
        from generate_series(1, ${size}::int) i
      ), p as (
        insert into procedures (reference, kind, legal_area_code, subject, status, initiator_authority_id, created_by_user_id,
          created_at, sent_at, last_activity_at)
        select 'SCALE-' || (${offset}::int + i) || '-' || ${started.toFixed(0)}, 'REQUEST'::procedure_kind, 'SERVICES', 'Scale ' || i, 'ACCEPTED'::procedure_status,
          ${world.authority.dk}::uuid, ${world.user.handlerDk.id}::uuid, at, at, at
        from g returning id, created_at
      ), pa as (
        insert into participants (procedure_id, authority_id, part, added_at, accepted_at)
        select id, ${world.authority.dk}::uuid, 'INITIATOR'::participant_part, created_at, null::timestamptz from p
        union all select id, ${world.authority.de}::uuid, 'RESPONDER'::participant_part, created_at, created_at from p
      ), ds as (
        insert into data_subjects (procedure_id, full_name, date_of_birth, added_by_authority_id, created_at)
        select id, 'Person', '1980-01-01', ${world.authority.dk}::uuid, created_at from p
      )
      insert into messages (procedure_id, author_authority_id, body, created_at)
      select id, ${world.authority.dk}::uuid, 'Is the provider registered?', created_at from p
      union all select id, ${world.authority.de}::uuid, 'It is.', created_at from p`);
  }
  // As autovacuum would leave tables that filled: statistics and the visibility map.
  for (const table of ["procedures", "participants", "data_subjects", "messages"]) await database.db.execute(sql.raw(`vacuum analyze ${table}`));
  return { visible: await count(), seconds: (performance.now() - started) / 1000 };
}

let profiler: Session | undefined;

// The bench stopped without saying so (a crash, Ctrl-C): nothing left listening.
process.on("disconnect", () => process.exit(1));

process.on("message", (message: ParentMessage) => {
  void (async () => {
    switch (message.type) {
      case "statements":
        return send({ type: "statements", id: message.id, count: database.statements() + fairStatements });
      case "audit": {
        const rows = rowsOf<AuditRow>(
          await database.db.execute(sql`select action, procedure_id as "procedureId", data_subject_id as "dataSubjectId", fields, ground,
            actor_user_id as "actorUserId", actor_authority_id as "actorAuthorityId" from audit_events where request_id = ${message.requestId}`),
        );
        return send({ type: "audit", id: message.id, rows });
      }
      case "grow":
        return send({ type: "grown", id: message.id, ...(await grow(message.visible)) });
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
        await noAuth?.apollo.stop();
        await noRls?.apollo.stop();
        await fairClient?.end({ timeout: 1 });
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
  servers: running,
  ports,
  token: session.token,
  lookupId: listed.ids[0]!,
  mutationIds: mutationTargets.ids,
  listedProcedures: LISTED_PROCEDURES,
});
