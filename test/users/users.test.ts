import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "../../src/db/schema/index.js";
import { graphql } from "../generated/gql.js";
import type { CreateUserInput, Role, UsersTestListQueryVariables } from "../generated/graphql.js";
import { codes } from "../helpers/api.js";
import { countRows } from "../helpers/counts.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import { TEST_PASSWORD, type TestUser, type World } from "../helpers/world.js";
import { CREATE_PROCEDURE, SEND } from "../operations.js";

const CREATE_USER = graphql(`
  mutation UsersTestCreate($input: CreateUserInput!) {
    createUser(input: $input) {
      enrolmentExpiresAt
      enrolmentMailSent
      user {
        id
        name
        email
        roles
        active
        enrolled
        authority {
          id
        }
      }
    }
  }
`);

const DEACTIVATE = graphql(`
  mutation UsersTestDeactivate($id: ID!) {
    deactivateUser(id: $id) {
      id
      active
      deactivatedAt
    }
  }
`);

const USERS = graphql(`
  query UsersTestList($filter: UserFilter, $first: Int, $after: String) {
    users(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          email
          roles
          authority {
            id
            memberState
          }
        }
      }
    }
  }
`);

const VIEWER = graphql(`
  query UsersTestViewer {
    viewer {
      id
      email
      roles
      authority {
        id
      }
    }
  }
`);

const NEW_PASSWORD = "a-long-enough-password";
const AUTHORITY_KEYS = ["helpdesk", "coordinatorDk", "dk", "dk2", "de", "de2", "fr", "portalDk"] as const;

