import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { authorities } from "../../src/db/schema/index.js";
import { codes } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import type { World } from "../helpers/world.js";

/** Found by an outside attack on the enrolment flow (createUser, enrolUser). */

const CREATE_USER = `mutation EnrolmentOutsideCreate($input: CreateUserInput!) {
  createUser(input: $input) { enrolmentMailSent user { id } }
}`;
const ENROL = `mutation EnrolmentOutsideEnrol($email: String!, $code: String!, $password: String!) {
  enrolUser(email: $email, enrolmentCode: $code, password: $password) { totpSecret }
}`;

describe.each(DRIVERS)("enrolment, found from outside, on %s", (driver) => {
  const suite = useSuite(driver);
  let serial = 0;

  async function create(world: World, email: string, authorityId = world.authority.dk, roles = ["CASE_HANDLER"]) {
    return suite.api.executeText<{ createUser: { user: { id: string } } }>(
      CREATE_USER,
      { input: { authorityId, name: `Outside ${++serial}`, email, roles } },
      await world.token(world.user.adminDk),
    );
  }

  it("R-SEC-1 an administrator cannot create an account at a sub-address of its own mailbox (or any user's), whose code it would receive itself", async () => {
    const world = await suite.world();
    const [local, domain] = world.user.adminDk.email.split("@") as [string, string];
    for (const email of [`${local}+handler@${domain}`, `${local.toUpperCase()}+x@${domain.toUpperCase()}`, `${world.user.handlerDk.email.split("@")[0]}+2@${domain}`]) {
      const refused = await create(world, email);
      expect(codes(refused), email).toEqual(["CONFLICT"]);
      expect(await suite.api.mailsTo(email)).toEqual([]);
    }
    // And the other way round: a sub-address taken first keeps its plain mailbox from a second account.
    const mailbox = `shared.${world.tag}`;
    expect((await create(world, `${mailbox}+one@imi.test`)).errors).toBeUndefined();
    expect(codes(await create(world, `${mailbox}@imi.test`))).toEqual(["CONFLICT"]);
  });

  it("R-SEC-1 the authority of a new account is told at its contact address, and a new coordinator's state's coordinating authorities too", async () => {
    const world = await suite.world();
    const email = `noticed${++serial}.${world.tag}@imi.test`;
    expect((await create(world, email)).errors).toBeUndefined();
    const [dk] = await suite.db.db.select().from(authorities).where(eq(authorities.id, world.authority.dk));
    const notices = (await suite.api.mailsTo(dk!.contactEmail)).filter((mail) => mail.includes(email));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain("LOCAL_ADMIN of");
    expect(notices[0]).not.toMatch(/Enrolment code:/);

    const coordinatorEmail = `coordinator${++serial}.${world.tag}@imi.test`;
    const byHelpdesk = await suite.api.executeText(
      CREATE_USER,
      { input: { authorityId: world.authority.coordinatorDk, name: "New coordinator", email: coordinatorEmail, roles: ["COORDINATOR"] } },
      await world.token(world.user.helpdesk),
    );
    expect(byHelpdesk.errors).toBeUndefined();
    const coordinating = await suite.db.db.select().from(authorities).where(eq(authorities.coordinating, true));
    for (const authority of coordinating.filter((a) => a.memberState === "DK")) {
      expect((await suite.api.mailsTo(authority.contactEmail)).some((mail) => mail.includes(coordinatorEmail)), authority.name).toBe(true);
    }
  });

  it("R-SEC-1 a password is counted in visible characters: twelve zero-width spaces or six emoji are refused, the code stays usable", async () => {
    const world = await suite.world();
    const email = `password${++serial}.${world.tag}@imi.test`;
    expect((await create(world, email)).errors).toBeUndefined();
    const code = (await suite.api.enrolmentCodeFor(email))!;
    for (const password of ["\u200b".repeat(12), "\u{1F642}".repeat(6), "\u00a0".repeat(12), "abc\u200d\u200d\u200d\u200d\u200d\u200d\u200d\u200d\u200d"]) {
      const refused = await suite.api.executeText(ENROL, { email, code, password });
      expect(codes(refused), JSON.stringify(password)).toEqual(["BAD_USER_INPUT"]);
    }
    expect((await suite.api.executeText(ENROL, { email, code, password: "\u{1F642}".repeat(12) })).errors).toBeUndefined();
  });
});
