import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import type { GraphQLFormattedError } from "graphql";
import { print } from "graphql";
import { mkdtempSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ENROLMENT_CODE_LINE } from "../../src/modules/mail/enrolment.mail.js";
import { outboxTransport, type MailTransport } from "../../src/modules/mail/mail.transport.js";
import { ManualClock } from "../../src/clock.js";
import type { Database } from "../../src/db/database.js";
import { securityCodeAt, TOTP_STEP_MS, timeStepAt } from "../../src/auth/totp.js";
import type { Logger } from "../../src/logger.js";
import type { ExchangeKeys } from "../../src/modules/proof/proof.keys.js";
import { buildApi, type Api, type ServerDeps } from "../../src/server.js";
import { graphql } from "../generated/gql.js";
import { testLogger } from "./test-logs.js";

export const TEST_SECRET = new TextEncoder().encode("test-secret-of-at-least-32-characters!!");

export interface Result<T> {
  data: T | null | undefined;
  errors: readonly GraphQLFormattedError[] | undefined;
}

/**
 * The TOTP steps this test run has logged each user in with, per database (R-SEC-1: a code is
 * accepted once). Kept here rather than read from the database, so that it also covers tests that
 * reset or reuse a database.
 */
const usedSteps = new WeakMap<Database, Map<string, Set<number>>>();

/** The API over a test database, driven through Apollo's executeOperation with real tokens. */
export class TestApi {
  private constructor(
    readonly api: Api,
    readonly clock: ManualClock,
    private readonly db: Database,
    /** The folder the enrolment mails of this API land in (MAIL_OUTBOX_DIR), one .eml each; null with another transport. */
    readonly outbox: string | null,
  ) {}

  static async create(
    db: Database,
    clock = new ManualClock(new Date("2026-06-01T09:00:00Z")),
    /**
     * `allowTimeTravel`: as IMI_ALLOW_TIME_TRAVEL=1 (runRetention accepts a future asOf). `logger`: the
     * test log file at debug unless told otherwise (its lines are scanned for personal data).
     */
    {
      allowTimeTravel = false,
      logger = testLogger(),
      oidcIssuers,
      mail,
      ...options
    }: {
      /** graphql-shield removed (issue 13: the database's wall alone). */
      withoutAuthorization?: boolean;
      /** The database's row security off: requests run as the tables' owner (issue 13: graphql-shield alone). */
      requestsAsOwner?: boolean;
      exchangeKeys?: ExchangeKeys;
      allowTimeTravel?: boolean;
      logger?: Logger;
      /** Subscriptions (issue 16): the database handle's LISTEN, and bounds other than the defaults. */
      listen?: ServerDeps["listen"];
      live?: ServerDeps["live"];
      trustedDocuments?: ServerDeps["trustedDocuments"];
      /** Single sign-on (issue 16): OIDC_ISSUERS as parsed. */
      oidcIssuers?: ServerDeps["config"]["oidcIssuers"];
      /** R-SEC-1: where enrolment mails go; by default a fresh outbox folder of this API's own (`outbox`). */
      mail?: MailTransport | null;
    } = {},
  ): Promise<TestApi> {
    const outbox = mail === undefined ? mkdtempSync(join(tmpdir(), "imi-outbox-")) : null;
    const api = await buildApi({
      db,
      clock,
      ...options,
      mail: outbox ? outboxTransport(outbox, "IMI test <imi@test.invalid>") : (mail ?? undefined),
      config: { jwtSecret: TEST_SECRET, tokenTtlSeconds: 1800, production: false, allowTimeTravel, oidcIssuers },
      logger,
    });
    return new TestApi(api, clock, db, outbox);
  }

