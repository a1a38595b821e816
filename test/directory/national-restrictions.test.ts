import { describe, expect, it } from "vitest";
import { graphql } from "../generated/gql.js";
import { codes } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite, type Suite } from "../helpers/suite.js";
import type { World } from "../helpers/world.js";
import { CREATE_PROCEDURE } from "../operations.js";

const NOTIFY = graphql(`
  mutation RestrictionsTestNotify($input: NationalRestrictionInput!) {
    recordNationalRestriction(input: $input) {
      id
      memberState
      legalAreaCode
      procedureKind
      published
      publishedAt
    }
  }
`);

const PUBLISH = graphql(`
  mutation RestrictionsTestPublish($id: ID!) {
    publishNationalRestriction(id: $id) {
      id
      published
      publishedAt
    }
  }
`);

const LIST = graphql(`
  query RestrictionsTestList($memberState: String!, $includeUnpublished: Boolean) {
    nationalRestrictions(memberState: $memberState, includeUnpublished: $includeUnpublished) {
      id
      published
    }
  }
`);

const FILE_REQUEST = graphql(`
  mutation RestrictionsTestFile($input: FileDataSubjectRequestInput!) {
    fileDataSubjectRequest(input: $input) {
      id
      nationalRestrictions {
        id
        title
        legalReference
      }
    }
  }
`);

const REQUEST_RESTRICTIONS = graphql(`
  query RestrictionsTestRequest($id: ID!) {
    dataSubjectRequest(id: $id) {
      id
      nationalRestrictions {
        id
      }
    }
  }
`);

type Narrowing = { legalAreaCode?: string; procedureKind?: "REQUEST" | "ALERT" | "NOTIFICATION" | "SOLVIT_CASE" };

function input(world: World, memberState: string, rightsAffected: string[], narrowing: Narrowing = {}) {
  return {
    memberState,
    title: `Restriction ${rightsAffected.join("+")} ${JSON.stringify(narrowing)} ${world.tag}`,
    description: `Rights restricted during an inspection (${world.tag}).`,
    legalReference: `National act § 9 (${world.tag})`,
    rightsAffected,
    ...narrowing,
  };
}

/** Notified by the DK coordinator and, unless told otherwise, published by the helpdesk. */
async function restriction(suite: Suite, world: World, rights: string[], narrowing: Narrowing = {}, publish = true): Promise<string> {
  const notified = await suite.api.execute(NOTIFY, { input: input(world, "DK", rights, narrowing) }, await world.token(world.user.coordinatorDk));
  expect(notified.errors).toBeUndefined();
  const id = notified.data!.recordNationalRestriction.id;
  if (publish) expect((await suite.api.execute(PUBLISH, { id }, await world.token(world.user.helpdesk))).errors).toBeUndefined();
  return id;
}

