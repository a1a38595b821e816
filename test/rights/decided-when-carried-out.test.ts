import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { auditEvents, dataSubjects } from "../../src/db/schema/index.js";
import { graphql } from "../generated/gql.js";
import { codes, TestApi } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { START, useSuite } from "../helpers/suite.js";
import { TEST_PASSWORD, TEST_TOTP_SECRET } from "../helpers/world.js";
import { CLOSE } from "../operations.js";
import { AGREE, COMPLETE, DECIDE, exchange, FILE, LINK, ONE_REQUEST, REPORT, RETRIEVE, SUBJECT_IDENTIFIER } from "./rights-fixtures.js";
import { opened, SEALED_DATA_SUBJECTS } from "../helpers/sealed.js";

const DAY = 24 * 3600 * 1000;

/** A clock that moves on at every reading, as a real one does between a request's start and its mutation. */
class TickingClock extends ManualClock {
  override now(): Date {
    this.advance(1);
    return super.now();
  }
}

const IDENTITY = graphql(`
  query RightsTestIdentity($id: ID!) {
    dataSubjectRequest(id: $id) {
      id
      requesterName
      requesterIdentifier
    }
  }
`);

describe.each(DRIVERS)("issue 11: decided when carried out, one policy for a request's personal data, on %s", (driver) => {
  const suite = useSuite(driver);

  it("R-RECTIFY-1 a rectification filed and granted while open is carried out by the Commission once the procedure has closed, not by the initiator", async () => {
    const world = await suite.world();
    const { id, dataSubjectId, dk } = await exchange(suite, world);
    const filed = await suite.api.execute(
      FILE,
      { input: { kind: "RECTIFICATION", procedureId: id, dataSubjectId, requesterName: "Jens Jensen", correction: { fullName: "Jens Peter Jensen" } } },
      dk,
    );
    const request = filed.data!.fileDataSubjectRequest;
    expect(request.route).toBe("INITIATOR");
    await suite.api.execute(DECIDE, { id: request.id, approve: true }, dk);
    await suite.api.execute(CLOSE, { id }, dk);
    // It used to be carried out by the initiator: the route was the one set at filing.
    expect(codes(await suite.api.execute(COMPLETE, { id: request.id }, dk))).toEqual(["FORBIDDEN"]);
    const [unchanged] = await opened(suite.db.db, SEALED_DATA_SUBJECTS, suite.db.db.select().from(dataSubjects).where(eq(dataSubjects.id, dataSubjectId)));
    expect(unchanged?.fullName).toBe("Jens Jensen");
    const helpdesk = await world.token(world.user.helpdesk);
    const moved = await suite.api.execute(ONE_REQUEST, { id: request.id }, helpdesk);
    expect(moved.data?.dataSubjectRequest).toMatchObject({ route: "COMMISSION", waitingFor: "HELPDESK", status: "APPROVED" });
    await suite.api.execute(AGREE, { id: request.id, note: "Agreed with the Danish Business Authority: correct the name." }, helpdesk);
    const done = await suite.api.execute(COMPLETE, { id: request.id }, helpdesk);
    expect(done.data?.completeDataSubjectRequest).toMatchObject({ status: "COMPLETED", route: "COMMISSION" });
    const [changed] = await opened(suite.db.db, SEALED_DATA_SUBJECTS, suite.db.db.select().from(dataSubjects).where(eq(dataSubjects.id, dataSubjectId)));
    expect(changed?.fullName).toBe("Jens Peter Jensen");
    const updates = await suite.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.ground, `DATA_SUBJECT_REQUEST:${request.id}`), eq(auditEvents.action, "UPDATE")));
    expect(updates.map((e) => [e.fields, e.actorAuthorityId])).toEqual([[["DataSubject.fullName"], world.authority.helpdesk]]);
  });

  it("R-RECTIFY-2 a portal's request is due 30 days after it is filed; linking it on day 21 does not move the date", async () => {
    const world = await suite.world();
    const { id, dataSubjectId } = await exchange(suite, world);
    const portal = await world.token(world.user.portalDk);
    const filed = await suite.api.execute(
      FILE,
      { input: { kind: "ACCESS", receivingAuthorityId: world.authority.dk, requesterName: "Jens Jensen", requesterIdentifier: SUBJECT_IDENTIFIER } },
      portal,
    );
    const request = filed.data!.fileDataSubjectRequest;
    const day1 = suite.api.clock.now();
    expect(request).toMatchObject({ receivedAt: day1.toISOString(), dueAt: new Date(day1.getTime() + 30 * DAY).toISOString() });
    expect(request.waitingFor).toBe("RECEIVING_AUTHORITY");
    suite.api.clock.set(new Date(day1.getTime() + 20 * DAY));
    const dk = await suite.api.login(world.user.handlerDk.email, TEST_PASSWORD, TEST_TOTP_SECRET);
    const linked = await suite.api.execute(LINK, { id: request.id, procedureId: id, dataSubjectId }, dk);
    expect(linked.errors).toBeUndefined();
    // It used to be received again on day 21, and due on day 51.
    expect(linked.data?.linkDataSubjectRequest).toMatchObject({
      route: "RECEIVING_AUTHORITY",
      receivedAt: day1.toISOString(),
      dueAt: new Date(day1.getTime() + 30 * DAY).toISOString(),
    });
    expect(linked.data!.linkDataSubjectRequest.steps.map((s) => [s.kind, s.actorAuthority?.id])).toEqual([
      ["RECEIVED", world.authority.portalDk],
      ["LINKED", world.authority.dk],
    ]);
    suite.api.clock.set(new Date(day1.getTime() + 31 * DAY));
    const later = await suite.api.execute(ONE_REQUEST, { id: request.id }, await suite.api.login(world.user.handlerDk.email, TEST_PASSWORD, TEST_TOTP_SECRET));
    expect(later.data?.dataSubjectRequest?.overdue).toBe(true);
  });

  it("R-SEC-1 a local admin and a coordinator read neither the citizen's identity nor the access report of a request their authority received", async () => {
    const world = await suite.world();
    const { id, dataSubjectId, dk } = await exchange(suite, world);
    const filed = await suite.api.execute(
      FILE,
      { input: { kind: "ACCESS", procedureId: id, dataSubjectId, requesterName: "Jens Jensen", requesterIdentifier: SUBJECT_IDENTIFIER } },
      dk,
    );
    const request = filed.data!.fileDataSubjectRequest;
    await suite.api.execute(DECIDE, { id: request.id, approve: true }, dk);
    await suite.api.execute(COMPLETE, { id: request.id }, dk);
    expect((await suite.api.execute(REPORT, { requestId: request.id }, dk)).data?.accessReport.items.map((i) => i.fullName)).toEqual(["Jens Jensen"]);
    for (const user of [world.user.adminDk, world.user.coordinatorDk]) {
      const token = await world.token(user);
      // It used to give a local admin the data subject and the sensitive record through the report.
      const report = await suite.api.execute(REPORT, { requestId: request.id }, token);
      expect(codes(report), user.email).toEqual(["FORBIDDEN"]);
      const identity = await suite.api.execute(IDENTITY, { id: request.id }, token);
      expect(identity.data?.dataSubjectRequest).toEqual({ id: request.id, requesterName: null, requesterIdentifier: null });
      expect(codes(identity), user.email).toEqual(["FORBIDDEN", "FORBIDDEN"]);
      expect(JSON.stringify([report, identity])).not.toContain("Jens");
      expect(JSON.stringify([report, identity])).not.toContain(SUBJECT_IDENTIFIER);
    }
  });

  it("R-SEC-2 a read of the citizen's identity on a request is audited, with who read which field on what ground", async () => {
    const world = await suite.world();
    const { id, dataSubjectId, dk } = await exchange(suite, world);
    const filed = await suite.api.execute(
      FILE,
      { input: { kind: "ACCESS", procedureId: id, dataSubjectId, requesterName: "Jens Jensen", requesterIdentifier: SUBJECT_IDENTIFIER } },
      dk,
    );
    const request = filed.data!.fileDataSubjectRequest;
    const before = await suite.db.db.select().from(auditEvents).where(and(eq(auditEvents.ground, `DATA_SUBJECT_REQUEST:${request.id}`), eq(auditEvents.action, "READ")));
    await suite.api.execute(IDENTITY, { id: request.id }, dk);
    const after = await suite.db.db.select().from(auditEvents).where(and(eq(auditEvents.ground, `DATA_SUBJECT_REQUEST:${request.id}`), eq(auditEvents.action, "READ")));
    const added = after.filter((e) => !before.some((b) => b.id === e.id));
    expect(added.map((e) => [e.fields, e.actorUserId, e.dataSubjectId]).sort()).toEqual(
      [
        [["DataSubjectRequest.requesterIdentifier"], world.user.handlerDk.id, dataSubjectId],
        [["DataSubjectRequest.requesterName"], world.user.handlerDk.id, dataSubjectId],
      ].sort(),
    );
    // A viewer the policy refuses reads nothing, so nothing is recorded for it.
    await suite.api.execute(IDENTITY, { id: request.id }, await world.token(world.user.adminDk));
    const last = await suite.db.db.select().from(auditEvents).where(and(eq(auditEvents.ground, `DATA_SUBJECT_REQUEST:${request.id}`), eq(auditEvents.action, "READ")));
    expect(last.length).toBe(after.length);
  });

  describe("a clock that moves during the request", () => {
    let ticking: TestApi;
    beforeAll(async () => {
      ticking = await TestApi.create(suite.db.db, new TickingClock(START));
    });
    afterAll(async () => {
      await ticking?.stop();
    });

    it("R-RETAIN-4 the blocked data a retrieval opens is readable in the rest of that response", async () => {
      const world = await suite.world();
      const { id } = await exchange(suite, world, { block: true });
      const helpdesk = await world.token(world.user.helpdesk);
      const input = { procedureId: id, requestingAuthorityId: world.authority.dk, ground: "PUBLIC_INTEREST" as const, reason: "Fraud investigation." };
      const retrieved = await ticking.execute(RETRIEVE, { input }, helpdesk);
      // It used to answer FORBIDDEN: the grant, made inside the mutation, was later than the request's own time.
      expect(retrieved.errors).toBeUndefined();
      expect(retrieved.data?.retrieveBlockedData.procedure.personalDataAccess).toEqual({ granted: true, reason: null });
      expect(retrieved.data?.retrieveBlockedData.procedure.dataSubjects?.map((s) => s.fullName)).toEqual(["Jens Jensen"]);
    });
  });
});
