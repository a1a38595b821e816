import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { openDatabase, type DatabaseHandle } from "../../src/db/client.js";
import type { Database } from "../../src/db/database.js";
import { DomainError } from "../../src/errors.js";
import { AuditRecorder } from "../../src/modules/audit/audit.recorder.js";
import { SanctionCategory } from "../../src/modules/procedures/procedure.enums.js";
import { ProcedureService } from "../../src/modules/procedures/procedure.service.js";
import { seedRetentionWorkload } from "./retention-seed.js";
import { lostWrites, type ConfirmedWrite } from "./crash-writers.js";
import { DRIVERS } from "../helpers/database.js";
import { rowsOf } from "../../src/db/rows.js";
import { REQUESTERS_OF_PROCEDURES } from "../helpers/requests.js";

/**
 * Crash safety and single-runner behaviour of the retention job (SPEC "Retention job"), proven
 * against real PostgreSQL with real processes: runners are started as child processes and killed
 * with SIGKILL at random points. PostgreSQL only (TEST_DATABASE_URL): PGlite has one session in one
 * process, so neither a killed connection nor a second runner can be shown there.
 *
 * The workload holds early deletions of whole procedures and of one data subject (R-RETAIN-6), and
 * while the runners are killed, case handlers keep writing personal data into procedures that have
 * approved early deletions (issue 12, finding 1): the writes race the deletion, and afterwards
 * nothing personal may be left under a deleted procedure.
 */
const SERVER = process.env.TEST_DATABASE_URL;
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const AS_OF = new Date("2030-01-01T00:00:00Z");
const PROCEDURES = 3000;
const BATCH = 25;
const LEASE_MS = 1000;
const KILLS = 6;
/** Marks the one-subject early deletions (route_reason survives every deletion). */
const ONE_SUBJECT = "crash-test: one data subject";
/** Open procedures with approved early deletions that writers keep writing into during the kills. */
const WRITER_TARGETS = 10;

/**
 * Early deletions besides the seed's (whole procedures, no subject named): some now name a data
 * subject and say every subject consented (whole all the same); recent closures get early deletions
 * of one data subject (its "/1" subject); and open procedures, the writers' targets, get both kinds.
 * Returns the writer targets and the case handler who writes.
 */
async function addEarlyDeletions(db: Database, initiatorId: string): Promise<{ targets: string[]; userId: string }> {
  await db.execute(sql`update data_subject_requests r set all_subjects_consented = true,
      data_subject_id = (select d.id from data_subjects d where d.procedure_id = r.procedure_id order by d.full_name limit 1)
    where r.kind = 'EARLY_DELETION' and r.consent_reference is not null and hashtext(r.id::text) % 2 = 0`);
  await db.execute(sql`insert into data_subject_requests (kind, status, route, route_reason, receiving_authority_id, procedure_id,
      data_subject_id, consent_reference, legal_basis, received_at, due_at, decided_at)
    select 'EARLY_DELETION', 'APPROVED', 'COMMISSION', ${ONE_SUBJECT}, ${initiatorId}::uuid, p.id, d.id,
           'CONSENT-S-' || p.reference, 'National law §2', ${asOf} - interval '2 days', ${asOf} + interval '28 days', ${asOf} - interval '1 day'
    from procedures p join data_subjects d on d.procedure_id = p.id and d.full_name like '%/1'
    where p.reference like 'RET-%' and p.reference not like 'RET-OPEN-%' and p.closed_at > ${asOf} - interval '150 days'
      and not exists (select 1 from data_subject_requests r where r.procedure_id = p.id)
    order by p.reference limit 8`);
  const targets = rowsOf<{ id: string }>(
    await db.execute(sql`select p.id::text as id from procedures p where p.reference like 'RET-OPEN-%' and p.status = 'SENT'
      order by p.reference limit ${WRITER_TARGETS}`),
  ).map((row) => row.id);
  await db.execute(sql`insert into data_subject_requests (kind, status, route, route_reason, receiving_authority_id, procedure_id,
      data_subject_id, consent_reference, legal_basis, received_at, due_at, decided_at, all_subjects_consented)
    select 'EARLY_DELETION', 'APPROVED', 'COMMISSION', case when t.n % 2 = 0 then ${ONE_SUBJECT} end, ${initiatorId}::uuid, p.id,
           case when t.n % 2 = 0 then (select d.id from data_subjects d where d.procedure_id = p.id and d.full_name like '%/1') end,
           'CONSENT-W-' || p.reference, 'National law §3',
           ${asOf} - interval '2 days', ${asOf} + interval '28 days', ${asOf} - interval '1 day', t.n % 2 <> 0
    from unnest(${`{${targets.join(",")}}`}::uuid[]) with ordinality as t(id, n) join procedures p on p.id = t.id`);
  await db.execute(REQUESTERS_OF_PROCEDURES);
  const [user] = rowsOf<{ id: string }>(
    await db.execute(sql`insert into users (authority_id, name, email, password_hash, totp_secret, roles, active, created_at)
      values (${initiatorId}::uuid, 'Crash writer', 'crash.writer@imi.test', 'hash', 'SECRET', '{CASE_HANDLER}', true, ${asOf} - interval '1 year')
      returning id::text as id`),
  );
  return { targets, userId: user!.id };
}

