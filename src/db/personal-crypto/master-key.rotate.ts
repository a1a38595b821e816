import { sql } from "drizzle-orm";
import type { Database } from "../database.js";
import { rowsOf } from "../rows.js";
import { unwrapKey, wrapKey } from "./cipher.js";
import { masterKeys } from "./master-keys.js";

/**
 * Master key rotation (docs/deployment.md): while PERSONAL_DATA_PREVIOUS_MASTER_KEYS is set, the server
 * re-wraps at start every key still wrapped by a previous master key under the current one, in batches
 * of one transaction each, then has step 7 rewrite every key partition (personal_data_key_shreds), so
 * that the files no longer hold the old wrapping. Idempotent; a killed start leaves the rest to the next.
 * The data keys themselves do not change, so no sealed value is touched.
 */
export async function rewrapUnderCurrentMasterKey(db: Database, batchSize = 1000): Promise<number> {
  const keys = masterKeys();
  if (keys.byId.size < 2) return 0;
  const current = sql`${`k1:${keys.currentId}:%`}`;
  let done = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const rows = rowsOf<{ owner_id: string; wrapped: string }>(
        await tx.execute(sql`select owner_id::text, wrapped from personal_data_keys
          where wrapped like 'k1:%' and wrapped not like ${current} limit ${batchSize} for update skip locked`),
      );
      for (const row of rows) {
        const key = unwrapKey(keys.byId, row.owner_id, row.wrapped);
        await tx.execute(sql`update personal_data_keys set wrapped = ${wrapKey(keys.current, row.owner_id, key)} where owner_id = ${row.owner_id}::uuid`);
      }
      return rows.length;
    });
    done += n;
    if (n < batchSize) break;
  }
  if (done > 0) {
    await db.execute(sql`insert into personal_data_key_shreds (partition, shredded_at)
      select i.inhrelid::regclass::text, clock_timestamp() from pg_inherits i where i.inhparent = 'personal_data_keys'::regclass
      on conflict (partition) do update set shredded_at = excluded.shredded_at`);
  }
  return done;
}
