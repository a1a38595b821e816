import type { Clock } from "../../clock.js";
import type { Database } from "../../db/database.js";
import { isUuid } from "../../db/ids.js";
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from "../../errors.js";
import { hasRole, type Viewer } from "../../auth/viewer.js";
import { pageRequest, toConnection } from "../../graphql/pagination.js";
import type { AuditRecorder } from "../audit/audit.recorder.js";
import { ProcedureRepository } from "../procedures/procedure.repository.js";
import { InactivityRepository, type JustificationRow } from "./inactivity.repository.js";
import { RetentionRepository } from "./retention.repository.js";

const MAX_JUSTIFICATION = 2000;

/**
 * R-RETAIN-5 for its readers and writers: the coordinators' list of procedures brought to them, and
 * the justification a participating case handler records for a procedure's inactivity. The retention
 * job raises and resolves the escalations (inactivity.repository.ts, through retention.service.ts).
 */
export class InactivityService {
  private readonly repo: InactivityRepository;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {
    this.repo = new InactivityRepository(db, new RetentionRepository(db));
  }

  /** `escalatedProcedures`: the viewer's member state's escalations, for its coordinators (row scope in SQL). */
  async listEscalations(viewer: Viewer, includeResolved: boolean, first?: number | null, after?: string | null) {
    if (!hasRole(viewer, "COORDINATOR")) throw new ForbiddenError("Only coordinators see the procedures brought to them (R-RETAIN-5).");
    const page = pageRequest(first, after);
    const { rows, totalCount } = await this.repo.pageEscalations(viewer, includeResolved, page);
    return toConnection(rows, page, totalCount);
  }

  /** The reminders of procedures the viewer already reached through an escalation (R-RETAIN-5). */
  remindersOf(procedureIds: readonly string[]) {
    return this.repo.remindersOf(procedureIds);
  }

  /**
   * `justifyInactivity`: a case handler of an authority taking part (the initiator or a current
   * responder or recipient) says why the procedure is inactive. It covers the present inactivity:
   * no escalation until the next activity (after which 2 more months without activity and without
   * a new justification escalate again), and the open escalations are resolved at once. It is not
   * activity: the R-RETAIN-7 inactivity period keeps running from the last activity.
   */
  async justify(viewer: Viewer, procedureId: string, justification: string, audit: AuditRecorder): Promise<JustificationRow> {
    if (!hasRole(viewer, "CASE_HANDLER")) throw new ForbiddenError("Only case handlers justify a procedure's inactivity.");
    const text = justification.trim();
    if (text.length === 0 || text.length > MAX_JUSTIFICATION) {
      throw new BadUserInputError(`A justification has 1 to ${MAX_JUSTIFICATION} characters.`, "justification");
    }
    if (!isUuid(procedureId)) throw new NotFoundError("Procedure", procedureId);
    return this.db.transaction(async (tx) => {
      const procedures = new ProcedureRepository(tx);
      if (!(await procedures.findVisible(viewer, procedureId))) throw new NotFoundError("Procedure", procedureId);
      const repo = new InactivityRepository(tx, new RetentionRepository(tx));
      // The same row lock as the procedure's writers and the retention job's closure take.
      const procedure = await repo.lockProcedure(procedureId);
      if (!procedure) throw new NotFoundError("Procedure", procedureId);
      const participation = await procedures.participation(procedure.id, viewer.authorityId);
      if (!participation) throw new ForbiddenError("Your authority does not take part in this procedure.", "NOT_INVOLVED");
      if (procedure.closedAt) throw new ConflictError("The procedure is closed: there is no inactivity to justify.");
      if (procedure.status === "DRAFT") throw new ConflictError("A draft has not been sent: it is never brought to the coordinators.");
      const now = this.clock.now();
      const row = await repo.justify({
        procedureId: procedure.id,
        authorityId: viewer.authorityId,
        userId: viewer.userId,
        justification: text,
        recordedAt: now,
      });
      // The justification is free text that may name people: its writing is recorded (R-SEC-2).
      await audit.writeNow(tx, [
        { action: "CREATE", procedureId: procedure.id, fields: ["InactivityJustification.justification"], ground: `PARTICIPANT:${participation.part}` },
      ]);
      return row;
    });
  }
}