describe.each(DRIVERS)("users on %s", (driver) => {
  const suite = useSuite(driver);

  let serial = 0;
  const newInput = (world: World, authorityId: string, overrides: Partial<CreateUserInput> = {}): CreateUserInput => ({
    authorityId,
    name: "New Colleague",
    email: `new${++serial}.${world.tag}@imi.test`,
    roles: ["CASE_HANDLER"],
    ...overrides,
  });

  /**
   * A user of an authority outside the world's managers' reach (a German one: the world has no German
   * coordinator or local admin, and the Commission does not provision member-state accounts, Art. 8),
   * inserted as its own administration would have created it.
   */
  async function insertedUser(world: World, input: CreateUserInput) {
    const [user] = await world.db
      .insert(users)
      .values({
        authorityId: input.authorityId,
        name: input.name,
        email: input.email,
        roles: input.roles,
        passwordHash: "not-used",
        totpSecret: "JBSWY3DPEHPK3PXP",
        createdAt: suite.api.clock.now(),
      })
      .returning();
    return { user: { ...user!, authority: { id: user!.authorityId } } };
  }

  async function createUser(world: World, by: TestUser, input: CreateUserInput) {
    return suite.api.execute(CREATE_USER, { input }, await world.token(by));
  }

  async function createdUser(world: World, by: TestUser, input: CreateUserInput) {
    const result = await createUser(world, by, input);
    expect(result.errors).toBeUndefined();
    return result.data!.createUser;
  }

  async function deactivate(world: World, by: TestUser, target: { id: string }) {
    return suite.api.execute(DEACTIVATE, { id: target.id }, await world.token(by));
  }

  const usersOf = (authorityId: string) => countRows(suite.db.db, users, eq(users.authorityId, authorityId));
  const withEmail = (email: string) => countRows(suite.db.db, users, sql`lower(${users.email}) = lower(${email})`);

  async function listPage(token: string, variables: UsersTestListQueryVariables) {
    const result = await suite.api.execute(USERS, variables, token);
    expect(result.errors).toBeUndefined();
    return result.data!.users;
  }

  /** The ids of the users `viewer` sees in `authorityId`, checking that totalCount agrees with the rows. */
  async function visibleIn(world: World, viewer: TestUser, authorityId: string): Promise<string[]> {
    const result = await suite.api.execute(USERS, { filter: { authorityId }, first: 100 }, await world.token(viewer));
    expect(result.errors).toBeUndefined();
    const page = result.data!.users;
    expect(page.pageInfo.hasNextPage).toBe(false);
    expect(page.totalCount).toBe(page.edges.length);
    for (const edge of page.edges) expect(edge.node.authority.id).toBe(authorityId);
    return page.edges.map((edge) => edge.node.id).sort();
  }

  /** What `viewer` sees of each of the world's authorities. */
  async function visibleByAuthority(world: World, viewer: TestUser) {
    const seen: Partial<Record<(typeof AUTHORITY_KEYS)[number], string[]>> = {};
    for (const key of AUTHORITY_KEYS) seen[key] = await visibleIn(world, viewer, world.authority[key]);
    return seen;
  }

  const ids = (...list: TestUser[]) => list.map((user) => user.id).sort();

  describe("createUser", () => {
    it("lets a local admin create a user of its authority, who enrols with the mailed code and then logs in (R-SEC-1)", async () => {
      const world = await suite.world();
      const input = newInput(world, world.authority.dk, { roles: ["CASE_HANDLER", "LOCAL_ADMIN"] });
      const created = await createdUser(world, world.user.adminDk, input);
      expect(created.user).toMatchObject({
        name: "New Colleague",
        email: input.email,
        roles: ["CASE_HANDLER", "LOCAL_ADMIN"],
        active: true,
        enrolled: false,
        authority: { id: world.authority.dk },
      });
      expect(created.enrolmentMailSent).toBe(true);
      expect(new Date(created.enrolmentExpiresAt).getTime()).toBe(suite.api.clock.now().getTime() + 72 * 3600 * 1000);

      const totpSecret = await suite.api.enrol(input.email, NEW_PASSWORD);
      expect(totpSecret).toMatch(/^[A-Z2-7]{32}$/);
      const token = await suite.api.login(input.email, NEW_PASSWORD, totpSecret);
      const viewer = await suite.api.execute(VIEWER, {}, token);
      expect(viewer.data?.viewer).toEqual({
        id: created.user.id,
        email: input.email,
        roles: ["CASE_HANDLER", "LOCAL_ADMIN"],
        authority: { id: world.authority.dk },
      });
      // Another user's secret does not open the new account.
      await expect(suite.api.login(input.email, NEW_PASSWORD, "JBSWY3DPEHPK3PXP")).rejects.toThrow(/login .* failed/);
    });

    it("pentest G2 refuses a PORTAL account with any other role (BAD_USER_INPUT naming roles), and creates nothing; PORTAL alone is created", async () => {
      const world = await suite.world();
      for (const [by, authorityId, roles] of [
        [world.user.adminDk, world.authority.dk, ["PORTAL", "CASE_HANDLER"]],
        [world.user.adminDk, world.authority.dk, ["LOCAL_ADMIN", "PORTAL"]],
        [world.user.coordinatorDk, world.authority.portalDk, ["PORTAL", "CASE_HANDLER"]],
      ] as [TestUser, string, Role[]][]) {
        const input = newInput(world, authorityId, { roles });
        const result = await createUser(world, by, input);
        expect(result.data).toBeNull();
        expect(result.errors?.map((e) => [e.extensions?.code, e.extensions?.field]), JSON.stringify(roles)).toEqual([["BAD_USER_INPUT", "roles"]]);
        expect(result.errors?.[0]?.message).toContain("A PORTAL account holds no other role");
        expect(await withEmail(input.email)).toBe(0);
      }
      const portal = await createdUser(world, world.user.coordinatorDk, newInput(world, world.authority.portalDk, { roles: ["PORTAL"] }));
      expect(portal.user.roles).toEqual(["PORTAL"]);
    });

    it("R-SEC-1 refuses a local admin creating a user of another authority (FORBIDDEN), and creates nothing", async () => {
      const world = await suite.world();
      const input = newInput(world, world.authority.dk2);
      const result = await createUser(world, world.user.adminDk, input);
      expect(result.data).toBeNull();
      expect(codes(result)).toEqual(["FORBIDDEN"]);
      expect(await usersOf(world.authority.dk2)).toBe(1);
      expect(await withEmail(input.email)).toBe(0);
    });

    it("R-COORD-1 lets a coordinator create users in the authorities of its state, not of another state", async () => {
      const world = await suite.world();
      const coordinator = world.user.coordinatorDk;
      const inDk2 = await createdUser(world, coordinator, newInput(world, world.authority.dk2, { roles: ["LOCAL_ADMIN"] }));
      expect(inDk2.user).toMatchObject({ roles: ["LOCAL_ADMIN"], authority: { id: world.authority.dk2 } });
      await createdUser(world, coordinator, newInput(world, world.authority.portalDk, { roles: ["PORTAL"] }));

      for (const authorityId of [world.authority.de, world.authority.fr, world.authority.helpdesk]) {
        const before = await usersOf(authorityId);
        const result = await createUser(world, coordinator, newInput(world, authorityId));
        expect(codes(result), authorityId).toEqual(["FORBIDDEN"]);
        expect(await usersOf(authorityId)).toBe(before);
      }
    });

    it("R-COORD-1 refuses a local admin granting COORDINATOR or COMMISSION, and a coordinator granting COMMISSION (FORBIDDEN)", async () => {
      const world = await suite.world();
      const refusals: [TestUser, Role[]][] = [
        [world.user.adminDk, ["COORDINATOR"]],
        [world.user.adminDk, ["COMMISSION"]],
        [world.user.adminDk, ["CASE_HANDLER", "COORDINATOR"]],
        [world.user.coordinatorDk, ["COMMISSION"]],
      ];
      for (const [by, roles] of refusals) {
        const result = await createUser(world, by, newInput(world, world.authority.dk, { roles }));
        expect(codes(result), `${by.email} granting ${roles.join()}`).toEqual(["FORBIDDEN"]);
      }
      expect(await usersOf(world.authority.dk)).toBe(2);
      // What they may grant works.
      await createdUser(world, world.user.adminDk, newInput(world, world.authority.dk, { roles: ["LOCAL_ADMIN"] }));
      // A coordinator grants COORDINATOR in its coordinating authority only (pentest F1).
      await createdUser(world, world.user.coordinatorDk, newInput(world, world.authority.coordinatorDk, { roles: ["COORDINATOR"] }));
    });

    it("refuses createUser to case handlers and portals (FORBIDDEN)", async () => {
      const world = await suite.world();
      for (const by of [world.user.handlerDk, world.user.portalDk]) {
        const result = await createUser(world, by, newInput(world, by.authorityId));
        expect(codes(result), by.email).toEqual(["FORBIDDEN"]);
      }
      expect(await usersOf(world.authority.dk)).toBe(2);
      expect(await usersOf(world.authority.portalDk)).toBe(1);
    });

    it("refuses an e-mail address already in use, whatever its case (CONFLICT)", async () => {
      const world = await suite.world();
      for (const email of [world.user.handlerDk2.email, world.user.handlerDk2.email.toUpperCase()]) {
        const result = await createUser(world, world.user.adminDk, newInput(world, world.authority.dk, { email }));
        expect(codes(result), email).toEqual(["CONFLICT"]);
      }
      expect(await withEmail(world.user.handlerDk2.email)).toBe(1);
      expect(await usersOf(world.authority.dk)).toBe(2);
    });

    it("refuses invalid input (BAD_USER_INPUT) and creates nothing", async () => {
      const world = await suite.world();
      const invalid: [string, Partial<CreateUserInput>][] = [
        ["email", { email: "not-an-e-mail" }],
        ["roles", { roles: [] }],
      ];
      for (const [field, overrides] of invalid) {
        const input = newInput(world, world.authority.dk, overrides);
        const result = await createUser(world, world.user.adminDk, input);
        expect(result.data, field).toBeNull();
        expect(codes(result), field).toEqual(["BAD_USER_INPUT"]);
        expect(result.errors?.[0]?.extensions?.fields, field).toEqual([field]);
        expect(await withEmail(input.email)).toBe(0);
      }
      expect(await usersOf(world.authority.dk)).toBe(2);
    });

    it("answers NOT_FOUND for an authority that does not exist", async () => {
      const world = await suite.world();
      for (const authorityId of ["00000000-0000-4000-8000-00000000dead", "not-a-uuid"]) {
        expect(codes(await createUser(world, world.user.helpdesk, newInput(world, authorityId))), authorityId).toEqual(["NOT_FOUND"]);
      }
    });
  });

  describe("deactivateUser", () => {
    it("lets a local admin deactivate a user of its authority", async () => {
      const world = await suite.world();
      suite.api.clock.advance(60_000);
      const result = await deactivate(world, world.user.adminDk, world.user.handlerDk);
      expect(result.errors).toBeUndefined();
      expect(result.data?.deactivateUser).toEqual({
        id: world.user.handlerDk.id,
        active: false,
        deactivatedAt: suite.api.clock.now().toISOString(),
      });
    });

    it("R-SEC-1 answers NOT_FOUND to a local admin for a user of another authority, exactly as for a missing user", async () => {
      const world = await suite.world();
      const other = await deactivate(world, world.user.adminDk, world.user.handlerDk2);
      const missingId = "00000000-0000-4000-8000-00000000dead";
      const missing = await deactivate(world, world.user.adminDk, { id: missingId });
      expect(other.data).toBeNull();
      expect(codes(other)).toEqual(["NOT_FOUND"]);
      expect(codes(missing)).toEqual(["NOT_FOUND"]);
      expect(other.errors?.[0]?.message.replace(world.user.handlerDk2.id, "ID")).toBe(missing.errors?.[0]?.message.replace(missingId, "ID"));
      expect(codes(await deactivate(world, world.user.adminDk, { id: "not-a-uuid" }))).toEqual(["NOT_FOUND"]);
      // Still active: the next login works.
      await suite.api.login(world.user.handlerDk2.email, TEST_PASSWORD, "JBSWY3DPEHPK3PXP");
    });

    it("refuses deactivateUser to a case handler (FORBIDDEN)", async () => {
      const world = await suite.world();
      const result = await deactivate(world, world.user.handlerDk, world.user.adminDk);
      expect(codes(result)).toEqual(["FORBIDDEN"]);
      const stillActive = await suite.api.execute(VIEWER, {}, await world.token(world.user.adminDk));
      expect(stillActive.data?.viewer?.id).toBe(world.user.adminDk.id);
    });

    it("refuses deactivating yourself, and deactivating twice (CONFLICT)", async () => {
      const world = await suite.world();
      expect(codes(await deactivate(world, world.user.adminDk, world.user.adminDk))).toEqual(["CONFLICT"]);
      expect(codes(await deactivate(world, world.user.coordinatorDk, world.user.coordinatorDk))).toEqual(["CONFLICT"]);
      expect((await suite.api.execute(VIEWER, {}, await world.token(world.user.adminDk))).data?.viewer?.id).toBe(world.user.adminDk.id);

      expect((await deactivate(world, world.user.adminDk, world.user.handlerDk)).errors).toBeUndefined();
      suite.api.clock.advance(60_000);
      expect(codes(await deactivate(world, world.user.adminDk, world.user.handlerDk))).toEqual(["CONFLICT"]);
      // The first deactivation's time stands.
      const [row] = await suite.db.db.select({ deactivatedAt: users.deactivatedAt }).from(users).where(eq(users.id, world.user.handlerDk.id));
      expect(row?.deactivatedAt?.toISOString()).toBe(new Date(suite.api.clock.now().getTime() - 60_000).toISOString());
    });

    it("R-COORD-1 lets a coordinator deactivate users in its state only", async () => {
      const world = await suite.world();
      const coordinator = world.user.coordinatorDk;
      for (const target of [world.user.handlerDk2, world.user.portalDk]) {
        const result = await deactivate(world, coordinator, target);
        expect(result.errors, target.email).toBeUndefined();
        expect(result.data?.deactivateUser.active).toBe(false);
      }
      for (const target of [world.user.handlerDe, world.user.handlerFr, world.user.helpdesk]) {
        expect(codes(await deactivate(world, coordinator, target)), target.email).toEqual(["NOT_FOUND"]);
      }
      const active = await countRows(suite.db.db, users, sql`${users.id} in (${world.user.handlerDe.id}, ${world.user.handlerFr.id}, ${world.user.helpdesk.id}) and ${users.active}`);
      expect(active).toBe(3);
    });
  });

  describe("users list", () => {
    it("R-SEC-1 shows the Commission every user", async () => {
      const world = await suite.world();
      const seen = await visibleByAuthority(world, world.user.helpdesk);
      expect(seen).toEqual({
        helpdesk: ids(world.user.helpdesk),
        coordinatorDk: ids(world.user.coordinatorDk),
        dk: ids(world.user.adminDk, world.user.handlerDk),
        dk2: ids(world.user.handlerDk2),
        de: ids(world.user.handlerDe),
        de2: ids(world.user.handlerDe2),
        fr: ids(world.user.handlerFr),
        portalDk: ids(world.user.portalDk),
      });
    });

    it("R-COORD-1 R-SEC-1 shows a coordinator the users of its state and none of another state", async () => {
      const world = await suite.world();
      const seen = await visibleByAuthority(world, world.user.coordinatorDk);
      expect(seen).toEqual({
        helpdesk: [],
        coordinatorDk: ids(world.user.coordinatorDk),
        dk: ids(world.user.adminDk, world.user.handlerDk),
        dk2: ids(world.user.handlerDk2),
        de: [],
        de2: [],
        fr: [],
        portalDk: ids(world.user.portalDk),
      });

      // Unfiltered, across all the worlds of this database: only DK users, page after page.
      const token = await world.token(world.user.coordinatorDk);
      let after: string | null | undefined = null;
      let total = 0;
      let rows = 0;
      do {
        const page = await listPage(token, { first: 5, after });
        total = page.totalCount;
        rows += page.edges.length;
        for (const edge of page.edges) expect(edge.node.authority.memberState, edge.node.email).toBe("DK");
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      expect(rows).toBe(total);
      expect(total).toBeGreaterThanOrEqual(5);
    });

    it("R-SEC-1 shows a local admin only the users of its authority", async () => {
      const world = await suite.world();
      const seen = await visibleByAuthority(world, world.user.adminDk);
      expect(seen).toEqual({
        helpdesk: [],
        coordinatorDk: [],
        dk: ids(world.user.adminDk, world.user.handlerDk),
        dk2: [],
        de: [],
        de2: [],
        fr: [],
        portalDk: [],
      });
      const all = await suite.api.execute(USERS, { first: 100 }, await world.token(world.user.adminDk));
      expect(all.data?.users.totalCount).toBe(2);
    });

    it("R-SEC-1 shows a case handler itself, and the case handlers of authorities it works a sent procedure with", async () => {
      const world = await suite.world();
      const handler = world.user.handlerDk;
      // A local admin in DE: not a case handler, so never shown to DK's handler.
      const adminDe = await insertedUser(world, newInput(world, world.authority.de, { roles: ["LOCAL_ADMIN"] }));
      const nothingElse = { helpdesk: [], coordinatorDk: [], dk2: [], de2: [], fr: [], portalDk: [] };
      expect(await visibleByAuthority(world, handler)).toEqual({ ...nothingElse, dk: ids(handler), de: [] });

      const dk = await world.token(handler);
      const created = await suite.api.execute(
        CREATE_PROCEDURE,
        {
          input: {
            kind: "REQUEST",
            legalAreaCode: "SERVICES",
            subject: "Registration check",
            justification: "The provider applied to work in Denmark.",
            recipientAuthorityIds: [world.authority.de],
          },
        },
        dk,
      );
      expect(created.errors).toBeUndefined();
      const procedureId = created.data!.createProcedure.id;
      // A draft involves nobody else yet.
      expect(await visibleIn(world, handler, world.authority.de)).toEqual([]);

      expect((await suite.api.execute(SEND, { id: procedureId }, dk)).errors).toBeUndefined();
      expect(await visibleByAuthority(world, handler)).toEqual({ ...nothingElse, dk: ids(handler), de: ids(world.user.handlerDe) });
      expect(await visibleIn(world, handler, world.authority.de)).not.toContain(adminDe.user.id);

      // The other side sees DK's case handler, and still nobody of FR.
      const seenByDe = await visibleByAuthority(world, world.user.handlerDe);
      expect(seenByDe.dk).toEqual(ids(handler));
      expect(seenByDe.fr).toEqual([]);
      expect(await visibleByAuthority(world, world.user.handlerFr)).toEqual({
        helpdesk: [],
        coordinatorDk: [],
        dk: [],
        dk2: [],
        de: [],
        de2: [],
        fr: ids(world.user.handlerFr),
        portalDk: [],
      });
    });

    it("R-SEC-1 shows a portal no users at all", async () => {
      const world = await suite.world();
      const token = await world.token(world.user.portalDk);
      const all = await suite.api.execute(USERS, { first: 100 }, token);
      expect(all.errors).toBeUndefined();
      expect(all.data?.users).toMatchObject({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false } });
      expect(await visibleIn(world, world.user.portalDk, world.authority.portalDk)).toEqual([]);
    });

    it("refuses the list without a token (UNAUTHENTICATED)", async () => {
      const result = await suite.api.execute(USERS, { first: 1 }, undefined);
      expect(result.data).toBeNull();
      expect(codes(result)).toEqual(["UNAUTHENTICATED"]);
    });

    it("pages newest first with first/after, and totalCount and pages stay right under row scoping", async () => {
      const world = await suite.world();
      const handler = world.user.handlerDk;
      // DE: handlerDe plus two more case handlers, a local admin and a portal, created a minute apart.
      const extra: { id: string; roles: string[] }[] = [];
      for (const roles of [["CASE_HANDLER"], ["LOCAL_ADMIN"], ["CASE_HANDLER"], ["PORTAL"]] as Role[][]) {
        suite.api.clock.advance(60_000);
        extra.push((await insertedUser(world, newInput(world, world.authority.de, { roles }))).user);
      }
      const dk = await world.token(handler);
      const created = await suite.api.execute(
        CREATE_PROCEDURE,
        {
          input: {
            kind: "REQUEST",
            legalAreaCode: "SERVICES",
            subject: "Registration check",
            justification: "The provider applied to work in Denmark.",
            recipientAuthorityIds: [world.authority.de],
          },
        },
        dk,
      );
      expect((await suite.api.execute(SEND, { id: created.data!.createProcedure.id }, dk)).errors).toBeUndefined();

      async function pages(viewer: TestUser) {
        const token = await world.token(viewer);
        const seen: { ids: string[]; totalCount: number; hasNextPage: boolean }[] = [];
        let after: string | null | undefined = null;
        do {
          const page = await listPage(token, { filter: { authorityId: world.authority.de }, first: 2, after });
          seen.push({ ids: page.edges.map((edge) => edge.node.id), totalCount: page.totalCount, hasNextPage: page.pageInfo.hasNextPage });
          after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
        } while (after && seen.length < 10);
        return seen;
      }

      const [handler1, admin, handler2, portal] = extra.map((user) => user.id) as [string, string, string, string];
      // Newest first; the world's own user is the oldest.
      expect(await pages(world.user.helpdesk)).toEqual([
        { ids: [portal, handler2], totalCount: 5, hasNextPage: true },
        { ids: [admin, handler1], totalCount: 5, hasNextPage: true },
        { ids: [world.user.handlerDe.id], totalCount: 5, hasNextPage: false },
      ]);
      // DK's case handler sees DE's case handlers only: the pages hold no gaps for the rows it may not see.
      expect(await pages(handler)).toEqual([
        { ids: [handler2, handler1], totalCount: 3, hasNextPage: true },
        { ids: [world.user.handlerDe.id], totalCount: 3, hasNextPage: false },
      ]);
    });

    it("refuses a page size out of range and a cursor it did not issue (BAD_USER_INPUT)", async () => {
      const world = await suite.world();
      const token = await world.token(world.user.helpdesk);
      for (const variables of [{ first: 0 }, { first: 101 }, { first: 2, after: "not-a-cursor" }]) {
        expect(codes(await suite.api.execute(USERS, variables, token)), JSON.stringify(variables)).toEqual(["BAD_USER_INPUT"]);
      }
    });
  });
});
