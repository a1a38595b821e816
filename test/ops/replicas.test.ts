import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProceduresDocument, ViewerDocument } from "../../examples/generated/graphql.js";
import { systemClock } from "../../src/clock.js";
import { openDatabase } from "../../src/db/client.js";
import { seedDemoWorld } from "../../src/db/seed/demo-world.js";
import { generateExchangeKey } from "../../src/modules/proof/proof.keys.js";
import { freePort, killChildren, parse, runTs, stopProcess, untilReady, type Run } from "../helpers/server-process.js";
import { seedRetentionWorkload } from "../retention/retention-seed.js";
import { DEMO_TOTP_SECRET } from "../../src/db/seed/demo-ids.js";
import { unusedSecurityCode } from "../helpers/security-codes.js";
import { sharedMasterKey } from "../helpers/shared-master-key.js";
import { call, hasStackTrace, login, tryLogin } from "./client.js";

/**
 * Scaling out, shown (docs/deployment.md "Several replicas"): two real server processes on one
 * PostgreSQL database, with one JWT_SECRET and one exchange-report key, both serving requests, both
 * scheduling the retention job every 2 seconds. Every tick is run by exactly one of them: the lease
 * turns the other away while a run is under way, and a tick already run is not run again. PostgreSQL
 * only: the embedded database serves one process.
 */
const SERVER = process.env.TEST_DATABASE_URL;
if (!SERVER) {
  console.warn("test/ops/replicas.test.ts skipped: it needs PostgreSQL in TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test; .ci/run sets it).");
}

const SCHEDULE = "*/2 * * * * *";
const TICK_MS = 2000;
/** Ticks to see run before stopping. */
const TICKS = 4;
/** A workload of some batches, so that the first run takes a while and both mechanisms show. */
const PROCEDURES = 400;
const BATCH = "40";

interface RunRow {
  tick: Date;
  runner: string | null;
  finished: boolean;
  error: string | null;
  proceduresBlocked: number;
  proceduresDeleted: number;
}

