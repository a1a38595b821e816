import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import type { GraphQLFormattedError } from "graphql";
import { print } from "graphql";
import { ManualClock } from "../../src/clock.js";
import type { Database } from "../../src/db/database.js";
import { securityCodeAt } from "../../src/auth/totp.js";
import type { Logger } from "../../src/logger.js";
import type { ExchangeKeys } from "../../src/modules/proof/proof.keys.js";
import { buildApi, type Api } from "../../src/server.js";
import { graphql } from "../generated/gql.js";
import { testLogger } from "./test-logs.js";

export const TEST_SECRET = new TextEncoder().encode("test-secret-of-at-least-32-characters!!");

export interface Result<T> {
  data: T | null | undefined;
  errors: readonly GraphQLFormattedError[] | undefined;
}

/** The API over a test database, driven through Apollo's executeOperation with real tokens. */
export class TestApi {
  private constructor(
    readonly api: Api,
    readonly clock: ManualClock,
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
      ...options
    }: { withoutAuthorization?: boolean; exchangeKeys?: ExchangeKeys; allowTimeTravel?: boolean; logger?: Logger } = {},
  ): Promise<TestApi> {
    const api = await buildApi({
      db,
      clock,
      ...options,
      config: { jwtSecret: TEST_SECRET, tokenTtlSeconds: 1800, production: false, allowTimeTravel },
      logger,
    });
    return new TestApi(api, clock);
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

  /** Logs in through the `login` mutation with the user's current security code. */
  async login(email: string, password: string, totpSecret: string): Promise<string> {
    const result = await this.execute(LOGIN, { email, password, securityCode: securityCodeAt(totpSecret, this.clock.now()) });
    if (!result.data?.login) throw new Error(`login of ${email} failed: ${JSON.stringify(result.errors)}`);
    return result.data.login.token;
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

/** The error codes of a result, in order. */
export function codes(result: Result<unknown>): unknown[] {
  return (result.errors ?? []).map((error) => error.extensions?.code);
}
