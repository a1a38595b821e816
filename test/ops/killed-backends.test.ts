import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/clock.js";
import { openDatabase } from "../../src/db/client.js";
import { DEMO_AUTHORITY } from "../../src/db/seed/demo-ids.js";
import { seedDemoWorld } from "../../src/db/seed/demo-world.js";
import { freePort, killChildren, parse, runTs, stopProcess, untilReady, type Run } from "../helpers/server-process.js";
import { sharedMasterKey } from "../helpers/shared-master-key.js";
import { hasStackTrace, login } from "./client.js";

/**
 * Issue 12 (fault runs from outside): PostgreSQL ends the server's backends (pg_terminate_backend,
 * as a failover, an operator or an idle-session killer does) while several clients send mutations.
 * The server process stays up; every answer is a success, a retryable 503 SERVICE_UNAVAILABLE with
 * Retry-After, or a CONFLICT, never a 500; every write a client saw confirmed is in the database;
 * nothing is half-applied (a procedure without its participants, a data subject or message without
 * its audit event, a broken audit chain); once the killing stops it serves normally, not restarted.
 * PostgreSQL only (PGlite has no backends to end). Kill rounds and requests are bounded in number.
 *
 * Requests hung here (no answer in 30 s, 3 of 16) after their backend was ended: postgres.js 3.4.9
 * never settled a statement issued on a transaction whose connection had closed (connection.js
 * execute → write → nextWrite on a null socket, thrown from a setImmediate), nor the statements the
 * transaction had queued. scripts/patch-postgres.mjs (postinstall) mends both; this test proves it.
 * The subjects checked for their audit event are this test's (the demo world's are seeded unaudited).
 */
/**
 * Opt-in for a while (IMI_KNOWN_FAULTS=1, 3 December 2026): on a quiet machine 1 of 2 runs still had 3
 * requests unanswered after 30 s with mends 1 and 2. Mend 4 of scripts/patch-postgres.mjs mends a path
 * that leaves exactly such a statement unsettled: one the pool sent between a reset socket's 'error'
 * and its 'close' (test/ops/postgres-mends.test.ts reproduces it). On 4 December this test passed 6
 * runs of 6 with mends 1 and 2 (quiet machine) and 3 of 3 with all mends beside three busy loops: it
 * runs in CI again.
 */
const SERVER = process.env.TEST_DATABASE_URL;
const CLIENTS = 3;
const KILL_ROUNDS = 8;

interface Answer {
  status: number;
  retryAfter: string | null;
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function gql(base: string, query: string, variables: unknown, token?: string): Promise<Answer> {
  const response = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, retryAfter: response.headers.get("retry-after"), ...((await response.json()) as object) };
}

const CREATE = `mutation($input: CreateProcedureInput!) { createProcedure(input: $input) { id } }`;
const ADD_SUBJECT = `mutation($id: ID!, $name: String!) { addDataSubject(procedureId: $id, input: { fullName: $name }) { id } }`;
const POST = `mutation($id: ID!, $body: String!) { postMessage(procedureId: $id, body: $body) { id } }`;
const SEND = `mutation($id: ID!) { sendProcedure(id: $id) { id status } }`;
const ACCEPT = `mutation($id: ID!) { acceptProcedure(id: $id) { id status } }`;

/** How an answer counts: "ok", an allowed refusal, or a violation (anything else, a 500 above all). */
function classify(answer: Answer): "ok" | "unavailable" | "conflict" | "violation" {
  const codes = (answer.errors ?? []).map((e) => e.extensions?.code);
  if (answer.status === 200 && codes.length === 0) return "ok";
  if (answer.status === 503 && /^[1-9]\d*$/.test(answer.retryAfter ?? "") && codes.every((c) => c === "SERVICE_UNAVAILABLE"))
    return "unavailable";
  if (answer.status === 200 && codes.length > 0 && codes.every((c) => c === "CONFLICT")) return "conflict";
  return "violation";
}

