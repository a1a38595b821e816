import { sql } from "drizzle-orm";
import type { Database } from "../../src/db/database.js";
import { rowsOf } from "../../src/db/rows.js";

/** The URL of the PostgreSQL test database `db` is on, for a second connection of its own. */
export async function databaseUrl(db: Database): Promise<string> {
  const [row] = rowsOf<{ name: string }>(await db.execute(sql`select current_database() as name`));
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${row!.name}`;
  return url.toString();
}

/** Resolves once a backend of this database waits for a lock that `pid` holds. */
export async function untilBlockedBy(db: Database, pid: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const rows = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from pg_stat_activity
        where datname = current_database() and ${pid}::int = any(pg_blocking_pids(pid))`),
    );
    if (Number(rows[0]!.n) > 0) return;
    if (Date.now() > deadline) throw new Error(`nothing waited for backend ${pid}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
