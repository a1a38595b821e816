import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "../../src/auth/viewer.js";
import { API_ROLE } from "../../src/db/rls/roles.js";
import { viewerSettingsSql } from "../../src/db/rls/request-scope.js";
import { TestApi } from "../helpers/api.js";
import { createTestDatabase, DRIVERS, type TestDatabase } from "../helpers/database.js";
import { WORLD_AUTHORITY_STATES, World, type TestUser } from "../helpers/world.js";

/**
 * Issue 14: the procedure list stays flat in data size. At 100,000 procedures on PostgreSQL, the
 * statements the server really sends for a page (captured by drizzle's logger while the API answers)
 * are EXPLAINed as the request runs them (API role, the viewer's settings), and none may read
 * procedures or participants by a sequential scan, nor sort: the page must walk a list index from
 * the cursor and stop at the page's end, the count stop at its bound. Plans, not timings.
 */
const PROCEDURES = 100_000;

const LIST = `query ListPlans($first: Int, $after: String, $filter: ProcedureFilter) {
  procedures(first: $first, after: $after, filter: $filter) {
    totalCount
    edges { cursor node { id } }
    pageInfo { endCursor hasNextPage }
  }
}`;

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Plan Rows"?: number;
  Plans?: PlanNode[];
}

function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

describe.runIf(DRIVERS.includes("postgres"))("procedure list plans at 100k procedures (postgres)", () => {
  let db: TestDatabase;
  let api: TestApi;
  let world: World;
  let capture: { query: string; params: unknown[] }[] | undefined;

  beforeAll(async () => {
    db = await createTestDatabase("postgres", { queryLogger: { logQuery: (query, params) => void capture?.push({ query, params }) } });
    api = await TestApi.create(db.db);
    world = await World.create(db.db, api);
    const a = world.authority;
    // One statement each: 100k procedures spread over four initiators, statuses, kinds and areas; an
    // initiator and a responder each; one in a hundred filed by the portal.
    await db.db.execute(sql`
      insert into procedures (reference, kind, legal_area_code, subject, status, initiator_authority_id, created_by_user_id, created_at, sent_at, last_activity_at)
      select 'IMI-2026-' || lpad(g::text, 7, '0'),
        (array['REQUEST','ALERT','NOTIFICATION','SOLVIT_CASE']::procedure_kind[])[1 + g % 4],
        (array['SERVICES','PROFESSIONAL_QUALIFICATIONS'])[1 + g % 2],
        'Subject ' || g,
        (array['SENT','ACCEPTED','ANSWERED','CLOSED']::procedure_status[])[1 + (g / 7) % 4],
        (array[${a.dk}::uuid, ${a.de}::uuid, ${a.fr}::uuid, ${a.dk2}::uuid])[1 + g % 4],
        case when g % 100 = 0 then ${world.user.portalDk.id}::uuid else null end,
        timestamptz '2024-01-01' + g * interval '10 minutes',
        timestamptz '2024-01-01' + g * interval '10 minutes',
        timestamptz '2024-01-01' + g * interval '10 minutes'
      from generate_series(1, ${PROCEDURES}) g`);
    await db.db.execute(sql`
      insert into participants (procedure_id, authority_id, part, added_at, accepted_at)
      select p.id, p.initiator_authority_id, 'INITIATOR'::participant_part, p.created_at, null::timestamptz from procedures p
      union all
      select p.id, case when p.initiator_authority_id = ${a.de}::uuid then ${a.fr}::uuid else ${a.de}::uuid end, 'RESPONDER'::participant_part, p.created_at, p.created_at from procedures p`);
    await db.db.execute(sql`analyze procedures`);
    await db.db.execute(sql`analyze participants`);
    // As autovacuum does after the world's authorities are written (migration 0026 sets the table's
    // analyze threshold to one changed row: by default a few dozen authorities are never analyzed, and
    // the coordinator's count was planned as a hash join over every procedure plus a sort).
    await db.db.execute(sql`analyze authorities`);
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    if (process.env.LIST_PLANS_KEEP) return void console.log(await db.db.execute(sql`select current_database()`));
    await db?.dispose();
  });

  function viewerOf(user: TestUser): Viewer {
    const key = (Object.keys(world.authority) as (keyof typeof world.authority)[]).find((k) => world.authority[k] === user.authorityId)!;
    return { userId: user.id, authorityId: user.authorityId, memberState: WORLD_AUTHORITY_STATES[key], roles: user.roles };
  }

  /** The list as `user` asks it, and the plans of the statements it sent that read procedures. */
  async function plansOf(user: TestUser, variables: Record<string, unknown>) {
    const token = await world.token(user);
    capture = [];
    const result = await api.executeText<{ procedures: { totalCount: number; edges: { cursor: string }[] } }>(LIST, variables, token);
    const sent = capture;
    capture = undefined;
    // The list itself answers; a field a role may not read (a portal on rows it filed for another
    // authority's procedure) is that field's error, not the list's.
    expect((result.errors ?? []).filter((e) => e.path?.length === 1)).toEqual([]);
    expect(result.data?.procedures).toBeTruthy();
    const lists = sent.filter((s) => /^select/i.test(s.query) && /from "procedures"/.test(s.query));
    expect(lists.length).toBeGreaterThanOrEqual(2); // the page and its count
    const plans: { query: string; nodes: PlanNode[] }[] = [];
    for (const statement of lists) {
      await db.db
        .transaction(async (tx) => {
          await tx.execute(viewerSettingsSql(API_ROLE, { viewer: viewerOf(user), now: api.clock.now() }));
          const explained = (await tx.execute(sql`explain (format json) ${sql.raw(inline(statement.query, statement.params))}`)) as unknown;
          const rows = (Array.isArray(explained) ? explained : (explained as { rows: unknown[] }).rows) as { "QUERY PLAN": [{ Plan: PlanNode }] }[];
          plans.push({ query: statement.query, nodes: nodesOf(rows[0]!["QUERY PLAN"][0].Plan) });
          throw new Done();
        })
        .catch((error: unknown) => {
          if (!(error instanceof Done)) throw error;
        });
    }
    return { result: result.data!.procedures, plans };
  }

  function expectFlat(plans: { query: string; nodes: PlanNode[] }[]) {
    for (const { query, nodes } of plans) {
      if (process.env.LIST_PLANS_DEBUG) console.log(query, nodes.map((n) => `${n["Node Type"]} ${n["Relation Name"] ?? ""} ${(n as { "Index Name"?: string })["Index Name"] ?? ""}`));
      const seqScans = nodes.filter((n) => n["Node Type"] === "Seq Scan" && ["procedures", "participants"].includes(n["Relation Name"] ?? ""));
      const sorts = nodes.filter((n) => n["Node Type"] === "Sort" || n["Node Type"] === "Incremental Sort");
      expect(seqScans.map((n) => n["Relation Name"]), query).toEqual([]);
      expect(sorts.map((n) => n["Node Type"]), query).toEqual([]);
    }
  }

  const cases: [string, (w: World) => TestUser, Record<string, unknown>][] = [
    ["a case handler, first page", (w) => w.user.handlerDk, { first: 50 }],
    ["the Commission, first page", (w) => w.user.helpdesk, { first: 50 }],
    ["a coordinator, first page (its member state sees half the rows)", (w) => w.user.coordinatorDk, { first: 50 }],
    ["a coordinator, filtered by status", (w) => w.user.coordinatorDk, { first: 50, filter: { status: "CLOSED" } }],
    ["a case handler, filtered by status", (w) => w.user.handlerDk, { first: 50, filter: { status: "ANSWERED" } }],
    ["a case handler, filtered by kind and legal area", (w) => w.user.handlerDk, { first: 50, filter: { kind: "ALERT", legalAreaCode: "PROFESSIONAL_QUALIFICATIONS" } }],
  ];

  it.each(cases)("%s: no sequential scan of procedures or participants, no sort; totalCount bounded", async (name, who, variables) => {
    const { result, plans } = await plansOf(who(world), variables);
    expectFlat(plans);
    expect(result.totalCount).toBeLessThanOrEqual(101);
  });

  it("authorities are analyzed after any change (migration 0026), so a coordinator's scope is estimated from statistics", async () => {
    const rows = (await db.db.execute(sql`select reloptions from pg_class where oid = 'authorities'::regclass`)) as unknown;
    const [row] = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { reloptions: string[] | null }[];
    expect(row!.reloptions).toEqual(expect.arrayContaining(["autovacuum_analyze_threshold=1", "autovacuum_analyze_scale_factor=0"]));
  });

  it("a deep page (after the 2,000th procedure) walks the index from the cursor: the same plans", async () => {
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const { result } = await plansOf(world.user.handlerDk, { first: 100, after });
      after = result.edges.at(-1)!.cursor;
    }
    const { result, plans } = await plansOf(world.user.handlerDk, { first: 50, after });
    expect(result.edges).toHaveLength(50);
    expectFlat(plans);
  }, 60_000);
});

class Done extends Error {}

/** The statement with its parameters written in as literals: EXPLAIN of a parameterised text needs them. */
function inline(query: string, params: unknown[]): string {
  return query.replace(/\$(\d+)/g, (_, n: string) => {
    const value = params[Number(n) - 1];
    if (value === null || value === undefined) return "null";
    if (typeof value === "number" || typeof value === "bigint") return String(value);
    const text = value instanceof Date ? value.toISOString() : String(value);
    return `'${text.replace(/'/g, "''")}'`;
  });
}
