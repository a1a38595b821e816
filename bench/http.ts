/**
 * HTTP throughput and latency with autocannon on loopback: three operations against the servers on
 * the same database and data (bench/servers.ts), side by side in one run. Before measuring, every
 * server answers every operation once: the answers must agree (the baseline is not allowed to do
 * less), the fair baseline's audit rows must equal the full stack's (issue 14: the same reads, fields
 * and grounds, in the same number), and the statements each request sends are counted. Then warm-up,
 * and rounds in which the servers take turns (A B C, B C A, C A B, …) so that drift reaches all alike;
 * medians are reported. The fair baseline answers the lookup and the nested list only.
 */
import autocannon from "autocannon";
import { LOOKUP, nestedListText, POST_MESSAGE, type OperationName } from "./operations.js";
import { median, SETTINGS } from "./settings.js";
import { randomUUID } from "node:crypto";
import { SERVER_NAMES, type AuditRow, type BenchServers, type ServerName } from "./servers.js";

export const OPERATIONS: OperationName[] = ["lookup", "nestedList", "mutation"];

/** What the fair baseline (bench/fair-baseline.ts) answers: the issue's two operations. */
const FAIR_OPERATIONS: OperationName[] = ["lookup", "nestedList"];

/** The servers measured for an operation: those running, the fair baseline for its operations only. */
export function serversFor(servers: Pick<BenchServers, "servers">, operation: OperationName): ServerName[] {
  return SERVER_NAMES.filter((name) => servers.servers.includes(name) && (name !== "fair" || FAIR_OPERATIONS.includes(operation)));
}

export interface Measure {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Non-2xx answers, connection errors and answers carrying GraphQL errors. */
  failures: number;
  /**
   * CPU time of the servers' process per request, in milliseconds (user + system): steadier than
   * throughput on a shared machine. Node's side only: PostgreSQL's own work is in its processes.
   */
  cpuMs: number;
}

export interface HttpResult {
  /** Medians over the rounds, per operation and server (the servers of serversFor). */
  measures: Record<OperationName, Partial<Record<ServerName, Measure>>>;
  /** Every round, for the report's appendix. */
  rounds: Record<OperationName, Partial<Record<ServerName, Measure[]>>>;
  /** Statements sent to the database by one request. */
  statements: Record<OperationName, Partial<Record<ServerName, number>>>;
  /** Audit rows one request wrote, full stack and fair baseline (checked equal). */
  auditRows: Partial<Record<OperationName, number>>;
  settings: { connections: number; duration: number; rounds: number };
}

interface Target {
  body(): string;
}

function targets(servers: BenchServers): Record<OperationName, Target> {
  let next = 0;
  return {
    lookup: { body: () => JSON.stringify({ query: LOOKUP, variables: { id: servers.lookupId } }) },
    nestedList: { body: () => JSON.stringify({ query: nestedListText(50) }) },
    mutation: {
      body: () => {
        const procedureId = servers.mutationIds[next++ % servers.mutationIds.length]!;
        return JSON.stringify({ query: POST_MESSAGE, variables: { procedureId, body: `Is the provider still registered? (${next})` } });
      },
    },
  };
}

function headers(servers: BenchServers): Record<string, string> {
  return { "content-type": "application/json", authorization: `Bearer ${servers.token}` };
}

export async function post(servers: BenchServers, name: ServerName, body: string, requestId: string): Promise<{ data?: unknown; errors?: unknown }> {
  const response = await fetch(servers.url(name), { method: "POST", headers: { ...headers(servers), "x-request-id": requestId }, body });
  const json = (await response.json()) as { data?: unknown; errors?: unknown };
  if (!response.ok || json.errors) throw new Error(`${name} answered ${response.status}: ${JSON.stringify(json).slice(0, 500)}`);
  return json;
}

/** Values that differ by nature between two writes (ids, times, the counter in the text). */
function comparable(operation: OperationName, data: unknown): string {
  if (operation !== "mutation") return JSON.stringify(data);
  const { postMessage } = data as { postMessage: { id: string; body: string; createdAt: string } };
  return JSON.stringify({ keys: Object.keys(postMessage), body: postMessage.body.replace(/\(\d+\)/, "") });
}

/** Audit rows in a comparable order, as text. */
function auditText(rows: AuditRow[]): string[] {
  return rows
    .map((row) => JSON.stringify([row.action, row.procedureId, row.dataSubjectId, row.fields, row.ground, row.actorUserId, row.actorAuthorityId]))
    .sort();
}

function firstDifference(a: string[], b: string[]): string {
  const i = a.findIndex((row, k) => row !== b[k]);
  return `${a.length} against ${b.length} rows; first differing (#${i < 0 ? a.length : i}):\n  ${a[i] ?? "(none)"}\n  ${b[i] ?? "(none)"}`;
}

/**
 * One request per server and operation: the answers agree, the fair baseline's audit rows equal the
 * full stack's, and how many statements each sent. Stops the bench with the difference otherwise.
 */
