import { asideFromRequest } from "../../db/rls/request-scope.js";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { performance } from "node:perf_hooks";
import type { Clock } from "../../clock.js";
import type { Config } from "../../config.js";
import type { Database } from "../../db/database.js";
import { BadUserInputError, ConflictError, DomainError, ForbiddenError } from "../../errors.js";
import { hasRole, type Viewer } from "../../auth/viewer.js";
import { pageRequest, toConnection } from "../../graphql/pagination.js";
import {
  RetentionRepository,
  type AreaRule,
  type BatchContext,
  type BatchResult,
  type Cursor,
  type PreviewGroupRow,
  type RetentionRunRow,
} from "./retention.repository.js";
import { firstBatchLimit, nextBatchLimit } from "./batch-size.js";
import { clearAnsweredRequestData } from "./request-data.step.js";
import { InactivityRepository } from "./inactivity.repository.js";
import { DEFAULT_MAX_REWRITE_BYTES, ResidueCleaner, type LongStatements, type ResidueTableReport } from "./residue.js";

const DAY_MS = 24 * 3600 * 1000;

export interface RetentionSettings {
  /** Rows per batch at most; each batch is one transaction (RETENTION_BATCH_SIZE). Steps size batches down by time (batch-size.ts). */
  batchSize: number;
  /** R-RETAIN-5: days without activity before a reminder (RETENTION_REMINDER_DAYS). */
  reminderDays: number;
  /** A future `asOf` is accepted only with IMI_ALLOW_TIME_TRAVEL=1 (never in production). */
  allowTimeTravel: boolean;
  /**
   * How long the lease holds without renewal. Every batch renews it, and so does a heartbeat every
   * quarter of it while the run is under way (long steps included), so a killed runner's lease lapses
   * after at most this and another runner takes over (SPEC: within a minute).
   */
  leaseTtlMs: number;
  /** R-RETAIN-3, step 7: rewrite the personal-data tables after a deletion (residue.ts). Off only to compare (bench). */
  clearResidue: boolean;
  /** Tables larger than this are vacuumed rather than rewritten (a rewrite locks the table while it runs). */
  residueMaxRewriteBytes: number;
  /** Tables vacuumed, never rewritten, whatever their size (tests and benches: the tables 1M procedures make large). */
  residueVacuumOnly?: readonly string[];
}

export const DEFAULT_RETENTION_SETTINGS: RetentionSettings = {
  batchSize: 500,
  reminderDays: 30,
  allowTimeTravel: false,
  leaseTtlMs: 20_000,
  clearResidue: true,
  residueMaxRewriteBytes: DEFAULT_MAX_REWRITE_BYTES,
};

/** The settings from the configuration (config.ts); defaults for what it leaves out (tests). */
export function retentionSettings(
  config: Partial<Pick<Config, "retentionBatchSize" | "retentionReminderDays" | "allowTimeTravel">>,
): RetentionSettings {
  return {
    ...DEFAULT_RETENTION_SETTINGS,
    batchSize: config.retentionBatchSize ?? DEFAULT_RETENTION_SETTINGS.batchSize,
    reminderDays: config.retentionReminderDays ?? DEFAULT_RETENTION_SETTINGS.reminderDays,
    allowTimeTravel: config.allowTimeTravel ?? false,
  };
}

/** The steps of SPEC "Retention job", in order; each runs in batches until nothing is left. */
export const STEPS = [
  "block", // R-RETAIN-1, R-RETAIN-2
  "delete", // R-RETAIN-3
  "usersBlock", // R-USER-1
  "usersDelete", // R-USER-1
  "earlyDeletion", // R-RETAIN-6
  "requestData", // R-REQUEST-1 (request-data.step.ts)
  // R-RETAIN-7: its closedAt is the end of the inactivity period, so what it closes may be past its
  // blocking or deletion date already: block and delete then run again in the same run (realRun).
  "inactivityClose", // R-RETAIN-7
  "remindersResolve", // R-RETAIN-5
  "remindersRaise", // R-RETAIN-5
  "escalationsResolve", // R-RETAIN-5
  "escalationsRaise", // R-RETAIN-5
] as const;
export type Step = (typeof STEPS)[number];


