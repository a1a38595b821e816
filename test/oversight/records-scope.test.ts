import { describe, expect, it } from "vitest";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";

/**
 * The records of processing count, per legal area, the procedures of a member state. They are read
 * under the system role (SYSTEM_USES.statistics), past the row policies, so their scope is the
 * service's alone: an outside attack on issue 13 found that a coordinator's count included another
 * state's unsent drafts naming one of its authorities, which its procedure list rightly leaves out.
 */
const RECORDS = `{ recordsOfProcessing { legalArea { code } procedureCount } }`;
const TOTAL = `query($area: String!) { procedures(filter: { legalAreaCode: $area }) { totalCount } }`;
const CREATE = `mutation($input: CreateProcedureInput!) { createProcedure(input: $input) { id status } }`;
const SEND = `mutation($id: ID!) { sendProcedure(id: $id) { id status } }`;

describe.each(DRIVERS)("records of processing, scoped as the procedure list on %s", (driver) => {
  const suite = useSuite(driver);

  it("R-SEC-1 a coordinator's count leaves out another state's unsent draft naming its authority, counts it once sent, and always equals its own list's totalCount", async () => {
    const world = await suite.world();
    const coordinator = await world.token(world.user.coordinatorDk);
    const counts = async () => {
      const records = await suite.api.executeText<{ recordsOfProcessing: { legalArea: { code: string }; procedureCount: number }[] }>(RECORDS, {}, coordinator);
      expect(records.errors).toBeUndefined();
      const solvit = records.data!.recordsOfProcessing.find((r) => r.legalArea.code === "SOLVIT")!.procedureCount;
      const listed = await suite.api.executeText<{ procedures: { totalCount: number } }>(TOTAL, { area: "SOLVIT" }, coordinator);
      expect(listed.errors).toBeUndefined();
      expect(solvit, "the records count what the coordinator's own list counts").toBe(listed.data!.procedures.totalCount);
      return solvit;
    };
    const before = await counts();

    const handlerDe = await world.token(world.user.handlerDe);
    const draft = await suite.api.executeText<{ createProcedure: { id: string; status: string } }>(
      CREATE,
      {
        input: {
          kind: "SOLVIT_CASE",
          legalAreaCode: "SOLVIT",
          consentReference: "Complaint form 7",
          subject: "A draft the Danish side must not learn of",
          justification: "The applicant's qualification was not recognised.",
          recipientAuthorityIds: [world.authority.dk],
        },
      },
      handlerDe,
    );
    expect(draft.errors).toBeUndefined();
    expect(draft.data!.createProcedure.status).toBe("DRAFT");
    expect(await counts(), "an unsent German draft is not the Danish coordinator's").toBe(before);

    const sent = await suite.api.executeText(SEND, { id: draft.data!.createProcedure.id }, handlerDe);
    expect(sent.errors).toBeUndefined();
    expect(await counts(), "once sent, the Danish authority takes part").toBe(before + 1);
  });
});
