import { count, eq, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Database } from "../../src/db/database.js";
import { procedures } from "../../src/db/schema/index.js";

/** Rows of a table matching a condition: to prove a refused mutation changed nothing. */
export async function countRows(db: Database, table: PgTable, where?: SQL): Promise<number> {
  const [row] = await db.select({ n: count() }).from(table).where(where);
  return row?.n ?? 0;
}

export function proceduresOf(db: Database, authorityId: string): Promise<number> {
  return countRows(db, procedures, eq(procedures.initiatorAuthorityId, authorityId));
}
