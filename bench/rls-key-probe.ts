/**
 * Issue 13 item 5: what the read policy of personal_data_keys costs the statements that read a key,
 * as the API's role with a case handler's settings: `tsx bench/rls-key-probe.ts` (PostgreSQL: a fresh
 * database, the test world, 50 accepted requests, a key for every procedure and data subject).
 * EXPLAIN (ANALYZE, SUMMARY) of a key lookup by a procedure owner and by a data-subject owner, and of
 * key-store.ts forWriting's INSERT … ON CONFLICT … UNION ALL SELECT, BENCH_CALLS times each (default
 * 25), medians of planning and execution. KEY_POLICY=<SQL>: the same again after
 * `ALTER POLICY rls_read ON personal_data_keys USING (<SQL>)` on that database only (a candidate for
 * src/db/rls/policies.sql.ts, measured before it becomes a migration; bench/results.md 13c).
 */
import { sql } from "drizzle-orm";
import { API_ROLE } from "../src/db/rls/roles.js";
import { viewerSettingsSql } from "../src/db/rls/request-scope.js";
import { TestApi } from "../test/helpers/api.js";
import { insertAcceptedRequests } from "../test/helpers/procedure-factory.js";
import { World } from "../test/helpers/world.js";
import { createServerDatabase, openCountingDatabase, postgresServerUrl, rowsOf } from "./database.js";

const REPEATS = Number(process.env.BENCH_CALLS ?? 25);
const serverUrl = await postgresServerUrl();
const created = await createServerDatabase(serverUrl!, "key_probe");
const database = await openCountingDatabase(created.url, 2);
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
try {
  await database.migrate();
  const db = database.db;
  const seeding = await TestApi.create(db);
  const world = await World.create(db, seeding);
  await seeding.stop();
  const targets = await insertAcceptedRequests(db, world, { count: 50, start: new Date(Date.now() - 3600_000) });
  const owner = targets.ids[10]!;
  await db.execute(sql`insert into personal_data_keys (owner_id, wrapped, created_at) select id, 'x', now() from procedures on conflict do nothing`);
  await db.execute(sql`insert into personal_data_keys (owner_id, wrapped, created_at) select id, 'x', now() from data_subjects on conflict do nothing`);
  await db.execute(sql`analyze`);
  const subject = rowsOf<{ id: string }>(await db.execute(sql`select id::text from data_subjects where procedure_id = ${owner}::uuid limit 1`))[0]!.id;
  const [u] = rowsOf<{ id: string; authority_id: string; roles: string[]; member_state: string }>(
    await db.execute(sql`select u.id::text, u.authority_id::text, u.roles, a.member_state from users u join authorities a on a.id = u.authority_id where u.id = ${world.user.handlerDk.id}::uuid`),
  );
  const viewer = { userId: u!.id, authorityId: u!.authority_id, memberState: u!.member_state, roles: u!.roles as never };
  const statements = {
    "select, procedure owner": (id: string) => sql`select wrapped from personal_data_keys where owner_id = ${id}::uuid`,
    "select, data-subject owner": (id: string) => sql`select wrapped from personal_data_keys where owner_id = ${id}::uuid`,
    "insert … on conflict … union all select (forWriting)": (id: string) => sql`with created as (
          insert into personal_data_keys (owner_id, wrapped, created_at) values (${id}::uuid, 'y', now())
          on conflict (owner_id) do nothing returning wrapped
        )
        select wrapped, true as created from created
        union all select wrapped, false from personal_data_keys where owner_id = ${id}::uuid
        limit 1`,
  };
  const measure = async (label: string) => {
    for (const [name, statement] of Object.entries(statements)) {
      const id = name.includes("data-subject") ? subject : owner;
      const planning: number[] = [];
      const execution: number[] = [];
      let rows = -1;
      for (let i = 0; i < REPEATS; i++) {
        await db.transaction(async (tx) => {
          await tx.execute(viewerSettingsSql(API_ROLE, { viewer, now: new Date() }));
          const plan = rowsOf<{ "QUERY PLAN": unknown }>(await tx.execute(sql`explain (analyze, summary, format json) ${statement(id)}`))[0]!["QUERY PLAN"] as {
            "Planning Time": number;
            "Execution Time": number;
            Plan: { "Actual Rows": number };
          }[];
          planning.push(plan[0]!["Planning Time"]);
          execution.push(plan[0]!["Execution Time"]);
          rows = plan[0]!.Plan["Actual Rows"];
        });
      }
      console.log(`${label.padEnd(10)} ${name.padEnd(55)} planning ${median(planning).toFixed(3)} ms, execution ${median(execution).toFixed(3)} ms, rows ${rows}`);
    }
  };
  await measure("current");
  const candidate = process.env.KEY_POLICY;
  if (candidate) {
    await db.execute(sql.raw(`alter policy rls_read on personal_data_keys using (${candidate})`));
    await measure("candidate");
  }
} finally {
  await database.close();
  await created.drop();
}
