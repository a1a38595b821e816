import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseOidcIssuers } from "../../src/auth/sso.config.js";
import { closeLiveConnections, createHttpServer } from "../../src/http.js";
import { testLogger } from "../helpers/test-logs.js";
import { LiveSubscriber } from "../subscriptions/live-client.js";
import { TestApi } from "../helpers/api.js";
import { createTestDatabase, DRIVERS, type TestDatabase } from "../helpers/database.js";
import { World } from "../helpers/world.js";
import { graphql } from "../generated/gql.js";
import { API_AUDIENCE, startIssuer, type TestIssuer } from "./oidc-issuer.js";

const ME = "{ viewer { id roles } procedures(first: 1) { totalCount } }";

const DEACTIVATE = graphql(`
  mutation SsoDeactivate($id: ID!) {
    deactivateUser(id: $id) {
      id
    }
  }
`);

/**
 * Issue 16, single sign-on: tokens of a configured OpenID Connect issuer (a real `oidc-provider` on
 * loopback, its discovery document and JWKS) name existing users of ours by e-mail; nobody is created,
 * the second factor is the issuer's (acr/amr checked), and the user is re-read on every request.
 */
describe.each(DRIVERS)("single sign-on on %s", (driver) => {
  let db: TestDatabase;
  let api: TestApi;
  let world: World;
  let issuer: TestIssuer;
  let stranger: TestIssuer;
  let setup: TestApi;
  let server: Server | undefined;
  const subscribers: LiveSubscriber[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(driver);
    // The world's own logins (our password and TOTP) go through an API without issuers.
    setup = await TestApi.create(db.db, undefined);
    setup.clock.set(new Date());
    world = await World.create(db.db, setup);
    const strong = { acr: "substantial", amr: ["pwd", "otp"] };
    issuer = await startIssuer([
      { id: "handler-dk", email: world.user.handlerDk.email, ...strong },
      { id: "admin-dk", email: world.user.adminDk.email, ...strong },
      { id: "handler-dk2", email: world.user.handlerDk2.email, ...strong },
      { id: "handler-fr", email: world.user.handlerFr.email, ...strong },
      { id: "nobody", email: "nobody@imi.test", ...strong },
      { id: "weak", email: world.user.handlerDk.email, acr: "low", amr: ["pwd"] },
      { id: "unverified-missing", email: world.user.handlerDk.email, emailVerified: null, ...strong },
      { id: "unverified-false", email: world.user.handlerDk.email, emailVerified: false, ...strong },
    ]);
    stranger = await startIssuer([{ id: "handler-dk", email: world.user.handlerDk.email, acr: "substantial", amr: ["pwd", "otp"] }]);
    const oidcIssuers = parseOidcIssuers(
      JSON.stringify([{ issuer: issuer.issuer, audience: API_AUDIENCE, userClaim: "email", acceptedAcr: ["substantial", "high"], requiredAmr: ["otp", "hwk"], memberStates: ["DK", "DE"] }]),
      false,
    );
    api = await TestApi.create(db.db, undefined, { oidcIssuers, listen: db.listen });
    // The issuer signs by the real clock.
    api.clock.set(new Date());
  });
  afterAll(async () => {
    await Promise.all(subscribers.map((s) => s.close()));
    if (server) {
      await closeLiveConnections(server);
      await new Promise<void>((resolve) => server!.close(() => resolve()));
    }
    await api?.stop();
    await setup?.stop();
    await Promise.all([issuer?.close(), stranger?.close()]);
    await db?.dispose();
  });

  const failure = (result: { errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }) =>
    result.errors?.find((e) => e.extensions?.code === "UNAUTHENTICATED")?.message;

  it("accepts the issuer's token for an existing active user, with our roles", async () => {
    const result = await api.executeText<{ viewer: { id: string; roles: string[] } }>(ME, {}, await issuer.token("handler-dk"));
    expect(result.errors).toBeUndefined();
    expect(result.data?.viewer).toEqual({ id: world.user.handlerDk.id, roles: ["CASE_HANDLER"] });
  });

  it("refuses an expired token, one for another audience, and one of an issuer not configured", async () => {
    const token = await issuer.token("handler-dk");
    const now = api.clock.now();
    api.clock.set(new Date(now.getTime() + 2 * 3600_000));
    expect(failure(await api.executeText(ME, {}, token))).toMatch(/expired/);
    api.clock.set(now);
    expect(failure(await api.executeText(ME, {}, await issuer.token("handler-dk", "https://other-api.test")))).toMatch(/not for this API \(aud\)/);
    // Another provider's token, though it names the same user and is signed, is not ours to trust.
    expect(failure(await api.executeText(ME, {}, await stranger.token("handler-dk")))).toMatch(/token is invalid/);
  });

  it("creates nobody, lets a national issuer name only its states' users, and leaves the second factor to the issuer", async () => {
    expect(failure(await api.executeText(ME, {}, await issuer.token("nobody")))).toMatch(/names no active user/);
    expect(failure(await api.executeText(ME, {}, await issuer.token("handler-fr")))).toMatch(/names no active user/);
    expect(failure(await api.executeText(ME, {}, await issuer.token("weak")))).toMatch(/not strong enough/);
  });

  it("pentest F3: refuses an issuer-signed token without exp or iat, one older than maxTokenAgeSeconds, and one whose e-mail is not verified (missing or false)", async () => {
    const now = Math.floor(api.clock.now().getTime() / 1000);
    const claims = { iss: issuer.issuer, aud: API_AUDIENCE, email: world.user.handlerDk.email, email_verified: true, acr: "substantial", amr: ["otp"] };
    // The same claims with exp and iat are accepted: what is refused below is what they lack.
    expect((await api.executeText(ME, {}, await issuer.sign({ ...claims, iat: now, exp: now + 600 }))).errors).toBeUndefined();
    expect(failure(await api.executeText(ME, {}, await issuer.sign({ ...claims, iat: now - 10 * 365 * 86400 })))).toMatch(/lacks the exp claim/);
    expect(failure(await api.executeText(ME, {}, await issuer.sign({ ...claims, exp: now + 600 })))).toMatch(/lacks the iat claim/);
    // Signed 10 years ago and never expiring, or an hour ago and valid for a day: older than the 30 minutes allowed.
    expect(failure(await api.executeText(ME, {}, await issuer.sign({ ...claims, iat: now - 10 * 365 * 86400, exp: now + 86400 })))).toMatch(/expired/);
    expect(failure(await api.executeText(ME, {}, await issuer.sign({ ...claims, iat: now - 3600, exp: now + 86400 })))).toMatch(/expired/);
    expect(failure(await api.executeText(ME, {}, await issuer.token("unverified-missing")))).toMatch(/not verified/);
    expect(failure(await api.executeText(ME, {}, await issuer.token("unverified-false")))).toMatch(/not verified/);
    const { email_verified: _verified, ...withoutVerified } = claims;
    expect(failure(await api.executeText(ME, {}, await issuer.sign({ ...withoutVerified, iat: now, exp: now + 600 })))).toMatch(/not verified/);
  });

  it("pentest F3: a subscription opened with an issuer token ends when the token grows older than maxTokenAgeSeconds, though its exp is later", async () => {
    server = createHttpServer(api.api, testLogger(), [], { graphiql: false });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const url = `ws://127.0.0.1:${(server.address() as { port: number }).port}/graphql`;
    const now = Math.floor(api.clock.now().getTime() / 1000);
    const claims = { iss: issuer.issuer, aud: API_AUDIENCE, email: world.user.handlerDk.email, email_verified: true, acr: "substantial", amr: ["otp"] };
    // Signed 1,797 s ago (30 minutes allowed) and valid for another hour: a query refuses it in 3 s.
    const ageing = await issuer.sign({ ...claims, iat: now - 1797, exp: now + 3600 });
    const fresh = await issuer.sign({ ...claims, iat: now, exp: now + 3600 });
    const [old, young] = [new LiveSubscriber(url, ageing, "ageing"), new LiveSubscriber(url, fresh, "fresh")];
    subscribers.push(old, young);
    const events = "subscription { procedureEvents { kind procedureId } }";
    const before = api.api.live.bus.subscriberCount;
    old.subscribe(events);
    young.subscribe(events);
    expect(await young.until(() => api.api.live.bus.subscriberCount >= before + 2 || old.closed !== null || young.closed !== null)).toBe(true);
    expect(await old.until(() => old.closed !== null, 8000)).toBe(true);
    expect(old.closed).toMatchObject({ code: 4403 });
    expect(old.closed?.reason).toMatch(/expired/);
    expect(young.closed).toBeNull();
  });

  it("R-SEC-1 a refused issuer token says why, as our own tokens do: expired, invalid, or naming no active user", async () => {
    // Found from outside: every refusal came back UNAUTHENTICATED without extensions.reason.
    const reason = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
      result.errors?.find((e) => e.extensions?.code === "UNAUTHENTICATED")?.extensions?.reason;
    const now = Math.floor(api.clock.now().getTime() / 1000);
    const claims = { iss: issuer.issuer, aud: API_AUDIENCE, email: world.user.handlerDk.email, email_verified: true, acr: "substantial", amr: ["otp"] };
    expect(reason(await api.executeText(ME, {}, await issuer.sign({ ...claims, iat: now - 3600, exp: now + 86400 })))).toBe("TOKEN_EXPIRED");
    expect(reason(await api.executeText(ME, {}, await issuer.token("handler-dk", "https://other-api.test")))).toBe("TOKEN_INVALID");
    expect(reason(await api.executeText(ME, {}, await stranger.token("handler-dk")))).toBe("TOKEN_INVALID");
    expect(reason(await api.executeText(ME, {}, await issuer.token("weak")))).toBe("TOKEN_INVALID");
    expect(reason(await api.executeText(ME, {}, await issuer.token("unverified-false")))).toBe("TOKEN_INVALID");
    expect(reason(await api.executeText(ME, {}, await issuer.token("nobody")))).toBe("USER_DEACTIVATED");
  });

  it("R-USER-2: a deactivated user's issuer token is refused at the next request", async () => {
    const token = await issuer.token("handler-dk2");
    expect((await api.executeText(ME, {}, token)).errors).toBeUndefined();
    const deactivated = await api.execute(DEACTIVATE, { id: world.user.handlerDk2.id }, await world.token(world.user.coordinatorDk));
    expect(deactivated.errors, JSON.stringify(deactivated.errors)).toBeUndefined();
    expect(failure(await api.executeText(ME, {}, token))).toMatch(/names no active user/);
  });

  it("refuses configurations that would trust keys fetched insecurely or name nobody", () => {
    expect(() => parseOidcIssuers(JSON.stringify([{ issuer: "http://idp.example.eu", audience: "a", userClaim: "email" }]), false)).toThrow(/https/);
    expect(() => parseOidcIssuers(JSON.stringify([{ issuer: "http://127.0.0.1:9", audience: "a", userClaim: "email" }]), true)).toThrow(/https/);
    expect(() => parseOidcIssuers(JSON.stringify([{ issuer: "https://idp.example.eu", audience: "a" }]), true)).toThrow(/userClaim/);
    expect(parseOidcIssuers(JSON.stringify([{ issuer: "https://idp.example.eu", audience: "a", userClaim: "email" }]), true)).toHaveLength(1);
    // Pentest F3: a token's age is bounded, 30 minutes unless set, never beyond a day.
    expect(parseOidcIssuers(JSON.stringify([{ issuer: "https://idp.example.eu", audience: "a", userClaim: "email" }]), true)[0]!.maxTokenAgeSeconds).toBe(1800);
    expect(() => parseOidcIssuers(JSON.stringify([{ issuer: "https://idp.example.eu", audience: "a", userClaim: "email", maxTokenAgeSeconds: 0 }]), true)).toThrow(/maxTokenAgeSeconds/);
    expect(() => parseOidcIssuers(JSON.stringify([{ issuer: "https://idp.example.eu", audience: "a", userClaim: "email", maxTokenAgeSeconds: 10 * 86400 }]), true)).toThrow(/maxTokenAgeSeconds/);
  });
});
