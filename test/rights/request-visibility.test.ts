import { describe, expect, it } from "vitest";
import { graphql } from "../generated/gql.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import type { World } from "../helpers/world.js";
import { exchange, FILE } from "./rights-fixtures.js";

const ONE = graphql(`
  query RightsVisibilityOne($id: ID!) {
    dataSubjectRequest(id: $id) {
      id
      kind
      route
      requesterName
      requesterIdentifier
    }
  }
`);

describe.each(DRIVERS)("who sees a data-subject request on %s", (driver) => {
  const suite = useSuite(driver);

  it("R-SEC-1 shows the citizen's identity to the receiving authority's case handlers and the helpdesk on its route, metadata to the others in scope", async () => {
    const world = await suite.world();
    const { id, dataSubjectId, dk } = await exchange(suite, world);
    const filed = await suite.api.execute(
      FILE,
      { input: { kind: "ACCESS", procedureId: id, dataSubjectId, requesterName: "Jens Jensen", requesterIdentifier: "120384-5678" } },
      dk,
    );
    const requestId = filed.data!.fileDataSubjectRequest.id;
    const expectations: [keyof World["user"], "identity" | "metadata" | "none"][] = [
      ["handlerDk", "identity"],
      // The matrix gives a local admin no personal data on any path (issue 11, finding 1).
      ["adminDk", "metadata"],
      // The route is the receiving authority's: the helpdesk sees that the request exists, not who asked.
      ["helpdesk", "metadata"],
      ["coordinatorDk", "metadata"],
      ["handlerDe", "none"],
      ["handlerFr", "none"],
      ["portalDk", "none"],
    ];
    for (const [user, expected] of expectations) {
      const result = await suite.api.execute(ONE, { id: requestId }, await world.token(world.user[user]));
      if (expected === "none") {
        expect(result.errors?.map((e) => e.extensions?.code), user).toEqual(["NOT_FOUND"]);
        continue;
      }
      expect(result.data?.dataSubjectRequest?.kind, user).toBe("ACCESS");
      if (expected === "identity") {
        expect(result.errors, user).toBeUndefined();
        expect(result.data?.dataSubjectRequest?.requesterName, user).toBe("Jens Jensen");
      } else {
        expect(result.data?.dataSubjectRequest?.requesterName, user).toBeNull();
        expect(result.errors?.map((e) => [e.path?.at(-1), e.extensions?.code]), user).toEqual([
          ["requesterName", "FORBIDDEN"],
          ["requesterIdentifier", "FORBIDDEN"],
        ]);
        expect(JSON.stringify(result), user).not.toContain("Jens Jensen");
      }
    }
  });
});
