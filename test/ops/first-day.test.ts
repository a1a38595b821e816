import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DRIVERS, type Driver } from "../helpers/database.js";
import { killCommands, postgresWithRoles, productionSecrets, runCommand, stopCommand, untilReadyLine } from "../helpers/operator.js";
import { freePort, ROOT } from "../helpers/server-process.js";
import { unusedSecurityCode } from "../helpers/security-codes.js";
import { enrolmentCodeIn } from "../helpers/api.js";

/**
 * Issue 15, an operator's first day: from an empty database, the documented commands alone
 * (docs/deployment.md "From an empty database") lead to a logged-in Commission user, who creates
 * the coordinators, who create the authorities and their case handlers, who work a procedure. On
 * PostgreSQL in production mode (NODE_ENV=production, generated secrets); on PGlite in development
 * mode (production takes PostgreSQL only), with the demo world off. The commands run as the image
 * runs them: the bundles of .data/server (scripts/build-server.mjs), with node.
 */

const PASSWORD = "first-day-password-1";
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  killCommands();
  for (const cleanup of cleanups.reverse()) await cleanup();
});

interface Setup {
  /** For db:migrate and admin:create: on PostgreSQL as the database's owner. */
  env: Record<string, string>;
  /** For the server: on PostgreSQL as the application role (docs/deployment.md "Database roles"). */
  serverEnv: Record<string, string>;
  scope: string;
  outbox: string;
}

