import { sql } from "drizzle-orm";
import { ManualClock } from "../../src/clock.js";
import type { Database } from "../../src/db/database.js";
import { rowsOf } from "../../src/db/rows.js";
import { inRequestTransaction, scopedDatabase } from "../../src/db/rls/request-scope.js";
import { DomainError } from "../../src/errors.js";
import { AuditRecorder } from "../../src/modules/audit/audit.recorder.js";
import { SanctionCategory } from "../../src/modules/procedures/procedure.enums.js";
import { ProcedureService } from "../../src/modules/procedures/procedure.service.js";

/** Who writes, and where: case handlers of the initiating authority, into procedures with approved early deletions. */
export interface WriterPlan {
  userId: string;
  authorityId: string;
  targets: string[];
}

/** A write the writer saw confirmed: the row it created, of which procedure. */
export interface ConfirmedWrite {
  kind: "dataSubject" | "message" | "sensitiveRecord";
  id: string;
  procedureId: string;
}

/**
 * Writers inside the runner's own process, for PGlite, where one process holds the data folder
 * (crash.test.ts): they write through the service (each write locks the procedure, checks it, then
 * inserts) until stopped, and tell of every write confirmed to them, so the test can hold the
 * database to it after a SIGKILL. Each write runs as a request does on the server (server.ts): in a
 * request transaction under the API role with the viewer set, committed before it is confirmed (on
 * PGlite's one session a service on the bare database would wait for its own transaction).
 * Sensitive records go to data subjects these writers created.
 */
export function startProcessWriters(db: Database, asOf: Date, plan: WriterPlan, onConfirmed: (write: ConfirmedWrite) => void) {
  const clock = new ManualClock(asOf);
  const scoped = scopedDatabase(db);
  const service = new ProcedureService(scoped, clock);
  const viewer = { userId: plan.userId, authorityId: plan.authorityId, memberState: "DK", roles: ["CASE_HANDLER"] as const };
  const ours = new Map<string, string>();
  let running = true;
  const writer = async (w: number) => {
    for (let n = 0; running; n++) {
      const procedureId = plan.targets[(w * 3 + n) % plan.targets.length]!;
      const audit = new AuditRecorder(scoped, clock, `crash-writer-${w}`, viewer);
      const request = <T>(work: () => Promise<T>) => inRequestTransaction(db, { viewer, now: asOf }, work);
      try {
        if (n % 3 === 0) {
          const subject = await request(() => service.addDataSubject(viewer, procedureId, { fullName: `Written ${w}/${n}` }, audit));
          ours.set(procedureId, subject.id);
          onConfirmed({ kind: "dataSubject", id: subject.id, procedureId });
        } else if (n % 3 === 1) {
          const message = await request(() => service.postMessage(viewer, procedureId, `Written ${w}/${n}`, audit));
          onConfirmed({ kind: "message", id: message.id, procedureId });
        } else {
          const subjectId = ours.get(procedureId);
          if (!subjectId) continue;
          const record = await request(() =>
            service.addSensitiveRecord(
              viewer,
              subjectId,
              { category: SanctionCategory.DISCIPLINARY, details: `Written ${w}/${n}`, necessity: "Check", legalBasis: "Art. 33" },
              audit,
            ),
          );
          onConfirmed({ kind: "sensitiveRecord", id: record.id, procedureId });
        }
      } catch (error) {
        // Refused writes (the procedure deleted meanwhile) are expected; anything else ends the runner.
        if (!(error instanceof DomainError)) throw error;
      }
      // Let the job's next batch in between writes (one connection, one event loop).
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const writers = [0, 1].map(writer);
  return {
    async stop() {
      running = false;
      await Promise.all(writers);
    },
  };
}

/** The confirmed writes that are not in the database, leaving out those whose procedure was deleted. */
export async function lostWrites(db: Database, writes: readonly ConfirmedWrite[]): Promise<ConfirmedWrite[]> {
  const table = { dataSubject: "data_subjects", message: "messages", sensitiveRecord: "sensitive_records" } as const;
  const lost: ConfirmedWrite[] = [];
  for (const write of writes) {
    const [row] = rowsOf<{ present: boolean; deleted: boolean }>(
      await db.execute(sql`select exists (select 1 from ${sql.raw(table[write.kind])} where id = ${write.id}::uuid) as present,
        (select personal_data_deleted_at is not null from procedures where id = ${write.procedureId}::uuid) as deleted`),
    );
    if (!row!.present && !row!.deleted) lost.push(write);
  }
  return lost;
}
