import { randomBytes } from "node:crypto";
import { print } from "graphql";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProceduresDocument } from "../../examples/generated/graphql.js";
import { systemClock } from "../../src/clock.js";
import { openDatabase } from "../../src/db/client.js";
import { DEMO_AUTHORITY } from "../../src/db/seed/demo-ids.js";
import { seedDemoWorld } from "../../src/db/seed/demo-world.js";
import { CREATE_PROCEDURE } from "../operations.js";
import { freePort, killChildren, parse, runTs, stopProcess, untilReady, type Run } from "../helpers/server-process.js";
import { sharedMasterKey } from "../helpers/shared-master-key.js";
import { TcpProxy } from "../helpers/tcp-proxy.js";
import { call, hasStackTrace, login } from "./client.js";

/**
 * The database goes away (issue 12, finding 5). Every request answered a generic 500
 * INTERNAL_SERVER_ERROR after up to 19 s, and /readyz took 11.5 s at recovery (postgres.js'
 * reconnect delay grows to 20 s, and every query waited for it). Now: 503, SERVICE_UNAVAILABLE and
 * Retry-After, soon, during the outage; ready again soon after it, without a restart. The outage
 * is a TCP proxy between the server and PostgreSQL, cut and restored by the test; PostgreSQL only.
 */
const SERVER = process.env.TEST_DATABASE_URL;
if (!SERVER) {
  console.warn("test/ops/database-outage.test.ts skipped: it needs PostgreSQL in TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test; .ci/run sets it).");
}

/** Generous bounds on a loaded 2-core machine; before the fix, requests took up to 19 s and /readyz 11.5 s. */
const ANSWER_BOUND_MS = 5_000;
/** A partition also waits for the connect timeout (2 s here) or the answer bound (3 s here). */
const PARTITION_BOUND_MS = 10_000;

interface Timed {
  status: number;
  retryAfter: string | null;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[]; status?: string };
  ms: number;
}

async function timed(url: string, init?: RequestInit): Promise<Timed> {
  const started = performance.now();
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(60_000) });
  const body = (await response.json()) as Timed["body"];
  return { status: response.status, retryAfter: response.headers.get("retry-after"), body, ms: performance.now() - started };
}

