import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, users } from "../../src/db/schema/index.js";
import { graphql } from "../generated/gql.js";
import type { CreateUserInput } from "../generated/graphql.js";
import { codes } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import type { TestUser, World } from "../helpers/world.js";

const PROVISION = graphql(`
  mutation ProvisioningTestCreate($input: CreateUserInput!) {
    createUser(input: $input) {
      user {
        id
        roles
        createdBy {
          id
        }
      }
    }
  }
`);

const CREATORS = graphql(`
  query ProvisioningTestCreators($filter: UserFilter) {
    users(filter: $filter, first: 100) {
      edges {
        node {
          id
          createdBy {
            id
            email
          }
        }
      }
    }
  }
`);

const DEACTIVATE = graphql(`
  mutation ProvisioningTestDeactivate($id: ID!) {
    deactivateUser(id: $id) {
      id
      active
    }
  }
`);

const NEW_AUTHORITY = graphql(`
  mutation ProvisioningTestAuthority($input: CreateAuthorityInput!) {
    createAuthority(input: $input) {
      id
    }
  }
`);

let serial = 0;

describe.each(DRIVERS)("who provisions which account, on %s", (driver) => {
  const suite = useSuite(driver);

  const input = (world: World, authorityId: string, roles: CreateUserInput["roles"]): CreateUserInput => ({
    authorityId,
    name: `Provisioned ${++serial} ${world.tag}`,
    email: `provisioned${serial}.${world.tag}@imi.test`,
    roles,
  });

  async function provision(world: World, by: TestUser, value: CreateUserInput) {
    return suite.api.execute(PROVISION, { input: value }, await world.token(by));
  }

  async function usersNamed(world: World, value: CreateUserInput) {
    return world.db.select({ id: users.id }).from(users).where(eq(users.email, value.email));
  }

  it("R-SEC-1 the Commission cannot provision a case handler, local admin or portal of a member-state authority, so it cannot reach personal data outside a recorded route", async () => {
    const world = await suite.world();
    for (const roles of [["CASE_HANDLER"], ["LOCAL_ADMIN"], ["PORTAL"], ["COORDINATOR", "CASE_HANDLER"]] as CreateUserInput["roles"][]) {
      const value = input(world, world.authority.dk, roles);
      const refused = await provision(world, world.user.helpdesk, value);
      expect(refused.data).toBeNull();
      expect(codes(refused)).toEqual(["FORBIDDEN"]);
      expect(await usersNamed(world, value)).toEqual([]);
    }
    // What it does provision: Commission users of the helpdesk, coordinators of a coordinator authority.
    const colleague = await provision(world, world.user.helpdesk, input(world, world.authority.helpdesk, ["COMMISSION"]));
    expect(colleague.errors).toBeUndefined();
    const coordinator = await provision(world, world.user.helpdesk, input(world, world.authority.coordinatorDk, ["COORDINATOR"]));
    expect(coordinator.errors).toBeUndefined();
    expect(codes(await provision(world, world.user.helpdesk, input(world, world.authority.helpdesk, ["CASE_HANDLER"])))).toEqual(["FORBIDDEN"]);
  });

  it("R-COORD-1 a coordinator provisions users of its state's authorities but no Commission user; a local admin only its own authority's, no coordinator", async () => {
    const world = await suite.world();
    const ok = async (by: TestUser, authorityId: string, roles: CreateUserInput["roles"]) =>
      expect((await provision(world, by, input(world, authorityId, roles))).errors).toBeUndefined();
    const refused = async (by: TestUser, authorityId: string, roles: CreateUserInput["roles"]) => {
      const value = input(world, authorityId, roles);
      expect(codes(await provision(world, by, value))).toEqual(["FORBIDDEN"]);
      expect(await usersNamed(world, value)).toEqual([]);
    };
    await ok(world.user.coordinatorDk, world.authority.dk, ["CASE_HANDLER"]);
    await ok(world.user.coordinatorDk, world.authority.dk2, ["LOCAL_ADMIN"]);
    await refused(world.user.coordinatorDk, world.authority.de, ["CASE_HANDLER"]);
    await refused(world.user.coordinatorDk, world.authority.dk, ["COMMISSION"]);
    await ok(world.user.adminDk, world.authority.dk, ["CASE_HANDLER", "LOCAL_ADMIN"]);
    await ok(world.user.adminDk, world.authority.dk, ["PORTAL"]);
    await refused(world.user.adminDk, world.authority.dk2, ["CASE_HANDLER"]);
    await refused(world.user.adminDk, world.authority.dk, ["COORDINATOR"]);
    await refused(world.user.handlerDk, world.authority.dk, ["CASE_HANDLER"]);
  });

  it("R-SEC-2 provisioning and deactivating an account are audited in the same transaction, naming the creator, never the account's name or e-mail", async () => {
    const world = await suite.world();
    const value = input(world, world.authority.dk, ["CASE_HANDLER"]);
    const created = await provision(world, world.user.adminDk, value);
    expect(created.errors).toBeUndefined();
    const account = created.data!.createUser.user;
    // The creator is recorded on the account and shown to whoever may see both.
    expect(account.createdBy).toEqual({ id: world.user.adminDk.id });

    const deactivated = await suite.api.execute(DEACTIVATE, { id: account.id }, await world.token(world.user.coordinatorDk));
    expect(deactivated.data!.deactivateUser).toEqual({ id: account.id, active: false });

    const events = (await world.db.select().from(auditEvents)).filter((e) => e.fields.includes(`User.id:${account.id}`));
    expect(events.map((e) => [e.action, e.actorUserId, e.ground])).toEqual([
      ["USER_CREATE", world.user.adminDk.id, "USER_ADMINISTRATION:LOCAL_ADMIN"],
      ["USER_DEACTIVATE", world.user.coordinatorDk.id, "USER_ADMINISTRATION:COORDINATOR"],
    ]);
    expect(events[0]!.fields).toEqual(expect.arrayContaining([`User.authority:${world.authority.dk}`, "User.roles:CASE_HANDLER"]));
    const text = JSON.stringify(events);
    expect(text).not.toContain(value.email);
    expect(text).not.toContain(value.name);
  });

  it("R-SEC-2 the recorded creator of an account cannot be changed afterwards, not even by an UPDATE in the database", async () => {
    const world = await suite.world();
    const created = await provision(world, world.user.adminDk, input(world, world.authority.dk, ["CASE_HANDLER"]));
    const id = created.data!.createUser.user.id;
    for (const createdByUserId of [world.user.coordinatorDk.id, null]) {
      await expect(world.db.update(users).set({ createdByUserId }).where(eq(users.id, id))).rejects.toThrow();
    }
    // A seeded account (no creator) cannot be attributed afterwards either.
    await expect(world.db.update(users).set({ createdByUserId: world.user.adminDk.id }).where(eq(users.id, world.user.handlerDk.id))).rejects.toThrow();
    const [row] = await world.db.select({ createdByUserId: users.createdByUserId }).from(users).where(eq(users.id, id));
    expect(row?.createdByUserId).toBe(world.user.adminDk.id);
  });

  it("R-SEC-1 createdBy names the creator only to a viewer who may see the creator, across a whole page", async () => {
    const world = await suite.world();
    const byAdmin = await provision(world, world.user.adminDk, input(world, world.authority.dk, ["CASE_HANDLER"]));
    const byCoordinator = await provision(world, world.user.coordinatorDk, input(world, world.authority.dk, ["CASE_HANDLER"]));
    const byCommission = await provision(world, world.user.helpdesk, input(world, world.authority.coordinatorDk, ["COORDINATOR"]));
    const [a, c, k] = [byAdmin, byCoordinator, byCommission].map((r) => r.data!.createUser.user.id);
    const creators = async (viewer: TestUser, authorityId: string) => {
      const result = await suite.api.execute(CREATORS, { filter: { authorityId } }, await world.token(viewer));
      expect(result.errors).toBeUndefined();
      return Object.fromEntries(result.data!.users.edges.map((e) => [e.node.id, e.node.createdBy?.id ?? null]));
    };
    // The local admin sees its own authority's users; the coordinator who created one of them is outside its view.
    expect(await creators(world.user.adminDk, world.authority.dk)).toMatchObject({ [a!]: world.user.adminDk.id, [c!]: null });
    // The coordinator sees DK's users and their DK creators, not the helpdesk user who created a coordinator.
    expect(await creators(world.user.coordinatorDk, world.authority.dk)).toMatchObject({ [a!]: world.user.adminDk.id, [c!]: world.user.coordinatorDk.id });
    expect(await creators(world.user.coordinatorDk, world.authority.coordinatorDk)).toMatchObject({ [k!]: null, [world.user.coordinatorDk.id]: null });
    // The Commission sees every creator.
    expect(await creators(world.user.helpdesk, world.authority.coordinatorDk)).toMatchObject({ [k!]: world.user.helpdesk.id });
  });

  it("R-SEC-1 a taken e-mail address is refused the same way whether or not its user is in the creator's view, without naming it", async () => {
    const world = await suite.world();
    const taken = await world.db.select({ email: users.email }).from(users).where(eq(users.id, world.user.handlerFr.id));
    const refused = await provision(world, world.user.adminDk, { ...input(world, world.authority.dk, ["CASE_HANDLER"]), email: taken[0]!.email! });
    expect(codes(refused)).toEqual(["CONFLICT"]);
    expect(refused.errors![0]!.message).not.toContain(taken[0]!.email);
    const own = await world.db.select({ email: users.email }).from(users).where(eq(users.id, world.user.handlerDk.id));
    const alsoRefused = await provision(world, world.user.adminDk, { ...input(world, world.authority.dk, ["CASE_HANDLER"]), email: own[0]!.email! });
    expect(alsoRefused.errors![0]!.message).toBe(refused.errors![0]!.message);
  });

  it("R-COORD-1 the Commission provisions a coordinator only in an authority designated as coordinating (pentest F1)", async () => {
    const world = await suite.world();
    const authority = await suite.api.execute(
      NEW_AUTHORITY,
      {
        input: {
          name: `New coordinator authority ${world.tag}`,
          memberState: "SE",
          contactEmail: `imi.se.${world.tag}@authority.example`,
          postalAddress: "Stockholm",
          legalAreaCodes: [],
          coordinating: true,
          dpoName: `DPO ${world.tag}`,
          dpoEmail: `dpo.se.${world.tag}@authority.example`,
        },
      },
      await world.token(world.user.helpdesk),
    );
    expect(authority.errors).toBeUndefined();
    const id = authority.data!.createAuthority.id;
    expect((await provision(world, world.user.helpdesk, input(world, id, ["COORDINATOR"]))).errors).toBeUndefined();
    // The German authority is a competent authority: not designated.
    expect(codes(await provision(world, world.user.helpdesk, input(world, world.authority.de, ["COORDINATOR"])))).toEqual(["FORBIDDEN"]);
  });
});
