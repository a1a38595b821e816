import { spawn } from "node:child_process";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { DEFAULT_RETENTION_SETTINGS, RetentionService } from "../../src/modules/retention/retention.service.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { databaseUrl } from "../helpers/pg-locks.js";
import { ROOT } from "../helpers/server-process.js";
import { seedRetentionWorkload } from "./retention-seed.js";

/**
 * SPEC "Retention job": each batch is one transaction; killed at any point it leaves no procedure
 * half-done, and the next run finishes the work. Here the database side dies, not the runner: the
 * job's backend is ended with pg_terminate_backend while a deletion batch (R-RETAIN-3) is inside its
 * second statement, the one that deletes, held there by a row lock on a message of a procedure due.
 * The runner is a process of its own (run-job.ts, which survives postgres.js's write after a
 * terminated connection as the server does, db/pg-errors.ts). PostgreSQL only: PGlite has no second
 * session to kill.
 */
const SERVER = process.env.TEST_DATABASE_URL;
const AS_OF = new Date("2030-01-01T00:00:00Z");
const BATCH = 10;

/** run-job.ts to its end: its JSON lines and exit code. */
function runJob(url: string): Promise<{
  lines: Record<string, unknown>[];
  code: number | null;
  stderr: string;
}> {
  const child = spawn(`${ROOT}node_modules/.bin/tsx`, ["test/retention/run-job.ts", url, AS_OF.toISOString(), String(BATCH), "60000"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 45_000);
  return new Promise((resolve) =>
    child.on("exit", (code) => {
      clearTimeout(timer);
      const lines = stdout
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      resolve({ lines, code, stderr });
    }),
  );
}

describe.skipIf(!SERVER)("a deletion batch whose database connection is killed (postgres)", () => {
  let t: TestDatabase;
  let side: postgres.Sql;
  let url: string;

  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    await seedRetentionWorkload(t.db, { procedures: 200, asOf: AS_OF });
    url = await databaseUrl(t.db);
    side = postgres(url, { max: 3, onnotice: () => {} });
  }, 60_000);

  afterAll(async () => {
    await side?.end();
    await t?.dispose();
  });

  const deletedNow = async () =>
    (await side<{ n: number }[]>`select count(*)::int as n from procedures where personal_data_deleted_at is not null`)[0]!.n;

  /** Procedures marked deleted but holding data, or holding none but not marked, and deletions no batch counted. */
  async function halfDone() {
    const [row] = await side<
      {
        deletedButDataLeft: number;
        dataGoneButUnmarked: number;
        uncounted: number;
      }[]
    >`select
      (select count(*) from procedures p where p.personal_data_deleted_at is not null and (
         exists (select 1 from data_subjects d where d.procedure_id = p.id)
         or exists (select 1 from messages m where m.procedure_id = p.id)
         or exists (select 1 from legal_persons l where l.procedure_id = p.id)))::int as "deletedButDataLeft",
      (select count(*) from procedures p where p.personal_data_deleted_at is null and p.reference like 'RET-%' and p.reference not like 'RET-OPEN-%'
         and not exists (select 1 from data_subject_requests r where r.procedure_id = p.id)
         and ((select count(*) from data_subjects d where d.procedure_id = p.id) <> 2
           or (select count(*) from messages m where m.procedure_id = p.id) <> 2
           or (select count(*) from legal_persons l where l.procedure_id = p.id) <> 1))::int as "dataGoneButUnmarked",
      ((select count(*) from procedures where personal_data_deleted_at is not null)
         - (select coalesce(sum(procedures_deleted + early_deletions), 0) from retention_runs where not dry_run))::int as uncounted`;
    return row;
  }

  it("the batch rolls back whole, the run records the failure and gives back its lease, and the next run completes the deletion", async () => {
    // The gate: a lock on the messages of a procedure due for deletion, past the first batches.
    const [due] = await side<{ id: string }[]>`select p.id::text as id from procedures p
      where p.closed_at is not null and p.personal_data_deleted_at is null
        and ((p.closed_at at time zone 'UTC') + interval '3 years') at time zone 'UTC' <= ${AS_OF.toISOString()}::timestamptz
        and not exists (select 1 from data_subject_requests r where r.procedure_id = p.id)
      order by p.closed_at offset ${2 * BATCH} limit 1`;
    const gated = due!.id;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let gatePid = 0;
    let held!: () => void;
    const isHeld = new Promise<void>((resolve) => (held = resolve));
    const holding = side.begin(async (tx) => {
      gatePid = (await tx<{ pid: number }[]>`select pg_backend_pid() as pid`)[0]!.pid;
      await tx`select id from messages where procedure_id = ${gated}::uuid for update`;
      held();
      await released;
    });
    await isHeld;

    const job = runJob(url);
    const deadline = Date.now() + 30_000;
    let deletedBeforeKill = -1;
    for (;;) {
      // The job's backend, waiting for the gate inside its deleting statement.
      const waiting = await side<{ pid: number; query: string }[]>`select pid, query from pg_stat_activity
        where datname = current_database() and ${gatePid}::int = any(pg_blocking_pids(pid))`;
      if (waiting.length > 0) {
        // The batch's second statement, the one that deletes (retention.repository.ts lockedBatch).
        expect(waiting[0]!.query).toMatch(/^\s*with locked as/);
        deletedBeforeKill = await deletedNow();
        await side`select pg_terminate_backend(${waiting[0]!.pid}::int)`;
        break;
      }
      if (Date.now() > deadline) throw new Error("the deletion batch never waited for the gate");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const killed = await job;
    release();
    await holding;
    expect(killed.lines.filter((l) => "result" in l)).toEqual([]);
    expect(killed.lines.some((l) => l.batch === "delete")).toBe(true);

    // Nothing of the killed batch happened: as many procedures marked as before the kill, the gated
    // one with all its data, and nothing half-done or uncounted anywhere.
    expect(deletedBeforeKill).toBeGreaterThan(0);
    expect(await deletedNow()).toBe(deletedBeforeKill);
    const [kept] = await side<{ marked: boolean; subjects: number; messages: number }[]>`select
      personal_data_deleted_at is not null as marked,
      (select count(*) from data_subjects where procedure_id = ${gated}::uuid)::int as subjects,
      (select count(*) from messages where procedure_id = ${gated}::uuid)::int as messages
      from procedures where id = ${gated}::uuid`;
    expect(kept).toEqual({ marked: false, subjects: 2, messages: 2 });
    expect(await halfDone()).toEqual({
      deletedButDataLeft: 0,
      dataGoneButUnmarked: 0,
      uncounted: 0,
    });
    // The runner's process survived its connection's end: it recorded why the run stopped and gave back the lease.
    const [run] = await side<{ error: string | null }[]>`select error from retention_runs where not dry_run`;
    expect(run!.error, killed.stderr).toMatch(/^Unexpected error/);
    const [lease] = await side<{ holder: string | null }[]>`select holder from retention_lease`;
    expect(lease!.holder).toBeNull();

    // The next run is accepted at once and deletes the rest, the gated procedure among it.
    const next = await runJob(url);
    expect(next.lines.at(-1)?.result, next.stderr).toBe("ran");
    expect(await halfDone()).toEqual({
      deletedButDataLeft: 0,
      dataGoneButUnmarked: 0,
      uncounted: 0,
    });
    const [after] = await side<
      { marked: boolean }[]
    >`select personal_data_deleted_at is not null as marked from procedures where id = ${gated}::uuid`;
    expect(after!.marked).toBe(true);
    const service = new RetentionService(t.db, new ManualClock(AS_OF), DEFAULT_RETENTION_SETTINGS);
    const preview = await service.preview(
      {
        userId: "x",
        authorityId: "x",
        memberState: "EU",
        roles: ["COMMISSION"],
      } as never,
      AS_OF,
    );
    expect(preview.proceduresToDelete).toBe(0);
  }, 60_000);
});
