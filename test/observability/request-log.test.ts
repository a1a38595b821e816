import type { Server } from "node:http";
import { print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpServer } from "../../src/http.js";
import { TestApi } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import { capturingLogger, testLogger } from "../helpers/test-logs.js";
import { TEST_PASSWORD, TEST_TOTP_SECRET, World } from "../helpers/world.js";
import { ADD_DATA_SUBJECT, CREATE_PROCEDURE, LOGIN } from "../operations.js";
import { close, listen } from "./http-helpers.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const LINE_FIELDS = ["level", "time", "requestId", "userId", "operationName", "operationType", "durationMs", "outcome", "status", "msg"];

interface Reply {
  status: number;
  requestId: string | null;
  body: { data?: Record<string, any> | null; errors?: { extensions?: Record<string, unknown> }[] };
}

describe.each(DRIVERS)("the request log on %s", (driver) => {
  const suite = useSuite(driver);
  const lines: string[] = [];
  let api: TestApi;
  let server: Server;
  let base: string;
  let world: World;

  beforeAll(async () => {
    // An API of its own whose log lines the tests read (they reach the scanned test log too).
    api = await TestApi.create(suite.db.db, suite.api.clock, { logger: capturingLogger(lines, "info") });
    server = createHttpServer(api.api, testLogger());
    base = await listen(server);
    world = await World.create(suite.db.db, api);
  });

  afterAll(async () => {
    await close(server);
    await api?.stop();
  });

  async function post(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Reply> {
    const response = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, requestId: response.headers.get("x-request-id"), body: (await response.json()) as Reply["body"] };
  }

  function entry(requestId: string): Record<string, unknown> {
    const found = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((e) => e.msg === "graphql request" && e.requestId === requestId);
    expect(found, `one log line for ${requestId}`).toHaveLength(1);
    return found[0]!;
  }

  it("writes one line per request: request id, user id, operation, duration, outcome, status; no variables, no query, no e-mail", async () => {
    const user = world.user.handlerDk;
    const login = await post(print(LOGIN), { email: user.email, password: TEST_PASSWORD, securityCode: api.freshSecurityCode(user.email, TEST_TOTP_SECRET)! });
    expect(login.body.errors).toBeUndefined();
    const token = login.body.data!.login.token as string;
    const loginLine = entry(login.requestId!);
    expect(loginLine).toMatchObject({ userId: null, operationName: "Login", operationType: "mutation", outcome: "ok", status: 200 });

    const auth = { authorization: `Bearer ${token}` };
    const created = await post(
      print(CREATE_PROCEDURE),
      { input: { kind: "REQUEST", legalAreaCode: "SERVICES", subject: "Log test", justification: "Request log test.", recipientAuthorityIds: [world.authority.de] } },
      auth,
    );
    expect(created.body.errors).toBeUndefined();
    const added = await post(
      print(ADD_DATA_SUBJECT),
      { procedureId: created.body.data!.createProcedure.id, input: { fullName: "Wilhelmina Logsdottir", dateOfBirth: "1961-07-14", email: "wilhelmina@example.is" } },
      { ...auth, "x-request-id": "obs-test-add-subject-1" },
    );
    expect(added.body.errors).toBeUndefined();
    expect(added.requestId).toBe("obs-test-add-subject-1");

    const line = entry("obs-test-add-subject-1");
    expect(Object.keys(line).sort()).toEqual([...LINE_FIELDS].sort());
    expect(line).toMatchObject({
      level: 30,
      requestId: "obs-test-add-subject-1",
      userId: user.id,
      operationName: "AddDataSubject",
      operationType: "mutation",
      outcome: "ok",
      status: 200,
      msg: "graphql request",
    });
    expect(line.durationMs).toEqual(expect.any(Number));
    expect(line.durationMs as number).toBeGreaterThanOrEqual(0);
    const all = lines.join("\n");
    for (const personal of ["Wilhelmina", "1961-07-14", "wilhelmina@example.is", user.email, TEST_PASSWORD, token]) expect(all).not.toContain(personal);
    expect(all).not.toMatch(/"(variables|query|input)"/);
  });

  it("logs the outcome as the first error code, with the number of errors, and the HTTP status", async () => {
    const denied = await post("query RetentionRunsDenied { retentionRuns(first: 1) { totalCount } }", {}, {
      authorization: `Bearer ${await world.token(world.user.handlerDk)}`,
    });
    expect(denied.body.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "ROLE" });
    expect(entry(denied.requestId!)).toMatchObject({ operationName: "RetentionRunsDenied", operationType: "query", outcome: "FORBIDDEN", errorCount: 1, status: 200 });

    const anonymous = await post("{ legalAreas { code } }", {});
    expect(entry(anonymous.requestId!)).toMatchObject({ userId: null, operationName: null, outcome: "UNAUTHENTICATED" });

    const broken = await post("query Broken { legalAreas { code ", {});
    expect(broken.status).toBe(400);
    expect(entry(broken.requestId!)).toMatchObject({ operationName: null, operationType: null, outcome: "GRAPHQL_PARSE_FAILED", status: 400 });
  });

  it("returns the request id in x-request-id: the client's when it is sane, a fresh one otherwise", async () => {
    const offered = await post("{ legalAreas { code } }", {}, { "x-request-id": "client-trace.42_A" });
    expect(offered.requestId).toBe("client-trace.42_A");
    entry("client-trace.42_A");

    for (const insane of ["has spaces in it", "x".repeat(65), "Jens Hansen"]) {
      const replaced = await post("{ legalAreas { code } }", {}, { "x-request-id": insane });
      expect(replaced.requestId).toMatch(UUID);
      expect(entry(replaced.requestId!).requestId).toBe(replaced.requestId);
    }
  });
});
