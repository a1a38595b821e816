import { describe, expect, it } from "vitest";
import { graphql } from "../generated/gql.js";
import type { CreateAuthorityInput } from "../generated/graphql.js";
import { codes } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite, type Suite } from "../helpers/suite.js";
import type { World } from "../helpers/world.js";
import { CREATE_PROCEDURE, PROCEDURES } from "../operations.js";

const LEGAL_AREAS = graphql(`
  query DirectoryTestLegalAreas {
    legalAreas {
      code
      name
      actReference
      enabled
      blockingPeriodMonths
      consentRequired
      closedAlertsStayVisible
    }
  }
`);

const SET_LEGAL_AREA_ENABLED = graphql(`
  mutation DirectoryTestSetLegalAreaEnabled($code: String!, $enabled: Boolean!) {
    setLegalAreaEnabled(code: $code, enabled: $enabled) {
      code
      enabled
    }
  }
`);

const AUTHORITY_FIELDS = graphql(`
  fragment DirectoryTestAuthorityFields on Authority {
    id
    name
    memberState
    contactEmail
    contactPhone
    postalAddress
    website
    legalAreas {
      code
    }
    dataProtectionOfficer {
      name
      email
    }
  }
`);

const CREATE_AUTHORITY = graphql(`
  mutation DirectoryTestCreateAuthority($input: CreateAuthorityInput!) {
    createAuthority(input: $input) {
      ...DirectoryTestAuthorityFields
    }
  }
`);

const AUTHORITIES = graphql(`
  query DirectoryTestAuthorities($filter: AuthorityFilter, $first: Int) {
    authorities(filter: $filter, first: $first) {
      totalCount
      edges {
        node {
          id
          name
          memberState
        }
      }
    }
  }
`);

const AUTHORITY = graphql(`
  query DirectoryTestAuthority($id: ID!) {
    authority(id: $id) {
      ...DirectoryTestAuthorityFields
    }
  }
`);

const PRIVACY_NOTICE = graphql(`
  query DirectoryTestPrivacyNotice($authorityId: ID!) {
    privacyNotice(authorityId: $authorityId) {
      controller {
        ...DirectoryTestAuthorityFields
      }
      processing
      recipientCategories
      rights {
        right
        description
      }
      nationalExceptions {
        id
        memberState
        title
        description
        legalReference
        rightsAffected
      }
      moreInformation {
        title
        url
      }
      text
    }
  }
`);

const NATIONAL_RESTRICTIONS = graphql(`
  query DirectoryTestNationalRestrictions($memberState: String!) {
    nationalRestrictions(memberState: $memberState) {
      id
      memberState
      title
      description
      legalReference
      rightsAffected
      createdAt
    }
  }
`);

const RECORD_NATIONAL_RESTRICTION = graphql(`
  mutation DirectoryTestRecordNationalRestriction($input: NationalRestrictionInput!) {
    recordNationalRestriction(input: $input) {
      id
      memberState
      title
      description
      legalReference
      rightsAffected
      createdAt
    }
  }
`);

const PUBLISH_NATIONAL_RESTRICTION = graphql(`
  mutation DirectoryTestPublishNationalRestriction($id: ID!) {
    publishNationalRestriction(id: $id) {
      id
      published
    }
  }
`);

const MISSING_ID = "00000000-0000-4000-8000-00000000dead";

function authorityInput(world: World, overrides: Partial<CreateAuthorityInput> = {}): CreateAuthorityInput {
  return {
    name: `Danish Maritime Authority ${world.tag}`,
    memberState: "DK",
    legalAreaCodes: ["SERVICES", "PROFESSIONAL_QUALIFICATIONS"],
    contactEmail: `dma.${world.tag}@authority.example`,
    contactPhone: "+45 72 19 60 00",
    postalAddress: "Caspar Brands Plads 9, 4220 Korsør, Denmark",
    website: "https://www.dma.example",
    dpoName: `Data protection officer ${world.tag}`,
    dpoEmail: `dpo.dma.${world.tag}@authority.example`,
    ...overrides,
  };
}

