import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { securityCodeAt } from "../../src/auth/totp.js";
import { auditEvents, userEnrolments, users } from "../../src/db/schema/index.js";
import { LOGIN_FAILED } from "../../src/modules/session/auth.service.js";
import { ENROLMENT_FAILED } from "../../src/modules/session/enrolment.service.js";
import { codes, TestApi } from "../helpers/api.js";
import { countRows } from "../helpers/counts.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import { TEST_PASSWORD, TEST_TOTP_SECRET, type TestUser, type World } from "../helpers/world.js";

/**
 * R-SEC-1 (pentest, severity high): createUser used to take the new account's password from its
 * creator and hand the creator its TOTP secret, so a local admin, a coordinator or the Commission
 * could create a case handler, log in as it and read personal data. Now the account awaits
 * enrolment, and only the code mailed to the user's own address (the outbox, which no API caller
 * reads) lets anyone set its password and receive its second factor.
 */

const CREATE_USER = `mutation EnrolmentTestCreate($input: CreateUserInput!) {
  createUser(input: $input) { enrolmentExpiresAt enrolmentMailSent user { id roles enrolled active } }
}`;
const ENROL = `mutation EnrolmentTestEnrol($email: String!, $code: String!, $password: String!) {
  enrolUser(email: $email, enrolmentCode: $code, password: $password) { totpSecret totpUri }
}`;
const LOGIN = `mutation EnrolmentTestLogin($email: String!, $password: String!, $code: String!) {
  login(email: $email, password: $password, securityCode: $code) { token }
}`;
const RESEND = `mutation EnrolmentTestResend($id: ID!) { resendEnrolment(userId: $id) { enrolmentExpiresAt enrolmentMailSent user { id enrolled } } }`;
const USERS = `query EnrolmentTestUsers($authorityId: ID!) { users(filter: { authorityId: $authorityId }, first: 100) { edges { node { id enrolled } } } }`;
const NEW_USER_FIELDS = `query EnrolmentTestNewUserFields { __type(name: "NewUser") { fields { name } } }`;

const PASSWORD = "my-own-password-123";
const HOUR = 3600 * 1000;

type Created = { createUser: { enrolmentExpiresAt: string; enrolmentMailSent: boolean; user: { id: string; roles: string[]; enrolled: boolean; active: boolean } } };