async function freshSetup(driver: Driver): Promise<Setup> {
  if (driver === "postgres") {
    const database = await postgresWithRoles();
    cleanups.push(() => database.dispose());
    const env = { NODE_ENV: "production", DATABASE_URL: database.ownerUrl, ...productionSecrets() };
    // Production has no default outbox: the operator names the folder (docs/deployment.md).
    const outbox = await mkdtemp(join(tmpdir(), "imi-first-day-outbox-"));
    cleanups.push(() => rm(outbox, { recursive: true, force: true }));
    return { env, serverEnv: { ...env, DATABASE_URL: database.appUrl, MAIL_OUTBOX_DIR: outbox }, scope: database.appUrl, outbox };
  }
  const dir = await mkdtemp(join(tmpdir(), "imi-first-day-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const pgliteDir = join(dir, "pglite");
  const env = { PGLITE_DIR: pgliteDir, SEED_DEMO: "off" };
  // The embedded default: the outbox beside the database, inside its folder.
  return { env, serverEnv: env, scope: pgliteDir, outbox: join(pgliteDir, "outbox") };
}

async function command(args: string[], env: Record<string, string>, input?: string) {
  const run = runCommand(args, { cwd: ROOT, env, input });
  const exit = await run.exited;
  return { ...exit, output: run.lines.join("\n"), lines: run.lines };
}

function adminCreate(env: Record<string, string>, extra: string[] = []) {
  return command([".data/server/admin-create.mjs", "--email", "helpdesk@commission.example.org", "--authority", "IMI helpdesk, European Commission", ...extra], env, `${PASSWORD}\n`);
}

class Client {
  constructor(
    private readonly base: string,
    private readonly scope: string,
    /** Where the server's enrolment mails land (MAIL_OUTBOX_DIR or its default beside PGLITE_DIR). */
    private readonly outbox: string,
  ) {}

  async call<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    const response = await fetch(`${this.base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    expect(body.errors, `${query.trim().split("\n")[0]} answered ${JSON.stringify(body.errors)}`).toBeUndefined();
    return body.data!;
  }

  async login(email: string, password: string, totpSecret: string): Promise<string> {
    const securityCode = await unusedSecurityCode(totpSecret, this.scope, email);
    const data = await this.call<{ login: { token: string; user: { roles: string[] } } }>(
      `mutation FirstDayLogin($email: String!, $password: String!, $securityCode: String!) {
        login(email: $email, password: $password, securityCode: $securityCode) { token user { roles } }
      }`,
      { email, password, securityCode },
    );
    return data.login.token;
  }

  async createAuthority(token: string, memberState: string, name: string, legalAreaCodes: string[], coordinating = false): Promise<string> {
    const data = await this.call<{ createAuthority: { id: string; memberState: string } }>(
      `mutation FirstDayAuthority($input: CreateAuthorityInput!) { createAuthority(input: $input) { id memberState } }`,
      {
        input: {
          name,
          memberState,
          contactEmail: `contact@${memberState.toLowerCase()}.authority.example.org`,
          postalAddress: `1 Main Street, ${memberState}`,
          dpoName: "Data Protection Officer",
          dpoEmail: `dpo@${memberState.toLowerCase()}.authority.example.org`,
          legalAreaCodes,
          ...(coordinating ? { coordinating } : {}),
        },
      },
      token,
    );
    expect(data.createAuthority.memberState).toBe(memberState);
    return data.createAuthority.id;
  }

  /**
   * createUser, then the new user's own enrolment (R-SEC-1): the creator receives no credential; the
   * user reads its code in the outbox (MAIL_OUTBOX_DIR, the operator's folder) and chooses its
   * password. Returns the TOTP secret, which only enrolUser's answer holds.
   */
  async createUser(token: string, authorityId: string, email: string, roles: string[]): Promise<string> {
    const data = await this.call<{ createUser: { enrolmentMailSent: boolean; user: { roles: string[]; enrolled: boolean } } }>(
      `mutation FirstDayUser($input: CreateUserInput!) { createUser(input: $input) { enrolmentMailSent user { roles enrolled } } }`,
      { input: { authorityId, name: "First Day Colleague", email, roles } },
      token,
    );
    expect(data.createUser).toEqual({ enrolmentMailSent: true, user: { roles, enrolled: false } });
    const enrolmentCode = await enrolmentCodeIn(this.outbox, email);
    expect(enrolmentCode, `no enrolment mail to ${email} in ${this.outbox}`).toBeDefined();
    const enrolled = await this.call<{ enrolUser: { totpSecret: string } }>(
      `mutation FirstDayEnrol($email: String!, $code: String!, $password: String!) { enrolUser(email: $email, enrolmentCode: $code, password: $password) { totpSecret } }`,
      { email, code: enrolmentCode, password: PASSWORD },
    );
    return enrolled.enrolUser.totpSecret;
  }
}

describe.each(DRIVERS)("an operator's first day on an empty database (%s)", (driver) => {
  it("db:migrate, admin:create, start; the helpdesk creates coordinators, they create authorities and case handlers, who work a procedure", { timeout: 240_000 }, async () => {
    const { env, serverEnv, scope, outbox } = await freshSetup(driver);

    const migrated = await command([".data/server/migrate.mjs"], env);
    expect(migrated, migrated.output).toMatchObject({ code: 0 });
    expect(migrated.output).toContain(`Migrations applied (${driver}).`);

    // The bootstrap: one Commission user, its secret printed once.
    const created = await adminCreate(env);
    expect(created, created.output).toMatchObject({ code: 0 });
    const totpSecret = created.output.match(/^TOTP secret: ([A-Z2-7]{32})$/m)?.[1];
    expect(totpSecret).toBeDefined();
    expect(created.output).toMatch(/^otpauth URI: otpauth:\/\/totp\/IMI:helpdesk%40commission\.example\.org\?.*secret=[A-Z2-7]{32}/m);
    expect(created.output).not.toContain(PASSWORD);

    // Idempotent: a second run changes nothing and says how to add another.
    const again = await adminCreate(env);
    expect(again.code).toBe(1);
    expect(again.lines).toEqual([expect.stringMatching(/^Refused: the database has 1 Commission user already; nothing changed\..*--add-another/)]);

    const port = await freePort();
    const server = runCommand(["--enable-source-maps", ".data/server/main.mjs"], { cwd: ROOT, env: { ...serverEnv, PORT: String(port), LOG_LEVEL: "info", RETENTION_SCHEDULE: "off" }, log: true });
    const ready = await untilReadyLine(server);
    expect(ready).toMatchObject({ port, driver });
    const api = new Client(`http://127.0.0.1:${port}`, scope, outbox);

    const helpdesk = await api.login("helpdesk@commission.example.org", PASSWORD, totpSecret!);
    // The bootstrap is in the audit log: USER_CREATE with no actor, on the bootstrap's ground.
    const audit = await api.call<{ auditEvents: { edges: { node: { action: string; ground: string; actor: unknown; fields: string[] } }[] } }>(
      `query FirstDayAudit { auditEvents(filter: { action: "USER_CREATE" }, first: 10) { edges { node { action ground actor { id } fields } } } }`,
      {},
      helpdesk,
    );
    expect(audit.auditEvents.edges.map((edge) => edge.node)).toEqual([
      expect.objectContaining({ action: "USER_CREATE", ground: "USER_ADMINISTRATION:BOOTSTRAP", actor: null, fields: expect.arrayContaining(["User.roles:COMMISSION"]) }),
    ]);

    // The helpdesk creates each member state's coordinator authority (designated: coordinating, in no
    // legal area, pentest F1) and coordinator.
    const coordinators: Record<string, string> = {};
    for (const state of ["DK", "DE"]) {
      const authorityId = await api.createAuthority(helpdesk, state, `${state} IMI coordinator`, [], true);
      const email = `coordinator@${state.toLowerCase()}.example.org`;
      coordinators[state] = await api.login(email, PASSWORD, await api.createUser(helpdesk, authorityId, email, ["COORDINATOR"]));
    }

    // Each coordinator creates a competent authority of its state and a case handler in it.
    const authorities: Record<string, string> = {};
    const handlers: Record<string, string> = {};
    for (const state of ["DK", "DE"]) {
      authorities[state] = await api.createAuthority(coordinators[state]!, state, `${state} services authority`, ["SERVICES"]);
      const email = `handler@${state.toLowerCase()}.example.org`;
      handlers[state] = await api.login(email, PASSWORD, await api.createUser(coordinators[state]!, authorities[state]!, email, ["CASE_HANDLER"]));
    }

    // The case handlers work a procedure: DK asks, DE accepts and answers.
    const procedure = await api.call<{ createProcedure: { id: string; status: string } }>(
      `mutation FirstDayProcedure($input: CreateProcedureInput!) { createProcedure(input: $input) { id status } }`,
      {
        input: {
          kind: "REQUEST",
          legalAreaCode: "SERVICES",
          subject: "Is the provider registered?",
          justification: "The provider applied to provide services in Denmark.",
          recipientAuthorityIds: [authorities.DE],
        },
      },
      handlers.DK,
    );
    const id = procedure.createProcedure.id;
    expect(procedure.createProcedure.status).toBe("DRAFT");
    await api.call(`mutation FirstDaySubject($id: ID!) { addDataSubject(procedureId: $id, input: { fullName: "Erste Tagperson", dateOfBirth: "1980-04-12" }) { id } }`, { id }, handlers.DK);
    expect((await api.call(`mutation FirstDaySend($id: ID!) { sendProcedure(id: $id) { status } }`, { id }, handlers.DK)).sendProcedure.status).toBe("SENT");
    expect((await api.call(`mutation FirstDayAccept($id: ID!) { acceptProcedure(id: $id) { status } }`, { id }, handlers.DE)).acceptProcedure.status).toBe("ACCEPTED");
    await api.call(`mutation FirstDayAnswer($id: ID!) { postMessage(procedureId: $id, body: "Registered with us.") { id } }`, { id }, handlers.DE);
    const seen = await api.call(`query FirstDaySeen($id: ID!) { procedure(id: $id) { status messages { body } } }`, { id }, handlers.DK);
    expect(seen.procedure).toEqual({ status: "ANSWERED", messages: [{ body: "Registered with us." }] });

    // The helpdesk takes no part in procedures with personal data (Art. 8): it does not see this one's.
    const helpdeskView = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${helpdesk}` },
      body: JSON.stringify({ query: `query FirstDayHelpdesk($id: ID!) { procedure(id: $id) { dataSubjects { fullName } } }`, variables: { id } }),
    });
    expect(JSON.stringify(await helpdeskView.json())).not.toContain("Erste Tagperson");

    expect(await stopCommand(server)).toEqual({ code: 0, signal: null });

    // A second Commission user only when asked for (the database is not in use by the server any more: PGlite's lock).
    const another = await command([".data/server/admin-create.mjs", "--email", "second@commission.example.org", "--authority", "IMI helpdesk, European Commission", "--add-another"], env, `${PASSWORD}\n`);
    expect(another, another.output).toMatchObject({ code: 0 });
    expect(another.output).toContain('in the existing helpdesk authority "IMI helpdesk, European Commission"');
  });
});