function restrictionInput(world: World, memberState: string) {
  return {
    memberState,
    title: `Access postponed during inspections ${world.tag}`,
    description: `Access may be postponed while an inspection is running (${world.tag}).`,
    legalReference: `National act § 7 (${world.tag})`,
    rightsAffected: ["ACCESS", "RECTIFICATION"],
  };
}

/** All procedures in the file's database, as the Commission counts them. */
async function procedureCount(suite: Suite, world: World): Promise<number> {
  const result = await suite.api.execute(PROCEDURES, { first: 1 }, await world.token(world.user.helpdesk));
  expect(result.errors).toBeUndefined();
  return result.data!.procedures.totalCount;
}

async function createRequest(suite: Suite, world: World, legalAreaCode: string) {
  return suite.api.execute(
    CREATE_PROCEDURE,
    {
      input: {
        kind: "REQUEST",
        legalAreaCode,
        subject: "Posted worker check",
        justification: "The employer posted a worker to Denmark.",
        recipientAuthorityIds: [world.authority.de],
      },
    },
    await world.token(world.user.handlerDk),
  );
}

describe.each(DRIVERS)("directory on %s", (driver) => {
  const suite = useSuite(driver);

  it("lists the six annex areas with their blocking periods, consent and closed-alert flags", async () => {
    const world = await suite.world();
    const result = await suite.api.execute(LEGAL_AREAS, {}, await world.token(world.user.handlerDk));
    expect(result.errors).toBeUndefined();
    const areas = Object.fromEntries(result.data!.legalAreas.map((area) => [area.code, area]));
    expect(Object.keys(areas).sort()).toEqual([
      "EURO_CASH_TRANSPORT",
      "PATIENTS_RIGHTS",
      "POSTING_OF_WORKERS",
      "PROFESSIONAL_QUALIFICATIONS",
      "SERVICES",
      "SOLVIT",
    ]);
    expect(areas.SERVICES).toMatchObject({ actReference: "Directive 2006/123/EC", blockingPeriodMonths: 6, consentRequired: false, closedAlertsStayVisible: true });
    expect(areas.PROFESSIONAL_QUALIFICATIONS).toMatchObject({ actReference: "Directive 2005/36/EC", blockingPeriodMonths: 6 });
    expect(areas.PATIENTS_RIGHTS).toMatchObject({ actReference: "Directive 2011/24/EU", blockingPeriodMonths: 6 });
    expect(areas.EURO_CASH_TRANSPORT).toMatchObject({ actReference: "Regulation (EU) No 1214/2011", blockingPeriodMonths: 6 });
    expect(areas.POSTING_OF_WORKERS).toMatchObject({ actReference: "Directive 96/71/EC", blockingPeriodMonths: 6 });
    expect(areas.SOLVIT).toMatchObject({ blockingPeriodMonths: 18, consentRequired: true, closedAlertsStayVisible: false });
    for (const area of Object.values(areas)) {
      expect(area.enabled).toBe(true);
      expect(area.name.length).toBeGreaterThan(0);
      if (area.code !== "SOLVIT") expect(area.consentRequired).toBe(false);
      if (area.code !== "SERVICES") expect(area.closedAlertsStayVisible).toBe(false);
    }
  });

  it("R-PURPOSE-1 refuses a procedure in an area the Commission disabled, and accepts it again once re-enabled", async () => {
    const world = await suite.world();
    const commission = await world.token(world.user.helpdesk);
    const handler = await world.token(world.user.handlerDk);
    const area = "POSTING_OF_WORKERS";
    try {
      const disabled = await suite.api.execute(SET_LEGAL_AREA_ENABLED, { code: area, enabled: false }, commission);
      expect(disabled.errors).toBeUndefined();
      expect(disabled.data?.setLegalAreaEnabled).toEqual({ code: area, enabled: false });
      const listed = await suite.api.execute(LEGAL_AREAS, {}, handler);
      expect(listed.data?.legalAreas.find((a) => a.code === area)?.enabled).toBe(false);

      const before = await procedureCount(suite, world);
      const refused = await createRequest(suite, world, area);
      expect(refused.data).toBeNull();
      expect(codes(refused)).toEqual(["BAD_USER_INPUT"]);
      expect(refused.errors?.[0]?.message).toMatch(/disabled/);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ field: "legalAreaCode" });
      expect(await procedureCount(suite, world)).toBe(before);
      const mine = await suite.api.execute(PROCEDURES, {}, handler);
      expect(mine.data?.procedures.totalCount).toBe(0);

      const enabled = await suite.api.execute(SET_LEGAL_AREA_ENABLED, { code: area, enabled: true }, commission);
      expect(enabled.data?.setLegalAreaEnabled).toEqual({ code: area, enabled: true });
      const created = await createRequest(suite, world, area);
      expect(created.errors).toBeUndefined();
      expect(created.data?.createProcedure).toMatchObject({ status: "DRAFT", legalArea: { code: area } });
      expect(await procedureCount(suite, world)).toBe(before + 1);
    } finally {
      // Legal areas are shared by every world in this file's database.
      await suite.api.execute(SET_LEGAL_AREA_ENABLED, { code: area, enabled: true }, commission);
    }
  });

  it("R-PURPOSE-1 refuses a procedure in an unknown area and creates nothing", async () => {
    const world = await suite.world();
    const before = await procedureCount(suite, world);
    const refused = await createRequest(suite, world, "NO_SUCH_AREA");
    expect(codes(refused)).toEqual(["BAD_USER_INPUT"]);
    expect(await procedureCount(suite, world)).toBe(before);
  });

  it("R-PURPOSE-1 lets only the Commission enable or disable a legal area", async () => {
    const world = await suite.world();
    for (const user of [world.user.coordinatorDk, world.user.adminDk, world.user.handlerDk, world.user.portalDk]) {
      const result = await suite.api.execute(SET_LEGAL_AREA_ENABLED, { code: "SERVICES", enabled: false }, await world.token(user));
      expect(result.data).toBeNull();
      expect(codes(result)).toEqual(["FORBIDDEN"]);
    }
    const listed = await suite.api.execute(LEGAL_AREAS, {}, await world.token(world.user.handlerDk));
    expect(listed.data?.legalAreas.every((area) => area.enabled)).toBe(true);

    const unknown = await suite.api.execute(SET_LEGAL_AREA_ENABLED, { code: "NO_SUCH_AREA", enabled: false }, await world.token(world.user.helpdesk));
    expect(codes(unknown)).toEqual(["NOT_FOUND"]);
  });

  it("R-COORD-1 lets a coordinator create an authority in its own member state, with legal areas and DPO", async () => {
    const world = await suite.world();
    const coordinator = await world.token(world.user.coordinatorDk);
    suite.api.clock.advance(60_000); // newest first in the directory
    const input = authorityInput(world);
    const created = await suite.api.execute(CREATE_AUTHORITY, { input }, coordinator);
    expect(created.errors).toBeUndefined();
    const authority = created.data!.createAuthority;
    expect(authority).toMatchObject({
      name: input.name,
      memberState: "DK",
      contactEmail: input.contactEmail,
      contactPhone: input.contactPhone,
      postalAddress: input.postalAddress,
      website: input.website,
      dataProtectionOfficer: { name: input.dpoName, email: input.dpoEmail },
    });
    expect(authority.legalAreas.map((area) => area.code)).toEqual(["PROFESSIONAL_QUALIFICATIONS", "SERVICES"]);

    const handler = await world.token(world.user.handlerDe);
    const listed = await suite.api.execute(AUTHORITIES, { filter: { memberState: "DK" }, first: 100 }, handler);
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.authorities.edges.map((edge) => edge.node)).toContainEqual({ id: authority.id, name: input.name, memberState: "DK" });
    expect(listed.data!.authorities.edges.every((edge) => edge.node.memberState === "DK")).toBe(true);
    const byArea = await suite.api.execute(AUTHORITIES, { filter: { memberState: "DK", legalAreaCode: "SOLVIT" }, first: 100 }, handler);
    expect(byArea.data!.authorities.edges.map((edge) => edge.node.id)).not.toContain(authority.id);

    const fetched = await suite.api.execute(AUTHORITY, { id: authority.id }, handler);
    expect(fetched.errors).toBeUndefined();
    expect(fetched.data?.authority).toEqual(authority);
  });

  it("R-COORD-1 refuses a coordinator an authority of another member state, and a case handler any", async () => {
    const world = await suite.world();
    const before = await suite.api.execute(AUTHORITIES, { first: 1 }, await world.token(world.user.helpdesk));
    const abroad = await suite.api.execute(
      CREATE_AUTHORITY,
      { input: authorityInput(world, { memberState: "DE" }) },
      await world.token(world.user.coordinatorDk),
    );
    expect(abroad.data).toBeNull();
    expect(codes(abroad)).toEqual(["FORBIDDEN"]);
    for (const user of [world.user.handlerDk, world.user.adminDk, world.user.portalDk]) {
      const refused = await suite.api.execute(CREATE_AUTHORITY, { input: authorityInput(world) }, await world.token(user));
      expect(codes(refused)).toEqual(["FORBIDDEN"]);
    }
    const after = await suite.api.execute(AUTHORITIES, { first: 1 }, await world.token(world.user.helpdesk));
    expect(after.data?.authorities.totalCount).toBe(before.data?.authorities.totalCount);
  });

  it("R-COORD-1 lets the Commission create an authority in any member state", async () => {
    const world = await suite.world();
    const commission = await world.token(world.user.helpdesk);
    for (const memberState of ["DE", "FR", "NO"]) {
      const created = await suite.api.execute(
        CREATE_AUTHORITY,
        { input: authorityInput(world, { memberState, name: `Authority ${memberState} ${world.tag}`, legalAreaCodes: ["SOLVIT"] }) },
        commission,
      );
      expect(created.errors).toBeUndefined();
      expect(created.data?.createAuthority).toMatchObject({ memberState, legalAreas: [{ code: "SOLVIT" }] });
    }
  });

  it("refuses an unknown legal area or member state with BAD_USER_INPUT and creates nothing", async () => {
    const world = await suite.world();
    const commission = await world.token(world.user.helpdesk);
    const count = async () => (await suite.api.execute(AUTHORITIES, { first: 1 }, commission)).data?.authorities.totalCount;
    const before = await count();

    const area = await suite.api.execute(
      CREATE_AUTHORITY,
      { input: authorityInput(world, { legalAreaCodes: ["SERVICES", "NO_SUCH_AREA"] }) },
      await world.token(world.user.coordinatorDk),
    );
    expect(codes(area)).toEqual(["BAD_USER_INPUT"]);
    expect(area.errors?.[0]?.message).toContain("NO_SUCH_AREA");

    const state = await suite.api.execute(CREATE_AUTHORITY, { input: authorityInput(world, { memberState: "XX" }) }, commission);
    expect(codes(state)).toEqual(["BAD_USER_INPUT"]);
    const malformed = await suite.api.execute(CREATE_AUTHORITY, { input: authorityInput(world, { memberState: "dk" }) }, commission);
    expect(codes(malformed)).toEqual(["BAD_USER_INPUT"]);
    expect(await count()).toBe(before);
  });

  it("answers NOT_FOUND for a missing authority", async () => {
    const world = await suite.world();
    const handler = await world.token(world.user.handlerDk);
    const missing = await suite.api.execute(AUTHORITY, { id: MISSING_ID }, handler);
    expect(missing.data?.authority).toBeNull();
    expect(codes(missing)).toEqual(["NOT_FOUND"]);
    expect(codes(await suite.api.execute(AUTHORITY, { id: "not-a-uuid" }, handler))).toEqual(["NOT_FOUND"]);
  });

  it("R-NOTICE-1 gives anyone, without login, an authority's transparency notice", async () => {
    const world = await suite.world();
    suite.api.clock.advance(60_000);
    const created = await suite.api.execute(CREATE_AUTHORITY, { input: authorityInput(world) }, await world.token(world.user.coordinatorDk));
    const authority = created.data!.createAuthority;
    const restriction = await suite.api.execute(
      RECORD_NATIONAL_RESTRICTION,
      { input: restrictionInput(world, "DK") },
      await world.token(world.user.coordinatorDk),
    );
    expect(restriction.errors).toBeUndefined();
    const published = await suite.api.execute(
      PUBLISH_NATIONAL_RESTRICTION,
      { id: restriction.data!.recordNationalRestriction.id },
      await world.token(world.user.helpdesk),
    );
    expect(published.errors).toBeUndefined();
    const elsewhere = await suite.api.execute(
      RECORD_NATIONAL_RESTRICTION,
      { input: { ...restrictionInput(world, "FR"), title: `French exception ${world.tag}` } },
      await world.token(world.user.helpdesk),
    );
    expect(elsewhere.errors).toBeUndefined();
    expect(
      (await suite.api.execute(PUBLISH_NATIONAL_RESTRICTION, { id: elsewhere.data!.recordNationalRestriction.id }, await world.token(world.user.helpdesk))).errors,
    ).toBeUndefined();

    const result = await suite.api.execute(PRIVACY_NOTICE, { authorityId: authority.id });
    expect(result.errors).toBeUndefined();
    const notice = result.data!.privacyNotice!;

    // Data may be processed in IMI.
    expect(notice.processing).toContain("Internal Market Information System (IMI)");
    expect(notice.processing).toContain(authority.name);
    // The controller's identity and contact, and its DPO.
    expect(notice.controller).toEqual(authority);
    // Categories of recipients.
    expect(notice.recipientCategories.length).toBeGreaterThan(0);
    expect(notice.recipientCategories.join("\n")).toMatch(/other EU and EEA member states/);
    // The rights of access and rectification (and erasure).
    expect(notice.rights.map((r) => r.right)).toEqual(expect.arrayContaining(["ACCESS", "RECTIFICATION", "ERASURE"]));
    for (const right of notice.rights) expect(right.description.length).toBeGreaterThan(0);
    // The national exceptions of the authority's state, and only those.
    const exceptions = notice.nationalExceptions.filter((e) => e.title.includes(world.tag));
    expect(exceptions).toEqual([
      {
        id: restriction.data!.recordNationalRestriction.id,
        ...restrictionInput(world, "DK"),
      },
    ]);
    expect(notice.nationalExceptions.every((e) => e.memberState === "DK")).toBe(true);
    // Where to read more.
    expect(notice.moreInformation.length).toBeGreaterThan(0);
    for (const link of notice.moreInformation) expect(link.url).toMatch(/^https:\/\//);

    // The text holds all of it.
    const parts = [
      notice.processing,
      authority.name,
      authority.memberState,
      authority.postalAddress,
      authority.contactEmail,
      authority.contactPhone!,
      authority.dataProtectionOfficer.name,
      authority.dataProtectionOfficer.email,
      ...notice.recipientCategories,
      ...notice.rights.flatMap((r) => [r.right, r.description]),
      ...exceptions.flatMap((e) => [e.title, e.legalReference, e.description]),
      ...notice.moreInformation.flatMap((l) => [l.title, l.url]),
    ];
    for (const part of parts) expect(notice.text).toContain(part);
    expect(notice.text).not.toContain(`French exception ${world.tag}`);
  });

  it("R-NOTICE-1 answers NOT_FOUND for the notice of a missing authority", async () => {
    const missing = await suite.api.execute(PRIVACY_NOTICE, { authorityId: MISSING_ID });
    expect(missing.data?.privacyNotice).toBeNull();
    expect(codes(missing)).toEqual(["NOT_FOUND"]);
  });

  it("R-NOTICE-2 lets the state's coordinator notify a restriction that, once the Commission publishes it, anyone reads without login, also in the state's notices", async () => {
    const world = await suite.world();
    const coordinator = await world.token(world.user.coordinatorDk);
    const input = restrictionInput(world, "DK");

    const before = await suite.api.execute(NATIONAL_RESTRICTIONS, { memberState: "DK" });
    expect(before.errors).toBeUndefined();
    expect(before.data!.nationalRestrictions.filter((r) => r.title.includes(world.tag))).toEqual([]);

    const recorded = await suite.api.execute(RECORD_NATIONAL_RESTRICTION, { input }, coordinator);
    expect(recorded.errors).toBeUndefined();
    const restriction = recorded.data!.recordNationalRestriction;
    expect(restriction).toMatchObject({ ...input, createdAt: suite.api.clock.now().toISOString() });

    // Notified, not yet published: not public, not in the notices.
    const unpublished = await suite.api.execute(NATIONAL_RESTRICTIONS, { memberState: "DK" });
    expect(unpublished.data!.nationalRestrictions.map((r) => r.id)).not.toContain(restriction.id);
    const unpublishedNotice = (await suite.api.execute(PRIVACY_NOTICE, { authorityId: world.authority.dk })).data!.privacyNotice!;
    expect(unpublishedNotice.nationalExceptions.map((e) => e.id)).not.toContain(restriction.id);
    const publish = await suite.api.execute(PUBLISH_NATIONAL_RESTRICTION, { id: restriction.id }, await world.token(world.user.helpdesk));
    expect(publish.data!.publishNationalRestriction).toEqual({ id: restriction.id, published: true });

    const listed = await suite.api.execute(NATIONAL_RESTRICTIONS, { memberState: "DK" });
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.nationalRestrictions).toContainEqual(restriction);
    expect(listed.data!.nationalRestrictions.every((r) => r.memberState === "DK")).toBe(true);
    const german = await suite.api.execute(NATIONAL_RESTRICTIONS, { memberState: "DE" });
    expect(german.data!.nationalRestrictions.map((r) => r.id)).not.toContain(restriction.id);

    for (const authorityId of [world.authority.dk, world.authority.dk2, world.authority.coordinatorDk]) {
      const notice = (await suite.api.execute(PRIVACY_NOTICE, { authorityId })).data!.privacyNotice!;
      expect(notice.nationalExceptions.map((e) => e.id)).toContain(restriction.id);
      expect(notice.text).toContain(input.title);
      expect(notice.text).toContain(input.legalReference);
    }
    const abroad = (await suite.api.execute(PRIVACY_NOTICE, { authorityId: world.authority.de })).data!.privacyNotice!;
    expect(abroad.nationalExceptions.map((e) => e.id)).not.toContain(restriction.id);
    expect(abroad.text).not.toContain(input.title);
  });

  it("R-NOTICE-2 refuses a restriction by a coordinator of another state or by a case handler, and an unknown member state", async () => {
    const world = await suite.world();
    const coordinator = await world.token(world.user.coordinatorDk);
    const abroad = await suite.api.execute(RECORD_NATIONAL_RESTRICTION, { input: restrictionInput(world, "DE") }, coordinator);
    expect(abroad.data).toBeNull();
    expect(codes(abroad)).toEqual(["FORBIDDEN"]);
    const handler = await suite.api.execute(RECORD_NATIONAL_RESTRICTION, { input: restrictionInput(world, "DK") }, await world.token(world.user.handlerDk));
    expect(codes(handler)).toEqual(["FORBIDDEN"]);
    const anonymous = await suite.api.execute(RECORD_NATIONAL_RESTRICTION, { input: restrictionInput(world, "DK") });
    expect(codes(anonymous)).toEqual(["UNAUTHENTICATED"]);
    const unknown = await suite.api.execute(RECORD_NATIONAL_RESTRICTION, { input: restrictionInput(world, "XX") }, await world.token(world.user.helpdesk));
    expect(codes(unknown)).toEqual(["BAD_USER_INPUT"]);

    for (const memberState of ["DE", "DK", "XX"]) {
      const listed = await suite.api.execute(NATIONAL_RESTRICTIONS, { memberState });
      expect(listed.data?.nationalRestrictions?.filter((r) => r.title.includes(world.tag)) ?? []).toEqual([]);
    }
    expect(codes(await suite.api.execute(NATIONAL_RESTRICTIONS, { memberState: "XX" }))).toEqual(["BAD_USER_INPUT"]);
  });

  it("answers UNAUTHENTICATED for the protected directory queries without a token", async () => {
    const world = await suite.world();
    const authorities = await suite.api.execute(AUTHORITIES, {});
    expect(authorities.data).toBeNull();
    expect(codes(authorities)).toEqual(["UNAUTHENTICATED"]);
    const areas = await suite.api.execute(LEGAL_AREAS, {});
    expect(areas.data).toBeNull();
    expect(codes(areas)).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await suite.api.execute(AUTHORITY, { id: world.authority.dk }))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await suite.api.execute(CREATE_AUTHORITY, { input: authorityInput(world) }))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await suite.api.execute(SET_LEGAL_AREA_ENABLED, { code: "SERVICES", enabled: false }))).toEqual(["UNAUTHENTICATED"]);
  });
});
