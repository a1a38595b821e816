import { createHash } from "node:crypto";

/**
 * R-SEC-2: the audit log's hash chain, recomputed outside the database to verify it. The database
 * computes each hash once, in the insert trigger (`audit_event_hash()`, migration
 * 0004_audit_append_only); this is an independent second implementation of the same definition,
 * and a test proves the two agree.
 *
 *   hash = hex(sha256(prev_hash + "|" + canonical text))
 *
 * The canonical text is one token per value joined by "|": "-" for null, else the value's length
 * in UTF-8 bytes, ":" and the value (so that no value can shift into its neighbour). The values:
 * chain position, occurredAt as UTC ISO-8601 with microseconds, actor user id, actor authority id,
 * action, procedure id, data subject id, the number of fields, each field, ground, request id.
 */

/** prev_hash of the first event of chain 0. */
export const GENESIS_HASH = "0".repeat(64);

/**
 * How many chains the log holds (issue 14): each inserting transaction appends to one no other
 * running transaction holds, so concurrent writers do not queue. Mirrors audit_chain_count() of
 * migration 0024_audit_chains_trigger.
 */
export const AUDIT_CHAIN_COUNT = 16;

/** prev_hash of a chain's first event: 64 zeros for chain 0, else SHA-256 of `imi-audit-chain|<chain>` (audit_genesis_hash()). */
export function genesisHash(chain: number): string {
  return chain === 0 ? GENESIS_HASH : createHash("sha256").update(`imi-audit-chain|${chain}`, "utf8").digest("hex");
}

/** What the chain covers of an event. */
export interface ChainedContent {
  chainPosition: number;
  /**
   * Microseconds since the epoch, as decimal text (PostgreSQL keeps microseconds, a JS Date only
   * milliseconds), or a Date, whose sub-millisecond digits are taken as zero.
   */
  occurredAt: string | Date;
  actorUserId: string | null;
  actorAuthorityId: string | null;
  action: string;
  procedureId: string | null;
  dataSubjectId: string | null;
  fields: readonly (string | null)[];
  ground: string;
  requestId: string | null;
}

function token(value: string | null): string {
  return value === null ? "-" : `${Buffer.byteLength(value, "utf8")}:${value}`;
}

/** UTC ISO-8601 with six fractional digits, as PostgreSQL's to_char(…, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'). */
export function isoMicros(occurredAt: string | Date): string {
  if (occurredAt instanceof Date) return occurredAt.toISOString().replace("Z", "000Z");
  const micros = BigInt(occurredAt);
  const millis = micros / 1000n - (micros % 1000n < 0n ? 1n : 0n);
  const rest = micros - millis * 1000n;
  return new Date(Number(millis)).toISOString().replace("Z", `${rest.toString().padStart(3, "0")}Z`);
}

export function canonicalText(event: ChainedContent): string {
  return [
    String(event.chainPosition),
    isoMicros(event.occurredAt),
    event.actorUserId,
    event.actorAuthorityId,
    event.action,
    event.procedureId,
    event.dataSubjectId,
    String(event.fields.length),
    ...event.fields,
    event.ground,
    event.requestId,
  ]
    .map(token)
    .join("|");
}

export function auditEventHash(prevHash: string, event: ChainedContent): string {
  return createHash("sha256").update(`${prevHash}|${canonicalText(event)}`, "utf8").digest("hex");
}
