import { eq } from "drizzle-orm";
import type { Viewer } from "../../auth/viewer.js";
import type { Database } from "../../db/database.js";
import { procedureEscalations, reminders } from "../../db/schema/index.js";
import { mayReceive } from "./event-scope.js";
import type { LiveEvent } from "./live-event.js";

/** What a subscription reads besides the query paths: whether an event is for a viewer, and its rows. */
export class LiveService {
  constructor(private readonly db: Database) {}

  mayReceive(viewer: Viewer, event: LiveEvent): Promise<boolean> {
    return mayReceive(this.db, viewer, event);
  }

  /** Rows by id, for an event already found to be the viewer's (mayReceive). */
  async reminder(id: string) {
    const [row] = await this.db.select().from(reminders).where(eq(reminders.id, id));
    return row ?? null;
  }

  async escalation(id: string) {
    const [row] = await this.db.select().from(procedureEscalations).where(eq(procedureEscalations.id, id));
    return row ?? null;
  }
}
