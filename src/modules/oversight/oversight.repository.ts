import { randomUUID } from "node:crypto";
import { and, asc, count, desc, eq, getTableColumns, gt, lt, or, sql, type SQL } from "drizzle-orm";
import type { SelectedFields } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/database.js";
import { isUuid } from "../../db/ids.js";
import { rowsOf } from "../../db/rows.js";
import { stateTakesPart } from "../../auth/procedure-scope.js";
import { authorities, authorityLegalAreas, authorityRegistrations, legalAreas, participants, procedures, users } from "../../db/schema/index.js";
import type { KeysetCursor, PageRequest } from "../../graphql/pagination.js";
import { USER_COLUMNS } from "../users/user.repository.js";

export type AuthorityRegistrationRow = typeof authorityRegistrations.$inferSelect;

export interface WaitingRow {
  id: string;
  procedureId: string;
  authorityId: string;
  waitingFor: "ACCEPTANCE" | "ANSWER";
  since: Date;
  overdueReason: OverdueReasonValue | null;
}

export type OverdueReasonValue = "NOT_ACCEPTED_IN_7_DAYS" | "NOT_ANSWERED_BY_DEADLINE";

/** When a wait is overdue, as of `now`: accepted by `sentBefore` at the latest, answered by the deadline. */
export interface OverdueAsOf {
  now: Date;
  sentBefore: Date;
}

/** Issue 18, R-COORD-1: the coordinators' view of their state, metadata only, each list one statement. */
export class OversightRepository {
  constructor(private readonly db: Executor) {}

  /**
   * Current responders and recipients of `memberState` that a procedure waits on: not yet accepted
   * (a sent procedure), or the accepted responder of a request not yet answered. Oldest wait first.
   * Why a wait is overdue is one expression, shown and filtered on alike, so the list's `overdue` and
   * its `overdueOnly` filter cannot disagree. It reads the procedure row the join reaches by its
   * primary key anyway, so the plan stays driven by the state's authorities and their participations.
   */
  async waiting(memberState: string, asOf: OverdueAsOf, overdueOnly: boolean, page: PageRequest) {
    const since = sql<Date>`case when ${participants.acceptedAt} is null then ${procedures.sentAt} else ${participants.acceptedAt} end`;
    // Issue 18: the answer deadline is named first, the initiator's own date and the one that still
    // counts once accepted; an alert is acknowledged and carries no deadline, so it is never overdue.
    const overdueReason = sql<OverdueReasonValue | null>`case
      when ${procedures.answerDeadline} < ${asOf.now.toISOString()}::timestamptz then 'NOT_ANSWERED_BY_DEADLINE'
      when ${participants.acceptedAt} is null and ${procedures.kind} in ('REQUEST', 'SOLVIT_CASE')
        and ${procedures.sentAt} < ${asOf.sentBefore.toISOString()}::timestamptz then 'NOT_ACCEPTED_IN_7_DAYS'
    end`;
    const where = and(
      eq(authorities.memberState, memberState),
      sql`${participants.forwardedAt} is null and ${participants.part} <> 'INITIATOR'`,
      sql`${procedures.closedAt} is null and ${procedures.sentAt} is not null`,
      or(
        sql`${participants.acceptedAt} is null`,
        sql`${procedures.status} = 'ACCEPTED' and ${participants.part} = 'RESPONDER'`,
      ),
      overdueOnly ? sql`${overdueReason} is not null` : undefined,
    );
    const after = page.after
      ? sql`(${since}, ${participants.id}) > (${page.after.createdAt.toISOString()}::timestamptz, ${page.after.id}::uuid)`
      : undefined;
    const from = () =>
      this.db
        .select({
          id: participants.id,
          procedureId: participants.procedureId,
          authorityId: participants.authorityId,
          waitingFor: sql<"ACCEPTANCE" | "ANSWER">`case when ${participants.acceptedAt} is null then 'ACCEPTANCE' else 'ANSWER' end`,
          since,
          overdueReason,
        })
        .from(participants)
        .innerJoin(authorities, eq(authorities.id, participants.authorityId))
        .innerJoin(procedures, eq(procedures.id, participants.procedureId));
    const [rows, [total]] = await Promise.all([
      from().where(and(where, after)).orderBy(asc(since), asc(participants.id)).limit(page.limit + 1),
      this.db
        .select({ n: count() })
        .from(participants)
        .innerJoin(authorities, eq(authorities.id, participants.authorityId))
        .innerJoin(procedures, eq(procedures.id, participants.procedureId))
        .where(where),
    ]);
    return { rows: rows.map((r) => ({ ...r, since: new Date(r.since) })) as WaitingRow[], totalCount: total?.n ?? 0 };
  }

  /** Authorities of the scope (a member state, or all) with no active user: nobody can act for them. */
  async authoritiesWithoutActiveUser(memberState: string | null, page: PageRequest) {
    const where = and(
      memberState ? eq(authorities.memberState, memberState) : undefined,
      sql`not exists (select 1 from ${users} u where u.authority_id = ${authorities.id} and u.active)`,
    );
    return this.keysetPage(authorities, getTableColumns(authorities), where, page);
  }

