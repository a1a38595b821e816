import { describe, expect, it } from "vitest";
import { graphql } from "../generated/gql.js";
import { codes } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";

const CREATE_USER = graphql(`
  mutation UsersEdgeCreate($input: CreateUserInput!) {
    createUser(input: $input) {
      enrolmentMailSent
      user {
        id
        email
      }
    }
  }
`);

const DEACTIVATE = graphql(`
  mutation UsersEdgeDeactivate($id: ID!) {
    deactivateUser(id: $id) {
      id
      name
      email
      active
    }
  }
`);

const USERS = graphql(`
  query UsersEdgeList($filter: UserFilter, $after: String) {
    users(filter: $filter, after: $after) {
      totalCount
      edges {
        node {
          id
          name
          email
          active
        }
      }
    }
  }
`);

describe.each(DRIVERS)("users, edge cases on %s", (driver) => {
  const suite = useSuite(driver);

  it("treats a malformed authority id in the filter as matching nothing, not as a server error", async () => {
    const world = await suite.world();
    const result = await suite.api.execute(USERS, { filter: { authorityId: "nope" } }, await world.token(world.user.helpdesk));
    expect(result.errors).toBeUndefined();
    expect(result.data?.users.totalCount).toBe(0);
  });

  it("refuses a well-formed cursor that this API cannot have issued with BAD_USER_INPUT", async () => {
    const world = await suite.world();
    const forged = Buffer.from(JSON.stringify(["2026-01-01T00:00:00Z", "x"])).toString("base64url");
    const result = await suite.api.execute(USERS, { after: forged }, await world.token(world.user.helpdesk));
    expect(codes(result)).toEqual(["BAD_USER_INPUT"]);
  });

  it("R-COORD-1 gives the coordinator's authority no local admin who could deactivate its coordinator (pentest F1: it holds coordinators only)", async () => {
    const world = await suite.world();
    const coordinator = await world.token(world.user.coordinatorDk);
    const created = await suite.api.execute(
      CREATE_USER,
      {
        input: {
          authorityId: world.authority.coordinatorDk,
          name: "Local admin of the coordinator",
          email: `admin.coord.${world.tag}@imi.test`,
          roles: ["LOCAL_ADMIN"],
        },
      },
      coordinator,
    );
    expect(codes(created)).toEqual(["FORBIDDEN"]);
    // The coordinator is untouched and still works.
    expect(codes(await suite.api.execute(USERS, {}, coordinator))).toEqual([]);
  });

  it("refuses a name of only spaces with BAD_USER_INPUT", async () => {
    const world = await suite.world();
    const result = await suite.api.execute(
      CREATE_USER,
      { input: { authorityId: world.authority.dk, name: "   ", email: `blank.${world.tag}@imi.test`, roles: ["CASE_HANDLER"] } },
      await world.token(world.user.adminDk),
    );
    expect(codes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors?.[0]?.extensions?.fields).toEqual(["name"]);
  });

  it("blocks a deactivated user's contact data at once: name and e-mail are no longer shown", async () => {
    const world = await suite.world();
    const admin = await world.token(world.user.adminDk);
    const deactivated = await suite.api.execute(DEACTIVATE, { id: world.user.handlerDk.id }, admin);
    expect(deactivated.data?.deactivateUser).toMatchObject({ active: false, name: "(blocked)", email: "(blocked)" });
    const listed = await suite.api.execute(USERS, { filter: { authorityId: world.authority.dk, active: false } }, admin);
    expect(listed.data?.users.edges.map((e) => e.node.email)).toEqual(["(blocked)"]);
    expect(JSON.stringify(listed)).not.toContain(world.user.handlerDk.email);
  });
});
