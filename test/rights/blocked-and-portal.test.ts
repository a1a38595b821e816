import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, dataSubjectRequests, dataSubjects, personalDataGrants, procedures } from "../../src/db/schema/index.js";
import { codes } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import { CLOSE, PROCEDURE_PERSONAL_DATA } from "../operations.js";
import {
  COMPLETE,
  CONTEST,
  DECIDE,
  EARLY_DELETION,
  exchange,
  FILE,
  LINK,
  ONE_REQUEST,
  REPORT,
  REQUESTS,
  RETRIEVE,
  SUBJECT_IDENTIFIER,
} from "./rights-fixtures.js";
import { opened, SEALED_DATA_SUBJECTS } from "../helpers/sealed.js";

describe.each(DRIVERS)("blocked data, early deletion and portals on %s", (driver) => {
  const suite = useSuite(driver);

  it("R-RETAIN-4 retrieves blocked data only as the Commission, with consent to prove an exchange, and audits each retrieval", async () => {
    const world = await suite.world();
    const { id } = await exchange(suite, world, { block: true });
    const helpdesk = await world.token(world.user.helpdesk);
    const input = { procedureId: id, requestingAuthorityId: world.authority.dk, ground: "PROVE_EXCHANGE" as const, reason: "Court proceedings." };
    expect(codes(await suite.api.execute(RETRIEVE, { input }, helpdesk))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await suite.api.execute(RETRIEVE, { input: { ...input, consentReference: "C-1" } }, await world.token(world.user.handlerDk)))).toEqual([
      "FORBIDDEN",
    ]);
    expect(codes(await suite.api.execute(RETRIEVE, { input: { ...input, consentReference: "C-1", requestingAuthorityId: world.authority.fr } }, helpdesk))).toEqual([
      "BAD_USER_INPUT",
    ]);
    expect(await suite.db.db.select().from(personalDataGrants).where(eq(personalDataGrants.procedureId, id))).toEqual([]);

    const retrieved = await suite.api.execute(RETRIEVE, { input: { ...input, consentReference: "C-1" } }, helpdesk);
    expect(retrieved.errors).toBeUndefined();
    expect(retrieved.data?.retrieveBlockedData.procedure.personalDataAccess).toEqual({ granted: true, reason: null });
    expect(retrieved.data?.retrieveBlockedData.procedure.dataSubjects?.map((s) => s.fullName)).toEqual(["Jens Jensen"]);
    const publicInterest = await suite.api.execute(
      RETRIEVE,
      { input: { ...input, ground: "PUBLIC_INTEREST", reason: "Fraud investigation of overriding public interest." } },
      helpdesk,
    );
    expect(publicInterest.errors).toBeUndefined();
    const logged = await suite.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.procedureId, id), eq(auditEvents.action, "RETRIEVE")));
    expect(logged.map((e) => e.ground.split(":").slice(0, 2).join(":"))).toEqual([
      "BLOCKED_DATA_RETRIEVAL:PROVE_EXCHANGE",
      "BLOCKED_DATA_RETRIEVAL:PUBLIC_INTEREST",
    ]);
    // The participants themselves still get BLOCKED: the retrieval opened the data to the helpdesk only.
    const own = await suite.api.execute(PROCEDURE_PERSONAL_DATA, { id }, await world.token(world.user.handlerDk));
    expect(own.data?.procedure?.personalDataAccess.reason).toBe("BLOCKED");
  });

  it("R-RECTIFY-3 records a contestation beside blocked data instead of changing it", async () => {
    const world = await suite.world();
    const { id, dataSubjectId, de } = await exchange(suite, world, { block: true });
    const helpdesk = await world.token(world.user.helpdesk);
    const contest = { procedureId: id, dataSubjectId, ground: "ACCURACY" as const, statement: "The data subject contests the fine." };
    expect(codes(await suite.api.execute(CONTEST, { input: contest }, de))).toEqual(["FORBIDDEN"]);
    const recorded = await suite.api.execute(CONTEST, { input: contest }, helpdesk);
    expect(recorded.errors, JSON.stringify(recorded.errors)).toBeUndefined();
    const shown = await suite.api.execute(
      RETRIEVE,
      { input: { procedureId: id, requestingAuthorityId: world.authority.de, ground: "PUBLIC_INTEREST", reason: "Review of the contestation." } },
      helpdesk,
    );
    expect(shown.data?.retrieveBlockedData.procedure.dataSubjects?.[0]?.contestations).toEqual([
      { ground: "ACCURACY", statement: "The data subject contests the fine.", rectifiedValues: null },
    ]);
    // Open data is not contested this way.
    const open = await exchange(suite, world);
    expect(codes(await suite.api.execute(CONTEST, { input: { ...contest, procedureId: open.id, dataSubjectId: open.dataSubjectId } }, helpdesk))).toEqual([
      "CONFLICT",
    ]);
  });

  it("R-RECTIFY-3 a rectification of blocked data: the authority confirms, the helpdesk records the contestation with the rectified values, which answers it", async () => {
    const world = await suite.world();
    const { id, dataSubjectId, de } = await exchange(suite, world, { block: true });
    const helpdesk = await world.token(world.user.helpdesk);
    const filed = await suite.api.execute(
      FILE,
      { input: { kind: "RECTIFICATION", procedureId: id, dataSubjectId, requesterName: "Jens Jensen", correction: { fullName: "Jens Peter Jensen" } } },
      de,
    );
    const request = filed.data!.fileDataSubjectRequest;
    expect(request).toMatchObject({ route: "CONTESTATION", status: "ESCALATED", waitingFor: "RECEIVING_AUTHORITY" });
    expect(codes(await suite.api.execute(DECIDE, { id: request.id, approve: true }, helpdesk))).toEqual(["FORBIDDEN"]);
    const confirmed = await suite.api.execute(DECIDE, { id: request.id, approve: true, note: "Meets the conditions of the IMI Regulation." }, de);
    expect(confirmed.data?.decideDataSubjectRequest.waitingFor).toBe("HELPDESK");
    // Blocked data is neither rectified by a case handler nor by carrying the request out.
    expect(codes(await suite.api.execute(COMPLETE, { id: request.id }, de))).toEqual(["FORBIDDEN"]);
    expect(codes(await suite.api.execute(COMPLETE, { id: request.id }, helpdesk))).toEqual(["CONFLICT"]);
    const input = { procedureId: id, requestId: request.id, ground: "ACCURACY" as const, statement: "Name recorded inaccurately, contested by the data subject." };
    expect(codes(await suite.api.execute(CONTEST, { input }, de))).toEqual(["FORBIDDEN"]);
    const recorded = await suite.api.execute(CONTEST, { input }, helpdesk);
    expect(recorded.errors, JSON.stringify(recorded.errors)).toBeUndefined();
    expect(recorded.data?.recordContestation).toMatchObject({ requestId: request.id, rectifiedValues: { fullName: "Jens Peter Jensen" } });
    const answered = await suite.api.execute(ONE_REQUEST, { id: request.id }, de);
    expect(answered.data?.dataSubjectRequest).toMatchObject({ status: "COMPLETED", waitingFor: "NOBODY" });
    expect(answered.data!.dataSubjectRequest!.steps.map((s) => [s.kind, s.actorAuthority?.id])).toEqual([
      ["RECEIVED", world.authority.de],
      ["ESCALATED_TO_HELPDESK", world.authority.de],
      ["DECIDED", world.authority.de],
      ["CONTESTATION_RECORDED", world.authority.helpdesk],
    ]);
    // Shown with the blocked data whenever it is retrieved; the data itself unchanged.
    const shown = await suite.api.execute(
      RETRIEVE,
      { input: { procedureId: id, requestingAuthorityId: world.authority.de, ground: "PUBLIC_INTEREST", reason: "Court review of the contested record." } },
      helpdesk,
    );
    const subject = shown.data?.retrieveBlockedData.procedure.dataSubjects?.[0];
    expect(subject?.fullName).toBe("Jens Jensen");
    expect(subject?.contestations).toEqual([
      { ground: "ACCURACY", statement: "Name recorded inaccurately, contested by the data subject.", rectifiedValues: { fullName: "Jens Peter Jensen" } },
    ]);
    const events = await suite.db.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.ground, `DATA_SUBJECT_REQUEST:${request.id}`))
      .orderBy(auditEvents.chainPosition);
    expect(events.filter((e) => e.action === "CREATE").map((e) => [e.fields, e.actorAuthorityId])).toEqual([[["Contestation"], world.authority.helpdesk]]);
    expect(events.some((e) => e.action === "UPDATE" || e.action === "DELETE")).toBe(false);
  });

  it("R-RECTIFY-3 an erasure filed while open, the data blocked since: a case handler's attempt is refused and the request moves to the helpdesk", async () => {
    const world = await suite.world();
    const { id, dataSubjectId, dk } = await exchange(suite, world);
    const filed = await suite.api.execute(FILE, { input: { kind: "ERASURE", procedureId: id, dataSubjectId, requesterName: "Jens Jensen" } }, dk);
    const request = filed.data!.fileDataSubjectRequest;
    expect(request).toMatchObject({ route: "INITIATOR", waitingFor: "RECEIVING_AUTHORITY" });
    await suite.api.execute(DECIDE, { id: request.id, approve: true }, dk);
    await suite.api.execute(CLOSE, { id }, dk);
    await suite.db.db.update(procedures).set({ blockedAt: suite.api.clock.now() }).where(eq(procedures.id, id));
    // It used to erase the blocked data subject: the route was the one set at filing.
    expect(codes(await suite.api.execute(COMPLETE, { id: request.id }, dk))).toEqual(["FORBIDDEN"]);
    const [subject] = await opened(suite.db.db, SEALED_DATA_SUBJECTS, suite.db.db.select().from(dataSubjects).where(eq(dataSubjects.id, dataSubjectId)));
    expect(subject?.fullName).toBe("Jens Jensen");
    const moved = await suite.api.execute(ONE_REQUEST, { id: request.id }, await world.token(world.user.helpdesk));
    expect(moved.data?.dataSubjectRequest).toMatchObject({ route: "CONTESTATION", waitingFor: "HELPDESK", status: "APPROVED" });
    expect(moved.data!.dataSubjectRequest!.steps.map((s) => [s.kind, s.actorAuthority?.id ?? null])).toEqual([
      ["RECEIVED", world.authority.dk],
      ["DECIDED", world.authority.dk],
      ["ESCALATED_TO_HELPDESK", null],
    ]);
  });

  it("R-RETAIN-6 any competent authority involved asks for early deletion of one data subject, with consent and a legal basis; the job carries it out", async () => {
    const world = await suite.world();
    const { id, dataSubjectId, dk, de } = await exchange(suite, world, { close: true });
    const args = { procedureId: id, consentReference: "C-9", legalBasis: "Lov 502 § 7", dataSubjectId };
    expect(codes(await suite.api.execute(EARLY_DELETION, { ...args, consentReference: " " }, dk))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await suite.api.execute(EARLY_DELETION, { ...args, legalBasis: "" }, dk))).toEqual(["BAD_USER_INPUT"]);
    // Neither a subject nor "every data subject consented": which data is not said.
    expect(codes(await suite.api.execute(EARLY_DELETION, { ...args, dataSubjectId: null }, dk))).toEqual(["BAD_USER_INPUT"]);
    // Not involved: another state's authority does not even see the procedure.
    expect(codes(await suite.api.execute(EARLY_DELETION, args, await world.token(world.user.handlerFr)))).toEqual(["NOT_FOUND"]);
    // A participant that is not the initiator may ask (any competent authority involved).
    const asked = await suite.api.execute(EARLY_DELETION, args, de);
    expect(asked.errors).toBeUndefined();
    const request = asked.data!.requestEarlyDeletion;
    expect(request).toMatchObject({
      kind: "EARLY_DELETION",
      route: "COMMISSION",
      status: "APPROVED",
      dataSubjectId,
      allSubjectsConsented: false,
      waitingFor: "RETENTION_JOB",
      receivingAuthority: { id: world.authority.de },
    });
    expect(request.steps.map((s) => [s.kind, s.actorAuthority?.id, s.approved])).toEqual([
      ["RECEIVED", world.authority.de, null],
      ["DECIDED", world.authority.de, true],
    ]);
    const [row] = await suite.db.db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, request.id));
    expect(row).toMatchObject({ dataSubjectId, allSubjectsConsented: false, consentReference: "C-9", legalBasis: "Lov 502 § 7", status: "APPROVED" });
    // The helpdesk does not decide for the authority, and nobody carries it out by hand.
    const helpdesk = await world.token(world.user.helpdesk);
    expect(codes(await suite.api.execute(DECIDE, { id: request.id, approve: true }, helpdesk))).toEqual(["FORBIDDEN"]);
    expect(codes(await suite.api.execute(COMPLETE, { id: request.id }, helpdesk))).toEqual(["CONFLICT"]);
    const steps = await suite.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.ground, `DATA_SUBJECT_REQUEST:${request.id}`), eq(auditEvents.action, "REQUEST_STEP")))
      .orderBy(auditEvents.chainPosition);
    expect(steps.map((e) => [e.fields, e.actorAuthorityId])).toEqual([
      [["DataSubjectRequest.step.RECEIVED"], world.authority.de],
      [["DataSubjectRequest.step.DECIDED"], world.authority.de],
    ]);
    // Every data subject consented: the whole procedure's data.
    const all = await suite.api.execute(EARLY_DELETION, { ...args, dataSubjectId: null, allDataSubjectsConsented: true }, dk);
    expect(all.data?.requestEarlyDeletion).toMatchObject({ dataSubjectId: null, allSubjectsConsented: true, status: "APPROVED" });
  });

  it("R-ACCESS-1 a portal files an access request for a citizen and reads the report once the authority completes it; nobody else's", async () => {
    const world = await suite.world();
    const { id, dataSubjectId, dk } = await exchange(suite, world);
    const portal = await world.token(world.user.portalDk);
    const filed = await suite.api.execute(
      FILE,
      { input: { kind: "ACCESS", receivingAuthorityId: world.authority.dk, requesterName: "Jens Jensen", requesterIdentifier: SUBJECT_IDENTIFIER } },
      portal,
    );
    expect(filed.errors).toBeUndefined();
    const request = filed.data!.fileDataSubjectRequest;
    expect(request).toMatchObject({ route: null, status: "RECEIVED", procedureId: null });
    // The receiving authority sees it and links it; another authority does not even see it.
    const fr = await world.token(world.user.handlerFr);
    expect(codes(await suite.api.execute(LINK, { id: request.id, procedureId: id }, fr))).toEqual(["NOT_FOUND"]);
    const linked = await suite.api.execute(LINK, { id: request.id, procedureId: id, dataSubjectId }, dk);
    expect(linked.data?.linkDataSubjectRequest).toMatchObject({ route: "RECEIVING_AUTHORITY", procedureId: id });
    await suite.api.execute(DECIDE, { id: request.id, approve: true }, dk);
    await suite.api.execute(COMPLETE, { id: request.id }, dk);

    const report = await suite.api.execute(REPORT, { requestId: request.id }, portal);
    expect(report.errors).toBeUndefined();
    expect(report.data?.accessReport.items.map((i) => i.fullName)).toEqual(["Jens Jensen"]);
    const mine = await suite.api.execute(REQUESTS, {}, portal);
    expect(mine.data?.dataSubjectRequests.edges.map((e) => e.node.id)).toEqual([request.id]);

    // Another portal and an uninvolved handler get nothing.
    const other = await suite.world();
    expect(codes(await suite.api.execute(REPORT, { requestId: request.id }, await other.token(other.user.portalDk)))).toEqual(["NOT_FOUND"]);
    expect(codes(await suite.api.execute(REPORT, { requestId: request.id }, fr))).toEqual(["NOT_FOUND"]);
    expect((await suite.api.execute(REQUESTS, {}, await other.token(other.user.portalDk))).data?.dataSubjectRequests.totalCount).toBe(0);
  });
});
