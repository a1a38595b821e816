import { describe, expect, it } from "vitest";
import { authorityLegalAreas } from "../../src/db/schema/index.js";
import { codes } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import type { TestUser, World } from "../helpers/world.js";

/**
 * Pentest F1: the Commission created a COORDINATOR in an ordinary competent authority that had no
 * accounts yet (taken for "a coordinator authority"), held its password and TOTP secret, created a
 * case handler through it and read a forwarded procedure's personal data. A coordinator account now
 * lives only in an authority the Commission designated as coordinating (authorities.coordinating),
 * which holds nothing else and takes no part in procedures. Written as text queries, not generated
 * documents, so the file also runs against the tree before the fix.
 */

const CREATE_USER = `mutation CoordinatingTestUser($input: CreateUserInput!) { createUser(input: $input) { user { id roles enrolled } enrolmentMailSent } }`;
const CREATE_AUTHORITY = `mutation CoordinatingTestAuthority($input: CreateAuthorityInput!) { createAuthority(input: $input) { id } }`;
const CREATE_PROCEDURE = `mutation CoordinatingTestProcedure($input: CreateProcedureInput!) { createProcedure(input: $input) { id } }`;

const PASSWORD = "coordinating-password-123";
let serial = 0;

describe.each(DRIVERS)("coordinator accounts live only in a designated coordinating authority, on %s", (driver) => {
  const suite = useSuite(driver);

  async function createUser(world: World, by: TestUser | string, authorityId: string, roles: string[]) {
    const email = `coordinating${++serial}.${world.tag}@imi.test`;
    const token = typeof by === "string" ? by : await world.token(by);
    const result = await suite.api.executeText<{ createUser: { user: { id: string }; enrolmentMailSent: boolean } }>(
      CREATE_USER,
      { input: { authorityId, name: `Coordinating test ${serial}`, email, roles } },
      token,
    );
    return { result, email };
  }

  async function createAuthority(world: World, by: TestUser, extra: Record<string, unknown>) {
    const n = ++serial;
    return suite.api.executeText<{ createAuthority: { id: string } }>(
      CREATE_AUTHORITY,
      {
        input: {
          name: `Authority ${n} ${world.tag}`,
          memberState: "DK",
          contactEmail: `authority${n}.${world.tag}@authority.example`,
          postalAddress: "København",
          dpoName: "DPO",
          dpoEmail: `dpo${n}.${world.tag}@authority.example`,
          legalAreaCodes: [],
          ...extra,
        },
      },
      await world.token(by),
    );
  }

  it("R-COORD-1 R-SEC-1: the Commission cannot create a COORDINATOR in a competent authority without accounts (the pentest's chain stops at its first step)", async () => {
    const world = await suite.world();
    // A competent authority registered in a legal area, with nobody in it yet (as the demo's …0007).
    const competent = await createAuthority(world, world.user.helpdesk, { legalAreaCodes: ["SERVICES"] });
    expect(competent.errors).toBeUndefined();
    const empty = competent.data!.createAuthority.id;
    for (const authorityId of [empty, world.authority.dk]) {
      const { result } = await createUser(world, world.user.helpdesk, authorityId, ["COORDINATOR"]);
      expect(codes(result), authorityId).toEqual(["FORBIDDEN"]);
    }
    // Nor as a supervisor-to-be alongside, nor a local admin, nor any other role that reaches procedures.
    for (const roles of [["COORDINATOR", "SUPERVISOR"], ["LOCAL_ADMIN"], ["CASE_HANDLER"], ["PORTAL"]]) {
      expect(codes((await createUser(world, world.user.helpdesk, empty, roles)).result), roles.join()).toEqual(["FORBIDDEN"]);
    }
  });

  it("R-COORD-1: a coordinator or local admin never creates a COORDINATOR in a competent authority", async () => {
    const world = await suite.world();
    expect(codes((await createUser(world, world.user.coordinatorDk, world.authority.dk, ["COORDINATOR"])).result)).toEqual(["FORBIDDEN"]);
    expect(codes((await createUser(world, world.user.coordinatorDk, world.authority.dk2, ["COORDINATOR", "CASE_HANDLER"])).result)).toEqual(["FORBIDDEN"]);
    expect(codes((await createUser(world, world.user.adminDk, world.authority.dk, ["COORDINATOR"])).result)).toEqual(["FORBIDDEN"]);
    // What a coordinator does create there still works.
    expect((await createUser(world, world.user.coordinatorDk, world.authority.dk, ["CASE_HANDLER"])).result.errors).toBeUndefined();
  });

  it("R-COORD-1 R-SEC-1: a coordinating authority holds COORDINATOR accounts only, so nobody the coordinator creates there works procedures", async () => {
    const world = await suite.world();
    for (const roles of [["CASE_HANDLER"], ["PORTAL"], ["LOCAL_ADMIN"], ["COORDINATOR", "CASE_HANDLER"], ["SUPERVISOR"]]) {
      const { result } = await createUser(world, world.user.coordinatorDk, world.authority.coordinatorDk, roles);
      expect(codes(result), roles.join()).toEqual(["FORBIDDEN"]);
    }
    for (const roles of [["CASE_HANDLER"], ["LOCAL_ADMIN"], ["PORTAL"], ["SUPERVISOR"]]) {
      const { result } = await createUser(world, world.user.helpdesk, world.authority.coordinatorDk, roles);
      expect(codes(result), roles.join()).toEqual(["FORBIDDEN"]);
    }
    // A second coordinator of the state, by the first or by the Commission, is still possible.
    expect((await createUser(world, world.user.coordinatorDk, world.authority.coordinatorDk, ["COORDINATOR"])).result.errors).toBeUndefined();
    expect((await createUser(world, world.user.helpdesk, world.authority.coordinatorDk, ["COORDINATOR"])).result.errors).toBeUndefined();
  });

  it("R-COORD-1: only the Commission designates a coordinating authority, in a member state and in no legal area; its coordinator then works", async () => {
    const world = await suite.world();
    expect(codes(await createAuthority(world, world.user.coordinatorDk, { coordinating: true }))).toEqual(["FORBIDDEN"]);
    expect(codes(await createAuthority(world, world.user.helpdesk, { coordinating: true, legalAreaCodes: ["SERVICES"] }))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await createAuthority(world, world.user.helpdesk, { coordinating: true, memberState: "EU" }))).toEqual(["BAD_USER_INPUT"]);
    const designated = await createAuthority(world, world.user.helpdesk, { coordinating: true });
    expect(designated.errors).toBeUndefined();
    const id = designated.data!.createAuthority.id;
    // A supervisory authority lives alone (issue 18): never in the coordinating authority.
    expect(codes((await createUser(world, world.user.helpdesk, id, ["SUPERVISOR"])).result)).toEqual(["FORBIDDEN"]);
    const { result, email } = await createUser(world, world.user.helpdesk, id, ["COORDINATOR"]);
    expect(result.errors).toBeUndefined();
    const token = await suite.api.enrolAndLogin(email, PASSWORD);
    expect(codes((await createUser(world, token, id, ["CASE_HANDLER"])).result)).toEqual(["FORBIDDEN"]);
    expect((await createUser(world, token, world.authority.dk, ["CASE_HANDLER"])).result.errors).toBeUndefined();
  });

  it("R-PURPOSE-2 R-SEC-1: a coordinating authority is never a recipient, even with a legal-area registration on record", async () => {
    const world = await suite.world();
    await world.db.insert(authorityLegalAreas).values({ authorityId: world.authority.coordinatorDk, legalAreaCode: "SERVICES" }).onConflictDoNothing();
    const result = await suite.api.executeText(
      CREATE_PROCEDURE,
      {
        input: {
          kind: "REQUEST",
          legalAreaCode: "SERVICES",
          subject: "Check",
          justification: "Needed.",
          recipientAuthorityIds: [world.authority.coordinatorDk],
        },
      },
      await world.token(world.user.handlerDe),
    );
    expect(codes(result)).toEqual(["BAD_USER_INPUT"]);
  });
});
