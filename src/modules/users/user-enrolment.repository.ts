import { and, eq, gt } from "drizzle-orm";
import type { Executor } from "../../db/database.js";
import { withSystemRole } from "../../db/rls/request-scope.js";
import { userEnrolments } from "../../db/schema/index.js";

export type UserEnrolmentRow = typeof userEnrolments.$inferSelect;

/**
 * R-SEC-1: pending enrolment codes (their hashes), one per account awaiting enrolment. The system use
 * `authentication`'s (db/rls/roles.ts): the API's role neither reads nor writes them (found from
 * outside: any request could replace a pending code's hash and enrol as the new account).
 */
export class UserEnrolmentRepository {
  constructor(private readonly db: Executor) {}

  async find(userId: string): Promise<UserEnrolmentRow | undefined> {
    const [row] = await withSystemRole("authentication", () => this.db.select().from(userEnrolments).where(eq(userEnrolments.userId, userId)));
    return row;
  }

  /** Issues the account's code, replacing any earlier one (resendEnrolment): only the newest works. */
  async replace(userId: string, codeHash: string, createdAt: Date, expiresAt: Date): Promise<void> {
    await withSystemRole("authentication", () =>
      this.db
        .insert(userEnrolments)
        .values({ userId, codeHash, createdAt, expiresAt })
        .onConflictDoUpdate({ target: userEnrolments.userId, set: { codeHash, createdAt, expiresAt } }),
    );
  }

  /**
   * Uses the code up: true for exactly one caller, and only while it has not expired. Decided by the
   * DELETE itself, so that two enrolments with one code cannot both succeed.
   */
  async consume(userId: string, codeHash: string, now: Date): Promise<boolean> {
    const rows = await withSystemRole("authentication", () =>
      this.db
        .delete(userEnrolments)
        .where(and(eq(userEnrolments.userId, userId), eq(userEnrolments.codeHash, codeHash), gt(userEnrolments.expiresAt, now)))
        .returning({ userId: userEnrolments.userId }),
    );
    return rows.length === 1;
  }

  async remove(userId: string): Promise<void> {
    await withSystemRole("authentication", () => this.db.delete(userEnrolments).where(eq(userEnrolments.userId, userId)));
  }
}
