import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role, Viewer } from "../../src/auth/viewer.js";
import { systemClock } from "../../src/clock.js";
import type { Transaction } from "../../src/db/database.js";
import { DEV_MASTER_KEY_OWNER } from "../../src/db/personal-crypto/master-key.resolve.js";
import { INDEX_KEY_OWNER } from "../../src/db/personal-crypto/sealed-rows.js";
import { GUARDED, REQUEST_PERSONAL_TABLES, type GuardedTable } from "../../src/db/rls/policies.sql.js";
import { viewerSettingsSql } from "../../src/db/rls/request-scope.js";
import { API_ROLE } from "../../src/db/rls/roles.js";
import { rowsOf } from "../../src/db/rows.js";
import { DEMO_USERS } from "../../src/db/seed/demo-ids.js";
import { seedDemoWorld } from "../../src/db/seed/demo-world.js";
import { createTestDatabase, DRIVERS, type TestDatabase } from "../helpers/database.js";

/**
 * R-SEC-1, the database's wall for writes: the API's role UPDATEs and DELETEs only the rows its read
 * policy shows. PostgreSQL applies a table's SELECT policy to an UPDATE or DELETE only when the
 * statement reads the table's columns (a WHERE, a RETURNING, a SET that names a column); a bare
 * `DELETE FROM personal_data_keys` as imi_api used to reach every procedure's keys (an outside
 * attacker's finding). Each statement here reads no column, runs as a request does (API_ROLE, the
 * viewer's settings transaction-locally) and is undone; what it touched is counted as the owner.
 *
 * R-RETAIN-3: the key table shows the API's role no key of an owner that does not exist, save the
 * national-identifier index key: not the development master key a non-production PostgreSQL keeps there.
 */
const DEFINED = new Map<string, Pick<GuardedTable, "update" | "updated" | "remove">>([
  ...GUARDED.flatMap(({ tables }) => tables.map((t) => [t.table, t] as const)),
  ...REQUEST_PERSONAL_TABLES.map((t) => [t.table, {}] as const),
]);
const TABLES = [...DEFINED.keys()];
/** The rows of a table the API's role may UPDATE or DELETE (SQL over the table), or false: none (policies.sql.ts GuardedTable). */
const changeable = (table: string, change: "update" | "remove"): false | string => {
  const extra = DEFINED.get(table)![change];
  return extra === false ? false : (extra ?? "true");
};

/** A constant for a column of each type, no column read: the first of these types a table has is set to it. */
const SENTINELS: [string, string][] = [
  ["timestamp with time zone", "'1999-12-31T00:00:00Z'::timestamptz"],
  ["bytea", "'\\xdeadbeef'::bytea"],
  ["text", "'undone'"],
];

/** A write refused outright: no privilege (never changed by a request), or the procedure guard's refusal (narrowed-tables.sql.ts). */
const REFUSED = -1;
const refusal = (error: unknown) => (/permission denied|row-level security/.test(String((error as { cause?: unknown }).cause ?? error)) ? REFUSED : Promise.reject(error));

class Undo extends Error {
  constructor(readonly value: number) {
    super("undo");
  }
}

/** `work`'s count, with everything it did undone (a savepoint rolled back). */
async function undone(tx: Transaction, work: (sp: Transaction) => Promise<number>): Promise<number> {
  return tx.transaction(async (sp) => {
    throw new Undo(await work(sp));
  }).then(
    () => Number.NaN,
    (error: unknown) => {
      if (error instanceof Undo) return error.value;
      throw error;
    },
  );
}

const count = async (tx: Transaction, query: string): Promise<number> => rowsOf<{ n: number }>(await tx.execute(sql.raw(`select count(*)::int as n from ${query}`)))[0]!.n;

