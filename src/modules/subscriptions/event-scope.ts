import { and, eq, isNull, sql } from "drizzle-orm";
import type { Viewer } from "../../auth/viewer.js";
import { hasRole } from "../../auth/viewer.js";
import { visibleProcedures } from "../../auth/procedure-scope.js";
import type { Executor } from "../../db/database.js";
import { participants, procedureEscalations, procedures, reminders } from "../../db/schema/index.js";
import { RightsRepository } from "../rights/rights.repository.js";
import { visibleReminders } from "../retention/retention.repository.js";
import type { LiveEvent } from "./live-event.js";

/**
 * Need-to-know per event: whether this viewer is told of it at all, by the same row scopes as the
 * queries that list those rows (SQL, read when the event arrives, so a forward or a deactivation
 * that happened meanwhile counts). What the delivered payload shows is then decided field by field
 * by the policy, as for a query (live-operation.ts).
 *
 * - a procedure's events: its metadata is in the viewer's rows (`procedures`) and the viewer's
 *   authority takes part in it now (initiator, or a responder or recipient not forwarded away), so
 *   the Commission and coordinators, who may read many procedures' metadata, are not told of every
 *   procedure of the Union or of their state;
 * - a data-subject request's: it is in the viewer's rows (`dataSubjectRequests`);
 * - a reminder: it is in the viewer's `reminders`; an escalation: in the viewer's `escalatedProcedures`.
 */
export async function mayReceive(db: Executor, viewer: Viewer, event: LiveEvent): Promise<boolean> {
  switch (event.topic) {
    case "PROCEDURE": {
      const rows = await db
        .select({ id: procedures.id })
        .from(procedures)
        .where(
          and(
            eq(procedures.id, event.procedureId),
            visibleProcedures(viewer),
            sql`exists (select 1 from ${participants} pa where pa.procedure_id = ${procedures.id}
              and pa.authority_id = ${viewer.authorityId} and pa.forwarded_at is null)`,
          ),
        );
      return rows.length > 0;
    }
    case "DATA_SUBJECT_REQUEST":
      return (await new RightsRepository(db).findVisibleRequest(viewer, event.requestId)) !== undefined;
    case "REMINDER": {
      if (event.kind === "REMINDER") {
        const rows = await db.select({ id: reminders.id }).from(reminders).where(and(eq(reminders.id, event.id), visibleReminders(viewer)));
        return rows.length > 0;
      }
      if (!hasRole(viewer, "COORDINATOR")) return false;
      const rows = await db
        .select({ id: procedureEscalations.id })
        .from(procedureEscalations)
        .where(
          and(
            eq(procedureEscalations.id, event.id),
            eq(procedureEscalations.memberState, viewer.memberState),
            isNull(procedureEscalations.resolvedAt),
            sql`exists (select 1 from ${procedures} where ${procedures.id} = ${procedureEscalations.procedureId} and ${visibleProcedures(viewer)})`,
          ),
        );
      return rows.length > 0;
    }
    case "USER":
      return false;
  }
}
