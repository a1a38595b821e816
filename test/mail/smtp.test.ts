import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENROLMENT_CODE_LINE } from "../../src/modules/mail/enrolment.mail.js";
import { smtpTransport } from "../../src/modules/mail/mail.transport.js";
import { TestApi } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";

/**
 * SMTP_URL (production's transport): the enrolment mail goes to a real SMTP server, here one started
 * by the test on the loopback address (smtp-server), offline. What it receives is all the user gets.
 */

interface Received {
  to: string[];
  raw: string;
}

async function startSmtp(port = 0) {
  const received: Received[] = [];
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  server.listen(port, "127.0.0.1");
  await once(server.server, "listening");
  const address = server.server.address() as AddressInfo;
  return { received, port: address.port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const CREATE_USER = `mutation SmtpTestCreate($input: CreateUserInput!) { createUser(input: $input) { enrolmentMailSent user { id enrolled } } }`;
const RESEND = `mutation SmtpTestResend($id: ID!) { resendEnrolment(userId: $id) { enrolmentMailSent } }`;
const ENROL = `mutation SmtpTestEnrol($email: String!, $code: String!, $password: String!) { enrolUser(email: $email, enrolmentCode: $code, password: $password) { totpSecret } }`;
const PASSWORD = "smtp-enrolled-password";

describe.each(DRIVERS)("enrolment mail over SMTP_URL on %s", (driver) => {
  const suite = useSuite(driver);
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let api: TestApi;
  let port: number;

  beforeAll(async () => {
    smtp = await startSmtp();
    port = smtp.port;
    api = await TestApi.create(suite.db.db, suite.api.clock, { mail: smtpTransport(`smtp://127.0.0.1:${port}`, "IMI <imi@test.invalid>") });
  });
  afterAll(async () => {
    await api?.stop();
    await smtp?.close();
  });

  it("R-SEC-1 delivers the enrolment code to the user's address only, with no personal data beyond it; the user enrols with it and logs in", async () => {
    const world = await suite.world();
    const email = `smtp.${world.tag}@imi.test`;
    const name = `Smtp Colleague ${world.tag}`;
    const created = await api.executeText<{ createUser: { enrolmentMailSent: boolean } }>(
      CREATE_USER,
      { input: { authorityId: world.authority.dk, name, email, roles: ["CASE_HANDLER"] } },
      await world.token(world.user.adminDk),
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createUser.enrolmentMailSent).toBe(true);
    const message = smtp.received.find((m) => m.to.includes(email));
    expect(message).toBeDefined();
    expect(message!.to).toEqual([email]);
    expect(message!.raw).toMatch(/^Subject: Your IMI enrolment code/m);
    // Neither the user's name, nor its creator's, nor its authority's.
    expect(message!.raw).not.toContain(name);
    expect(message!.raw).not.toContain(world.user.adminDk.email);
    expect(message!.raw).not.toContain(world.authority.dk);
    const code = message!.raw.match(ENROLMENT_CODE_LINE)?.[1];
    expect(code).toBeDefined();
    const enrolled = await api.executeText<{ enrolUser: { totpSecret: string } }>(ENROL, { email, code, password: PASSWORD });
    expect(enrolled.errors).toBeUndefined();
    expect(await api.login(email, PASSWORD, enrolled.data!.enrolUser.totpSecret)).toBeTruthy();
  });

  it("a mail that cannot be sent leaves the account awaiting enrolment (enrolmentMailSent false); resendEnrolment sends a new code once the server is back", async () => {
    const world = await suite.world();
    const email = `smtp.down.${world.tag}@imi.test`;
    const admin = await world.token(world.user.adminDk);
    await smtp.close();
    const created = await api.executeText<{ createUser: { enrolmentMailSent: boolean; user: { id: string; enrolled: boolean } } }>(
      CREATE_USER,
      { input: { authorityId: world.authority.dk, name: "Smtp Down", email, roles: ["CASE_HANDLER"] } },
      admin,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createUser).toMatchObject({ enrolmentMailSent: false, user: { enrolled: false } });
    smtp = await startSmtp(port);
    const resent = await api.executeText<{ resendEnrolment: { enrolmentMailSent: boolean } }>(RESEND, { id: created.data!.createUser.user.id }, admin);
    expect(resent.data?.resendEnrolment.enrolmentMailSent).toBe(true);
    const code = smtp.received.find((m) => m.to.includes(email))?.raw.match(ENROLMENT_CODE_LINE)?.[1];
    const enrolled = await api.executeText<{ enrolUser: { totpSecret: string } }>(ENROL, { email, code, password: PASSWORD });
    expect(enrolled.errors).toBeUndefined();
  });
});
