import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { PersonalDataKeys } from "../../src/db/personal-crypto/key-store.js";
import { rowsOf } from "../../src/db/rows.js";
import { RESIDUE_ACTION, ResidueCleaner } from "../../src/modules/retention/residue.js";
import { createTestDatabase, DRIVERS } from "../helpers/database.js";

/**
 * Found from outside (fault run): replicas connected as the documented application role are not the
 * tables' owner. PostgreSQL then skips VACUUM FULL with a warning, yet step 7 cleared its record of
 * the shredded key partitions (a destroyed key stayed in its file, and the deleted data could be
 * decrypted with the master key), and its PGlite-only WAL step failed every later run (42501).
 */
describe.skipIf(!DRIVERS.includes("postgres"))("step 7 run by a role that does not own the tables (PostgreSQL)", () => {
  it("R-RETAIN-3 a key partition the role may not rewrite stays recorded as shredded, the run does not fail, and the audit event says what is left", { timeout: 120_000 }, async () => {
    const db = await createTestDatabase("postgres");
    try {
      const keys = new PersonalDataKeys(db.db);
      const owners = Array.from({ length: 5 }, () => randomUUID());
      for (const owner of owners) await keys.forWriting(owner);
      await db.db.transaction((tx) => new PersonalDataKeys(tx).destroy(owners));
      const shredded = async () =>
        rowsOf<{ n: number }>(await db.db.execute(sql`select count(*)::int as n from personal_data_key_shreds`))[0]!.n;
      const before = await shredded();
      expect(before).toBeGreaterThan(0);

      // VACUUM cannot run inside a transaction block: the session itself takes the role.
      const result = await db.db.transaction(async (tx) => {
        await tx.execute(sql`set local role imi_system`);
        const [who] = rowsOf<{ superuser: string }>(await tx.execute(sql`select current_setting('is_superuser') as superuser`));
        expect(who!.superuser).toBe("off");
        return new ResidueCleaner(tx).pending();
      });
      expect(result).toBe(true);

      await db.db.execute(sql`set role imi_system`);
      try {
        // Step 7 waits for every transaction older than the deletion to end, and the snapshot's xmin
        // is the cluster's: CI's other PostgreSQL suites run beside this one, on other databases of the
        // same server (the last CI's run deferred the step after 5 s, ran: false).
        const cleared = await new ResidueCleaner(db.db).clear("not-owner-test", new Date(), { snapshotWaitMs: 60_000 });
        expect(cleared.ran).toBe(true);
        expect(cleared.keyPartitions).toEqual([]);
        expect(cleared.notPermitted.filter((name) => name.startsWith("personal_data_keys_p"))).toHaveLength(before);
        expect(cleared.walRemoved).toBe(false);
      } finally {
        await db.db.execute(sql`reset role`);
      }
      expect(await shredded()).toBe(before);
      const [event] = rowsOf<{ ground: string }>(
        await db.db.execute(sql`select ground from audit_events where action = ${RESIDUE_ACTION} order by id desc limit 1`),
      );
      expect(event!.ground).toMatch(/NOT rewritten, this role does not own them/);
    } finally {
      await db.dispose();
    }
  });
});
