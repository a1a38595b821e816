import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { issueToken } from "../../src/auth/token.js";
import { users } from "../../src/db/schema/index.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";

/**
 * Issue 15: a refused token says why in `extensions.reason`, so a client knows whether to log in
 * again: TOKEN_EXPIRED, TOKEN_INVALID (forged, malformed), USER_DEACTIVATED, and
 * MALFORMED_AUTHORIZATION for a header that is not `Bearer <token>` (it was silently ignored, and
 * the request went on as anonymous).
 */

const VIEWER = "{ viewer { id } }";

describe.each(DRIVERS)("why a token is refused (%s)", (driver) => {
  const suite = useSuite(driver);

  async function refusal(headers: Record<string, string>) {
    const contextValue = await suite.api.api.createContext(headers);
    const response = await suite.api.api.apollo.executeOperation({ query: VIEWER }, { contextValue });
    if (response.body.kind !== "single") throw new Error("expected a single result");
    const error = response.body.singleResult.errors?.[0];
    return { code: error?.extensions?.code, reason: error?.extensions?.reason, message: error?.message };
  }

  it("TOKEN_EXPIRED once the session is out of date, TOKEN_INVALID when forged or malformed", async () => {
    const world = await suite.world();
    const token = await world.token(world.user.handlerDk);
    expect((await suite.api.executeText(VIEWER, {}, token)).errors).toBeUndefined();
    suite.api.clock.set(new Date(suite.api.clock.now().getTime() + 31 * 60_000));
    expect(await refusal({ authorization: `Bearer ${token}` })).toEqual({ code: "UNAUTHENTICATED", reason: "TOKEN_EXPIRED", message: "Your session has expired: log in again." });

    const forged = await issueToken(new TextEncoder().encode("a-key-nobody-configured-anywhere-0123456789"), world.user.handlerDk.id, suite.api.clock.now(), 1800);
    expect(await refusal({ authorization: `Bearer ${forged.token}` })).toMatchObject({ code: "UNAUTHENTICATED", reason: "TOKEN_INVALID" });
    expect(await refusal({ authorization: "Bearer not.a.token" })).toMatchObject({ code: "UNAUTHENTICATED", reason: "TOKEN_INVALID" });
  });

  it("USER_DEACTIVATED for a valid token of a deactivated user (R-USER-2)", async () => {
    const world = await suite.world();
    const token = await world.token(world.user.handlerDe);
    await suite.db.db.update(users).set({ active: false }).where(eq(users.id, world.user.handlerDe.id));
    expect(await refusal({ authorization: `Bearer ${token}` })).toMatchObject({ code: "UNAUTHENTICATED", reason: "USER_DEACTIVATED" });
  });

  it("MALFORMED_AUTHORIZATION for a header that is not `Bearer <token>`, which was silently ignored", async () => {
    const world = await suite.world();
    const token = await world.token(world.user.handlerFr);
    for (const header of [token, `Token ${token}`, "Bearer", `Bearer ${token} extra`]) {
      expect(await refusal({ authorization: header }), header.slice(0, 12)).toMatchObject({ code: "UNAUTHENTICATED", reason: "MALFORMED_AUTHORIZATION", message: expect.stringMatching(/^The Authorization header must be `Bearer <token>`/) });
    }
    // Without a header nothing was refused: `viewer` is null, as for anyone not logged in.
    expect(await refusal({})).toEqual({ code: undefined, reason: undefined, message: undefined });
  });
});
