import { lt } from "drizzle-orm";
import type { Executor } from "../../db/database.js";
import { usedSecurityCodes } from "../../db/schema/index.js";

/**
 * Steps kept behind the current one before pruning: the accepted window is one step either way;
 * the rest is a margin for replicas whose clocks differ by a few minutes.
 */
const KEEP_STEPS = 10;

/** R-SEC-1: the memory of used security codes, shared by every replica through the database. */
export class UsedSecurityCodeRepository {
  constructor(private readonly db: Executor) {}

  /**
   * Marks the user's code of `timeStep` as used. True for the first use; false when it was used
   * already, decided by the primary key, so that of two concurrent logins exactly one wins.
   */
  async claim(userId: string, timeStep: number, now: Date): Promise<boolean> {
    const rows = await this.db
      .insert(usedSecurityCodes)
      .values({ userId, timeStep, usedAt: now })
      .onConflictDoNothing()
      .returning({ userId: usedSecurityCodes.userId });
    return rows.length === 1;
  }

  /** Drops what no login can be refused for any more: steps far behind the current one. */
  async prune(currentStep: number): Promise<void> {
    await this.db.delete(usedSecurityCodes).where(lt(usedSecurityCodes.timeStep, currentStep - KEEP_STEPS));
  }
}
