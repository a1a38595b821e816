import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpServer } from "../../src/http.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import { testLogger } from "../helpers/test-logs.js";

/**
 * Issue 15: CORS for frontends on other origins. Only the origins of CORS_ORIGINS get CORS headers
 * (none by default: same origin only), credentials are never allowed (the API takes bearer tokens,
 * not cookies), a preflight is answered (it got Apollo's 400 CSRF message before), and Apollo's
 * CSRF prevention still refuses simple requests from every origin, listed or not.
 */

const LISTED = "https://portal.example.org";
const OTHER = "https://evil.example.net";
const QUERY = JSON.stringify({ query: "{ __typename }" });

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function preflight(base: string, origin: string, headers = "content-type, authorization", method = "POST") {
  return fetch(`${base}/graphql`, {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": method, "access-control-request-headers": headers },
  });
}

function post(base: string, origin: string | null, contentType = "application/json") {
  return fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": contentType, ...(origin ? { origin } : {}) }, body: QUERY });
}

describe.each(DRIVERS)("CORS at /graphql (%s)", (driver) => {
  const suite = useSuite(driver);
  const logger = testLogger();
  let closed: Server;
  let open: Server;
  let closedBase: string;
  let openBase: string;

  beforeAll(async () => {
    closed = createHttpServer(suite.api.api, logger);
    open = createHttpServer(suite.api.api, logger, [], { corsOrigins: [LISTED] });
    [closedBase, openBase] = await Promise.all([listen(closed), listen(open)]);
  });

  afterAll(async () => {
    await Promise.all([closed, open].map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it("by default answers no origin: the preflight is refused with a reason, and no answer carries CORS headers", async () => {
    const refused = await preflight(closedBase, LISTED);
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    expect(((await refused.json()) as { error: string }).error).toMatch(/CORS_ORIGINS/);
    const answered = await post(closedBase, LISTED);
    expect(answered.status).toBe(200);
    expect(answered.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers a listed origin's preflight and requests, without credentials", async () => {
    const approved = await preflight(openBase, LISTED);
    expect(approved.status).toBe(204);
    expect(approved.headers.get("access-control-allow-origin")).toBe(LISTED);
    expect(approved.headers.get("access-control-allow-methods")).toBe("GET, POST");
    expect(approved.headers.get("access-control-allow-headers")?.split(", ")).toEqual(expect.arrayContaining(["content-type", "authorization"]));
    expect(approved.headers.get("access-control-allow-credentials")).toBeNull();
    expect(approved.headers.get("vary")).toMatch(/Origin/);
    const answered = await post(openBase, LISTED);
    expect(answered.status).toBe(200);
    expect(await answered.json()).toEqual({ data: { __typename: "Query" } });
    expect(answered.headers.get("access-control-allow-origin")).toBe(LISTED);
    expect(answered.headers.get("access-control-allow-credentials")).toBeNull();
    expect(answered.headers.get("access-control-expose-headers")).toBe("retry-after");
  });

  it("refuses other origins, unknown request headers and other methods, even where some origin is listed", async () => {
    expect((await preflight(openBase, OTHER)).status).toBe(403);
    expect((await preflight(openBase, `${LISTED}:8443`)).status).toBe(403);
    expect((await preflight(openBase, LISTED, "content-type, x-forwarded-for")).status).toBe(403);
    expect((await preflight(openBase, LISTED, "content-type", "PUT")).status).toBe(403);
    const other = await post(openBase, OTHER);
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("keeps Apollo's CSRF prevention for every origin: a simple request (text/plain) is refused, listed or not", async () => {
    for (const [base, origin] of [[openBase, LISTED], [openBase, OTHER], [closedBase, null]] as const) {
      const simple = await post(base, origin, "text/plain");
      expect(simple.status).toBe(400);
      expect(await simple.text()).toMatch(/CSRF|preflight/i);
    }
  });

  it("answers a plain OPTIONS (no preflight) with what the endpoint takes, not a CSRF error", async () => {
    const options = await fetch(`${closedBase}/graphql`, { method: "OPTIONS" });
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("GET, POST, OPTIONS");
  });
});
