/**
 * Issue 18: the statistics statement at scale. 1,000,000 procedures on PostgreSQL (100,000 on PGlite;
 * BENCH_STATISTICS_ROWS overrides), sent over 60 months in every legal area to authorities of 30 member
 * states, each with its initiator and one or two receiving participants, seeded set-based. Then, in the
 * same run and on the same database, after ANALYZE:
 *
 * - the API's statement (StatisticsRepository, src/modules/statistics/statistics.repository.ts) for the
 *   last 12 months, for 60 months, and for one state (a coordinator's question);
 * - a hand-written baseline computing the same figures another way (a lateral subquery per procedure);
 * - EXPLAIN of the API's statement: whether it reads procedures by the index or scans the whole table.
 *
 * Procedures are inserted in the order they were sent, as a live table fills. Each timing is the median
 * of 5 runs after one warm-up. `npm run bench:statistics` runs it alone;
 * `npm run bench` runs it as its "statistics" part.
 */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { openDatabase } from "../src/db/client.js";
import { StatisticsRepository, statisticsStatement, type StatisticsScope } from "../src/modules/statistics/statistics.repository.js";
import { createServerDatabase, postgresServerUrl, rowsOf } from "./database.js";

export interface StatisticsBench {
  driver: string;
  procedures: number;
  seedSeconds: number;
  lines: string[];
  plan: string;
  seqScanOfProcedures: boolean;
}

