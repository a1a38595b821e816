import type { Server } from "node:http";
import { buildSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { createHttpServer } from "../../src/http.js";
import { RetentionRepository } from "../../src/modules/retention/retention.repository.js";
import { RetentionBusyError } from "../../src/modules/retention/retention.service.js";
import { Metrics } from "../../src/observability/metrics.js";
import { knownOperationNames } from "../../src/observability/operation-names.js";
import { sha256Hex, trustedDocumentsFrom } from "../../src/graphql/trusted-documents.js";
import { buildApi, type Api } from "../../src/server.js";
import { TEST_SECRET } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { START, useSuite } from "../helpers/suite.js";
import { testLogger } from "../helpers/test-logs.js";
import { addMonths, denials, personalCase, READ_PROCEDURE, runRetention, SECOND, tokenNow } from "../retention/retention-fixtures.js";
import { close, listen, valueOf } from "./http-helpers.js";

const TOKEN = "metrics-token-of-at-least-32-characters";

async function scrape(base: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${base}/metrics`, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

describe.each(DRIVERS)("GET /metrics on %s", (driver) => {
  const suite = useSuite(driver);
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createHttpServer(suite.api.api, testLogger());
    base = await listen(server);
  });

  afterAll(async () => {
    await close(server);
  });

  it("counts requests by operation and outcome, denials by reason, a retention run and the rows it blocked, with durations", async () => {
    const world = await suite.world();
    const c = await personalCase(suite, world);
    const before = await scrape(base);

    // R-RETAIN-1: six months after closure the run through runRetention blocks the procedure.
    suite.api.clock.set(new Date(addMonths(START, 6).getTime() + SECOND));
    const run = await runRetention(suite, world);
    expect(run.proceduresBlocked).toBeGreaterThanOrEqual(1);
    const read = await suite.api.execute(READ_PROCEDURE, { id: c.id }, await tokenNow(suite, world.user.handlerDk));
    const blocked = denials(read).filter(([, code, reason]) => code === "FORBIDDEN" && reason === "BLOCKED");
    expect(blocked.length).toBeGreaterThan(0);
    const after = await scrape(base);
    const delta = (name: string, labels: Record<string, string> = {}) => valueOf(after, name, labels) - valueOf(before, name, labels);

    // The test's own operation names (RetentionTestRun, RetentionTestProcedure, TestLogin) are not the
    // server's: counted as other (pentest G3). tokenNow logs in twice through the API's `login`.
    expect(delta("imi_graphql_requests_total", { operation: "other", outcome: "ok" })).toBe(3);
    expect(delta("imi_graphql_requests_total", { operation: "other", outcome: "FORBIDDEN" })).toBe(1);
    expect(after).not.toContain("RetentionTestRun");
    expect(delta("imi_authorization_denials_total", { reason: "BLOCKED" })).toBe(blocked.length);
    expect(delta("imi_authorization_denials_total", { reason: "NOT_INVOLVED" })).toBe(0);
    expect(delta("imi_graphql_request_duration_seconds_count", { operation: "other" })).toBe(4);
    expect(delta("imi_graphql_request_duration_seconds_sum", { operation: "other" })).toBeGreaterThan(0);
    expect(delta("imi_graphql_request_duration_seconds_bucket", { operation: "other", le: "+Inf" })).toBe(4);

    expect(delta("imi_retention_runs_total", { outcome: "ok" })).toBe(1);
    expect(delta("imi_retention_run_duration_seconds_count", { outcome: "ok" })).toBe(1);
    expect(delta("imi_retention_rows_blocked_total", { record: "procedure" })).toBe(run.proceduresBlocked);
    expect(delta("imi_retention_rows_deleted_total", { record: "procedure" })).toBe(run.proceduresDeleted);

    // The bounded label sets exist from the start; the process's own metrics come along.
    for (const reason of ["NOT_INVOLVED", "NOT_ACCEPTED", "BLOCKED", "DELETED", "ROLE", "RATE_LIMITED", "OTHER"]) {
      expect(after).toContain(`imi_authorization_denials_total{reason="${reason}"}`);
    }
    expect(after).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(after).toMatch(/^nodejs_heap_size_used_bytes \d/m);
  });

  it("counts a run the lease refused as skipped, and a dry run as dry_run (the service, as the schedule calls it)", async () => {
    const before = await scrape(base);
    const leases = new RetentionRepository(suite.db.db);
    expect(await leases.acquireLease("another-replica", 60_000)).toBe(true);
    try {
      await expect(suite.api.api.services.retention.run()).rejects.toBeInstanceOf(RetentionBusyError);
    } finally {
      await leases.releaseLease("another-replica");
    }
    await suite.api.api.services.retention.run({ dryRun: true });
    const after = await scrape(base);
    const delta = (name: string, labels: Record<string, string>) => valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(delta("imi_retention_runs_total", { outcome: "skipped" })).toBe(1);
    expect(delta("imi_retention_runs_total", { outcome: "dry_run" })).toBe(1);
    expect(delta("imi_retention_run_duration_seconds_count", { outcome: "skipped" })).toBe(0);
    expect(delta("imi_retention_run_duration_seconds_count", { outcome: "dry_run" })).toBe(1);
  });

  it("counts an anonymous operation as anonymous and an unauthenticated one by its code", async () => {
    const before = await scrape(base);
    const response = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ legalAreas { code } }" }),
    });
    expect(response.status).toBe(200);
    const after = await scrape(base);
    expect(valueOf(after, "imi_graphql_requests_total", { operation: "anonymous", outcome: "UNAUTHENTICATED" }) -
      valueOf(before, "imi_graphql_requests_total", { operation: "anonymous", outcome: "UNAUTHENTICATED" })).toBe(1);
  });

  it("pentest G3 labels only operation names the server knows: a root field's, as is or capitalized; any other name is other and never appears", async () => {
    const before = await scrape(base);
    const post = (query: string) =>
      fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
    for (const name of [`ZedSecretperson${"NationalId300975x1234"}`, "LegalAreas", "legalAreas"]) {
      expect((await post(`query ${name} { legalAreas { code } }`)).status).toBe(200);
    }
    const after = await scrape(base);
    const delta = (labels: Record<string, string>) => valueOf(after, "imi_graphql_requests_total", labels) - valueOf(before, "imi_graphql_requests_total", labels);
    expect(after).not.toContain("ZedSecretperson");
    expect(delta({ operation: "other", outcome: "UNAUTHENTICATED" })).toBe(1);
    expect(delta({ operation: "LegalAreas", outcome: "UNAUTHENTICATED" })).toBe(1);
    expect(delta({ operation: "legalAreas", outcome: "UNAUTHENTICATED" })).toBe(1);
  });

  describe("access (METRICS_TOKEN)", () => {
    const apis: Api[] = [];
    const servers: Server[] = [];

    async function serve(config: { production: boolean; metricsToken?: string }): Promise<string> {
      const api = await buildApi({ db: suite.db.db, clock: suite.api.clock, logger: testLogger(), config: { jwtSecret: TEST_SECRET, tokenTtlSeconds: 1800, ...config } });
      const server = createHttpServer(api, testLogger());
      apis.push(api);
      servers.push(server);
      return listen(server);
    }

    afterAll(async () => {
      for (const server of servers) await close(server);
      for (const api of apis) await api.apollo.stop();
    });

    it("with a token: 401 without it or with another one, 200 with it (in production too)", async () => {
      const guarded = await serve({ production: true, metricsToken: TOKEN });
      const without = await fetch(`${guarded}/metrics`);
      expect(without.status).toBe(401);
      expect(without.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
      expect(await without.json()).toEqual({ error: expect.stringContaining("Authorization: Bearer") });
      expect((await fetch(`${guarded}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
      expect((await fetch(`${guarded}/metrics`, { headers: { authorization: TOKEN } })).status).toBe(401);
      const text = await scrape(guarded, { authorization: `Bearer ${TOKEN}` });
      expect(text).toContain("# TYPE imi_graphql_requests_total counter");
    });

    it("in production without a token: refused with 403 and a message naming METRICS_TOKEN", async () => {
      const closed = await serve({ production: true });
      const response = await fetch(`${closed}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: expect.stringContaining("METRICS_TOKEN") });
    });

    it("outside production without a token: open (the suite's own server above)", async () => {
      expect(await scrape(base)).toContain("imi_retention_runs_total");
      expect((await fetch(`${base}/metrics`, { method: "POST" })).status).toBe(405);
    });
  });
});

describe("metric labels", () => {
  it("pentest G3 keep only the names the server knows (the schema's root fields, the trusted documents' operations); others, and names that are not GraphQL names, count as other", async () => {
    const body = "query ProcedureDetail($id: ID!) { procedure(id: $id) { id } }";
    const trusted = trustedDocumentsFrom([
      { source: "test", json: { format: "apollo-persisted-query-manifest", version: 1, operations: [{ id: sha256Hex(body), name: "ProcedureDetail", type: "query", body }] } },
    ]);
    const metrics = new Metrics();
    metrics.knowOperations(knownOperationNames(buildSchema("type Query { procedure(id: ID!): String } type Mutation { login: String }"), trusted));
    for (let i = 0; i < 5; i++) metrics.graphqlRequest(`Operation${i}`, "ok", 0.01);
    metrics.graphqlRequest("ProcedureDetail", "ok", 0.01);
    metrics.graphqlRequest("Login", "ok", 0.01);
    metrics.graphqlRequest("login", "ok", 0.01);
    metrics.graphqlRequest(null, "ok", 0.01);
    metrics.graphqlRequest("not a name", "ok", 0.01);
    metrics.graphqlRequest("Login", "lower-case code", 0.01);
    metrics.authorizationDenial("SOMETHING_NEW");
    const { text } = await metrics.exposition();
    expect(valueOf(text, "imi_graphql_requests_total", { operation: "ProcedureDetail", outcome: "ok" })).toBe(1);
    expect(valueOf(text, "imi_graphql_requests_total", { operation: "Login", outcome: "ok" })).toBe(1);
    expect(valueOf(text, "imi_graphql_requests_total", { operation: "login", outcome: "ok" })).toBe(1);
    expect(valueOf(text, "imi_graphql_requests_total", { operation: "other", outcome: "ok" })).toBe(6);
    expect(text).not.toContain("Operation0");
    expect(valueOf(text, "imi_graphql_requests_total", { operation: "anonymous", outcome: "ok" })).toBe(1);
    expect(valueOf(text, "imi_graphql_requests_total", { operation: "Login", outcome: "OTHER" })).toBe(1);
    expect(valueOf(text, "imi_authorization_denials_total", { reason: "OTHER" })).toBe(1);
  });

  it("are per API: two APIs in one process count apart", async () => {
    const [a, b] = [new Metrics(), new Metrics()];
    for (const metrics of [a, b]) metrics.knowOperations(["Same"]);
    a.graphqlRequest("Same", "ok", 0.01);
    expect(valueOf((await a.exposition()).text, "imi_graphql_requests_total", { operation: "Same", outcome: "ok" })).toBe(1);
    expect(valueOf((await b.exposition()).text, "imi_graphql_requests_total", { operation: "Same", outcome: "ok" })).toBe(0);
  });
});

describe("METRICS_TOKEN", () => {
  it("is optional, and refused when shorter than 32 characters or with spaces", () => {
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: TOKEN }).metricsToken).toBe(TOKEN);
    expect(() => loadConfig({ METRICS_TOKEN: "too-short" })).toThrow(ConfigError);
    expect(() => loadConfig({ METRICS_TOKEN: "x".repeat(20) + " " + "y".repeat(20) })).toThrow(/METRICS_TOKEN/);
  });
});
