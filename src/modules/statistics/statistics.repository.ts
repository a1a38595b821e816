import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../db/database.js";
import { rowsOf } from "../../db/rows.js";

/** One cell: a month (UTC), a legal area and the member state of the receiving authorities. */
export interface StatisticsRow {
  month: string;
  legalAreaCode: string;
  memberState: string;
  requestsSent: number;
  acceptedWithin7Days: number;
  accepted: number;
  answered: number;
  medianDaysToAccept: number | null;
  medianDaysToAnswer: number | null;
  closed: number;
  blocked: number;
  deleted: number;
  alertsSent: number;
}

export interface StatisticsScope {
  from: Date;
  to: Date;
  memberState?: string | null;
  legalAreaCode?: string | null;
}

/**
 * Issue 18, R-RETAIN-3's "shell kept for statistics": figures from procedure metadata only (send, first
 * acceptance and first answer times, closure, blocking, deletion), never a personal-data table. One
 * statement, set-based: a range scan of procedures_statistics_idx by send time, each procedure's current
 * receiving participants grouped per member state (a request forwarded counts where it now is).
 * Requests are REQUEST and SOLVIT_CASE (they are accepted and answered); alerts are ALERT; closed,
 * blocked and deleted count every kind sent to the state.
 */
export function statisticsStatement(scope: StatisticsScope): SQL {
  return sql`with received as (
      select p.id, p.kind, p.legal_area_code, p.sent_at, p.first_answered_at, p.closed_at, p.blocked_at,
             p.personal_data_deleted_at, au.member_state, min(pa.accepted_at) as accepted_at
      from procedures p
      join participants pa on pa.procedure_id = p.id and pa.forwarded_at is null and pa.part <> 'INITIATOR'
      join authorities au on au.id = pa.authority_id
      where p.sent_at is not null and p.sent_at >= ${scope.from.toISOString()}::timestamptz and p.sent_at < ${scope.to.toISOString()}::timestamptz
        ${scope.memberState ? sql`and au.member_state = ${scope.memberState}` : sql``}
        ${scope.legalAreaCode ? sql`and p.legal_area_code = ${scope.legalAreaCode}` : sql``}
      group by p.id, au.member_state
    )
    select to_char(date_trunc('month', sent_at at time zone 'UTC'), 'YYYY-MM') as month,
      legal_area_code as "legalAreaCode", member_state as "memberState",
      count(*) filter (where kind in ('REQUEST', 'SOLVIT_CASE')) as "requestsSent",
      count(*) filter (where kind in ('REQUEST', 'SOLVIT_CASE') and accepted_at <= sent_at + interval '7 days') as "acceptedWithin7Days",
      count(*) filter (where kind in ('REQUEST', 'SOLVIT_CASE') and accepted_at is not null) as accepted,
      count(*) filter (where kind in ('REQUEST', 'SOLVIT_CASE') and first_answered_at is not null) as answered,
      percentile_cont(0.5) within group (order by extract(epoch from accepted_at - sent_at) / 86400)
        filter (where kind in ('REQUEST', 'SOLVIT_CASE') and accepted_at is not null) as "medianDaysToAccept",
      percentile_cont(0.5) within group (order by extract(epoch from first_answered_at - sent_at) / 86400)
        filter (where kind in ('REQUEST', 'SOLVIT_CASE') and first_answered_at is not null) as "medianDaysToAnswer",
      count(*) filter (where closed_at is not null) as closed,
      count(*) filter (where blocked_at is not null) as blocked,
      count(*) filter (where personal_data_deleted_at is not null) as deleted,
      count(*) filter (where kind = 'ALERT') as "alertsSent"
    from received
    group by 1, 2, 3
    order by 1, 2, 3`;
}

export class StatisticsRepository {
  constructor(private readonly db: Executor) {}

  /** Every legal area of the annex, enabled or not (a disabled area still has history): the public grid's rows. */
  async legalAreaCodes(): Promise<string[]> {
    const rows = rowsOf<{ code: string }>(await this.db.execute(sql`select code from legal_areas order by code`));
    return rows.map((r) => String(r.code));
  }

  async cells(scope: StatisticsScope): Promise<StatisticsRow[]> {
    const rows = rowsOf<Record<string, unknown>>(await this.db.execute(statisticsStatement(scope)));
    const int = (v: unknown) => Number(v ?? 0);
    const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    return rows.map((r) => ({
      month: String(r.month),
      legalAreaCode: String(r.legalAreaCode),
      memberState: String(r.memberState),
      requestsSent: int(r.requestsSent),
      acceptedWithin7Days: int(r.acceptedWithin7Days),
      accepted: int(r.accepted),
      answered: int(r.answered),
      medianDaysToAccept: num(r.medianDaysToAccept),
      medianDaysToAnswer: num(r.medianDaysToAnswer),
      closed: int(r.closed),
      blocked: int(r.blocked),
      deleted: int(r.deleted),
      alertsSent: int(r.alertsSent),
    }));
  }
}
