/**
 * Issue 13: where the row policies' cost of a mutation goes, statement by statement, measured by the
 * server itself: `tsx bench/rls-mutation-statements.ts` (BENCH_DATABASE_URL or the local test server;
 * root or a user who can read the server's log, BENCH_PG_LOG, default the Debian one).
 *
 * A fresh database with the bench's world (bench/servers.child.ts: accepted requests between DK and
 * DE), `log_min_duration_statement = 0` set on that database only, and two servers in-process on one
 * drizzle handle: full (buildApi as main.ts) and noRls (withoutRowSecurity). postMessage is sent
 * BENCH_CALLS times to each, one at a time (no concurrency, so no lock waits), after a warm-up that
 * lets the prepared statements reach their generic plans; the log lines of each phase (parse, bind,
 * execute, simple queries) are summed per statement text and divided by the calls.
 * BENCH_PLAN_CACHE_MODE sets `plan_cache_mode` on that database (an experiment: see below).
 */
import { readFile, stat } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import postgres from "postgres";
import { securityCodeAt } from "../src/auth/totp.js";
import { systemClock } from "../src/clock.js";
import { createHttpServer } from "../src/http.js";
import { createLogger } from "../src/logger.js";
import { buildApi } from "../src/server.js";
import { TEST_SECRET, TestApi } from "../test/helpers/api.js";
import { insertAcceptedRequests } from "../test/helpers/procedure-factory.js";
import { TEST_PASSWORD, TEST_TOTP_SECRET, World } from "../test/helpers/world.js";
import { createServerDatabase, openCountingDatabase, postgresServerUrl } from "./database.js";
import { LOOKUP, POST_MESSAGE } from "./operations.js";

/** BENCH_OPERATION=lookup: the small lookup instead (procedure(id), as bench/operations.ts). */
const LOOKING_UP = process.env.BENCH_OPERATION === "lookup";
const CALLS = Number(process.env.BENCH_CALLS ?? 200);
const WARMUP = Number(process.env.BENCH_WARMUP_CALLS ?? 30);
const LOG = process.env.BENCH_PG_LOG ?? "/var/log/postgresql/postgresql-15-main.log";

const serverUrl = await postgresServerUrl();
if (!serverUrl) throw new Error("rls-mutation-statements needs PostgreSQL");
const created = await createServerDatabase(serverUrl, "mutation_statements");
const name = new URL(created.url).pathname.slice(1);
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`alter database "${name}" set log_min_duration_statement = 0`);
// BENCH_PLAN_CACHE_MODE=force_generic_plan: the prepared statements' plans reused from the first
// execution on, instead of PostgreSQL's custom plans that it keeps choosing under the row policies.
const PLAN_CACHE_MODE = process.env.BENCH_PLAN_CACHE_MODE;
if (PLAN_CACHE_MODE) {
  if (!/^(auto|force_generic_plan|force_custom_plan)$/.test(PLAN_CACHE_MODE)) throw new Error(`BENCH_PLAN_CACHE_MODE: ${PLAN_CACHE_MODE}?`);
  await admin.unsafe(`alter database "${name}" set plan_cache_mode = ${PLAN_CACHE_MODE}`);
}
const database = await openCountingDatabase(created.url);
try {
  await database.migrate();
  const seeding = await TestApi.create(database.db);
  const world = await World.create(database.db, seeding);
  await seeding.stop();
  const targets = await insertAcceptedRequests(database.db, world, { count: 200, start: new Date(Date.now() - 7 * 24 * 3600 * 1000), label: "Conversation" });
  await insertAcceptedRequests(database.db, world, { count: 50, start: new Date(Date.now() - 24 * 3600 * 1000) });

  const logger = createLogger("info", pino.destination({ dest: "/dev/null", sync: false }));
  const deps = { db: database.db, clock: systemClock, config: { jwtSecret: TEST_SECRET, tokenTtlSeconds: 24 * 3600, production: true }, logger };
  const apis = { full: await buildApi(deps), noRls: await buildApi({ ...deps, withoutRowSecurity: true }) };
  const session = await apis.full.services.auth.login(world.user.handlerDk.email, TEST_PASSWORD, securityCodeAt(TEST_TOTP_SECRET, new Date()));

  const perStatement: Record<string, Map<string, number>> = {};
  for (const [server, api] of Object.entries(apis)) {
    const http = createHttpServer(api, logger, [], { graphiql: false });
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    const port = (http.address() as AddressInfo).port;
    let n = 0;
    const call = async () => {
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${session.token}` },
        body: JSON.stringify(
          LOOKING_UP
            ? { query: LOOKUP, variables: { id: targets.ids[n++ % targets.ids.length] } }
            : { query: POST_MESSAGE, variables: { procedureId: targets.ids[n++ % targets.ids.length], body: "A follow-up question." } },
        ),
      });
      const body = (await response.json()) as { errors?: unknown };
      if (body.errors) throw new Error(`${server}: ${JSON.stringify(body.errors)}`);
    };
    for (let i = 0; i < WARMUP; i++) await call();
    await new Promise((r) => setTimeout(r, 500));
    const from = (await stat(LOG)).size;
    const started = performance.now();
    for (let i = 0; i < CALLS; i++) await call();
    const wall = (performance.now() - started) / CALLS;
    await new Promise((r) => setTimeout(r, 1000));
    const text = (await readFile(LOG)).subarray(from).toString("utf8");
    await new Promise<void>((resolve) => http.close(() => resolve()));
    perStatement[server] = summarize(text, name);
    const total = [...perStatement[server]!.values()].reduce((a, b) => a + b, 0);
    console.log(`${server}: ${wall.toFixed(2)} ms per call (client wall), ${(total / CALLS).toFixed(3)} ms per call in the server's statements`);
  }
  const keys = new Set([...perStatement.full!.keys(), ...perStatement.noRls!.keys()]);
  const rows = [...keys]
    .map((key) => ({ key, full: (perStatement.full!.get(key) ?? 0) / CALLS, noRls: (perStatement.noRls!.get(key) ?? 0) / CALLS }))
    .sort((a, b) => b.full - b.noRls - (a.full - a.noRls));
  console.log("\n| statement (phase) | full, ms per call | row security off, ms per call | difference |\n|---|---:|---:|---:|");
  for (const r of rows) console.log(`| ${r.key.replace(/\|/g, "\\|")} | ${r.full.toFixed(3)} | ${r.noRls.toFixed(3)} | ${(r.full - r.noRls).toFixed(3)} |`);
  await Promise.all(Object.values(apis).map((api) => api.apollo.stop()));
} finally {
  await database.close();
  await admin.unsafe(`alter database "${name}" reset log_min_duration_statement`).catch(() => {});
  await admin.end();
  await created.drop();
}

/** The log's `duration: … ms  <phase> <name>: <statement>` lines of database `db`, summed per phase and statement text. */
function summarize(text: string, db: string): Map<string, number> {
  const sums = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (!line.includes(`@${db} `)) continue;
    const match = /duration: ([\d.]+) ms {2}(?:(parse|bind|execute) [^:]*: |statement: )(.*)$/.exec(line);
    if (!match) continue;
    const statement = match[3]!.replace(/\s+/g, " ").slice(0, 140);
    const key = `${statement} (${match[2] ?? "simple"})`;
    sums.set(key, (sums.get(key) ?? 0) + Number(match[1]));
  }
  return sums;
}
