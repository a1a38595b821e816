import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import type { Executor } from "../../db/database.js";
import { rowsOf } from "../../db/rows.js";

/**
 * R-RETAIN-3, the retention job's step 7: no readable trace of deleted personal data in the
 * database's own files. A DELETE (or an UPDATE that clears a column) leaves the old row version's
 * bytes in the table file, its TOAST table and its indexes; plain VACUUM frees the space but does not
 * zero it (a byte scan still finds about half the deleted values); only a rewrite (VACUUM FULL,
 * CLUSTER) leaves a file without them. The WAL keeps every value written until its segments are
 * removed. Measured in bench/retention-residue-probe.ts; the figures are in bench/results.md.
 *
 * So, after a run that deleted something (or after a killed one that did), each table that holds
 * personal data is rewritten with VACUUM FULL, then, where the checkpoints run in this very session
 * (PGlite), the WAL written so far is switched away and removed rather than recycled. A rewrite holds
 * an ACCESS EXCLUSIVE lock for as long as it takes, about 70 MB/s here: a table larger than
 * `maxRewriteBytes` is only vacuumed (no lock against readers or writers, the space is reused by
 * later rows) and recorded as not rewritten, for the operator (docs/deployment.md: at that size the
 * rewrite belongs in a maintenance window, or the data under per-procedure keys).
 *
 * At scale the large tables hold only sealed values (crypto-shredding, src/db/personal-crypto/): a
 * deletion destroys the owner's data key in the same transaction, so what a plain VACUUM leaves in
 * their files, and what the WAL and backups keep, is ciphertext under a key that no longer exists.
 * The keys themselves are in a hash-partitioned table (a few MB per partition at 1M procedures):
 * this step rewrites every key partition that lost keys (personal_data_key_shreds), so no file keeps
 * a destroyed key, not even wrapped. Each such rewrite is its own short lock on one partition.
 *
 * Idempotent and safe if killed: a rewrite commits or leaves the old file; what is pending is read
 * from the audit trail (a deletion event of the job after the last RETENTION_RESIDUE event) and from
 * the shredded partitions not yet rewritten, so a run killed between its deletions and this step
 * leaves the work to the next run.
 */

/** The tables whose rows hold personal data or free text about a person (SPEC §9, the deletion statement). */
export const PERSONAL_DATA_TABLES = [
  "data_subjects",
  "sensitive_records",
  "messages",
  "legal_persons",
  "confidentiality_flags",
  "contestations",
  "procedures",
  // Issue 13: the procedure's justification and consent reference, out of its metadata row.
  "procedure_justifications",
  "procedure_consent_references",
  "data_subject_requests",
  "data_subject_request_steps",
  // Issue 13: a request's personal data and its steps' notes, out of their metadata rows.
  "data_subject_request_personal",
  "data_subject_request_step_notes",
  "blocked_data_retrievals",
  "inactivity_justifications",
  "users",
  // Issue 17: answers to question sets, attachments and their bytes.
  "question_answers",
  "attachments",
  "attachment_chunks",
] as const;

/** The audit action of this step; the job's deletion events are `RETENTION_…DELETE`. */
export const RESIDUE_ACTION = "RETENTION_RESIDUE";

/** Runs statements that may legitimately take longer than the connection's answer bound. */
export type LongStatements = <T>(work: () => Promise<T>) => Promise<T>;

/** Rewrites up to this size take about 200 ms here (PostgreSQL 15, 2 cores): within a batch's budget. */
export const DEFAULT_MAX_REWRITE_BYTES = 12 * 1024 * 1024;

/** How long the step waits for transactions older than the deletions to end before it leaves the work to the next run. */
export const DEFAULT_SNAPSHOT_WAIT_MS = 5000;

