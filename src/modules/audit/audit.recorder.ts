import type { Clock } from "../../clock.js";
import type { Database, Executor } from "../../db/database.js";
import type { Viewer } from "../../auth/viewer.js";
import { AuditRepository, type AuditEventInsert } from "./audit.repository.js";

export interface AuditEntry {
  /** REQUEST_STEP: a step of a data-subject request (decided, confirmed, carried out, …), R-SEC-2. */
  /** USER_CREATE, USER_DEACTIVATE: who provisioned or ended an account (R-SEC-2). */
  /** USER_ENROL, USER_ENROLMENT_RESEND: an account's enrolment by its user, a new code sent to it (R-SEC-1). */
  action: "READ" | "CREATE" | "UPDATE" | "DELETE" | "RETRIEVE" | "REQUEST_STEP" | "USER_CREATE" | "USER_DEACTIVATE" | "USER_ENROL" | "USER_ENROLMENT_RESEND";
  /** Null for a data-subject request not linked to a procedure yet. */
  procedureId: string | null;
  dataSubjectId?: string | null;
  /** Names of the fields read or changed (never their values). */
  fields: string[];
  /** The legal ground of the processing. */
  ground: string;
  /** Who acted, when not the request's viewer: the user enrolling (enrolUser runs without a token). */
  actor?: { userId: string; authorityId: string };
}

/**
 * R-SEC-2: collects one request's reads of personal data and writes them in one insert when the
 * response is sent; changes are written inside the transaction that makes them (`writeNow`).
 */
export class AuditRecorder {
  private readonly pending: AuditEventInsert[] = [];

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly requestId: string,
    private readonly viewer: Viewer | null,
  ) {}

  read(entry: Omit<AuditEntry, "action">): void {
    this.pending.push(this.event({ ...entry, action: "READ" }));
  }

  /** Writes change events with the executor of the change's own transaction: both land or neither. */
  async writeNow(executor: Executor, entries: AuditEntry[]): Promise<void> {
    await new AuditRepository(executor).insertMany(entries.map((entry) => this.event(entry)));
  }

  get size(): number {
    return this.pending.length;
  }

  async flush(): Promise<void> {
    const events = this.pending.splice(0);
    await new AuditRepository(this.db).insertMany(events);
  }

  private event(entry: AuditEntry): AuditEventInsert {
    return {
      occurredAt: this.clock.now(),
      actorUserId: entry.actor?.userId ?? this.viewer?.userId ?? null,
      actorAuthorityId: entry.actor?.authorityId ?? this.viewer?.authorityId ?? null,
      action: entry.action,
      procedureId: entry.procedureId,
      dataSubjectId: entry.dataSubjectId ?? null,
      fields: entry.fields,
      ground: entry.ground,
      requestId: this.requestId,
    };
  }
}
