import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpServer } from "../../src/http.js";
import { createLogger } from "../../src/logger.js";
import { buildApi, type Api } from "../../src/server.js";
import { TEST_SECRET } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import { changedTables, snapshotter, type Snapshot } from "./db-snapshot.js";
import { DocumentFuzzer, type FuzzRequest } from "./documents.js";
import { FuzzWorld, type FuzzViewer, type IdPool } from "./fuzz-world.js";

/**
 * Fuzzing of the whole API over real HTTP (issue 7, item 3): requests drawn from the schema, sent by
 * the world's viewers (nobody, a forged token, one user of each role) to the server the project
 * builds (createHttpServer over buildApi), each raw answer checked:
 *   1. never a 5xx, and never an INTERNAL_SERVER_ERROR: whatever a client sends is a client error;
 *   2. never a stack trace, SQL or a file path in the response text;
 *   3. every error carries `extensions.code`;
 *   4. no personal data, justification, procedure metadata, citizen identity or user contact data
 *      of the world reaches a viewer the need-to-know matrix does not let read it (fuzz-world.ts);
 *   5. a refused mutation changes no row of any table, and a read changes nothing but the audit log,
 *      to which it only appends READ events.
 * Two tests: a sweep (every root query, on every row of the world, everything selected, as every
 * viewer: deterministic, so that a broken rule is always seen), then random documents and variables
 * (fast-check: valid and invalid values, wrong types, huge strings, deep nesting, many aliases,
 * broken syntax, malformed bodies; mutations included).
 *
 * Seeded and bounded: FUZZ_SEED (default 42), FUZZ_RUNS (default 400 random requests per driver) and
 * FUZZ_TIME_LIMIT_MS (default 25 s per driver; fast-check stops generating then and the run passes
 * with what it did). A failure prints the seed and the counterexample's path, and the request itself.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 42);
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const TIME_LIMIT_MS = Number(process.env.FUZZ_TIME_LIMIT_MS ?? 25_000);

/** Server internals that must never reach a client (checked after removing what the client itself sent). */
const INTERNALS: [string, RegExp][] = [
  ["a stack trace", /\bstacktrace\b|"stack"\s*:|(?:^|\\n|\n)\s*at [\w$.<>]+ \(|\bat (?:async )?[\w$.]+ \([^)]{0,300}:\d+:\d+\)/i],
  ["a file path", /\/work\/|node_modules|file:\/\/|\.[cm]?[jt]s:\d+|\/src\/(?:modules|auth|db|graphql)\//],
  ["a JavaScript error", /\b(?:TypeError|RangeError|ReferenceError)\b|Cannot read propert|is not a function|undefined is not/],
  [
    "SQL or a database error",
    /Failed query|\bselect\b[^"]{0,200}\bfrom\b|\binsert\s+into\b|\bupdate\s+"?\w+"?\s+set\b|\bdelete\s+from\b|syntax error at or near|violates [\w-]+ (?:key )?constraint|invalid input syntax|duplicate key value|\brelation "\w+"|\bcolumn "\w+"|out of range for type|invalid byte sequence|\bsqlstate\b|\bpg_\w+|\bPGlite\b|\bdrizzle\b|postgres\.js/i,
  ],
];

interface Reply {
  status: number;
  text: string;
  json: { data?: Record<string, unknown> | null; errors?: unknown } | undefined;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * The response text without the strings the client sent, which an error may quote back. The huge
 * strings the fuzzer sends are runs of one character: collapsed first, as splitting a text on a
 * 700 kB repetitive separator takes V8 minutes.
 */
function withoutEchoes(text: string, sent: string[]): string {
  let out = text.replace(/x{64,}|漢{64,}/g, "«run»");
  for (const s of [...sent].sort((a, b) => b.length - a.length)) {
    if (s.length < 3 || s.length > 5000) continue;
    for (const form of [s, JSON.stringify(s).slice(1, -1), JSON.stringify(JSON.stringify(s).slice(1, -1)).slice(1, -1)]) out = out.split(form).join("«sent»");
  }
  return out;
}

/** Payloads of any JWS in the response (exchange reports carry personal data base64url-encoded). */
function jwsPayloads(text: string): string {
  const out: string[] = [];
  for (const match of text.matchAll(/eyJ[A-Za-z0-9_-]+\.([A-Za-z0-9_-]{8,})\.[A-Za-z0-9_-]+/g)) {
    out.push(Buffer.from(match[1]!, "base64url").toString("utf8"));
  }
  return out.join("\n");
}

/**
 * A mutation nothing of which can have run: refused before execution (no path: parse, validation,
 * variables, limits), or its first root field failed at the root with the whole result null
 * (mutations run one after the other, and a failed non-null field ends the operation).
 */
function refusedBeforeAnyChange(json: Reply["json"], rootKeys: string[]): boolean {
  if (!json) return true;
  if (json.data !== null && json.data !== undefined) return false;
  const errors = Array.isArray(json.errors) ? (json.errors as { path?: (string | number)[] }[]) : [];
  if (errors.length === 0) return false;
  if (errors.every((e) => !e.path)) return true;
  return errors.every((e) => e.path?.length === 1) && errors.some((e) => e.path?.[0] === rootKeys[0]);
}

/** Where the id a mutation returns goes, so that later documents can build on what earlier ones made. */
const LEARNED: Partial<Record<string, keyof IdPool>> = {
  createProcedure: "procedures",
  addDataSubject: "dataSubjects",
  addSensitiveRecord: "sensitiveRecords",
  postMessage: "messages",
  addLegalPerson: "legalPersons",
  fileDataSubjectRequest: "requests",
  requestEarlyDeletion: "requests",
  createAuthority: "authorities",
};

const clip = (text: string, n: number) => (text.length > n ? `${text.slice(0, n)}… (${text.length} chars)` : text);

describe.each(DRIVERS)("API fuzzing over HTTP on %s", (driver) => {
  const suite = useSuite(driver);
  let fuzz: FuzzWorld;
  let api: Api;
  let server: Server;
  let base: string;
  let fuzzer: DocumentFuzzer;
  let snapshots: Awaited<ReturnType<typeof snapshotter>>;
  /** The database after the last request; dropped whenever anything else may have written. */
  let lastSnapshot: Snapshot | undefined;
  /** What the server logged: explains an INTERNAL_SERVER_ERROR in a failure message. */
  const serverLog: string[] = [];
  const stats = {
    requests: 0,
    statuses: new Map<number, number>(),
    codes: new Map<string, number>(),
    kinds: new Map<string, number>(),
    secretsShown: 0,
    mutationsApplied: 0,
    mutationsRefused: 0,
  };
  const bump = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);

  beforeAll(async () => {
    fuzz = await FuzzWorld.create(suite.db.db, suite.api);
    // The same server the project runs, with a logger that keeps what it logs for failure messages.
    api = await buildApi({
      db: suite.db.db,
      clock: suite.api.clock,
      config: { jwtSecret: TEST_SECRET, tokenTtlSeconds: 1800, production: false },
      logger: createLogger("error", { write: (line: string) => void serverLog.push(line) }),
    });
    server = createHttpServer(api, createLogger("silent"));
    base = await listen(server);
    snapshots = await snapshotter(suite.db.db);
    fuzzer = new DocumentFuzzer(api.schema, { ids: fuzz.pool, cursors: await cursors() });
  });

  afterAll(async () => {
    if (server?.listening) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await api?.apollo.stop();
  });

  /** Real cursors of every list, and forged ones in the server's own formats. */
  async function cursors(): Promise<string[]> {
    const token = fuzz.viewers.get("helpdesk")!.authorization!.slice("Bearer ".length);
    const lists = ["procedures", "users", "authorities", "auditEvents", "dataSubjectRequests", "retentionRuns"];
    const real: string[] = [];
    for (const list of lists) {
      const result = await suite.api.executeText<Record<string, { pageInfo: { endCursor: string | null } }>>(
        `{ ${list}(first: 1) { pageInfo { endCursor } } }`,
        {},
        token,
      );
      const cursor = result.data?.[list]?.pageInfo.endCursor;
      if (cursor) real.push(cursor);
    }
    const b64 = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
    const id = fuzz.pool.procedures[0]!;
    return [
      ...real,
      b64(["-100000-01-01T00:00:00.000Z", id]),
      b64(["+275760-09-13T00:00:00.000Z", id]),
      b64(["0000-01-01T00:00:00.000Z", id]),
      b64(["2026-06-01T09:00:00.000Z", "not-a-uuid"]),
      b64(["2026-06-01T09:00:00.000Z"]),
      b64({ createdAt: 1 }),
      b64("audit:0"),
      b64("audit:1"),
      b64("audit:9999999999999999"),
      b64("audit:-1"),
      "audit:1",
      "%%%",
      "",
      "x".repeat(10_000),
    ];
  }

  async function send(request: FuzzRequest, viewer: FuzzViewer): Promise<Reply> {
    const headers = { ...request.headers, ...(viewer.authorization ? { authorization: viewer.authorization } : {}) };
    const response = await fetch(`${base}${request.path}`, { method: request.method, headers, body: request.body, redirect: "manual" });
    const text = await response.text();
    let json: Reply["json"];
    try {
      json = JSON.parse(text) as Reply["json"];
    } catch {
      json = undefined;
    }
    return { status: response.status, text, json };
  }

  /**
   * Sends one request and returns every way its answer breaks the rules (empty when none).
   * `checkDatabase: false` leaves rule 5 to the caller, which checks a whole batch of reads at once
   * (the sweep: a snapshot per request doubled its time, and it outran its bound on a loaded CI).
   */
  async function problemsWith(request: FuzzRequest, { checkDatabase = true } = {}): Promise<{ reply: Reply; problems: string[] }> {
    const viewer = fuzz.viewers.get(request.viewer)!;
    const logged = serverLog.length;
    // Requests run one at a time and the test server has no background job: the database as the last
    // request left it is the database this one starts from (a late write would show up, if misplaced).
    const before: Snapshot | undefined = checkDatabase ? (lastSnapshot ?? (await snapshots.take())) : undefined;
    const reply = await send(request, viewer);
    const after: Snapshot | undefined = checkDatabase ? await snapshots.take() : undefined;
    lastSnapshot = after;
    const problems: string[] = [];
    stats.requests++;
    bump(stats.statuses, reply.status);
    bump(stats.kinds, request.label.startsWith("raw") ? "raw" : request.operation);

    // 1. Never a server error.
    if (reply.status >= 500) problems.push(`HTTP ${reply.status}`);
    // 2. Never the server's internals.
    const text = withoutEchoes(reply.text, request.sent);
    for (const [what, pattern] of INTERNALS) {
      const match = text.match(pattern);
      if (match) problems.push(`${what} in the response: …${text.slice(Math.max(0, match.index! - 80), match.index! + 120)}…`);
    }
    // 3. Every error coded; none of them an internal error.
    // 431: node's HTTP parser refuses an over-long request line itself, before any handler runs.
    if (!reply.json && reply.status !== 431) problems.push("the answer is not JSON");
    const errors = reply.json?.errors;
    if (errors !== undefined && !Array.isArray(errors)) problems.push("`errors` is not a list");
    for (const error of Array.isArray(errors) ? (errors as { extensions?: { code?: unknown } }[]) : []) {
      const code = error?.extensions?.code;
      if (typeof code !== "string") problems.push(`an error without extensions.code: ${JSON.stringify(error)}`);
      else bump(stats.codes, code);
      if (code === "INTERNAL_SERVER_ERROR") problems.push(`INTERNAL_SERVER_ERROR; the server logged: ${clip(serverLog.slice(logged).join(""), 3000)}`);
    }
    // 4. Nothing the viewer may not read.
    for (const { secret, allowed } of await fuzz.exposures(viewer, `${reply.text}\n${jwsPayloads(reply.text)}`)) {
      if (allowed) stats.secretsShown++;
      else problems.push(`${secret.label} ("${secret.value}") shown to ${viewer.key}, who may not read it`);
    }
    // 5. The database: unchanged by a refused mutation; only READ audit events appended by a query.
    const refused = request.operation === "mutation" && refusedBeforeAnyChange(reply.json, request.rootKeys);
    if (request.operation === "mutation" && !request.label.startsWith("raw")) {
      if (refused) stats.mutationsRefused++;
      else if (Object.values(reply.json?.data ?? {}).some((v) => v !== null)) stats.mutationsApplied++;
    }
    for (const [i, key] of request.rootKeys.entries()) {
      const pool = LEARNED[request.rootFields[i] ?? ""];
      const id = (reply.json?.data?.[key] as { id?: unknown } | null | undefined)?.id;
      if (pool && typeof id === "string" && fuzz.pool[pool].length < 40) fuzz.pool[pool].push(id);
    }
    if (before && after) problems.push(...(await databaseProblems(request, refused, before, after)));
    return { reply, problems };
  }

  /** Rule 5 for one request, or for a batch of reads sent between the two snapshots. */
  async function databaseProblems(request: Pick<FuzzRequest, "operation" | "rootFields">, refused: boolean, before: Snapshot, after: Snapshot): Promise<string[]> {
    const problems: string[] = [];
    if (refused) {
      // R-SEC-1: a refused login counts the failure (five in a row lock the account). Nothing else.
      const login = request.rootFields.includes("login");
      const changed = changedTables(before, after, login ? ["users"] : []);
      if (login && before.usersWithoutLoginCounters !== after.usersWithoutLoginCounters) changed.push("users (beyond the failed-login counters)");
      if (changed.length > 0) problems.push(`a refused mutation changed ${changed.join(", ")}`);
    } else if (request.operation === "query") {
      // R-SEC-2: reads of personal data are recorded; a read changes nothing else. (Raw requests count
      // as reads: a CSRF-blocked or GET mutation must not run.)
      const changed = changedTables(before, after, ["audit_events"]);
      if (changed.length > 0) problems.push(`a read (or a request that must not run) changed ${changed.join(", ")}`);
      const appended = after.lastAuditId > before.lastAuditId ? await snapshots.appendedAuditActions(before.lastAuditId) : [];
      const writes = appended.filter((action) => action !== "READ");
      if (writes.length > 0) problems.push(`a read (or a request that must not run) appended audit events ${writes.join(", ")}`);
    }
    return problems;
  }

  it("R-SEC-1 R-RETAIN-1 every viewer reads everything the schema reaches, on every row of the world: only what need-to-know lets it", async () => {
    const started = Date.now();
    const requests = stats.requests;
    const found: string[] = [];
    // The deepest selection the abuse limits (depth, cost) accept, asked by the Commission, which may
    // call every root query; a root field no depth gets through for would go unswept, and fails here.
    const helpdesk = fuzz.viewers.get("helpdesk")!.authorization!.slice("Bearer ".length);
    const documents: { label: string; document: string; field: string }[] = [];
    const unswept: string[] = [];
    for (const { field, label, byDepth } of fuzzer.sweep()) {
      let chosen: string | undefined;
      for (const document of byDepth) {
        const result = await suite.api.executeText(document, {}, helpdesk);
        const refused = (result.errors ?? []).some((e) => !e.path);
        if (!refused) {
          chosen = document;
          break;
        }
      }
      if (chosen) documents.push({ label, document: chosen, field });
      else unswept.push(field);
    }
    expect(unswept).toEqual([]);
    lastSnapshot = undefined;
    const read = (viewer: FuzzViewer, { label, document, field }: (typeof documents)[number]): FuzzRequest => ({
      viewer: viewer.key,
      label,
      operation: "query",
      rootKeys: [field],
      rootFields: [field],
      method: "POST",
      path: "/graphql",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: document }),
      document,
      sent: [],
    });
    for (const viewer of fuzz.viewers.values()) {
      // Rule 5 once per viewer's sweep; if its reads changed anything, again read by read to name it.
      const before = await snapshots.take();
      for (const entry of documents) {
        const { problems } = await problemsWith(read(viewer, entry), { checkDatabase: false });
        found.push(...problems.map((p) => `${viewer.key} ${entry.label}: ${p}\n    ${clip(entry.document, 300)}`));
      }
      const batch = await databaseProblems({ operation: "query", rootFields: [] }, false, before, await snapshots.take());
      if (batch.length === 0) continue;
      found.push(...batch.map((p) => `${viewer.key}, somewhere in the sweep: ${p}`));
      lastSnapshot = undefined;
      for (const entry of documents) {
        const { problems } = await problemsWith(read(viewer, entry));
        found.push(...problems.filter((p) => p.startsWith("a read")).map((p) => `${viewer.key} ${entry.label}: ${p}`));
      }
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `fuzz[${driver}]: sweep of ${stats.requests - requests} requests (${documents.length} documents x ${fuzz.viewers.size} viewers) in ${seconds} s; ` +
        `${stats.secretsShown} secrets shown, each to a viewer allowed to read it`,
    );
    expect(found.slice(0, 20)).toEqual([]);
    // The sweep must reach the personal data at all, or it proves nothing.
    expect(stats.secretsShown).toBeGreaterThan(50);
  }, 300_000);

  it(
    "random documents and variables from the schema over HTTP, as every viewer: no 5xx, no internals, coded errors, nothing outside need-to-know, refused mutations change nothing",
    async () => {
      const started = Date.now();
      Object.assign(stats, { requests: 0, statuses: new Map(), codes: new Map(), kinds: new Map(), secretsShown: 0, mutationsApplied: 0, mutationsRefused: 0 });
      await fc.assert(
        fc.asyncProperty(fc.gen(), async (g) => {
          const request = fuzzer.request(g);
          const { reply, problems } = await problemsWith(request);
          if (problems.length === 0) return;
          throw new Error(
            [
              `${problems.length} problem(s) with a request of ${request.viewer} (${request.label}):`,
              ...problems.map((p) => `  - ${p}`),
              `request: ${request.method} ${clip(request.path, 300)}`,
              request.document !== undefined ? `document: ${clip(request.document, 3000)}` : `body: ${clip(request.body ?? "", 1000)}`,
              `variables: ${clip(JSON.stringify(request.variables) ?? "none", 1500)}`,
              `answer: HTTP ${reply.status} ${clip(reply.text, 3000)}`,
            ].join("\n"),
          );
        }),
        { seed: SEED, numRuns: RUNS, plugins: [fc.interruptAfterTimeLimit(TIME_LIMIT_MS)] },
      );
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const list = (map: Map<string | number, number>) =>
        [...map]
          .sort((a, b) => b[1] - a[1])
          .map(([k, n]) => `${k}×${n}`)
          .join(" ");
      console.log(
        `fuzz[${driver}]: ${stats.requests} requests (seed ${SEED}, ${RUNS} asked) in ${seconds} s — ${list(stats.kinds)} ` +
          `(${stats.mutationsApplied} mutations applied, ${stats.mutationsRefused} refused and checked unchanged); ` +
          `HTTP ${list(stats.statuses)}; codes ${list(stats.codes)}; ${stats.secretsShown} secrets shown, each to a viewer allowed to read it`,
      );
      // The run must have done real work: time-boxed, but not to nothing.
      expect(stats.requests).toBeGreaterThanOrEqual(Math.min(RUNS, 100));
    },
    TIME_LIMIT_MS + 120_000,
  );
});
