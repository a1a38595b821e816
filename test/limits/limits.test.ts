import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, type Limits } from "../../src/config.js";
import { sql } from "drizzle-orm";
import { openDatabase } from "../../src/db/client.js";
import { isReady } from "../../src/db/readiness.js";
import { createHttpServer } from "../../src/http.js";
import { buildApi, type Api } from "../../src/server.js";
import { TEST_SECRET } from "../helpers/api.js";
import { useSuite } from "../helpers/suite.js";
import { testLogger } from "../helpers/test-logs.js";
import { TEST_PASSWORD, TEST_TOTP_SECRET } from "../helpers/world.js";

interface Reply {
  status: number;
  text: string;
  json: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] } | undefined;
}

const logger = testLogger();

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server | undefined): Promise<void> {
  if (!server?.listening) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

async function send(url: string, init: RequestInit = {}): Promise<Reply> {
  const response = await fetch(url, { redirect: "manual", ...init });
  const text = await response.text();
  let json: Reply["json"];
  try {
    json = text ? (JSON.parse(text) as Reply["json"]) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return send(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
}

function code(reply: Reply): unknown {
  return reply.json?.errors?.[0]?.extensions?.code;
}

/** Refused by a limit: a coded 400 that names neither the limit nor a suggestion. */
function expectRefused(reply: Reply, limit: number): void {
  expect(reply.status).toBe(400);
  expect(["GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT", "GRAPHQL_PARSE_FAILED"]).toContain(code(reply));
  expect(reply.json?.data ?? undefined).toBeUndefined();
  for (const error of reply.json?.errors ?? []) expect(error.message).not.toContain(String(limit));
  expect(reply.text).not.toMatch(/Did you mean/i);
}

/** Not refused by a limit (the anonymous caller may still get UNAUTHENTICATED from the policy). */
function expectAccepted(reply: Reply): void {
  for (const error of reply.json?.errors ?? []) {
    expect(["GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT", "GRAPHQL_PARSE_FAILED", "INTERNAL_SERVER_ERROR"]).not.toContain(error.extensions?.code);
  }
}

/** `n` aliased copies of a cheap, public-shaped field. */
function aliases(n: number): string {
  return `{ ${Array.from({ length: n }, (_, i) => `a${i}: legalAreas { code }`).join(" ")} }`;
}

/** `{ legalAreas { code @include(if: true) … } }` with n directives. */
function directives(n: number): string {
  return `{ legalAreas { ${Array.from({ length: n }, () => "code @include(if: true)").join(" ")} } }`;
}

/** A document of exactly `n` lexer tokens (n ≥ 6). */
function tokens(n: number): string {
  // `{ legalAreas { code } }` is 6 tokens; each extra `code` adds one.
  return `{ legalAreas { ${Array.from({ length: n - 5 }, () => "code").join(" ")} } }`;
}

describe("abuse limits on pglite", () => {
  const suite = useSuite("pglite");
  const limits: Limits = { ...DEFAULT_LIMITS, maxDepth: 4, maxCost: 60, loginFailuresPerAddress: 3, loginFailuresPerEmail: 20 };
  let api: Api;
  let prodApi: Api;
  let server: Server;
  let prodServer: Server;
  let base: string;
  let prodBase: string;

  beforeAll(async () => {
    const common = { db: suite.db.db, clock: suite.api.clock, logger };
    api = await buildApi({ ...common, config: { jwtSecret: TEST_SECRET, tokenTtlSeconds: 1800, production: false, limits } });
    prodApi = await buildApi({ ...common, config: { jwtSecret: TEST_SECRET, tokenTtlSeconds: 1800, production: true } });
    server = createHttpServer(api, logger);
    prodServer = createHttpServer(prodApi, logger, [], { graphiql: false });
    base = await listen(server);
    prodBase = await listen(prodServer);
  }, 30_000);

  afterAll(async () => {
    await close(server);
    await close(prodServer);
    await api?.apollo.stop();
    await prodApi?.apollo.stop();
  });

  it("refuses a document one level deeper than maxDepth", async () => {
    // authorities(1) › edges(2) › node(3) › id(4)
    expectAccepted(await post(`${base}/graphql`, { query: "{ authorities { edges { node { id } } } }" }));
    expectRefused(await post(`${base}/graphql`, { query: "{ authorities { edges { node { legalAreas { code } } } } }" }), limits.maxDepth);
  });

  it("refuses a document over maxCost", async () => {
    expectAccepted(await post(`${base}/graphql`, { query: "{ legalAreas { code } }" }));
    const costly = `{ authorities { edges { node { ${"id name ".repeat(1)} legalAreas { code name } } } } }`;
    expectRefused(await post(`${base}/graphql`, { query: costly }), limits.maxCost);
  });

  it("refuses one alias over maxAliases", async () => {
    expectAccepted(await post(`${base}/graphql`, { query: aliases(DEFAULT_LIMITS.maxAliases) }));
    expectRefused(await post(`${base}/graphql`, { query: aliases(DEFAULT_LIMITS.maxAliases + 1) }), DEFAULT_LIMITS.maxAliases);
  });

  it("refuses one directive over maxDirectives", async () => {
    expectAccepted(await post(`${base}/graphql`, { query: directives(DEFAULT_LIMITS.maxDirectives) }));
    expectRefused(await post(`${base}/graphql`, { query: directives(DEFAULT_LIMITS.maxDirectives + 1) }), DEFAULT_LIMITS.maxDirectives);
  });

  it("refuses one token over maxTokens", async () => {
    // At the limit the document parses (5 000 fields may still exceed the cost limit: not a parse failure).
    expect(code(await post(`${prodBase}/graphql`, { query: tokens(DEFAULT_LIMITS.maxTokens) }))).not.toBe("GRAPHQL_PARSE_FAILED");
    const reply = await post(`${prodBase}/graphql`, { query: tokens(DEFAULT_LIMITS.maxTokens + 1) });
    expectRefused(reply, DEFAULT_LIMITS.maxTokens);
    expect(code(reply)).toBe("GRAPHQL_PARSE_FAILED");
  });

  it("hides field suggestions in production, whole, and shows them in development (issue 15)", async () => {
    const reply = await post(`${prodBase}/graphql`, { query: "{ legalAreas { cod } }" });
    expect(reply.status).toBe(400);
    expect(code(reply)).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(reply.text).not.toMatch(/Did you mean|Suggestion hidden|\. \?/i);
    const development = await post(`${base}/graphql`, { query: "{ legalAreas { cod } }" });
    expect(development.json?.errors?.[0]?.message).toBe('Cannot query field "cod" on type "LegalArea". Did you mean "code"?');
  });

  it("refuses a batched (JSON array) request with a code", async () => {
    const reply = await post(`${base}/graphql`, [{ query: "{ legalAreas { code } }" }, { query: "{ legalAreas { code } }" }]);
    expect(reply.status).toBe(400);
    expect(code(reply)).toBe("BAD_REQUEST");
  });

  it("prevents CSRF: a GET query without a preflight-requiring header is refused", async () => {
    const url = `${base}/graphql?query=${encodeURIComponent("{ legalAreas { code } }")}`;
    const simple = await send(url);
    expect(simple.status).toBe(400);
    expect(code(simple)).toBe("BAD_REQUEST");
    expectAccepted(await send(url, { headers: { "apollo-require-preflight": "true" } }));
  });

  it("rate-limits failed logins per client address: FORBIDDEN, reason RATE_LIMITED, retryAfterSeconds", async () => {
    const world = await suite.world();
    const attempt = (email: string, password = "wrong-password-123") =>
      post(`${base}/graphql`, {
        query: "mutation L($e: String!, $p: String!, $c: String!) { login(email: $e, password: $p, securityCode: $c) { token } }",
        variables: { e: email, p: password, c: suite.api.freshSecurityCode(email, TEST_TOTP_SECRET)! },
      });
    // Different accounts, one address: the address's limit, not the accounts' lockout.
    const emails = [world.user.handlerDk.email, world.user.handlerDe.email, world.user.handlerFr.email];
    for (const email of emails) expect(code(await attempt(email))).toBe("UNAUTHENTICATED");
    const limited = await attempt(world.user.coordinatorDk.email, TEST_PASSWORD);
    expect(code(limited)).toBe("FORBIDDEN");
    expect(limited.json?.errors?.[0]?.extensions).toMatchObject({ reason: "RATE_LIMITED", retryAfterSeconds: 60 });
    // The window slides on the injected clock.
    suite.api.clock.advance(30_000);
    expect(code(await attempt(world.user.coordinatorDk.email, TEST_PASSWORD))).toBe("FORBIDDEN");
    suite.api.clock.advance(30_001);
    const after = await attempt(world.user.coordinatorDk.email, TEST_PASSWORD);
    expect(after.json?.errors).toBeUndefined();
  });

  it("rate-limits failed logins per e-mail, whatever the address", async () => {
    const world = await suite.world();
    const email = world.user.handlerDk.email;
    const perEmail = { ...DEFAULT_LIMITS, loginFailuresPerEmail: 2 };
    const local = await buildApi({ db: suite.db.db, clock: suite.api.clock, logger, config: { jwtSecret: TEST_SECRET, tokenTtlSeconds: 1800, production: false, limits: perEmail } });
    try {
      const login = async (address: string, password: string) => {
        const contextValue = await local.createContext({}, address);
        const response = await local.apollo.executeOperation(
          {
            query: "mutation L($e: String!, $p: String!, $c: String!) { login(email: $e, password: $p, securityCode: $c) { token } }",
            variables: { e: email.toUpperCase(), p: password, c: suite.api.freshSecurityCode(email, TEST_TOTP_SECRET)! },
          },
          { contextValue },
        );
        return response.body.kind === "single" ? response.body.singleResult.errors?.[0]?.extensions : undefined;
      };
      expect((await login("10.0.0.1", "wrong-password-123"))?.code).toBe("UNAUTHENTICATED");
      expect((await login("10.0.0.2", "wrong-password-123"))?.code).toBe("UNAUTHENTICATED");
      expect(await login("10.0.0.3", TEST_PASSWORD)).toMatchObject({ code: "FORBIDDEN", reason: "RATE_LIMITED" });
      suite.api.clock.advance(DEFAULT_LIMITS.loginWindowSeconds * 1000);
      expect(await login("10.0.0.3", TEST_PASSWORD)).toBeUndefined();
    } finally {
      await local.apollo.stop();
    }
  });

  it("allows introspection in development", async () => {
    const reply = await post(`${base}/graphql`, { query: "{ __schema { queryType { name } } }" });
    expect(reply.json?.data).toEqual({ __schema: { queryType: { name: "Query" } } });
  });

  it("refuses introspection in production except to Commission users", async () => {
    const world = await suite.world();
    const query = { query: "{ __type(name: \"Query\") { name } }" };
    const anonymous = await post(`${prodBase}/graphql`, query);
    expect(anonymous.status).toBe(403);
    expect(code(anonymous)).toBe("FORBIDDEN");
    expect(anonymous.json?.errors?.[0]?.extensions?.reason).toBe("INTROSPECTION_DISABLED");
    const handler = await post(`${prodBase}/graphql`, query, { authorization: `Bearer ${await world.token(world.user.handlerDk)}` });
    expect(code(handler)).toBe("FORBIDDEN");
    const commission = await post(`${prodBase}/graphql`, query, { authorization: `Bearer ${await world.token(world.user.helpdesk)}` });
    expect(commission.json?.errors).toBeUndefined();
    expect(commission.json?.data).toEqual({ __type: { name: "Query" } });
    // Plain operations are not affected.
    expect(code(await post(`${prodBase}/graphql`, { query: "{ legalAreas { code } }" }))).toBe("UNAUTHENTICATED");
  });

  it("answers /readyz with 200 when the database is migrated, 503 before the migrations ran", async () => {
    expect(await send(`${base}/readyz`)).toMatchObject({ status: 200, json: { status: "ready" } });
    expect((await send(`${base}/healthz`)).status).toBe(200);
    const fresh = await openDatabase({ pgliteDir: "memory://" });
    const freshServer = createHttpServer({ ...api, ready: () => isReady(fresh.db) }, logger);
    try {
      const freshBase = await listen(freshServer);
      expect(await send(`${freshBase}/readyz`)).toMatchObject({ status: 503, json: { status: "not ready" } });
      await fresh.migrate();
      expect((await send(`${freshBase}/readyz`)).status).toBe(200);
      // One applied migration forgotten: not ready either.
      await fresh.db.execute(sql`delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations)`);
      expect((await send(`${freshBase}/readyz`)).status).toBe(503);
    } finally {
      await close(freshServer);
      await fresh.close();
    }
  }, 30_000);
});
