import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../src/db/client.js";
import type { Database } from "../../src/db/database.js";
import { seedRetentionWorkload } from "./retention-seed.js";

/**
 * Crash safety and single-runner behaviour of the retention job (SPEC "Retention job"), proven
 * against real PostgreSQL with real processes: runners are started as child processes and killed
 * with SIGKILL at random points. PostgreSQL only (TEST_DATABASE_URL): PGlite has one session in one
 * process, so neither a killed connection nor a second runner can be shown there.
 */
const SERVER = process.env.TEST_DATABASE_URL;
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const AS_OF = new Date("2030-01-01T00:00:00Z");
const PROCEDURES = 3000;
const BATCH = 25;
const LEASE_MS = 1000;
const KILLS = 6;

interface Runner {
  lines: Record<string, unknown>[];
  exited: Promise<void>;
  batches(n: number): Promise<void>;
  kill(): void;
  result(): Record<string, unknown> | undefined;
}

/** A runner process (tsx run-job.ts) in a process group of its own, so SIGKILL reaches tsx's node child too. */
function startRunner(url: string, leaseMs: number, ...flags: string[]): Runner {
  const child = spawn(
    `${ROOT}node_modules/.bin/tsx`,
    ["test/retention/run-job.ts", url, AS_OF.toISOString(), String(BATCH), String(leaseMs), ...flags],
    { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  const lines: Record<string, unknown>[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  let stderr = "";
  let buffer = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let i = buffer.indexOf("\n"); i >= 0; i = buffer.indexOf("\n")) {
      lines.push(JSON.parse(buffer.slice(0, i)) as Record<string, unknown>);
      buffer = buffer.slice(i + 1);
    }
    const count = lines.filter((l) => "batch" in l).length;
    for (const w of waiters.filter((w) => count >= w.n)) w.resolve();
  });
  const exited = new Promise<void>((resolve) =>
    child.on("exit", (code, signal) => {
      if (code !== 0 && signal !== "SIGKILL") console.error(`runner exited ${code} ${signal}\n${stderr}`);
      resolve();
    }),
  );
  return {
    lines,
    exited,
    batches: (n) => new Promise<void>((resolve) => waiters.push({ n, resolve })),
    kill: () => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    },
    result: () => lines.find((l) => "result" in l),
  };
}

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

async function one<T>(db: Database, query: ReturnType<typeof sql>): Promise<T> {
  return rowsOf<T>(await db.execute(query))[0]!;
}

const asOf = sql`${AS_OF.toISOString()}::timestamptz`;

