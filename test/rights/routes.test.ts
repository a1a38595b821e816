import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "../../src/db/schema/index.js";
import { codes } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import { TEST_PASSWORD, TEST_TOTP_SECRET } from "../helpers/world.js";
import { PROCEDURE_PERSONAL_DATA } from "../operations.js";
import { COMPLETE, DECIDE, exchange, FILE, REPORT, REQUESTS, SUBJECT_IDENTIFIER } from "./rights-fixtures.js";

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
    expect(request).toMatchObject({ route: "INITIATOR", status: "RECEIVED", escalatedAt: null });
    expect(await suite.api.execute(DECIDE, { id: request.id, approve: true }, dk)).toMatchObject({ errors: undefined });
    const done = await suite.api.execute(COMPLETE, { id: request.id }, dk);
    expect(done.data?.completeDataSubjectRequest.status).toBe("COMPLETED");
    const read = await suite.api.execute(PROCEDURE_PERSONAL_DATA, { id }, dk);
    expect(read.data?.procedure?.dataSubjects?.[0]?.fullName).toBe("Jens Peter Jensen");
    const updates = await suite.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.procedureId, id), eq(auditEvents.action, "UPDATE")));
    expect(updates.map((e) => [e.fields, e.ground])).toEqual([[["DataSubject.fullName"], `DATA_SUBJECT_REQUEST:${request.id}`]]);
  });

  it("R-RECTIFY-1 (b) a participant that did not initiate escalates at once; the helpdesk acts and reaches the data only meanwhile", async () => {
    const world = await suite.world();
    const { id, dataSubjectId, de } = await exchange(suite, world);
    const helpdesk = await world.token(world.user.helpdesk);
    const before = await suite.api.execute(PROCEDURE_PERSONAL_DATA, { id }, helpdesk);
    expect(before.data?.procedure?.personalDataAccess.reason).toBe("NOT_INVOLVED");

    const filed = await suite.api.execute(
      FILE,
      { input: { kind: "ERASURE", procedureId: id, dataSubjectId, requesterName: "Jens Jensen", details: "Unlawful." } },
      de,
    );
    const request = filed.data!.fileDataSubjectRequest;
    expect(request).toMatchObject({ route: "HELPDESK_WITH_INITIATOR", status: "ESCALATED", escalatedAt: suite.api.clock.now().toISOString() });
    // The responder cannot act on it; the helpdesk, through its recorded route, reads the data.
    expect(codes(await suite.api.execute(DECIDE, { id: request.id, approve: true }, de))).toEqual(["FORBIDDEN"]);
    const during = await suite.api.execute(PROCEDURE_PERSONAL_DATA, { id }, helpdesk);
    expect(during.data?.procedure?.personalDataAccess).toEqual({ granted: true, reason: null });
    expect(during.data?.procedure?.dataSubjects?.[0]?.fullName).toBe("Jens Jensen");

    await suite.api.execute(DECIDE, { id: request.id, approve: true }, helpdesk);
    expect((await suite.api.execute(COMPLETE, { id: request.id }, helpdesk)).data?.completeDataSubjectRequest.status).toBe("COMPLETED");
    const after = await suite.api.execute(PROCEDURE_PERSONAL_DATA, { id }, helpdesk);
    expect(after.data?.procedure?.personalDataAccess.reason).toBe("NOT_INVOLVED");
    const initiator = await suite.api.execute(PROCEDURE_PERSONAL_DATA, { id }, await world.token(world.user.handlerDk));
    expect(initiator.data?.procedure?.dataSubjects).toEqual([]);
  });

  it("R-RECTIFY-1 (c) for a closed procedure only the Commission acts", async () => {
    const world = await suite.world();
    const { id, dataSubjectId, dk } = await exchange(suite, world, { close: true });
    const filed = await suite.api.execute(
      FILE,
      { input: { kind: "RECTIFICATION", procedureId: id, dataSubjectId, requesterName: "Jens Jensen", correction: { address: "New street 2" } } },
      dk,
    );
    const request = filed.data!.fileDataSubjectRequest;
    expect(request).toMatchObject({ route: "COMMISSION", status: "ESCALATED" });
    expect(codes(await suite.api.execute(DECIDE, { id: request.id, approve: true }, dk))).toEqual(["FORBIDDEN"]);
    const helpdesk = await world.token(world.user.helpdesk);
    expect(codes(await suite.api.execute(DECIDE, { id: request.id, approve: false }, helpdesk))).toEqual(["BAD_USER_INPUT"]);
    const rejected = await suite.api.execute(DECIDE, { id: request.id, approve: false, note: "Accurate under national records." }, helpdesk);
    expect(rejected.data?.decideDataSubjectRequest).toMatchObject({ status: "REJECTED", decisionNote: "Accurate under national records." });
    expect(codes(await suite.api.execute(COMPLETE, { id: request.id }, helpdesk))).toEqual(["CONFLICT"]);
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

  it("R-ACCESS-2 access to blocked data goes to the helpdesk; after deletion the answer is that no data is held", async () => {
    const world = await suite.world();
    const blocked = await exchange(suite, world, { block: true });
    const filed = await suite.api.execute(
      FILE,
      { input: { kind: "ACCESS", procedureId: blocked.id, dataSubjectId: blocked.dataSubjectId, requesterName: "Jens Jensen" } },
      blocked.de,
    );
    const request = filed.data!.fileDataSubjectRequest;
    expect(request).toMatchObject({ route: "COMMISSION", status: "ESCALATED" });
    const helpdesk = await world.token(world.user.helpdesk);
    await suite.api.execute(DECIDE, { id: request.id, approve: true }, helpdesk);
    await suite.api.execute(COMPLETE, { id: request.id }, helpdesk);
    const report = await suite.api.execute(REPORT, { requestId: request.id }, helpdesk);
    expect(report.data?.accessReport.items.map((i) => i.fullName)).toEqual(["Jens Jensen"]);

    const deleted = await exchange(suite, world, { delete: true });
    const late = await suite.api.execute(
      FILE,
      { input: { kind: "ACCESS", procedureId: deleted.id, requesterName: "Jens Jensen" } },
      deleted.de,
    );
    expect(late.data?.fileDataSubjectRequest).toMatchObject({ route: "NO_DATA_HELD", status: "COMPLETED" });
    const none = await suite.api.execute(REPORT, { requestId: late.data!.fileDataSubjectRequest.id }, deleted.de);
    expect(none.data?.accessReport).toMatchObject({ noDataHeld: true, items: [] });
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
