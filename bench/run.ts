/**
 * `npm run bench`: what the API costs over the database it reads, measured in one run.
 *
 * 1. Cold start on PGlite: open + migrate + demo world, on a fresh folder and on an existing one.
 * 2. The nested list a case-handling screen asks for (50 procedures with participants, data subjects
 *    and messages) through the whole stack (executeOperation with a real token: scoping, access
 *    checks, loaders, audit batch), against a baseline of the same rows read by hand-written SQL
 *    in the same process. Reported as a ratio; no numbers are asserted anywhere.
 * 3. The retention job against single hand-written statements (bench/retention.ts; alone:
 *    `npm run bench:retention`).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { ManualClock } from "../src/clock.js";
import { openDatabase } from "../src/db/client.js";
import { seedDemoWorld } from "../src/db/seed/demo-world.js";
import { TestApi } from "../test/helpers/api.js";
import { World } from "../test/helpers/world.js";
import { ACCEPT, ADD_DATA_SUBJECT, CREATE_PROCEDURE, POST_MESSAGE, SEND } from "../test/operations.js";
import { graphql } from "../test/generated/gql.js";
import { benchRetention } from "./retention.js";

const PROCEDURES = 60;
const ROUNDS = 30;

const NESTED_LIST = graphql(`
  query BenchNestedList {
    procedures(first: 50) {
      totalCount
      edges {
        node {
          id
          reference
          status
          participants {
            part
            authority {
              name
            }
          }
          dataSubjects {
            fullName
            dateOfBirth
          }
          messages {
            body
          }
        }
      }
    }
  }
`);

async function coldStart(dir: string): Promise<number> {
  const started = performance.now();
  const handle = await openDatabase({ pgliteDir: dir });
  await handle.migrate();
  await seedDemoWorld(handle.db, new ManualClock(), "development");
  const ms = performance.now() - started;
  await handle.close();
  return ms;
}

async function time(rounds: number, run: () => Promise<unknown>): Promise<number> {
  await run(); // warm-up: JIT, statement caches
  const started = performance.now();
  for (let i = 0; i < rounds; i++) await run();
  return (performance.now() - started) / rounds;
}

const dir = await mkdtemp(join(tmpdir(), "imi-bench-"));
const fresh = await coldStart(join(dir, "db"));
const existing = await coldStart(join(dir, "db"));
await rm(dir, { recursive: true, force: true });

const handle = await openDatabase({ pgliteDir: "memory://" });
await handle.migrate();
const api = await TestApi.create(handle.db);
const world = await World.create(handle.db, api);
const dk = await world.token(world.user.handlerDk);
const de = await world.token(world.user.handlerDe);
for (let i = 0; i < PROCEDURES; i++) {
  const created = await api.execute(
    CREATE_PROCEDURE,
    { input: { kind: "REQUEST", legalAreaCode: "SERVICES", subject: `Check ${i}`, justification: "Bench.", recipientAuthorityIds: [world.authority.de] } },
    dk,
  );
  const id = created.data!.createProcedure.id;
  await api.execute(ADD_DATA_SUBJECT, { procedureId: id, input: { fullName: `Person ${i}`, dateOfBirth: "1980-01-01" } }, dk);
  await api.execute(SEND, { id }, dk);
  await api.execute(ACCEPT, { id }, de);
  await api.execute(POST_MESSAGE, { procedureId: id, body: `Answer ${i}` }, de);
  api.clock.advance(1000);
}

const stack = await time(ROUNDS, async () => {
  const result = await api.execute(NESTED_LIST, {}, dk);
  if (result.errors || result.data?.procedures.edges.length !== 50) throw new Error(JSON.stringify(result.errors));
});

// The same stack and query with the authorization layer (shield) off: what need-to-know costs.
const bare = await TestApi.create(handle.db, api.clock, { withoutAuthorization: true });
const unauthorized = await time(ROUNDS, async () => {
  const result = await bare.execute(NESTED_LIST, {}, dk);
  if (result.errors || result.data?.procedures.edges.length !== 50) throw new Error(JSON.stringify(result.errors));
});
await bare.stop();

// Baseline: the same rows, scoped the same way, by hand-written SQL and no GraphQL at all.
const baseline = await time(ROUNDS, async () => {
  const page = await handle.db.execute(sql`
    select p.id, p.reference, p.status from procedures p
    where exists (select 1 from participants pa where pa.procedure_id = p.id and pa.forwarded_at is null
                  and pa.authority_id = ${world.authority.dk})
    order by p.created_at desc, p.id desc limit 51`);
  const rows = (Array.isArray(page) ? page : (page as { rows: { id: string }[] }).rows) as { id: string }[];
  const ids = sql.join(rows.map((r) => sql`${r.id}`), sql`, `);
  await Promise.all([
    handle.db.execute(sql`select count(*) from procedures p where exists (select 1 from participants pa
      where pa.procedure_id = p.id and pa.forwarded_at is null and pa.authority_id = ${world.authority.dk})`),
    handle.db.execute(sql`select pa.procedure_id, pa.part, a.name from participants pa join authorities a on a.id = pa.authority_id
      where pa.procedure_id in (${ids}) and pa.forwarded_at is null`),
    handle.db.execute(sql`select procedure_id, full_name, date_of_birth from data_subjects where procedure_id in (${ids})`),
    handle.db.execute(sql`select procedure_id, body from messages where procedure_id in (${ids})`),
  ]);
});

await api.stop();
await handle.close();

console.log("\n## IMI API bench (PGlite, in-process)\n");
console.log("| measure | value |\n|---|---|");
console.log(`| cold start, fresh data folder (open + migrate + demo world) | ${fresh.toFixed(0)} ms |`);
console.log(`| cold start, existing data folder | ${existing.toFixed(0)} ms |`);
console.log(`| nested list of 50 procedures, full stack | ${stack.toFixed(1)} ms/request |`);
console.log(`| same query, authorization layer off | ${unauthorized.toFixed(1)} ms/request |`);
console.log(`| same rows by hand-written SQL (baseline) | ${baseline.toFixed(1)} ms/request |`);
console.log(`| authorized / unauthorized (target ≤ 1.3×) | ${(stack / unauthorized).toFixed(2)}× |`);
console.log(`| full stack / baseline | ${(stack / baseline).toFixed(2)}× |`);

const retention = await benchRetention();
console.log(`\n## Retention job bench (${retention.driver}, ${retention.procedures.toLocaleString("en")} procedures)\n`);
console.log("| measure | value |\n|---|---|");
for (const line of retention.lines) console.log(line);