export interface ResidueOptions {
  /** Tables larger than this (heap, TOAST and indexes) are vacuumed, not rewritten. */
  maxRewriteBytes?: number;
  /** Tables vacuumed, not rewritten, whatever their size: what a test does to see the step as 1M procedures make it. */
  vacuumOnly?: readonly string[];
  /** See DEFAULT_SNAPSHOT_WAIT_MS. */
  snapshotWaitMs?: number;
  /** Stops between two tables (shutdown); what is left stays pending for the next run. */
  signal?: AbortSignal;
  /** Told after each table and after the WAL switch. */
  onTable?: (report: ResidueTableReport) => void | Promise<void>;
  /**
   * Throws when the caller may no longer act (the job's lease lost to another runner): called before
   * the step, before each table and partition, and before the step records itself, so a runner fenced
   * out never marks as cleared what another runner deleted meanwhile (retention.service.ts).
   */
  fence?: () => Promise<void>;
}

export interface ResidueTableReport {
  table: string;
  /** `rewritten` (VACUUM FULL), `vacuumed` (too large to rewrite within the budget), `keys` (a key partition rewritten), or `wal` (PGlite's WAL removed). */
  action: "rewritten" | "vacuumed" | "keys" | "wal";
  bytes: number;
  ms: number;
}

export interface ResidueResult {
  /** False when no deletion was pending, or a transaction older than the deletions stayed open: nothing was done. */
  ran: boolean;
  /** A transaction that began before the deletions committed was still open after the wait: left pending. */
  deferred: boolean;
  rewritten: string[];
  vacuumed: string[];
  /** The key partitions rewritten because they lost keys (crypto-shredding). */
  keyPartitions: string[];
  /** True when the WAL written so far was removed (PGlite); on PostgreSQL the server's checkpoints and archive settle it. */
  walRemoved: boolean;
  stopped: boolean;
  /**
   * Tables and key partitions this role may not rewrite (VACUUM FULL needs the owner: PostgreSQL
   * only warns and skips). A skipped key partition stays recorded as shredded, so the step stays
   * pending and the audit event says what is left, instead of claiming a rewrite that never ran.
   */
  notPermitted: string[];
}

export class ResidueCleaner {
  /**
   * `longStatements` lifts the connection's answer bound (db/client.ts `unbounded`) around each VACUUM:
   * one of a large table takes seconds (1.9 s for 632 MB quietly, 16 s under load, bench/results.md),
   * longer than DATABASE_QUERY_TIMEOUT_SECONDS, which would otherwise cut it off.
   */
  constructor(
    private readonly db: Executor,
    private readonly longStatements: LongStatements = (work) => work(),
  ) {}

  /** A deletion by the job committed after the last residue clearing (or none was ever done), or a key partition lost keys. */
  async pending(): Promise<boolean> {
    if (rowsOf(await this.db.execute(sql`select 1 from personal_data_key_shreds limit 1`)).length > 0) return true;
    // Both lookups walk the primary key from its end: they read the events since the last clearing.
    const [row] = rowsOf<{ pending: boolean }>(
      await this.db.execute(sql`
        select exists (
          select 1 from audit_events e
          where e.id > coalesce((select r.id from audit_events r where r.action = ${RESIDUE_ACTION} order by r.id desc limit 1), 0)
            and e.action like 'RETENTION\\_%DELETE'
        ) as pending`),
    );
    return row?.pending === true;
  }

