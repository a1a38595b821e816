import { readdir } from "node:fs/promises";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "../../src/db/schema/index.js";
import { codes, type Result } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import type { World } from "../helpers/world.js";

/**
 * Found by an outside attack (findings F1 and F2): a local admin created a case handler at a quoted
 * spelling of its own address, whose enrolment code the mail transport delivered to its own mailbox;
 * and passwords that show one to six characters passed "at least 12 characters".
 */

const CREATE_USER = `mutation MailboxOutsideCreate($input: CreateUserInput!) {
  createUser(input: $input) { enrolmentMailSent user { id email } }
}`;
const ENROL = `mutation MailboxOutsideEnrol($email: String!, $code: String!, $password: String!) {
  enrolUser(email: $email, enrolmentCode: $code, password: $password) { totpSecret totpUri }
}`;
const LOGIN = `mutation MailboxOutsideLogin($email: String!, $password: String!, $code: String!) {
  login(email: $email, password: $password, securityCode: $code) { token }
}`;
const RESEND = `mutation MailboxOutsideResend($id: ID!) { resendEnrolment(userId: $id) { enrolmentMailSent } }`;
const CREATE_AUTHORITY = `mutation MailboxOutsideAuthority($input: CreateAuthorityInput!) { createAuthority(input: $input) { id contactEmail } }`;

const ZWSP = "\u200b";

/** The attacker's spellings of `local@domain`, each delivered (or deliverable) to that mailbox. */
function spellingsOf(local: string, domain: string): string[] {
  return [
    `"${local}"@${domain}`,
    `"${local}+y"@${domain}`,
    `"${local.replace(".", "\\.")}"@${domain}`,
    `"${local}"@${domain.toUpperCase()}`,
    `${local}${ZWSP}@${domain}`,
    `${local.slice(0, 3)}${ZWSP}${local.slice(3)}@${domain}`,
    `${local}@${domain.replace(".", `${ZWSP}.`)}`,
    `${local}\u2060@${domain}`,
    `${local}\u00ad@${domain}`,
    `${local}(comment)@${domain}`,
    `${local}@[127.0.0.1]`,
    `${local}@127.0.0.1`,
    `\uff41${local.slice(1)}@${domain}`, // fullwidth a: NFKC makes it the plain address
    `${local}@${domain}.`,
    `${local}%${domain}@${domain}`,
    ` ${local} @${domain}`,
  ];
}

