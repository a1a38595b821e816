import { isUuid } from "../db/ids.js";
import { BadUserInputError } from "../errors.js";
import { isAcceptedInstant } from "./scalars.js";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/**
 * Lists that grow without bound (procedures, audit events) count their rows up to this many and one
 * more (issue 14): a `totalCount` above it means "more than TOTAL_COUNT_LIMIT". Counting every
 * visible row on every page was a scan of them all.
 */
export const TOTAL_COUNT_LIMIT = 100;

/** A list's count: known already, or counted only when a client selects `totalCount`. */
export type TotalCount = number | (() => Promise<number>);

/** `totalCount` of a connection, computed at most once and only when read (the field resolver reads it). */
export function lazyTotalCount(totalCount: TotalCount): () => number | Promise<number> {
  if (typeof totalCount === "number") return () => totalCount;
  let counted: Promise<number> | undefined;
  return () => (counted ??= totalCount());
}

export interface PageRequest {
  limit: number;
  after: KeysetCursor | null;
}

/** Position in a list ordered by (createdAt desc, id desc). */
export interface KeysetCursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString("base64url");
}

function decodeCursor(raw: string): KeysetCursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown[];
    const date = new Date(String(createdAt));
    // An instant PostgreSQL cannot hold (a forged year 0) is no cursor of ours either (scalars.ts).
    if (typeof id !== "string" || !isUuid(id) || !isAcceptedInstant(date)) throw new Error("shape");
    return { createdAt: date, id };
  } catch {
    throw new BadUserInputError("`after` is not a cursor this API issued.", "after");
  }
}

export function pageRequest(first: number | null | undefined, after: string | null | undefined): PageRequest {
  const limit = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`\`first\` must be between 1 and ${MAX_PAGE_SIZE}.`, "first");
  }
  return { limit, after: after ? decodeCursor(after) : null };
}

/** Turns limit+1 fetched rows into a page; `position` gives a row's place in the ordering. */
export function toConnection<T extends { id: string }>(
  rows: T[],
  page: PageRequest,
  totalCount: TotalCount,
  position: (row: T) => KeysetCursor = (row) => ({ createdAt: (row as unknown as { createdAt: Date }).createdAt, id: row.id }),
) {
  const hasNextPage = rows.length > page.limit;
  const nodes = hasNextPage ? rows.slice(0, page.limit) : rows;
  const edges = nodes.map((node) => ({ cursor: encodeCursor(position(node)), node }));
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