  async clear(runId: string, now: Date, options: ResidueOptions = {}): Promise<ResidueResult> {
    const result: ResidueResult = { ran: false, deferred: false, rewritten: [], vacuumed: [], keyPartitions: [], walRemoved: false, stopped: false, notPermitted: [] };
    await options.fence?.();
    if (!(await this.pending())) return result;
    if (!(await this.olderTransactionsEnded(options.snapshotWaitMs ?? DEFAULT_SNAPSHOT_WAIT_MS, options.signal))) {
      result.deferred = true;
      return result;
    }
    result.ran = true;
    const maxBytes = options.maxRewriteBytes ?? DEFAULT_MAX_REWRITE_BYTES;
    for (const table of await this.tables()) {
      if (options.signal?.aborted) {
        result.stopped = true;
        return result;
      }
      await options.fence?.();
      const started = performance.now();
      const rewrite = table.bytes <= maxBytes && !options.vacuumOnly?.includes(table.name);
      if (!(await this.mayRewrite(table.name))) {
        result.notPermitted.push(table.name);
        continue;
      }
      // Names come from the constant list above (checked against the catalog), never from input.
      await this.longStatements(() => this.db.execute(sql.raw(`${rewrite ? "vacuum full" : "vacuum"} ${table.name}`)));
      (rewrite ? result.rewritten : result.vacuumed).push(table.name);
      await options.onTable?.({ table: table.name, action: rewrite ? "rewritten" : "vacuumed", bytes: table.bytes, ms: performance.now() - started });
    }
    for (const shred of await this.shreddedPartitions()) {
      if (options.signal?.aborted) {
        result.stopped = true;
        return result;
      }
      await options.fence?.();
      if (!(await this.mayRewrite(shred.partition))) {
        result.notPermitted.push(shred.partition);
        continue;
      }
      const started = performance.now();
      // The name is the partition's own (regclass text), checked against the catalog by shreddedPartitions.
      await this.longStatements(() => this.db.execute(sql.raw(`vacuum full ${shred.partition}`)));
      // Cleared only if no deletion shredded it again meanwhile (it then stays for the next run).
      await this.db.execute(sql`delete from personal_data_key_shreds where partition = ${shred.partition} and shredded_at = ${shred.at}::timestamptz`);
      result.keyPartitions.push(shred.partition);
      await options.onTable?.({ table: shred.partition, action: "keys", bytes: shred.bytes, ms: performance.now() - started });
    }
    if (await this.checkpointsRunHere()) {
      const started = performance.now();
      await this.removeWal();
      result.walRemoved = true;
      await options.onTable?.({ table: "(wal)", action: "wal", bytes: 0, ms: performance.now() - started });
    }
    await options.fence?.();
    const ground =
      `R-RETAIN-3 no readable trace: rewritten ${result.rewritten.join(",") || "none"}` +
      `; key partitions rewritten: ${result.keyPartitions.length}` +
      (result.vacuumed.length ? `; too large to rewrite in a batch, vacuumed only: ${result.vacuumed.join(",")}` : "") +
      (result.walRemoved ? "; WAL written so far removed" : "; WAL left to the server's checkpoints and archive") +
      (result.notPermitted.length
        ? `; NOT rewritten, this role does not own them (run the job as the tables' owner, docs/deployment.md): ${result.notPermitted.join(",")}`
        : "");
    await this.db.execute(sql`insert into audit_events (occurred_at, action, fields, ground, request_id)
      values (${now.toISOString()}::timestamptz, ${RESIDUE_ACTION}, '{}'::text[], ${ground}, ${`retention-run:${runId}`})`);
    return result;
  }