describe.each(DRIVERS)("the API's role's writes on the demo world (%s)", (driver) => {
  let database: TestDatabase;
  const viewers: { name: string; viewer: Viewer | null }[] = [{ name: "no viewer", viewer: null }];
  const sentinel = new Map<string, { column: string; value: string }>();
  const orphanOwner = randomUUID();

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    await seedDemoWorld(database.db, systemClock, "development");
    // The development master key as master-key.resolve.ts keeps it (PostgreSQL outside production
    // without PERSONAL_DATA_MASTER_KEY), and a key whose owner never existed.
    await database.db.execute(sql`insert into personal_data_keys (owner_id, wrapped, created_at)
      values (${DEV_MASTER_KEY_OWNER}::uuid, 'dev:the-development-master-key', now()), (${orphanOwner}::uuid, 'k1:orphan', now())`);
    const users = rowsOf<{ id: string; email: string; authority_id: string; member_state: string; roles: Role[] | string }>(
      await database.db.execute(sql`select u.id, u.email, u.authority_id, a.member_state, u.roles from users u join authorities a on a.id = u.authority_id`),
    );
    for (const demo of DEMO_USERS) {
      const user = users.find((u) => u.email === demo.email)!;
      viewers.push({ name: demo.email, viewer: { userId: user.id, authorityId: user.authority_id, memberState: user.member_state, roles: [...demo.roles] } });
    }
    for (const table of TABLES) {
      const columns = rowsOf<{ column_name: string; data_type: string }>(
        // A column the API's role may change (procedures: the columns a request changes, narrowed-tables.sql.ts).
        await database.db.execute(sql`select column_name, data_type from information_schema.columns where table_schema = 'public' and table_name = ${table}
          and has_column_privilege(${API_ROLE}, format('%I', table_name)::regclass, column_name, 'UPDATE') order by ordinal_position`),
      );
      const found = SENTINELS.map(([type, value]) => ({ column: columns.find((c) => c.data_type === type)?.column_name, value })).find((s) => s.column);
      if (changeable(table, "update") === false) {
        const [first] = rowsOf<{ column_name: string }>(
          await database.db.execute(sql`select column_name from information_schema.columns where table_schema = 'public' and table_name = ${table} order by ordinal_position limit 1`),
        );
        sentinel.set(table, { column: first!.column_name, value: `"${first!.column_name}"` });
        if (found?.column) throw new Error(`${table} should have no column the API's role may change`);
        continue;
      }
      if (!found?.column) throw new Error(`no column of ${table} to set to a constant: add its type to SENTINELS`);
      sentinel.set(table, { column: found.column, value: found.value });
    }
  }, 180_000);

  afterAll(async () => {
    await database?.dispose();
  });

  /** `work` in a transaction as a request of `viewer` runs (API_ROLE, its settings), rolled back. */
  async function asViewer<T>(viewer: Viewer | null, work: (tx: Transaction) => Promise<T>): Promise<T> {
    let result!: T;
    await database.db
      .transaction(async (tx) => {
        await tx.execute(viewerSettingsSql(API_ROLE, { viewer, now: systemClock.now() }));
        result = await work(tx);
        throw new Undo(0);
      })
      .catch((error: unknown) => {
        if (!(error instanceof Undo)) throw error;
      });
    return result;
  }

  /** Back to the owner (the session's own role) for the rest of the savepoint: it counts every row. */
  const asOwner = (tx: Transaction) => tx.execute(sql`set local role none`);

  it("R-SEC-1: as each demo role, UPDATE and DELETE without WHERE on every guarded table touch exactly the rows the viewer reads", { timeout: 180_000 }, async () => {
    const totals = new Map<string, number>();
    for (const table of TABLES) totals.set(table, rowsOf<{ n: number }>(await database.db.execute(sql.raw(`select count(*)::int as n from "${table}"`)))[0]!.n);
    const seen: Record<string, Record<string, { read: number; updated: number; deleted: number }>> = {};
    const expected: typeof seen = {};
    let hidden = 0;
    for (const { name, viewer } of viewers) {
      seen[name] = {};
      expected[name] = {};
      await asViewer(viewer, async (tx) => {
        for (const table of TABLES) {
          const { column, value } = sentinel.get(table) ?? { column: "", value: "" };
          const read = await count(tx, `"${table}"`);
          const mayUpdate = changeable(table, "update");
          const mayDelete = changeable(table, "remove");
          const updated =
            mayUpdate === false
              ? await undone(tx, async (sp) => {
                  await sp.execute(sql.raw(`update "${table}" set "${column}" = ${value}`));
                  return 0;
                }).catch(refusal)
              : await undone(tx, async (sp) => {
                  await sp.execute(sql.raw(`update "${table}" set "${column}" = ${value}`));
                  await asOwner(sp);
                  return count(sp, `"${table}" where "${column}" = ${value}`);
                }).catch(refusal);
          const deleted = await undone(tx, async (sp) => {
            await sp.execute(sql.raw(`delete from "${table}"`));
            await asOwner(sp);
            return totals.get(table)! - (await count(sp, `"${table}"`));
          }).catch(refusal);
          // Of the rows it reads, those the table's update and delete conditions give it.
          // A row the update may reach but may not leave as it is (GuardedTable.updated: in another's name) refuses the statement.
          const reachable = mayUpdate === false ? 0 : await count(tx, `"${table}" where ${mayUpdate}`);
          const keptBy = DEFINED.get(table)!.updated;
          const leftAsAllowed = mayUpdate === false || !keptBy ? reachable : await count(tx, `"${table}" where ${mayUpdate} and ${keptBy}`);
          // Procedures and participations have guard triggers (narrowed-tables.sql.ts): a constant in a
          // timestamp column is no change of state, acceptance or forward the lifecycle makes.
          const guarded = (table === "procedures" || table === "participants") && reachable > 0;
          const expectedUpdated = mayUpdate === false || guarded || leftAsAllowed < reachable ? REFUSED : reachable;
          const expectedDeleted = mayDelete === false ? REFUSED : await count(tx, `"${table}" where ${mayDelete}`);
          seen[name]![table] = { read, updated, deleted };
          expected[name]![table] = { read, updated: expectedUpdated, deleted: expectedDeleted };
          hidden += totals.get(table)! - read;
        }
      });
    }
    expect(seen).toEqual(expected);
    // The demo world holds rows each viewer may not read: the comparison above means something.
    expect(hidden).toBeGreaterThan(0);
    for (const { name } of viewers.filter((v) => v.viewer)) {
      expect(TABLES.some((table) => seen[name]![table]!.read < totals.get(table)!), name).toBe(true);
    }
    // A case handler reads the personal data and keys of its own procedures, and changes the data
    // subjects of those it initiated (R-RECTIFY-1 a), never a message or a key.
    const handlerDe = seen["handler.de@imi.example"]!;
    expect(handlerDe.personal_data_keys!.read).toBeGreaterThan(0);
    expect(handlerDe.data_subjects!.updated).toBeGreaterThan(0);
    expect(handlerDe.data_subjects!.updated).toBeLessThanOrEqual(handlerDe.data_subjects!.read);
    expect([handlerDe.messages!.updated, handlerDe.messages!.deleted, handlerDe.personal_data_keys!.deleted]).toEqual([REFUSED, REFUSED, REFUSED]);
  });

  it("R-RETAIN-3: no viewer reads, changes or deletes the development master key or a key whose owner does not exist; every viewer reads the identifier index key", { timeout: 60_000 }, async () => {
    const owners = `'${DEV_MASTER_KEY_OWNER}', '${orphanOwner}'`;
    for (const { name, viewer } of viewers) {
      const result = await asViewer(viewer, async (tx) => ({
        read: await count(tx, `personal_data_keys where owner_id in (${owners})`),
        updated: await undone(tx, async (sp) => {
          await sp.execute(sql.raw(`update personal_data_keys set wrapped = 'forged'`));
          await asOwner(sp);
          return count(sp, `personal_data_keys where owner_id in (${owners}, '${INDEX_KEY_OWNER}') and wrapped = 'forged'`);
        }).catch(refusal),
        deleted: await undone(tx, async (sp) => {
          await sp.execute(sql.raw(`delete from personal_data_keys`));
          await asOwner(sp);
          return 3 - (await count(sp, `personal_data_keys where owner_id in (${owners}, '${INDEX_KEY_OWNER}')`));
        }).catch(refusal),
        index: await count(tx, `personal_data_keys where owner_id = '${INDEX_KEY_OWNER}'`),
      }));
      // No key is changed or deleted by a request at all (an erasure destroys one as the system use `rights`).
      expect(result, name).toEqual({ read: 0, updated: REFUSED, deleted: REFUSED, index: 1 });
    }
  });
});
