/**
 * `npx tsx bench/audit-writers.ts`: how the audit log's insert scales with concurrent writers
 * (issue 14). On PostgreSQL only (BENCH_DATABASE_URL or the CI server): a fresh database, migrated,
 * a world of 100 accepted requests (for the foreign keys every event row checks), then:
 *
 * 1. audited inserts/s: each writer loops for BENCH_AUDIT_SECONDS (default 8) sending what one
 *    nested list of 50 flushes at the end of its request: one INSERT of 100 READ events, autocommit,
 *    on a pool connection of its own; 1 writer, then 4 at once, then 1 again (the median of the two
 *    single runs is the reference);
 * 2. the database's own time for that 100-row insert on an idle server: EXPLAIN (ANALYZE) of the
 *    statement as AuditRepository sends it, in a transaction rolled back, median of 20, with the
 *    time spent in the chain trigger.
 *
 * Prints a markdown table for bench/results.md. No numbers asserted.
 */
import { sql } from "drizzle-orm";
import { openDatabase } from "../src/db/client.js";
import { insertStatement, type AuditEventInsert } from "../src/modules/audit/audit.repository.js";
import { TestApi } from "../test/helpers/api.js";
import { insertAcceptedRequests } from "../test/helpers/procedure-factory.js";
import { World } from "../test/helpers/world.js";
import { createServerDatabase, postgresServerUrl, rowsOf } from "./database.js";
import { median } from "./settings.js";

class RolledBack extends Error {}

const SECONDS = Number(process.env.BENCH_AUDIT_SECONDS ?? 8);
const ROWS_PER_INSERT = 100;

const serverUrl = await postgresServerUrl();
if (!serverUrl) throw new Error("bench/audit-writers.ts needs PostgreSQL (BENCH_DATABASE_URL).");
const created = await createServerDatabase(serverUrl, "audit");
const handle = await openDatabase({ url: created.url, maxConnections: 8 });
try {
  await handle.migrate();
  const seeding = await TestApi.create(handle.db);
  const world = await World.create(handle.db, seeding);
  await seeding.stop();
  const { ids } = await insertAcceptedRequests(handle.db, world, { count: 100, start: new Date("2026-05-01T09:00:00Z") });
  const viewer = world.user.handlerDk;

  /** What a nested list of 50 records: two READ events per procedure. */
  const batch = (requestId: string): AuditEventInsert[] =>
    Array.from({ length: ROWS_PER_INSERT }, (_, i) => ({
      occurredAt: new Date(),
      actorUserId: viewer.id,
      actorAuthorityId: viewer.authorityId,
      action: "READ",
      procedureId: ids[i % ids.length]!,
      dataSubjectId: null,
      fields: i % 2 === 0 ? ["DataSubject.fullName", "DataSubject.dateOfBirth"] : ["Message.body"],
      ground: "PARTICIPANT:INITIATOR",
      requestId,
    }));

  async function writers(count: number): Promise<{ insertsPerSecond: number; rowsPerSecond: number }> {
    const until = Date.now() + SECONDS * 1000;
    let inserts = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: count }, async (_, w) => {
        for (let n = 0; Date.now() < until; n++) {
          await handle.db.execute(insertStatement(batch(`bench-${count}-${w}-${n}`)));
          inserts++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    return { insertsPerSecond: inserts / seconds, rowsPerSecond: (inserts * ROWS_PER_INSERT) / seconds };
  }

  await writers(1); // warm-up: plans, caches, JIT
  const single1 = await writers(1);
  const four = await writers(4);
  const single2 = await writers(1);
  const single = median([single1.insertsPerSecond, single2.insertsPerSecond]);

  // The database's time for one 100-row insert, idle server: EXPLAIN ANALYZE, rolled back.
  const executions: number[] = [];
  const triggers: number[] = [];
  for (let i = 0; i < 20; i++) {
    await handle.db
      .transaction(async (tx) => {
        const result = rowsOf<{ "QUERY PLAN": [{ "Execution Time": number; Triggers?: { "Trigger Name": string; Time: number }[] }] }>(
          await tx.execute(sql`explain (analyze, format json) ${insertStatement(batch(`explain-${i}`))}`),
        );
        const plan = result[0]!["QUERY PLAN"][0];
        executions.push(plan["Execution Time"]);
        triggers.push((plan.Triggers ?? []).filter((t) => t["Trigger Name"].startsWith("audit_events_chain")).reduce((sum, t) => sum + t.Time, 0));
        throw new RolledBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RolledBack)) throw error;
      });
  }

  console.log(`| measure | value |\n|---|---|`);
  console.log(`| audited inserts/s, 1 writer (${ROWS_PER_INSERT} events each; two runs, median) | ${single.toFixed(0)} (${single1.insertsPerSecond.toFixed(0)}, ${single2.insertsPerSecond.toFixed(0)}) |`);
  console.log(`| audited inserts/s, 4 concurrent writers, in total | ${four.insertsPerSecond.toFixed(0)} |`);
  console.log(`| 4 writers / 1 writer (target ≥ 3×) | ${(four.insertsPerSecond / single).toFixed(2)}× |`);
  console.log(`| events/s, 1 writer / 4 writers | ${(single * ROWS_PER_INSERT).toFixed(0)} / ${four.rowsPerSecond.toFixed(0)} |`);
  console.log(`| database time of one ${ROWS_PER_INSERT}-row insert, idle (EXPLAIN ANALYZE, median of 20) | ${median(executions).toFixed(2)} ms, of which the chain trigger ${median(triggers).toFixed(2)} ms |`);
} finally {
  await handle.close();
  await created.drop();
}