  /**
   * A rewrite copies every row version some transaction may still see: a deleted row is copied into
   * the new file while a snapshot older than its deletion is open in this database (a reader, a
   * report, autovacuum's ANALYZE), and so too while any transaction anywhere on the server that
   * began before the deletion is still running (every snapshot taken meanwhile, the rewrite's own
   * included, counts it as running). Measured: either kept every planted value in the new files.
   * Waits, up to `waitMs`, until both have ended; false when one is still open (the step is then left
   * pending for the next run).
   */
  private async olderTransactionsEnded(waitMs: number, signal?: AbortSignal): Promise<boolean> {
    // Every deletion committed before this: its transaction id is below the snapshot's xmax.
    const [start] = rowsOf<{ at: string; xid: string }>(
      await this.db.execute(sql`select clock_timestamp()::text as at, pg_snapshot_xmax(pg_current_snapshot())::text as xid`),
    );
    const deadline = performance.now() + waitMs;
    for (;;) {
      // A plain VACUUM holds nothing back; clients and autovacuum's ANALYZE do.
      const [row] = rowsOf<{ n: number }>(
        await this.db.execute(sql`select (
            (select count(*) from pg_stat_activity
             where datname = current_database() and pid <> pg_backend_pid()
               and backend_type in ('client backend', 'autovacuum worker') and coalesce(query, '') not like 'autovacuum: VACUUM%'
               and xact_start < ${start!.at}::timestamptz)
            + (case when pg_snapshot_xmin(pg_current_snapshot()) < ${start!.xid}::xid8 then 1 else 0 end)
          )::int as n`),
      );
      if (Number(row?.n ?? 0) === 0) return true;
      if (performance.now() >= deadline || signal?.aborted) return false;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The key partitions that lost keys and are not rewritten yet, with the time they last did and their size. */
  private async shreddedPartitions(): Promise<{ partition: string; at: string; bytes: number }[]> {
    const rows = rowsOf<{ partition: string; at: string; bytes: string | number }>(
      await this.db.execute(sql`
        select s.partition, s.shredded_at::text as at, pg_total_relation_size(c.oid)::bigint as bytes
        from personal_data_key_shreds s
        join pg_class c on c.oid = to_regclass(s.partition)
        join pg_inherits i on i.inhrelid = c.oid and i.inhparent = 'personal_data_keys'::regclass
        order by s.partition`),
    );
    return rows.map((r) => ({ partition: r.partition, at: r.at, bytes: Number(r.bytes) }));
  }

  /** The personal-data tables that exist, with their size (heap, TOAST and indexes). */
  private async tables(): Promise<{ name: string; bytes: number }[]> {
    const rows = rowsOf<{ name: string; bytes: string | number }>(
      await this.db.execute(sql`
        select t.name, pg_total_relation_size(to_regclass(t.name))::bigint as bytes
        from unnest(${sql.raw(`array[${PERSONAL_DATA_TABLES.map((t) => `'${t}'`).join(",")}]::text[]`)}) with ordinality t(name, n)
        where to_regclass(t.name) is not null
        order by t.n`),
    );
    return rows.map((r) => ({ name: r.name, bytes: Number(r.bytes) }));
  }

  /**
   * No checkpointer process: this is PGlite (single-user PostgreSQL), whose checkpoints run in this
   * session, so a session setting reaches them. On a PostgreSQL server the checkpointer reads the
   * server's configuration and the WAL archive is the operator's (docs/deployment.md).
   */
  private async checkpointsRunHere(): Promise<boolean> {
    // A role without pg_read_all_stats does not see the checkpointer's row on a PostgreSQL server
    // either, and may not change wal_recycle: only a superuser session can be PGlite's (its only user).
    const [row] = rowsOf<{ n: number; superuser: boolean }>(
      await this.db.execute(
        sql`select count(*)::int as n, current_setting('is_superuser') = 'on' as superuser from pg_stat_activity where backend_type = 'checkpointer'`,
      ),
    );
    return row?.superuser === true && Number(row?.n ?? 0) === 0;
  }

  /** VACUUM FULL needs the relation's owner (or a member of its role); without it PostgreSQL skips with a warning. */
  private async mayRewrite(relation: string): Promise<boolean> {
    const [row] = rowsOf<{ owns: boolean }>(
      await this.db.execute(
        sql`select pg_has_role(c.relowner, 'MEMBER') or current_setting('is_superuser') = 'on' as owns from pg_class c where c.oid = ${relation}::regclass`,
      ),
    );
    return row?.owns === true;
  }

  /**
   * Ends the current WAL segment and checkpoints with recycling off, so that every segment written
   * before (which holds the deleted values as they were inserted) is removed, not renamed for reuse
   * with its contents.
   */
  private async removeWal(): Promise<void> {
    await this.db.execute(sql`set wal_recycle = off`);
    try {
      // Twice: one switch and checkpoint left the segment written just before it in place, deleted
      // values included (test/retention/residue on PGlite, once migration 0038 had moved where the
      // run's WAL falls); the second round's checkpoint removes it. Why the first kept it is not known.
      for (let round = 0; round < 2; round++) {
        await this.db.execute(sql`select pg_switch_wal()`);
        await this.db.execute(sql`checkpoint`);
      }
    } finally {
      await this.db.execute(sql`reset wal_recycle`);
    }
  }
}
