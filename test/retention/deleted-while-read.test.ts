import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openRows } from "../../src/db/personal-crypto/sealed-rows.js";
import { SEALED_DATA_SUBJECTS, SEALED_MESSAGES } from "../../src/db/personal-crypto/sealed-tables.js";
import { dataSubjects, messages, procedures } from "../../src/db/schema/index.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import { personalCase } from "./retention-fixtures.js";

/**
 * Issue 12 (crash test, once: "a sealed data_subjects.fullName has no key"): a request reads a sealed
 * row in one statement and its key in the next, each on what had committed when it began. A deletion
 * (R-RETAIN-3, an early deletion R-RETAIN-6, an erasure) that commits in between deletes the row and
 * its key together, so the reader found the row and then no key, and answered an internal error. The
 * interleaving is replayed here in order: the row read, the deletion committed, the key read.
 */
describe.each(DRIVERS)("a sealed row whose personal data is deleted while it is read (%s)", (driver) => {
  const suite = useSuite(driver);

  it("R-RETAIN-6 a data subject deleted between the row's read and its key's is left out, as a read begun after would not find it", async () => {
    const world = await suite.world();
    const c = await personalCase(suite, world, { close: false });
    const rows = await suite.db.db.select().from(dataSubjects).where(eq(dataSubjects.id, c.dataSubjectId));
    expect(rows).toHaveLength(1);
    // What the one-subject early deletion does, committed between the two statements.
    await suite.db.db.transaction(async (tx) => {
      await tx.execute(sql`delete from personal_data_keys where owner_id = ${c.dataSubjectId}::uuid`);
      await tx.delete(dataSubjects).where(eq(dataSubjects.id, c.dataSubjectId));
    });
    expect(await openRows(suite.db.db, SEALED_DATA_SUBJECTS, rows)).toEqual([]);
  });

  it("R-RETAIN-3 a procedure's messages read just before its personal data is deleted are left out", async () => {
    const world = await suite.world();
    const c = await personalCase(suite, world);
    const rows = await suite.db.db.select().from(messages).where(eq(messages.procedureId, c.id));
    expect(rows.length).toBeGreaterThan(0);
    await suite.db.db.transaction(async (tx) => {
      await tx.execute(sql`delete from personal_data_keys where owner_id = ${c.id}::uuid`);
      await tx.delete(messages).where(eq(messages.procedureId, c.id));
      await tx.update(procedures).set({ personalDataDeletedAt: suite.api.clock.now() }).where(eq(procedures.id, c.id));
    });
    expect(await openRows(suite.db.db, SEALED_MESSAGES, rows)).toEqual([]);
  });

  it("R-RETAIN-3 a sealed row that outlived its key while its owner still holds personal data is still an error: the deletion missed it", async () => {
    const world = await suite.world();
    const c = await personalCase(suite, world, { close: false });
    const rows = await suite.db.db.select().from(messages).where(eq(messages.procedureId, c.id));
    await suite.db.db.execute(sql`delete from personal_data_keys where owner_id = ${c.id}::uuid`);
    await expect(openRows(suite.db.db, SEALED_MESSAGES, rows)).rejects.toThrow(/has no key/);
  });
});