  execute<TData, TVars extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVars>,
    variables: TVars,
    token?: string,
  ): Promise<Result<TData>> {
    return this.executeText<TData>(print(document), variables, token);
  }

  /** An operation given as text: for documents generated from the schema (the authorization matrix). */
  async executeText<TData = Record<string, unknown>>(query: string, variables: Record<string, unknown>, token?: string): Promise<Result<TData>> {
    const contextValue = await this.api.createContext(token ? { authorization: `Bearer ${token}` } : {});
    const response = await this.api.apollo.executeOperation<TData>({ query, variables }, { contextValue });
    if (response.body.kind !== "single") throw new Error("expected a single result");
    // Through JSON, as a client receives it (dates become ISO strings).
    const { data, errors } = JSON.parse(JSON.stringify(response.body.singleResult)) as Result<TData>;
    return { data, errors };
  }

  /**
   * R-SEC-1: the newest enrolment code mailed to `email`, read from this API's outbox as the user
   * reads its mailbox (the raw RFC 822 message). Undefined when none was mailed to it.
   */
  async enrolmentCodeFor(email: string): Promise<string | undefined> {
    if (!this.outbox) throw new Error("this TestApi has no outbox (another mail transport was given)");
    return enrolmentCodeIn(this.outbox, email);
  }

  /** The raw messages of the outbox addressed to `email`, oldest first. */
  mailsTo(email: string): Promise<string[]> {
    if (!this.outbox) throw new Error("this TestApi has no outbox (another mail transport was given)");
    return outboxMailsTo(this.outbox, email);
  }

  /**
   * Enrols a user created by createUser the way the user would: the code from its mailbox, its own
   * password, through the enrolUser mutation. Returns its TOTP secret (enrolUser's answer).
   */
  async enrol(email: string, password: string): Promise<string> {
    const enrolmentCode = await this.enrolmentCodeFor(email);
    if (!enrolmentCode) throw new Error(`no enrolment mail to ${email} in the outbox`);
    const result = await this.execute(ENROL, { email, enrolmentCode, password });
    if (!result.data?.enrolUser) throw new Error(`enrolment of ${email} failed: ${JSON.stringify(result.errors)}`);
    return result.data.enrolUser.totpSecret;
  }

  /** Enrols (enrol) and logs in: the token of a user just created by createUser. */
  async enrolAndLogin(email: string, password: string): Promise<string> {
    return this.login(email, password, await this.enrol(email, password));
  }

  /**
   * A security code of the user that this run has not logged in with yet, valid at the clock (one
   * step either way is accepted) and marked used. Null when all three have been used at this clock.
   */
  freshSecurityCode(email: string, totpSecret: string): string | null {
    const step = this.freshStep(email, 0);
    if (step === null) return null;
    this.markUsed(email, step);
    return securityCodeAt(totpSecret, new Date(step * TOTP_STEP_MS));
  }

  /**
   * Logs in through the `login` mutation with a security code the user has not used yet (R-SEC-1
   * accepts each once). A stopped test clock leaves three (the current step and one either way);
   * beyond them, the login alone runs with the clock moved on to the next unused step, then the
   * clock is put back, so that tests logging a user in many times need not move time themselves.
   */
  async login(email: string, password: string, totpSecret: string): Promise<string> {
    const now = this.clock.now();
    let shift = 0;
    let step = this.freshStep(email, 0);
    while (step === null) step = this.freshStep(email, ++shift);
    this.markUsed(email, step);
    if (shift > 0) this.clock.set(new Date(now.getTime() + shift * TOTP_STEP_MS));
    try {
      const result = await this.execute(LOGIN, { email, password, securityCode: securityCodeAt(totpSecret, new Date(step * TOTP_STEP_MS)) });
      if (!result.data?.login) throw new Error(`login of ${email} failed: ${JSON.stringify(result.errors)}`);
      return result.data.login.token;
    } finally {
      if (shift > 0) this.clock.set(now);
    }
  }

  /** The first step not used yet in the window of the clock moved `shift` steps on (now, then after, then before). */
  private freshStep(email: string, shift: number): number | null {
    const current = timeStepAt(this.clock.now()) + shift;
    const used = this.stepsOf(email);
    return [current, current + 1, current - 1].find((step) => !used.has(step)) ?? null;
  }

  private stepsOf(email: string): Set<number> {
    let byEmail = usedSteps.get(this.db);
    if (!byEmail) usedSteps.set(this.db, (byEmail = new Map()));
    const key = email.trim().toLowerCase();
    let steps = byEmail.get(key);
    if (!steps) byEmail.set(key, (steps = new Set()));
    return steps;
  }

  private markUsed(email: string, step: number): void {
    this.stepsOf(email).add(step);
  }

  stop(): Promise<void> {
    return this.api.apollo.stop();
  }
}

const LOGIN = graphql(`
  mutation TestLogin($email: String!, $password: String!, $securityCode: String!) {
    login(email: $email, password: $password, securityCode: $securityCode) {
      token
    }
  }
`);

const ENROL = graphql(`
  mutation TestEnrol($email: String!, $enrolmentCode: String!, $password: String!) {
    enrolUser(email: $email, enrolmentCode: $enrolmentCode, password: $password) {
      totpSecret
      totpUri
    }
  }
`);

/** The raw messages of an outbox folder (MAIL_OUTBOX_DIR) addressed to `email`, oldest first. */
export async function outboxMailsTo(outbox: string, email: string): Promise<string[]> {
  const names = (await readdir(outbox).catch(() => [] as string[])).filter((name) => name.endsWith(".eml")).sort();
  const messages = await Promise.all(names.map((name) => readFile(join(outbox, name), "utf8")));
  const to = new RegExp(`^To: .*${email.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "im");
  return messages.filter((message) => to.test(message.split(/\r?\n\r?\n/)[0]!));
}

/** The enrolment code of the newest mail to `email` in an outbox folder, as the user reads it. */
export async function enrolmentCodeIn(outbox: string, email: string): Promise<string | undefined> {
  return (await outboxMailsTo(outbox, email)).at(-1)?.match(ENROLMENT_CODE_LINE)?.[1];
}

/** The error codes of a result, in order. */
export function codes(result: Result<unknown>): unknown[] {
  return (result.errors ?? []).map((error) => error.extensions?.code);
}
