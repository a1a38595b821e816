import type { Executor } from "../../db/database.js";
import { auditEvents } from "../../db/schema/index.js";

export type AuditEventInsert = typeof auditEvents.$inferInsert;

export class AuditRepository {
  constructor(private readonly db: Executor) {}

  /** One statement for a whole batch. */
  async insertMany(events: AuditEventInsert[]): Promise<void> {
    if (events.length > 0) await this.db.insert(auditEvents).values(events);
  }
}
