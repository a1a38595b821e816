import { and, asc, count, desc, eq, gt, gte, lt, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Executor } from "../../db/database.js";
import { isUuid } from "../../db/ids.js";
import { auditEvents, authorities } from "../../db/schema/index.js";
import { hasRole, type Viewer } from "../../auth/viewer.js";
import type { ChainedContent } from "./audit-chain.js";
import { TOTAL_COUNT_LIMIT } from "../../graphql/pagination.js";

export type AuditEventInsert = typeof auditEvents.$inferInsert;
export type AuditEventRow = typeof auditEvents.$inferSelect;

/** The columns an insert sends; id, chain position and hashes come from the table's default and trigger. */
const AUDIT_INSERT_COLUMNS = (
  ["occurredAt", "actorUserId", "actorAuthorityId", "action", "procedureId", "dataSubjectId", "fields", "ground", "requestId"] as const
).map((key) => [key, auditEvents[key]] as const);

export interface AuditEventFilter {
  procedureId?: string | null;
  dataSubjectId?: string | null;
  actorUserId?: string | null;
  action?: string | null;
  occurredFrom?: Date | null;
  occurredTo?: Date | null;
}

/** One event as the chain verification reads it: the chained content, its links and its id. */
export interface ChainLink extends ChainedContent {
  id: number;
  occurredAt: string;
  prevHash: string;
  hash: string;
}

export class AuditRepository {
  constructor(private readonly db: Executor) {}

  /**
   * One statement for a whole batch; the insert trigger chains the rows in order. The rows travel as
   * one JSON parameter, unpacked in order (`with ordinality`): a list of 50 procedures writes about
   * 100 events, and drizzle's values() built and sent 9 parameters per row, a sixth of the request's
   * CPU (bench/results.md). Chain position and hashes are left to the trigger, as before.
   */
  async insertMany(events: AuditEventInsert[]): Promise<void> {
    if (events.length === 0) return;
    await this.db.execute(insertStatement(events));
  }

  /**
   * A page of the events the viewer may see, newest (highest id) first, walking the primary key; the
   * count is a function, run only when a client selects `totalCount`, and bounded (TOTAL_COUNT_LIMIT).
   */
  async page(viewer: Viewer, filter: AuditEventFilter, page: { limit: number; beforeId: number | null }) {
    const where = and(visibleAuditEvents(viewer), auditFilter(filter));
    const before = page.beforeId === null ? undefined : lt(auditEvents.id, page.beforeId);
    const rows = await this.db
      .select()
      .from(auditEvents)
      .where(and(where, before))
      .orderBy(desc(auditEvents.id))
      .limit(page.limit + 1);
    // In the list's order, so the count walks the page's own index and stops at the bound (a
    // sequential scan under the limit reads the whole table when the viewer's rows are sparse).
    const totalCount = async () => {
      const capped = this.db.select({ one: sql`1`.as("one") }).from(auditEvents).where(where).orderBy(desc(auditEvents.id)).limit(TOTAL_COUNT_LIMIT + 1).as("capped");
      const [total] = await this.db.select({ n: count() }).from(capped);
      return total?.n ?? 0;
    };
    return { rows, totalCount };
  }

  /** An event outside every chain (its chain_id rewritten out of range), which a walk of the chains would miss. */
  async outsideTheChains(chainCount: number): Promise<{ id: number; chainId: number } | undefined> {
    const [row] = await this.db
      .select({ id: auditEvents.id, chainId: auditEvents.chainId })
      .from(auditEvents)
      .where(or(lt(auditEvents.chainId, 0), gte(auditEvents.chainId, chainCount)))
      .limit(1);
    return row;
  }

