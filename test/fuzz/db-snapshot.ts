import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { is, sql } from "drizzle-orm";
import type { Database } from "../../src/db/database.js";
import * as schema from "../../src/db/schema/index.js";
import { rowsOf } from "../../src/db/rows.js";

/** Per table: row count and a checksum of every row. */
export interface Snapshot {
  tables: Map<string, { rows: number; hash: string }>;
  /**
   * users without failed_login_count and locked_until: R-SEC-1 requires a refused login to count the
   * failure (five in a row lock the account), so a refused `login` may change those two and nothing else.
   */
  usersWithoutLoginCounters: string;
  /** The newest audit event: what a request appended is what lies above it. */
  lastAuditId: number;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Every table of the public schema, checked to hold every table of the drizzle schema. */
export async function snapshotter(db: Database): Promise<{ take(): Promise<Snapshot>; appendedAuditActions(since: number): Promise<string[]> }> {
  const names = rowsOf<{ name: string }>(await db.execute(sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`)).map(
    (r) => r.name,
  );
  const drizzleTables = (Object.values(schema) as unknown[]).flatMap((value) => (is(value, PgTable) ? [getTableConfig(value).name] : []));
  const missing = drizzleTables.filter((name) => !names.includes(name));
  if (missing.length > 0) throw new Error(`snapshot: tables of the drizzle schema not in the database: ${missing.join(", ")}`);
  const parts = names.map((name) =>
    // The audit log is append-only (triggers refuse UPDATE, DELETE and TRUNCATE): its count and newest
    // id tell every change, without hashing a table that grows with every read.
    name === "audit_events"
      ? `select '${name}' as name, count(*)::int as rows, coalesce(max(id), 0)::text as hash from audit_events`
      : `select '${name}' as name, count(*)::int as rows, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as hash from ${quote(name)} t`,
  );
  const query = sql.raw(
    `${parts.join(" union all ")} union all ` +
      `select '#users-without-login-counters', 0, md5(coalesce(string_agg((to_jsonb(u) - 'failed_login_count' - 'locked_until')::text, '|' order by u.id), '')) from users u ` +
      `union all select '#last-audit-id', coalesce(max(id), 0)::int, '' from audit_events`,
  );
  return {
    async take() {
      const rows = rowsOf<{ name: string; rows: number; hash: string }>(await db.execute(query));
      const tables = new Map<string, { rows: number; hash: string }>();
      let usersWithoutLoginCounters = "";
      let lastAuditId = 0;
      for (const row of rows) {
        if (row.name === "#users-without-login-counters") usersWithoutLoginCounters = row.hash;
        else if (row.name === "#last-audit-id") lastAuditId = Number(row.rows);
        else tables.set(row.name, { rows: Number(row.rows), hash: row.hash });
      }
      return { tables, usersWithoutLoginCounters, lastAuditId };
    },
    async appendedAuditActions(since: number) {
      return rowsOf<{ action: string }>(await db.execute(sql`select action from audit_events where id > ${since} order by id`)).map((r) => r.action);
    },
  };
}

/** Tables whose rows differ between two snapshots, except those listed. */
export function changedTables(before: Snapshot, after: Snapshot, except: string[] = []): string[] {
  const changed: string[] = [];
  for (const [name, b] of before.tables) {
    if (except.includes(name)) continue;
    const a = after.tables.get(name);
    if (!a || a.rows !== b.rows || a.hash !== b.hash) changed.push(`${name} (${b.rows} → ${a?.rows ?? "?"} rows)`);
  }
  return changed;
}
