import { and, count, desc, eq, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { Database, Executor } from "../../db/database.js";
import { legalAreas, reminders, retentionRuns } from "../../db/schema/index.js";
import type { PageRequest } from "../../graphql/pagination.js";
import { hasRole, type Viewer } from "../../auth/viewer.js";
import { DELETION_MONTHS, plusMonthsSql } from "./periods.js";
import { rowsOf } from "../../db/rows.js";
import { deleteKeysSql, destroyKeysSql, recordShredsSql } from "../../db/personal-crypto/key-store.js";

export type RetentionRunRow = typeof retentionRuns.$inferSelect;
export type ReminderRow = typeof reminders.$inferSelect;

/**
 * Where a step's batches have got to in a run: the time (closure, last activity) of the last row
 * handled. The next batch starts at that time, not after it: rows handled drop out of the step's
 * predicate, so ties are neither missed nor done twice, and rows passed over as not eligible
 * (a Services alert, a SOLVIT case in its 18 months) are not scanned again by every batch.
 */
export interface Cursor {
  /** The timestamp as PostgreSQL printed it (microseconds kept), cast back with ::timestamptz. */
  at: string;
}

export interface BatchResult {
  /** False when this runner no longer holds the lease: the batch did nothing. */
  leased: boolean;
  /** Rows the batch changed (procedures, users, requests or reminders). */
  done: number;
  /** Rows the batch selected; fewer than the batch size means the step is finished. */
  selected: number;
  cursor: Cursor | null;
}

/** Counts a run would produce as of a date, without changing anything (dry runs). */
export interface RetentionCounts {
  proceduresBlocked: number;
  proceduresDeleted: number;
  usersBlocked: number;
  usersDeleted: number;
  earlyDeletions: number;
  earlyDeletionsRefused: number;
  remindersRaised: number;
  remindersResolved: number;
}

/** The inactivity steps' counts (R-RETAIN-5, R-RETAIN-7: inactivity.repository.ts). */
export type InactivityCountColumn = "proceduresEscalated" | "escalationsResolved" | "proceduresClosedForInactivity";
export type CountColumn = keyof RetentionCounts | InactivityCountColumn;

export interface PreviewGroupRow {
  legalAreaCode: string;
  authorityId: string;
  proceduresToBlock: number;
  proceduresToDelete: number;
}

/** What remains of a procedure once its personal data is deleted: the subject line is free text too. */
export const DELETED_SUBJECT = "(personal data deleted)";
/** The same for a finished data-subject request's citizen, and a blocked-data retrieval's reason (both NOT NULL). */
const DELETED_REQUESTER = DELETED_SUBJECT;
const DELETED_REASON = DELETED_SUBJECT;
const LEASE = "retention";

const ts = (date: Date): SQL => sql`${date.toISOString()}::timestamptz`;

/** A text[] as the driver hands it back: an array (postgres.js, PGlite), or its literal `{a,b}`. */
function pgArray(value: string[] | string | null | undefined): string[] {
  if (Array.isArray(value)) return value;
  if (!value || value === "{}") return [];
  return value.replace(/^\{|\}$/g, "").split(",");
}

/** `months` calendar months after `column`, in UTC: the one definition of periods.ts (R-RETAIN-3). */
const plusMonthsUtc = plusMonthsSql;

/** The retention rules of the legal areas (data, not code: §1), read once per run. */
export interface AreaRule {
  code: string;
  blockingPeriodMonths: number;
  closedAlertsStayVisible: boolean;
  /** R-RETAIN-7: months without activity until the system closes a procedure. */
  inactivityPeriodMonths: number;
}

/**
 * R-RETAIN-1, R-RETAIN-2: closed longer than the area's blocking period, and not a closed alert of an
 * area whose closed alerts stay visible. A withdrawn alert (issue 17 item 4) is not kept visible: footnote
 * 14 keeps the alerts that were closed, while a withdrawn one was retracted by its sender (often as
 * unfounded or sent in error), and its personal data serves no one once the blocking period ends
 * (Art. 14(1)); it is blocked like any closed procedure. `p` is procedures. The areas' rules are inlined as constants
 * rather than joined or looked up per row: a batch then reads the partial index in closure order and
 * stops after `limit` rows (a join lets the planner hash and sort every remaining candidate, once per
 * batch), at the cost of an expression per row. An area unknown to the run is not blocked by it.
 */
function blockDue(asOf: Date, areas: readonly AreaRule[]): SQL {
  const months = areas.length
    ? sql`case p.legal_area_code ${sql.join(areas.map((a) => sql`when ${a.code}::text then ${a.blockingPeriodMonths}::int`), sql` `)} end`
    : sql`null::int`;
  const visible = areas.filter((a) => a.closedAlertsStayVisible).map((a) => sql`${a.code}::text`);
  const alertsStayVisible = visible.length ? sql`p.legal_area_code in (${sql.join(visible, sql`, `)})` : sql`false`;
  return sql`p.closed_at is not null and p.blocked_at is null and p.personal_data_deleted_at is null
    and ${plusMonthsUtc(sql`p.closed_at`, months)} <= ${ts(asOf)}
    and not (p.kind = 'ALERT' and p.withdrawn_at is null and ${alertsStayVisible})`;
}

function shortestPeriod(areas: readonly AreaRule[]): number {
  return areas.length ? Math.min(...areas.map((a) => a.blockingPeriodMonths)) : 0;
}

/** R-RETAIN-3: closed more than 3 years ago and personal data not yet deleted. */
function deleteDue(asOf: Date): SQL {
  return sql`p.closed_at is not null and p.personal_data_deleted_at is null
    and ${plusMonthsUtc(sql`p.closed_at`, sql`${DELETION_MONTHS}::int`)} <= ${ts(asOf)}`;
}

/**
 * A sargable superset bound for the partial indexes: calendar arithmetic clamps at month ends and
 * the session's time zone may differ from UTC, so a few days' margin; the exact test follows.
 */
const MARGIN = sql`interval '4 days'`;

/** R-USER-1: deactivated users whose contact data is not blocked yet. */
const userBlockDue = sql`u.active = false and u.contact_blocked_at is null and u.contact_deleted_at is null`;

function userDeleteDue(asOf: Date): SQL {
  return sql`u.active = false and u.contact_deleted_at is null and u.deactivated_at is not null
    and ${plusMonthsUtc(sql`u.deactivated_at`, sql`${DELETION_MONTHS}::int`)} <= ${ts(asOf)}`;
}

/** R-RETAIN-6: approved early deletions of a procedure that state the consent and the legal basis. */
const earlyDeletionDue = sql`r.kind = 'EARLY_DELETION' and r.status = 'APPROVED' and r.procedure_id is not null
  and coalesce(btrim(r.consent_reference), '') <> '' and coalesce(btrim(r.legal_basis), '') <> ''`;
const earlyDeletionRefused = sql`r.kind = 'EARLY_DELETION' and r.status = 'APPROVED' and not (${earlyDeletionDue})`;

/**
 * R-RETAIN-5: sent, not closed, without activity since the cutoff, and no open reminder yet.
 * `offset 0` keeps the NOT EXISTS a per-row lookup in reminders_open_idx: as an anti join, with the
 * reminders' statistics taken before this run raised thousands, the planner materialized every open
 * reminder and compared each candidate with all of them (bench/retention-batch-probe.ts at 1M
 * procedures: batches grew to 366 ms, 173 ms against 1.1 ms for the query alone).
 */
function reminderDue(cutoff: Date): SQL {
  return sql`p.closed_at is null and p.status <> 'DRAFT' and p.last_activity_at <= ${ts(cutoff)}
    and not exists (select 1 from reminders r where r.procedure_id = p.id and r.kind = 'LEFT_OPEN' and r.resolved_at is null offset 0)`;
}

/** An open reminder whose procedure was closed or has seen activity since it was raised. */
const reminderResolved = sql`r.resolved_at is null and (p.closed_at is not null or p.last_activity_at > r.raised_at)`;

function after(cursor: Cursor | null, column: string): SQL {
  return cursor ? sql`and ${sql.raw(column)} >= ${cursor.at}::timestamptz` : sql``;
}

/**
 * The batch's ids as an array: `= any(array(…))` makes every statement an index lookup per id. A join
 * with the CTE would let the planner choose a hash join over a full scan of the table, once per
 * batch: quadratic over a run.
 */
const TARGET_IDS = sql`array(select id from target)`;
const CHANGED_IDS = sql`array(select id from changed)`;

/**
 * R-RETAIN-3, R-RETAIN-6: the CTEs that mark the procedures of CTE `target` whose eligibility still
 * holds (`recheck`, evaluated by the UPDATE itself, so against the row's latest version, under its
 * row lock), then delete every row of personal data of exactly those: data subjects with their
 * sensitive records, contestations, messages, legal persons, confidentiality flags, answers to
 * question sets, attachments with their bytes, the justification and the consent reference;
 * clear the subject line, the citizen's identity on finished requests
 * about the procedure and the free text of its blocked-data retrievals. Kind, legal area, authorities and dates remain,
 * for statistics. One statement: the mark and the deletions commit together or not at all.
 * The keys go in CTE `d_keys`; a statement that destroys keys elsewhere too says "caller records
 * shreds" and records the partitions of all of them in one insert (key-store.ts recordShredsSql).
 */
function deletePersonalData(asOf: Date, recheck: SQL, keys: "record shreds" | "caller records shreds" = "record shreds"): SQL {
  return sql`
    changed as (
      update procedures p
      set personal_data_deleted_at = ${ts(asOf)}, blocked_at = coalesce(p.blocked_at, ${ts(asOf)}),
          subject = ${DELETED_SUBJECT}
      where p.id = any(${TARGET_IDS}) and ${recheck}
      returning p.id
    ),
    -- Issue 13: the justification and the consent reference are rows of their own (procedure-texts.ts).
    d_justifications as (delete from procedure_justifications pj where pj.procedure_id = any(${CHANGED_IDS})),
    d_consent_references as (delete from procedure_consent_references pc where pc.procedure_id = any(${CHANGED_IDS})),
    d_records as (delete from sensitive_records sr where sr.data_subject_id = any(array(
                    select ds.id from data_subjects ds where ds.procedure_id = any(${CHANGED_IDS})))),
    d_contestations as (delete from contestations c where c.procedure_id = any(${CHANGED_IDS})),
    d_subjects as (delete from data_subjects ds where ds.procedure_id = any(${CHANGED_IDS}) returning ds.id),
    -- R-RETAIN-3 crypto-shredding: the keys of the procedures and of their data subjects, with the rows.
    ${keys === "record shreds"
      ? destroyKeysSql("d_keys", sql`${CHANGED_IDS} || array(select id from d_subjects)`)
      : deleteKeysSql("d_keys", sql`${CHANGED_IDS} || array(select id from d_subjects)`)},
    d_messages as (delete from messages m where m.procedure_id = any(${CHANGED_IDS})),
    d_flags as (delete from confidentiality_flags f where f.procedure_id = any(${CHANGED_IDS})),
    d_legal as (delete from legal_persons lp where lp.procedure_id = any(${CHANGED_IDS})),
    -- Issue 17: answers to question sets, and attachments (their chunks go with them, ON DELETE CASCADE).
    d_answers as (delete from question_answers qa where qa.procedure_id = any(${CHANGED_IDS})),
    d_attachments as (delete from attachments att where att.procedure_id = any(${CHANGED_IDS})),
    -- What remains holds no personal data: the finished data-subject requests about the procedure
    -- lose the citizen's identity and the free text; an open one keeps them until it is answered
    -- (R-ACCESS-2: "no data is held" goes to the citizen who asked).
    -- Issue 13: the citizen's identity and words are a row of their own (data_subject_request_personal).
    d_requests as (update data_subject_requests r set consent_reference = null, legal_basis = null
      where r.procedure_id = any(${CHANGED_IDS}) and r.status in ('COMPLETED', 'REJECTED')),
    d_request_personal as (update data_subject_request_personal rp
      set requester_name = ${DELETED_REQUESTER}, requester_identifier = null, details = null, correction = null, decision_note = null
      where rp.request_id in (select r.id from data_subject_requests r
        where r.procedure_id = any(${CHANGED_IDS}) and r.status in ('COMPLETED', 'REJECTED'))),
    -- R-RETAIN-4 retrievals keep their ground, requesting authority and time; the reason and the
    -- consent reference are free text about the data subject.
    d_retrievals as (update blocked_data_retrievals b set reason = ${DELETED_REASON}, consent_reference = null
      where b.procedure_id = any(${CHANGED_IDS}))`;
}

/**
 * The data-subject requests about the batch's procedures, locked before the procedures: the deletion
 * clears the finished ones, and the rights module locks a request before its procedure
 * (rights.service.ts `act`), so both take the locks in one order and never deadlock.
 * `REQUESTS_LOCKED_FIRST` in `target`'s WHERE makes PostgreSQL take these before the first procedure.
 */
function requestsLocked(procedureIds: SQL): SQL {
  return sql`requests_locked as (
    select r.id from data_subject_requests r where r.procedure_id = any(${procedureIds}) order by r.id for update of r
  )`;
}
const REQUESTS_LOCKED_FIRST = sql`(select count(*) from requests_locked) >= 0`;

/**
 * One audit event for the batch (R-SEC-2), naming every row it changed: ids only, never values. The
 * insert trigger chains it. No event when the batch changed nothing.
 */
function auditBatch(action: string, ground: SQL, occurredAt: Date, runId: string): SQL {
  return sql`audit as (
    insert into audit_events (occurred_at, action, fields, ground, request_id)
    select ${ts(occurredAt)}, ${action}::text, '{}'::text[],
           ${ground} || ': ' || string_agg(id::text, ',' order by id), ${`retention-run:${runId}`}::text
    from changed having count(*) > 0
    returning 1
  )`;
}

const text = (value: string): SQL => sql`${value}::text`;

export interface BatchContext {
  runId: string;
  /** The lease holder this batch runs for, and how long its renewal lasts. */
  runner: string;
  leaseTtlMs: number;
  asOf: Date;
  /** When the batch runs (the audit event's time). */
  now: Date;
  limit: number;
}

/** A step's CTEs (`target` and `changed` at least) and what the batch wrapper reads off them. */
export interface StepStatement {
  ctes: SQL;
  column: CountColumn;
  /** The ordering column of `target` whose last value continues the step (keyset); none for steps that consume their rows. */
  cursor?: string;
  /** The CTE whose rows are the batch's count (`changed` unless told). */
  done?: string;
  /** The CTE whose rows are the batch's selection (`target` unless told). */
  selected?: string;
}

const COLUMNS: Record<CountColumn, string> = {
  proceduresBlocked: "procedures_blocked",
  proceduresDeleted: "procedures_deleted",
  usersBlocked: "users_blocked",
  usersDeleted: "users_deleted",
  earlyDeletions: "early_deletions",
  earlyDeletionsRefused: "early_deletions_refused",
  remindersRaised: "reminders_raised",
  remindersResolved: "reminders_resolved",
  proceduresEscalated: "procedures_escalated",
  escalationsResolved: "escalations_resolved",
  proceduresClosedForInactivity: "procedures_closed_for_inactivity",
};

/** The retention job's SQL: every step set-based, one statement per batch (SPEC "Retention job"). */
export class RetentionRepository {
  constructor(private readonly db: Executor) {}

  private async one<T>(query: SQL): Promise<T> {
    const [row] = rowsOf<T>(await this.db.execute(query));
    if (!row) throw new Error("the statement returned no row");
    return row;
  }

  /**
   * One batch of a step as ONE statement, and so one transaction: it renews the runner's lease
   * (fencing: the lease row stays locked until the statement commits, and without the lease the
   * batch selects nothing), selects and locks the batch (CTE `target`, eligibility re-checked in the
   * same statement), changes it (CTE `changed`), writes its audit event and adds its count to the
   * run. Killed at any point, it has happened entirely or not at all.
   */
  async batch(c: BatchContext, step: StepStatement): Promise<BatchResult> {
    const column = sql.raw(COLUMNS[step.column]);
    const done = sql.raw(step.done ?? "changed");
    const selected = sql.raw(step.selected ?? "target");
    const last = step.cursor ? sql`(select max(${sql.raw(step.cursor)}) from target)` : sql`null::timestamptz`;
    const row = await this.one<{ leased: number; done: number; selected: number; cursor_at: string | null }>(sql`
      with lease as (
        update retention_lease set expires_at = clock_timestamp() + ${c.leaseTtlMs}::int * interval '1 millisecond'
        where name = ${LEASE} and holder = ${c.runner}
        returning 1
      ),
      ${step.ctes},
      bump as (
        update retention_runs set ${column} = ${column} + (select count(*) from ${done})
        where id = ${c.runId} and exists (select 1 from ${done})
      )
      select (select count(*) from lease)::int as leased, (select count(*) from ${done})::int as done,
             (select count(*) from ${selected})::int as selected, ${last}::text as cursor_at`);
    return {
      leased: Number(row.leased) === 1,
      done: Number(row.done),
      selected: Number(row.selected),
      cursor: row.cursor_at ? { at: row.cursor_at } : null,
    };
  }

  /**
   * One batch of a deletion step (R-RETAIN-3, R-RETAIN-6) as two statements in ONE transaction, so
   * that the deletion and the writers of personal data agree on one order (issue 12, finding 1):
   *
   * 1. renews the lease, selects the batch (CTE `candidates`) and locks its procedures FOR UPDATE
   *    (CTE `target`, eligibility re-checked on each row's latest version). The lock waits for every
   *    writer under way: each locks the procedure before it writes (procedure.service.ts `act`), and
   *    any insert of a row referencing the procedure takes a KEY SHARE lock that FOR UPDATE also
   *    waits for. Every writer after it waits for this transaction, then finds the procedure deleted.
   * 2. deletes, in a new statement: under READ COMMITTED a new statement takes a new snapshot, taken
   *    after the locks, so it sees every row a writer committed. (One statement could not: its
   *    sub-deletes ran on the snapshot from before the writer committed, and the writer's rows
   *    outlived the deletion for good.)
   *
   * Killed at any point, the transaction has happened entirely or not at all. `carry` names the CTE
   * of the first statement whose ids the second receives, as CTE `locked`.
   */
  private async lockedBatch(
    c: BatchContext,
    step: { column: CountColumn; lock: SQL; change: SQL; cursor?: string; carry?: string; done?: string },
  ): Promise<BatchResult> {
    const column = sql.raw(COLUMNS[step.column]);
    const done = sql.raw(step.done ?? "changed");
    const carry = sql.raw(step.carry ?? "target");
    const last = step.cursor ? sql`(select max(${sql.raw(step.cursor)}) from candidates)` : sql`null::timestamptz`;
    return (this.db as Database).transaction(async (tx) => {
      const [locked] = rowsOf<{ leased: number; selected: number; locked: number; ids: string[] | string; cursor_at: string | null }>(
        await tx.execute(sql`
          with lease as (
            update retention_lease set expires_at = clock_timestamp() + ${c.leaseTtlMs}::int * interval '1 millisecond'
            where name = ${LEASE} and holder = ${c.runner}
            returning 1
          ),
          ${step.lock}
          select (select count(*) from lease)::int as leased, (select count(*) from candidates)::int as selected,
                 (select count(*) from target)::int as locked, array(select id::text from ${carry} order by id) as ids,
                 ${last}::text as cursor_at`),
      );
      if (!locked) throw new Error("the statement returned no row");
      const result: BatchResult = {
        leased: Number(locked.leased) === 1,
        done: 0,
        selected: Number(locked.selected),
        cursor: locked.cursor_at ? { at: locked.cursor_at } : null,
      };
      const ids = pgArray(locked.ids);
      if (!result.leased || ids.length === 0) return result;
      const [changed] = rowsOf<{ done: number }>(
        await tx.execute(sql`
          with locked as (select unnest(${`{${ids.join(",")}}`}::uuid[]) as id),
          ${step.change},
          bump as (
            update retention_runs set ${column} = ${column} + (select count(*) from ${done})
            where id = ${c.runId} and exists (select 1 from ${done})
          )
          select (select count(*) from ${done})::int as done`),
      );
      return { ...result, done: Number(changed?.done ?? 0) };
    });
  }

  // --- the lease (single runner) ---

  /**
   * Takes the lease when it is free or expired; false when another runner holds it. A lease row
   * locked by a batch under way is skipped, not waited for: its holder is certainly alive.
   *
   * With a schedule `tick`, also false when a run for that tick or a later one is on record:
   * replicas fire the same ticks, and one whose clock or event loop runs late would otherwise find
   * the lease already given back and run the tick a second time. A runner records its run (with its
   * tick) while it holds the lease, so a runner that finds the lease free also finds that run; the
   * unique index on `tick` backs this up.
   */
  async acquireLease(holder: string, ttlMs: number, tick?: Date): Promise<boolean> {
    const tickFree = tick ? sql`and not exists (select 1 from retention_runs r where r.tick >= ${ts(tick)})` : sql``;
    // The migration creates the row. Only when it is missing: an INSERT … ON CONFLICT would wait for
    // a batch under way (its lease renewal is an uncommitted row version).
    if (rowsOf(await this.db.execute(sql`select 1 from retention_lease where name = ${LEASE}`)).length === 0) {
      await this.db.execute(sql`insert into retention_lease (name, expires_at) values (${LEASE}, '-infinity') on conflict (name) do nothing`);
    }
    const rows = rowsOf(
      await this.db.execute(sql`update retention_lease
        set holder = ${holder}, acquired_at = clock_timestamp(), expires_at = clock_timestamp() + ${ttlMs}::int * interval '1 millisecond'
        where name = (select name from retention_lease where name = ${LEASE} and expires_at < clock_timestamp() for update skip locked)
          and expires_at < clock_timestamp() ${tickFree}
        returning holder`),
    );
    return rows.length === 1;
  }

  /**
   * The heartbeat: renews this runner's lease between batches and during long steps. A lease row
   * locked by a batch under way (this runner's own) is skipped, not waited for; a lease another
   * runner holds is left alone.
   */
  async renewLease(holder: string, ttlMs: number): Promise<void> {
    await this.db.execute(sql`update retention_lease set expires_at = clock_timestamp() + ${ttlMs}::int * interval '1 millisecond'
      where name = (select name from retention_lease where name = ${LEASE} and holder = ${holder} for update skip locked)`);
  }

  /**
   * Renews this runner's lease and answers whether it still holds it: the fence of work done outside
   * a batch statement (step 7, residue.ts). Renewed, it cannot lapse for another `ttlMs`. As a batch's
   * own renewal: lost only when another runner took it (a lapsed lease nobody took is still held).
   */
  async holdLease(holder: string, ttlMs: number): Promise<boolean> {
    const rows = rowsOf(
      await this.db.execute(sql`update retention_lease set expires_at = clock_timestamp() + ${ttlMs}::int * interval '1 millisecond'
        where name = ${LEASE} and holder = ${holder} returning 1`),
    );
    return rows.length === 1;
  }

  /** Frees the lease whoever holds it (PGlite at start: its holder is certainly dead); true when one was held. */
  async releaseAnyLease(): Promise<boolean> {
    const rows = rowsOf(
      await this.db.execute(sql`update retention_lease set holder = null, expires_at = '-infinity'
        where name = ${LEASE} and holder is not null returning 1`),
    );
    return rows.length > 0;
  }

  async releaseLease(holder: string): Promise<void> {
    await this.db.execute(sql`update retention_lease set holder = null, expires_at = '-infinity'
      where name = ${LEASE} and holder = ${holder}`);
  }

  async leaseHolder(): Promise<{ holder: string | null; acquired_at: string | null } | undefined> {
    const [row] = rowsOf<{ holder: string | null; acquired_at: string | null }>(
      await this.db.execute(sql`select holder, acquired_at::text from retention_lease where name = ${LEASE} and expires_at >= clock_timestamp()`),
    );
    return row;
  }

  /** The legal areas' retention rules, as of now (read once per run, so that its batches agree). */
  areaRules(): Promise<AreaRule[]> {
    return this.db
      .select({
        code: legalAreas.code,
        blockingPeriodMonths: legalAreas.blockingPeriodMonths,
        closedAlertsStayVisible: legalAreas.closedAlertsStayVisible,
        inactivityPeriodMonths: legalAreas.inactivityPeriodMonths,
      })
      .from(legalAreas)
      .orderBy(legalAreas.code);
  }

  // --- runs ---

  async insertRun(values: typeof retentionRuns.$inferInsert): Promise<RetentionRunRow> {
    const [row] = await this.db.insert(retentionRuns).values(values).returning();
    if (!row) throw new Error("insert returned no row");
    return row;
  }

  async finishRun(runId: string, values: Partial<typeof retentionRuns.$inferInsert>): Promise<RetentionRunRow> {
    const [row] = await this.db.update(retentionRuns).set(values).where(eq(retentionRuns.id, runId)).returning();
    if (!row) throw new Error(`retention run ${runId} vanished`);
    return row;
  }

  /**
   * Runs that never finished and did not say why: their runner died (only the lease holder calls
   * this, so no live run is among them). Their counts are exact; the work left is done by this run.
   */
  async markAbandoned(currentRunner: string): Promise<number> {
    const rows = await this.db
      .update(retentionRuns)
      .set({ error: "Abandoned: the runner stopped before finishing (killed or crashed); a later run carried on." })
      .where(
        and(
          eq(retentionRuns.dryRun, false),
          isNull(retentionRuns.finishedAt),
          isNull(retentionRuns.error),
          sql`${retentionRuns.runner} is distinct from ${currentRunner}`,
        ),
      )
      .returning({ id: retentionRuns.id });
    return rows.length;
  }

  async pageRuns(page: PageRequest) {
    const keyset = page.after
      ? or(
          lt(retentionRuns.startedAt, page.after.createdAt),
          and(eq(retentionRuns.startedAt, page.after.createdAt), lt(retentionRuns.id, page.after.id)),
        )
      : undefined;
    const [rows, [total]] = await Promise.all([
      this.db
        .select()
        .from(retentionRuns)
        .where(keyset)
        .orderBy(desc(retentionRuns.startedAt), desc(retentionRuns.id))
        .limit(page.limit + 1),
      this.db.select({ n: count() }).from(retentionRuns),
    ]);
    return { rows: rows.map((row) => ({ ...row, createdAt: row.startedAt })), totalCount: total?.n ?? 0 };
  }

  // --- the steps, one batch each (a batch selects nothing unless this runner holds the lease) ---

  /** R-RETAIN-1 (except R-RETAIN-2): blocks up to `limit` procedures, oldest closure first. */
  blockProcedures(c: BatchContext, areas: readonly AreaRule[], cursor: Cursor | null): Promise<BatchResult> {
    return this.batch(c, {
      column: "proceduresBlocked",
      cursor: "closed_at",
      ctes: sql`
        target as (
          select p.id, p.closed_at from procedures p
          where exists (select 1 from lease) and p.closed_at is not null and p.blocked_at is null
            and p.closed_at <= ${ts(c.asOf)} - make_interval(months => ${shortestPeriod(areas)}::int) + ${MARGIN}
            ${after(cursor, "p.closed_at")}
            and ${blockDue(c.asOf, areas)}
          order by p.closed_at
          limit ${c.limit}
        ),
        -- The UPDATE re-checks eligibility on each row's latest version, under its row lock.
        changed as (
          update procedures p set blocked_at = ${ts(c.asOf)}
          where p.id = any(${TARGET_IDS}) and ${blockDue(c.asOf, areas)}
          returning p.id
        ),
        ${auditBatch("RETENTION_BLOCK", text(`R-RETAIN-1 blocked as of ${c.asOf.toISOString()}`), c.now, c.runId)}`,
    });
  }

  /** R-RETAIN-3: deletes the personal data of up to `limit` procedures closed more than 3 years ago. */
  deleteProcedures(c: BatchContext, cursor: Cursor | null): Promise<BatchResult> {
    return this.lockedBatch(c, {
      column: "proceduresDeleted",
      cursor: "closed_at",
      lock: sql`
        candidates as (
          select p.id, p.closed_at from procedures p
          where exists (select 1 from lease) and p.closed_at is not null and p.personal_data_deleted_at is null
            and p.closed_at <= ${ts(c.asOf)} - make_interval(months => ${DELETION_MONTHS}::int) + ${MARGIN}
            ${after(cursor, "p.closed_at")}
            and ${deleteDue(c.asOf)}
          order by p.closed_at
          limit ${c.limit}
        ),
        ${requestsLocked(sql`array(select id from candidates)`)},
        target as (
          select p.id from procedures p
          where p.id = any(array(select id from candidates)) and ${deleteDue(c.asOf)} and ${REQUESTS_LOCKED_FIRST}
          order by p.id for update of p
        )`,
      change: sql`
        target as (select id from locked),
        ${deletePersonalData(c.asOf, deleteDue(c.asOf))},
        ${auditBatch("RETENTION_DELETE", text(`R-RETAIN-3 personal data deleted as of ${c.asOf.toISOString()}`), c.now, c.runId)}`,
    });
  }

  /** R-USER-1: blocks the contact data of deactivated users at once. */
  blockUsers(c: BatchContext): Promise<BatchResult> {
    return this.batch(c, {
      column: "usersBlocked",
      ctes: sql`
        target as (
          select u.id from users u where exists (select 1 from lease) and ${userBlockDue}
          order by u.id limit ${c.limit} for update of u
        ),
        changed as (update users u set contact_blocked_at = ${ts(c.asOf)} where u.id = any(${TARGET_IDS}) returning u.id),
        ${auditBatch("RETENTION_USER_BLOCK", text(`R-USER-1 contact data blocked as of ${c.asOf.toISOString()}`), c.now, c.runId)}`,
    });
  }

  /** R-USER-1: deletes the contact data of users deactivated more than 3 years ago. */
  deleteUsers(c: BatchContext): Promise<BatchResult> {
    return this.batch(c, {
      column: "usersDeleted",
      ctes: sql`
        target as (
          select u.id from users u
          where exists (select 1 from lease)
            and u.deactivated_at <= ${ts(c.asOf)} - interval '3 years' + ${MARGIN} and ${userDeleteDue(c.asOf)}
          order by u.deactivated_at, u.id limit ${c.limit}
          for update of u
        ),
        changed as (
          update users u
          set name = null, email = null, password_hash = null, totp_secret = null,
              contact_deleted_at = ${ts(c.asOf)}, contact_blocked_at = coalesce(u.contact_blocked_at, ${ts(c.asOf)})
          where u.id = any(${TARGET_IDS})
          returning u.id
        ),
        ${auditBatch("RETENTION_USER_DELETE", text(`R-USER-1 contact data deleted as of ${c.asOf.toISOString()}`), c.now, c.runId)}`,
    });
  }

  /**
   * R-RETAIN-6: carries out up to `limit` approved early deletions and completes the requests. A
   * request that names a data subject, without saying that every data subject consented, deletes
   * that subject's personal data only: the data subject, its sensitive records and contestations,
   * and the citizen's identity on finished requests about that subject. Any other deletes the whole
   * procedure's personal data, as under R-RETAIN-3. Requests first, then their procedures, are
   * locked by the first statement (lockedBatch), so that no writer adds to what is being deleted.
   */
  earlyDeletions(c: BatchContext): Promise<BatchResult> {
    const asOf = c.asOf.toISOString();
    return this.lockedBatch(c, {
      column: "earlyDeletions",
      done: "completed",
      carry: "req",
      lock: sql`
        req as (
          select r.id, r.procedure_id from data_subject_requests r
          where exists (select 1 from lease) and ${earlyDeletionDue}
          order by r.id limit ${c.limit}
          for update of r
        ),
        candidates as (select id from req),
        ${requestsLocked(sql`array(select procedure_id from req)`)},
        target as (
          select p.id from procedures p where p.id = any(array(select procedure_id from req)) and ${REQUESTS_LOCKED_FIRST}
          order by p.id for update of p
        )`,
      change: sql`
        req as (
          -- The whole procedure only on every subject's consent: a request naming one subject whose row
          -- is gone meanwhile (data_subject_id set null) deletes nothing more (R-RETAIN-6).
          select r.id, r.procedure_id, r.data_subject_id, r.all_subjects_consented as whole
          from data_subject_requests r where r.id = any(array(select id from locked)) and ${earlyDeletionDue}
        ),
        target as (
          select p.id from procedures p
          where p.id = any(array(select procedure_id from req where whole)) and p.personal_data_deleted_at is null
        ),
        ${deletePersonalData(c.asOf, sql`p.personal_data_deleted_at is null`, "caller records shreds")},
        one_subject as (
          select ds.id from data_subjects ds join req on req.data_subject_id = ds.id and req.procedure_id = ds.procedure_id
          where not req.whole and not (ds.procedure_id = any(${TARGET_IDS}))
        ),
        d_one_records as (delete from sensitive_records sr where sr.data_subject_id = any(array(select id from one_subject))),
        d_one_contestations as (delete from contestations ct where ct.data_subject_id = any(array(select id from one_subject))),
        d_one_subjects as (delete from data_subjects ds where ds.id = any(array(select id from one_subject)) returning ds.id),
        ${deleteKeysSql("d_one_keys", sql`array(select id from d_one_subjects)`)},
        -- The whole procedures' keys and the single subjects' keys can share a partition: ONE insert
        -- records the partitions of both (key-store.ts recordShredsSql, SQLSTATE 21000 otherwise).
        ${recordShredsSql("d_shreds", ["d_keys", "d_one_keys"])},
        d_one_requests as (update data_subject_requests r set consent_reference = null, legal_basis = null
          where r.data_subject_id = any(array(select id from one_subject)) and r.status in ('COMPLETED', 'REJECTED')),
        d_one_personal as (update data_subject_request_personal rp
          set requester_name = ${DELETED_REQUESTER}, requester_identifier = null, details = null, correction = null, decision_note = null
          where rp.request_id in (select r.id from data_subject_requests r
            where r.data_subject_id = any(array(select id from one_subject)) and r.status in ('COMPLETED', 'REJECTED'))),
        -- The same requests' step notes (a decision note is repeated on its DECIDED step).
        d_one_steps as (delete from data_subject_request_step_notes sn
          where sn.request_id in (select r.id from data_subject_requests r
            where r.data_subject_id = any(array(select id from one_subject)) and r.status in ('COMPLETED', 'REJECTED'))),
        completed as (
          update data_subject_requests r set status = 'COMPLETED', completed_at = ${ts(c.asOf)}
          where r.id = any(array(select id from req)) returning r.id
        ),
        -- One audit event per kind (R-SEC-2), ids only, in one INSERT: the chain trigger sees its rows in turn.
        audit as (
          insert into audit_events (occurred_at, action, fields, ground, request_id)
          select ${ts(c.now)}, 'RETENTION_EARLY_DELETE', '{}'::text[],
                 ${text(`R-RETAIN-6 personal data deleted early as of ${asOf} on approved requests `)}
                 || (select string_agg(id::text, ',' order by id) from req where whole) || '; procedures: '
                 || string_agg(id::text, ',' order by id), ${`retention-run:${c.runId}`}::text
          from changed having count(*) > 0
          union all
          select ${ts(c.now)}, 'RETENTION_EARLY_DELETE_SUBJECT', '{}'::text[],
                 ${text(`R-RETAIN-6 a data subject's personal data deleted early as of ${asOf} on approved requests `)}
                 || (select string_agg(id::text, ',' order by id) from req where not whole) || '; data subjects: '
                 || string_agg(id::text, ',' order by id), ${`retention-run:${c.runId}`}::text
          from d_one_subjects having count(*) > 0
          returning 1
        )`,
    });
  }

  /** R-RETAIN-5: resolves open reminders of procedures closed or active again since. */
  resolveReminders(c: BatchContext): Promise<BatchResult> {
    return this.batch(c, {
      column: "remindersResolved",
      ctes: sql`
        target as (
          select r.id from reminders r join procedures p on p.id = r.procedure_id
          where exists (select 1 from lease) and ${reminderResolved}
          order by r.id limit ${c.limit}
          for update of r
        ),
        changed as (update reminders r set resolved_at = ${ts(c.asOf)} where r.id = any(${TARGET_IDS}) returning r.id)`,
    });
  }

  /** R-RETAIN-5: one open reminder per procedure left open, for its initiating authority. */
  raiseReminders(c: BatchContext, cutoff: Date, cursor: Cursor | null): Promise<BatchResult> {
    return this.batch(c, {
      column: "remindersRaised",
      cursor: "last_activity_at",
      ctes: sql`
        target as (
          select p.id, p.initiator_authority_id, p.last_activity_at from procedures p
          where exists (select 1 from lease) and ${reminderDue(cutoff)} ${after(cursor, "p.last_activity_at")}
          order by p.last_activity_at
          limit ${c.limit}
        ),
        changed as (
          insert into reminders (procedure_id, authority_id, kind, raised_at)
          select id, initiator_authority_id, 'LEFT_OPEN', ${ts(c.asOf)} from target
          on conflict (procedure_id, kind) where resolved_at is null do nothing
          returning id
        )`,
    });
  }

  // --- read-only: dry runs and previews ---

  /** What a run as of `asOf` would do, step by step, in one read-only statement. */
  counts(asOf: Date, areas: readonly AreaRule[], reminderCutoff: Date): Promise<RetentionCounts> {
    return this.one<RetentionCounts>(sql`
      select
        (select count(*) from procedures p where ${blockDue(asOf, areas)})::int as "proceduresBlocked",
        (select count(*) from procedures p where ${deleteDue(asOf)})::int as "proceduresDeleted",
        (select count(*) from users u where ${userBlockDue})::int as "usersBlocked",
        (select count(*) from users u where ${userDeleteDue(asOf)})::int as "usersDeleted",
        (select count(*) from data_subject_requests r where ${earlyDeletionDue})::int as "earlyDeletions",
        (select count(*) from data_subject_requests r where ${earlyDeletionRefused})::int as "earlyDeletionsRefused",
        (select count(*) from procedures p where ${reminderDue(reminderCutoff)})::int as "remindersRaised",
        (select count(*) from reminders r join procedures p on p.id = r.procedure_id where ${reminderResolved})::int as "remindersResolved"`);
  }

  /** Approved early deletions that cannot be carried out (no consent or legal basis, or no procedure). */
  async refusedEarlyDeletions(): Promise<string[]> {
    const rows = rowsOf<{ id: string }>(
      await this.db.execute(sql`select r.id::text as id from data_subject_requests r where ${earlyDeletionRefused} order by r.id`),
    );
    return rows.map((row) => row.id);
  }

  /** What would be blocked and deleted by `asOf`, per legal area and initiating authority. */
  async previewGroups(asOf: Date, areas: readonly AreaRule[]): Promise<PreviewGroupRow[]> {
    const rows = rowsOf<PreviewGroupRow>(
      await this.db.execute(sql`
        select p.legal_area_code as "legalAreaCode", p.initiator_authority_id::text as "authorityId",
               (count(*) filter (where ${blockDue(asOf, areas)}))::int as "proceduresToBlock",
               (count(*) filter (where ${deleteDue(asOf)}))::int as "proceduresToDelete"
        from procedures p
        where p.closed_at is not null and p.personal_data_deleted_at is null
        group by p.legal_area_code, p.initiator_authority_id
        having count(*) filter (where ${blockDue(asOf, areas)}) > 0 or count(*) filter (where ${deleteDue(asOf)}) > 0
        order by p.legal_area_code, p.initiator_authority_id`),
    );
    return rows.map((row) => ({ ...row, proceduresToBlock: Number(row.proceduresToBlock), proceduresToDelete: Number(row.proceduresToDelete) }));
  }

  // --- reminders, as their readers see them ---

  /**
   * R-RETAIN-5: reminders are for the initiating authority: its case handlers and local admins see
   * them (row scope in SQL); nobody else does. Newest first.
   */
  async pageReminders(viewer: Viewer, includeResolved: boolean, page: PageRequest) {
    const where = and(visibleReminders(viewer), includeResolved ? undefined : isNull(reminders.resolvedAt));
    const keyset = page.after
      ? or(lt(reminders.raisedAt, page.after.createdAt), and(eq(reminders.raisedAt, page.after.createdAt), lt(reminders.id, page.after.id)))
      : undefined;
    const [rows, [total]] = await Promise.all([
      this.db
        .select()
        .from(reminders)
        .where(and(where, keyset))
        .orderBy(desc(reminders.raisedAt), desc(reminders.id))
        .limit(page.limit + 1),
      this.db.select({ n: count() }).from(reminders).where(where),
    ]);
    return { rows: rows.map((row) => ({ ...row, createdAt: row.raisedAt })), totalCount: total?.n ?? 0 };
  }
}

export function visibleReminders(viewer: Viewer): SQL {
  return hasRole(viewer, "CASE_HANDLER", "LOCAL_ADMIN") ? eq(reminders.authorityId, viewer.authorityId) : sql`false`;
}
