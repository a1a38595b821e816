/**
 * The inactivity steps (R-RETAIN-5 escalation, R-RETAIN-7 closure by the system) at scale on
 * PostgreSQL: N open procedures (every 7th a draft) with their last activity spread evenly over the
 * 4 years before AS_OF, two participants each (DK, DE); then one real run as of AS_OF and a rerun.
 * Prints batches, median and longest batch per step. `N=1000000 npx tsx bench/inactivity-probe.ts`;
 * BENCH_DATABASE_URL names the server (default the test server). Creates and drops its own database.
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { ManualClock } from "../src/clock.js";
import { openDatabase } from "../src/db/client.js";
import { DEFAULT_RETENTION_SETTINGS, RetentionService } from "../src/modules/retention/retention.service.js";

const N = Number(process.env.N ?? 200000);
const AS_OF = new Date("2030-01-01T00:00:00Z");
const server = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const name = `h3b_probe_${randomBytes(3).toString("hex")}`;
const admin = postgres(server, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${name}"`);
const u = new URL(server); u.pathname = `/${name}`;
const handle = await openDatabase({ url: u.toString(), maxConnections: 3 });
try {
  await handle.migrate();
  const db = handle.db;
  const t0 = performance.now();
  await db.execute(sql`insert into authorities (name, member_state, contact_email, postal_address, dpo_name, dpo_email, created_at)
    values ('I', 'DK', 'i@x', 's', 'd', 'd@x', now()), ('R', 'DE', 'r@x', 's', 'd', 'd@x', now())`);
  await db.execute(sql`insert into procedures (reference, kind, legal_area_code, subject, status, initiator_authority_id, created_at, sent_at, last_activity_at)
    select 'P-' || i, 'REQUEST', 'PROFESSIONAL_QUALIFICATIONS', 'S ' || i, case when i % 7 = 0 then 'DRAFT' else 'SENT' end::procedure_status,
           (select id from authorities where name = 'I'), t, t, t
    from (select i, ${AS_OF.toISOString()}::timestamptz - (i * 1461.0 / ${N}) * interval '1 day' as t from generate_series(1, ${N}::int) i) s`);
  await db.execute(sql`insert into participants (procedure_id, authority_id, part, added_at)
    select p.id, a.id, case when a.name = 'I' then 'INITIATOR' else 'RESPONDER' end::participant_part, p.created_at
    from procedures p cross join authorities a`);
  // PERIOD: the areas' inactivity period (R-RETAIN-7), to compare the run without closures (PERIOD=1000).
  if (process.env.PERIOD) await db.execute(sql`update legal_areas set inactivity_period_months = ${Number(process.env.PERIOD)}::int`);
  await db.execute(sql`analyze`);
  console.log(`seeded ${N} open procedures in ${Math.round(performance.now() - t0)} ms`);
  const clock = new ManualClock(AS_OF);
  const service = new RetentionService(db, clock, { ...DEFAULT_RETENTION_SETTINGS, clearResidue: false });
  let per: Record<string, number[]> = {};
  const report = () => {
    for (const [step, ms] of Object.entries(per)) {
      const sorted = [...ms].sort((a, b) => a - b);
      console.log(`  ${step}: ${ms.length} batches, median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`);
    }
    per = {};
  };
  const onBatch = (b: { step: string; ms: number }) => {
    (per[b.step] ??= []).push(b.ms);
  };
  const started = performance.now();
  const run = await service.run({ onBatch });
  const total = Math.round(performance.now() - started);
  report();
  console.log(`run ${total} ms: closed ${run.proceduresClosedForInactivity}, escalated ${run.proceduresEscalated}, blocked ${run.proceduresBlocked}, deleted ${run.proceduresDeleted}, reminders ${run.remindersRaised}`);
  const again = performance.now();
  const rerun = await service.run({ onBatch });
  report();
  console.log(`rerun ${Math.round(performance.now() - again)} ms: closed ${rerun.proceduresClosedForInactivity}, escalated ${rerun.proceduresEscalated}, resolved ${rerun.escalationsResolved}`);
} finally {
  await handle.close();
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
}
