import { BadUserInputError } from "../../errors.js";
import { lazyTotalCount, pageRequest, type TotalCount } from "../../graphql/pagination.js";

/**
 * Audit events page by id (newest first), not by (createdAt, id) as other lists: the id is unique
 * and follows insertion, and the log holds several chains (issue 14), so no chain position orders
 * it all. Its cursors are of their own kind, so a cursor of another list, an audit cursor of the
 * time it paged by chain position, or a forged one, is refused.
 */
const PREFIX = "audit-id:";

export function encodeAuditCursor(position: number): string {
  return Buffer.from(`${PREFIX}${position}`).toString("base64url");
}

function decodeAuditCursor(raw: string): number {
  const text = Buffer.from(raw, "base64url").toString("utf8");
  const digits = text.startsWith(PREFIX) ? text.slice(PREFIX.length) : "";
  const position = /^[1-9][0-9]{0,15}$/.test(digits) ? Number(digits) : NaN;
  if (!Number.isSafeInteger(position) || encodeAuditCursor(position) !== raw) {
    throw new BadUserInputError("`after` is not a cursor this API issued.", "after");
  }
  return position;
}

export interface AuditPageRequest {
  limit: number;
  /** Events strictly before (older than) this id; null for the first page. */
  beforeId: number | null;
}

/** `first` is checked as for every list; `after` is an audit cursor. */
export function auditPageRequest(first: number | null | undefined, after: string | null | undefined): AuditPageRequest {
  const { limit } = pageRequest(first, null);
  return { limit, beforeId: after ? decodeAuditCursor(after) : null };
}

/** Turns limit+1 fetched rows into a Relay connection. */
export function toAuditConnection<T extends { id: number }>(rows: T[], page: AuditPageRequest, totalCount: TotalCount) {
  const hasNextPage = rows.length > page.limit;
  const nodes = hasNextPage ? rows.slice(0, page.limit) : rows;
  const edges = nodes.map((node) => ({ cursor: encodeAuditCursor(node.id), node }));
  const count = lazyTotalCount(totalCount);
  return {
    edges,
    get totalCount() {
      return count();
    },
    pageInfo: {
      hasNextPage,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
