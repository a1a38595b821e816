import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "../database.js";
import { rowsOf } from "../rows.js";
import { newDataKey, unwrapKey, wrapKey } from "./cipher.js";
import { masterKeys } from "./master-keys.js";

/**
 * R-RETAIN-3 crypto-shredding: the data keys of personal data, one per owner (a procedure, a data
 * subject), wrapped by the master key, in `personal_data_keys` (schema/personal-data-keys.ts).
 * Deleting an owner's personal data deletes its key in the same transaction; what stays behind in
 * table files, WAL and backups is ciphertext nobody can open any more.
 *
 * No cache: every call reads the keys it needs in one statement and the caller drops them with its
 * rows, so a key destroyed by a deletion on another replica is never used again here.
 */
export class PersonalDataKeys {
  constructor(private readonly db: Executor) {}

  /** The unwrapped keys of the owners that have one (one statement for the lot). */
  async load(ownerIds: readonly string[]): Promise<Map<string, Buffer>> {
    const unique = [...new Set(ownerIds)];
    const keys = new Map<string, Buffer>();
    if (unique.length === 0) return keys;
    const rows = rowsOf<{ owner_id: string; wrapped: string }>(
      await this.db.execute(sql`select owner_id::text, wrapped from personal_data_keys where owner_id = any(${`{${unique.join(",")}}`}::uuid[])`),
    );
    const master = masterKeys().byId;
    for (const row of rows) keys.set(row.owner_id, unwrapKey(master, row.owner_id, row.wrapped));
    return keys;
  }

  /**
   * The owner's key, created when it has none. Writers call this inside their transaction after
   * locking the procedure and finding its personal data not deleted (procedure.service.ts `act`), so a
   * key is never created for an owner whose deletion committed first.
   */
  async forWriting(ownerId: string): Promise<Buffer> {
    const fresh = newDataKey();
    // One statement: the new key if this call created it, else the one there (one round trip on the
    // request path; bench/retention-crypto-cost.ts).
    const [row] = rowsOf<{ wrapped: string; created: boolean }>(
      await this.db.execute(sql`with created as (
          insert into personal_data_keys (owner_id, wrapped, created_at)
          values (${ownerId}::uuid, ${wrapKey(masterKeys().current, ownerId, fresh)}, now())
          on conflict (owner_id) do nothing returning wrapped
        )
        select wrapped, true as created from created
        union all select wrapped, false from personal_data_keys where owner_id = ${ownerId}::uuid
        limit 1`),
    );
    if (row?.created === true) return fresh;
    if (row) return unwrapKey(masterKeys().byId, ownerId, row.wrapped);
    // Created by a transaction that committed while this statement waited on it: read it now.
    const existing = (await this.load([ownerId])).get(ownerId);
    if (!existing) throw new Error("a personal-data key vanished while being written");
    return existing;
  }

  /**
   * Destroys the owners' keys; their partitions are recorded for step 7 to rewrite
   * (personal_data_key_shreds), in the same transaction.
   */
  async destroy(ownerIds: readonly string[]): Promise<void> {
    if (ownerIds.length === 0) return;
    await this.db.execute(sql`with ${destroyKeysSql("d_keys", sql`${`{${[...new Set(ownerIds)].join(",")}}`}::uuid[]`)} select 1`);
  }
}

/**
 * The CTEs that delete the keys of `owners` (an SQL uuid[]) and record the partitions they were in,
 * for statements that delete personal data set-based (retention.repository.ts): `<name>` and
 * `<name>_shreds`. The keys go in the same statement, so in the same transaction, as the rows.
 */
export function destroyKeysSql(name: string, owners: SQL): SQL {
  const keys = sql.raw(name);
  const shreds = sql.raw(`${name}_shreds`);
  // A join, not `= any(array)`: with the array computed at run time no partition is pruned and every
  // one of the 128 is probed with the whole array (1,500 keys: 150 ms against 6 ms, bench/results.md 6d).
  return sql`${keys} as (delete from personal_data_keys k using unnest(${owners}) o(id) where k.owner_id = o.id returning k.tableoid),
    ${shreds} as (insert into personal_data_key_shreds (partition, shredded_at)
      -- One row per partition: several keys of a batch share one (ON CONFLICT may touch a row once).
      select d.partition, clock_timestamp() from (select distinct tableoid::regclass::text as partition from ${keys}) d
      on conflict (partition) do update set shredded_at = excluded.shredded_at)`;
}