describe.skipIf(!SERVER)("the server's backends killed during mutations (PostgreSQL)", () => {
  const name = `imi_killed_backends_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const url = new URL(SERVER || "postgres://unset");
  url.pathname = `/${name}`;
  let admin: postgres.Sql;
  let api: Run;
  let base = "";

  beforeAll(async () => {
    admin = postgres(SERVER!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    // The demo world is sealed here and read by the server: one personal-data master key for both.
    const masterKey = sharedMasterKey();
    const seed = await openDatabase({ url: url.toString(), maxConnections: 2 });
    try {
      await seed.migrate();
      await seedDemoWorld(seed.db, systemClock, "development");
    } finally {
      await seed.close();
    }
    const port = await freePort();
    api = runTs("src/main.ts", {
      PORT: String(port),
      DATABASE_URL: url.toString(),
      ...masterKey,
      JWT_SECRET: randomBytes(32).toString("base64url"),
      LOG_LEVEL: "info",
      RETENTION_SCHEDULE: "off",
      DATABASE_CONNECT_TIMEOUT_SECONDS: "2",
      DATABASE_QUERY_TIMEOUT_SECONDS: "5",
    });
    await untilReady(api);
    base = `http://127.0.0.1:${port}`;
  }, 120_000);

  afterAll(async () => {
    if (api) await stopProcess(api);
    killChildren();
    await admin?.unsafe(`drop database if exists "${name}" with (force)`);
    await admin?.end();
  });

  it(
    "no 500, no lost confirmed write, nothing half-applied, the audit chain intact, and normal service after, from the same process",
    { timeout: 180_000 },
    async () => {
      const dk = await login(base, "handler.dk@imi.example");
      const de = await login(base, "handler.de@imi.example");
      const helpdesk = await login(base, "helpdesk@imi.example");
      const pid = api.child.pid;
      const outcomes: Record<string, number> = {};
      const violations: string[] = [];
      const confirmed = {
        procedures: [] as string[],
        subjects: [] as string[],
        messages: [] as string[],
        sent: [] as string[],
        accepted: [] as string[],
      };
      const ask = async (query: string, variables: unknown, token: string) => {
        const answer = await gql(base, query, variables, token).catch((error: unknown) => {
          violations.push(`no answer (${String(error)}): ${query.slice(0, 40)}`);
          return undefined;
        });
        if (!answer) return undefined;
        const kind = classify(answer);
        outcomes[kind] = (outcomes[kind] ?? 0) + 1;
        if (kind === "violation") violations.push(`${answer.status} ${JSON.stringify(answer.errors)}`);
        return kind === "ok" ? answer.data! : undefined;
      };
      let killing = true;
      // Each client: create, add a data subject, post a message, send; the German chamber accepts.
      const client = async (c: number) => {
        for (let n = 0; killing; n++) {
          const created = await ask(
            CREATE,
            {
              input: {
                kind: "REQUEST",
                legalAreaCode: "SERVICES",
                subject: `Killed backends ${c}/${n}`,
                justification: "The provider applied to work in Denmark.",
                recipientAuthorityIds: [DEMO_AUTHORITY.chamberOfCraftsDe],
              },
            },
            dk,
          );
          if (!created) continue;
          const id = created.createProcedure.id as string;
          confirmed.procedures.push(id);
          const subject = await ask(ADD_SUBJECT, { id, name: `Person ${c}/${n}` }, dk);
          if (subject) confirmed.subjects.push(subject.addDataSubject.id);
          const message = await ask(POST, { id, body: `Message ${c}/${n}` }, dk);
          if (message) confirmed.messages.push(message.postMessage.id);
          if (await ask(SEND, { id }, dk)) {
            confirmed.sent.push(id);
            if (await ask(ACCEPT, { id }, de)) confirmed.accepted.push(id);
          }
        }
      };
      const clients = Array.from({ length: CLIENTS }, (_, c) => client(c));
      let killed = 0;
      for (let round = 0; round < KILL_ROUNDS; round++) {
        // Let the clients get some requests in between rounds; the pause is not what is tested.
        await new Promise((resolve) => setTimeout(resolve, 300 + Math.floor(Math.random() * 300)));
        const rows = await admin`select pg_terminate_backend(pid) as ended from pg_stat_activity
        where datname = ${name} and backend_type = 'client backend'`;
        killed += rows.filter((r) => r.ended).length;
      }
      killing = false;
      await Promise.all(clients);
      const midWrite = api.lines.filter((line) => line.includes("mid-write")).length;
      console.log(
        `[killed backends] ${killed} backends ended in ${KILL_ROUNDS} rounds; answers ${JSON.stringify(outcomes)}; ${midWrite} "lost mid-write" warnings`,
      );

      expect(violations).toEqual([]);
      expect(killed).toBeGreaterThan(0);
      expect(outcomes.ok).toBeGreaterThan(0);
      expect(api.child.exitCode).toBeNull();
      expect(api.child.pid).toBe(pid);

      // Normal service again, without a restart: bounded polling of /readyz, then a mutation succeeds.
      const deadline = Date.now() + 30_000;
      while ((await fetch(`${base}/readyz`)).status !== 200) {
        if (Date.now() > deadline) throw new Error("not ready within 30 s after the killing stopped");
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const after = await gql(
        base,
        CREATE,
        {
          input: {
            kind: "REQUEST",
            legalAreaCode: "SERVICES",
            subject: "After the kills",
            justification: "Normal service.",
            recipientAuthorityIds: [DEMO_AUTHORITY.chamberOfCraftsDe],
          },
        },
        dk,
      );
      expect(after.status, JSON.stringify(after.errors)).toBe(200);
      expect(after.errors).toBeUndefined();

      // Every confirmed write is there, and nothing half-applied.
      const db = postgres(url.toString(), { max: 1, onnotice: () => {} });
      try {
        const [check] = await db`select
        (select count(*) from unnest(${confirmed.procedures}::uuid[]) c(id) where not exists (select 1 from procedures p where p.id = c.id))::int as "lostProcedures",
        (select count(*) from unnest(${confirmed.subjects}::uuid[]) c(id) where not exists (select 1 from data_subjects d where d.id = c.id))::int as "lostSubjects",
        (select count(*) from unnest(${confirmed.messages}::uuid[]) c(id) where not exists (select 1 from messages m where m.id = c.id))::int as "lostMessages",
        (select count(*) from procedures p where p.id = any(${confirmed.sent}::uuid[]) and p.status = 'DRAFT')::int as "lostSends",
        (select count(*) from procedures p where p.id = any(${confirmed.accepted}::uuid[])
           and not exists (select 1 from participants pa where pa.procedure_id = p.id and pa.accepted_at is not null))::int as "lostAccepts",
        (select count(*) from procedures p where p.subject like 'Killed backends %'
           and (select count(*) from participants pa where pa.procedure_id = p.id) <> 2)::int as "withoutParticipants",
        (select count(*) from data_subjects d join procedures p on p.id = d.procedure_id
           where p.subject like 'Killed backends %'
             and not exists (select 1 from audit_events e where e.data_subject_id = d.id and e.action = 'CREATE'))::int as "subjectsWithoutAudit"`;
        expect(check).toEqual({
          lostProcedures: 0,
          lostSubjects: 0,
          lostMessages: 0,
          lostSends: 0,
          lostAccepts: 0,
          withoutParticipants: 0,
          subjectsWithoutAudit: 0,
        });
      } finally {
        await db.end();
      }
      const chain = await gql(base, `{ verifyAuditChain { valid problem eventsChecked } }`, {}, helpdesk);
      expect(chain.errors).toBeUndefined();
      expect(chain.data!.verifyAuditChain.valid, chain.data!.verifyAuditChain.problem).toBe(true);
      expect(hasStackTrace(api.lines), api.lines.filter((line) => line.includes("stack")).join("\n")).toBe(false);
      expect(api.lines.map(parse).some((entry) => entry?.level === 60)).toBe(false);
    },
  );
});
