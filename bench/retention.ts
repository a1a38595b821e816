/**
 * The retention job at scale (issue 5): closed procedures with data subjects, sensitive records,
 * messages, legal persons, flags and contestations (test/retention/retention-seed.ts, set-based
 * INSERT … SELECT generate_series), seeded once and copied, so that the job and its baseline start
 * from identical databases in the same run:
 *
 * - baseline: the same blocking and deletion as single hand-written SQL statements (one UPDATE for
 *   blocking; one statement per table for deletion, in one transaction), no batches, no audit;
 * - the job: RetentionService as it runs in production (batches of RETENTION_BATCH_SIZE, one
 *   transaction each, lease renewal, audit event and run counts per batch), every step, with step 7
 *   (R-RETAIN-3, no readable trace: src/modules/retention/residue.ts) on;
 * - the same job with step 7 off, on a third identical copy: what the residue step costs.
 *
 * Prints the ratio (job's blocking + deletion batches against the baseline, and the whole run), rows
 * per second, peak RSS sampled every 10 ms, and the longest batch. PGlite by default (100,000
 * procedures); PostgreSQL with BENCH_DATABASE_URL (1,000,000). BENCH_RETENTION_ROWS overrides the
 * number of procedures. `npm run bench:retention` runs this alone; `npm run bench` runs it last.
 * BENCH_RESIDUE_FULL=1 also times VACUUM FULL of every personal-data table on the job's copy after
 * the run (what rewriting everything would cost at this size; it locks each table while it runs).
 */
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import postgres from "postgres";
import { ManualClock } from "../src/clock.js";
import { MIGRATIONS_FOLDER, openDatabase, type DatabaseHandle } from "../src/db/client.js";
import type { Database } from "../src/db/database.js";
import * as schema from "../src/db/schema/index.js";
import { PERSONAL_DATA_TABLES, type ResidueTableReport } from "../src/modules/retention/residue.js";
import { DEFAULT_RETENTION_SETTINGS, RetentionService, type Step } from "../src/modules/retention/retention.service.js";
import { seedRetentionWorkload } from "../test/retention/retention-seed.js";

const AS_OF = new Date("2030-01-01T00:00:00Z");

interface Copies {
  driver: "pglite" | "postgres";
  /** The job with step 7 on. */
  job: Database;
  /** The job with step 7 off. */
  jobWithoutResidue: Database;
  baseline: Database;
  close(): Promise<void>;
}

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