  /** Active users of the scope not logged in since `before` (never logged in counts from their creation). */
  async staleUsers(memberState: string | null, before: Date, page: PageRequest) {
    const where = and(
      eq(users.active, true),
      memberState
        ? sql`${users.authorityId} in (select ${authorities.id} from ${authorities} where ${authorities.memberState} = ${memberState})`
        : undefined,
      sql`coalesce(${users.lastLoginAt}, ${users.createdAt}) < ${before.toISOString()}::timestamptz`,
    );
    return this.keysetPage(users, USER_COLUMNS, where, page);
  }

  /** `columns`: a user's without its credentials (user.repository.ts USER_COLUMNS), which the API's role may not read. */
  private async keysetPage<T extends typeof users | typeof authorities>(table: T, columns: SelectedFields, where: SQL | undefined, page: PageRequest) {
    const after = page.after
      ? or(lt(table.createdAt, page.after.createdAt), and(eq(table.createdAt, page.after.createdAt), lt(table.id, page.after.id)))
      : undefined;
    const [rows, [total]] = await Promise.all([
      this.db
        .select(columns)
        .from(table as typeof users)
        .where(and(where, after))
        .orderBy(desc(table.createdAt), desc(table.id))
        .limit(page.limit + 1),
      this.db.select({ n: count() }).from(table as typeof users).where(where),
    ]);
    return { rows: rows as unknown as T["$inferSelect"][], totalCount: total?.n ?? 0 };
  }

  /** Per legal area: the authorities of the scope registered for it and the procedures they take part in. */
  async processingByArea(memberState: string | null) {
    const areas = await this.db.select().from(legalAreas).orderBy(asc(legalAreas.code));
    const registered = await this.db
      .select({ legalAreaCode: authorityLegalAreas.legalAreaCode, authorityId: authorityLegalAreas.authorityId })
      .from(authorityLegalAreas)
      .innerJoin(authorities, eq(authorities.id, authorityLegalAreas.authorityId))
      .where(memberState ? eq(authorities.memberState, memberState) : undefined)
      .orderBy(asc(authorities.createdAt), asc(authorities.id));
    const counts = rowsOf<{ code: string; n: number | string }>(
      await this.db.execute(sql`select ${procedures.legalAreaCode} as code, count(*) as n from ${procedures}
        where ${memberState ? stateTakesPart(memberState) : sql`true`}
        group by ${procedures.legalAreaCode}`),
    );
    return { areas, registered, counts: new Map(counts.map((c) => [c.code, Number(c.n)])) };
  }

  /**
   * Art. 6: the registration as stored, without reading it back: whoever asks for one (signed in or
   * not) does not read the coordinators' queue (db/rls/directory-tables.sql.ts).
   */
  async insertRegistration(values: Omit<typeof authorityRegistrations.$inferInsert, "id" | "status">): Promise<AuthorityRegistrationRow> {
    const row: AuthorityRegistrationRow = {
      ...values,
      id: randomUUID(),
      contactPhone: values.contactPhone ?? null,
      website: values.website ?? null,
      status: "PENDING",
      decidedAt: null,
      decidedByUserId: null,
      decisionNote: null,
      authorityId: null,
    };
    await this.db.insert(authorityRegistrations).values(row);
    return row;
  }

  async findRegistration(id: string): Promise<AuthorityRegistrationRow | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await this.db.select().from(authorityRegistrations).where(eq(authorityRegistrations.id, id));
    return row;
  }

  /** Decides a pending registration only, so two coordinators deciding at once cannot both succeed. */
  async decideRegistration(id: string, values: Partial<AuthorityRegistrationRow>): Promise<AuthorityRegistrationRow | undefined> {
    const [row] = await this.db
      .update(authorityRegistrations)
      .set(values)
      .where(and(eq(authorityRegistrations.id, id), eq(authorityRegistrations.status, "PENDING")))
      .returning();
    return row;
  }

  async linkAuthority(id: string, authorityId: string): Promise<AuthorityRegistrationRow | undefined> {
    const [row] = await this.db.update(authorityRegistrations).set({ authorityId }).where(eq(authorityRegistrations.id, id)).returning();
    return row;
  }

  async registrations(memberState: string | null, status: AuthorityRegistrationRow["status"] | null, page: PageRequest) {
    const where = and(
      memberState ? eq(authorityRegistrations.memberState, memberState) : undefined,
      status ? eq(authorityRegistrations.status, status) : undefined,
    );
    const after = page.after
      ? or(
          gt(authorityRegistrations.submittedAt, page.after.createdAt),
          and(eq(authorityRegistrations.submittedAt, page.after.createdAt), gt(authorityRegistrations.id, page.after.id)),
        )
      : undefined;
    const [rows, [total]] = await Promise.all([
      this.db
        .select()
        .from(authorityRegistrations)
        .where(and(where, after))
        .orderBy(asc(authorityRegistrations.submittedAt), asc(authorityRegistrations.id))
        .limit(page.limit + 1),
      this.db.select({ n: count() }).from(authorityRegistrations).where(where),
    ]);
    return { rows, totalCount: total?.n ?? 0 };
  }
}

export const registrationPosition = (row: AuthorityRegistrationRow): KeysetCursor => ({ createdAt: row.submittedAt, id: row.id });
