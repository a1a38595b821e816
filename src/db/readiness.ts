import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { MIGRATIONS_FOLDER } from "./client.js";
import type { Database } from "./database.js";
import { rowsOf } from "./rows.js";

/** The migrations drizzle/ holds: the entries of its journal. */
async function expectedMigrations(): Promise<number> {
  const journal = JSON.parse(await readFile(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
  return journal.entries.length;
}

/**
 * How long /readyz waits for the database. Its two statements take milliseconds on a live database;
 * unbounded, it waited behind postgres.js' reconnect delays and took 11.5 s at recovery (issue 12,
 * finding 5). A probe's own timeout should be above this (3 s or more).
 */
export const READINESS_TIMEOUT_MS = 2000;

/** /readyz: the database answers `select 1` and has applied every migration of drizzle/ (drizzle.__drizzle_migrations), within READINESS_TIMEOUT_MS. */
export async function isReady(db: Database, timeoutMs = READINESS_TIMEOUT_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([migrated(db), late]);
  } finally {
    clearTimeout(timer);
  }
}

async function migrated(db: Database): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    const [row] = rowsOf<{ applied: number | string }>(await db.execute(sql`select count(*)::int as applied from drizzle.__drizzle_migrations`));
    return Number(row?.applied ?? 0) >= (await expectedMigrations());
  } catch {
    return false;
  }
}