  /** Up to `limit` events of one chain after a position, in chain order: verification reads in batches. */
  chainAfter(chain: number, position: number, limit: number): Promise<ChainLink[]> {
    return this.db
      .select({
        id: auditEvents.id,
        chainPosition: auditEvents.chainPosition,
        // Microseconds exactly (a JS Date would drop them); extract() is exact numeric since PG 14.
        occurredAt: sql<string>`(extract(epoch from ${auditEvents.occurredAt}) * 1000000)::bigint::text`,
        actorUserId: auditEvents.actorUserId,
        actorAuthorityId: auditEvents.actorAuthorityId,
        action: auditEvents.action,
        procedureId: auditEvents.procedureId,
        dataSubjectId: auditEvents.dataSubjectId,
        fields: auditEvents.fields,
        ground: auditEvents.ground,
        requestId: auditEvents.requestId,
        prevHash: auditEvents.prevHash,
        hash: auditEvents.hash,
      })
      .from(auditEvents)
      .where(and(eq(auditEvents.chainId, chain), gt(auditEvents.chainPosition, position)))
      .orderBy(asc(auditEvents.chainPosition))
      .limit(limit);
  }
}

const INSERT_NAMES = sql.join(
  AUDIT_INSERT_COLUMNS.map(([, column]) => sql.identifier(column.name)),
  sql`, `,
);
const INSERT_DEFINITIONS = sql.raw(AUDIT_INSERT_COLUMNS.map(([, column]) => `"${column.name}" ${column.getSQLType()}`).join(", "));

/** The one INSERT of a batch (bench/audit-writers.ts EXPLAINs it as sent). */
export function insertStatement(events: AuditEventInsert[]): SQL {
  const rows = events.map((event) => Object.fromEntries(AUDIT_INSERT_COLUMNS.map(([key, column]) => [column.name, event[key] ?? null])));
  return sql`insert into ${auditEvents} (${INSERT_NAMES})
    select ${INSERT_NAMES} from rows from (jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as (${INSERT_DEFINITIONS})) with ordinality as e
    order by e.ordinality`;
}

function auditFilter(filter: AuditEventFilter): SQL | undefined {
  // A malformed id matches nothing (it must not reach PostgreSQL as a failed uuid cast).
  const byId = (column: AnyColumn, id: string | null | undefined) =>
    id ? (isUuid(id) ? eq(column, id) : sql`false`) : undefined;
  return and(
    byId(auditEvents.procedureId, filter.procedureId),
    byId(auditEvents.dataSubjectId, filter.dataSubjectId),
    byId(auditEvents.actorUserId, filter.actorUserId),
    filter.action ? eq(auditEvents.action, filter.action) : undefined,
    filter.occurredFrom ? gte(auditEvents.occurredAt, filter.occurredFrom) : undefined,
    filter.occurredTo ? lt(auditEvents.occurredAt, filter.occurredTo) : undefined,
  );
}

/**
 * Row scope of audit events (SPEC need-to-know matrix, "audit events"): the Commission all; a
 * coordinator the events of authorities of its member state; a local admin its authority's; a case
 * handler its own; a portal none. Events without an actor authority (jobs) are the Commission's.
 */
export function visibleAuditEvents(viewer: Viewer): SQL {
  if (hasRole(viewer, "COMMISSION")) return sql`true`;
  const scopes: SQL[] = [];
  if (hasRole(viewer, "COORDINATOR")) {
    scopes.push(
      sql`${auditEvents.actorAuthorityId} in (select ${authorities.id} from ${authorities} where ${authorities.memberState} = ${viewer.memberState})`,
    );
  }
  if (hasRole(viewer, "LOCAL_ADMIN")) scopes.push(eq(auditEvents.actorAuthorityId, viewer.authorityId));
  if (hasRole(viewer, "CASE_HANDLER")) scopes.push(eq(auditEvents.actorUserId, viewer.userId));
  // Issue 18, Art. 21: a national data-protection authority reads the events of its member state's
  // authorities; the EDPS (member state EU) those of the Commission, its jobs included.
  if (hasRole(viewer, "SUPERVISOR")) {
    scopes.push(
      sql`${auditEvents.actorAuthorityId} in (select ${authorities.id} from ${authorities} where ${authorities.memberState} = ${viewer.memberState})`,
    );
    if (viewer.memberState === "EU") scopes.push(sql`${auditEvents.actorAuthorityId} is null`);
  }
  return scopes.length > 0 ? sql`(${sql.join(scopes, sql` or `)})` : sql`false`;
}
