import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  auditEvents,
  confidentialityFlags,
  contestations,
  dataSubjectRequests,
  dataSubjects,
  legalPersons,
  messages,
  sensitiveRecords,
} from "../../src/db/schema/index.js";
import { DEFAULT_RETENTION_SETTINGS, RetentionService } from "../../src/modules/retention/retention.service.js";
import { countRows } from "../helpers/counts.js";
import { DRIVERS } from "../helpers/database.js";
import { insertRequest, insertRequests, requestsAbout } from "../helpers/requests.js";
import { START, useSuite, type Suite } from "../helpers/suite.js";
import type { World } from "../helpers/world.js";
import { ADD_DATA_SUBJECT, ADD_SENSITIVE_RECORD } from "../operations.js";
import { addMonths, DAY, personalCase, procedureRow, type Case } from "./retention-fixtures.js";

/** R-RETAIN-6 (SPEC changed in issue 12): an early deletion deletes the consenting data subject's data, the whole procedure's only when every subject consented. */
describe.each(DRIVERS)("early deletion of one data subject on %s", (driver) => {
  const suite = useSuite(driver);

  /** A second data subject, with a sensitive record, on the (open) procedure of `c`. */
  async function secondSubject(world: World, c: Case): Promise<string> {
    const dk = await world.token(world.user.handlerDk);
    const added = await suite.api.execute(ADD_DATA_SUBJECT, { procedureId: c.id, input: { fullName: `Other person ${world.tag}` } }, dk);
    expect(added.errors).toBeUndefined();
    const id = added.data!.addDataSubject.id;
    const record = await suite.api.execute(
      ADD_SENSITIVE_RECORD,
      { dataSubjectId: id, input: { category: "GOOD_REPUTE", details: "Of good repute.", necessity: "Repute check.", legalBasis: "Art. 33" } },
      dk,
    );
    expect(record.errors).toBeUndefined();
    return id;
  }

  async function approve(suite: Suite, world: World, c: Case, allSubjectsConsented: boolean) {
    const now = suite.api.clock.now();
    const [row] = [await insertRequest(suite.db.db, {
        kind: "EARLY_DELETION",
        status: "APPROVED",
        route: "COMMISSION",
        receivingAuthorityId: world.authority.dk,
        procedureId: c.id,
        dataSubjectId: c.dataSubjectId,
        allSubjectsConsented,
        requesterName: "Initiating authority",
        consentReference: "CONSENT-ONE-SUBJECT",
        legalBasis: "Danish Data Protection Act §5",
        receivedAt: now,
        dueAt: new Date(now.getTime() + 30 * DAY),
        decidedAt: now,
      })];
    return row!;
  }

  async function rowsOf(c: Case, other: string) {
    const db = suite.db.db;
    return {
      subject: await countRows(db, dataSubjects, eq(dataSubjects.id, c.dataSubjectId)),
      subjectRecords: await countRows(db, sensitiveRecords, eq(sensitiveRecords.dataSubjectId, c.dataSubjectId)),
      subjectContestations: await countRows(db, contestations, eq(contestations.dataSubjectId, c.dataSubjectId)),
      other: await countRows(db, dataSubjects, eq(dataSubjects.id, other)),
      otherRecords: await countRows(db, sensitiveRecords, eq(sensitiveRecords.dataSubjectId, other)),
      messages: await countRows(db, messages, eq(messages.procedureId, c.id)),
      legalPersons: await countRows(db, legalPersons, eq(legalPersons.procedureId, c.id)),
      flags: await countRows(db, confidentialityFlags, eq(confidentialityFlags.procedureId, c.id)),
    };
  }

  it("R-RETAIN-6 an early deletion naming one data subject, without every subject's consent, deletes that subject's personal data and leaves the procedure's other personal data", async () => {
    const world = await suite.world();
    const c = await personalCase(suite, world, { close: false });
    const other = await secondSubject(world, c);
    suite.api.clock.set(addMonths(START, 1));
    const request = await approve(suite, world, c, false);
    const service = new RetentionService(suite.db.db, suite.api.clock, DEFAULT_RETENTION_SETTINGS);

    const run = await service.run();
    expect(run.error).toBeNull();
    expect(run.earlyDeletions).toBeGreaterThanOrEqual(1);
    expect(await rowsOf(c, other)).toEqual({
      subject: 0,
      subjectRecords: 0,
      subjectContestations: 0,
      other: 1,
      otherRecords: 1,
      messages: 1,
      legalPersons: 1,
      flags: 1,
    });
    const procedure = await procedureRow(suite.db.db, c.id);
    expect(procedure.personalDataDeletedAt).toBeNull();
    expect(procedure.justification).not.toBeNull();
    const [done] = await suite.db.db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, request.id));
    expect(done).toMatchObject({ status: "COMPLETED", completedAt: addMonths(START, 1) });
    const [event] = await suite.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "RETENTION_EARLY_DELETE_SUBJECT"), sql`${auditEvents.ground} like ${`%${c.dataSubjectId}%`}`));
    expect(event?.ground).toContain(request.id);
    expect(event?.ground).not.toContain(other);
    // Idempotent: a second run finds nothing to do and keeps the other subject.
    expect((await service.run()).earlyDeletions).toBe(0);
    expect((await rowsOf(c, other)).other).toBe(1);
  });

  it("R-RETAIN-6 an early deletion naming a data subject and saying every subject consented deletes the whole procedure's personal data", async () => {
    const world = await suite.world();
    const c = await personalCase(suite, world, { close: false });
    const other = await secondSubject(world, c);
    suite.api.clock.set(addMonths(START, 1));
    await approve(suite, world, c, true);
    const run = await new RetentionService(suite.db.db, suite.api.clock, DEFAULT_RETENTION_SETTINGS).run();
    expect(run.error).toBeNull();
    expect(await rowsOf(c, other)).toEqual({
      subject: 0,
      subjectRecords: 0,
      subjectContestations: 0,
      other: 0,
      otherRecords: 0,
      messages: 0,
      legalPersons: 0,
      flags: 0,
    });
    expect((await procedureRow(suite.db.db, c.id)).personalDataDeletedAt).toEqual(addMonths(START, 1));
  });
  it("R-RETAIN-6 an early deletion naming one data subject whose row is gone meanwhile deletes nothing of the other subjects (never the whole procedure without every subject's consent)", async () => {
    const world = await suite.world();
    const c = await personalCase(suite, world, { close: false });
    const other = await secondSubject(world, c);
    suite.api.clock.set(addMonths(START, 1));
    const request = await approve(suite, world, c, false);
    // Erased by another path before the job runs: the request's data_subject_id becomes null.
    await suite.db.db.delete(sensitiveRecords).where(eq(sensitiveRecords.dataSubjectId, c.dataSubjectId));
    await suite.db.db.delete(contestations).where(eq(contestations.dataSubjectId, c.dataSubjectId));
    await suite.db.db.delete(dataSubjects).where(eq(dataSubjects.id, c.dataSubjectId));
    const run = await new RetentionService(suite.db.db, suite.api.clock, DEFAULT_RETENTION_SETTINGS).run();
    expect(run.error).toBeNull();
    const rows = await rowsOf(c, other);
    expect({ other: rows.other, otherRecords: rows.otherRecords, messages: rows.messages, legalPersons: rows.legalPersons }).toEqual({
      other: 1,
      otherRecords: 1,
      messages: 1,
      legalPersons: 1,
    });
    expect((await procedureRow(suite.db.db, c.id)).personalDataDeletedAt).toBeNull();
    const [done] = await suite.db.db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, request.id));
    expect(done).toMatchObject({ status: "COMPLETED", dataSubjectId: null });
  });
});