/** What must hold after any kill: nothing half-done, nothing done early, counts exactly as committed. */
async function invariants(db: Database) {
  const violations = await one<Record<string, number>>(
    db,
    sql`select
      (select count(*) from procedures p where p.personal_data_deleted_at is not null and (
         p.justification is not null or p.consent_reference is not null
         or exists (select 1 from data_subjects d where d.procedure_id = p.id)
         or exists (select 1 from messages m where m.procedure_id = p.id)
         or exists (select 1 from legal_persons l where l.procedure_id = p.id)
         or exists (select 1 from confidentiality_flags f where f.procedure_id = p.id)
         or exists (select 1 from contestations c where c.procedure_id = p.id)))::int as "deletedButDataLeft",
      (select count(*) from procedures p where p.personal_data_deleted_at is null and (
         p.justification is null
         or (select count(*) from data_subjects d where d.procedure_id = p.id) <> 2
         or (select count(*) from sensitive_records s join data_subjects d on d.id = s.data_subject_id where d.procedure_id = p.id) <> 2
         or (select count(*) from messages m where m.procedure_id = p.id) <> 2
         or (select count(*) from legal_persons l where l.procedure_id = p.id) <> 1))::int as "dataGoneButUnmarked",
      (select count(*) from procedures p where p.personal_data_deleted_at is not null
         and (p.closed_at is null or ((p.closed_at at time zone 'UTC') + interval '3 years') at time zone 'UTC' > ${asOf})
         and not exists (select 1 from data_subject_requests r where r.procedure_id = p.id and r.kind = 'EARLY_DELETION'
                         and r.status = 'COMPLETED' and r.consent_reference is not null))::int as "deletedEarly",
      (select count(*) from procedures p join legal_areas la on la.code = p.legal_area_code
         where p.blocked_at is not null and p.personal_data_deleted_at is null
           and (((p.closed_at at time zone 'UTC') + make_interval(months => la.blocking_period_months)) at time zone 'UTC' > ${asOf}
                or (p.kind = 'ALERT' and la.closed_alerts_stay_visible)))::int as "blockedEarly",
      (select count(*) from data_subject_requests r where r.status = 'COMPLETED'
         and exists (select 1 from procedures p where p.id = r.procedure_id and p.personal_data_deleted_at is null))::int as "completedButNotDeleted",
      (select count(*) from users u where u.contact_deleted_at is not null
         and (u.name is not null or u.email is not null or u.password_hash is not null or u.totp_secret is not null))::int as "userHalfDeleted",
      (select count(*) from users u where u.contact_deleted_at is null and u.email is null)::int as "userGoneButUnmarked",
      (select count(*) from users u where u.contact_deleted_at is not null
         and ((u.deactivated_at at time zone 'UTC') + interval '3 years') at time zone 'UTC' > ${asOf})::int as "userDeletedEarly"`,
  );
  expect(violations).toEqual({
    deletedButDataLeft: 0,
    dataGoneButUnmarked: 0,
    deletedEarly: 0,
    blockedEarly: 0,
    completedButNotDeleted: 0,
    userHalfDeleted: 0,
    userGoneButUnmarked: 0,
    userDeletedEarly: 0,
  });

  // Every batch commits its changes, its audit event and its run's counts together: they agree exactly.
  const events = rowsOf<{ action: string; ground: string }>(
    await db.execute(sql`select action, ground from audit_events where action like 'RETENTION_%'`),
  );
  const named = (action: string) => events.filter((e) => e.action === action).flatMap((e) => e.ground.split(": ").at(-1)!.split(","));
  const sums = await one<Record<string, number>>(
    db,
    sql`select coalesce(sum(procedures_blocked), 0)::int as blocked, coalesce(sum(procedures_deleted), 0)::int as deleted,
               coalesce(sum(users_deleted), 0)::int as "usersDeleted", coalesce(sum(early_deletions), 0)::int as early,
               (select count(*) from procedures where personal_data_deleted_at is not null)::int as "deletedNow",
               (select count(*) from users where contact_deleted_at is not null)::int as "usersDeletedNow",
               (select count(*) from data_subject_requests where status = 'COMPLETED')::int as "completedNow"
        from retention_runs where not dry_run`,
  );
  const blocked = named("RETENTION_BLOCK");
  const deleted = named("RETENTION_DELETE");
  const early = named("RETENTION_EARLY_DELETE");
  expect(new Set(blocked).size).toBe(blocked.length);
  expect(new Set([...deleted, ...early]).size).toBe(deleted.length + early.length);
  expect(blocked.length).toBe(sums.blocked);
  expect(deleted.length).toBe(sums.deleted);
  expect(deleted.length + early.length).toBe(sums.deletedNow);
  expect(sums.early).toBe(sums.completedNow);
  expect(named("RETENTION_USER_DELETE").length).toBe(sums.usersDeleted);
  expect(sums.usersDeleted).toBe(sums.usersDeletedNow);
  return sums;
}

/** The state the job produces, independent of how its work was split into batches and runs. */
async function state(db: Database) {
  const digest = (query: ReturnType<typeof sql>) => one<{ h: string; n: number }>(db, sql`select md5(coalesce(string_agg(x, '|' order by x), '')) as h, count(*)::int as n from (${query}) t`);
  const events = rowsOf<{ action: string; ground: string }>(
    await db.execute(sql`select action, ground from audit_events where action like 'RETENTION_%'`),
  );
  const named: Record<string, string[]> = {};
  for (const e of events) named[e.action] = [...(named[e.action] ?? []), ...e.ground.split(": ").at(-1)!.split(",")].sort();
  return {
    procedures: await digest(sql`select concat_ws(',', id, status, blocked_at, personal_data_deleted_at, justification, consent_reference, subject) as x from procedures`),
    dataSubjects: await digest(sql`select id::text as x from data_subjects`),
    sensitiveRecords: await digest(sql`select id::text as x from sensitive_records`),
    messages: await digest(sql`select id::text as x from messages`),
    legalPersons: await digest(sql`select id::text as x from legal_persons`),
    flags: await digest(sql`select id::text as x from confidentiality_flags`),
    contestations: await digest(sql`select id::text as x from contestations`),
    users: await digest(sql`select concat_ws(',', id, name, email, password_hash, totp_secret, contact_blocked_at, contact_deleted_at) as x from users`),
    requests: await digest(sql`select concat_ws(',', id, status, completed_at, data_subject_id) as x from data_subject_requests`),
    reminders: await digest(sql`select concat_ws(',', procedure_id, authority_id, kind, raised_at, resolved_at) as x from reminders`),
    named,
  };
}

