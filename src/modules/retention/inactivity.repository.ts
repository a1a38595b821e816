import { and, count, desc, eq, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../db/database.js";
import { inactivityJustifications, procedureEscalations, procedures, reminders } from "../../db/schema/index.js";
import type { PageRequest } from "../../graphql/pagination.js";
import { visibleProcedures } from "../../auth/procedure-scope.js";
import { hasRole, type Viewer } from "../../auth/viewer.js";
import { plusMonthsSql } from "./periods.js";
import type { AreaRule, BatchContext, BatchResult, Cursor, RetentionRepository } from "./retention.repository.js";
import { rowsOf } from "../../db/rows.js";

export type EscalationRow = typeof procedureEscalations.$inferSelect;
export type JustificationRow = typeof inactivityJustifications.$inferSelect;
export type ReminderOfEscalationRow = typeof reminders.$inferSelect;

/** R-RETAIN-5: months of inactivity (calendar, from the last activity) after which coordinators are told. */
export const ESCALATION_MONTHS = 2;

/** What a run as of a date would do for inactivity (dry runs and previews). */
export interface InactivityCounts {
  proceduresEscalated: number;
  escalationsResolved: number;
  proceduresClosedForInactivity: number;
}

const ts = (date: Date): SQL => sql`${date.toISOString()}::timestamptz`;

/** Calendar months after a time, in UTC: the one definition of the legal periods (periods.ts). */
const plusMonthsUtc = plusMonthsSql;

/** A superset bound for the partial index on open procedures' last activity; the exact test follows. */
const MARGIN = sql`interval '4 days'`;

function after(cursor: Cursor | null): SQL {
  return cursor ? sql`and p.last_activity_at >= ${cursor.at}::timestamptz` : sql``;
}

/** The area's inactivity period, inlined as constants (read once per run), like the blocking periods. */
function inactivityMonths(areas: readonly AreaRule[]): SQL {
  return areas.length
    ? sql`case p.legal_area_code ${sql.join(areas.map((a) => sql`when ${a.code}::text then ${a.inactivityPeriodMonths}::int`), sql` `)} end`
    : sql`null::int`;
}

function shortestPeriod(areas: readonly AreaRule[]): number {
  return areas.length ? Math.min(...areas.map((a) => a.inactivityPeriodMonths)) : 0;
}

/**
 * R-RETAIN-7: open (drafts included) and without activity for the area's whole inactivity period:
 * the period ended at last activity + N calendar months, and that moment has come by `asOf`. An area
 * unknown to the run closes nothing.
 */
function closeDue(asOf: Date, areas: readonly AreaRule[]): SQL {
  return sql`p.closed_at is null and ${plusMonthsUtc(sql`p.last_activity_at`, inactivityMonths(areas))} <= ${ts(asOf)}`;
}

/**
 * R-RETAIN-5: a justification recorded since the last activity (it covers the inactivity it was recorded
 * in). Asked through a function of the database's (db/rls/policies.sql.ts): the justifications' rows are
 * behind a row policy that shows their text only to participating case handlers, but whether one
 * exists counts for the job and for the Commission's preview too.
 */
const justified = sql`imi_rls.inactivity_justified(p.id, p.last_activity_at)`;

/**
 * R-RETAIN-5: sent, open, inactive for MORE than 2 calendar months, with no justification recorded
 * since the last activity (a justification covers the inactivity it was recorded in), and not
 * escalated already. Drafts are not escalated: nothing has been exchanged, no coordinator's matter
 * (R-RETAIN-7 still closes them).
 * `offset 0` keeps the NOT EXISTS a per-row index lookup: as an anti join over the escalations raised
 * earlier in the same run (statistics older than them) it compared each candidate with every open
 * escalation, 219 ms a batch at 1M procedures (bench/retention-batch-probe.ts).
 */
function escalationDue(asOf: Date): SQL {
  return sql`p.closed_at is null and p.status <> 'DRAFT'
    and ${plusMonthsUtc(sql`p.last_activity_at`, sql`${ESCALATION_MONTHS}::int`)} < ${ts(asOf)}
    and not ${justified}
    and not exists (select 1 from procedure_escalations e where e.procedure_id = p.id and e.resolved_at is null offset 0)`;
}

/**
 * An open escalation whose procedure was closed, has seen activity since it was raised, or has a
 * justification for its inactivity (`justifyInactivity` resolves at once; this catches one recorded
 * while a batch was raising the escalation).
 */
const escalationResolved = sql`e.resolved_at is null and (p.closed_at is not null or p.last_activity_at > e.inactive_since or ${justified})`;

const TARGET_IDS = sql`array(select id from target)`;
const CHANGED_IDS = sql`array(select id from changed)`;

/** R-SEC-2: one audit event per batch naming the procedures (ids only), as the other steps write theirs. */
function auditBatch(action: string, ground: string, occurredAt: Date, runId: string): SQL {
  return sql`audit as (
    insert into audit_events (occurred_at, action, fields, ground, request_id)
    select ${ts(occurredAt)}, ${action}::text, '{}'::text[],
           ${ground}::text || ': ' || string_agg(id::text, ',' order by id), ${`retention-run:${runId}`}::text
    from changed having count(*) > 0
    returning 1
  )`;
}

/**
 * R-RETAIN-5 and R-RETAIN-7 (SPEC "Retention job", step 5): the escalation of inactive procedures to
 * the coordinators and their formal closure by the system, as set-based SQL in bounded batches. Each
 * batch is one statement through the retention job's batch wrapper (lease, counts), so one
 * transaction; every statement re-checks eligibility in its UPDATE, under the row lock that the
 * procedures' writers also take (procedure.service.ts `act`), so a write that commits first wins.
 */
export class InactivityRepository {
  constructor(
    private readonly db: Executor,
    private readonly retention: RetentionRepository,
  ) {}

  /**
   * R-RETAIN-7: closes up to `limit` procedures formally. closedAt is the moment the inactivity
   * period ended (last activity + the area's months), not the run's time: R-RETAIN-1 and R-RETAIN-3
   * then run from the day the data stopped being necessary, whenever the job gets to it, and a rerun
   * as of any later time closes the same procedure at the same instant. A never-sent draft is closed
   * too (it holds personal data); its intended recipients never received it, so their participant
   * rows go with the closure: a closed procedure is no longer a draft, and the recipients must not
   * see what was never sent to them. Open reminders and escalations of the procedures closed are
   * resolved in the same statement.
   */
  closeInactive(c: BatchContext, areas: readonly AreaRule[], cursor: Cursor | null): Promise<BatchResult> {
    const months = inactivityMonths(areas);
    return this.retention.batch(c, {
      column: "proceduresClosedForInactivity",
      cursor: "last_activity_at",
      ctes: sql`
        target as (
          select p.id, p.last_activity_at, p.status from procedures p
          where exists (select 1 from lease) and p.closed_at is null
            and p.last_activity_at <= ${ts(c.asOf)} - make_interval(months => ${shortestPeriod(areas)}::int) + ${MARGIN}
            ${after(cursor)}
            and ${closeDue(c.asOf, areas)}
          order by p.last_activity_at
          limit ${c.limit}
        ),
        changed as (
          update procedures p
          set status = 'CLOSED', closed_at = ${plusMonthsUtc(sql`p.last_activity_at`, months)}, closed_by_system = true,
              closure_reason = 'R-RETAIN-7: closed by the system after ' || ${months} || ' months without activity (last activity '
                || to_char(p.last_activity_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ')'
          where p.id = any(${TARGET_IDS}) and ${closeDue(c.asOf, areas)}
          returning p.id
        ),
        d_recipients as (
          delete from participants pa
          where pa.procedure_id = any(array(select t.id from target t where t.status = 'DRAFT' and t.id = any(${CHANGED_IDS})))
            and pa.part <> 'INITIATOR'
        ),
        r_reminders as (
          update reminders r set resolved_at = ${ts(c.asOf)} where r.procedure_id = any(${CHANGED_IDS}) and r.resolved_at is null
        ),
        r_escalations as (
          update procedure_escalations e set resolved_at = ${ts(c.asOf)}, resolution = 'CLOSED'
          where e.procedure_id = any(${CHANGED_IDS}) and e.resolved_at is null
        ),
        ${auditBatch("RETENTION_CLOSE", `R-RETAIN-7 closed by the system for inactivity as of ${c.asOf.toISOString()}`, c.now, c.runId)}`,
    });
  }

  /**
   * Fresh planner statistics for procedures after the closure step closed many of them (the first
   * run after a backlog): otherwise the statistics still say they are open, and the steps after it
   * (blocking, reminders) plan sequential scans instead of their partial indexes, batch after batch.
   */
  async analyzeProcedures(): Promise<void> {
    await this.db.execute(sql`analyze procedures`);
  }

  /** R-RETAIN-5: resolves open escalations of procedures closed or active again since they were raised. */
  resolveEscalations(c: BatchContext): Promise<BatchResult> {
    return this.retention.batch(c, {
      column: "escalationsResolved",
      ctes: sql`
        target as (
          select e.id, case when p.closed_at is not null then 'CLOSED' when p.last_activity_at > e.inactive_since then 'ACTIVITY'
                      else 'JUSTIFIED' end as resolution
          from procedure_escalations e join procedures p on p.id = e.procedure_id
          where exists (select 1 from lease) and ${escalationResolved}
          order by e.id limit ${c.limit}
          for update of e
        ),
        changed as (
          update procedure_escalations e set resolved_at = ${ts(c.asOf)}, resolution = t.resolution::escalation_resolution
          from target t where e.id = t.id and e.resolved_at is null
          returning e.id
        )`,
    });
  }

  /**
   * R-RETAIN-5: brings up to `limit` procedures inactive for more than 2 months without justification
   * to the coordinators of every member state taking part (the initiator's and each current
   * responder's or recipient's): one open escalation per procedure and member state. The count is of
   * procedures.
   */
  raiseEscalations(c: BatchContext, cursor: Cursor | null): Promise<BatchResult> {
    return this.retention.batch(c, {
      column: "proceduresEscalated",
      cursor: "last_activity_at",
      done: "escalated",
      ctes: sql`
        target as (
          select p.id, p.last_activity_at from procedures p
          where exists (select 1 from lease) and p.closed_at is null
            and p.last_activity_at <= ${ts(c.asOf)} - make_interval(months => ${ESCALATION_MONTHS}::int) + ${MARGIN}
            ${after(cursor)}
            and ${escalationDue(c.asOf)}
          order by p.last_activity_at
          limit ${c.limit}
        ),
        changed as (
          insert into procedure_escalations (procedure_id, member_state, inactive_since, raised_at)
          select distinct t.id, au.member_state, t.last_activity_at, ${ts(c.asOf)}::timestamptz
          from target t
          join participants pa on pa.procedure_id = t.id and pa.forwarded_at is null
          join authorities au on au.id = pa.authority_id
          on conflict (procedure_id, member_state) where resolved_at is null do nothing
          returning id, procedure_id
        ),
        escalated as (select distinct procedure_id as id from changed),
        audit as (
          insert into audit_events (occurred_at, action, fields, ground, request_id)
          select ${ts(c.now)}, 'RETENTION_ESCALATE', '{}'::text[],
                 ${`R-RETAIN-5 brought to the coordinators after ${ESCALATION_MONTHS} months without activity as of ${c.asOf.toISOString()}`}::text
                   || ': ' || string_agg(id::text, ',' order by id), ${`retention-run:${c.runId}`}::text
          from escalated having count(*) > 0
          returning 1
        )`,
    });
  }

  /**
   * What a run as of `asOf` would do for inactivity, read-only. A procedure the run would close is
   * not escalated, and its escalations are resolved by the closure, not counted as resolved.
   */
  counts(asOf: Date, areas: readonly AreaRule[]): Promise<InactivityCounts> {
    return this.db
      .execute(
        sql`select
          (select count(*) from procedures p where ${escalationDue(asOf)} and not (${closeDue(asOf, areas)}))::int as "proceduresEscalated",
          (select count(*) from procedure_escalations e join procedures p on p.id = e.procedure_id
             where ${escalationResolved} and not (${closeDue(asOf, areas)}))::int as "escalationsResolved",
          (select count(*) from procedures p where ${closeDue(asOf, areas)})::int as "proceduresClosedForInactivity"`,
      )
      .then((result) => {
        const [row] = rowsOf<InactivityCounts>(result);
        return {
          proceduresEscalated: Number(row?.proceduresEscalated ?? 0),
          escalationsResolved: Number(row?.escalationsResolved ?? 0),
          proceduresClosedForInactivity: Number(row?.proceduresClosedForInactivity ?? 0),
        };
      });
  }

  // --- the coordinators' list and the justification ---

  /**
   * R-RETAIN-5: the escalations to the viewer's member state, for its coordinators, within their
   * procedure row scope (SPEC matrix: procedures with a participant in the state). Newest first.
   */
  async pageEscalations(viewer: Viewer, includeResolved: boolean, page: PageRequest) {
    const where = and(
      hasRole(viewer, "COORDINATOR") ? eq(procedureEscalations.memberState, viewer.memberState) : sql`false`,
      sql`exists (select 1 from ${procedures} where ${procedures.id} = ${procedureEscalations.procedureId} and ${visibleProcedures(viewer)})`,
      includeResolved ? undefined : isNull(procedureEscalations.resolvedAt),
    );
    const keyset = page.after
      ? or(
          lt(procedureEscalations.raisedAt, page.after.createdAt),
          and(eq(procedureEscalations.raisedAt, page.after.createdAt), lt(procedureEscalations.id, page.after.id)),
        )
      : undefined;
    const [rows, [total]] = await Promise.all([
      this.db
        .select()
        .from(procedureEscalations)
        .where(and(where, keyset))
        .orderBy(desc(procedureEscalations.raisedAt), desc(procedureEscalations.id))
        .limit(page.limit + 1),
      this.db.select({ n: count() }).from(procedureEscalations).where(where),
    ]);
    return { rows: rows.map((row) => ({ ...row, createdAt: row.raisedAt })), totalCount: total?.n ?? 0 };
  }

  /** The procedure, locked against the job and the writers (the same row lock). */
  async lockProcedure(id: string) {
    const [row] = await this.db.select().from(procedures).where(eq(procedures.id, id)).for("update");
    return row;
  }

  /** Inserts a justification and resolves the procedure's open escalations (R-RETAIN-5). */
  async justify(values: typeof inactivityJustifications.$inferInsert): Promise<JustificationRow> {
    const [row] = await this.db.insert(inactivityJustifications).values(values).returning();
    if (!row) throw new Error("insert returned no row");
    await this.db
      .update(procedureEscalations)
      .set({ resolvedAt: values.recordedAt, resolution: "JUSTIFIED" })
      .where(and(eq(procedureEscalations.procedureId, values.procedureId), isNull(procedureEscalations.resolvedAt)));
    return row;
  }

  /** The reminders of these procedures, newest first (the coordinators see an escalation with its reminders). */
  remindersOf(procedureIds: readonly string[]): Promise<ReminderOfEscalationRow[]> {
    if (procedureIds.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(reminders)
      .where(inArray(reminders.procedureId, [...procedureIds]))
      .orderBy(desc(reminders.raisedAt), desc(reminders.id));
  }
}
