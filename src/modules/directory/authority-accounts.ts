import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../db/database.js";
import { rowsOf } from "../../db/rows.js";

/**
 * Whether an authority holds an account of one of these roles (SQL over an authority id expression),
 * whoever asks: the database's yes or no (imi_rls.authority_holds_role, db/rls/accounts-audit.sql.ts),
 * since the users' rows themselves are only the viewer's scope of contact data (R-SEC-1). What an
 * authority is (a portal's, a supervisory one, the Commission's: pentest G1) is the directory's, not
 * a user's contact data.
 */
export function holdsRole(authorityId: SQL, roles: readonly string[]): SQL {
  return sql`imi_rls.authority_holds_role(${authorityId}, ${`{${roles.join(",")}}`}::text[])`;
}

export async function authorityHoldsRole(db: Executor, authorityId: string, roles: readonly string[]): Promise<boolean> {
  const [row] = rowsOf<{ holds: boolean }>(await db.execute(sql`select ${holdsRole(sql`${authorityId}::uuid`, roles)} as holds`));
  return row?.holds === true;
}