export interface BatchReport {
  step: Step;
  done: number;
  ms: number;
}

export interface RunOptions {
  dryRun?: boolean;
  /** The time the rules are applied at; the clock's now when left out. */
  asOf?: Date | null;
  /** Null for the schedule. */
  triggeredByUserId?: string | null;
  /**
   * The schedule's tick this run is for (scheduled runs), recorded with it. Every replica fires the
   * same ticks: the run is not started when a run for this tick or a later one is on record.
   */
  tick?: Date;
  /** Stops the run between two batches (shutdown): the batch under way commits first. */
  signal?: AbortSignal;
  /** Told after every committed batch (benchmarks, logs, tests); the next batch waits for it. */
  onBatch?: (report: BatchReport) => void | Promise<void>;
  /** Told after each table step 7 rewrites or vacuums (benchmarks, logs). */
  onResidue?: (report: ResidueTableReport) => void | Promise<void>;
}

/** How a run ended, for metrics: `skipped` was never started (another runner holds the lease or has run the tick). */
export type RetentionRunOutcome = "ok" | "dry_run" | "skipped" | "stopped" | "failed";

/** Told of every committed batch and every finished run (observability/metrics.ts); ids and counts only. */
export interface RetentionObserver {
  batchCommitted(step: Step, done: number): void;
  runFinished(outcome: RetentionRunOutcome, seconds: number): void;
}

/** Another runner holds the lease: this run was not started. */
export class RetentionBusyError extends ConflictError {
  constructor(holder: string | null | undefined) {
    super(`A retention run is already in progress${holder ? ` (runner ${holder})` : ""}; this one was not started.`);
  }
}

/** A scheduled tick that another runner (a replica) has already run: this run was not started. */
export class RetentionTickTakenError extends Error {
  constructor(tick: Date) {
    super(`The tick of ${tick.toISOString()} has already been run by another runner; this one was not started.`);
    this.name = "RetentionTickTakenError";
  }
}

/** The run stopped between batches on request (shutdown); the next run carries on. */
export class RetentionStoppedError extends Error {
  constructor(step: Step) {
    super(`Stopped on shutdown between two batches (step ${step}); the next run carries on.`);
    this.name = "RetentionStoppedError";
  }
}

class LeaseLostError extends Error {
  constructor() {
    super("Lost the retention lease (it expired and another runner took it); stopped before the next batch.");
    this.name = "LeaseLostError";
  }
}

/** What a run records as its error: the reason for known stops, never SQL or personal data. */
function describeError(error: unknown): string {
  if (error instanceof DomainError || error instanceof RetentionStoppedError || error instanceof LeaseLostError) return error.message;
  const code = (error as { code?: unknown; cause?: { code?: unknown } }).code ?? (error as { cause?: { code?: unknown } }).cause?.code;
  return `Unexpected error${typeof code === "string" ? ` (SQLSTATE ${code})` : ""}: see the server log.`;
}

/**
 * The retention job (SPEC "Retention job"): blocking, deletion, users' contact data, early deletions
 * and reminders, as set-based SQL in bounded batches, each batch one statement and so one
 * transaction, as of one instant taken from the injected clock. Idempotent: a killed run leaves every
 * batch either done or not begun, and the next run finishes the work. One runner at a time, through
 * a lease (retention.repository.ts).
 */
