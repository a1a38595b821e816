import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * R-RETAIN-3 crypto-shredding (src/db/personal-crypto/): one data key per owner of personal data (a
 * procedure, a data subject), wrapped by the master key (PERSONAL_DATA_MASTER_KEY). Every sealed
 * value in data_subjects, sensitive_records, messages, legal_persons, confidentiality_flags and
 * contestations is encrypted under its owner's key; deleting the personal data deletes the key in
 * the same transaction, so what stays in table files, WAL and backups cannot be read.
 *
 * HASH-PARTITIONED on owner_id into 128 partitions (migration 0017, hand-written: drizzle-kit has no
 * partitioning): at 1M procedures each partition holds a few MB, so step 7 (modules/retention/residue.ts)
 * can rewrite (VACUUM FULL) each partition that lost keys in well under a batch's 250 ms, and no file
 * keeps a destroyed key, even wrapped.
 *
 * Row-level security (db/rls/policies.sql.ts): the API's role reads, changes and deletes a key only
 * where it may read its owner's personal data; the retention job's role deletes here and VACUUM
 * FULLs its partitions (residue.ts). The owner id 00000000-0000-0000-0000-000000000001 holds the key
 * of the national-identifier search index (sealed-rows.ts): read by the API's role, never changed
 * by it, never deleted. On PostgreSQL outside production 00000000-0000-0000-0000-000000000002 holds
 * the development master key (master-key.resolve.ts), which the API's role cannot read.
 */
export const personalDataKeys = pgTable("personal_data_keys", {
  ownerId: uuid("owner_id").primaryKey(),
  /** `k1:<master key id>:<base64>` (personal-crypto/cipher.ts): only ever the wrapped key. */
  wrapped: text("wrapped").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});

/**
 * The key partitions that lost keys since step 7 last rewrote them: written by every deletion in
 * its own transaction, read and cleared by step 7 after each rewrite. Partition names only.
 */
export const personalDataKeyShreds = pgTable("personal_data_key_shreds", {
  partition: text("partition").primaryKey(),
  shreddedAt: timestamp("shredded_at", { withTimezone: true }).notNull(),
});
