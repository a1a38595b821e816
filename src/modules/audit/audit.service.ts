import type { Database } from "../../db/database.js";
import { ForbiddenError } from "../../errors.js";
import { hasRole, type Viewer } from "../../auth/viewer.js";
import { AUDIT_CHAIN_COUNT, auditEventHash, genesisHash } from "./audit-chain.js";
import { auditPageRequest, toAuditConnection } from "./audit.cursor.js";
import { AuditRepository, type AuditEventFilter } from "./audit.repository.js";

/** Events read per round trip while verifying: memory stays bounded whatever the log's size. */
export const VERIFY_BATCH_SIZE = 1000;

export interface AuditChainReport {
  valid: boolean;
  eventsChecked: number;
  /** Chains holding events (issue 14). */
  chains: number;
  firstBrokenChain: number | null;
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
   * R-SEC-2: walks every chain of the log (issue 14: AUDIT_CHAIN_COUNT of them) in position order, a
   * batch at a time, recomputing every hash and link; stops at the first break and says where it
   * is. An event moved outside every chain is a break too. `lastPosition`/`lastHash` are chain 0's
   * head (the chain a lone writer uses), or the last intact event of the broken chain.
   */
  async verifyChain(viewer: Viewer, batchSize = VERIFY_BATCH_SIZE): Promise<AuditChainReport> {
    if (!hasRole(viewer, "COMMISSION")) throw new ForbiddenError("Only the Commission verifies the audit log.");
    let checked = 0;
    let chains = 0;
    let head: { position: number; hash: string } | null = null;
    const stray = await this.audit.outsideTheChains(AUDIT_CHAIN_COUNT);
    if (stray) {
      return {
        valid: false,
        eventsChecked: 0,
        chains: 0,
        firstBrokenChain: stray.chainId,
        firstBrokenPosition: null,
        firstBrokenEventId: String(stray.id),
        problem: `Event ${stray.id} is in chain ${stray.chainId}, outside the log's chains 0..${AUDIT_CHAIN_COUNT - 1}: it was moved.`,
        lastPosition: null,
        lastHash: null,
      };
    }
    for (let chain = 0; chain < AUDIT_CHAIN_COUNT; chain++) {
      let position = 0;
      let prevHash = genesisHash(chain);
      const broken = (at: number, id: number, problem: string): AuditChainReport => ({
        valid: false,
        eventsChecked: checked,
        chains,
        firstBrokenChain: chain,
        firstBrokenPosition: at,
        firstBrokenEventId: String(id),
        problem,
        lastPosition: position || null,
        lastHash: position ? prevHash : null,
      });
      for (;;) {
        const batch = await this.audit.chainAfter(chain, position, batchSize);
        if (position === 0 && batch.length > 0) chains += 1;
        for (const event of batch) {
          checked += 1;
          const expected = position + 1;
          const where = chain === 0 ? `position ${expected}` : `position ${expected} of chain ${chain}`;
          if (event.chainPosition !== expected) {
            return broken(
              expected,
              event.id,
              `Gap in positions: ${where} is missing (the next event is at ${event.chainPosition}): an event was deleted.`,
            );
          }
          if (event.prevHash !== prevHash) {
            return broken(
              expected,
              event.id,
              `prev_hash mismatch at ${where}: the link to the event before is broken (an event was removed, inserted or rewritten).`,
            );
          }
          if (auditEventHash(event.prevHash, event) !== event.hash) {
            return broken(expected, event.id, `Hash mismatch at ${where}: the event's content was altered.`);
          }
          position = expected;
          prevHash = event.hash;
        }
        if (batch.length < batchSize) break;
      }
      if (chain === 0 && position > 0) head = { position, hash: prevHash };
    }
    return {
      valid: true,
      eventsChecked: checked,
      chains,
      firstBrokenChain: null,
      firstBrokenPosition: null,
      firstBrokenEventId: null,
      problem: null,
      lastPosition: head?.position ?? null,
      lastHash: head?.hash ?? null,
    };
  }
}
