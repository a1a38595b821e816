import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestApi } from "../helpers/api.js";
import { createTestDatabase, DRIVERS, type TestDatabase } from "../helpers/database.js";
import { World } from "../helpers/world.js";

/**
 * enrolUser gives one answer to every refusal (R-SEC-1), and the same statements too: an unknown
 * e-mail used to cost one statement less than an account awaiting enrolment with a wrong code, so the
 * answer's time told which e-mails exist. Counted here, not timed.
 */
const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } } }`;
const ENROL = `mutation($email: String!, $code: String!) { enrolUser(email: $email, enrolmentCode: $code, password: "a-long-enough-password") { totpSecret } }`;

describe.each(DRIVERS)("enrolUser's refusals cost the same whether the e-mail exists (%s)", (driver) => {
  let db: TestDatabase;
  let api: TestApi;
  let statements = 0;

  beforeAll(async () => {
    db = await createTestDatabase(driver, { queryLogger: { logQuery: () => void statements++ } });
    api = await TestApi.create(db.db);
  });
  afterAll(async () => {
    await api?.stop();
    await db?.dispose();
  });

  it("R-SEC-1 a wrong code for an account awaiting enrolment and any code for an unknown e-mail: the same refusal after the same number of statements", async () => {
    const world = await World.create(db.db, api);
    const pending = `pending.${world.tag}@imi.test`;
    const created = await api.executeText(CREATE_USER, { input: { authorityId: world.authority.dk, name: "Pending", email: pending, roles: ["CASE_HANDLER"] } }, await world.token(world.user.adminDk));
    expect(created.errors).toBeUndefined();

    const refused = async (email: string) => {
      const before = statements;
      const answer = await api.executeText(ENROL, { email, code: "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH" });
      return { codes: answer.errors?.map((e) => e.extensions?.code), message: answer.errors?.[0]?.message, statements: statements - before };
    };
    const wrongCode = await refused(pending);
    const unknown = await refused(`nobody.${world.tag}@imi.test`);
    expect(wrongCode.codes).toEqual(["UNAUTHENTICATED"]);
    expect(unknown).toEqual(wrongCode);
  });
});
