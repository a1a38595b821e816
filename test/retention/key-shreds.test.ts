import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { PersonalDataKeys } from "../../src/db/personal-crypto/key-store.js";
import { rowsOf } from "../../src/db/rows.js";
import { dataSubjectRequests, dataSubjects } from "../../src/db/schema/index.js";
import { DEFAULT_RETENTION_SETTINGS, RetentionService } from "../../src/modules/retention/retention.service.js";
import { DRIVERS } from "../helpers/database.js";
import { START, useSuite } from "../helpers/suite.js";
import type { World } from "../helpers/world.js";
import { addMonths, DAY, personalCase, procedureRow, type Case } from "./retention-fixtures.js";
import { insertRequest, insertRequests } from "../helpers/requests.js";

/**
 * R-RETAIN-3 crypto-shredding: a deletion statement records each key partition it emptied once
 * (personal_data_key_shreds, ON CONFLICT DO UPDATE), also when keys deleted by different parts of
 * the statement share a partition. Keys are hash-partitioned over 128 partitions, so whether two
 * random owners collide is luck; these tests make them collide on purpose.
 */
describe.each(DRIVERS)("key partitions recorded once per deletion statement on %s", (driver) => {
  const suite = useSuite(driver);

  async function partitionOf(owner: string): Promise<string> {
    const [row] = rowsOf<{ partition: string }>(
      await suite.db.db.execute(sql`select tableoid::regclass::text as partition from personal_data_keys where owner_id = ${owner}::uuid`),
    );
    expect(row, `key of ${owner}`).toBeDefined();
    return row!.partition;
  }

  /** A data subject of `c`'s procedure whose key lands in `partition` (its id picked so), with its key. */
  async function subjectInPartition(world: World, c: Case, partition: string): Promise<string> {
    const remainder = Number(/_p(\d+)$/.exec(partition)![1]);
    const [picked] = rowsOf<{ id: string }>(
      await suite.db.db.execute(sql`select g.id::text from (select gen_random_uuid() as id from generate_series(1, 5000)) g
        where satisfies_hash_partition('personal_data_keys'::regclass, 128, ${remainder}::int, g.id) limit 1`),
    );
    const id = picked!.id;
    await suite.db.db.insert(dataSubjects).values({
      id,
      procedureId: c.id,
      fullName: `Same partition ${world.tag}`,
      addedByAuthorityId: world.authority.dk,
      createdAt: suite.api.clock.now(),
    });
    await suite.db.db.transaction((tx) => new PersonalDataKeys(tx).forWriting(id));
    expect(await partitionOf(id)).toBe(partition);
    return id;
  }

  async function approve(world: World, c: Case, dataSubjectId: string, allSubjectsConsented: boolean): Promise<string> {
    const now = suite.api.clock.now();
    const [row] = [await insertRequest(suite.db.db, {
        kind: "EARLY_DELETION",
        status: "APPROVED",
        route: "COMMISSION",
        receivingAuthorityId: world.authority.dk,
        procedureId: c.id,
        dataSubjectId,
        allSubjectsConsented,
        requesterName: "Initiating authority",
        consentReference: "CONSENT-SAME-PARTITION",
        legalBasis: "Danish Data Protection Act §5",
        receivedAt: now,
        dueAt: new Date(now.getTime() + 30 * DAY),
        decidedAt: now,
      })];
    return row!.id;
  }

  async function keysLeft(owners: string[]): Promise<number> {
    return (await new PersonalDataKeys(suite.db.db).load(owners)).size;
  }

  async function shredRecorded(partition: string): Promise<number> {
    const [row] = rowsOf<{ n: number }>(
      await suite.db.db.execute(sql`select count(*)::int as n from personal_data_key_shreds where partition = ${partition}`),
    );
    return row!.n;
  }

  it("R-RETAIN-6 one early-deletion batch deleting a whole procedure and one data subject of another, their keys in one partition, deletes both and records the partition once", async () => {
    const world = await suite.world();
    const whole = await personalCase(suite, world, { close: false });
    const single = await personalCase(suite, world, { close: false });
    const partition = await partitionOf(whole.id);
    const subject = await subjectInPartition(world, single, partition);
    suite.api.clock.set(addMonths(START, 1));
    const requests = [await approve(world, whole, whole.dataSubjectId, true), await approve(world, single, subject, false)];

    const service = new RetentionService(suite.db.db, suite.api.clock, DEFAULT_RETENTION_SETTINGS);
    const run = await service.run();
    expect(run.error).toBeNull();
    expect(run.earlyDeletions).toBeGreaterThanOrEqual(2);
    expect(await keysLeft([whole.id, whole.dataSubjectId, subject])).toBe(0);
    expect(await suite.db.db.select().from(dataSubjects).where(eq(dataSubjects.id, subject))).toEqual([]);
    expect((await procedureRow(suite.db.db, whole.id)).personalDataDeletedAt).toEqual(addMonths(START, 1));
    // The single subject's procedure keeps its other data subject and its own key.
    expect((await procedureRow(suite.db.db, single.id)).personalDataDeletedAt).toBeNull();
    expect(await keysLeft([single.id, single.dataSubjectId])).toBe(2);
    // Step 7 of the same run rewrote the partition and cleared its record; none is left pending.
    expect(await shredRecorded(partition)).toBe(0);
    const done = await suite.db.db.select().from(dataSubjectRequests).where(inArray(dataSubjectRequests.id, requests));
    expect(done.map((r) => r.status)).toEqual(["COMPLETED", "COMPLETED"]);
    // The next run has nothing left to do and completes (before the fix every run failed the same way).
    const next = await service.run();
    expect(next.error).toBeNull();
    expect(next.earlyDeletions).toBe(0);
  });

  it("R-RETAIN-3 one 3-year deletion batch whose procedure key and data subject keys share a partition deletes them all", async () => {
    const world = await suite.world();
    const c = await personalCase(suite, world);
    const partition = await partitionOf(c.id);
    const subject = await subjectInPartition(world, c, partition);
    suite.api.clock.set(addMonths(START, 37));
    const run = await new RetentionService(suite.db.db, suite.api.clock, DEFAULT_RETENTION_SETTINGS).run();
    expect(run.error).toBeNull();
    expect(run.proceduresDeleted).toBeGreaterThanOrEqual(1);
    expect(await keysLeft([c.id, c.dataSubjectId, subject])).toBe(0);
    expect((await procedureRow(suite.db.db, c.id)).personalDataDeletedAt).not.toBeNull();
  });
});