function graphqlRequest(base: string, query: string, variables: unknown, token?: string): Promise<Timed> {
  return timed(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
}

/** A retryable refusal: 503, SERVICE_UNAVAILABLE on every error, Retry-After, no stack or SQL, within the bound. */
function expectUnavailable(answer: Timed, boundMs: number): void {
  expect(answer.status, JSON.stringify(answer.body)).toBe(503);
  expect(answer.retryAfter).toMatch(/^[1-9]\d*$/);
  expect(answer.body.errors?.length).toBeGreaterThan(0);
  for (const error of answer.body.errors ?? []) {
    expect(error.extensions?.code).toBe("SERVICE_UNAVAILABLE");
    expect(error.message).not.toMatch(/select|insert|ECONN|postgres|\bat\b/i);
  }
  expect(answer.ms).toBeLessThan(boundMs);
}

/** Polls /readyz until it answers 200; returns how long that took from the call. */
async function readyAgain(base: string, boundMs: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    const answer = await timed(`${base}/readyz`);
    if (answer.status === 200) return performance.now() - started;
    expect(answer.status).toBe(503);
    expect(performance.now() - started, "not ready again within the bound").toBeLessThan(boundMs);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(!SERVER)("the database goes away and comes back (PostgreSQL, through a proxy)", () => {
  const name = `imi_outage_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const serverUrl = new URL(SERVER || "postgres://unset");
  let admin: postgres.Sql;
  let proxy: TcpProxy;
  let api: Run;
  let base: string;
  let token: string;
  const measured: Record<string, number[]> = {};
  const measure = (what: string, ms: number) => (measured[what] ??= []).push(Math.round(ms));

  beforeAll(async () => {
    admin = postgres(SERVER!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    const direct = new URL(serverUrl);
    direct.pathname = `/${name}`;
    const masterKey = sharedMasterKey();
    const seed = await openDatabase({ url: direct.toString(), maxConnections: 2 });
    try {
      await seed.migrate();
      await seedDemoWorld(seed.db, systemClock, "development");
    } finally {
      await seed.close();
    }
    proxy = await TcpProxy.start({ host: serverUrl.hostname, port: Number(serverUrl.port || 5432) });
    const viaProxy = new URL(direct);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const port = await freePort();
    api = runTs("src/main.ts", {
      PORT: String(port),
      DATABASE_URL: viaProxy.toString(),
      ...masterKey,
      JWT_SECRET: randomBytes(32).toString("base64url"),
      LOG_LEVEL: "info",
      RETENTION_SCHEDULE: "off",
      DATABASE_CONNECT_TIMEOUT_SECONDS: "2",
      DATABASE_QUERY_TIMEOUT_SECONDS: "3",
    });
    await untilReady(api);
    base = `http://127.0.0.1:${port}`;
    token = await login(base, "handler.dk@imi.example");
  }, 120_000);

  afterAll(async () => {
    if (api) await stopProcess(api);
    killChildren();
    await proxy?.close();
    await admin?.unsafe(`drop database if exists "${name}" with (force)`);
    await admin?.end();
    console.info(`database outage, measured (ms): ${JSON.stringify(measured)}`);
  });

  const procedures = print(ProceduresDocument);
  const create = print(CREATE_PROCEDURE);
  const input = {
    input: {
      kind: "REQUEST",
      legalAreaCode: "SERVICES",
      subject: "Asked during an outage",
      justification: "The provider applied to work in Denmark.",
      recipientAuthorityIds: [DEMO_AUTHORITY.chamberOfCraftsDe],
    },
  };

  for (const [outage, cut, bound] of [
    ["stopped (connections reset and refused)", (p: TcpProxy) => p.refuse(), ANSWER_BOUND_MS],
    ["partitioned (nothing gets through)", (p: TcpProxy) => p.blackhole(), PARTITION_BOUND_MS],
  ] as const) {
    it(`while the database is ${outage}, requests answer 503 SERVICE_UNAVAILABLE with Retry-After, /readyz 503, each within a bound; afterwards it serves again without a restart`, { timeout: 180_000 }, async () => {
      expect((await call(base, ProceduresDocument, { first: 5 }, token)).procedures.totalCount).toBeGreaterThan(0);
      const pid = api.child.pid;
      cut(proxy);
      // Several in a row (postgres.js' reconnect delay grew with each failure) and some at once.
      for (let i = 0; i < 6; i++) {
        const answer = await graphqlRequest(base, procedures, { first: 5 }, token);
        measure(`${outage}: query`, answer.ms);
        expectUnavailable(answer, bound);
      }
      const together = await Promise.all([
        graphqlRequest(base, procedures, { first: 5 }, token),
        graphqlRequest(base, create, input, token),
        graphqlRequest(base, procedures, { first: 5 }),
      ]);
      for (const answer of together) {
        measure(`${outage}: concurrent`, answer.ms);
        // Without a session the query needs no database: it may answer UNAUTHENTICATED, never a 500.
        if (answer.status === 200) expect(answer.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
        else expectUnavailable(answer, bound);
      }
      const ready = await timed(`${base}/readyz`);
      measure(`${outage}: readyz`, ready.ms);
      expect(ready.status).toBe(503);
      expect(ready.ms).toBeLessThan(bound);

      proxy.restore();
      const recovery = await readyAgain(base, bound);
      measure(`${outage}: ready again after restore`, recovery);
      const after = await graphqlRequest(base, procedures, { first: 5 }, token);
      measure(`${outage}: first query after restore`, after.ms);
      expect(after.status, JSON.stringify(after.body)).toBe(200);
      expect(after.body.errors).toBeUndefined();
      expect((await graphqlRequest(base, create, input, token)).body.errors).toBeUndefined();
      // The same process throughout: recovered, not restarted.
      expect(api.child.pid).toBe(pid);
      expect(api.child.exitCode).toBeNull();
      expect(hasStackTrace(api.lines), api.lines.filter((line) => line.includes("stack")).join("\n")).toBe(false);
      expect(api.lines.map(parse).some((entry) => entry?.msg === "unexpected error")).toBe(false);
    });
  }

  it("a mutation whose COMMIT reached the database but whose answer was lost answers 503 SERVICE_UNAVAILABLE with reason OUTCOME_UNKNOWN, not \"try again\"; the change is there afterwards", { timeout: 60_000 }, async () => {
    // Fresh connections: the first COMMIT on one is sent as text, which the proxy recognises (later ones are prepared).
    proxy.refuse();
    proxy.restore();
    await readyAgain(base, ANSWER_BOUND_MS);
    const subject = `Committed, its answer lost ${randomBytes(3).toString("hex")}`;
    const lost = proxy.loseAnswerAfter("commit\0");
    const answer = await graphqlRequest(base, create, { input: { ...input.input, subject } }, token);
    await lost;
    expect(answer.status, JSON.stringify(answer.body)).toBe(503);
    expect(answer.retryAfter).toMatch(/^[1-9]\d*$/);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: "SERVICE_UNAVAILABLE", reason: "OUTCOME_UNKNOWN" });
    expect(answer.body.errors?.[0]?.message).not.toMatch(/try again/i);
    await readyAgain(base, ANSWER_BOUND_MS);
    const listed = await call(base, ProceduresDocument, { first: 5 }, token);
    expect(listed.procedures.edges.map((edge) => edge.node.subject), "the commit was applied").toContain(subject);
  });
});
