/**
 * Issue 13 / 14: the cost of the personal-data tables' read policy at scale, on PostgreSQL, for the
 * statements of one page (bench/results.md section 10). Run alone:
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/rls-policy-probe.ts
 *
 * A fresh database, migrated; the World's DK case handler sees PROBE_VISIBLE procedures (default
 * 100,000; as bench/servers.child.ts `grow` seeds: DK initiator, DE accepted responder, one data
 * subject with one sensitive record and two messages each, a personal-data key for each procedure and
 * data subject), VACUUM ANALYZE. Then, under the API's role with the
 * handler as viewer (request-scope.ts viewerSettingsSql), EXPLAIN ANALYZE of the page's statements
 * for the 100 newest procedures: data subjects (ProcedureRepository.dataSubjectsOf), their
 * sensitive records, the messages, and the keys of the page's owners (key-store.ts), each with
 *  - IN: migration 0028's policy, `procedure_id IN (SELECT procedure_id FROM imi_rls.personal_data_readable)`,
 *    put back inside the measuring transaction (rolled back);
 *  - EXISTS without OFFSET 0: the correlated probe, which PostgreSQL may still plan as a hashed set;
 *  - EXISTS … OFFSET 0: the policy now generated (src/db/rls/policies.sql.ts, migration 0031), always a probe;
 *  - for the keys, each also with `SET LOCAL jit = off` (PostgreSQL's default is on: their lookup's
 *    estimated cost, about 200 rows assumed in each of ~100 partitions, crosses jit_above_cost);
 *  - as the owner (no policy), for scale.
 * They alternate, PROBE_ROUNDS times each (default 7; keys PROBE_KEY_ROUNDS, default 2); the median
 * of the plans' execution times (of which JIT) and of the wall times around the EXPLAIN.
 */
import { sql } from "drizzle-orm";
import { loadavg } from "node:os";
import postgres from "postgres";
import { openDatabase } from "../src/db/client.js";
import { API_ROLE } from "../src/db/rls/roles.js";
import { TestApi } from "../test/helpers/api.js";
import { World } from "../test/helpers/world.js";
import { createServerDatabase, DEFAULT_POSTGRES_URL, rowsOf } from "./database.js";
import { median } from "./settings.js";

const VISIBLE = Number(process.env.PROBE_VISIBLE ?? 100_000);
const ROUNDS = Number(process.env.PROBE_ROUNDS ?? 7);
/** The keys' lookup under 0028's policy takes tens of seconds at 100k (JIT and a hashed set per partition): fewer rounds. */
const KEY_ROUNDS = Number(process.env.PROBE_KEY_ROUNDS ?? 2);
const PAGE = 100;
const serverUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_POSTGRES_URL;

/** Migration 0028's read policies (the uncorrelated set), for the tables measured. */
const IN_POLICY: Record<string, string> = {
  data_subjects: "procedure_id IN (SELECT procedure_id FROM imi_rls.personal_data_readable)",
  sensitive_records: "(select ds.procedure_id from data_subjects ds where ds.id = data_subject_id) IN (SELECT procedure_id FROM imi_rls.personal_data_readable)",
  messages: "procedure_id IN (SELECT procedure_id FROM imi_rls.personal_data_readable)",
  personal_data_keys:
    "owner_id IN (SELECT procedure_id FROM imi_rls.personal_data_readable) OR (select ds.procedure_id from data_subjects ds where ds.id = owner_id) IN (SELECT procedure_id FROM imi_rls.personal_data_readable) OR NOT imi_rls.key_owner_exists(owner_id)",
};

