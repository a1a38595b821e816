import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, procedures } from "../../src/db/schema/index.js";
import { codes } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import { TEST_PASSWORD, TEST_TOTP_SECRET } from "../helpers/world.js";
import { PROCEDURE_PERSONAL_DATA } from "../operations.js";
import { AGREE, COMPLETE, CONFIRM, DECIDE, exchange, FILE, PRODUCE_REPORT, REPORT, REQUESTS, SUBJECT_IDENTIFIER } from "./rights-fixtures.js";

const DAY = 24 * 3600 * 1000;

describe.each(DRIVERS)("data subjects' requests, routed, on %s", (driver) => {
  const suite = useSuite(driver);

  it("R-RECTIFY-1 (a) an open procedure's initiator rectifies itself, and the change is audited", async () => {
    const world = await suite.world();
    const { id, dataSubjectId, dk } = await exchange(suite, world);
    const filed = await suite.api.execute(
      FILE,
      { input: { kind: "RECTIFICATION", procedureId: id, dataSubjectId, requesterName: "Jens Jensen", correction: { fullName: "Jens Peter Jensen" } } },
      dk,
    );
    expect(filed.errors).toBeUndefined();
    const request = filed.data!.fileDataSubjectRequest;
    expect(request).toMatchObject({ route: "INITIATOR", status: "RECEIVED", escalatedAt: null, waitingFor: "RECEIVING_AUTHORITY" });
    expect(new Date(request.dueAt).getTime() - suite.api.clock.now().getTime()).toBe(30 * DAY);
    expect(await suite.api.execute(DECIDE, { id: request.id, approve: true }, dk)).toMatchObject({ errors: undefined });
    const done = await suite.api.execute(COMPLETE, { id: request.id }, dk);
    expect(done.data?.completeDataSubjectRequest).toMatchObject({ status: "COMPLETED", waitingFor: "NOBODY", dueAt: request.dueAt });
    expect(done.data!.completeDataSubjectRequest.steps.map((s) => [s.kind, s.actorAuthority?.id, s.actorUserId])).toEqual([
      ["RECEIVED", world.authority.dk, world.user.handlerDk.id],
      ["DECIDED", world.authority.dk, world.user.handlerDk.id],
      ["CARRIED_OUT", world.authority.dk, world.user.handlerDk.id],
    ]);
    const read = await suite.api.execute(PROCEDURE_PERSONAL_DATA, { id }, dk);
    expect(read.data?.procedure?.dataSubjects?.[0]?.fullName).toBe("Jens Peter Jensen");
    const updates = await suite.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.procedureId, id), eq(auditEvents.action, "UPDATE")));
    expect(updates.map((e) => [e.fields, e.ground])).toEqual([[["DataSubject.fullName"], `DATA_SUBJECT_REQUEST:${request.id}`]]);
  });

  it("R-RECTIFY-1 (b) a participant that did not initiate decides; the helpdesk carries it out with the initiator, who confirms", async () => {
    const world = await suite.world();
    const { id, dataSubjectId, dk, de } = await exchange(suite, world);
    const helpdesk = await world.token(world.user.helpdesk);
    const before = await suite.api.execute(PROCEDURE_PERSONAL_DATA, { id }, helpdesk);
    expect(before.data?.procedure?.personalDataAccess.reason).toBe("NOT_INVOLVED");

    const filed = await suite.api.execute(
      FILE,
      { input: { kind: "ERASURE", procedureId: id, dataSubjectId, requesterName: "Jens Jensen", details: "Unlawful." } },
      de,
    );
    const request = filed.data!.fileDataSubjectRequest;
    // R-RECTIFY-2: it reaches the helpdesk at once, but the receiving authority decides.
    expect(request).toMatchObject({ route: "HELPDESK_WITH_INITIATOR", status: "ESCALATED", escalatedAt: suite.api.clock.now().toISOString() });
    expect(request.waitingFor).toBe("RECEIVING_AUTHORITY");
    expect(codes(await suite.api.execute(DECIDE, { id: request.id, approve: true }, helpdesk))).toEqual(["FORBIDDEN"]);
    // Art. 8: the helpdesk reaches the personal data only once the receiving authority granted the request.
    const undecided = await suite.api.execute(PROCEDURE_PERSONAL_DATA, { id }, helpdesk);
    expect(undecided.data?.procedure?.personalDataAccess).toEqual({ granted: false, reason: "NOT_INVOLVED" });
    expect(JSON.stringify(undecided.data)).not.toContain("Jens Jensen");

    const decided = await suite.api.execute(DECIDE, { id: request.id, approve: true }, de);
    expect(decided.data?.decideDataSubjectRequest.waitingFor).toBe("INITIATOR_CONFIRMATION");
    const during = await suite.api.execute(PROCEDURE_PERSONAL_DATA, { id }, helpdesk);
    expect(during.data?.procedure?.personalDataAccess).toEqual({ granted: true, reason: null });
    expect(during.data?.procedure?.dataSubjects?.[0]?.fullName).toBe("Jens Jensen");
    // Neither the receiver nor the helpdesk carries it out before the initiator confirms.
    expect(codes(await suite.api.execute(COMPLETE, { id: request.id }, de))).toEqual(["FORBIDDEN"]);
    expect(codes(await suite.api.execute(COMPLETE, { id: request.id }, helpdesk))).toEqual(["CONFLICT"]);
    expect(codes(await suite.api.execute(CONFIRM, { id: request.id }, de))).toEqual(["FORBIDDEN"]);
    const confirmed = await suite.api.execute(CONFIRM, { id: request.id, note: "Checked against our file." }, dk);
    expect(confirmed.data?.confirmDataSubjectRequest.waitingFor).toBe("HELPDESK");
    const done = await suite.api.execute(COMPLETE, { id: request.id }, helpdesk);
    expect(done.data?.completeDataSubjectRequest).toMatchObject({ status: "COMPLETED", waitingFor: "NOBODY" });
    expect(done.data!.completeDataSubjectRequest.steps.map((s) => [s.kind, s.actorAuthority?.id ?? null])).toEqual([
      ["RECEIVED", world.authority.de],
      ["ESCALATED_TO_HELPDESK", world.authority.de],
      ["DECIDED", world.authority.de],
      ["INITIATOR_CONFIRMED", world.authority.dk],
      ["CARRIED_OUT", world.authority.helpdesk],
    ]);
    const after = await suite.api.execute(PROCEDURE_PERSONAL_DATA, { id }, helpdesk);
    expect(after.data?.procedure?.personalDataAccess.reason).toBe("NOT_INVOLVED");
    const initiator = await suite.api.execute(PROCEDURE_PERSONAL_DATA, { id }, dk);
    expect(initiator.data?.procedure?.dataSubjects).toEqual([]);
    const events = await suite.db.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.ground, `DATA_SUBJECT_REQUEST:${request.id}`))
      .orderBy(auditEvents.chainPosition);
    expect(events.filter((e) => e.action === "DELETE").map((e) => e.actorAuthorityId)).toEqual([world.authority.helpdesk]);
    expect(events.filter((e) => e.fields[0]?.startsWith("DataSubjectRequest.step.")).map((e) => [e.fields[0], e.actorAuthorityId])).toEqual([
      ["DataSubjectRequest.step.RECEIVED", world.authority.de],
      ["DataSubjectRequest.step.ESCALATED_TO_HELPDESK", world.authority.de],
      ["DataSubjectRequest.step.DECIDED", world.authority.de],
      ["DataSubjectRequest.step.INITIATOR_CONFIRMED", world.authority.dk],
      ["DataSubjectRequest.step.CARRIED_OUT", world.authority.helpdesk],
    ]);
  });

  it("R-RECTIFY-1 (c) for a closed procedure the receiving authority decides and only the Commission carries it out, after agreeing the steps", async () => {
    const world = await suite.world();
    const { id, dataSubjectId, dk } = await exchange(suite, world, { close: true });
    const filed = await suite.api.execute(
      FILE,
      { input: { kind: "RECTIFICATION", procedureId: id, dataSubjectId, requesterName: "Jens Jensen", correction: { address: "New street 2" } } },
      dk,
    );
    const request = filed.data!.fileDataSubjectRequest;
    expect(request).toMatchObject({ route: "COMMISSION", status: "ESCALATED", waitingFor: "RECEIVING_AUTHORITY" });
    const helpdesk = await world.token(world.user.helpdesk);
    expect(codes(await suite.api.execute(DECIDE, { id: request.id, approve: true }, helpdesk))).toEqual(["FORBIDDEN"]);
    expect(codes(await suite.api.execute(DECIDE, { id: request.id, approve: false }, dk))).toEqual(["BAD_USER_INPUT"]);
    expect((await suite.api.execute(DECIDE, { id: request.id, approve: true, note: "Address proven." }, dk)).data?.decideDataSubjectRequest.waitingFor).toBe(
      "HELPDESK",
    );
    // The initiator no longer edits a closed procedure; the helpdesk agrees the steps first.
    expect(codes(await suite.api.execute(COMPLETE, { id: request.id }, dk))).toEqual(["FORBIDDEN"]);
    expect(codes(await suite.api.execute(COMPLETE, { id: request.id }, helpdesk))).toEqual(["CONFLICT"]);
    expect(codes(await suite.api.execute(AGREE, { id: request.id, note: "Change the address only." }, dk))).toEqual(["FORBIDDEN"]);
    await suite.api.execute(AGREE, { id: request.id, note: "Agreed with the Danish Business Authority: change the address only." }, helpdesk);
    const done = await suite.api.execute(COMPLETE, { id: request.id }, helpdesk);
    expect(done.data!.completeDataSubjectRequest.steps.map((s) => [s.kind, s.actorAuthority?.id])).toEqual([
      ["RECEIVED", world.authority.dk],
      ["ESCALATED_TO_HELPDESK", world.authority.dk],
      ["DECIDED", world.authority.dk],
      ["STEPS_AGREED", world.authority.helpdesk],
      ["CARRIED_OUT", world.authority.helpdesk],
    ]);
    const updates = await suite.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.procedureId, id), eq(auditEvents.action, "UPDATE"), eq(auditEvents.actorAuthorityId, world.authority.helpdesk)));
    expect(updates.map((e) => e.fields)).toContainEqual(["DataSubject.address"]);
  });

  it("R-RECTIFY-1 a rejection by the receiving authority answers the request, with its reasons", async () => {
    const world = await suite.world();
    const { id, dataSubjectId, dk } = await exchange(suite, world, { close: true });
    const filed = await suite.api.execute(
      FILE,
      { input: { kind: "RECTIFICATION", procedureId: id, dataSubjectId, requesterName: "Jens Jensen", correction: { address: "New street 2" } } },
      dk,
    );
    const request = filed.data!.fileDataSubjectRequest;
    const rejected = await suite.api.execute(DECIDE, { id: request.id, approve: false, note: "Accurate under national records." }, dk);
    expect(rejected.data?.decideDataSubjectRequest).toMatchObject({ status: "REJECTED", decisionNote: "Accurate under national records.", waitingFor: "NOBODY" });
    expect(codes(await suite.api.execute(COMPLETE, { id: request.id }, await world.token(world.user.helpdesk)))).toEqual(["CONFLICT"]);
  });

  it("R-ACCESS-1 the receiving authority of an open procedure answers access itself, naming the recipients", async () => {
    const world = await suite.world();
    const { id, dataSubjectId, de } = await exchange(suite, world);
    const filed = await suite.api.execute(
      FILE,
      { input: { kind: "ACCESS", procedureId: id, dataSubjectId, requesterName: "Jens Jensen", requesterIdentifier: SUBJECT_IDENTIFIER } },
      de,
    );
    const request = filed.data!.fileDataSubjectRequest;
    expect(request).toMatchObject({ route: "RECEIVING_AUTHORITY", status: "RECEIVED" });
    expect(codes(await suite.api.execute(REPORT, { requestId: request.id }, de))).toEqual(["CONFLICT"]);
    await suite.api.execute(DECIDE, { id: request.id, approve: true }, de);
    await suite.api.execute(COMPLETE, { id: request.id }, de);
    const report = await suite.api.execute(REPORT, { requestId: request.id }, de);
    expect(report.errors).toBeUndefined();
    const item = report.data!.accessReport.items[0]!;
    expect(item).toMatchObject({ procedureId: id, fullName: "Jens Jensen", nationalIdentifier: SUBJECT_IDENTIFIER });
    expect(item.sensitiveRecords.map((r) => r.details)).toEqual(["Fine in 2025."]);
    expect(item.recipients.map((a) => a.id)).toContain(world.authority.de);
  });

  it("R-ACCESS-2 access to blocked data: the receiving authority keeps it, the helpdesk produces the report for it, it answers", async () => {
    const world = await suite.world();
    const blocked = await exchange(suite, world, { block: true });
    const filed = await suite.api.execute(
      FILE,
      { input: { kind: "ACCESS", procedureId: blocked.id, dataSubjectId: blocked.dataSubjectId, requesterName: "Jens Jensen" } },
      blocked.de,
    );
    const request = filed.data!.fileDataSubjectRequest;
    expect(request).toMatchObject({ route: "HELPDESK_REPORT", status: "ESCALATED", waitingFor: "RECEIVING_AUTHORITY" });
    const helpdesk = await world.token(world.user.helpdesk);
    expect(codes(await suite.api.execute(DECIDE, { id: request.id, approve: true }, helpdesk))).toEqual(["FORBIDDEN"]);
    expect((await suite.api.execute(DECIDE, { id: request.id, approve: true }, blocked.de)).data?.decideDataSubjectRequest.waitingFor).toBe("HELPDESK");
    // The authority cannot answer before the helpdesk's report, nor produce it itself.
    expect(codes(await suite.api.execute(COMPLETE, { id: request.id }, blocked.de))).toEqual(["CONFLICT"]);
    expect(codes(await suite.api.execute(PRODUCE_REPORT, { requestId: request.id }, blocked.de))).toEqual(["FORBIDDEN"]);
    const produced = await suite.api.execute(PRODUCE_REPORT, { requestId: request.id }, helpdesk);
    expect(produced.errors).toBeUndefined();
    expect(produced.data?.produceAccessReport.items.map((i) => i.fullName)).toEqual(["Jens Jensen"]);
    // The report is for the receiving authority, which then answers the citizen.
    const forAuthority = await suite.api.execute(REPORT, { requestId: request.id }, blocked.de);
    expect(forAuthority.data?.accessReport.items.map((i) => i.fullName)).toEqual(["Jens Jensen"]);
    const answered = await suite.api.execute(COMPLETE, { id: request.id }, blocked.de);
    expect(answered.data!.completeDataSubjectRequest.steps.map((s) => [s.kind, s.actorAuthority?.id])).toEqual([
      ["RECEIVED", world.authority.de],
      ["ESCALATED_TO_HELPDESK", world.authority.de],
      ["DECIDED", world.authority.de],
      ["REPORT_PRODUCED", world.authority.helpdesk],
      ["ANSWERED", world.authority.de],
    ]);
    const retrieved = await suite.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.procedureId, blocked.id), eq(auditEvents.action, "RETRIEVE")));
    expect(retrieved.map((e) => [e.actorAuthorityId, e.ground])).toEqual([[world.authority.helpdesk, `DATA_SUBJECT_REQUEST:${request.id}`]]);
    // Still blocked for the authority through the procedure itself.
    const own = await suite.api.execute(PROCEDURE_PERSONAL_DATA, { id: blocked.id }, blocked.de);
    expect(own.data?.procedure?.personalDataAccess.reason).toBe("BLOCKED");
  });

  it("R-ACCESS-2 after deletion the answer is that no data is held, also for a request answered after the deletion", async () => {
    const world = await suite.world();
    const deleted = await exchange(suite, world, { delete: true });
    const late = await suite.api.execute(FILE, { input: { kind: "ACCESS", procedureId: deleted.id, requesterName: "Jens Jensen" } }, deleted.de);
    expect(late.data?.fileDataSubjectRequest).toMatchObject({ route: "NO_DATA_HELD", status: "COMPLETED", waitingFor: "NOBODY" });
    const none = await suite.api.execute(REPORT, { requestId: late.data!.fileDataSubjectRequest.id }, deleted.de);
    expect(none.data?.accessReport).toMatchObject({ noDataHeld: true, items: [] });

    // Filed and granted while the data existed; the data is deleted before the answer.
    const open = await exchange(suite, world, { close: true });
    const filed = await suite.api.execute(
      FILE,
      { input: { kind: "ACCESS", procedureId: open.id, dataSubjectId: open.dataSubjectId, requesterName: "Jens Jensen", requesterIdentifier: SUBJECT_IDENTIFIER } },
      open.de,
    );
    const request = filed.data!.fileDataSubjectRequest;
    expect(request.route).toBe("RECEIVING_AUTHORITY");
    await suite.api.execute(DECIDE, { id: request.id, approve: true }, open.de);
    const at = suite.api.clock.now();
    await suite.db.db.update(procedures).set({ blockedAt: at, personalDataDeletedAt: at }).where(eq(procedures.id, open.id));
    const answered = await suite.api.execute(COMPLETE, { id: request.id }, open.de);
    expect(answered.data?.completeDataSubjectRequest).toMatchObject({ status: "COMPLETED", route: "NO_DATA_HELD" });
    const report = await suite.api.execute(REPORT, { requestId: request.id }, open.de);
    expect(report.errors).toBeUndefined();
    // It used to say noDataHeld: false with no items: the route was the one set at filing.
    expect(report.data?.accessReport).toMatchObject({ noDataHeld: true, items: [] });
  });

  it("R-RECTIFY-2 shows the due date, 30 days after receipt, and what is overdue", async () => {
    const world = await suite.world();
    const { id, dataSubjectId, dk } = await exchange(suite, world);
    const filed = await suite.api.execute(
      FILE,
      { input: { kind: "ERASURE", procedureId: id, dataSubjectId, requesterName: "Jens Jensen" } },
      dk,
    );
    const request = filed.data!.fileDataSubjectRequest;
    expect(new Date(request.dueAt).getTime() - new Date(request.receivedAt).getTime()).toBe(30 * DAY);
    // Tokens live 30 minutes: log in again at each moved time.
    const fresh = () => suite.api.login(world.user.handlerDk.email, TEST_PASSWORD, TEST_TOTP_SECRET);
    const overdue = async () =>
      (await suite.api.execute(REQUESTS, { filter: { overdue: true } }, await fresh())).data!.dataSubjectRequests.edges.map((e) => e.node.id);
    suite.api.clock.set(new Date(new Date(request.dueAt).getTime() - 1000));
    expect(await overdue()).not.toContain(request.id);
    suite.api.clock.set(new Date(new Date(request.dueAt).getTime() + 1000));
    expect(await overdue()).toContain(request.id);
    // Answered, it is no longer overdue.
    await suite.api.execute(DECIDE, { id: request.id, approve: false, note: "Lawful processing." }, await fresh());
    expect(await overdue()).not.toContain(request.id);
  });
});
