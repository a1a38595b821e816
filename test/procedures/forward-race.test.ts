import { describe, expect, it } from "vitest";
import { codes } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import type { World } from "../helpers/world.js";
import { ACCEPT, CREATE_PROCEDURE, FORWARD, POST_MESSAGE, SEND } from "../operations.js";

/**
 * Issue 12, finding 7: the authority that lost a race to forward (or acted after its own forward)
 * got FORBIDDEN, as if it had never taken part. It did take part, and still holds the forwarding
 * receipt: the procedure simply moved on, a CONFLICT that says so.
 */

async function sentRequest(world: World): Promise<string> {
  const dk = await world.token(world.user.handlerDk);
  const created = await world.api.execute(
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
  const id = created.data!.createProcedure.id;
  expect((await world.api.execute(SEND, { id }, dk)).errors).toBeUndefined();
  return id;
}

const FORWARDED_AWAY = /forwarded this procedure/i;

describe.each(DRIVERS)("forwarding races on %s", (driver) => {
  const suite = useSuite(driver);

  it("an action by the authority after it forwarded the request is a CONFLICT that says it was forwarded, not FORBIDDEN", async () => {
    const world = await suite.world();
    const de = await world.token(world.user.handlerDe);
    const id = await sentRequest(world);
    expect((await suite.api.execute(FORWARD, { id, to: world.authority.de2 }, de)).errors).toBeUndefined();

    for (const result of [
      await suite.api.execute(ACCEPT, { id }, de),
      await suite.api.execute(FORWARD, { id, to: world.authority.de2 }, de),
      await suite.api.execute(POST_MESSAGE, { procedureId: id, body: "Registered since 2019." }, de),
    ]) {
      expect(codes(result)).toEqual(["CONFLICT"]);
      expect(result.errors?.[0]?.message).toMatch(FORWARDED_AWAY);
    }
    // An authority that never took part still learns nothing: NOT_FOUND, as for a missing procedure.
    const fr = await world.token(world.user.handlerFr);
    expect(codes(await suite.api.execute(ACCEPT, { id }, fr))).toEqual(["NOT_FOUND"]);
    // The new authority is unaffected.
    const de2 = await world.token(world.user.handlerDe2);
    expect((await suite.api.execute(ACCEPT, { id }, de2)).data?.acceptProcedure.status).toBe("ACCEPTED");
  });

  it("two concurrent forwards by the responder: exactly one wins, the other is a CONFLICT; an accept racing them too", async () => {
    const world = await suite.world();
    const de = await world.token(world.user.handlerDe);
    for (let round = 0; round < 5; round++) {
      const id = await sentRequest(world);
      const results = await Promise.all([
        suite.api.execute(FORWARD, { id, to: world.authority.de2 }, de),
        suite.api.execute(FORWARD, { id, to: world.authority.de2 }, de),
        suite.api.execute(ACCEPT, { id }, de),
      ]);
      const forwards = results.slice(0, 2);
      const won = forwards.filter((result) => result.errors === undefined);
      expect(won, JSON.stringify(results.map((r) => r.errors))).toHaveLength(1);
      const lost = forwards.find((result) => result.errors !== undefined)!;
      expect(codes(lost)).toEqual(["CONFLICT"]);
      expect(lost.errors?.[0]?.message).toMatch(FORWARDED_AWAY);
      // The accept either ran first (and the forward then still went through) or lost: never FORBIDDEN.
      const accept = results[2]!;
      if (accept.errors) {
        expect(codes(accept)).toEqual(["CONFLICT"]);
        expect(accept.errors[0]?.message).toMatch(FORWARDED_AWAY);
      } else {
        expect(accept.data?.acceptProcedure.status).toBe("ACCEPTED");
      }
    }
  });
});