describe.skipIf(!SERVER)("the retention job killed and raced on PostgreSQL", () => {
  const tag = `imi_crash_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const names = { killed: `${tag}_a`, clean: `${tag}_b`, raced: `${tag}_c` };
  const url = (name: string) => {
    const u = new URL(SERVER!);
    u.pathname = `/${name}`;
    return u.toString();
  };
  let admin: postgres.Sql;
  const handles: Record<string, DatabaseHandle> = {};

  beforeAll(async () => {
    admin = postgres(SERVER!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${names.killed}"`);
    const seed = await openDatabase({ url: url(names.killed), maxConnections: 2 });
    await seed.migrate();
    await seedRetentionWorkload(seed.db, { procedures: PROCEDURES, asOf: AS_OF });
    await seed.close();
    // Identical databases: one for an uninterrupted run, one for the race.
    await admin.unsafe(`create database "${names.clean}" template "${names.killed}"`);
    await admin.unsafe(`create database "${names.raced}" template "${names.killed}"`);
    for (const [key, name] of Object.entries(names)) handles[key] = await openDatabase({ url: url(name), maxConnections: 3 });
    const clean = startRunner(url(names.clean), LEASE_MS);
    await clean.exited;
    expect(clean.result()?.result).toBe("ran");
  }, 90_000);

  afterAll(async () => {
    for (const handle of Object.values(handles)) await handle.close();
    for (const name of Object.values(names)) await admin?.unsafe(`drop database if exists "${name}" with (force)`);
    await admin?.end();
  });

  it("killed with SIGKILL at random points, leaves no procedure half-done and nothing done early; a final run converges to the uninterrupted state", async () => {
    const db = handles.killed!.db;
    const reference = await state(handles.clean!.db);
    const cleanSums = await invariants(handles.clean!.db);
    expect(cleanSums.deleted).toBeGreaterThan(PROCEDURES / 5);
    const points: string[] = [];
    for (let i = 0; i < KILLS; i++) {
      const runner = startRunner(url(names.killed), LEASE_MS, "--wait-for-lease");
      // At most 15 batches each: six kills stay inside the workload (about 120 batches a step), so each lands mid-run.
      const after = 1 + Math.floor(Math.random() * 15);
      await Promise.race([runner.batches(after), runner.exited]);
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 15)));
      runner.kill();
      await runner.exited;
      points.push(runner.result() ? "finished" : `after ${runner.lines.length} batches`);
      await invariants(db);
    }
    const final = startRunner(url(names.killed), LEASE_MS, "--wait-for-lease");
    await final.exited;
    expect(final.result()?.result).toBe("ran");
    console.log(`[postgres] retention runners killed: ${points.join("; ")}`);
    expect(points.filter((p) => p !== "finished").length).toBeGreaterThanOrEqual(KILLS - 1);

    await invariants(db);
    expect(await state(db)).toEqual(reference);
    // The killed runs are on record as abandoned, with the counts of the batches they committed.
    const runs = rowsOf<{ finished: boolean; error: string | null }>(
      await db.execute(sql`select finished_at is not null as finished, error from retention_runs where not dry_run`),
    );
    expect(runs.filter((r) => !r.finished).every((r) => r.error?.startsWith("Abandoned"))).toBe(true);
    expect(runs.filter((r) => r.finished && r.error === null).length).toBeGreaterThanOrEqual(1 + points.filter((p) => p === "finished").length);
  }, 120_000);

  it("two runners started at once: exactly one runs, the other is turned away", async () => {
    // A gate: the oldest procedure due for blocking is locked, so whichever runner takes the lease
    // waits inside its first batch while the other one tries.
    const gate = postgres(url(names.raced), { max: 1, onnotice: () => {} });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holding = gate.begin(async (tx) => {
      await tx`select id from procedures where kind <> 'ALERT' and closed_at is not null and blocked_at is null
               order by closed_at, id limit 1 for update`;
      locked();
      await released;
    });
    await isLocked;
    const runners = [startRunner(url(names.raced), 30_000), startRunner(url(names.raced), 30_000)];
    const first = await Promise.race(runners.map((r, i) => r.exited.then(() => i)));
    expect(runners[first]!.result()).toEqual({ result: "busy" });
    release();
    await holding;
    await gate.end();
    const other = runners[1 - first]!;
    await other.exited;
    expect(other.result()?.result).toBe("ran");
    const [runs] = rowsOf<{ n: number }>(await handles.raced!.db.execute(sql`select count(*)::int as n from retention_runs where not dry_run`));
    expect(runs!.n).toBe(1);
    expect(await state(handles.raced!.db)).toEqual(await state(handles.clean!.db));
  }, 60_000);
});
