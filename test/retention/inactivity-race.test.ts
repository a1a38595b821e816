import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { DEFAULT_RETENTION_SETTINGS, RetentionService } from "../../src/modules/retention/retention.service.js";
import { insertAcceptedRequests } from "../helpers/procedure-factory.js";
import { START, useSuite } from "../helpers/suite.js";
import { addMonths, DAY, procedureRow } from "./retention-fixtures.js";
import { databaseUrl, untilBlockedBy } from "../helpers/pg-locks.js";

/**
 * The closure by the system (R-RETAIN-7) raced by a writer, on PostgreSQL with real concurrent
 * connections (PGlite has one session, so nothing there runs concurrently): activity that commits
 * while the job is closing keeps the procedure open.
 */
const SERVER = process.env.TEST_DATABASE_URL;

describe.skipIf(!SERVER)("closure for inactivity raced by a writer on PostgreSQL", () => {
  const suite = useSuite("postgres");

  it("R-RETAIN-7 a closure that waits for a writer's lock on the procedure sees the writer's activity and leaves the procedure open; the others close", async () => {
    const world = await suite.world();
    const db = suite.db.db;
    const { ids } = await insertAcceptedRequests(db, world, { count: 3, start: START, label: "Idle" });
    const [raced, ...idle] = ids as [string, ...string[]];
    const now = new Date(addMonths(START, 12).getTime() + DAY);
    suite.api.clock.set(now);

    // The writer does what the API's writers do (procedure.service.ts `act`): locks the procedure,
    // writes, marks the activity, and commits only once the job waits for its lock.
    const gate = postgres(await databaseUrl(db), { max: 1, onnotice: () => {} });
    let commit!: () => void;
    const go = new Promise<void>((resolve) => (commit = resolve));
    let locked!: (pid: number) => void;
    const pid = new Promise<number>((resolve) => (locked = resolve));
    const done = gate.begin(async (tx) => {
      const [me] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`;
      await tx`select id from procedures where id = ${raced} for update`;
      await tx`insert into messages (procedure_id, author_authority_id, body, created_at)
               values (${raced}, ${world.authority.dk}, 'Written while the job closed', ${now.toISOString()})`;
      await tx`update procedures set last_activity_at = ${now.toISOString()} where id = ${raced}`;
      locked(me!.pid);
      await go;
    });

    const service = new RetentionService(db, suite.api.clock, { ...DEFAULT_RETENTION_SETTINGS, batchSize: 10 });
    // The job starts only once the writer holds the lock: started before, it could reach the procedure
    // first and close it without waiting (CI, 4 December 2026: "nothing waited for backend …").
    const writer = await pid;
    const running = service.run();
    await untilBlockedBy(db, writer);
    commit();
    await done;
    const run = await running;
    await gate.end();

    expect(run.error).toBeNull();
    const row = await procedureRow(db, raced);
    expect(row).toMatchObject({ status: "ACCEPTED", closedAt: null, closedBySystem: false, lastActivityAt: now });
    expect(run.proceduresClosedForInactivity).toBe(idle.length);
    for (const id of idle) {
      const closed = await procedureRow(db, id);
      expect(closed, id).toMatchObject({ status: "CLOSED", closedBySystem: true, closedAt: addMonths(closed.lastActivityAt, 12) });
    }
  });
});
