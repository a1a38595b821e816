import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/clock.js";
import { openDatabase } from "../../src/db/client.js";
import { seedDemoWorld } from "../../src/db/seed/demo-world.js";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../../src/db/seed/demo-ids.js";
import { generateExchangeKey } from "../../src/modules/proof/proof.keys.js";
import { sharedMasterKey } from "../helpers/shared-master-key.js";
import { unusedSecurityCode } from "../helpers/security-codes.js";
import { freePort, killChildren, runTs, stopProcess, untilReady, type Run } from "../helpers/server-process.js";
import { seedRetentionWorkload } from "./retention-seed.js";

/**
 * Issue 12, finding 4 (SPEC "Retention job": a runner that died does not hold the job up for longer
 * than a minute): a server killed with SIGKILL in the middle of a run, then another server asks for a
 * run. Real processes; no timing is asserted beyond the SPEC's minute, polled.
 */
const SERVER = process.env.TEST_DATABASE_URL;
/** Batches of a few rows over a few thousand procedures: the run lasts long enough to be killed in the middle. */
const PROCEDURES = 3000;
const BATCH = "5";

interface Gql {
  status: number;
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function gql(base: string, query: string, token?: string): Promise<Gql> {
  const response = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, ...((await response.json()) as Omit<Gql, "status">) };
}

