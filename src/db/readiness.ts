import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { MIGRATIONS_FOLDER } from "./client.js";
import type { Database } from "./database.js";

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** The migrations drizzle/ holds: the entries of its journal. */
async function expectedMigrations(): Promise<number> {
  const journal = JSON.parse(await readFile(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
  return journal.entries.length;
}

/** /readyz: the database answers `select 1` and has applied every migration of drizzle/ (drizzle.__drizzle_migrations). */
export async function isReady(db: Database): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    const [row] = rowsOf<{ applied: number | string }>(await db.execute(sql`select count(*)::int as applied from drizzle.__drizzle_migrations`));
    return Number(row?.applied ?? 0) >= (await expectedMigrations());
  } catch {
    return false;
  }
}