describe.skipIf(!SERVER)("two replicas on one PostgreSQL database", () => {
  const name = `imi_replicas_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const url = (() => {
    const u = new URL(SERVER || "postgres://unset");
    u.pathname = `/${name}`;
    return u.toString();
  })();
  let admin: postgres.Sql;
  const replicas: Run[] = [];
  let masterKey: ReturnType<typeof sharedMasterKey>;

  beforeAll(async () => {
    admin = postgres(SERVER!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    // The release step (npm run db:migrate), then data: the demo world (procedures in every state,
    // the demo accounts) and closed procedures due for blocking and deletion, the retention job's work.
    masterKey = sharedMasterKey();
    const seed = await openDatabase({ url, maxConnections: 2 });
    try {
      await seed.migrate();
      await seedDemoWorld(seed.db, systemClock, "development");
      await seedRetentionWorkload(seed.db, { procedures: PROCEDURES, asOf: new Date() });
    } finally {
      await seed.close();
    }
  }, 60_000);

  afterAll(async () => {
    killChildren();
    await admin?.unsafe(`drop database if exists "${name}" with (force)`);
    await admin?.end();
  });

  it("R-SEC-1 both serve requests with each other's sessions and refuse a security code the other accepted, and each retention tick runs exactly once across the two", { timeout: 120_000 }, async () => {
    const shared = {
      DATABASE_URL: url,
      ...masterKey,
      JWT_SECRET: randomBytes(32).toString("base64url"),
      EXCHANGE_SIGNING_KEY: JSON.stringify(generateExchangeKey("replicas-test")),
      RETENTION_SCHEDULE: SCHEDULE,
      RETENTION_BATCH_SIZE: BATCH,
      LOG_LEVEL: "info",
    };
    const ports = [await freePort(), await freePort()];
    for (const port of ports) replicas.push(runTs("src/main.ts", { ...shared, PORT: String(port) }));
    await Promise.all(replicas.map((replica) => untilReady(replica)));
    const bases = ports.map((port) => `http://127.0.0.1:${port}`);
    const pids = replicas.map((replica) => replica.child.pid!);

    // Stateless replicas: a session opened on one is good on the other (the same JWT_SECRET).
    const helpdesk = await login(bases[0]!, "helpdesk@imi.example");
    const handler = await login(bases[1]!, "handler.dk@imi.example");
    expect((await call(bases[1]!, ViewerDocument, {}, helpdesk)).viewer?.email).toBe("helpdesk@imi.example");
    expect((await call(bases[0]!, ViewerDocument, {}, handler)).viewer?.email).toBe("handler.dk@imi.example");
    // R-SEC-1: a security code accepted by one replica is refused by the other (used codes live in the database).
    const code = await unusedSecurityCode(DEMO_TOTP_SECRET, "demo", "coordinator.dk@imi.example");
    expect((await tryLogin(bases[0]!, "coordinator.dk@imi.example", code)).token).toEqual(expect.any(String));
    const replay = await tryLogin(bases[1]!, "coordinator.dk@imi.example", code);
    expect(replay.token).toBeNull();
    expect(replay.errors).toEqual([{ code: "UNAUTHENTICATED", message: expect.stringMatching(/already been used/) }]);

    // Traffic on both while the ticks pass, until TICKS ticks have a run on record.
    const served = [0, 0];
    const db = postgres(url, { max: 1, onnotice: () => {} });
    const ticksRun = async () => Number((await db`select count(*)::int as n from retention_runs where tick is not null`)[0]!.n);
    const deadline = Date.now() + 60_000;
    try {
      while ((await ticksRun()) < TICKS && Date.now() < deadline) {
        for (const [i, base] of bases.entries()) {
          const page = await call(base, ProceduresDocument, { first: 5 }, i === 0 ? handler : helpdesk);
          expect(page.procedures.totalCount).toBeGreaterThan(0);
          served[i]! += 1;
        }
      }
      expect(await ticksRun(), `fewer than ${TICKS} ticks run within a minute`).toBeGreaterThanOrEqual(TICKS);
      expect(served.every((n) => n > 0)).toBe(true);

      // Both stop on SIGTERM (a run under way stops after its batch), cleanly.
      await Promise.all(replicas.map((replica) => stopProcess(replica)));
      for (const replica of replicas) {
        expect(await replica.exited).toEqual({ code: 0, signal: null });
        expect(replica.lines.some((line) => parse(line)?.msg === "shutting down")).toBe(true);
        expect(hasStackTrace(replica.lines), replica.lines.join("\n")).toBe(false);
      }

      const runs = (
        await db<RunRow[]>`select tick, runner, finished_at is not null as finished, error,
                                  procedures_blocked as "proceduresBlocked", procedures_deleted as "proceduresDeleted"
                           from retention_runs where triggered_by_user_id is null and not dry_run order by started_at`
      ).map((row) => ({ ...row, tick: new Date(row.tick) }));
      const report = runs.map((r) => `${r.tick.toISOString()} ${r.runner} ${r.error ?? "ok"} blocked=${r.proceduresBlocked} deleted=${r.proceduresDeleted}`).join("\n");
      console.log(`[replicas] scheduled runs:\n${report}`);

      // Exactly one run per tick: each scheduled run records its tick, on the schedule's 2-second
      // grid, and no tick was run twice (nor an earlier tick after a later one).
      const ticks = runs.map((run) => run.tick.getTime());
      for (const tick of ticks) expect(tick % TICK_MS, report).toBe(0);
      expect(new Set(ticks).size, report).toBe(runs.length);
      expect([...ticks].sort((a, b) => a - b), report).toEqual(ticks);

      // Each run is one replica's (runner = host:pid:id), and finished: none abandoned, a run cut by
      // the shutdown says so.
      for (const run of runs) {
        expect(pids.some((pid) => run.runner?.includes(`:${pid}:`)), report).toBe(true);
        expect(run.finished, report).toBe(true);
        if (run.error !== null) expect(run.error, report).toMatch(/^Stopped on shutdown/);
      }
      // The work was done once: the first run blocked and deleted; later ticks found nothing left.
      expect(runs[0]!.proceduresBlocked).toBeGreaterThan(0);
      expect(runs[0]!.proceduresDeleted).toBeGreaterThan(0);
      for (const run of runs.slice(1)) expect(run.proceduresBlocked + run.proceduresDeleted, report).toBe(0);

      // The logs agree: each replica's "retention run finished" lines are its runs, and where both
      // replicas fired a tick, the one that did not run it logged why it skipped.
      const logged = replicas.map((replica) => replica.lines.map(parse).filter((line) => line !== undefined));
      const outcomes = new Map<number, string[]>();
      for (const [i, lines] of logged.entries()) {
        const finished = lines.filter((line) => line.msg === "retention run finished").map((line) => new Date(String(line.tick)).getTime());
        const own = runs.filter((run) => run.runner?.includes(`:${pids[i]}:`) && run.error === null).map((run) => run.tick.getTime());
        const ascending = (a: number, b: number) => a - b;
        expect(finished.sort(ascending), report).toEqual(own.sort(ascending));
        for (const line of lines.filter((l) => String(l.msg).startsWith("retention run "))) {
          const tick = new Date(String(line.tick)).getTime();
          outcomes.set(tick, [...(outcomes.get(tick) ?? []), `${i}: ${String(line.msg)}`]);
        }
      }
      const skipped = [...outcomes.values()].flat().filter((outcome) => outcome.includes("retention run skipped"));
      expect(skipped.length, report).toBeGreaterThan(0);
      for (const [tick, said] of outcomes) {
        const ran = said.filter((outcome) => !outcome.includes("skipped"));
        expect(ran.length, `${new Date(tick).toISOString()}: ${said.join("; ")}`).toBeLessThanOrEqual(1);
      }
      console.log(`[replicas] served ${served.join(" + ")} requests; ${runs.length} ticks run, ${skipped.length} skips logged`);
    } finally {
      await db.end();
    }
  });
});
