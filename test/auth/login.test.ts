import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { issueToken } from "../../src/auth/token.js";
import { securityCodeAt } from "../../src/auth/totp.js";
import { graphql } from "../generated/gql.js";
import { codes, TEST_SECRET, type Result } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { START, useSuite } from "../helpers/suite.js";
import { TEST_PASSWORD, TEST_TOTP_SECRET, type TestUser, type World } from "../helpers/world.js";
import { PROCEDURES } from "../operations.js";

const LOGIN = graphql(`
  mutation AuthTestLogin($email: String!, $password: String!, $securityCode: String!) {
    login(email: $email, password: $password, securityCode: $securityCode) {
      token
      expiresAt
      user {
        id
        email
        roles
        active
      }
    }
  }
`);

const VIEWER = graphql(`
  query AuthTestViewer {
    viewer {
      id
      email
      active
    }
  }
`);

const DEACTIVATE = graphql(`
  mutation AuthTestDeactivate($id: ID!) {
    deactivateUser(id: $id) {
      id
      active
    }
  }
`);

const STEP_MS = 30_000;
const TOKEN_TTL_MS = 1800 * 1000;
const LOCK_MS = 15 * 60 * 1000;

describe.each(DRIVERS)("authentication on %s", (driver) => {
  const suite = useSuite(driver);

  /** The current security code of the test users, `steps` 30-second steps away from the clock. */
  const code = (steps = 0) => securityCodeAt(TEST_TOTP_SECRET, new Date(suite.api.clock.now().getTime() + steps * STEP_MS));

  const login = (email: string, password = TEST_PASSWORD, securityCode = code()) =>
    suite.api.execute(LOGIN, { email, password, securityCode });

  /** A code that is valid at no step within the accepted window around the clock. */
  const wrongCode = () => {
    const window = [code(-1), code(0), code(1)];
    for (let steps = 10; ; steps++) if (!window.includes(code(steps))) return code(steps);
  };

  const viewerWith = (token: string | undefined) => suite.api.execute(VIEWER, {}, token);

  async function failLogins(user: TestUser, times: number) {
    for (let i = 0; i < times; i++) expect(codes(await login(user.email, "wrong-password-123"))).toEqual(["UNAUTHENTICATED"]);
  }

  /** A code of the user not used yet at this clock (R-SEC-1 accepts each once). */
  const fresh = (user: TestUser) => suite.api.freshSecurityCode(user.email, TEST_TOTP_SECRET) ?? code();

  async function expectLoginWorks(user: TestUser) {
    const result = await login(user.email, TEST_PASSWORD, fresh(user));
    expect(result.errors).toBeUndefined();
    expect(result.data?.login.user.id).toBe(user.id);
    return result.data!.login;
  }

  async function expectLoginRefused(user: TestUser) {
    const result = await login(user.email);
    expect(result.data).toBeNull();
    expect(codes(result)).toEqual(["UNAUTHENTICATED"]);
    return result;
  }

  describe("login", () => {
    it("R-SEC-1 logs in with password and security code, and the token identifies the user", async () => {
      const world = await suite.world();
      const user = world.user.handlerDk;
      const session = await expectLoginWorks(user);
      expect(session.user).toMatchObject({ email: user.email, roles: ["CASE_HANDLER"], active: true });
      expect(session.expiresAt).toBe(new Date(START.getTime() + TOKEN_TTL_MS).toISOString());

      const viewer = await viewerWith(session.token);
      expect(viewer.errors).toBeUndefined();
      expect(viewer.data?.viewer).toEqual({ id: user.id, email: user.email, active: true });
    });

    it("finds the account whatever the case of the e-mail address", async () => {
      const world = await suite.world();
      const result = await login(world.user.handlerDk.email.toUpperCase());
      expect(result.errors).toBeUndefined();
      expect(result.data?.login.user.id).toBe(world.user.handlerDk.id);
    });

    it("R-SEC-1 gives the same UNAUTHENTICATED error for a wrong password, a wrong code and an unknown e-mail", async () => {
      const world = await suite.world();
      const email = world.user.handlerDk.email;
      const failures: Result<unknown>[] = [
        await login(email, "wrong-password-123"),
        await login(email, TEST_PASSWORD, wrongCode()),
        await login(email, TEST_PASSWORD, "abc"),
        await login(`nobody.${world.tag}@imi.test`),
        await login(email, "wrong-password-123", wrongCode()),
      ];
      for (const failure of failures) {
        expect(failure.data).toBeNull();
        expect(codes(failure)).toEqual(["UNAUTHENTICATED"]);
      }
      const messages = new Set(failures.map((failure) => failure.errors?.[0]?.message));
      expect(messages.size).toBe(1);
      // The failures did not lock the account (four in a row), and the right credentials still work.
      await expectLoginWorks(world.user.handlerDk);
    });

    it("R-SEC-1 accepts a security code from one 30-second step before or after, and refuses two steps off", async () => {
      const world = await suite.world();
      const email = world.user.handlerDk.email;
      suite.api.clock.advance(10_000); // inside a step, not on its edge
      for (const steps of [-1, 0, 1]) {
        const result = await login(email, TEST_PASSWORD, code(steps));
        expect(result.errors, `code ${steps} step(s) off`).toBeUndefined();
      }
      for (const steps of [-2, 2]) {
        expect(code(steps)).not.toBe(code(0));
        expect(codes(await login(email, TEST_PASSWORD, code(steps))), `code ${steps} step(s) off`).toEqual(["UNAUTHENTICATED"]);
      }
    });

    it("R-SEC-1 locks the account for 15 minutes after five failed attempts in a row", async () => {
      const world = await suite.world();
      const user = world.user.handlerDk;
      await failLogins(user, 4);
      // The fifth failure is a wrong code with the right password: it counts too.
      expect(codes(await login(user.email, TEST_PASSWORD, wrongCode()))).toEqual(["UNAUTHENTICATED"]);

      const locked = await expectLoginRefused(user);
      const wrong = await login(user.email, "wrong-password-123");
      expect(locked.errors?.[0]?.message).toBe(wrong.errors?.[0]?.message);

      suite.api.clock.advance(LOCK_MS - 1000);
      await expectLoginRefused(user);
      suite.api.clock.advance(1000);
      const session = await expectLoginWorks(user);
      expect((await viewerWith(session.token)).data?.viewer?.id).toBe(user.id);
    });

    it("R-SEC-1 locks only the account that failed", async () => {
      const world = await suite.world();
      await failLogins(world.user.handlerDk, 5);
      await expectLoginRefused(world.user.handlerDk);
      await expectLoginWorks(world.user.handlerDk2);
    });

    it("R-SEC-1 counts failures in a row only: a success resets the count", async () => {
      const world = await suite.world();
      const user = world.user.handlerDk;
      await failLogins(user, 4);
      await expectLoginWorks(user);
      await failLogins(user, 4);
      await expectLoginWorks(user);
      // The count starts again after the success: the fifth failure in a row now locks.
      await failLogins(user, 5);
      await expectLoginRefused(user);
    });
  });

  describe("security codes accepted once", () => {
    it("R-SEC-1 refuses a second login with the same security code in its window (UNAUTHENTICATED, saying so); the next step's code works", async () => {
      const world = await suite.world();
      const user = world.user.handlerDk;
      suite.api.clock.advance(10_000); // inside a step, not on its edge
      const first = await login(user.email, TEST_PASSWORD, code());
      expect(first.errors).toBeUndefined();

      // The same code, a few seconds later and still inside its step: refused.
      suite.api.clock.advance(5_000);
      const replay = await login(user.email, TEST_PASSWORD, code());
      expect(replay.data).toBeNull();
      expect(codes(replay)).toEqual(["UNAUTHENTICATED"]);
      expect(replay.errors?.[0]?.message).toMatch(/already been used/);
      expect(replay.errors?.[0]?.message).toMatch(/accepted once/);
      // Still refused once the clock moved on a step, while the old code is inside the accepted window.
      suite.api.clock.advance(STEP_MS);
      expect(codes(await login(user.email, TEST_PASSWORD, code(-1)))).toEqual(["UNAUTHENTICATED"]);

      // The code of the next step is accepted, once.
      const next = await login(user.email, TEST_PASSWORD, code());
      expect(next.errors).toBeUndefined();
      expect(next.data?.login.user.id).toBe(user.id);
      expect(codes(await login(user.email, TEST_PASSWORD, code()))).toEqual(["UNAUTHENTICATED"]);
      // Another user's login with the same code is its own: codes are used per user.
      expect((await login(world.user.handlerDk2.email, TEST_PASSWORD, code())).errors).toBeUndefined();
    });

    it("R-SEC-1 lets exactly one of two concurrent logins with the same code through (the database decides, as across replicas)", async () => {
      const world = await suite.world();
      const user = world.user.handlerDk;
      suite.api.clock.advance(10_000);
      const securityCode = code();
      const results = await Promise.all([1, 2, 3, 4].map(() => login(user.email, TEST_PASSWORD, securityCode)));
      const accepted = results.filter((r) => r.data?.login);
      expect(accepted).toHaveLength(1);
      for (const refused of results.filter((r) => !r.data?.login)) {
        expect(codes(refused)).toEqual(["UNAUTHENTICATED"]);
        expect(refused.errors?.[0]?.message).toMatch(/already been used/);
      }
      // The winner's token works.
      expect((await viewerWith(accepted[0]!.data!.login.token)).data?.viewer?.id).toBe(user.id);
    });

    it("R-SEC-1 a replayed code counts as a failed attempt, and a wrong password with a used code says nothing about the code", async () => {
      const world = await suite.world();
      const user = world.user.handlerDk;
      expect((await login(user.email, TEST_PASSWORD, code())).errors).toBeUndefined();
      const wrongPassword = await login(user.email, "wrong-password-123", code());
      const unknown = await login(`nobody.${world.tag}@imi.test`, TEST_PASSWORD, code());
      expect(wrongPassword.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);
      // Four replays and that one wrong password: five failures in a row lock the account.
      for (let i = 0; i < 4; i++) expect(codes(await login(user.email, TEST_PASSWORD, code()))).toEqual(["UNAUTHENTICATED"]);
      await expectLoginRefused(user);
      expect((await login(user.email, TEST_PASSWORD, code(1))).errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);
    });
  });

  describe("tokens", () => {
    it("R-SEC-1 refuses a token once it has expired (UNAUTHENTICATED)", async () => {
      const world = await suite.world();
      const token = await world.token(world.user.handlerDk);
      suite.api.clock.advance(TOKEN_TTL_MS - 1000);
      expect((await viewerWith(token)).data?.viewer?.id).toBe(world.user.handlerDk.id);
      suite.api.clock.advance(2000);
      const expired = await viewerWith(token);
      expect(expired.data?.viewer).toBeNull();
      expect(codes(expired)).toEqual(["UNAUTHENTICATED"]);
      expect(codes(await suite.api.execute(PROCEDURES, { first: 1 }, token))).toEqual(["UNAUTHENTICATED"]);
    });

    it("R-SEC-1 refuses a forged or malformed token (UNAUTHENTICATED)", async () => {
      const world = await suite.world();
      const real = await world.token(world.user.handlerDk);
      const now = suite.api.clock.now();
      const iat = Math.floor(now.getTime() / 1000);
      const claims = (jwt: SignJWT) =>
        jwt.setSubject(world.user.handlerDk.id).setIssuer("imi-api").setAudience("imi-api").setIssuedAt(iat).setExpirationTime(iat + 600);
      const otherKey = await claims(new SignJWT({}).setProtectedHeader({ alg: "HS256" })).sign(
        new TextEncoder().encode("another-secret-of-at-least-32-characters"),
      );
      const unsigned = `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${real.split(".")[1]}.`;
      const [header, payload, signature] = real.split(".") as [string, string, string];
      const claimsOfAdmin = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
      const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claimsOfAdmin, sub: world.user.adminDk.id })).toString("base64url")}.${signature}`;
      const wrongAudience = await new SignJWT({})
        .setProtectedHeader({ alg: "HS256" })
        .setSubject(world.user.handlerDk.id)
        .setIssuer("imi-api")
        .setAudience("someone-else")
        .setIssuedAt(iat)
        .setExpirationTime(iat + 600)
        .sign(TEST_SECRET);

      for (const token of [otherKey, unsigned, tampered, wrongAudience, "garbage", `${real}x`]) {
        const result = await viewerWith(token);
        expect(result.data?.viewer, token).toBeNull();
        expect(codes(result), token).toEqual(["UNAUTHENTICATED"]);
      }
      // The genuine one still works.
      expect((await viewerWith(real)).data?.viewer?.id).toBe(world.user.handlerDk.id);
    });

    it("R-SEC-1 refuses a well-signed token of a user that does not exist", async () => {
      const { token } = await issueToken(TEST_SECRET, "00000000-0000-4000-8000-00000000dead", suite.api.clock.now(), 600);
      const result = await viewerWith(token);
      expect(result.data?.viewer).toBeNull();
      expect(codes(result)).toEqual(["UNAUTHENTICATED"]);
    });

    it("R-SEC-1 without a token: viewer is null, protected queries are UNAUTHENTICATED", async () => {
      const anonymous = await viewerWith(undefined);
      expect(anonymous.errors).toBeUndefined();
      expect(anonymous.data?.viewer).toBeNull();

      const procedures = await suite.api.execute(PROCEDURES, { first: 1 }, undefined);
      expect(procedures.data).toBeNull();
      expect(codes(procedures)).toEqual(["UNAUTHENTICATED"]);
    });
  });

  describe("deactivation", () => {
    async function deactivate(world: World, user: TestUser) {
      const admin = await world.token(world.user.adminDk);
      const result = await suite.api.execute(DEACTIVATE, { id: user.id }, admin);
      expect(result.errors).toBeUndefined();
      expect(result.data?.deactivateUser).toEqual({ id: user.id, active: false });
    }

    it("R-USER-2 refuses a deactivated user's token issued before, at the next request", async () => {
      const world = await suite.world();
      const token = await world.token(world.user.handlerDk);
      expect((await viewerWith(token)).data?.viewer?.id).toBe(world.user.handlerDk.id);
      expect((await suite.api.execute(PROCEDURES, { first: 1 }, token)).errors).toBeUndefined();

      await deactivate(world, world.user.handlerDk);

      const viewer = await viewerWith(token);
      expect(viewer.data?.viewer).toBeNull();
      expect(codes(viewer)).toEqual(["UNAUTHENTICATED"]);
      const procedures = await suite.api.execute(PROCEDURES, { first: 1 }, token);
      expect(procedures.data).toBeNull();
      expect(codes(procedures)).toEqual(["UNAUTHENTICATED"]);
      // Others keep their access.
      expect((await viewerWith(await world.token(world.user.adminDk))).data?.viewer?.id).toBe(world.user.adminDk.id);
    });

    it("R-USER-2 refuses the login of a deactivated user, with the same error as any failure", async () => {
      const world = await suite.world();
      await deactivate(world, world.user.handlerDk);

      const refused = await expectLoginRefused(world.user.handlerDk);
      const unknown = await login(`nobody.${world.tag}@imi.test`);
      expect(refused.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);
      // Not a lock that wears off.
      suite.api.clock.advance(LOCK_MS + STEP_MS);
      await expectLoginRefused(world.user.handlerDk);
    });
  });
});