export class RetentionService {
  private readonly repo: RetentionRepository;
  private readonly inactivity: InactivityRepository;
  private readonly residue: ResidueCleaner;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    readonly settings: RetentionSettings = DEFAULT_RETENTION_SETTINGS,
    private readonly observer?: RetentionObserver,
    longStatements?: LongStatements,
  ) {
    this.repo = new RetentionRepository(db);
    this.inactivity = new InactivityRepository(db, this.repo);
    this.residue = new ResidueCleaner(db, longStatements);
  }

  /** `runRetention`: the Commission only (SPEC need-to-know matrix, "retention runs"). */
  runAs(viewer: Viewer, dryRun: boolean, asOf: Date | null): Promise<RetentionRunRow> {
    if (!hasRole(viewer, "COMMISSION")) throw new ForbiddenError("Only the Commission runs the retention job.");
    // Its batches, lease and VACUUM commit as they go: not inside the request's transaction (issue 13).
    return asideFromRequest(() => this.run({ dryRun, asOf, triggeredByUserId: viewer.userId }));
  }

  async run(options: RunOptions = {}): Promise<RetentionRunRow> {
    const asOf = this.asOf(options.asOf);
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const run = options.dryRun ? await this.dryRun(asOf, options) : await this.realRun(asOf, options);
      this.observer?.runFinished(run.dryRun ? "dry_run" : "ok", seconds());
      return run;
    } catch (error) {
      const skipped = error instanceof RetentionBusyError || error instanceof RetentionTickTakenError;
      const outcome = skipped ? "skipped" : error instanceof RetentionStoppedError ? "stopped" : "failed";
      this.observer?.runFinished(outcome, seconds());
      throw error;
    }
  }

  /** The instant a run or preview is judged at; a future one only when time travel is allowed. */
  private asOf(requested: Date | null | undefined): Date {
    const now = this.clock.now();
    if (!requested) return now;
    if (Number.isNaN(requested.getTime())) throw new BadUserInputError("asOf is not a valid time.", "asOf");
    if (requested.getTime() > now.getTime() && !this.settings.allowTimeTravel) {
      throw new BadUserInputError(
        "asOf lies in the future: a run as of a later date needs a server started with IMI_ALLOW_TIME_TRAVEL=1 (never in production).",
        "asOf",
      );
    }
    return requested;
  }

  /** Counts what a run would do, changes nothing but its own record. Needs no lease. */
  private async dryRun(asOf: Date, options: RunOptions): Promise<RetentionRunRow> {
    const started = performance.now();
    const run = await this.repo.insertRun({
      asOf,
      dryRun: true,
      startedAt: this.clock.now(),
      triggeredByUserId: options.triggeredByUserId ?? null,
      runner: runnerName(),
    });
    try {
      const areas = await this.repo.areaRules();
      const counts = { ...(await this.repo.counts(asOf, areas, this.reminderCutoff(asOf))), ...(await this.inactivity.counts(asOf, areas)) };
      return await this.repo.finishRun(run.id, { ...counts, finishedAt: this.clock.now(), durationMs: elapsed(started) });
    } catch (error) {
      await this.repo.finishRun(run.id, { error: describeError(error), finishedAt: this.clock.now(), durationMs: elapsed(started) });
      throw error;
    }
  }

  private async realRun(asOf: Date, options: RunOptions): Promise<RetentionRunRow> {
    const runner = runnerName();
    const { leaseTtlMs } = this.settings;
    if (!(await this.repo.acquireLease(runner, leaseTtlMs, options.tick))) {
      const holder = await this.repo.leaseHolder();
      if (!holder && options.tick) throw new RetentionTickTakenError(options.tick);
      throw new RetentionBusyError(holder?.holder);
    }
    // The heartbeat keeps the lease while the run lives; a runner that dies stops renewing it. A lease
    // row locked by this runner's own batch is skipped (that batch renews it), and a lease taken over
    // by another runner is not renewed: this run's next batch then finds it lost and stops (fencing).
    const heartbeat = setInterval(() => {
      this.repo.renewLease(runner, leaseTtlMs).catch(() => undefined);
    }, Math.max(50, Math.floor(leaseTtlMs / 4)));
    heartbeat.unref();
    try {
      await this.repo.markAbandoned(runner);
      const started = performance.now();
      const run = await this.repo.insertRun({
        asOf,
        dryRun: false,
        startedAt: this.clock.now(),
        triggeredByUserId: options.triggeredByUserId ?? null,
        runner,
        tick: options.tick ?? null,
      });
      try {
        const areas = await this.repo.areaRules();
        for (const step of STEPS) {
          const done = await this.runStep(step, run.id, asOf, areas, runner, options);
          // R-RETAIN-7: a procedure idle for 4 years is closed, blocked and deleted in one run.
          if (step === "inactivityClose" && done > 0) {
            if (done >= this.settings.batchSize) await this.inactivity.analyzeProcedures();
            for (const again of ["block", "delete"] as const) await this.runStep(again, run.id, asOf, areas, runner, options);
          }
        }
        // R-RETAIN-3, step 7, after every step that deletes. Stopped between tables, it stays pending.
        if (this.settings.clearResidue) {
          await this.residue.clear(run.id, this.clock.now(), {
            maxRewriteBytes: this.settings.residueMaxRewriteBytes,
            vacuumOnly: this.settings.residueVacuumOnly,
            signal: options.signal,
            onTable: options.onResidue,
            // Batches are fenced in their own statements; step 7 is not one: it checks before each table.
            fence: async () => {
              if (!(await this.repo.holdLease(runner, leaseTtlMs))) throw new LeaseLostError();
            },
          });
        }
        const refused = await this.repo.refusedEarlyDeletions();
        return await this.repo.finishRun(run.id, {
          earlyDeletionsRefused: refused.length,
          finishedAt: this.clock.now(),
          durationMs: elapsed(started),
        });
      } catch (error) {
        await this.repo.finishRun(run.id, { error: describeError(error), finishedAt: this.clock.now(), durationMs: elapsed(started) });
        throw error;
      }
    } finally {
      clearInterval(heartbeat);
      await this.repo.releaseLease(runner);
    }
  }

  /**
   * Frees a lease left by a runner that died with its process. Only for PGlite, at start: its data
   * folder belongs to one process (SPEC Runtime), so a lease found there before this process ran
   * anything was held by one that is gone; waiting for it to lapse would only hold the job up.
   */
  releaseLeaseOfDeadProcess(): Promise<boolean> {
    return this.repo.releaseAnyLease();
  }

  /** One step, batch after batch until a batch comes back short; answers how many rows it changed. */
  private async runStep(step: Step, runId: string, asOf: Date, areas: readonly AreaRule[], runner: string, options: RunOptions): Promise<number> {
    const { batchSize, leaseTtlMs } = this.settings;
    let limit = firstBatchLimit(batchSize);
    let cursor: Cursor | null = null;
    let total = 0;
    for (;;) {
      if (options.signal?.aborted) throw new RetentionStoppedError(step);
      const started = performance.now();
      // One statement, so one transaction: lease renewal, the work, its audit event and its count.
      const context: BatchContext = { runId, runner, leaseTtlMs, asOf, now: this.clock.now(), limit };
      const result = await this.batch(step, context, areas, cursor);
      if (!result.leased) throw new LeaseLostError();
      this.observer?.batchCommitted(step, result.done);
      const ms = performance.now() - started;
      await options.onBatch?.({ step, done: result.done, ms });
      total += result.done;
      if (result.selected < limit) return total;
      cursor = result.cursor;
      limit = nextBatchLimit(limit, ms, batchSize);
    }
  }

  private batch(step: Step, c: BatchContext, areas: readonly AreaRule[], cursor: Cursor | null): Promise<BatchResult> {
    const repo = this.repo;
    switch (step) {
      case "block":
        return repo.blockProcedures(c, areas, cursor);
      case "delete":
        return repo.deleteProcedures(c, cursor);
      case "usersBlock":
        return repo.blockUsers(c);
      case "usersDelete":
        return repo.deleteUsers(c);
      case "earlyDeletion":
        return repo.earlyDeletions(c);
      case "requestData":
        return clearAnsweredRequestData(this.db, c);
      case "remindersResolve":
        return repo.resolveReminders(c);
      case "remindersRaise":
        return repo.raiseReminders(c, this.reminderCutoff(c.asOf), cursor);
      case "inactivityClose":
        return this.inactivity.closeInactive(c, areas, cursor);
      case "escalationsResolve":
        return this.inactivity.resolveEscalations(c);
      case "escalationsRaise":
        return this.inactivity.raiseEscalations(c, cursor);
    }
  }

  private reminderCutoff(asOf: Date): Date {
    return new Date(asOf.getTime() - this.settings.reminderDays * DAY_MS);
  }

  /** `retentionPreview`: what would be blocked and deleted by `asOf`, nothing changed, nothing recorded. */
  async preview(viewer: Viewer, requested: Date | null): Promise<RetentionPreview> {
    if (!hasRole(viewer, "COMMISSION")) throw new ForbiddenError("Only the Commission previews the retention job.");
    // A preview changes nothing: any date may be asked about, the future above all.
    const asOf = requested ?? this.clock.now();
    if (Number.isNaN(asOf.getTime())) throw new BadUserInputError("asOf is not a valid time.", "asOf");
    const areas = await this.repo.areaRules();
    const [counts, groups, inactivity] = await Promise.all([
      this.repo.counts(asOf, areas, this.reminderCutoff(asOf)),
      this.repo.previewGroups(asOf, areas),
      this.inactivity.counts(asOf, areas),
    ]);
    return {
      asOf,
      proceduresToBlock: counts.proceduresBlocked,
      proceduresToDelete: counts.proceduresDeleted,
      usersToBlock: counts.usersBlocked,
      usersToDelete: counts.usersDeleted,
      earlyDeletions: counts.earlyDeletions,
      earlyDeletionsRefused: counts.earlyDeletionsRefused,
      remindersToRaise: counts.remindersRaised,
      proceduresToEscalate: inactivity.proceduresEscalated,
      proceduresToCloseForInactivity: inactivity.proceduresClosedForInactivity,
      byLegalAreaAndAuthority: groups,
    };
  }

  /**
   * `retentionRuns`: the Commission, the coordinators and the supervisory authorities (issue 18, Art. 21:
   * runs hold counts, no personal data; the job is the Commission's processing and covers every state).
   */
  async listRuns(viewer: Viewer, first?: number | null, after?: string | null) {
    if (!hasRole(viewer, "COMMISSION", "COORDINATOR", "SUPERVISOR")) {
      throw new ForbiddenError("Only the Commission, coordinators and supervisory authorities read retention runs.");
    }
    const page = pageRequest(first, after);
    const { rows, totalCount } = await this.repo.pageRuns(page);
    return toConnection(rows, page, totalCount);
  }

  /** `reminders`: the initiating authority's, for its case handlers and local admins (row scope in SQL). */
  async listReminders(viewer: Viewer, includeResolved: boolean, first?: number | null, after?: string | null) {
    const page = pageRequest(first, after);
    const { rows, totalCount } = await this.repo.pageReminders(viewer, includeResolved, page);
    return toConnection(rows, page, totalCount);
  }
}

export interface RetentionPreview {
  asOf: Date;
  proceduresToBlock: number;
  proceduresToDelete: number;
  usersToBlock: number;
  usersToDelete: number;
  earlyDeletions: number;
  earlyDeletionsRefused: number;
  remindersToRaise: number;
  proceduresToEscalate: number;
  proceduresToCloseForInactivity: number;
  byLegalAreaAndAuthority: PreviewGroupRow[];
}

function runnerName(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
