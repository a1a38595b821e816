import { Cron } from "croner";
import type { Logger } from "../logger.js";
import { RetentionBusyError, RetentionStoppedError, RetentionTickTakenError, type RetentionService } from "../modules/retention/retention.service.js";

export interface ScheduledJob {
  /** When the next run is due; null when none is. */
  nextRun(): Date | null;
  /** Stops the schedule and lets a run under way end after its current batch. */
  stop(): Promise<void>;
}

/**
 * The retention job on a cron schedule (RETENTION_SCHEDULE): a thin shell over RetentionService,
 * which does the work. `protect` skips a tick while this process's previous run is still going; the
 * service's lease keeps other processes and replicas from running at the same time, and the tick
 * each run records keeps a replica that fires late from running a tick again.
 */
export function scheduleRetention(service: RetentionService, schedule: string, logger: Logger): ScheduledJob {
  const stopping = new AbortController();
  let current: Promise<void> | null = null;

  const runTick = async (tick: Date): Promise<void> => {
    try {
      const run = await service.run({ signal: stopping.signal, tick });
      logger.info(
        {
          tick,
          runId: run.id,
          asOf: run.asOf,
          durationMs: run.durationMs,
          proceduresBlocked: run.proceduresBlocked,
          proceduresDeleted: run.proceduresDeleted,
          usersBlocked: run.usersBlocked,
          usersDeleted: run.usersDeleted,
          earlyDeletions: run.earlyDeletions,
          earlyDeletionsRefused: run.earlyDeletionsRefused,
          remindersRaised: run.remindersRaised,
          remindersResolved: run.remindersResolved,
          proceduresEscalated: run.proceduresEscalated,
          escalationsResolved: run.escalationsResolved,
          proceduresClosedForInactivity: run.proceduresClosedForInactivity,
        },
        "retention run finished",
      );
      if (run.earlyDeletionsRefused > 0) {
        logger.warn({ runId: run.id, refused: run.earlyDeletionsRefused }, "approved early deletions without consent or legal basis were not carried out");
      }
    } catch (err) {
      if (err instanceof RetentionBusyError) logger.info({ tick, reason: err.message }, "retention run skipped: another runner holds the lease");
      else if (err instanceof RetentionTickTakenError) logger.info({ tick }, "retention run skipped: another runner has run this tick");
      else if (err instanceof RetentionStoppedError) logger.info({ tick, reason: err.message }, "retention run stopped for shutdown");
      else logger.error({ tick, err }, "retention run failed; the next run carries on");
    }
  };

  const cron = new Cron(schedule, { name: "retention", protect: true }, (self: Cron) => {
    // The tick as scheduled (croner fires at or after it): the same instant on every replica.
    const fired = self.currentRun() ?? new Date();
    const tick = self.previousRuns(1, new Date(fired.getTime() + 1))[0] ?? fired;
    current = runTick(tick).finally(() => {
      current = null;
    });
    return current;
  });
  logger.info({ schedule, nextRun: cron.nextRun() }, "retention job scheduled");

  return {
    nextRun: () => cron.nextRun(),
    async stop() {
      cron.stop();
      stopping.abort();
      await current;
    },
  };
}