describe.each(DRIVERS)("national restrictions on %s", (driver) => {
  const suite = useSuite(driver);

  it("R-NOTICE-2 a coordinator notifies, only the Commission publishes, and only a published restriction is public", async () => {
    const world = await suite.world();
    const coordinator = await world.token(world.user.coordinatorDk);
    const helpdesk = await world.token(world.user.helpdesk);
    const notified = await suite.api.execute(NOTIFY, { input: input(world, "DK", ["ACCESS"]) }, coordinator);
    expect(notified.data!.recordNationalRestriction).toMatchObject({ memberState: "DK", published: false, publishedAt: null });
    const id = notified.data!.recordNationalRestriction.id;

    // Before publication: not public; the notifying state's coordinator and the Commission see it.
    expect((await suite.api.execute(LIST, { memberState: "DK" })).data!.nationalRestrictions.map((r) => r.id)).not.toContain(id);
    for (const token of [coordinator, helpdesk]) {
      const listed = await suite.api.execute(LIST, { memberState: "DK", includeUnpublished: true }, token);
      expect(listed.data!.nationalRestrictions).toContainEqual({ id, published: false });
    }
    expect(codes(await suite.api.execute(LIST, { memberState: "DK", includeUnpublished: true }))).toEqual(["UNAUTHENTICATED"]);
    for (const key of ["handlerDk", "adminDk", "portalDk"] as const) {
      const refused = await suite.api.execute(LIST, { memberState: "DK", includeUnpublished: true }, await world.token(world.user[key]));
      expect(codes(refused)).toEqual(["FORBIDDEN"]);
    }

    // The coordinator cannot publish its own notification; the Commission does, once.
    expect(codes(await suite.api.execute(PUBLISH, { id }, coordinator))).toEqual(["FORBIDDEN"]);
    const published = await suite.api.execute(PUBLISH, { id }, helpdesk);
    expect(published.data!.publishNationalRestriction).toEqual({ id, published: true, publishedAt: suite.api.clock.now().toISOString() });
    expect(codes(await suite.api.execute(PUBLISH, { id }, helpdesk))).toEqual(["CONFLICT"]);
    expect(codes(await suite.api.execute(PUBLISH, { id: "00000000-0000-4000-8000-00000000dead" }, helpdesk))).toEqual(["NOT_FOUND"]);
    expect(codes(await suite.api.execute(PUBLISH, { id: "not-an-id" }, helpdesk))).toEqual(["NOT_FOUND"]);

    // After publication: anyone, without login.
    expect((await suite.api.execute(LIST, { memberState: "DK" })).data!.nationalRestrictions).toContainEqual({ id, published: true });
  });

  it("R-NOTICE-2 refuses an unknown legal area in a notification, with nothing recorded", async () => {
    const world = await suite.world();
    const coordinator = await world.token(world.user.coordinatorDk);
    const count = async () =>
      (await suite.api.execute(LIST, { memberState: "DK", includeUnpublished: true }, coordinator)).data!.nationalRestrictions.length;
    const before = await count();
    const refused = await suite.api.execute(NOTIFY, { input: input(world, "DK", ["ACCESS"], { legalAreaCode: "NO_SUCH_AREA" }) }, coordinator);
    expect(codes(refused)).toEqual(["BAD_USER_INPUT"]);
    expect(await count()).toBe(before);
  });

  it("R-NOTICE-2 a request shows the published restrictions that apply to it: its right, its state, its legal area and kind of procedure", async () => {
    const world = await suite.world();
    const access = await restriction(suite, world, ["ACCESS"]);
    const erasure = await restriction(suite, world, ["ERASURE"]);
    const unpublishedAccess = await restriction(suite, world, ["ACCESS"], {}, false);
    const servicesOnly = await restriction(suite, world, ["ACCESS"], { legalAreaCode: "SERVICES" });
    const solvitOnly = await restriction(suite, world, ["ACCESS"], { legalAreaCode: "SOLVIT" });
    const alertsOnly = await restriction(suite, world, ["ACCESS"], { procedureKind: "ALERT" });
    const requestsOnly = await restriction(suite, world, ["ACCESS"], { procedureKind: "REQUEST" });
    const ours = [access, erasure, unpublishedAccess, servicesOnly, solvitOnly, alertsOnly, requestsOnly];
    const mine = (ids: { id: string }[]) => ids.map((r) => r.id).filter((id) => ours.includes(id)).sort();

    // A portal's access request to a Danish authority, before it is linked to a procedure: the
    // authority is registered in every area, so the area-narrowed ones apply; a kind is not known yet.
    const filed = await suite.api.execute(
      FILE_REQUEST,
      { input: { kind: "ACCESS", requesterName: `Citizen ${world.tag}`, receivingAuthorityId: world.authority.dk } },
      await world.token(world.user.portalDk),
    );
    expect(filed.errors).toBeUndefined();
    expect(mine(filed.data!.fileDataSubjectRequest.nationalRestrictions)).toEqual([access, servicesOnly, solvitOnly].sort());

    // A case handler's access request on a Services Directive request procedure.
    const handler = await world.token(world.user.handlerDk);
    const procedure = await suite.api.execute(
      CREATE_PROCEDURE,
      {
        input: {
          kind: "REQUEST",
          legalAreaCode: "SERVICES",
          subject: "Provider check",
          justification: "A provider established in Denmark offers services in Germany.",
          recipientAuthorityIds: [world.authority.de],
        },
      },
      handler,
    );
    expect(procedure.errors).toBeUndefined();
    const onProcedure = await suite.api.execute(
      FILE_REQUEST,
      { input: { kind: "ACCESS", requesterName: `Citizen ${world.tag}`, procedureId: procedure.data!.createProcedure.id } },
      handler,
    );
    expect(onProcedure.errors).toBeUndefined();
    const requestId = onProcedure.data!.fileDataSubjectRequest.id;
    expect(mine(onProcedure.data!.fileDataSubjectRequest.nationalRestrictions)).toEqual([access, servicesOnly, requestsOnly].sort());
    const read = await suite.api.execute(REQUEST_RESTRICTIONS, { id: requestId }, handler);
    expect(mine(read.data!.dataSubjectRequest!.nationalRestrictions)).toEqual([access, servicesOnly, requestsOnly].sort());

    // An erasure request shows the erasure restriction and none of the access ones.
    const erasureRequest = await suite.api.execute(
      FILE_REQUEST,
      { input: { kind: "ERASURE", requesterName: `Citizen ${world.tag}`, procedureId: procedure.data!.createProcedure.id } },
      handler,
    );
    expect(erasureRequest.errors).toBeUndefined();
    expect(mine(erasureRequest.data!.fileDataSubjectRequest.nationalRestrictions)).toEqual([erasure]);

    // A German authority's request shows none of Denmark's.
    const german = await suite.api.execute(
      FILE_REQUEST,
      { input: { kind: "ACCESS", requesterName: `Citizen ${world.tag}`, receivingAuthorityId: world.authority.de } },
      await world.token(world.user.portalDk),
    );
    expect(german.errors).toBeUndefined();
    expect(mine(german.data!.fileDataSubjectRequest.nationalRestrictions)).toEqual([]);
  });
});