export async function checkAndCount(servers: BenchServers): Promise<Pick<HttpResult, "statements" | "auditRows">> {
  const bodies = targets(servers);
  const statements = {} as HttpResult["statements"];
  const auditRows: HttpResult["auditRows"] = {};
  for (const operation of OPERATIONS) {
    statements[operation] = {};
    const answers = new Map<ServerName, string>();
    const audits = new Map<ServerName, string[]>();
    for (const name of serversFor(servers, operation)) {
      const requestId = `bench-check-${randomUUID()}`;
      const before = (await servers.ask("statements")).count;
      const json = await post(servers, name, bodies[operation].body(), requestId);
      // The audit insert is written before the response leaves (R-SEC-2): nothing is still running.
      statements[operation][name] = (await servers.ask("statements")).count - before;
      answers.set(name, comparable(operation, json.data));
      audits.set(name, auditText((await servers.ask("audit", { requestId })).rows));
    }
    const reference = answers.get("full");
    for (const [name, answer] of answers) {
      if (answer !== reference) throw new Error(`${operation}: ${name} answers differently from the full stack:\n${answer.slice(0, 400)}\n${reference?.slice(0, 400)}`);
    }
    const fair = audits.get("fair");
    if (fair) {
      const full = audits.get("full")!;
      if (fair.join("\n") !== full.join("\n")) throw new Error(`${operation}: the fair baseline's audit rows differ from the full stack's: ${firstDifference(fair, full)}`);
      auditRows[operation] = full.length;
    }
  }
  return { statements, auditRows };
}

export async function load(servers: BenchServers, name: ServerName, operation: OperationName, seconds: number): Promise<Measure> {
  const target = targets(servers)[operation];
  const cpuBefore = (await servers.ask("cpu")).micros;
  const result = await autocannon({
    url: servers.url(name),
    method: "POST",
    headers: headers(servers),
    connections: SETTINGS.connections,
    duration: seconds,
    requests: [{ setupRequest: (request) => ({ ...request, body: target.body() }) }],
    // A GraphQL error answers 200: count it as a failure all the same.
    verifyBody: (body) => typeof body === "string" && !body.startsWith('{"errors"') && !body.includes('"errors":['),
  });
  const cpuMicros = (await servers.ask("cpu")).micros - cpuBefore;
  return {
    cpuMs: result.requests.total > 0 ? cpuMicros / 1000 / result.requests.total : 0,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.errors + result.non2xx + result.mismatches,
  };
}

export function medianMeasure(measures: Measure[]): Measure {
  return {
    rps: median(measures.map((m) => m.rps)),
    p50: median(measures.map((m) => m.p50)),
    p99: median(measures.map((m) => m.p99)),
    cpuMs: median(measures.map((m) => m.cpuMs)),
    requests: measures.reduce((sum, m) => sum + m.requests, 0),
    failures: measures.reduce((sum, m) => sum + m.failures, 0),
  };
}

export async function benchHttp(servers: BenchServers, log: (line: string) => void): Promise<HttpResult> {
  const { statements, auditRows } = await checkAndCount(servers);
  log(`answers agree${servers.servers.includes("fair") ? `, the fair baseline's audit rows equal the full stack's (${JSON.stringify(auditRows)})` : ""}; statements per request: ${JSON.stringify(statements)}`);
  for (const operation of OPERATIONS) {
    for (const name of serversFor(servers, operation)) await load(servers, name, operation, SETTINGS.warmup);
  }
  const rounds = Object.fromEntries(
    OPERATIONS.map((operation) => [operation, Object.fromEntries(serversFor(servers, operation).map((name) => [name, [] as Measure[]]))]),
  ) as HttpResult["rounds"];
  for (let round = 0; round < SETTINGS.rounds; round++) {
    for (const operation of OPERATIONS) {
      const names = serversFor(servers, operation);
      const order = names.map((_, i) => names[(i + round) % names.length]!);
      for (const name of order) {
        const measure = await load(servers, name, operation, SETTINGS.duration);
        rounds[operation][name]!.push(measure);
        log(
          `round ${round + 1}/${SETTINGS.rounds} ${operation.padEnd(10)} ${name.padEnd(9)} ${measure.rps.toFixed(0).padStart(6)} req/s  p50 ${measure.p50} ms  p99 ${measure.p99} ms  cpu ${measure.cpuMs.toFixed(2)} ms/req${measure.failures ? `  FAILURES ${measure.failures}` : ""}`,
        );
      }
    }
  }
  const measures = Object.fromEntries(
    OPERATIONS.map((operation) => [operation, Object.fromEntries(serversFor(servers, operation).map((name) => [name, medianMeasure(rounds[operation][name]!)]))]),
  ) as HttpResult["measures"];
  return { measures, rounds, statements, auditRows, settings: { connections: SETTINGS.connections, duration: SETTINGS.duration, rounds: SETTINGS.rounds } };
}