async function seeded(rows: number): Promise<{ copies: Copies; seedMs: number; copyMs: number }> {
  const serverUrl = process.env.BENCH_DATABASE_URL;
  const started = performance.now();
  if (!serverUrl) {
    const original = await PGlite.create("memory://");
    const db = drizzle(original, { schema }) as unknown as Database;
    await migrate(drizzle(original, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    await seedRetentionWorkload(db, { procedures: rows, asOf: AS_OF, withoutTriggers: true });
    await seedKeys(db);
    await db.execute(sql`analyze`);
    const seedMs = performance.now() - started;
    const copyStarted = performance.now();
    const copy = await original.clone();
    const copyMs = performance.now() - copyStarted;
    const second = await original.clone();
    return {
      seedMs,
      copyMs,
      copies: {
        driver: "pglite",
        // The jobs get the fresh copies, the baseline the instance that seeded (warm): any bias is against the job.
        job: drizzle(copy as PGlite, { schema }) as unknown as Database,
        jobWithoutResidue: drizzle(second as PGlite, { schema }) as unknown as Database,
        baseline: db,
        close: async () => {
          await original.close();
          await copy.close();
          await second.close();
        },
      },
    };
  }
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const tag = `imi_bench_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const url = (name: string) => Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  await admin.unsafe(`create database "${tag}_job"`);
  // One connection: the seeding session setting must hold for every statement.
  const seed = await openDatabase({ url: url(`${tag}_job`), maxConnections: 1 });
  await seed.migrate();
  await seedRetentionWorkload(seed.db, { procedures: rows, asOf: AS_OF, withoutTriggers: true });
  await seedKeys(seed.db);
  await seed.db.execute(sql`analyze`);
  await seed.close();
  const seedMs = performance.now() - started;
  const copyStarted = performance.now();
  await admin.unsafe(`create database "${tag}_baseline" template "${tag}_job"`);
  const copyMs = performance.now() - copyStarted;
  await admin.unsafe(`create database "${tag}_plain" template "${tag}_job"`);
  const handles: DatabaseHandle[] = [
    await openDatabase({ url: url(`${tag}_job`), maxConnections: 2 }),
    await openDatabase({ url: url(`${tag}_baseline`), maxConnections: 2 }),
    await openDatabase({ url: url(`${tag}_plain`), maxConnections: 2 }),
  ];
  return {
    seedMs,
    copyMs,
    copies: {
      driver: "postgres",
      // The job gets the copy, the baseline the seeded database: any bias is against the job.
      job: handles[1]!.db,
      jobWithoutResidue: handles[2]!.db,
      baseline: handles[0]!.db,
      close: async () => {
        for (const handle of handles) await handle.close();
        await admin.unsafe(`drop database if exists "${tag}_job" with (force)`);
        await admin.unsafe(`drop database if exists "${tag}_baseline" with (force)`);
        await admin.unsafe(`drop database if exists "${tag}_plain" with (force)`);
        await admin.end();
      },
    },
  };
}

/**
 * R-RETAIN-3 crypto-shredding: a data key per procedure and per data subject, as the API creates
 * them (personal-crypto/key-store.ts), in the stored form's length (`k1:<16 hex>:<80 base64>`:
 * random bytes, the bench never opens them). The seeded values themselves stay plaintext (sealing
 * 7.4M values in Node would dominate the seed): a sealed value is about 4/3 of its text plus 40
 * bytes, so the personal-data tables here are somewhat smaller than sealed ones would be.
 */
async function seedKeys(db: Database): Promise<void> {
  const wrapped = sql`'k1:' || substr(md5(random()::text), 1, 16) || ':' || encode(decode(md5(random()::text) || md5(random()::text)
    || md5(random()::text) || substr(md5(random()::text), 1, 24), 'hex'), 'base64')`;
  await db.execute(sql`insert into personal_data_keys (owner_id, wrapped, created_at)
    select id, ${wrapped}, created_at from procedures union all select id, ${wrapped}, created_at from data_subjects`);
}

/** RSS sampled every 10 ms while `work` runs: its peak. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ value: T; peakRss: number; startRss: number }> {
  const startRss = process.memoryUsage().rss;
  let peakRss = startRss;
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 10);
  try {
    const value = await work();
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    return { value, peakRss, startRss };
  } finally {
    clearInterval(timer);
  }
}

const asOf = sql`${AS_OF.toISOString()}::timestamptz`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** The same blocking and deletion as hand-written single statements: the floor the job is measured against. */
async function baseline(db: Database): Promise<{ blockMs: number; deleteMs: number; blocked: number; deleted: number }> {
  let started = performance.now();
  const blocked = rowsOf<{ n: number }>(
    await db.execute(sql`with changed as (
        update procedures p set blocked_at = ${asOf} from legal_areas la
        where la.code = p.legal_area_code and p.closed_at is not null and p.blocked_at is null and p.personal_data_deleted_at is null
          and ((p.closed_at at time zone 'UTC') + make_interval(months => la.blocking_period_months)) at time zone 'UTC' <= ${asOf}
          and not (p.kind = 'ALERT' and la.closed_alerts_stay_visible)
        returning 1)
      select count(*)::int as n from changed`),
  )[0]!.n;
  const blockMs = performance.now() - started;
  started = performance.now();
  const due = sql`select id from procedures where closed_at is not null and personal_data_deleted_at is null
    and ((closed_at at time zone 'UTC') + interval '3 years') at time zone 'UTC' <= ${asOf}`;
  const deleted = await db.transaction(async (tx) => {
    // The keys of the procedures and of their data subjects, as the job's deletion destroys them.
    await tx.execute(sql`delete from personal_data_keys k using (
        select id from procedures where id in (${due})
        union all select ds.id from data_subjects ds where ds.procedure_id in (${due})) o
      where k.owner_id = o.id`);
    await tx.execute(sql`delete from sensitive_records sr using data_subjects ds where sr.data_subject_id = ds.id and ds.procedure_id in (${due})`);
    await tx.execute(sql`delete from contestations where procedure_id in (${due})`);
    await tx.execute(sql`delete from data_subjects where procedure_id in (${due})`);
    await tx.execute(sql`delete from messages where procedure_id in (${due})`);
    await tx.execute(sql`delete from confidentiality_flags where procedure_id in (${due})`);
    await tx.execute(sql`delete from legal_persons where procedure_id in (${due})`);
    await tx.execute(sql`delete from procedure_justifications where procedure_id in (${due})`);
    await tx.execute(sql`delete from procedure_consent_references where procedure_id in (${due})`);
    return rowsOf<{ n: number }>(
      await tx.execute(sql`with changed as (
          update procedures set personal_data_deleted_at = ${asOf}, blocked_at = coalesce(blocked_at, ${asOf}),
                 subject = '(personal data deleted)'
          where id in (${due}) returning 1)
        select count(*)::int as n from changed`),
    )[0]!.n;
  });
  return { blockMs, deleteMs: performance.now() - started, blocked, deleted };
}

export interface RetentionBenchResult {
  driver: string;
  procedures: number;
  lines: string[];
}

interface JobMeasure {
  run: Awaited<ReturnType<RetentionService["run"]>>;
  ms: number;
  perStep: Map<Step, { ms: number; batches: number; longest: number }>;
  batchMs: number[];
  /** The longest batches: which step, its place in the step (1 = the step's first), rows done, time. */
  slowest: { step: Step; index: number; done: number; ms: number }[];
  residue: ResidueTableReport[];
  peakRss: number;
  startRss: number;
}

/** One run of the job as production runs it, every batch and every step-7 table timed. */
async function measureJob(db: Database, batchSize: number, clearResidue: boolean): Promise<JobMeasure> {
  const service = new RetentionService(db, new ManualClock(AS_OF), { ...DEFAULT_RETENTION_SETTINGS, batchSize, clearResidue });
  const perStep = new Map<Step, { ms: number; batches: number; longest: number }>();
  const batchMs: number[] = [];
  const batches: { step: Step; index: number; done: number; ms: number }[] = [];
  const residue: ResidueTableReport[] = [];
  const measured = await withPeakRss(async () => {
    const started = performance.now();
    const run = await service.run({
      onBatch: ({ step, done, ms }) => {
        batchMs.push(ms);
        const s = perStep.get(step) ?? { ms: 0, batches: 0, longest: 0 };
        batches.push({ step, index: s.batches + 1, done, ms });
        perStep.set(step, { ms: s.ms + ms, batches: s.batches + 1, longest: Math.max(s.longest, ms) });
      },
      onResidue: (report) => void residue.push(report),
    });
    return { run, ms: performance.now() - started };
  });
  const slowest = [...batches].sort((a, b) => b.ms - a.ms).slice(0, 5);
  return { ...measured.value, perStep, batchMs, slowest, residue, peakRss: measured.peakRss, startRss: measured.startRss };
}

export async function benchRetention(): Promise<RetentionBenchResult> {
  const rows = Number(process.env.BENCH_RETENTION_ROWS ?? (process.env.BENCH_DATABASE_URL ? 1_000_000 : 100_000));
  const batchSize = Number(process.env.RETENTION_BATCH_SIZE ?? DEFAULT_RETENTION_SETTINGS.batchSize);
  const startLoad = loadavg().map((n) => n.toFixed(2)).join(", ");
  const { copies, seedMs, copyMs } = await seeded(rows);
  try {
    const [personal] = rowsOf<{ n: number }>(
      await copies.job.execute(sql`select ((select count(*) from data_subjects) + (select count(*) from sensitive_records)
        + (select count(*) from messages) + (select count(*) from legal_persons)
        + (select count(*) from confidentiality_flags) + (select count(*) from contestations))::int as n`),
    );

    const base = await withPeakRss(() => baseline(copies.baseline));
    const baselineMs = base.value.blockMs + base.value.deleteMs;
    const plain = await measureJob(copies.jobWithoutResidue, batchSize, false);
    const job = await measureJob(copies.job, batchSize, true);
    for (const m of [plain, job]) {
      if (m.run.proceduresBlocked !== base.value.blocked || m.run.proceduresDeleted !== base.value.deleted) {
        throw new Error(`job and baseline disagree: ${JSON.stringify({ run: m.run, baseline: base.value })}`);
      }
    }
    const stepMs = (m: JobMeasure, ...steps: Step[]) => steps.reduce((sum, s) => sum + (m.perStep.get(s)?.ms ?? 0), 0);
    const longestOf = (m: JobMeasure) => {
      const longest = Math.max(...[...m.perStep.values()].map((s) => s.longest));
      return { longest, step: [...m.perStep].find(([, s]) => s.longest === longest)?.[0] };
    };
    const slowestOf = (m: JobMeasure) => m.slowest.map((b) => `${b.step} #${b.index} (${b.done}) ${b.ms.toFixed(0)}`).join(", ");
    const batchesOf = (m: JobMeasure) => [...m.perStep.values()].reduce((sum, s) => sum + s.batches, 0);
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
    const blockDeleteMs = stepMs(job, "block", "delete");
    const procs = job.run.proceduresBlocked + job.run.proceduresDeleted;
    const rewritten = job.residue.filter((r) => r.action === "rewritten" || r.action === "keys");
    const vacuumed = job.residue.filter((r) => r.action === "vacuumed");
    const wal = job.residue.filter((r) => r.action === "wal");
    const keyRewrites = job.residue.filter((r) => r.action === "keys");
    const keyMs = keyRewrites.map((r) => r.ms);
    const residueMs = job.residue.reduce((sum, r) => sum + r.ms, 0);
    const longestRewrite = rewritten.reduce((a, r) => (r.ms > a.ms ? r : a), { table: "none", ms: 0, bytes: 0, action: "rewritten" as const });
    const longestVacuum = vacuumed.reduce((a, r) => (r.ms > a.ms ? r : a), { table: "none", ms: 0, bytes: 0, action: "vacuumed" as const });
    const l = longestOf(job);
    const lp = longestOf(plain);
    const load = loadavg().map((n) => n.toFixed(2)).join(", ");
    const lines = [
      `| machine load average (1, 5, 15 min) at the end of the runs (2 cores, shared) | ${load} (at the start: ${startLoad}) |`,
      `| retention: closed procedures seeded (+ ${personal!.n.toLocaleString("en")} rows of personal data) | ${rows.toLocaleString("en")} in ${(seedMs / 1000).toFixed(1)} s; copy ${(copyMs / 1000).toFixed(1)} s |`,
      `| retention baseline: block (1 UPDATE) + delete (7 statements, 1 transaction) | ${base.value.blocked.toLocaleString("en")} + ${base.value.deleted.toLocaleString("en")} procedures in ${base.value.blockMs.toFixed(0)} + ${base.value.deleteMs.toFixed(0)} = ${baselineMs.toFixed(0)} ms |`,
      `| retention job, block + delete steps (batches of ${batchSize}) | ${stepMs(job, "block").toFixed(0)} + ${stepMs(job, "delete").toFixed(0)} = ${blockDeleteMs.toFixed(0)} ms in ${(job.perStep.get("block")?.batches ?? 0) + (job.perStep.get("delete")?.batches ?? 0)} batches |`,
      `| retention job / baseline, block + delete (target ≤ 1.5×) | ${(blockDeleteMs / baselineMs).toFixed(2)}× |`,
      `| retention job, whole run with step 7 (${batchesOf(job)} batches + ${job.residue.length} residue steps) | ${job.ms.toFixed(0)} ms (${(job.ms / baselineMs).toFixed(2)}× the baseline, ${(job.ms / plain.ms).toFixed(2)}× the job without step 7) |`,
      `| retention job, whole run without step 7 (${batchesOf(plain)} batches) | ${plain.ms.toFixed(0)} ms (${(plain.ms / baselineMs).toFixed(2)}× the baseline) |`,
      `| step 7 (residue): ${rewritten.length - keyRewrites.length} tables rewritten (VACUUM FULL, ≤ ${mb(DEFAULT_RETENTION_SETTINGS.residueMaxRewriteBytes)}), ${vacuumed.length} vacuumed (larger)${wal.length ? ", WAL removed" : ""} | ${residueMs.toFixed(0)} ms; longest rewrite ${longestRewrite.ms.toFixed(0)} ms (${longestRewrite.table}, ${mb(longestRewrite.bytes)}); longest VACUUM ${longestVacuum.ms.toFixed(0)} ms (${longestVacuum.table}, ${mb(longestVacuum.bytes)}, blocks neither reads nor writes)${wal.length ? `; WAL ${wal[0]!.ms.toFixed(0)} ms` : ""} |`,
      `| step 7 tables vacuumed, not rewritten (too large for one batch) | ${vacuumed.map((r) => `${r.table} ${mb(r.bytes)}`).join(", ") || "none"} |`,
      `| step 7 key partitions rewritten (VACUUM FULL of each partition that lost keys; crypto-shredding) | ${keyRewrites.length} partitions, ${mb(keyRewrites.reduce((a, r) => a + r.bytes, 0))} in ${keyMs.reduce((a, b) => a + b, 0).toFixed(0)} ms; each median ${percentile(keyMs, 0.5).toFixed(0)} ms, longest ${Math.max(0, ...keyMs).toFixed(0)} ms (${mb(Math.max(0, ...keyRewrites.map((r) => r.bytes)))} largest) |`,
      `| retention job throughput | ${Math.round(procs / (blockDeleteMs / 1000)).toLocaleString("en")} procedures/s blocked or deleted |`,
      `| retention job longest batch, with step 7 (target < 250 ms; a step-7 rewrite counts as a batch) | ${Math.max(l.longest, longestRewrite.ms).toFixed(0)} ms (${longestRewrite.ms > l.longest ? `rewrite of ${longestRewrite.table}` : l.step}); batches median ${percentile(job.batchMs, 0.5).toFixed(0)} ms, p99 ${percentile(job.batchMs, 0.99).toFixed(0)} ms |`,
      `| retention job's five longest batches, with step 7 / without (step, its n-th batch, procedures, ms) | ${slowestOf(job)} / ${slowestOf(plain)} |`,
      `| retention job longest batch, without step 7 | ${lp.longest.toFixed(0)} ms (${lp.step}); median ${percentile(plain.batchMs, 0.5).toFixed(0)} ms, p99 ${percentile(plain.batchMs, 0.99).toFixed(0)} ms |`,
      `| retention peak RSS: job with step 7 / without / baseline (process at the start of each: ${mb(job.startRss)} / ${mb(plain.startRss)} / ${mb(base.startRss)}) | ${mb(job.peakRss)} / ${mb(plain.peakRss)} / ${mb(base.peakRss)} |`,
    ];
    if (process.env.BENCH_RESIDUE_FULL === "1") {
      const full: string[] = [];
      let total = 0;
      for (const table of PERSONAL_DATA_TABLES) {
        const [size] = rowsOf<{ bytes: number | null }>(await copies.job.execute(sql`select pg_total_relation_size(to_regclass(${table}))::bigint as bytes`));
        if (size?.bytes == null) continue;
        const started = performance.now();
        await copies.job.execute(sql.raw(`vacuum full ${table}`));
        const ms = performance.now() - started;
        total += ms;
        full.push(`${table} ${mb(Number(size.bytes))} ${(ms / 1000).toFixed(1)} s`);
      }
      lines.push(`| VACUUM FULL of every personal-data table after the run (each locks its table throughout) | ${(total / 1000).toFixed(1)} s: ${full.join(", ")} |`);
    }
    return { driver: copies.driver, procedures: rows, lines };
  } finally {
    await copies.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchRetention();
  console.log(`\n## Retention job bench (${result.driver}, ${result.procedures.toLocaleString("en")} procedures)\n`);
  console.log("| measure | value |\n|---|---|");
  for (const line of result.lines) console.log(line);
}