const created = await createServerDatabase(serverUrl, "rlsprobe");
const handle = await openDatabase({ url: created.url, maxConnections: 2 });
const client = postgres(created.url, { max: 1, onnotice: () => {} });
try {
  await handle.migrate();
  const seeding = await TestApi.create(handle.db);
  const world = await World.create(handle.db, seeding);
  await seeding.stop();
  const dk = world.authority.dk;
  const de = world.authority.de;

  const seedStarted = performance.now();
  const batch = 50_000;
  for (let offset = 0; offset < VISIBLE; offset += batch) {
    const size = Math.min(batch, VISIBLE - offset);
    await handle.db.execute(sql`with g as (
        select i, now() - interval '1 day' - (${offset}::int + i) * interval '1 minute' as at
        from generate_series(1, ${size}::int) i
      ), p as (
        insert into procedures (reference, kind, legal_area_code, subject, justification, status, initiator_authority_id, created_by_user_id,
          created_at, sent_at, last_activity_at)
        select 'PROBE-' || (${offset}::int + i), 'REQUEST'::procedure_kind, 'SERVICES', 'Probe ' || i, 'Checking a provider.', 'ACCEPTED'::procedure_status,
          ${dk}::uuid, ${world.user.handlerDk.id}::uuid, at, at, at
        from g returning id, created_at
      ), pa as (
        insert into participants (procedure_id, authority_id, part, added_at, accepted_at)
        select id, ${dk}::uuid, 'INITIATOR'::participant_part, created_at, null::timestamptz from p
        union all select id, ${de}::uuid, 'RESPONDER'::participant_part, created_at, created_at from p
      ), ds as (
        insert into data_subjects (procedure_id, full_name, date_of_birth, added_by_authority_id, created_at)
        select id, 'Person', '1980-01-01', ${dk}::uuid, created_at from p returning id, created_at
      ), sr as (
        insert into sensitive_records (data_subject_id, category, details, necessity, legal_basis, created_at)
        select id, 'ADMINISTRATIVE'::sanction_category, 'A fine.', 'Needed for the check.', 'Art. 56', created_at from ds
      ), k as (
        insert into personal_data_keys (owner_id, wrapped, created_at)
        select id, 'k1:probe:AAAA', created_at from p union all select id, 'k1:probe:AAAA', created_at from ds
      )
      insert into messages (procedure_id, author_authority_id, body, created_at)
      select id, ${dk}::uuid, 'Is the provider registered?', created_at from p
      union all select id, ${de}::uuid, 'It is.', created_at from p`);
  }
  for (const table of ["procedures", "participants", "data_subjects", "sensitive_records", "messages", "personal_data_keys"]) await client.unsafe(`vacuum analyze ${table}`);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const [{ visible }] = rowsOf<{ visible: number }>(
    await handle.db.execute(sql`select count(*)::int as visible from participants where authority_id = ${dk} and forwarded_at is null`),
  ) as [{ visible: number }];

  // The page: the 100 newest procedures of the handler's, and their data subjects.
  const page = rowsOf<{ id: string }>(
    await handle.db.execute(sql`select p.id from procedures p join participants pa on pa.procedure_id = p.id
      where pa.authority_id = ${dk} and pa.forwarded_at is null order by p.created_at desc, p.id desc limit ${PAGE}`),
  ).map((r) => r.id);
  const subjects = rowsOf<{ id: string }>(await handle.db.execute(sql`select id from data_subjects where procedure_id = any(${`{${page.join(",")}}`}::uuid[])`)).map(
    (r) => r.id,
  );
  const pageIds = `{${page.join(",")}}`;
  const subjectIds = `{${subjects.join(",")}}`;
  const statements: { table: string; text: string; parameter: string }[] = [
    { table: "data_subjects", text: "select * from data_subjects where procedure_id = any($1::uuid[]) order by created_at, id", parameter: pageIds },
    { table: "sensitive_records", text: "select * from sensitive_records where data_subject_id = any($1::uuid[]) order by created_at, id", parameter: subjectIds },
    { table: "messages", text: "select * from messages where procedure_id = any($1::uuid[]) order by created_at, id", parameter: pageIds },
    // key-store.ts keysOf: the keys of a result set's owners (here the page's data subjects and procedures).
    { table: "personal_data_keys", text: "select owner_id::text, wrapped from personal_data_keys where owner_id = any($1::uuid[])", parameter: `{${[...page, ...subjects].join(",")}}` },
  ];

  /** A way to run a statement: under the API's role with a read policy (the generated one unless `policy`), or as the owner. */
  interface Variant {
    label: string;
    policy?: string;
    owner?: boolean;
    /** `SET LOCAL jit = off` (else the server's setting: on, PostgreSQL's default). */
    jitOff?: boolean;
  }
  // The probe without its fence: the generated policy as PostgreSQL keeps it, OFFSET 0 taken out.
  const unfenced = Object.fromEntries(
    rowsOf<{ tablename: string; qual: string }>(await handle.db.execute(sql`select tablename, qual from pg_policies where policyname = 'rls_read'`)).map((r) => [
      r.tablename,
      r.qual.replace(/\s+OFFSET 0\b/g, ""),
    ]),
  );
  const variants = (table: string): Variant[] => {
    const forms: Variant[] = [{ label: "IN (0028)", policy: IN_POLICY[table] }, { label: "EXISTS, no OFFSET 0", policy: unfenced[table] }, { label: "EXISTS … OFFSET 0 (0031)" }];
    return [
      ...forms,
      ...(table === "personal_data_keys" ? forms.map((form) => ({ ...form, label: `${form.label}, jit off`, jitOff: true })) : []),
      { label: "owner (no policy)", owner: true },
    ];
  };

  /** One EXPLAIN ANALYZE in a transaction of its own (rolled back): execution ms from the plan, wall ms around it, rows, JIT ms. */
  async function measure(statement: (typeof statements)[number], variant: Variant): Promise<{ execution: number; wall: number; rows: number; jit: number; plan: string }> {
    type Result = { execution: number; wall: number; rows: number; jit: number; plan: string };
    return client
      .begin(async (tx) => {
        if (variant.policy) {
          await tx.unsafe(`drop policy rls_read on "${statement.table}"`);
          await tx.unsafe(`create policy rls_read on "${statement.table}" for select to ${API_ROLE} using (${variant.policy})`);
        }
        if (variant.jitOff) await tx.unsafe("set local jit = off");
        if (!variant.owner) {
          await tx`select set_config('role', ${API_ROLE}, true), set_config('imi.user_id', ${world.user.handlerDk.id}, true),
            set_config('imi.authority_id', ${dk}, true), set_config('imi.member_state', 'DK', true),
            set_config('imi.roles', 'CASE_HANDLER', true), set_config('imi.now', ${new Date().toISOString()}, true)`;
        }
        const started = performance.now();
        const lines = (await tx.unsafe(`explain (analyze, buffers) ${statement.text}`, [statement.parameter])).map((r) => String(r["QUERY PLAN"]));
        const wall = performance.now() - started;
        const plan = lines.join("\n");
        const execution = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN);
        const rows = Number(/^\S.*?actual time=[\d.]+\.\.[\d.]+ rows=(\d+)/m.exec(plan)?.[1] ?? NaN);
        const jit = Number(/Timing: .*Total ([\d.]+) ms/.exec(plan)?.[1] ?? 0);
        throw Object.assign(new Error("rollback"), { result: { execution, wall, rows, jit, plan } });
      })
      .catch((error: { message: string; result?: Result }) => {
        if (error.result) return error.result;
        throw error;
      });
  }

  const before = loadavg().map((l) => l.toFixed(2)).join(", ");
  console.log(
    `PostgreSQL: ${(await client`select version() as v`)[0]!.v.split(" ").slice(0, 2).join(" ")}, jit ${(await client`show jit`)[0]!.jit}; ${visible.toLocaleString("en")} procedures visible (seeded in ${seedSeconds.toFixed(1)} s); page of ${page.length} procedures, ${subjects.length} data subjects; ${ROUNDS} rounds (keys: ${KEY_ROUNDS}); load average before ${before}`,
  );
  const results: string[] = [];
  for (const statement of statements) {
    const keys = statement.table === "personal_data_keys";
    const list = variants(statement.table);
    const times = list.map(() => ({ execution: [] as number[], wall: [] as number[], jit: [] as number[], rows: 0, plan: "" }));
    // A warm-up of each (of the keys' only the cheap ones: the others take seconds to a minute), then the
    // variants in turns, the order reversed every other round.
    for (const variant of list) if (!keys || variant.owner || (variant.jitOff && !variant.policy)) await measure(statement, variant);
    for (let round = 0; round < (keys ? KEY_ROUNDS : ROUNDS); round++) {
      const order = list.map((_, i) => i);
      if (round % 2 === 1) order.reverse();
      for (const i of order) {
        const { execution, wall, rows, jit, plan } = await measure(statement, list[i]!);
        Object.assign(times[i]!, { rows, plan });
        times[i]!.execution.push(execution);
        times[i]!.wall.push(wall);
        times[i]!.jit.push(jit);
      }
    }
    list.forEach((variant, i) => {
      const t = times[i]!;
      if (process.env.PROBE_PLANS === "1" && !variant.owner) console.log(`--- ${statement.table}, ${variant.label}\n${t.plan.replace(/'\{[0-9a-f,-]{200,}\}'/g, "'{…ids}'")}`);
      results.push(
        `| ${statement.table} | ${variant.label} | ${t.rows} | ${median(t.execution).toFixed(2)} | ${median(t.jit).toFixed(0)} | ${median(t.wall).toFixed(2)} | ${t.execution.map((x) => x.toFixed(1)).join(", ")} |`,
      );
      if (t.rows !== times[0]!.rows) console.log(`!! ${statement.table}: ${variant.label} returned ${t.rows} rows, ${list[0]!.label} ${times[0]!.rows}`);
    });
  }
  console.log("| statement | policy | rows | execution ms (median) | of which JIT ms | wall ms (median) | execution ms per round |");
  console.log("|---|---|---:|---:|---:|---:|---|");
  for (const line of results) console.log(line);
  console.log(`load average after ${loadavg().map((l) => l.toFixed(2)).join(", ")}`);
} finally {
  await client.end({ timeout: 1 });
  await handle.close();
  await created.drop();
}
