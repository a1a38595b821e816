import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { loadDatabaseConfig } from "../../src/config.js";
import { rowsOf } from "../../src/db/rows.js";
import type { Database } from "../../src/db/database.js";

/**
 * drizzle's statements are prepared on PostgreSQL (src/db/prepared-statements.ts), so that PostgreSQL
 * caches their plans instead of planning each execution, which under the row policies was most of a
 * statement's cost (bench/results.md section 12); DATABASE_PREPARE=off keeps them unnamed for a pooler
 * that cannot carry them. Checked in the connection's own pg_prepared_statements (statements with
 * parameters: postgres.js sends one without any by the simple protocol, never prepared). PostgreSQL only.
 */
const SERVER = process.env.TEST_DATABASE_URL;

async function preparedProbes(db: Database, marker: string): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from pg_prepared_statements where statement like ${`%${marker}%`} and statement not like '%pg_prepared_statements%'`),
  );
  return row?.n ?? 0;
}

describe.skipIf(!SERVER)("prepared statements (PostgreSQL)", () => {
  for (const prepare of [true, false]) {
    it(`with DATABASE_PREPARE ${prepare ? "on (the default)" : "off"}, a statement ${prepare ? "is" : "is not"} prepared, outside a transaction and inside one and its savepoint`, async () => {
      const handle = await openDatabase({ url: SERVER!, maxConnections: 1, prepareStatements: prepare });
      try {
        const marker = `imi_prepared_probe_${prepare ? "on" : "off"}_${Date.now()}`;
        await handle.db.execute(sql`select ${1}::int as ${sql.raw(`${marker}_plain`)}`);
        await handle.db.transaction(async (tx) => {
          await tx.execute(sql`select ${2}::int as ${sql.raw(`${marker}_tx`)}`);
          await tx.transaction(async (inner) => void (await inner.execute(sql`select ${3}::int as ${sql.raw(`${marker}_savepoint`)}`)));
        });
        expect(await preparedProbes(handle.db, marker)).toBe(prepare ? 3 : 0);
      } finally {
        await handle.close();
      }
    });
  }

  it("DATABASE_PREPARE defaults to on and takes on/off", () => {
    expect(loadDatabaseConfig({}).databasePrepare).toBe(true);
    expect(loadDatabaseConfig({ DATABASE_PREPARE: "off" }).databasePrepare).toBe(false);
    expect(() => loadDatabaseConfig({ DATABASE_PREPARE: "maybe" })).toThrow(/DATABASE_PREPARE/);
  });
});