describe.each(DRIVERS)("mailbox and password rules, found from outside, on %s", (driver) => {
  const suite = useSuite(driver);
  let serial = 0;

  async function create(world: World, email: string, token?: string): Promise<Result<{ createUser: { enrolmentMailSent: boolean; user: { id: string; email: string } } }>> {
    return suite.api.executeText(
      CREATE_USER,
      { input: { authorityId: world.authority.dk, name: "Sock Puppet", email, roles: ["CASE_HANDLER"] } },
      token ?? (await world.token(world.user.adminDk)),
    );
  }

  async function outboxSize(): Promise<number> {
    return (await readdir(suite.api.outbox!)).filter((name) => name.endsWith(".eml")).length;
  }

  async function usersAt(mailboxLike: string): Promise<number> {
    const rows = await suite.db.db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) like ${`%${mailboxLike}%`}`);
    return rows.length;
  }

  it("R-SEC-1 R-COORD-1 a local admin cannot create an account at a quoted, escaped or invisible spelling of its own address: refused, no account, no enrolment mail", async () => {
    const world = await suite.world();
    const admin = await world.token(world.user.adminDk);
    const [local, domain] = world.user.adminDk.email.split("@") as [string, string];
    const mailsBefore = await outboxSize();
    const toAdminBefore = (await suite.api.mailsTo(world.user.adminDk.email)).length;
    for (const email of spellingsOf(local, domain)) {
      const refused = await create(world, email, admin);
      expect(codes(refused), JSON.stringify(email)).toEqual(["BAD_USER_INPUT"]);
      expect(refused.errors![0]!.extensions?.fields, JSON.stringify(email)).toEqual(["email"]);
      expect(refused.errors![0]!.message, JSON.stringify(email)).toContain("plain address such as name@authority.example");
      // The message names the rule, never the address (R-SEC-2).
      expect(refused.errors![0]!.message).not.toContain(local);
    }
    // The same mailbox in the plain syntax: the conflict of one mailbox, one account.
    for (const email of [world.user.adminDk.email, `${local.toUpperCase()}+z@${domain.toUpperCase()}`, ` ${local}+y@${domain} `]) {
      expect(codes(await create(world, email, admin)), email).toEqual(["CONFLICT"]);
    }
    expect(await outboxSize()).toBe(mailsBefore);
    expect((await suite.api.mailsTo(world.user.adminDk.email)).length).toBe(toAdminBefore);
    expect(await usersAt(local.toLowerCase())).toBe(1);
  });

  it("R-SEC-1 R-COORD-1 an account stored before the rule at a quoted spelling of its creator's address gets no enrolment code (resendEnrolment)", async () => {
    const world = await suite.world();
    const admin = await world.token(world.user.adminDk);
    const [local, domain] = world.user.adminDk.email.split("@") as [string, string];
    const [legacy] = await suite.db.db
      .insert(users)
      .values({ authorityId: world.authority.dk, name: "Sock Puppet", email: `"${local}"@${domain}`, roles: ["CASE_HANDLER"], enrolledAt: null, createdByUserId: world.user.adminDk.id })
      .returning({ id: users.id });
    const mailsBefore = await outboxSize();
    const resent = await suite.api.executeText(RESEND, { id: legacy!.id }, admin);
    expect(codes(resent)).toEqual(["CONFLICT"]);
    expect(await outboxSize()).toBe(mailsBefore);
    // Nor can it be enrolled or logged in as by that spelling: only a plain address names an account.
    expect(codes(await suite.api.executeText(ENROL, { email: `"${local}"@${domain}`, code: "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA", password: "sockpuppet-pass-123" }))).toEqual(["UNAUTHENTICATED"]);
  });

  it("R-SEC-1 a plain address is accepted and stored in its canonical form; enrolUser and login take that form (any case), not a quoted spelling of it", async () => {
    const world = await suite.world();
    const given = `New.Comer${++serial}.${world.tag}+Desk@Imi.Test`;
    const canonical = given.toLowerCase();
    const created = await create(world, given);
    expect(created.errors).toBeUndefined();
    expect(created.data!.createUser).toMatchObject({ enrolmentMailSent: true, user: { email: canonical } });
    const code = (await suite.api.enrolmentCodeFor(canonical))!;
    expect(code).toBeDefined();
    const password = "a plain password 1";
    const quoted = `"${canonical.split("@")[0]}"@imi.test`;
    expect(codes(await suite.api.executeText(ENROL, { email: quoted, code, password }))).toEqual(["UNAUTHENTICATED"]);
    const enrolled = await suite.api.executeText<{ enrolUser: { totpSecret: string; totpUri: string } }>(ENROL, { email: given.toUpperCase(), code, password });
    expect(enrolled.errors).toBeUndefined();
    expect(decodeURIComponent(enrolled.data!.enrolUser.totpUri)).toContain(canonical);
    const token = await suite.api.login(given, password, enrolled.data!.enrolUser.totpSecret);
    expect(token).toEqual(expect.any(String));
    expect(codes(await suite.api.executeText(LOGIN, { email: quoted, password, code: "000000" }))).toEqual(["UNAUTHENTICATED"]);

    // Other plain shapes: an apostrophe, an internationalised domain in its A-label form.
    for (const email of [`o'brien${++serial}.${world.tag}@gov.example`, `bruger${++serial}.${world.tag}@xn--brger-kva.example`]) {
      expect((await create(world, email)).errors, email).toBeUndefined();
    }
    expect(codes(await create(world, `bruger${++serial}.${world.tag}@bürger.example`))).toEqual(["BAD_USER_INPUT"]);
  });

  it("R-SEC-1 R-COORD-1 an authority's contact address, where notices of its new accounts go, follows the same rule", async () => {
    const world = await suite.world();
    const coordinator = await world.token(world.user.coordinatorDk);
    const input = (contactEmail: string) => ({
      name: `Maritime ${++serial} ${world.tag}`,
      memberState: "DK",
      legalAreaCodes: ["SERVICES"],
      contactEmail,
      postalAddress: "Caspar Brands Plads 9, 4220 Korsør, Denmark",
      dpoName: "Data protection officer",
      dpoEmail: `dpo.${world.tag}@authority.example`,
    });
    const [local, domain] = world.user.coordinatorDk.email.split("@") as [string, string];
    for (const contactEmail of [`"${local}"@${domain}`, `${local}${ZWSP}@${domain}`, `${local}@[127.0.0.1]`]) {
      const refused = await suite.api.executeText(CREATE_AUTHORITY, { input: input(contactEmail) }, coordinator);
      expect(codes(refused), JSON.stringify(contactEmail)).toEqual(["BAD_USER_INPUT"]);
    }
    const created = await suite.api.executeText<{ createAuthority: { contactEmail: string } }>(CREATE_AUTHORITY, { input: input(`Office.${world.tag}@Authority.Example`) }, coordinator);
    expect(created.errors).toBeUndefined();
    expect(created.data!.createAuthority.contactEmail).toBe(`office.${world.tag}@authority.example`);
  });

  it("R-SEC-1 a password is counted in characters a person sees (grapheme clusters that show something): the attacker's passwords are refused with the rule, the code stays usable", async () => {
    const world = await suite.world();
    const email = `password${++serial}.${world.tag}@imi.test`;
    expect((await create(world, email)).errors).toBeUndefined();
    const code = (await suite.api.enrolmentCodeFor(email))!;
    const family = "\u{1F468}\u200d\u{1F469}\u200d\u{1F467}\u200d\u{1F466}";
    const refusedPasswords = {
      "a with eleven combining accents": "a" + "\u0301".repeat(11),
      "six flags": "\u{1F1E9}\u{1F1F0}\u{1F1E9}\u{1F1EA}\u{1F1EB}\u{1F1F7}\u{1F1F8}\u{1F1EA}\u{1F1F3}\u{1F1F1}\u{1F1E7}\u{1F1EA}",
      "three family emoji": family.repeat(3),
      "six hearts with variation selector": "\u2764\ufe0f".repeat(6),
      "twelve Hangul fillers": "\u3164".repeat(12),
      "twelve blank Braille patterns": "\u2800".repeat(12),
      "Hangul choseong and jungseong fillers": "\u115f\u1160".repeat(12),
      "halfwidth Hangul fillers": "\uffa0".repeat(12),
      "Mongolian vowel separators": "\u180e".repeat(12),
      "eleven letters and spaces": "a b c d e f g h i j k",
      "fifty family emoji, over 1024 bytes": family.repeat(50),
    };
    for (const [name, password] of Object.entries(refusedPasswords)) {
      const refused = await suite.api.executeText(ENROL, { email, code, password });
      expect(codes(refused), name).toEqual(["BAD_USER_INPUT"]);
      expect(refused.errors![0]!.extensions, name).toMatchObject({ field: "password" });
      expect(refused.errors![0]!.message, name).toMatch(/12 to 200 characters as a person sees them.*at most 1024 bytes/);
    }
    // An unpaired surrogate (argon2 would hash it as U+FFFD) is refused before the rule is asked (test/fuzz).
    expect(codes(await suite.api.executeText(ENROL, { email, code, password: "abcdefghijkl\ud800" }))).toEqual(["BAD_USER_INPUT"]);
    // Twelve that show: accepted, with the code that every refusal left usable.
    expect((await suite.api.executeText(ENROL, { email, code, password: "e\u0301".repeat(6) + family.repeat(3) + "\u{1F1E9}\u{1F1F0}\u2764\ufe0fx" })).errors).toBeUndefined();
  });

  it("R-SEC-1 a normal password is still accepted", async () => {
    const world = await suite.world();
    const email = `normal${++serial}.${world.tag}@imi.test`;
    expect((await create(world, email)).errors).toBeUndefined();
    const code = (await suite.api.enrolmentCodeFor(email))!;
    expect((await suite.api.executeText(ENROL, { email, code, password: "correct horse battery staple" })).errors).toBeUndefined();
  });
});
