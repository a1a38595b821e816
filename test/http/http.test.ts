import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpServer } from "../../src/http.js";
import { graphql } from "../generated/gql.js";
import { TestApi } from "../helpers/api.js";
import { createTestDatabase } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import { testLogger } from "../helpers/test-logs.js";
import { TEST_PASSWORD, TEST_TOTP_SECRET } from "../helpers/world.js";

const LOGIN = graphql(`
  mutation HttpTestLogin($email: String!, $password: String!, $securityCode: String!) {
    login(email: $email, password: $password, securityCode: $securityCode) {
      token
    }
  }
`);

const LEGAL_AREA_CODES = graphql(`
  query HttpTestLegalAreaCodes {
    legalAreas {
      code
    }
  }
`);

const AUTHORITY_NAME = graphql(`
  query HttpTestAuthorityName($id: ID!) {
    authority(id: $id) {
      name
    }
  }
`);

const PRIVACY_NOTICE_TEXT = graphql(`
  query HttpTestPrivacyNoticeText($authorityId: ID!) {
    privacyNotice(authorityId: $authorityId) {
      text
    }
  }
`);

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] } | undefined;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server | undefined): Promise<void> {
  if (!server?.listening) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** Every response the tests receive: none may ever carry a stack trace. */
const replies: Reply[] = [];

async function send(url: string, init: RequestInit = {}): Promise<Reply> {
  const response = await fetch(url, { redirect: "manual", ...init });
  const text = await response.text();
  let json: Reply["json"];
  try {
    json = text ? (JSON.parse(text) as Reply["json"]) : undefined;
  } catch {
    json = undefined;
  }
  const reply = { status: response.status, headers: response.headers, text, json };
  replies.push(reply);
  expectNoStackTrace(reply);
  return reply;
}

function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return send(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
}

function expectNoStackTrace(reply: Reply): void {
  expect(reply.text).not.toMatch(/stacktrace/i);
  expect(reply.text).not.toMatch(/(^|\\n|\n)\s{4}at /);
  expect(reply.text).not.toMatch(/\.ts:\d+:\d+/);
}

function firstCode(reply: Reply): unknown {
  return reply.json?.errors?.[0]?.extensions?.code;
}

describe("HTTP layer on pglite", () => {
  const suite = useSuite("pglite");
  const logger = testLogger();
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createHttpServer(suite.api.api, logger);
    base = await listen(server);
  });

  afterAll(async () => {
    await close(server);
  });

  it("answers a POST /graphql with a real login and an authorized query", async () => {
    const world = await suite.world();
    const login = await postJson(`${base}/graphql`, {
      query: print(LOGIN),
      variables: { email: world.user.handlerDk.email, password: TEST_PASSWORD, securityCode: suite.api.freshSecurityCode(world.user.handlerDk.email, TEST_TOTP_SECRET)! },
    });
    expect(login.status).toBe(200);
    expect(login.headers.get("content-type")).toMatch(/^application\/json/);
    expect(login.json?.errors).toBeUndefined();
    const token = (login.json?.data?.login as { token: string }).token;
    expect(token).toEqual(expect.any(String));

    const areas = await postJson(`${base}/graphql`, { query: print(LEGAL_AREA_CODES) }, { authorization: `Bearer ${token}` });
    expect(areas.status).toBe(200);
    expect((areas.json?.data?.legalAreas as unknown[]).length).toBe(6);

    const anonymous = await postJson(`${base}/graphql`, { query: print(LEGAL_AREA_CODES) });
    expect(firstCode(anonymous)).toBe("UNAUTHENTICATED");
  });

  it("answers /healthz with 200", async () => {
    const reply = await send(`${base}/healthz`);
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ status: "ok" });
  });

  it("refuses a body over 1 MB with 413 and a JSON error", async () => {
    const query = `{ legalAreas { code } } # ${"x".repeat(1024 * 1024 + 16)}`;
    const reply = await postJson(`${base}/graphql`, { query });
    expect(reply.status).toBe(413);
    expect(reply.headers.get("content-type")).toMatch(/^application\/json/);
    expect(reply.json?.errors?.[0]?.extensions?.code).toBe("BAD_REQUEST");
    // The server still answers afterwards.
    expect((await send(`${base}/healthz`)).status).toBe(200);
  });

  it("refuses invalid JSON with 400", async () => {
    const reply = await send(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: "{ not json" });
    expect(reply.status).toBe(400);
    expect(firstCode(reply)).toBe("BAD_REQUEST");
  });

  it("redirects a browser opening GET /graphql to /graphiql, and / as well", async () => {
    const reply = await send(`${base}/graphql`, { headers: { accept: "text/html,application/xhtml+xml" } });
    expect(reply.status).toBe(302);
    expect(reply.headers.get("location")).toBe("/graphiql");
    const root = await send(`${base}/`, { headers: { accept: "text/html" } });
    expect(root.status).toBe(302);
    expect(root.headers.get("location")).toBe("/graphiql");
  });

  it("answers an unknown path with 404", async () => {
    const reply = await send(`${base}/no/such/path`);
    expect(reply.status).toBe(404);
    expect(reply.json).toMatchObject({ error: expect.stringContaining("/graphql") });
  });

  it("answers a syntax error with GRAPHQL_PARSE_FAILED", async () => {
    const reply = await postJson(`${base}/graphql`, { query: "{ legalAreas { code " });
    expect(reply.status).toBe(400);
    expect(firstCode(reply)).toBe("GRAPHQL_PARSE_FAILED");
    expect(reply.json?.errors?.[0]?.message).toMatch(/Syntax Error/);
  });

  it("answers an unknown field with GRAPHQL_VALIDATION_FAILED", async () => {
    const reply = await postJson(`${base}/graphql`, { query: "{ legalAreas { code noSuchField } }" });
    expect(reply.status).toBe(400);
    expect(firstCode(reply)).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(reply.json?.errors?.[0]?.message).toContain("noSuchField");
  });

  it("answers a variable of the wrong type with BAD_USER_INPUT", async () => {
    const reply = await postJson(`${base}/graphql`, { query: print(AUTHORITY_NAME), variables: { id: { not: "an id" } } });
    expect(reply.status).toBe(400);
    expect(firstCode(reply)).toBe("BAD_USER_INPUT");
    const missing = await postJson(`${base}/graphql`, { query: print(AUTHORITY_NAME), variables: {} });
    expect(firstCode(missing)).toBe("BAD_USER_INPUT");
  });

  it("masks an unexpected internal error: INTERNAL_SERVER_ERROR, no SQL, no stack", async () => {
    // A second API over a database of its own that is then closed: every query fails for real.
    const doomed = await createTestDatabase("pglite");
    const broken = await TestApi.create(doomed.db);
    let brokenServer: Server | undefined;
    try {
      await doomed.dispose();
      brokenServer = createHttpServer(broken.api, logger);
      const brokenBase = await listen(brokenServer);
      const world = await suite.world();

      const notice = await postJson(`${brokenBase}/graphql`, { query: print(PRIVACY_NOTICE_TEXT), variables: { authorityId: world.authority.dk } });
      const login = await postJson(`${brokenBase}/graphql`, {
        query: print(LOGIN),
        variables: { email: world.user.handlerDk.email, password: TEST_PASSWORD, securityCode: "123456" },
      });
      for (const reply of [notice, login]) {
        expect(Object.values(reply.json?.data ?? {}).every((value) => value === null)).toBe(true);
        expect(reply.json?.errors).toHaveLength(1);
        const [error] = reply.json!.errors!;
        expect(error!.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR" });
        expect(error!.message).toBe("Internal server error.");
        expect(reply.text).not.toMatch(/select|insert|from "|PGlite|closed/i);
      }
      // The healthy server is untouched.
      const healthy = await postJson(`${base}/graphql`, { query: print(PRIVACY_NOTICE_TEXT), variables: { authorityId: world.authority.dk } });
      expect(healthy.json?.errors).toBeUndefined();
    } finally {
      await close(brokenServer);
      await broken.stop();
    }
  });

  it("never sends a stack trace", () => {
    expect(replies.length).toBeGreaterThan(10);
    for (const reply of replies) expectNoStackTrace(reply);
  });
});
