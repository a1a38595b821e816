import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { procedures } from "../../src/db/schema/index.js";
import { codes } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import { ACCEPT } from "../operations.js";
import { COMPLETE, DECIDE, exchange, FILE, LINK, ONE_REQUEST, REPORT } from "./rights-fixtures.js";

/**
 * Found from outside (attack on the enrolment work, finding 3): a request's route and its access
 * report were decided on the procedure as the *viewer* sees it. The filing portal does not see the
 * procedure (the matrix: what it filed), so to the portal it looked deleted: a request answered with
 * data held read "no data held" (R-ACCESS-2), and the route it was shown was not the one the
 * authorities and the database's policy act on. And a responder that had not accepted the procedure
 * answered an access request with an empty report while the data was held (R-ACCESS-1).
 */
describe.each(DRIVERS)("a request's route and report, the same for every viewer (%s)", (driver) => {
  const suite = useSuite(driver);

  async function portalRequestLinkedBy(world: Awaited<ReturnType<typeof suite.world>>, procedureId: string, dataSubjectId: string, token: string) {
    const portal = await world.token(world.user.portalDk);
    const filed = await suite.api.execute(FILE, { input: { kind: "ACCESS", requesterName: "Jens Jensen", receivingAuthorityId: world.authority.de } }, portal);
    expect(filed.errors).toBeUndefined();
    const id = filed.data!.fileDataSubjectRequest.id;
    const linked = await suite.api.execute(LINK, { id, procedureId, dataSubjectId }, token);
    expect(linked.errors).toBeUndefined();
    return { id, portal };
  }

  it("R-ACCESS-1 a receiving authority that has not accepted the procedure cannot answer an access request with a report that leaves out the data held", async () => {
    const world = await suite.world();
    const c = await exchange(suite, world, { unaccepted: true });
    const { id, portal } = await portalRequestLinkedBy(world, c.id, c.dataSubjectId, c.de);
    // It cannot grant what it would answer from data it never received (rights.service.ts RECEIVER_NOT_READING).
    const refused = await suite.api.execute(DECIDE, { id, approve: true }, c.de);
    expect(codes(refused)).toEqual(["CONFLICT"]);
    expect(refused.errors![0]!.message).toMatch(/Accept the procedure first/);
    expect((await suite.api.execute(ONE_REQUEST, { id }, c.de)).data!.dataSubjectRequest!.status).toBe("RECEIVED");
    expect(codes(await suite.api.execute(COMPLETE, { id }, c.de))).toEqual(["CONFLICT"]);

    // Accepted, it grants the request and answers from what it reads, and the portal reads the same report.
    expect((await suite.api.execute(ACCEPT, { id: c.id }, c.de)).errors).toBeUndefined();
    expect((await suite.api.execute(DECIDE, { id, approve: true }, c.de)).errors).toBeUndefined();
    expect((await suite.api.execute(COMPLETE, { id }, c.de)).errors).toBeUndefined();
    const toPortal = await suite.api.execute(REPORT, { requestId: id }, portal);
    expect(toPortal.errors).toBeUndefined();
    expect(toPortal.data!.accessReport.noDataHeld).toBe(false);
    expect(toPortal.data!.accessReport.items.map((i) => i.fullName)).toEqual(["Jens Jensen"]);
  });

  it("R-ACCESS-2 the filing portal is told no data is held only when the procedure's data is deleted, not because it does not see the procedure", async () => {
    const world = await suite.world();
    const c = await exchange(suite, world);
    const portal = await world.token(world.user.portalDk);
    // A citizen the receiving authority finds nothing of in the procedure it links (no data subject named).
    const filed = await suite.api.execute(
      FILE,
      { input: { kind: "ACCESS", requesterName: "Someone Else", requesterIdentifier: "010101-0000", receivingAuthorityId: world.authority.de } },
      portal,
    );
    const id = filed.data!.fileDataSubjectRequest.id;
    expect((await suite.api.execute(LINK, { id, procedureId: c.id }, c.de)).errors).toBeUndefined();
    await suite.api.execute(DECIDE, { id, approve: true }, c.de);
    expect((await suite.api.execute(COMPLETE, { id }, c.de)).errors).toBeUndefined();

    const toAuthority = await suite.api.execute(REPORT, { requestId: id }, c.de);
    const toPortal = await suite.api.execute(REPORT, { requestId: id }, portal);
    expect(toAuthority.data!.accessReport).toMatchObject({ noDataHeld: false, items: [] });
    // Before: true, as the portal does not see the procedure, whose personal data is held.
    expect(toPortal.data!.accessReport).toMatchObject({ noDataHeld: false, items: [] });

    await suite.db.db.update(procedures).set({ blockedAt: suite.api.clock.now(), personalDataDeletedAt: suite.api.clock.now() }).where(eq(procedures.id, c.id));
    const deleted = await suite.api.execute(REPORT, { requestId: id }, portal);
    expect(deleted.data!.accessReport.noDataHeld).toBe(true);
    expect((await suite.api.execute(REPORT, { requestId: id }, c.de)).data!.accessReport.noDataHeld).toBe(true);
  });
});