async function helpdeskToken(base: string, scope: string): Promise<string> {
  const code = await unusedSecurityCode(DEMO_TOTP_SECRET, scope, "helpdesk@imi.example");
  const result = await gql(
    base,
    `mutation { login(email: "helpdesk@imi.example", password: "${DEMO_PASSWORD}", securityCode: "${code}") { token } }`,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.login.token as string;
}

const RUN = `mutation { runRetention { id error proceduresBlocked proceduresDeleted } }`;
const RUNS = `{ retentionRuns(first: 20) { edges { node { id finishedAt error } } } }`;

async function startOn(env: Record<string, string>): Promise<{ run: Run; base: string }> {
  const port = await freePort();
  const run = runTs("src/main.ts", { PORT: String(port), LOG_LEVEL: "info", RETENTION_SCHEDULE: "off", RETENTION_BATCH_SIZE: BATCH, ...env });
  await untilReady(run);
  return { run, base: `http://127.0.0.1:${port}` };
}

function sigkill(run: Run): Promise<unknown> {
  try {
    process.kill(-run.child.pid!, "SIGKILL");
  } catch {
    // already gone
  }
  return run.exited;
}

/** Asks `base` for a run every half second until one is started; answers how long after `since` that was. */
async function untilRunAccepted(base: string, token: string, since: number): Promise<{ afterMs: number; result: Gql; conflicts: number }> {
  let conflicts = 0;
  for (;;) {
    const asked = Date.now();
    const result = await gql(base, RUN, token);
    if (result.errors?.[0]?.extensions?.code !== "CONFLICT") return { afterMs: asked - since, result, conflicts };
    conflicts += 1;
    if (Date.now() - since > 150_000) throw new Error("no run accepted within 150 s of the kill");
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

afterAll(() => killChildren());

describe.skipIf(!SERVER)("a killed runner on PostgreSQL", () => {
  const name = `imi_dead_runner_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  let admin: postgres.Sql | undefined;

  afterAll(async () => {
    await admin?.unsafe(`drop database if exists "${name}" with (force)`);
    await admin?.end();
  });

  it("a server killed with SIGKILL in the middle of a run: a second server's runRetention is accepted within a minute, and the killed run is on record as abandoned", { timeout: 240_000 }, async () => {
    admin = postgres(SERVER!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    const url = new URL(SERVER!);
    url.pathname = `/${name}`;
    const masterKey = sharedMasterKey();
    const seed = await openDatabase({ url: url.toString(), maxConnections: 2 });
    try {
      await seed.migrate();
      await seedDemoWorld(seed.db, systemClock, "development");
      await seedRetentionWorkload(seed.db, { procedures: PROCEDURES, asOf: new Date() });
    } finally {
      await seed.close();
    }
    const shared = {
      DATABASE_URL: url.toString(),
      ...masterKey,
      JWT_SECRET: randomBytes(32).toString("base64url"),
      EXCHANGE_SIGNING_KEY: JSON.stringify(generateExchangeKey("dead-runner-test")),
    };
    const [a, b] = await Promise.all([startOn(shared), startOn(shared)]);
    const db = postgres(url.toString(), { max: 1, onnotice: () => {} });
    try {
      const token = await helpdeskToken(a.base, name);
      // A starts a run; once it has committed a few batches, it is killed.
      void gql(a.base, RUN, token).catch(() => undefined);
      const deadline = Date.now() + 60_000;
      while (Number((await db`select coalesce(sum(procedures_blocked), 0)::int as n from retention_runs where finished_at is null`)[0]!.n) < 20) {
        if (Date.now() > deadline) throw new Error("the run did not get going");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await sigkill(a.run);
      const killedAt = Date.now();

      const { afterMs, result, conflicts } = await untilRunAccepted(b.base, token, killedAt);
      console.log(`[dead-runner postgres] a run was accepted ${(afterMs / 1000).toFixed(1)} s after the kill (${conflicts} CONFLICT answers before)`);
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      expect(result.data!.runRetention.error).toBeNull();
      expect(afterMs).toBeLessThan(60_000);

      const runs = await db<{ finished: boolean; error: string | null }[]>`select finished_at is not null as finished, error from retention_runs where not dry_run order by started_at`;
      expect(runs.length).toBe(2);
      expect(runs[0]!.error).toMatch(/^Abandoned/);
      expect(runs[1]).toEqual({ finished: true, error: null });
      await stopProcess(b.run);
    } finally {
      await db.end();
    }
  });
});

describe("a killed runner on PGlite", () => {
  let dir: string | undefined;

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  // The state a SIGKILL in the middle of a run leaves in the folder, written directly: on PGlite a run
  // holds the one connection and the event loop between its batches, so nothing outside the process
  // can tell from the API that it is under way (the PostgreSQL test above kills a real run).
  it("a server started on a folder whose retention lease a killed process still holds runs at once: one process holds the folder, so that holder is certainly dead", { timeout: 120_000 }, async () => {
    dir = await mkdtemp(join(tmpdir(), "imi-dead-runner-"));
    const folder = join(dir, "pglite");
    const first = await startOn({ PGLITE_DIR: folder });
    await stopProcess(first.run);
    const dead = "dead-host:4242:0badc0de";
    const killed = await openDatabase({ pgliteDir: folder });
    await seedRetentionWorkload(killed.db, { procedures: 100, asOf: new Date() });
    await killed.db.execute(sql`update retention_lease set holder = ${dead}, acquired_at = now(), expires_at = now() + interval '10 minutes'`);
    await killed.db.execute(sql`insert into retention_runs (as_of, dry_run, started_at, runner, procedures_blocked)
      values (now(), false, now(), ${dead}, 25)`);
    await killed.close();

    const restarted = Date.now();
    const again = await startOn({ PGLITE_DIR: folder });
    try {
      const token = await helpdeskToken(again.base, folder);
      const { afterMs, result, conflicts } = await untilRunAccepted(again.base, token, restarted);
      console.log(`[dead-runner pglite] a run was accepted ${(afterMs / 1000).toFixed(1)} s after the restart began (${conflicts} CONFLICT answers before)`);
      expect(conflicts).toBe(0);
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      expect(result.data!.runRetention.error).toBeNull();
      expect(result.data!.runRetention.proceduresBlocked).toBeGreaterThan(0);
      const runs = (await gql(again.base, RUNS, token)).data!.retentionRuns.edges.map((e: { node: { error: string | null } }) => e.node.error);
      expect(runs, JSON.stringify(runs)).toHaveLength(2);
      expect(runs.filter((e: string | null) => e?.startsWith("Abandoned")), JSON.stringify(runs)).toHaveLength(1);
    } finally {
      await stopProcess(again.run);
    }
  });
});
