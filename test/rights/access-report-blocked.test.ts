import { describe, expect, it } from "vitest";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import { COMPLETE, DECIDE, exchange, FILE, REPORT, SUBJECT_IDENTIFIER } from "./rights-fixtures.js";

describe.each(DRIVERS)("access reports and blocked data on %s", (driver) => {
  const suite = useSuite(driver);

  it("R-RETAIN-1 R-ACCESS-2 an authority answering an access request itself reports no blocked data, not even through the identifier", async () => {
    const world = await suite.world();
    // Two exchanges of dk about the same citizen (same national identifier); the older one blocked.
    const blocked = await exchange(suite, world, { block: true });
    const open = await exchange(suite, world);
    // dk's case handler files an access request on the open one, names the identifier, approves and
    // completes it itself: it used to read the blocked procedure's records through its own report.
    const filed = await suite.api.execute(
      FILE,
      { input: { kind: "ACCESS", procedureId: open.id, requesterName: "Jens Jensen", requesterIdentifier: SUBJECT_IDENTIFIER } },
      open.dk,
    );
    const request = filed.data!.fileDataSubjectRequest;
    expect(request.route).toBe("RECEIVING_AUTHORITY");
    await suite.api.execute(DECIDE, { id: request.id, approve: true }, open.dk);
    await suite.api.execute(COMPLETE, { id: request.id }, open.dk);
    const report = await suite.api.execute(REPORT, { requestId: request.id }, open.dk);
    expect(report.errors).toBeUndefined();
    expect(report.data!.accessReport.items.map((item) => item.procedureId)).toEqual([open.id]);
    expect(report.data!.accessReport.items.map((item) => item.procedureId)).not.toContain(blocked.id);
  });
});
