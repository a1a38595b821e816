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
   * Of these owners, those whose personal data is deleted: a data subject that no longer exists, a
   * procedure whose personal data was deleted (R-RETAIN-3, R-RETAIN-6). A reader that found a sealed
   * row and then no key for it lost a race with that deletion (each statement of a request sees what
   * had committed when it began), not a row that outlived its key.
   */
  async deletedOwners(ownerIds: readonly string[]): Promise<Set<string>> {
    const unique = [...new Set(ownerIds)];
    if (unique.length === 0) return new Set();
    const rows = rowsOf<{ id: string }>(
      await this.db.execute(sql`select o.id::text as id from unnest(${`{${unique.join(",")}}`}::uuid[]) o(id)
        where not exists (select 1 from data_subjects ds where ds.id = o.id)
          and not exists (select 1 from procedures p where p.id = o.id and p.personal_data_deleted_at is null)`),
    );
    return new Set(rows.map((row) => row.id));
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
   * A key for an owner this transaction is about to create (a data subject, given its id by
   * sealForInsert just now): inserted, never read back. The API's role reads no key whose owner it
   * cannot read (R-RETAIN-3, db/rls/policies.sql.ts), and until the owner's row exists that is every
   * viewer's, so `forWriting`'s INSERT … RETURNING would be refused. The id is fresh: no key can be there.
   */
  async forNewOwner(ownerId: string): Promise<Buffer> {
    const fresh = newDataKey();
    await this.db.execute(sql`insert into personal_data_keys (owner_id, wrapped, created_at)
      values (${ownerId}::uuid, ${wrapKey(masterKeys().current, ownerId, fresh)}, now())`);
    return fresh;
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
 * A statement that destroys keys in more than one CTE uses `deleteKeysSql` for each and ONE
 * `recordShredsSql` over them all (see there why).
 */
export function destroyKeysSql(name: string, owners: SQL): SQL {
  return sql`${deleteKeysSql(name, owners)}, ${recordShredsSql(`${name}_shreds`, [name])}`;
}

/** CTE `<name>`: deletes the keys of `owners` (an SQL uuid[]), returning the partition (tableoid) of each. */
export function deleteKeysSql(name: string, owners: SQL): SQL {
  // A join, not `= any(array)`: with the array computed at run time no partition is pruned and every
  // one of the 128 is probed with the whole array (1,500 keys: 150 ms against 6 ms, bench/results.md 6d).
  return sql`${sql.raw(name)} as (delete from personal_data_keys k using unnest(${owners}) o(id) where k.owner_id = o.id returning k.tableoid)`;
}

/**
 * CTE `<name>`: records, for step 7, the partitions of the keys deleted by the CTEs `keyCtes`, each
 * partition once. One INSERT per statement: ON CONFLICT DO UPDATE may touch a row once per command,
 * and two inserts in one statement are one command, so a second INSERT (or a second row of one)
 * naming a partition the first recorded fails with SQLSTATE 21000 on every run (seen when a
 * procedure's key and a single data subject's key of one early-deletion batch share a partition).
 */
export function recordShredsSql(name: string, keyCtes: readonly string[]): SQL {
  if (keyCtes.length === 0) throw new Error("recordShredsSql needs at least one key CTE");
  const deleted = sql.raw(keyCtes.map((cte) => `select tableoid from ${cte}`).join(" union all "));
  return sql`${sql.raw(name)} as (insert into personal_data_key_shreds (partition, shredded_at)
      select d.partition, clock_timestamp() from (select distinct tableoid::regclass::text as partition from (${deleted}) k) d
      on conflict (partition) do update set shredded_at = excluded.shredded_at)`;
}
