import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, personalDataGrants } from "../../src/db/schema/index.js";
import { codes } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import { PROCEDURE_PERSONAL_DATA } from "../operations.js";
import {
  COMPLETE,
  CONTEST,
  DECIDE,
  EARLY_DELETION,
  exchange,
  FILE,
  LINK,
  REPORT,
  REQUESTS,
  RETRIEVE,
  SUBJECT_IDENTIFIER,
} from "./rights-fixtures.js";

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
      { ground: "ACCURACY", statement: "The data subject contests the fine." },
    ]);
    // A rectification of blocked data is not carried out.
    const filed = await suite.api.execute(
      FILE,
      { input: { kind: "RECTIFICATION", procedureId: id, dataSubjectId, requesterName: "Jens Jensen", correction: { fullName: "J. Jensen" } } },
      de,
    );
    const request = filed.data!.fileDataSubjectRequest;
    await suite.api.execute(DECIDE, { id: request.id, approve: true }, helpdesk);
    expect(codes(await suite.api.execute(COMPLETE, { id: request.id }, helpdesk))).toEqual(["CONFLICT"]);
    // Open data is not contested this way.
    const open = await exchange(suite, world);
    expect(codes(await suite.api.execute(CONTEST, { input: { ...contest, procedureId: open.id, dataSubjectId: open.dataSubjectId } }, helpdesk))).toEqual([
      "CONFLICT",
    ]);
  });

  it("R-RETAIN-6 takes an early-deletion request only from the initiator, with consent and a legal basis, for the helpdesk to approve", async () => {
    const world = await suite.world();
    const { id, dk, de } = await exchange(suite, world, { close: true });
    expect(codes(await suite.api.execute(EARLY_DELETION, { procedureId: id, consentReference: " ", legalBasis: "Lov 502 § 7" }, dk))).toEqual([
      "BAD_USER_INPUT",
    ]);
    expect(codes(await suite.api.execute(EARLY_DELETION, { procedureId: id, consentReference: "C-9", legalBasis: "" }, dk))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await suite.api.execute(EARLY_DELETION, { procedureId: id, consentReference: "C-9", legalBasis: "Lov 502 § 7" }, de))).toEqual([
      "FORBIDDEN",
    ]);
    const asked = await suite.api.execute(EARLY_DELETION, { procedureId: id, consentReference: "C-9", legalBasis: "Lov 502 § 7" }, dk);
    expect(asked.data?.requestEarlyDeletion).toMatchObject({ kind: "EARLY_DELETION", route: "COMMISSION", status: "ESCALATED" });
    const request = asked.data!.requestEarlyDeletion;
    const approved = await suite.api.execute(DECIDE, { id: request.id, approve: true }, await world.token(world.user.helpdesk));
    expect(approved.data?.decideDataSubjectRequest.status).toBe("APPROVED");
    // Carried out by the retention job, not by hand.
    expect(codes(await suite.api.execute(COMPLETE, { id: request.id }, await world.token(world.user.helpdesk)))).toEqual(["CONFLICT"]);
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