/**
 * Case handlers of the initiating authority writing through the service (each write locks the
 * procedure, checks it, then inserts) until stopped: data subjects, sensitive records, messages.
 * Answers how the writes ended; anything but a write or a domain error (a deadlock, a foreign-key
 * violation) is a failure of the test.
 */
function startWriters(db: Database, targets: string[], userId: string, authorityId: string) {
  const clock = new ManualClock(AS_OF);
  const service = new ProcedureService(db, clock);
  const viewer = { userId, authorityId, memberState: "DK", roles: ["CASE_HANDLER"] as const };
  const outcomes: Record<string, number> = {};
  let running = true;
  const writer = async (w: number) => {
    for (let n = 0; running; n++) {
      const procedureId = targets[(w * 3 + n) % targets.length]!;
      const audit = new AuditRecorder(db, clock, `crash-writer-${w}`, viewer);
      let outcome = "written";
      try {
        if (n % 3 === 0) {
          await service.addDataSubject(viewer, procedureId, { fullName: `Written ${w}/${n}` }, audit);
        } else if (n % 3 === 1) {
          await service.postMessage(viewer, procedureId, `Written ${w}/${n}`, audit);
        } else {
          const [subject] = rowsOf<{ id: string }>(
            await db.execute(sql`select id::text as id from data_subjects where procedure_id = ${procedureId}::uuid order by created_at desc limit 1`),
          );
          if (!subject) continue;
          await service.addSensitiveRecord(
            viewer,
            subject.id,
            { category: SanctionCategory.DISCIPLINARY, details: `Written ${w}/${n}`, necessity: "Check", legalBasis: "Art. 33" },
            audit,
          );
        }
      } catch (error) {
        outcome = error instanceof DomainError ? `${error.constructor.name}` : `UNEXPECTED ${String(error)}`;
      }
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
  };
  const writers = [0, 1].map(writer);
  return {
    outcomes,
    async stop() {
      running = false;
      await Promise.all(writers);
    },
  };
}

interface Runner {
  lines: Record<string, unknown>[];
  exited: Promise<void>;
  batches(n: number): Promise<void>;
  kill(): void;
  /** Resolves once no process of the runner's group is left (tsx's node child dies just after tsx). */
  gone(): Promise<void>;
  result(): Record<string, unknown> | undefined;
}

/** A runner process (tsx run-job.ts) in a process group of its own, so SIGKILL reaches tsx's node child too. */
function startRunner(url: string, leaseMs: number, ...flags: string[]): Runner {
  return startRunnerWith({}, url, leaseMs, ...flags);
}

/** PGlite's batches: smaller, so that a run over a smaller workload still has many points to be killed at. */
const PGLITE_BATCH = 5;

/** startRunner with more environment (run-job.ts: CRASH_WRITERS, CRASH_MASTER_KEY); PGlite's batch size for a pglite: url. */
function startRunnerWith(env: Record<string, string>, url: string, leaseMs: number, ...flags: string[]): Runner {
  const batch = url.startsWith("pglite:") ? PGLITE_BATCH : BATCH;
  const child = spawn(
    `${ROOT}node_modules/.bin/tsx`,
    ["test/retention/run-job.ts", url, AS_OF.toISOString(), String(batch), String(leaseMs), ...flags],
    { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } },
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
    gone: async () => {
      await exited;
      const deadline = Date.now() + 10_000;
      for (;;) {
        try {
          process.kill(-child.pid!, 0);
        } catch {
          return;
        }
        if (Date.now() > deadline) throw new Error(`runner group ${child.pid} still alive 10 s after its exit`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    result: () => lines.find((l) => "result" in l),
  };
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
         exists (select 1 from procedure_justifications pj where pj.procedure_id = p.id)
         or exists (select 1 from procedure_consent_references pc where pc.procedure_id = p.id)
         or exists (select 1 from data_subjects d where d.procedure_id = p.id)
         or exists (select 1 from messages m where m.procedure_id = p.id)
         or exists (select 1 from legal_persons l where l.procedure_id = p.id)
         or exists (select 1 from confidentiality_flags f where f.procedure_id = p.id)
         or exists (select 1 from contestations c where c.procedure_id = p.id)))::int as "deletedButDataLeft",
      (select count(*) from procedures p where p.personal_data_deleted_at is null and p.reference not like 'RET-OPEN-%'
         and not exists (select 1 from data_subject_requests r where r.procedure_id = p.id and r.route_reason = ${ONE_SUBJECT})
         and (not exists (select 1 from procedure_justifications pj where pj.procedure_id = p.id)
         or (select count(*) from data_subjects d where d.procedure_id = p.id) <> 2
         or (select count(*) from sensitive_records s join data_subjects d on d.id = s.data_subject_id where d.procedure_id = p.id) <> 2
         or (select count(*) from messages m where m.procedure_id = p.id) <> 2
         or (select count(*) from legal_persons l where l.procedure_id = p.id) <> 1))::int as "dataGoneButUnmarked",
      (select count(*) from procedures p where p.personal_data_deleted_at is not null
         and (p.closed_at is null or ((p.closed_at at time zone 'UTC') + interval '3 years') at time zone 'UTC' > ${asOf})
         and not exists (select 1 from data_subject_requests r where r.procedure_id = p.id and r.kind = 'EARLY_DELETION'
                         and r.status = 'COMPLETED' and r.route_reason is distinct from ${ONE_SUBJECT}))::int as "deletedEarly",
      (select count(*) from procedures p join legal_areas la on la.code = p.legal_area_code
         where p.blocked_at is not null and p.personal_data_deleted_at is null
           and (((p.closed_at at time zone 'UTC') + make_interval(months => la.blocking_period_months)) at time zone 'UTC' > ${asOf}
                or (p.kind = 'ALERT' and la.closed_alerts_stay_visible)))::int as "blockedEarly",
      (select count(*) from data_subject_requests r where r.status = 'COMPLETED' and r.route_reason is distinct from ${ONE_SUBJECT}
         and exists (select 1 from procedures p where p.id = r.procedure_id and p.personal_data_deleted_at is null))::int as "completedButNotDeleted",
      (select count(*) from data_subject_requests r join procedures p on p.id = r.procedure_id
         where r.status = 'COMPLETED' and r.route_reason = ${ONE_SUBJECT}
           and exists (select 1 from data_subjects d where d.procedure_id = p.id and d.full_name = 'Person ' || p.reference || '/1'))::int as "oneSubjectLeft",
      (select count(*) from data_subject_requests r join procedures p on p.id = r.procedure_id
         where r.route_reason = ${ONE_SUBJECT} and p.personal_data_deleted_at is null and p.reference not like 'RET-OPEN-%' and (
           not exists (select 1 from data_subjects d join sensitive_records s on s.data_subject_id = d.id
                       where d.procedure_id = p.id and d.full_name = 'Person ' || p.reference || '/2')
           or (select count(*) from messages m where m.procedure_id = p.id) <> 2
           or (select count(*) from legal_persons l where l.procedure_id = p.id) <> 1))::int as "oneSubjectTookMore",
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
    oneSubjectLeft: 0,
    oneSubjectTookMore: 0,
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

/**
 * The state the job produces, independent of how its work was split into batches and runs. The
 * writers' targets are left out: what the writers managed to write before the deletion differs run
 * by run (invariants() checks that nothing of it outlives the deletion).
 */
async function state(db: Database, writerTargets: string[]) {
  const digest = (query: ReturnType<typeof sql>) => one<{ h: string; n: number }>(db, sql`select md5(coalesce(string_agg(x, '|' order by x), '')) as h, count(*)::int as n from (${query}) t`);
  const excluded = sql`${`{${writerTargets.join(",")}}`}::uuid[]`;
  // Step 7's events name tables, not rows, and depend on how the run went (residue.ts): left out.
  const events = rowsOf<{ action: string; ground: string }>(
    await db.execute(sql`select action, ground from audit_events where action like 'RETENTION_%' and action <> 'RETENTION_RESIDUE'`),
  );
  const named: Record<string, string[]> = {};
  for (const e of events) named[e.action] = [...(named[e.action] ?? []), ...e.ground.split(": ").at(-1)!.split(",")].sort();
  return {
    procedures: await digest(sql`select concat_ws(',', p.id, p.status, p.blocked_at, p.personal_data_deleted_at, pj.justification, pc.consent_reference, p.subject) as x
      from procedures p left join procedure_justifications pj on pj.procedure_id = p.id
        left join procedure_consent_references pc on pc.procedure_id = p.id
      where not (p.id = any(${excluded}))`),
    dataSubjects: await digest(sql`select id::text as x from data_subjects where not (procedure_id = any(${excluded}))`),
    sensitiveRecords: await digest(sql`select s.id::text as x from sensitive_records s join data_subjects d on d.id = s.data_subject_id
      where not (d.procedure_id = any(${excluded}))`),
    messages: await digest(sql`select id::text as x from messages where not (procedure_id = any(${excluded}))`),
    legalPersons: await digest(sql`select id::text as x from legal_persons`),
    flags: await digest(sql`select id::text as x from confidentiality_flags`),
    contestations: await digest(sql`select id::text as x from contestations`),
    users: await digest(sql`select concat_ws(',', id, name, email, password_hash, totp_secret, contact_blocked_at, contact_deleted_at) as x from users`),
    requests: await digest(sql`select concat_ws(',', r.id, r.status, r.completed_at, r.data_subject_id, rp.requester_name) as x
      from data_subject_requests r left join data_subject_request_personal rp on rp.request_id = r.id`),
    reminders: await digest(sql`select concat_ws(',', procedure_id, authority_id, kind, raised_at, resolved_at) as x from reminders
      where not (procedure_id = any(${excluded}))`),
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
  let writerTargets: string[] = [];
  let writerUser = "";
  let initiator = "";

  beforeAll(async () => {
    admin = postgres(SERVER!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${names.killed}"`);
    const seed = await openDatabase({ url: url(names.killed), maxConnections: 2 });
    await seed.migrate();
    initiator = (await seedRetentionWorkload(seed.db, { procedures: PROCEDURES, asOf: AS_OF })).initiatorId;
    ({ targets: writerTargets, userId: writerUser } = await addEarlyDeletions(seed.db, initiator));
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
    const reference = await state(handles.clean!.db, writerTargets);
    const cleanSums = await invariants(handles.clean!.db);
    expect(cleanSums.deleted).toBeGreaterThan(PROCEDURES / 5);
    expect(cleanSums.early).toBeGreaterThan(WRITER_TARGETS);
    const points: string[] = [];
    // Case handlers write into procedures with approved early deletions while the runners are killed.
    const writers = startWriters(db, writerTargets, writerUser, initiator);
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
    // The final run's early deletions race the writers too; they stop once it has finished.
    const final = startRunner(url(names.killed), LEASE_MS, "--wait-for-lease");
    await final.exited;
    await writers.stop();
    console.log(`[postgres] writers racing the deletion: ${JSON.stringify(writers.outcomes)}`);
    expect(Object.keys(writers.outcomes).filter((o) => o.startsWith("UNEXPECTED"))).toEqual([]);
    expect(writers.outcomes.written).toBeGreaterThan(0);
    expect(writers.outcomes.ForbiddenError).toBeGreaterThan(0);
    expect(final.result()?.result).toBe("ran");
    console.log(`[postgres] retention runners killed: ${points.join("; ")}`);
    expect(points.filter((p) => p !== "finished").length).toBeGreaterThanOrEqual(KILLS - 1);

    await invariants(db);
    expect(await state(db, writerTargets)).toEqual(reference);
    // Every writer target's early deletion was carried out: whole ones deleted all, one-subject ones the subject.
    const targets = await one<{ whole: number; subjectKept: number }>(
      db,
      sql`select count(*) filter (where p.personal_data_deleted_at is not null)::int as whole,
                 count(*) filter (where exists (select 1 from data_subjects d where d.procedure_id = p.id and d.full_name = 'Person ' || p.reference || '/1'))::int as "subjectKept"
          from procedures p where p.id = any(${`{${writerTargets.join(",")}}`}::uuid[])`,
    );
    expect(targets).toEqual({ whole: WRITER_TARGETS / 2, subjectKept: 0 });
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
    expect(await state(handles.raced!.db, writerTargets)).toEqual(await state(handles.clean!.db, writerTargets));
  }, 60_000);
});

/**
 * The same on PGlite (issue 12, "on both drivers"): the data folder belongs to one process, so the
 * runner and the writers are one process (run-job.ts with CRASH_WRITERS), killed with SIGKILL at
 * random points and restarted on the same folder. After each kill the folder opens (no stale lock
 * stops it), every write the writers saw confirmed is there unless the job deleted its procedure,
 * and the invariants hold; the restarted runner frees the dead process's lease at once (its lease
 * lasts a minute, and it never waits for it), and the last run converges to the uninterrupted state.
 */
describe.skipIf(!DRIVERS.includes("pglite"))("the retention job killed with SIGKILL on PGlite", () => {
  const PGLITE_PROCEDURES = 300;
  const PGLITE_KILLS = 3;
  const LONG_LEASE_MS = 60_000;
  const masterKey = randomBytes(32).toString("base64");
  let dir = "";
  let writerEnv: Record<string, string> = {};
  let writerTargets: string[] = [];
  // Batches of the uninterrupted run: the kills share them out, so that committed batches are not
  // redone and a later kill still lands inside a run (a run that finished leaves nothing to kill).
  let uninterruptedBatches = 0;
  const killed = () => join(dir, "killed");
  const clean = () => join(dir, "clean");

  async function withFolder<T>(folder: string, work: (db: Database) => Promise<T>): Promise<T> {
    const handle = await openDatabase({ pgliteDir: folder });
    try {
      return await work(handle.db);
    } finally {
      await handle.close();
    }
  }

  beforeAll(async () => {
    const t0 = Date.now();
    dir = await mkdtemp(join(tmpdir(), "imi-crash-pglite-"));
    const seed = await openDatabase({ pgliteDir: killed() });
    await seed.migrate();
    const initiator = (await seedRetentionWorkload(seed.db, { procedures: PGLITE_PROCEDURES, asOf: AS_OF })).initiatorId;
    const plan = await addEarlyDeletions(seed.db, initiator);
    await seed.close();
    writerTargets = plan.targets;
    writerEnv = { CRASH_MASTER_KEY: masterKey, CRASH_WRITERS: JSON.stringify({ userId: plan.userId, authorityId: initiator, targets: plan.targets }) };
    console.log(`[pglite] seeded in ${Date.now() - t0} ms`);
    await cp(killed(), clean(), { recursive: true });
    const uninterrupted = startRunnerWith({ CRASH_MASTER_KEY: masterKey }, `pglite:${clean()}`, LONG_LEASE_MS);
    await uninterrupted.gone();
    expect(uninterrupted.result()?.result).toBe("ran");
    uninterruptedBatches = uninterrupted.lines.filter((l) => "batch" in l).length;
    expect(uninterruptedBatches).toBeGreaterThan(PGLITE_KILLS * 4);
  }, 90_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("killed with SIGKILL at random points while writers write, restarted on the same folder: no confirmed write lost, nothing half-done, and the last run converges to the uninterrupted state", async () => {
    const reference = await withFolder(clean(), (db) => state(db, writerTargets));
    const confirmed: ConfirmedWrite[] = [];
    const points: string[] = [];
    for (let i = 0; i < PGLITE_KILLS; i++) {
      const started = Date.now();
      const runner = startRunnerWith(writerEnv, `pglite:${killed()}`, LONG_LEASE_MS);
      // Each kill lands inside its run: at most a (kills + 1)-th of the run's batches after the last.
      const after = 1 + Math.floor(Math.random() * Math.floor(uninterruptedBatches / (PGLITE_KILLS + 1)));
      await Promise.race([runner.batches(after), runner.exited]);
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 15)));
      runner.kill();
      // As a supervisor restarts it: once the process is dead (its folder lock died with it).
      await runner.gone();
      const writes = runner.lines.filter((l) => "write" in l).map((l) => l.write as ConfirmedWrite);
      confirmed.push(...writes);
      // Never turned away by the dead runner's lease (a minute long): freed at start.
      expect(runner.result()?.result).not.toBe("busy");
      points.push(
        runner.result() ? "finished" : `after ${runner.lines.filter((l) => "batch" in l).length} batches, ${writes.length} writes (${Date.now() - started} ms)`,
      );
      await withFolder(killed(), async (db) => {
        expect(await lostWrites(db, confirmed)).toEqual([]);
        await invariants(db);
      });
    }
    const final = startRunnerWith(writerEnv, `pglite:${killed()}`, LONG_LEASE_MS);
    await final.gone();
    expect(final.result()?.result).toBe("ran");
    confirmed.push(...final.lines.filter((l) => "write" in l).map((l) => l.write as ConfirmedWrite));
    console.log(`[pglite] retention runners killed: ${points.join("; ")}; ${confirmed.length} confirmed writes`);
    expect(points.filter((p) => p !== "finished").length).toBeGreaterThanOrEqual(PGLITE_KILLS - 1);
    expect(confirmed.length).toBeGreaterThan(0);

    await withFolder(killed(), async (db) => {
      expect(await lostWrites(db, confirmed)).toEqual([]);
      await invariants(db);
      expect(await state(db, writerTargets)).toEqual(reference);
      const targets = await one<{ whole: number; subjectKept: number }>(
        db,
        sql`select count(*) filter (where p.personal_data_deleted_at is not null)::int as whole,
                   count(*) filter (where exists (select 1 from data_subjects d where d.procedure_id = p.id and d.full_name = 'Person ' || p.reference || '/1'))::int as "subjectKept"
            from procedures p where p.id = any(${`{${writerTargets.join(",")}}`}::uuid[])`,
      );
      // Odd positions are whole-procedure deletions (addEarlyDeletions).
      expect(targets).toEqual({ whole: Math.ceil(writerTargets.length / 2), subjectKept: 0 });
      const runs = rowsOf<{ finished: boolean; error: string | null }>(
        await db.execute(sql`select finished_at is not null as finished, error from retention_runs where not dry_run`),
      );
      expect(runs.filter((r) => !r.finished).every((r) => r.error?.startsWith("Abandoned"))).toBe(true);
    });
  }, 240_000);
});