const STATES = ["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "IS", "LI", "NO"];
/** The last month of the data; the 12-month question ends here. */
const END = new Date("2026-06-01T00:00:00Z");

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The same figures as the API's statement, written by hand another way: the baseline. */
function baselineStatement(scope: StatisticsScope) {
  return sql`select to_char(date_trunc('month', p.sent_at at time zone 'UTC'), 'YYYY-MM') as month, p.legal_area_code, r.member_state,
      count(*) filter (where p.kind in ('REQUEST', 'SOLVIT_CASE')),
      count(*) filter (where p.kind in ('REQUEST', 'SOLVIT_CASE') and r.accepted_at <= p.sent_at + interval '7 days'),
      percentile_cont(0.5) within group (order by extract(epoch from r.accepted_at - p.sent_at) / 86400) filter (where p.kind in ('REQUEST', 'SOLVIT_CASE') and r.accepted_at is not null),
      percentile_cont(0.5) within group (order by extract(epoch from p.first_answered_at - p.sent_at) / 86400) filter (where p.kind in ('REQUEST', 'SOLVIT_CASE') and p.first_answered_at is not null),
      count(*) filter (where p.closed_at is not null), count(*) filter (where p.blocked_at is not null),
      count(*) filter (where p.personal_data_deleted_at is not null), count(*) filter (where p.kind = 'ALERT')
    from procedures p
    cross join lateral (select au.member_state, min(pa.accepted_at) as accepted_at from participants pa join authorities au on au.id = pa.authority_id
      where pa.procedure_id = p.id and pa.forwarded_at is null and pa.part <> 'INITIATOR'
        ${scope.memberState ? sql`and au.member_state = ${scope.memberState}` : sql``}
      group by au.member_state) r
    where p.sent_at >= ${scope.from.toISOString()}::timestamptz and p.sent_at < ${scope.to.toISOString()}::timestamptz
    group by 1, 2, 3`;
}

export async function benchStatistics(log: (line: string) => void = console.log): Promise<StatisticsBench> {
  const serverUrl = await postgresServerUrl();
  const created = serverUrl ? await createServerDatabase(serverUrl, "statistics") : undefined;
  const handle = await openDatabase({ url: created?.url, pgliteDir: "memory://", maxConnections: 2 });
  const n = Number(process.env.BENCH_STATISTICS_ROWS ?? (serverUrl ? 1_000_000 : 100_000));
  try {
    await handle.migrate();
    const db = handle.db;
    const seedStart = performance.now();
    await db.execute(sql`insert into authorities (name, member_state, contact_email, postal_address, dpo_name, dpo_email)
      select 'Authority ' || s || ' ' || i, s, 'a@x.example', 'Street', 'DPO', 'dpo@x.example'
      from unnest(${`{${STATES.join(",")}}`}::text[]) s, generate_series(1, 3) i`);
    await db.execute(sql`create temporary table bench_authorities as select row_number() over (order by id) - 1 as k, id from authorities`);
    const authorityCount = STATES.length * 3;
    const batch = 250_000;
    for (let offset = 0; offset < n; offset += batch) {
      const size = Math.min(batch, n - offset);
      // Sent over the 60 months before END; 10% alerts, 5% SOLVIT cases; 80% of requests accepted within 0-14 days,
      // 60% answered 0-30 days later, half closed, a quarter blocked, an eighth deleted.
      await db.execute(sql`with g as (
          select i, random() as r1, random() as r2, random() as r3, random() as r4,
            -- In send order, as a live table fills (a random order would make every month's rows scattered over
            -- the whole heap, which production data is not), with a few hours of jitter.
            ${END.toISOString()}::timestamptz - ((${n}::int - i)::float8 / ${n}::int * 1826 + random() * 0.2) * interval '1 day' as sent_at
          from generate_series(${offset + 1}::int, ${offset + size}::int) i
        ), p as (
          insert into procedures (reference, kind, legal_area_code, subject, status, initiator_authority_id, created_at, sent_at, last_activity_at,
            first_answered_at, closed_at, blocked_at, personal_data_deleted_at)
          select 'B-' || i,
            (case when r1 < 0.10 then 'ALERT' when r1 < 0.15 then 'SOLVIT_CASE' else 'REQUEST' end)::procedure_kind,
            (array['SERVICES','PROFESSIONAL_QUALIFICATIONS','PATIENTS_RIGHTS','EURO_CASH_TRANSPORT','SOLVIT','POSTING_OF_WORKERS'])[1 + (i % 6)],
            'Bench', (case when r4 < 0.5 then 'CLOSED' else 'SENT' end)::procedure_status,
            (select id from bench_authorities where k = i % ${authorityCount}::int), sent_at - interval '1 day', sent_at, sent_at,
            case when r1 >= 0.10 and r2 < 0.48 then sent_at + (r2 * 30 + 1) * interval '1 day' end,
            case when r4 < 0.5 then sent_at + interval '60 days' end,
            case when r4 < 0.25 then sent_at + interval '300 days' end,
            case when r4 < 0.125 then sent_at + interval '1200 days' end
          from g returning id, kind, sent_at, reference
        )
        insert into participants (procedure_id, authority_id, part, added_at, accepted_at)
        select p.id, (select id from bench_authorities where k = (substr(p.reference, 3)::int * 7 + 1) % ${authorityCount}::int), 'RESPONDER', p.sent_at,
          case when random() < 0.8 then p.sent_at + random() * 14 * interval '1 day' end
        from p`);
    }
    const legal = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from legal_areas`));
    // As autovacuum would leave a table that filled: statistics and the visibility map (index-only scans).
    await db.execute(sql`vacuum analyze procedures`);
    await db.execute(sql`vacuum analyze participants`);
    await db.execute(sql`vacuum analyze authorities`);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    log(`seeded ${n.toLocaleString("en")} procedures (${legal[0]?.n} legal areas) in ${seedSeconds.toFixed(1)} s`);

    const repo = new StatisticsRepository(db);
    const monthsBefore = (m: number) => new Date(Date.UTC(END.getUTCFullYear(), END.getUTCMonth() - m, 1));
    const cases: { name: string; scope: StatisticsScope }[] = [
      { name: "12 months, all states (Commission)", scope: { from: monthsBefore(12), to: END } },
      { name: "12 months, one state (coordinator)", scope: { from: monthsBefore(12), to: END, memberState: "DK" } },
      { name: "60 months, all states", scope: { from: monthsBefore(60), to: END } },
    ];
    const time = async (run: () => Promise<unknown>) => {
      await run();
      const xs: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        await run();
        xs.push(performance.now() - t);
      }
      return median(xs);
    };
    const lines: string[] = [];
    for (const c of cases) {
      const ours = await time(() => repo.cells(c.scope));
      const base = await time(() => db.execute(baselineStatement(c.scope)));
      const cells = (await repo.cells(c.scope)).length;
      const line = `${c.name}: ${ours.toFixed(0)} ms (${cells} cells), hand-written baseline ${base.toFixed(0)} ms, ratio ${(ours / base).toFixed(2)}×`;
      lines.push(line);
      log(line);
    }
    const explained = rowsOf<Record<string, string>>(await db.execute(sql`explain ${statisticsStatement(cases[0]!.scope)}`));
    const plan = explained.map((r) => Object.values(r)[0]).join("\n");
    const seqScanOfProcedures = /Seq Scan on (procedures|participants)/.test(plan);
    log(`12-month plan: ${seqScanOfProcedures ? "a SEQUENTIAL SCAN of procedures or participants" : "procedures and participants read by index"}`);
    return { driver: created ? "postgres" : "pglite", procedures: n, seedSeconds, lines, plan, seqScanOfProcedures };
  } finally {
    await handle.close();
    await created?.drop();
  }
}

export function renderStatistics(bench: StatisticsBench): string {
  return `\n## Statistics from the shells (issue 18)\n\n${bench.procedures.toLocaleString("en")} procedures on ${bench.driver} (seeded in ${bench.seedSeconds.toFixed(0)} s), median of 5 runs:\n\n${bench.lines.map((l) => `- ${l}`).join("\n")}\n\nPlan of the 12-month statement (${bench.seqScanOfProcedures ? "a sequential scan of procedures or participants" : "procedures and participants read by their covering indexes, no sequential scan of either table"}):\n\n\`\`\`\n${bench.plan}\n\`\`\`\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const bench = await benchStatistics((line) => console.log(`[bench:statistics] ${line}`));
  console.log(renderStatistics(bench));
}
