import { getTableColumns, sql, type SQL } from "drizzle-orm";
import type { Database } from "../database.js";
import { rowsOf } from "../rows.js";
import { isSealed } from "./cipher.js";
import { identifierIndex, sealForUpdate, type SealedTable } from "./sealed-rows.js";
import { SEALED_TABLES } from "./sealed-tables.js";

/**
 * R-RETAIN-3 upgrade step: a database written before sealing holds plaintext personal data. The
 * server seals it at start, before it serves (main.ts), in batches of `batchSize` rows, one
 * transaction each, each first locking the batch's procedures as every writer does (so a deletion
 * running on another replica either deleted the rows already or waits, and never leaves a key
 * behind). Idempotent: a killed start leaves the rest to the next one. Chosen over refusing to start
 * because an operator cannot seal by hand; the plaintext's old row versions stay in the table files
 * until rewritten, which docs/deployment.md asks the operator to do once (VACUUM FULL in a window).
 *
 * Reads of unsealed values still work meanwhile (sealed-rows.ts passes them through).
 */

/** The SQL of the procedure a row belongs to, per table (`t` is the row). */
const PROCEDURE_OF: Record<string, SQL> = {
  data_subjects: sql`t.procedure_id`,
  sensitive_records: sql`(select ds.procedure_id from data_subjects ds where ds.id = t.data_subject_id)`,
  messages: sql`t.procedure_id`,
  legal_persons: sql`t.procedure_id`,
  confidentiality_flags: sql`t.procedure_id`,
  contestations: sql`t.procedure_id`,
};

function columnNames(spec: SealedTable<unknown>): { property: string; name: string }[] {
  const columns = getTableColumns(spec.drizzle) as Record<string, { name: string }>;
  return Object.keys(spec.columns).map((property) => ({ property, name: columns[property]!.name }));
}

/** A row is unsealed when one of its sealed columns holds a value without the prefix. */
function unsealedPredicate(spec: SealedTable<unknown>): SQL {
  const tests = columnNames(spec).map(({ property, name }) =>
    spec.columns[property as never] === "json"
      ? // A JSON null holds nothing to seal (and reads as null): selected, it would come back every batch.
        sql`(jsonb_typeof(t.${sql.identifier(name)}) <> 'null' and (jsonb_typeof(t.${sql.identifier(name)}) <> 'string' or t.${sql.identifier(name)} #>> '{}' not like 'v1:%'))`
      : sql`(t.${sql.identifier(name)} is not null and t.${sql.identifier(name)} not like 'v1:%')`,
  );
  return sql.join(tests, sql` or `);
}

export async function sealLegacyRows(db: Database, batchSize = 500): Promise<number> {
  let sealed = 0;
  for (const spec of SEALED_TABLES as readonly SealedTable<unknown>[]) {
    const table = sql.identifier(spec.table);
    for (;;) {
      const done = await db.transaction(async (tx) => {
        const ids = rowsOf<{ id: string; procedure_id: string }>(
          await tx.execute(sql`select t.id::text, ${PROCEDURE_OF[spec.table]!}::text as procedure_id from ${table} t
            where ${unsealedPredicate(spec)} order by t.id limit ${batchSize}`),
        );
        if (ids.length === 0) return 0;
        // As every writer: the procedures first, then the rows (a deletion holds them in that order).
        await tx.execute(sql`select 1 from procedures where id = any(${`{${[...new Set(ids.map((r) => r.procedure_id))].join(",")}}`}::uuid[])
          order by id for update`);
        const rows = (await tx.select().from(spec.drizzle).where(sql`id = any(${`{${ids.map((r) => r.id).join(",")}}`}::uuid[])`)) as Record<string, unknown>[];
        for (const row of rows) {
          const values: Record<string, unknown> = {};
          for (const column of Object.keys(spec.columns)) {
            const value = row[column];
            if (value !== null && value !== undefined && !isSealed(value)) values[column] = value;
          }
          // Sealed meanwhile by another replica starting too (read before the lock): nothing left.
          if (Object.keys(values).length === 0) continue;
          const update = await sealForUpdate(tx, spec, spec.owner(row), values);
          if (spec.table === "data_subjects" && typeof values.nationalIdentifier === "string") {
            update.nationalIdentifierIndex = await identifierIndex(tx, values.nationalIdentifier);
          }
          await tx.update(spec.drizzle).set(update).where(sql`id = ${row.id as string}::uuid`);
        }
        return rows.length || ids.length;
      });
      sealed += done;
      if (done < batchSize) break;
    }
  }
  return sealed;
}
