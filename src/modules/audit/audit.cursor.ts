import { BadUserInputError } from "../../errors.js";
import { pageRequest } from "../../graphql/pagination.js";

/**
 * Audit events page by chain position (newest first), not by (createdAt, id) as other lists: the
 * position is unique and follows commit order. Its cursors are of their own kind, so a cursor of
 * another list, or a forged one, is refused.
 */
const PREFIX = "audit:";

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
  /** Events strictly before (older than) this chain position; null for the first page. */
  beforePosition: number | null;
}

/** `first` is checked as for every list; `after` is an audit cursor. */
export function auditPageRequest(first: number | null | undefined, after: string | null | undefined): AuditPageRequest {
  const { limit } = pageRequest(first, null);
  return { limit, beforePosition: after ? decodeAuditCursor(after) : null };
}

/** Turns limit+1 fetched rows into a Relay connection. */
export function toAuditConnection<T extends { chainPosition: number }>(rows: T[], page: AuditPageRequest, totalCount: number) {
  const hasNextPage = rows.length > page.limit;
  const nodes = hasNextPage ? rows.slice(0, page.limit) : rows;
  const edges = nodes.map((node) => ({ cursor: encodeAuditCursor(node.chainPosition), node }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
