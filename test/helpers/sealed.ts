import type { Executor } from "../../src/db/database.js";
import { openRows, type SealedTable } from "../../src/db/personal-crypto/sealed-rows.js";

export * from "../../src/db/personal-crypto/sealed-tables.js";

/**
 * Rows read straight from a table that holds sealed personal data (R-RETAIN-3 crypto-shredding), opened
 * as the repositories open them: tests that check what was stored compare plaintext.
 */
export async function opened<Row>(db: Executor, spec: SealedTable<Row>, rows: Promise<Row[]> | Row[]): Promise<Row[]> {
  return openRows(db, spec, await rows);
}
