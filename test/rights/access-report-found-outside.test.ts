import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { procedures } from "../../src/db/schema/index.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import { ACCEPT, ADD_DATA_SUBJECT, CREATE_PROCEDURE, SEND } from "../operations.js";
import { dataSubjectRequests } from "../../src/db/schema/index.js";
import { codes } from "../helpers/api.js";
import { COMPLETE, CONTEST, DECIDE, EARLY_DELETION, exchange, FILE, LINK, PRODUCE_REPORT, REPORT, RETRIEVE, SUBJECT_IDENTIFIER } from "./rights-fixtures.js";
import { PROCEDURE_PERSONAL_DATA } from "../operations.js";

/** Found by an attacker from outside, on the access report (issue 11: no path around need-to-know). */
describe.each(DRIVERS)("access reports found from outside, on %s", (driver) => {
  const suite = useSuite(driver);

  it("R-ACCESS-2 R-RETAIN-4 an authority that never accepted a blocked procedure cannot grant an access request about it: the helpdesk retrieves nothing for it", async () => {
    const world = await suite.world();
    const unaccepted = await exchange(suite, world, { unaccepted: true });
    const now = suite.api.clock.now();
    await suite.db.db.update(procedures).set({ status: "CLOSED", closedAt: now, blockedAt: now }).where(eq(procedures.id, unaccepted.id));

    const filed = await suite.api.execute(
      FILE,
      { input: { kind: "ACCESS", procedureId: unaccepted.id, dataSubjectId: unaccepted.dataSubjectId, requesterName: "Jens Jensen" } },
      unaccepted.de,
    );
    expect(filed.errors).toBeUndefined();
    const id = filed.data!.fileDataSubjectRequest.id;
    // It never received the data: no grant of its opens the blocked data to the helpdesk (it used to,
    // and the helpdesk retrieved the data for a report the authority could not read).
    const decided = await suite.api.execute(DECIDE, { id, approve: true }, unaccepted.de);
    expect(codes(decided)).toEqual(["CONFLICT"]);
    expect(decided.errors![0]!.message).toMatch(/Accept the procedure first, or reject the request/);
    const produced = await suite.api.execute(PRODUCE_REPORT, { requestId: id }, await world.token(world.user.helpdesk));
    expect(codes(produced)).toEqual(["CONFLICT"]);
    expect(JSON.stringify([decided, produced])).not.toContain("Jens Jensen");
    expect(JSON.stringify([decided, produced])).not.toContain("Fine in 2025.");
  });

  it("R-ACCESS-1 an answered access report covers the data held when it was answered, not data added to later procedures", async () => {
    const world = await suite.world();
    const first = await exchange(suite, world);
    const filed = await suite.api.execute(
      FILE,
      { input: { kind: "ACCESS", procedureId: first.id, requesterName: "Jens Jensen", requesterIdentifier: SUBJECT_IDENTIFIER } },
      first.de,
    );
    const id = filed.data!.fileDataSubjectRequest.id;
    await suite.api.execute(DECIDE, { id, approve: true }, first.de);
    expect((await suite.api.execute(COMPLETE, { id }, first.de)).errors).toBeUndefined();
    const answered = await suite.api.execute(REPORT, { requestId: id }, first.de);
    expect(answered.data!.accessReport.items.map((i) => i.procedureId)).toEqual([first.id]);

    // Later, a new procedure about the same person, which DE accepts.
    suite.api.clock.advance(60_000);
    const created = await suite.api.execute(
      CREATE_PROCEDURE,
      { input: { kind: "REQUEST", legalAreaCode: "SERVICES", subject: "Later", justification: "Needed.", recipientAuthorityIds: [world.authority.de] } },
      first.dk,
    );
    const later = created.data!.createProcedure.id;
    const added = await suite.api.execute(
      ADD_DATA_SUBJECT,
      { procedureId: later, input: { fullName: "Jens Jensen", nationalIdentifier: SUBJECT_IDENTIFIER, address: "New secret address 99" } },
      first.dk,
    );
    expect(added.errors).toBeUndefined();
    await suite.api.execute(SEND, { id: later }, first.dk);
    await suite.api.execute(ACCEPT, { id: later }, first.de);

    const reread = await suite.api.execute(REPORT, { requestId: id }, first.de);
    expect(reread.data!.accessReport.items.map((i) => i.procedureId)).toEqual([first.id]);
    expect(JSON.stringify(reread.data)).not.toContain("New secret address 99");
  });
  it("R-ACCESS-2 the filing portal reads no more than the receiving authority: nothing of a blocked procedure that authority never accepted", async () => {
    const world = await suite.world();
    const unaccepted = await exchange(suite, world, { unaccepted: true });
    const portal = await world.token(world.user.portalDk);
    const filed = await suite.api.execute(
      FILE,
      { input: { kind: "ACCESS", requesterName: "Someone else", requesterIdentifier: SUBJECT_IDENTIFIER, receivingAuthorityId: world.authority.de } },
      portal,
    );
    expect(filed.errors).toBeUndefined();
    const id = filed.data!.fileDataSubjectRequest.id;
    expect((await suite.api.execute(LINK, { id, procedureId: unaccepted.id }, unaccepted.de)).errors).toBeUndefined();
    // Not accepted: the authority cannot grant it (it holds nothing of the procedure to report).
    expect(codes(await suite.api.execute(DECIDE, { id, approve: true }, unaccepted.de))).toEqual(["CONFLICT"]);
    const now = suite.api.clock.now();
    await suite.db.db.update(procedures).set({ status: "CLOSED", closedAt: now, blockedAt: now }).where(eq(procedures.id, unaccepted.id));
    // Blocked since: still no grant, so the helpdesk produces nothing, and the portal reads no report.
    expect(codes(await suite.api.execute(PRODUCE_REPORT, { requestId: id }, await world.token(world.user.helpdesk)))).toEqual(["CONFLICT"]);
    const report = await suite.api.execute(REPORT, { requestId: id }, portal);
    expect(codes(report)).toEqual(["CONFLICT"]);
    expect(JSON.stringify(report)).not.toContain("Jens Jensen");
  });

  it("R-RETAIN-6 an authority that never accepted a procedure cannot have its personal data deleted early, and nothing is recorded", async () => {
    const world = await suite.world();
    const unaccepted = await exchange(suite, world, { unaccepted: true });
    const asked = await suite.api.execute(
      EARLY_DELETION,
      { procedureId: unaccepted.id, consentReference: "C-1", legalBasis: "National law §1", allDataSubjectsConsented: true },
      unaccepted.de,
    );
    expect(codes(asked)).toEqual(["FORBIDDEN"]);
    expect(await suite.db.db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.procedureId, unaccepted.id))).toEqual([]);
    // The initiator may.
    const initiator = await suite.api.execute(
      EARLY_DELETION,
      { procedureId: unaccepted.id, consentReference: "C-1", legalBasis: "National law §1", allDataSubjectsConsented: true },
      unaccepted.dk,
    );
    expect(initiator.errors).toBeUndefined();
  });

  it("R-RECTIFY-3 a request about blocked data that nobody has granted opens no route to the data for the helpdesk", async () => {
    const world = await suite.world();
    const blocked = await exchange(suite, world, { block: true });
    const filed = await suite.api.execute(
      FILE,
      { input: { kind: "RECTIFICATION", procedureId: blocked.id, requesterName: "Made up", correction: { fullName: "X" } } },
      blocked.de,
    );
    expect(filed.errors).toBeUndefined();
    const helpdesk = await world.token(world.user.helpdesk);
    const read = await suite.api.execute(PROCEDURE_PERSONAL_DATA, { id: blocked.id }, helpdesk);
    expect(read.data?.procedure?.personalDataAccess.granted).toBe(false);
    expect(JSON.stringify(read.data)).not.toContain("Jens Jensen");
    // Granted by the receiving authority: now the helpdesk reaches it, on that recorded ground.
    expect((await suite.api.execute(DECIDE, { id: filed.data!.fileDataSubjectRequest.id, approve: true }, blocked.de)).errors).toBeUndefined();
    const granted = await suite.api.execute(PROCEDURE_PERSONAL_DATA, { id: blocked.id }, helpdesk);
    expect(granted.data?.procedure?.personalDataAccess.granted).toBe(true);
  });
  it("R-RECTIFY-1 corrected values are checked like a data subject's own input, and a bad one is refused with nothing recorded", async () => {
    const world = await suite.world();
    const open = await exchange(suite, world);
    const before = await suite.db.db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.procedureId, open.id));
    const filed = await suite.api.execute(
      FILE,
      {
        input: {
          kind: "RECTIFICATION",
          procedureId: open.id,
          dataSubjectId: open.dataSubjectId,
          requesterName: "Jens Jensen",
          correction: { dateOfBirth: "not-a-date", email: "not an email" },
        },
      },
      open.dk,
    );
    expect(codes(filed)).toEqual(["BAD_USER_INPUT"]);
    expect(await suite.db.db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.procedureId, open.id))).toEqual(before);
  });
  it("R-RECTIFY-3 a contestation of a request naming no data subject names one, and is then shown beside that person's blocked data", async () => {
    const world = await suite.world();
    const blocked = await exchange(suite, world, { block: true });
    const filed = await suite.api.execute(
      FILE,
      { input: { kind: "RECTIFICATION", procedureId: blocked.id, requesterName: "Jens Jensen", correction: { fullName: "Jens Corrected" } } },
      blocked.dk,
    );
    const requestId = filed.data!.fileDataSubjectRequest.id;
    expect((await suite.api.execute(DECIDE, { id: requestId, approve: true }, blocked.dk)).errors).toBeUndefined();
    const helpdesk = await world.token(world.user.helpdesk);
    const contest = { procedureId: blocked.id, requestId, ground: "ACCURACY" as const, statement: "The name is wrong." };
    const unnamed = await suite.api.execute(CONTEST, { input: contest }, helpdesk);
    expect(codes(unnamed)).toEqual(["BAD_USER_INPUT"]);
    const named = await suite.api.execute(CONTEST, { input: { ...contest, dataSubjectId: blocked.dataSubjectId } }, helpdesk);
    expect(named.errors).toBeUndefined();
    const retrieved = await suite.api.execute(
      RETRIEVE,
      { input: { procedureId: blocked.id, ground: "PUBLIC_INTEREST", reason: "Court order 123", requestingAuthorityId: world.authority.dk } },
      helpdesk,
    );
    expect(retrieved.errors).toBeUndefined();
    const subjects = retrieved.data!.retrieveBlockedData.procedure.dataSubjects!;
    expect(subjects.map((d) => [d.fullName, d.contestations.map((c) => [c.statement, c.rectifiedValues?.fullName])])).toEqual([
      ["Jens Jensen", [["The name is wrong.", "Jens Corrected"]]],
    ]);
  });

  it("R-RECTIFY-1 a granted erasure filed without its data subject can have the subject named once, and is then carried out", async () => {
    const world = await suite.world();
    const open = await exchange(suite, world);
    const filed = await suite.api.execute(FILE, { input: { kind: "ERASURE", procedureId: open.id, requesterName: "Jens Jensen" } }, open.dk);
    const id = filed.data!.fileDataSubjectRequest.id;
    await suite.api.execute(DECIDE, { id, approve: true }, open.dk);
    expect(codes(await suite.api.execute(COMPLETE, { id }, open.dk))).toEqual(["CONFLICT"]);
    const named = await suite.api.execute(LINK, { id, procedureId: open.id, dataSubjectId: open.dataSubjectId }, open.dk);
    expect(named.errors).toBeUndefined();
    expect(named.data!.linkDataSubjectRequest.dataSubjectId).toBe(open.dataSubjectId);
    expect(codes(await suite.api.execute(LINK, { id, procedureId: open.id, dataSubjectId: open.dataSubjectId }, open.dk))).toEqual(["CONFLICT"]);
    const done = await suite.api.execute(COMPLETE, { id }, open.dk);
    expect(done.errors).toBeUndefined();
    expect(done.data!.completeDataSubjectRequest.status).toBe("COMPLETED");
  });
  it("R-RETAIN-6 R-RETAIN-4 over-long early-deletion texts and a malformed requesting authority are refused with a coded error", async () => {
    const world = await suite.world();
    const open = await exchange(suite, world, { block: true });
    const long = await suite.api.execute(
      EARLY_DELETION,
      { procedureId: open.id, consentReference: "C-1", legalBasis: "x".repeat(2001), allDataSubjectsConsented: true },
      open.dk,
    );
    expect(codes(long)).toEqual(["BAD_USER_INPUT"]);
    const retrieval = await suite.api.execute(
      RETRIEVE,
      { input: { procedureId: open.id, ground: "PUBLIC_INTEREST", reason: "Court order", requestingAuthorityId: "not-a-uuid" } },
      await world.token(world.user.helpdesk),
    );
    expect(codes(retrieval)).toEqual(["BAD_USER_INPUT"]);
  });
});