describe.each(DRIVERS)("enrolment by the new user on %s", (driver) => {
  const suite = useSuite(driver);
  let serial = 0;

  async function create(world: World, by: TestUser, authorityId: string, roles: string[], api: TestApi = suite.api) {
    const email = `enrol${++serial}.${world.tag}@imi.test`;
    const result = await api.executeText<Created>(CREATE_USER, { input: { authorityId, name: `Enrolling ${serial}`, email, roles } }, await world.token(by));
    return { email, result };
  }

  const enrol = (email: string, code: string, password = PASSWORD) => suite.api.executeText<{ enrolUser: { totpSecret: string; totpUri: string } }>(ENROL, { email, code, password });
  const login = (email: string, password: string, code: string) => suite.api.executeText(LOGIN, { email, password, code });

  const creators: [string, (w: World) => TestUser, (w: World) => string, string[]][] = [
    ["a local admin", (w) => w.user.adminDk, (w) => w.authority.dk, ["CASE_HANDLER"]],
    ["a coordinator", (w) => w.user.coordinatorDk, (w) => w.authority.dk, ["CASE_HANDLER"]],
    // The Commission provisions no case handler (Art. 8): its own helpdesk users, the same way.
    ["the Commission", (w) => w.user.helpdesk, (w) => w.authority.helpdesk, ["COMMISSION"]],
  ];

  for (const [who, creator, authority, roles] of creators) {
    const what = roles.includes("CASE_HANDLER") ? "a case handler" : "a Commission user";
    it(`R-SEC-1 ${who} who creates ${what} never holds its credentials: createUser returns no secret, and only the enrolment code from the user's mailbox lets anyone log in as it`, async () => {
      const world = await suite.world();
      const by = creator(world);
      const { email, result } = await create(world, by, authority(world), roles);
      expect(result.errors).toBeUndefined();
      expect(result.data!.createUser).toMatchObject({ enrolmentMailSent: true, user: { roles, enrolled: false, active: true } });
      // The answer's type holds no credential at all, and the answer no trace of the code.
      const fields = await suite.api.executeText<{ __type: { fields: { name: string }[] } }>(NEW_USER_FIELDS, {}, await world.token(by));
      expect(fields.data!.__type.fields.map((f) => f.name).sort()).toEqual(["enrolmentExpiresAt", "enrolmentMailSent", "user"]);
      const code = await suite.api.enrolmentCodeFor(email);
      expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){7}$/);
      expect(JSON.stringify(result)).not.toContain(code!);
      expect(JSON.stringify(result)).not.toContain(code!.replace(/-/g, ""));

      // Nobody logs in before enrolment, whatever password and code they try (the demo secret included).
      for (const password of [PASSWORD, TEST_PASSWORD, ""]) {
        const attempt = await login(email, password, securityCodeAt(TEST_TOTP_SECRET, suite.api.clock.now()));
        expect(codes(attempt)).toEqual(["UNAUTHENTICATED"]);
        expect(attempt.errors?.[0]?.message).toBe(LOGIN_FAILED);
      }
      // The creator, without the mailbox, cannot enrol the account: a guessed code is refused.
      const guessed = await enrol(email, "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA");
      expect(codes(guessed)).toEqual(["UNAUTHENTICATED"]);
      expect(guessed.errors?.[0]?.message).toBe(ENROLMENT_FAILED);

      // The user, with the code from its own mailbox, enrols and logs in.
      const enrolled = await enrol(email, code!.toLowerCase().replace(/-/g, " "));
      expect(enrolled.errors).toBeUndefined();
      const { totpSecret, totpUri } = enrolled.data!.enrolUser;
      expect(totpSecret).toMatch(/^[A-Z2-7]{32}$/);
      expect(new URL(totpUri).searchParams.get("secret")).toBe(totpSecret);
      const token = await suite.api.login(email, PASSWORD, totpSecret);
      expect(token).toBeTruthy();
      const [row] = await suite.db.db.select().from(users).where(eq(users.id, result.data!.createUser.user.id));
      expect(row!.enrolledAt).toEqual(suite.api.clock.now());
      const seen = await suite.api.executeText<{ users: { edges: { node: { id: string; enrolled: boolean } }[] } }>(USERS, { authorityId: authority(world) }, await world.token(by));
      expect(seen.data!.users.edges.find((e) => e.node.id === row!.id)?.node.enrolled).toBe(true);
    });
  }

  it("R-SEC-1 refuses a reused enrolment code with the generic answer, and the first enrolment's credentials stay", async () => {
    const world = await suite.world();
    const { email } = await create(world, world.user.adminDk, world.authority.dk, ["CASE_HANDLER"]);
    const code = (await suite.api.enrolmentCodeFor(email))!;
    expect((await enrol(email, code)).errors).toBeUndefined();
    const reused = await enrol(email, code, "an-attackers-password");
    expect(codes(reused)).toEqual(["UNAUTHENTICATED"]);
    expect(reused.errors?.[0]?.message).toBe(ENROLMENT_FAILED);
    const attacker = await login(email, "an-attackers-password", "000000");
    expect(attacker.errors?.[0]?.message).toBe(LOGIN_FAILED);
  });

  it("R-SEC-1 refuses an expired enrolment code (72 hours) with the generic answer; resendEnrolment issues a new one and the old stops working", async () => {
    const world = await suite.world();
    const { email, result } = await create(world, world.user.adminDk, world.authority.dk, ["CASE_HANDLER"]);
    const id = result.data!.createUser.user.id;
    const first = (await suite.api.enrolmentCodeFor(email))!;
    expect(new Date(result.data!.createUser.enrolmentExpiresAt).getTime()).toBe(suite.api.clock.now().getTime() + 72 * HOUR);
    suite.api.clock.set(new Date(suite.api.clock.now().getTime() + 72 * HOUR));
    const expired = await enrol(email, first);
    expect(codes(expired)).toEqual(["UNAUTHENTICATED"]);
    // The same answer as for an e-mail nobody holds: no oracle.
    const unknown = await enrol(`nobody.${world.tag}@imi.test`, first);
    expect(expired.errors?.[0]?.message).toBe(ENROLMENT_FAILED);
    expect(unknown.errors?.[0]?.message).toBe(ENROLMENT_FAILED);

    // A case handler sends no code; the creator's side does, and learns no code either (tokens anew: time moved on).
    const fresh = (user: TestUser) => suite.api.login(user.email, TEST_PASSWORD, TEST_TOTP_SECRET);
    const admin = await fresh(world.user.adminDk);
    expect(codes(await suite.api.executeText(RESEND, { id }, await fresh(world.user.handlerDk)))).toEqual(["FORBIDDEN"]);
    const resent = await suite.api.executeText<{ resendEnrolment: { enrolmentMailSent: boolean; user: { enrolled: boolean } } }>(RESEND, { id }, admin);
    expect(resent.errors).toBeUndefined();
    expect(resent.data!.resendEnrolment).toMatchObject({ enrolmentMailSent: true, user: { enrolled: false } });
    const second = (await suite.api.enrolmentCodeFor(email))!;
    expect(second).not.toBe(first);
    expect(JSON.stringify(resent)).not.toContain(second);
    expect((await suite.api.mailsTo(email)).length).toBe(2);
    expect(codes(await enrol(email, first))).toEqual(["UNAUTHENTICATED"]);
    expect((await enrol(email, second)).errors).toBeUndefined();
    // Enrolled: no more codes for it.
    expect(codes(await suite.api.executeText(RESEND, { id }, admin))).toEqual(["CONFLICT"]);
  });

  it("R-SEC-1 refuses login before enrolment exactly like a wrong password (same code and message as for an unknown e-mail)", async () => {
    const world = await suite.world();
    const { email } = await create(world, world.user.adminDk, world.authority.dk, ["CASE_HANDLER"]);
    const code = securityCodeAt(TEST_TOTP_SECRET, suite.api.clock.now());
    const pending = await login(email, PASSWORD, code);
    const wrongPassword = await login(world.user.handlerDk.email, "not-the-password-123", code);
    const unknown = await login(`nobody.${world.tag}@imi.test`, PASSWORD, code);
    for (const result of [pending, wrongPassword, unknown]) {
      expect(result.data).toBeNull();
      expect(result.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([["UNAUTHENTICATED", LOGIN_FAILED]]);
    }
  });

  it("R-SEC-2 audits creating, re-sending and enrolling by the account's id, never its e-mail", async () => {
    const world = await suite.world();
    const { email, result } = await create(world, world.user.adminDk, world.authority.dk, ["CASE_HANDLER"]);
    const id = result.data!.createUser.user.id;
    await suite.api.executeText(RESEND, { id }, await world.token(world.user.adminDk));
    await suite.api.enrol(email, PASSWORD);
    const events = await suite.db.db.select().from(auditEvents);
    const mine = events.filter((e) => e.fields.includes(`User.id:${id}`));
    expect(mine.map((e) => [e.action, e.actorUserId, e.ground])).toEqual([
      ["USER_CREATE", world.user.adminDk.id, "USER_ADMINISTRATION:LOCAL_ADMIN"],
      ["USER_ENROLMENT_RESEND", world.user.adminDk.id, "USER_ADMINISTRATION:LOCAL_ADMIN"],
      ["USER_ENROL", id, "USER_ENROLMENT:SELF"],
    ]);
    expect(JSON.stringify(mine)).not.toContain(email);
  });

  it("R-SEC-1 rate-limits failed enrolments like logins (FORBIDDEN, RATE_LIMITED)", async () => {
    const world = await suite.world();
    const { email } = await create(world, world.user.adminDk, world.authority.dk, ["CASE_HANDLER"]);
    let answer: Awaited<ReturnType<typeof enrol>> | undefined;
    for (let i = 0; i < 25; i++) {
      answer = await enrol(email, `AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AA${String.fromCharCode(65 + i)}A`);
      if (answer.errors?.[0]?.extensions?.reason === "RATE_LIMITED") break;
    }
    expect(answer!.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "RATE_LIMITED" });
    // The right code is refused too while the limit holds.
    const code = (await suite.api.enrolmentCodeFor(email))!;
    expect((await enrol(email, code)).errors?.[0]?.extensions?.reason).toBe("RATE_LIMITED");
  });

  it("refuses createUser without a mail transport (SERVICE_UNAVAILABLE, MAIL_NOT_CONFIGURED) and creates nothing", async () => {
    const world = await suite.world();
    const api = await TestApi.create(suite.db.db, suite.api.clock, { mail: null });
    try {
      const { email, result } = await create(world, world.user.adminDk, world.authority.dk, ["CASE_HANDLER"], api);
      expect(result.data).toBeNull();
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "SERVICE_UNAVAILABLE", reason: "MAIL_NOT_CONFIGURED" });
      expect(await countRows(suite.db.db, users, eq(users.email, email))).toBe(0);
    } finally {
      await api.stop();
    }
  });

  it("refuses a password shorter than 12 characters (BAD_USER_INPUT) and leaves the code usable", async () => {
    const world = await suite.world();
    const { email } = await create(world, world.user.adminDk, world.authority.dk, ["CASE_HANDLER"]);
    const code = (await suite.api.enrolmentCodeFor(email))!;
    const short = await enrol(email, code, "short-11chr");
    expect(short.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "password" });
    expect((await enrol(email, code)).errors).toBeUndefined();
  });

  it("R-USER-2 a deactivated account cannot enrol, and its code is gone", async () => {
    const world = await suite.world();
    const { email, result } = await create(world, world.user.adminDk, world.authority.dk, ["CASE_HANDLER"]);
    const id = result.data!.createUser.user.id;
    const code = (await suite.api.enrolmentCodeFor(email))!;
    const deactivated = await suite.api.executeText(`mutation EnrolmentTestDeactivate($id: ID!) { deactivateUser(id: $id) { id } }`, { id }, await world.token(world.user.adminDk));
    expect(deactivated.errors).toBeUndefined();
    expect(await countRows(suite.db.db, userEnrolments, eq(userEnrolments.userId, id))).toBe(0);
    expect(codes(await enrol(email, code))).toEqual(["UNAUTHENTICATED"]);
  });
});
