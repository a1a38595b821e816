import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, dataSubjectRequests, dataSubjectRequestSteps, procedures } from "../../src/db/schema/index.js";
import { plusMonthsUtc } from "../../src/modules/retention/periods.js";
import { DEFAULT_RETENTION_SETTINGS, RetentionService } from "../../src/modules/retention/retention.service.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import { COMPLETE, DECIDE, exchange, FILE, SUBJECT_IDENTIFIER } from "./rights-fixtures.js";
import { requestRow, stepNotes } from "../helpers/requests.js";

const DELETED = "(personal data deleted)";

describe.each(DRIVERS)("R-REQUEST-1 a request's own personal data, on %s", (driver) => {
  const suite = useSuite(driver);
  // The job as the schedule runs it, at the clock's time (moved by the test), in batches of two.
  const run = (asOf: Date) => {
    suite.api.clock.set(asOf);
    return new RetentionService(suite.db.db, suite.api.clock, { ...DEFAULT_RETENTION_SETTINGS, batchSize: 2 }).run();
  };
  const row = async (id: string) => (await requestRow(suite.db.db, id))!;
  const notes = (id: string) => stepNotes(suite.db.db, id);

  it("R-REQUEST-1 a request open when its procedure's data is deleted keeps the citizen's identity until answered, and loses it at the next run", async () => {
    const world = await suite.world();
    const { id, dataSubjectId, de } = await exchange(suite, world);
    const filed = await suite.api.execute(
      FILE,
      { input: { kind: "ACCESS", procedureId: id, dataSubjectId, requesterName: "Jens Jensen", requesterIdentifier: SUBJECT_IDENTIFIER, details: "All my data." } },
      de,
    );
    const request = filed.data!.fileDataSubjectRequest;
    await suite.api.execute(DECIDE, { id: request.id, approve: true, note: "Granted for Jens Jensen." }, de);
    const now = suite.api.clock.now();
    await suite.db.db.update(procedures).set({ closedAt: now, status: "CLOSED", blockedAt: now, personalDataDeletedAt: now }).where(eq(procedures.id, id));
    await run(now);
    // Open: kept, so that the citizen who asked gets the answer (R-ACCESS-2).
    expect(await row(request.id)).toMatchObject({ requesterName: "Jens Jensen", requesterIdentifier: SUBJECT_IDENTIFIER, details: "All my data." });
    const answered = await suite.api.execute(COMPLETE, { id: request.id }, de);
    expect(answered.data?.completeDataSubjectRequest).toMatchObject({ status: "COMPLETED", route: "NO_DATA_HELD" });
    // It used to keep them forever: the deletion had run while the request was open.
    await run(suite.api.clock.now());
    expect(await row(request.id)).toMatchObject({ requesterName: DELETED, requesterIdentifier: null, details: null, decisionNote: null });
    expect(await notes(request.id)).toEqual([]);
    const events = await suite.db.db.select().from(auditEvents).where(eq(auditEvents.action, "RETENTION_REQUEST_DATA_DELETE"));
    expect(events.some((e) => e.ground.includes(request.id))).toBe(true);
    // Idempotent: nothing left, nothing more recorded.
    const count = events.length;
    await run(suite.api.clock.now());
    expect((await suite.db.db.select().from(auditEvents).where(eq(auditEvents.action, "RETENTION_REQUEST_DATA_DELETE"))).length).toBe(count);
  });

  it("R-REQUEST-1 an answered request loses its own personal data 36 calendar months after the answer, an open one keeps it", async () => {
    const world = await suite.world();
    const { id, dataSubjectId, dk } = await exchange(suite, world);
    const file = async (kind: "ERASURE" | "ACCESS") =>
      (await suite.api.execute(FILE, { input: { kind, procedureId: id, dataSubjectId, requesterName: "Jens Jensen", details: "Please." } }, dk)).data!
        .fileDataSubjectRequest;
    const rejected = await file("ERASURE");
    await suite.api.execute(DECIDE, { id: rejected.id, approve: false, note: "Lawful processing, Jens Jensen informed." }, dk);
    const open = await file("ACCESS");
    const answeredAt = suite.api.clock.now();
    const due = plusMonthsUtc(answeredAt, 36);
    await run(new Date(due.getTime() - 1000));
    expect(await row(rejected.id)).toMatchObject({ requesterName: "Jens Jensen", decisionNote: "Lawful processing, Jens Jensen informed." });
    await run(due);
    expect(await row(rejected.id)).toMatchObject({ requesterName: DELETED, details: null, decisionNote: null });
    expect(await notes(rejected.id)).toEqual([]);
    expect(await row(open.id)).toMatchObject({ requesterName: "Jens Jensen", details: "Please." });
  });
});
