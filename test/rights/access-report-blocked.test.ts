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

  it("R-SEC-1 R-ACCESS-1 an authority that has not accepted a procedure reports none of its personal data, whoever asks", async () => {
    const world = await suite.world();
    // Sent to DE, not accepted: the matrix gives DE the procedure's metadata, not its personal data.
    const sent = await exchange(suite, world, { unaccepted: true });
    const filed = await suite.api.execute(
      FILE,
      { input: { kind: "ACCESS", procedureId: sent.id, requesterName: "Jens Jensen", requesterIdentifier: SUBJECT_IDENTIFIER } },
      sent.de,
    );
    const request = filed.data!.fileDataSubjectRequest;
    expect(request.route).toBe("RECEIVING_AUTHORITY");
    await suite.api.execute(DECIDE, { id: request.id, approve: true }, sent.de);
    // It cannot answer from what it cannot read (route-for-every-viewer.test.ts): refused, not an empty report.
    const completed = await suite.api.execute(COMPLETE, { id: request.id }, sent.de);
    expect(completed.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    const report = await suite.api.execute(REPORT, { requestId: request.id }, sent.de);
    expect(report.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    // It used to list the data subject and the sensitive record of a procedure DE may not read.
    expect(JSON.stringify([completed, report])).not.toContain("Jens Jensen");
    expect(JSON.stringify([completed, report])).not.toContain("Fine in 2025.");
  });
});
