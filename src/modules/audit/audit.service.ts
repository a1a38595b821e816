import type { Database } from "../../db/database.js";
import { ForbiddenError } from "../../errors.js";
import { hasRole, type Viewer } from "../../auth/viewer.js";
import { auditEventHash, GENESIS_HASH } from "./audit-chain.js";
import { auditPageRequest, toAuditConnection } from "./audit.cursor.js";
import { AuditRepository, type AuditEventFilter } from "./audit.repository.js";

/** Events read per round trip while verifying: memory stays bounded whatever the log's size. */
export const VERIFY_BATCH_SIZE = 1000;

export interface AuditChainReport {
  valid: boolean;
  eventsChecked: number;
  firstBrokenPosition: number | null;
  firstBrokenEventId: string | null;
  problem: string | null;
  lastPosition: number | null;
  lastHash: string | null;
}

export class AuditService {
  private readonly audit: AuditRepository;

  constructor(db: Database) {
    this.audit = new AuditRepository(db);
  }

  /** The events the viewer may see (scoped in SQL), newest first. */
  async list(viewer: Viewer, filter: AuditEventFilter, first?: number | null, after?: string | null) {
    const page = auditPageRequest(first, after);
    const { rows, totalCount } = await this.audit.page(viewer, filter, page);
    return toAuditConnection(rows, page, totalCount);
  }

  /**
   * R-SEC-2: walks the whole chain in position order, a batch at a time, recomputing every hash
   * and link; stops at the first break and says what it is.
   */
  async verifyChain(viewer: Viewer, batchSize = VERIFY_BATCH_SIZE): Promise<AuditChainReport> {
    if (!hasRole(viewer, "COMMISSION")) throw new ForbiddenError("Only the Commission verifies the audit log.");
    let checked = 0;
    let position = 0;
    let prevHash = GENESIS_HASH;
    const broken = (at: number, id: number, problem: string): AuditChainReport => ({
      valid: false,
      eventsChecked: checked,
      firstBrokenPosition: at,
      firstBrokenEventId: String(id),
      problem,
      lastPosition: position || null,
      lastHash: position ? prevHash : null,
    });
    for (;;) {
      const batch = await this.audit.chainAfter(position, batchSize);
      for (const event of batch) {
        checked += 1;
        const expected = position + 1;
        if (event.chainPosition !== expected) {
          return broken(
            expected,
            event.id,
            `Gap in positions: ${expected} is missing (the next event is at ${event.chainPosition}): an event was deleted.`,
          );
        }
        if (event.prevHash !== prevHash) {
          return broken(
            expected,
            event.id,
            `prev_hash mismatch at position ${expected}: the link to the event before is broken (an event was removed or rewritten).`,
          );
        }
        if (auditEventHash(event.prevHash, event) !== event.hash) {
          return broken(expected, event.id, `Hash mismatch at position ${expected}: the event's content was altered.`);
        }
        position = expected;
        prevHash = event.hash;
      }
      if (batch.length < batchSize) break;
    }
    return {
      valid: true,
      eventsChecked: checked,
      firstBrokenPosition: null,
      firstBrokenEventId: null,
      problem: null,
      lastPosition: position || null,
      lastHash: position ? prevHash : null,
    };
  }
}
