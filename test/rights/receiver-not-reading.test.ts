import { describe, expect, it } from "vitest";
import { codes } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import { ACCEPT, PROCEDURE_PERSONAL_DATA } from "../operations.js";
import { COMPLETE, DECIDE, exchange, FILE, LINK, ONE_REQUEST, PRODUCE_REPORT, REPORT, SUBJECT_IDENTIFIER } from "./rights-fixtures.js";

/**
 * Found from outside (attack on the rights and routing work): a responder that had not accepted a
 * procedure granted its own erasure request about it and so opened the procedure's personal data to
 * the helpdesk (R-RECTIFY-1, Art. 8); and an access request linked to a deleted or blocked procedure
 * was answered from that procedure alone, "no data held", while the authority held the citizen's data
 * in another one (R-ACCESS-1).
 */
describe.each(DRIVERS)("the receiving authority's own data, on %s", (driver) => {
  const suite = useSuite(driver);

  it("R-RECTIFY-1 R-SEC-1 an authority that has not accepted the procedure cannot grant an erasure about it: the helpdesk gets no route to its personal data", async () => {
    const world = await suite.world();
    const c = await exchange(suite, world, { unaccepted: true });
    const helpdesk = await world.token(world.user.helpdesk);
    const filed = await suite.api.execute(
      FILE,
      { input: { kind: "ERASURE", procedureId: c.id, dataSubjectId: c.dataSubjectId, requesterName: "Jens Jensen" } },
      c.de,
    );
    expect(filed.errors).toBeUndefined();
    const id = filed.data!.fileDataSubjectRequest.id;
    expect(filed.data!.fileDataSubjectRequest.route).toBe("HELPDESK_WITH_INITIATOR");

    const granted = await suite.api.execute(DECIDE, { id, approve: true }, c.de);
    expect(codes(granted)).toEqual(["CONFLICT"]);
    expect(granted.errors![0]!.message).toMatch(/Accept the procedure first, or reject the request/);
    const seen = await suite.api.execute(PROCEDURE_PERSONAL_DATA, { id: c.id }, helpdesk);
    expect(seen.data?.procedure?.personalDataAccess.granted).toBe(false);
    expect(JSON.stringify(seen)).not.toContain("Jens Jensen");
    expect(JSON.stringify(seen)).not.toContain(SUBJECT_IDENTIFIER);
    expect((await suite.api.execute(ONE_REQUEST, { id }, c.de)).data!.dataSubjectRequest!.status).not.toBe("APPROVED");

    // Rejecting stays possible; once it accepts the procedure, it can grant one.
    const rejected = await suite.api.execute(DECIDE, { id, approve: false, note: "Not ours to decide before we accept." }, c.de);
    expect(rejected.errors).toBeUndefined();
    expect((await suite.api.execute(ACCEPT, { id: c.id }, c.de)).errors).toBeUndefined();
    const again = await suite.api.execute(FILE, { input: { kind: "ERASURE", procedureId: c.id, dataSubjectId: c.dataSubjectId, requesterName: "Jens Jensen" } }, c.de);
    expect((await suite.api.execute(DECIDE, { id: again.data!.fileDataSubjectRequest.id, approve: true }, c.de)).errors).toBeUndefined();
    expect((await suite.api.execute(PROCEDURE_PERSONAL_DATA, { id: c.id }, helpdesk)).data?.procedure?.personalDataAccess.granted).toBe(true);
  });

  async function portalAccessTo(world: Awaited<ReturnType<typeof suite.world>>, identifier: string | null) {
    const portal = await world.token(world.user.portalDk);
    const filed = await suite.api.execute(
      FILE,
      { input: { kind: "ACCESS", requesterName: "Jens Jensen", requesterIdentifier: identifier, receivingAuthorityId: world.authority.de } },
      portal,
    );
    expect(filed.errors).toBeUndefined();
    return { id: filed.data!.fileDataSubjectRequest.id, portal };
  }

  it("R-ACCESS-1 R-ACCESS-2 an access request linked to a deleted procedure is answered from the citizen's data the authority holds elsewhere, not 'no data held'", async () => {
    const world = await suite.world();
    const held = await exchange(suite, world);
    const deleted = await exchange(suite, world, { delete: true });
    const { id, portal } = await portalAccessTo(world, SUBJECT_IDENTIFIER);
    const linked = await suite.api.execute(LINK, { id, procedureId: deleted.id }, held.de);
    expect(linked.errors).toBeUndefined();
    // Not answered at once: the receiving authority decides and answers from everything it holds.
    expect(linked.data!.linkDataSubjectRequest.status).toBe("RECEIVED");
    expect((await suite.api.execute(DECIDE, { id, approve: true }, held.de)).errors).toBeUndefined();
    expect((await suite.api.execute(COMPLETE, { id }, held.de)).errors).toBeUndefined();
    for (const token of [portal, held.de]) {
      const report = await suite.api.execute(REPORT, { requestId: id }, token);
      expect(report.errors).toBeUndefined();
      expect(report.data!.accessReport.noDataHeld).toBe(false);
      expect(report.data!.accessReport.items.map((item) => [item.procedureId, item.fullName])).toEqual([[held.id, "Jens Jensen"]]);
    }

    // Control: with nothing to search by but the deleted procedure, the answer is still "no data held", at once.
    const bare = await portalAccessTo(world, null);
    const answered = await suite.api.execute(LINK, { id: bare.id, procedureId: deleted.id }, held.de);
    expect(answered.data!.linkDataSubjectRequest.status).toBe("COMPLETED");
    expect((await suite.api.execute(REPORT, { requestId: bare.id }, bare.portal)).data!.accessReport).toMatchObject({ noDataHeld: true, items: [] });
  });

  it("R-ACCESS-2 an access request linked to a blocked procedure is answered with the helpdesk's retrieval and the data the authority holds itself; the helpdesk reads only what it retrieved", async () => {
    const world = await suite.world();
    const held = await exchange(suite, world);
    const blocked = await exchange(suite, world, { block: true });
    const helpdesk = await world.token(world.user.helpdesk);
    const { id, portal } = await portalAccessTo(world, SUBJECT_IDENTIFIER);
    const linked = await suite.api.execute(LINK, { id, procedureId: blocked.id, dataSubjectId: blocked.dataSubjectId }, held.de);
    expect(linked.errors).toBeUndefined();
    expect(linked.data!.linkDataSubjectRequest.route).toBe("HELPDESK_REPORT");
    expect((await suite.api.execute(DECIDE, { id, approve: true }, held.de)).errors).toBeUndefined();
    const produced = await suite.api.execute(PRODUCE_REPORT, { requestId: id }, helpdesk);
    expect(produced.errors).toBeUndefined();
    // Art. 8: the helpdesk's route is the blocked procedure, not the authority's open ones.
    expect(produced.data!.produceAccessReport.items.map((item) => item.procedureId)).toEqual([blocked.id]);
    expect((await suite.api.execute(COMPLETE, { id }, held.de)).errors).toBeUndefined();
    for (const token of [portal, held.de]) {
      const report = await suite.api.execute(REPORT, { requestId: id }, token);
      expect(report.errors).toBeUndefined();
      expect(report.data!.accessReport.items.map((item) => item.procedureId).sort()).toEqual([held.id, blocked.id].sort());
    }
  });
});
