import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { rowsOf } from "../../src/db/rows.js";
import { RESIDUE_ACTION, ResidueCleaner } from "../../src/modules/retention/residue.js";
import { DEFAULT_RETENTION_SETTINGS, RetentionService } from "../../src/modules/retention/retention.service.js";
import { createTestDatabase, DRIVERS, type TestDatabase } from "../helpers/database.js";
import { seedRetentionWorkload } from "./retention-seed.js";

/**
 * SPEC "Retention job": exactly one runner at a time. Every batch renews the lease in its own
 * statement and does nothing without it; step 7 (residue.ts) is not a batch statement. A runner that
 * lost its lease (its heartbeat stalled, another process took over) and went on with step 7 would
 * record the residue as cleared after the new holder's deletions (R-RETAIN-3: the step then never
 * rewrites what those deleted). Here the lease is taken over by a "second runner" between batches
 * and inside step 7, and the first runner must stop there and leave step 7 pending.
 */
const AS_OF = new Date("2030-01-01T00:00:00Z");
const OTHER = "another-host:1:takeover";

async function residueEvents(t: TestDatabase): Promise<number> {
  return rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from audit_events where action = ${RESIDUE_ACTION}`))[0]!.n;
}

/** The error's message with its cause's (a failed query's own message is in its cause). */
function reason(error: unknown): string {
  const cause = (error as { cause?: unknown })?.cause;
  return `${error instanceof Error ? error.message.split("\n")[0] : String(error)}${cause ? ` (cause: ${String(cause)})` : ""}`;
}

function takeOver(t: TestDatabase) {
  return t.db.execute(
    sql`update retention_lease set holder = ${OTHER}, acquired_at = clock_timestamp(), expires_at = clock_timestamp() + interval '1 hour'`,
  );
}

describe.each(DRIVERS)("the retention lease fences step 7 (%s)", (driver) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  async function setUp() {
    t = await createTestDatabase(driver);
    await seedRetentionWorkload(t.db, { procedures: 60, asOf: AS_OF });
    return new RetentionService(t.db, new ManualClock(AS_OF), {
      ...DEFAULT_RETENTION_SETTINGS,
      batchSize: 20,
      leaseTtlMs: 60_000,
    });
  }

  it("a runner whose lease was taken over after its last batch does not run step 7: it stops, and the residue stays pending for the holder", async () => {
    const service = await setUp();
    let residueTables = 0;
    const failure = await service
      .run({
        onBatch: async (b) => {
          if (b.step === "escalationsRaise") await takeOver(t!);
        },
        onResidue: () => {
          residueTables += 1;
        },
      })
      .then(() => "finished", reason);
    expect(failure).toMatch(/^Lost the retention lease/);
    expect(residueTables).toBe(0);
    expect(await residueEvents(t!)).toBe(0);
    expect(await new ResidueCleaner(t!.db).pending()).toBe(true);
    // The lease is the other runner's still: the stopped one gave back only its own.
    const [lease] = rowsOf<{ holder: string }>(await t!.db.execute(sql`select holder from retention_lease`));
    expect(lease!.holder).toBe(OTHER);
    const [recorded] = rowsOf<{ error: string | null }>(await t!.db.execute(sql`select error from retention_runs where not dry_run`));
    expect(recorded!.error).toMatch(/Lost the retention lease/);
  });

  it("a runner whose lease is taken over in the middle of step 7 stops before the next table and does not record the step as done", async () => {
    const service = await setUp();
    // On a shared PostgreSQL server an older transaction elsewhere can defer step 7 to a later run:
    // runs are repeated (bounded) until one reaches its first table.
    for (let attempt = 0; attempt < 6; attempt++) {
      let residueTables = 0;
      let failure = "";
      const run = await service
        .run({
          onResidue: async () => {
            residueTables += 1;
            if (residueTables === 1) await takeOver(t!);
          },
        })
        .catch((error: unknown) => {
          failure = reason(error);
          return undefined;
        });
      if (residueTables === 0) {
        expect(run, failure).toBeDefined();
        continue;
      }
      expect(failure).toMatch(/^Lost the retention lease/);
      expect(residueTables).toBe(1);
      expect(await residueEvents(t!)).toBe(0);
      expect(await new ResidueCleaner(t!.db).pending()).toBe(true);
      return;
    }
    throw new Error("step 7 never reached its first table in 6 runs");
  });
});
