import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";
import type { AccessDenialReason } from "../errors.js";
import type { RetentionObserver, RetentionRunOutcome } from "../modules/retention/retention.service.js";

/**
 * Prometheus metrics of one API (`GET /metrics`, observability/metrics.route.ts): request counts and
 * durations by operation and outcome, authorization denials by reason, retention runs and the rows
 * they blocked and deleted. Labels hold operation names, error codes and reasons: never ids or
 * personal data, and every label has a bounded set of values. A client chooses its operation names
 * (pentest G3: one named itself after a person's national identifier), so only names the server
 * knows are kept (knowOperations): the schema's root fields and the trusted documents' operations.
 */

const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;
const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/** The reasons a FORBIDDEN error carries (errors.ts, login-rate-limit.ts, graphql/limits.ts); anything else is "OTHER". */
const ACCESS_DENIAL_REASONS = { NOT_INVOLVED: true, NOT_ACCEPTED: true, BLOCKED: true, DELETED: true, ROLE: true } satisfies Record<AccessDenialReason, true>;
export const DENIAL_REASONS: readonly string[] = [...Object.keys(ACCESS_DENIAL_REASONS), "RATE_LIMITED", "INTROSPECTION_DISABLED", "OTHER"];

const RETENTION_OUTCOMES: readonly RetentionRunOutcome[] = ["ok", "dry_run", "skipped", "stopped", "failed"];

/** Which kind of record a retention step blocks or deletes (retention.service.ts STEPS). */
const BLOCKED_BY_STEP: Partial<Record<string, string>> = { block: "procedure", usersBlock: "user" };
const DELETED_BY_STEP: Partial<Record<string, string>> = { delete: "procedure", usersDelete: "user", earlyDeletion: "early_deletion" };

export class Metrics {
  readonly registry = new Registry();
  /** The operation names kept as labels (knowOperations); every other name is "other". */
  private readonly operations = new Set<string>();

  private readonly requests = new Counter({
    name: "imi_graphql_requests_total",
    help: "GraphQL requests by operation name and outcome (ok, or the first error's code).",
    labelNames: ["operation", "outcome"] as const,
    registers: [this.registry],
  });

  private readonly requestDuration = new Histogram({
    name: "imi_graphql_request_duration_seconds",
    help: "Time from the start of a GraphQL request to its response, by operation name.",
    labelNames: ["operation"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly denials = new Counter({
    name: "imi_authorization_denials_total",
    help: "FORBIDDEN errors returned, by the reason in their extensions (one request may return several).",
    labelNames: ["reason"] as const,
    registers: [this.registry],
  });

  private readonly retentionRuns = new Counter({
    name: "imi_retention_runs_total",
    help: "Retention runs (schedule and runRetention) by outcome: ok, dry_run, skipped (another runner holds the lease or ran the tick), stopped (shutdown), failed.",
    labelNames: ["outcome"] as const,
    registers: [this.registry],
  });

  private readonly retentionDuration = new Histogram({
    name: "imi_retention_run_duration_seconds",
    help: "Duration of retention runs that started (all outcomes but skipped).",
    labelNames: ["outcome"] as const,
    buckets: [0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
    registers: [this.registry],
  });

  private readonly retentionBlocked = new Counter({
    name: "imi_retention_rows_blocked_total",
    help: "Records blocked by retention runs, per committed batch: procedures (R-RETAIN-1, R-RETAIN-2), users' contact data (R-USER-1).",
    labelNames: ["record"] as const,
    registers: [this.registry],
  });

  private readonly retentionDeleted = new Counter({
    name: "imi_retention_rows_deleted_total",
    help: "Records whose personal data retention runs deleted, per committed batch: procedure (R-RETAIN-3), user (R-USER-1), early_deletion (R-RETAIN-6).",
    labelNames: ["record"] as const,
    registers: [this.registry],
  });

  constructor() {
    // Every series of a bounded label exists from the start, so rate() and alerts see zeros, not gaps.
    for (const reason of DENIAL_REASONS) this.denials.labels(reason).inc(0);
    for (const outcome of RETENTION_OUTCOMES) this.retentionRuns.labels(outcome).inc(0);
    for (const record of new Set(Object.values(BLOCKED_BY_STEP))) this.retentionBlocked.labels(record!).inc(0);
    for (const record of new Set(Object.values(DELETED_BY_STEP))) this.retentionDeleted.labels(record!).inc(0);
  }

  /**
   * Pentest G3: the names the server knows, from its own schema and manifests (server.ts), so the
   * label's values are bounded by the schema and never carry what a client typed.
   */
  knowOperations(names: Iterable<string>): void {
    for (const name of names) if (OPERATION_NAME.test(name)) this.operations.add(name);
  }

  /** The operation label: "anonymous" without a name, the name if the server knows it, otherwise "other". */
  operationLabel(name: string | null | undefined): string {
    if (!name) return "anonymous";
    return this.operations.has(name) ? name : "other";
  }

  graphqlRequest(operationName: string | null | undefined, outcome: string, seconds: number): void {
    const operation = this.operationLabel(operationName);
    this.requests.labels(operation, ERROR_CODE.test(outcome) || outcome === "ok" ? outcome : "OTHER").inc();
    this.requestDuration.labels(operation).observe(seconds);
  }

  authorizationDenial(reason: unknown): void {
    this.denials.labels(typeof reason === "string" && DENIAL_REASONS.includes(reason) ? reason : "OTHER").inc();
  }

  /** Handed to RetentionService (services.ts): told of every committed batch and every finished run. */
  readonly retention: RetentionObserver = {
    batchCommitted: (step, done) => {
      if (done <= 0) return;
      const blocked = BLOCKED_BY_STEP[step];
      const deleted = DELETED_BY_STEP[step];
      if (blocked) this.retentionBlocked.labels(blocked).inc(done);
      if (deleted) this.retentionDeleted.labels(deleted).inc(done);
    },
    runFinished: (outcome, seconds) => {
      this.retentionRuns.labels(outcome).inc();
      if (outcome !== "skipped") this.retentionDuration.labels(outcome).observe(seconds);
    },
  };

  /** The exposition text: this API's metrics and the process's (CPU, memory, event loop, GC). */
  async exposition(): Promise<{ contentType: string; text: string }> {
    const merged = Registry.merge([processRegistry(), this.registry]);
    return { contentType: merged.contentType, text: await merged.metrics() };
  }
}

let processMetrics: Registry | undefined;

/**
 * prom-client's default metrics describe the process, not an API: one registry per process, made
 * at the first scrape (its collectors observe GC and the event loop for as long as the process lives).
 */
function processRegistry(): Registry {
  if (!processMetrics) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics });
  }
  return processMetrics;
}
