import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../src/db/client.js";
import type { Database } from "../../src/db/database.js";
import { newDataKey, wrapKey } from "../../src/db/personal-crypto/cipher.js";
import { PersonalDataKeys } from "../../src/db/personal-crypto/key-store.js";
import { sealLegacyRows } from "../../src/db/personal-crypto/legacy-rows.js";
import { resolveMasterKeys } from "../../src/db/personal-crypto/master-key.resolve.js";
import { rewrapUnderCurrentMasterKey } from "../../src/db/personal-crypto/master-key.rotate.js";
import { installMasterKeys, masterKeys } from "../../src/db/personal-crypto/master-keys.js";
import { SEALED_TABLES } from "../../src/db/personal-crypto/sealed-tables.js";
import { rowsOf } from "../../src/db/rows.js";
import { createLogger } from "../../src/logger.js";
import { ProcedureRepository } from "../../src/modules/procedures/procedure.repository.js";
import { RESIDUE_ACTION } from "../../src/modules/retention/residue.js";
import { DEFAULT_RETENTION_SETTINGS, RetentionService } from "../../src/modules/retention/retention.service.js";
import { RightsRepository } from "../../src/modules/rights/rights.repository.js";
import { TestApi } from "../helpers/api.js";
import { createTestDatabase, DRIVERS, type TestDatabase } from "../helpers/database.js";
import { insertAcceptedRequests } from "../helpers/procedure-factory.js";
import { START, type Suite } from "../helpers/suite.js";
import { World } from "../helpers/world.js";
import { ADD_DATA_SUBJECT, ADD_SENSITIVE_RECORD, CLOSE, POST_MESSAGE } from "../operations.js";
import { addMonths, DAY, personalCase, tokenNow } from "./retention-fixtures.js";
import { REQUESTERS_OF_PROCEDURES } from "../helpers/requests.js";

/**
 * R-RETAIN-3 crypto-shredding (src/db/personal-crypto/): personal data in the procedure-scoped tables
 * is stored sealed under a per-procedure (or per-data-subject) key, the deletion destroys the key with
 * the rows, and step 7 rewrites the key partitions that lost keys. These tests run step 7 as it runs
 * at 1M procedures, where every sealed table is larger than a batch can rewrite (bench/results.md
 * 6c): those tables are only vacuumed (residueVacuumOnly), so their files keep the deleted rows'
 * bytes. Before sealing, those bytes were the plaintext; now they are ciphertext under a destroyed key.
 */
const SEALED_TABLE_NAMES = SEALED_TABLES.map((t) => t.table);
const TIMEOUT = 180_000;

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** Which needles (text or raw bytes) occur in the files under `dir`, with the files they are in. */
async function scanFiles(dir: string, needles: Record<string, Buffer>, only: (relative: string) => boolean = () => true) {
  const found: Record<string, string[]> = {};
  for (const file of await filesUnder(dir)) {
    const relative = file.slice(dir.length + 1);
    if (!only(relative)) continue;
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch {
      continue; // removed while the scan ran (a checkpoint unlinking an old file)
    }
    for (const [name, needle] of Object.entries(needles)) {
      if (bytes.includes(needle)) (found[name] ??= []).push(relative);
    }
  }
  return found;
}

function incompressible(marker: string, bytes: number): string {
  return `${marker} ${randomBytes(bytes).toString("base64")} ${marker}`;
}

async function suiteOver(handle: DatabaseHandle | TestDatabase): Promise<Suite> {
  const api = await TestApi.create(handle.db);
  api.clock.set(START);
  const suite = { db: handle as TestDatabase, api } as Suite;
  suite.world = (options) => World.create(handle.db, api, options);
  return suite;
}

interface Planted {
  procedureId: string;
  dataSubjectId: string;
  /** The planted plaintext: never in any file, before or after the deletion. */
  plaintext: Record<string, Buffer>;
  /** The owners' data keys (raw and base64) and their wrapped forms as stored. */
  keys: Record<string, Buffer>;
  /** The name and identifier, also in the procedure's unsealed subject and justification. */
  procedureText: string[];
  /** The stored (sealed) form of the long message: in the files before the deletion (the scan's control). */
  storedCiphertext: Buffer;
}

/** A closed case with personal data everywhere a case handler types it, plus a long message and record (TOASTed). */
async function plant(suite: Suite, world: World): Promise<Planted> {
  const c = await personalCase(suite, world, { close: false });
  const tag = randomBytes(4).toString("hex");
  const longBody = incompressible(`LONGMSG-${tag}`, 2400);
  const longDetails = incompressible(`LONGREC-${tag}`, 2400);
  const dk = await tokenNow(suite, world.user.handlerDk);
  const message = await suite.api.execute(POST_MESSAGE, { procedureId: c.id, body: longBody }, dk);
  expect(message.errors, JSON.stringify(message.errors)).toBeUndefined();
  expect(message.data?.postMessage.body).toBe(longBody);
  const record = await suite.api.execute(
    ADD_SENSITIVE_RECORD,
    { dataSubjectId: c.dataSubjectId, input: { category: "DISCIPLINARY", details: longDetails, necessity: "Good repute check.", legalBasis: "Art. 33" } },
    dk,
  );
  expect(record.errors, JSON.stringify(record.errors)).toBeUndefined();
  expect((await suite.api.execute(CLOSE, { id: c.id }, dk)).errors).toBeUndefined();
  const db = suite.db.db;
  const raw = await new PersonalDataKeys(db).load([c.id, c.dataSubjectId]);
  expect([...raw.keys()].sort()).toEqual([c.id, c.dataSubjectId].sort());
  const wrapped = rowsOf<{ owner_id: string; wrapped: string }>(
    await db.execute(sql`select owner_id::text, wrapped from personal_data_keys where owner_id in (${c.id}::uuid, ${c.dataSubjectId}::uuid)`),
  );
  const keys: Record<string, Buffer> = {};
  for (const [owner, key] of raw) {
    keys[`raw key of ${owner}`] = key;
    keys[`base64 key of ${owner}`] = Buffer.from(key.toString("base64"));
  }
  for (const row of wrapped) keys[`wrapped key of ${row.owner_id}`] = Buffer.from(row.wrapped);
  const [stored] = rowsOf<{ body: string }>(await db.execute(sql`select body from messages where body like ${"v1:%"} and procedure_id = ${c.id}::uuid and length(body) > 3000`));
  return {
    procedureId: c.id,
    dataSubjectId: c.dataSubjectId,
    plaintext: Object.fromEntries(
      [c.name, c.nationalIdentifier, `LONGMSG-${tag}`, `LONGREC-${tag}`, longBody.slice(1200, 1260), longDetails.slice(1200, 1260)].map((v) => [v, Buffer.from(v)]),
    ),
    keys,
    procedureText: [c.name, c.nationalIdentifier],
    storedCiphertext: Buffer.from(stored!.body.slice(2000, 2060)),
  };
}

/**
 * What the scan finds before the deletion: the wrapped keys (the key partitions are scanned), the
 * stored form of the TOASTed message (so are TOAST tables), the name and identifier in the procedure's
 * own free text (subject, justification: not sealed, in the procedures table, rewritten by step 7 at
 * this size), and never the sealed long values' plaintext.
 */
function expectedBefore(planted: Planted): string[] {
  return ["stored", ...Object.keys(planted.keys).filter((k) => k.startsWith("wrapped")), ...planted.procedureText].sort();
}

async function residueEvents(db: Database): Promise<number> {
  return Number(rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from audit_events where action = ${RESIDUE_ACTION}`))[0]!.n);
}

/**
 * The job 3 years and a day after the closure, with step 7 as at 1M procedures (the sealed tables
 * vacuumed only); again (at most 6 runs) while a transaction elsewhere on a shared server defers step 7.
 */
async function deleteAsAtScale(suite: Suite): Promise<void> {
  suite.api.clock.set(new Date(addMonths(START, 36).getTime() + DAY));
  const service = new RetentionService(suite.db.db, suite.api.clock, { ...DEFAULT_RETENTION_SETTINGS, residueVacuumOnly: SEALED_TABLE_NAMES });
  const first = await service.run();
  expect(first.error).toBeNull();
  expect(first.proceduresDeleted).toBeGreaterThanOrEqual(1);
  for (let i = 0; i < 6 && (await residueEvents(suite.db.db)) < 1; i++) await service.run();
  expect(await residueEvents(suite.db.db)).toBe(1);
  const [event] = rowsOf<{ ground: string }>(await suite.db.db.execute(sql`select ground from audit_events where action = ${RESIDUE_ACTION}`));
  expect(event!.ground).toContain(`vacuumed only: ${SEALED_TABLE_NAMES[0]}`);
  expect(event!.ground).not.toContain("key partitions rewritten: 0");
}

/** The folder of the test database's table files, when this process can read it; otherwise null. */
async function tableFilesOf(db: Database): Promise<string | null> {
  const [row] = rowsOf<{ dir: string; oid: string }>(
    await db.execute(sql`select current_setting('data_directory') as dir, (select oid::text from pg_database where datname = current_database()) as oid`),
  );
  const dir = join(row!.dir, "base", row!.oid);
  try {
    await readdir(dir);
    return dir;
  } catch {
    return null;
  }
}

describe.each(DRIVERS)("crypto-shredding of personal data on %s", (driver) => {
  it(
    "R-RETAIN-3 with the sealed tables only vacuumed (as at 1M procedures), no file holds a deleted value, its data key or its wrapped key after the run",
    async (context) => {
      if (driver === "pglite") {
        const dir = await mkdtemp(join(tmpdir(), "imi-shred-test-"));
        try {
          let handle = await openDatabase({ pgliteDir: dir });
          await handle.migrate();
          const suite = await suiteOver(handle);
          const world = await suite.world();
          const planted = await plant(suite, world);
          await handle.db.execute(sql`checkpoint`);
          // Controls: the scan sees the key partitions (the wrapped keys are there) and the TOASTed
          // sealed message (its stored form is there); the plaintext never is (sealed at rest).
          const before = await scanFiles(dir, { ...planted.plaintext, ...planted.keys, stored: planted.storedCiphertext }, (f) => f.startsWith("base/"));
          expect(Object.keys(before).sort()).toEqual(expectedBefore(planted));

          await deleteAsAtScale(suite);
          await suite.api.stop();
          await handle.close();
          // Restart on the same folder, then read every byte of every file in it.
          handle = await openDatabase({ pgliteDir: dir });
          expect(await scanFiles(dir, { ...planted.plaintext, ...planted.keys })).toEqual({});
          // What the vacuumed tables may keep of the deleted rows is ciphertext, and no key opens it.
          expect(await new PersonalDataKeys(handle.db).load([planted.procedureId, planted.dataSubjectId])).toEqual(new Map());
          await handle.close();
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
        return;
      }
      const db = await createTestDatabase("postgres");
      const suite = await suiteOver(db);
      try {
        const dataDir = await tableFilesOf(db.db);
        if (!dataDir) {
          context.skip("the PostgreSQL server's data directory is not readable from this process: its table files cannot be scanned");
          return;
        }
        const world = await suite.world();
        const planted = await plant(suite, world);
        await db.db.execute(sql`checkpoint`);
        const before = await scanFiles(dataDir, { ...planted.plaintext, ...planted.keys, stored: planted.storedCiphertext });
        expect(Object.keys(before).sort()).toEqual(expectedBefore(planted));
        await deleteAsAtScale(suite);
        await db.db.execute(sql`checkpoint`);
        expect(await scanFiles(dataDir, { ...planted.plaintext, ...planted.keys })).toEqual({});
      } finally {
        await suite.api.stop();
        await db.dispose();
      }
    },
    TIMEOUT,
  );

  // Each opens a PGlite folder more than once: past 30 s on a loaded 2-core machine (a full run beside others), a few seconds alone.
  it("R-RETAIN-3 sealed at rest: a live value's column holds v1: ciphertext, never its plaintext, and the API reads the plaintext", { timeout: 120_000 }, async () => {
    const db = await createTestDatabase(driver);
    const suite = await suiteOver(db);
    try {
      const world = await suite.world();
      const c = await personalCase(suite, world, { close: false });
      const raw = rowsOf<{ value: string }>(
        await db.db.execute(sql`
          select full_name as value from data_subjects where id = ${c.dataSubjectId}::uuid
          union all select national_identifier from data_subjects where id = ${c.dataSubjectId}::uuid
          union all select body from messages where procedure_id = ${c.id}::uuid
          union all select name from legal_persons where procedure_id = ${c.id}::uuid
          union all select reason from confidentiality_flags where procedure_id = ${c.id}::uuid
          union all select details from sensitive_records where data_subject_id = ${c.dataSubjectId}::uuid
          union all select statement from contestations where procedure_id = ${c.id}::uuid`),
      );
      expect(raw.length).toBe(7);
      for (const { value } of raw) {
        expect(value.startsWith("v1:")).toBe(true);
        expect(value).not.toContain(c.name);
        expect(value).not.toContain(c.nationalIdentifier);
      }
      // Opened through the repositories, as the API reads them.
      const [subject] = await new ProcedureRepository(db.db).dataSubjectsOf([c.id]);
      expect(subject).toMatchObject({ fullName: c.name, nationalIdentifier: c.nationalIdentifier });
      // A ciphertext moved to another owner's row does not open (bound to its owner and column).
      const other = await personalCase(suite, world, { close: false });
      await db.db.execute(sql`update data_subjects set full_name = (select full_name from data_subjects where id = ${c.dataSubjectId}::uuid)
        where id = ${other.dataSubjectId}::uuid`);
      await expect(new ProcedureRepository(db.db).dataSubjectsOf([other.id])).rejects.toThrow(/does not decrypt/);
    } finally {
      await suite.api.stop();
      await db.dispose();
    }
  });

  const JSON_NULL_ROW = "00000000-0000-4000-a000-00000000c0de";
  it("R-RETAIN-3 an upgraded database's plaintext rows are sealed by the start-up step, stay readable, and are found by identifier", { timeout: 120_000 }, async () => {
    const db = await createTestDatabase(driver);
    const suite = await suiteOver(db);
    try {
      const world = await suite.world();
      const c = await personalCase(suite, world, { close: false });
      // As written before sealing: plaintext, no search index.
      await db.db.execute(sql`update data_subjects set full_name = ${c.name}, national_identifier = ${c.nationalIdentifier}, national_identifier_index = null
        where id = ${c.dataSubjectId}::uuid`);
      await db.db.execute(sql`update messages set body = ${`Plain message about ${c.name}`} where procedure_id = ${c.id}::uuid`);
      await db.db.execute(sql`update contestations set rectified_values = ${JSON.stringify({ fullName: c.name })}::jsonb where procedure_id = ${c.id}::uuid`);
      // A JSON null holds nothing to seal: the step must neither fail on it nor pick it again forever.
      await db.db.execute(sql`insert into contestations (id, procedure_id, data_subject_id, ground, statement, rectified_values, request_id, recorded_by_user_id, created_at)
        select ${JSON_NULL_ROW}::uuid, procedure_id, data_subject_id, ground, statement, 'null'::jsonb, null, recorded_by_user_id, created_at from contestations where procedure_id = ${c.id}::uuid`);
      // Found from outside: two replicas starting at once both picked these rows ("No values to set").
      const [first, second] = await Promise.all([sealLegacyRows(db.db), sealLegacyRows(db.db)]);
      expect(first + second).toBeGreaterThanOrEqual(3);
      expect(await sealLegacyRows(db.db)).toBe(0); // idempotent
      const [nullRow] = rowsOf<{ kind: string }>(
        await db.db.execute(sql`select jsonb_typeof(rectified_values) as kind from contestations where id = ${JSON_NULL_ROW}::uuid`),
      );
      expect(nullRow!.kind).toBe("null");
      await db.db.execute(sql`delete from contestations where id = ${JSON_NULL_ROW}::uuid`);
      const [raw] = rowsOf<{ full_name: string; body: string; rectified: string }>(
        await db.db.execute(sql`select d.full_name, (select body from messages where procedure_id = ${c.id}::uuid) as body,
          (select rectified_values #>> '{}' from contestations where procedure_id = ${c.id}::uuid) as rectified
          from data_subjects d where d.id = ${c.dataSubjectId}::uuid`),
      );
      for (const value of Object.values(raw!)) expect(value.startsWith("v1:")).toBe(true);
      const [subject] = await new ProcedureRepository(db.db).dataSubjectsOf([c.id]);
      expect(subject!.fullName).toBe(c.name);
      const [contestation] = await new RightsRepository(db.db).contestationsOf([c.id]);
      expect(contestation!.rectifiedValues).toEqual({ fullName: c.name });
      const found = await new RightsRepository(db.db).accessItems({
        dataSubjectId: null,
        identifier: c.nationalIdentifier,
        authorityId: world.authority.dk,
        procedureId: null,
        readerAuthorityId: null,
        heldAt: new Date(START.getTime() + 365 * DAY),
      });
      expect(found.map((f) => f.subject.id)).toEqual([c.dataSubjectId]);
      expect(found[0]!.subject.fullName).toBe(c.name);
    } finally {
      await suite.api.stop();
      await db.dispose();
    }
  });
});

describe.each(DRIVERS)("master key rotation on %s", (driver) => {
  it("R-RETAIN-3 after a rotation the start-up step re-wraps every key under the new master key; the data stays readable without the old one", { timeout: 120_000 }, async () => {
    const saved = masterKeys();
    const db = await createTestDatabase(driver);
    const suite = await suiteOver(db);
    try {
      const old = newDataKey();
      installMasterKeys(old);
      const world = await suite.world();
      const c = await personalCase(suite, world, { close: false });
      const current = newDataKey();
      installMasterKeys(current, [old]);
      expect(await rewrapUnderCurrentMasterKey(db.db, 2)).toBeGreaterThanOrEqual(2);
      expect(await rewrapUnderCurrentMasterKey(db.db, 2)).toBe(0);
      const stale = rowsOf<{ n: number }>(await db.db.execute(sql`select count(*)::int as n from personal_data_keys
        where wrapped like 'k1:%' and wrapped not like ${`k1:${masterKeys().currentId}:%`}`));
      expect(stale[0]!.n).toBe(0);
      // The old master key is gone: the data still opens (the data keys did not change).
      installMasterKeys(current);
      const [subject] = await new ProcedureRepository(db.db).dataSubjectsOf([c.id]);
      expect(subject!.fullName).toBe(c.name);
      // Step 7 rewrites the partitions so that their files drop the old wrapping.
      const shreds = rowsOf<{ n: number }>(await db.db.execute(sql`select count(*)::int as n from personal_data_key_shreds`));
      expect(shreds[0]!.n).toBe(128);
    } finally {
      installMasterKeys(saved.current, [...saved.byId.values()].filter((k) => !k.equals(saved.current)));
      await suite.api.stop();
      await db.dispose();
    }
  });
});

describe.each(DRIVERS)("destroying keys on %s", (driver) => {
  it("R-RETAIN-3 destroying many keys at once (several in one partition) deletes them all and records each partition once", { timeout: 120_000 }, async () => {
    const db = await createTestDatabase(driver);
    try {
      const keys = new PersonalDataKeys(db.db);
      const owners = Array.from({ length: 300 }, () => randomUUID());
      for (const owner of owners) await keys.forWriting(owner);
      await db.db.transaction((tx) => new PersonalDataKeys(tx).destroy(owners));
      expect(await keys.load(owners)).toEqual(new Map());
      const [shreds] = rowsOf<{ n: number; distinct: number }>(
        await db.db.execute(sql`select count(*)::int as n, count(distinct partition)::int as distinct from personal_data_key_shreds`),
      );
      expect(shreds!.n).toBe(shreds!.distinct);
      expect(shreds!.n).toBeGreaterThan(100); // 300 keys over 128 partitions
    } finally {
      await db.dispose();
    }
  });
});

describe("the master key", () => {
  it("R-RETAIN-3 production refuses to start without PERSONAL_DATA_MASTER_KEY; a wrapped key opens under the current or a previous master key only", async () => {
    const logger = createLogger("silent");
    const config = { production: true, databaseUrl: "postgres://x/y", pgliteDir: ".data/pglite", personalDataMasterKey: undefined, personalDataPreviousMasterKeys: [] };
    await expect(resolveMasterKeys(config, undefined as never, logger)).rejects.toThrow(/PERSONAL_DATA_MASTER_KEY .*required when NODE_ENV=production/);
    const saved = masterKeys();
    try {
      const old = newDataKey();
      const current = newDataKey();
      const owner = "0b5e3a8e-0000-4000-8000-000000000001";
      const dataKey = newDataKey();
      const wrapped = wrapKey(old, owner, dataKey);
      const { unwrapKey } = await import("../../src/db/personal-crypto/cipher.js");
      installMasterKeys(current);
      expect(() => unwrapKey(masterKeys().byId, owner, wrapped)).toThrow(/not configured/);
      installMasterKeys(current, [old]);
      expect(unwrapKey(masterKeys().byId, owner, wrapped).equals(dataKey)).toBe(true);
      // Bound to its owner: the same wrapped key under another owner id does not open.
      expect(() => unwrapKey(masterKeys().byId, "0b5e3a8e-0000-4000-8000-000000000002", wrapped)).toThrow();
    } finally {
      installMasterKeys(saved.current, [...saved.byId.values()].filter((k) => !k.equals(saved.current)));
    }
  });
});

describe.skipIf(!DRIVERS.includes("postgres"))("writers racing the key's destruction on PostgreSQL", () => {
  it("R-RETAIN-3 R-RETAIN-6 a writer adding to a procedure whose key is destroyed gets DELETED or its rows are deleted: no row, key or orphan key is left", async () => {
    const db = await createTestDatabase("postgres");
    const suite = await suiteOver(db);
    try {
      const world = await suite.world();
      const { ids } = await insertAcceptedRequests(db.db, world, { count: 12, start: START, label: "Shred race" });
      const dk = await tokenNow(suite, world.user.handlerDk);
      // Each procedure has a key already (a first data subject), and an approved early deletion.
      for (const id of ids) {
        const first = await suite.api.execute(ADD_DATA_SUBJECT, { procedureId: id, input: { fullName: `First of ${id}` } }, dk);
        expect(first.errors, JSON.stringify(first.errors)).toBeUndefined();
      }
      const now = suite.api.clock.now();
      await db.db.execute(sql`insert into data_subject_requests (kind, status, route, receiving_authority_id, procedure_id, all_subjects_consented,
          consent_reference, legal_basis, received_at, due_at, decided_at)
        select 'EARLY_DELETION', 'APPROVED', 'COMMISSION', ${world.authority.dk}::uuid, id, true, 'CONSENT-SHRED', 'National law §1',
               ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz + interval '30 days', ${now.toISOString()}::timestamptz
        from unnest(${`{${ids.join(",")}}`}::uuid[]) id`);
      await db.db.execute(REQUESTERS_OF_PROCEDURES);
      const service = new RetentionService(db.db, suite.api.clock, { ...DEFAULT_RETENTION_SETTINGS, batchSize: 3 });
      const codes: string[] = [];
      let stop = false;
      const writer = async (i: number) => {
        while (!stop) {
          const id = ids[i % ids.length]!;
          const result =
            i % 2 === 0
              ? await suite.api.execute(ADD_DATA_SUBJECT, { procedureId: id, input: { fullName: `Racer ${i}`, nationalIdentifier: `RACE-${i}` } }, dk)
              : await suite.api.execute(POST_MESSAGE, { procedureId: id, body: `Racing message ${i}` }, dk);
          const error = result.errors?.[0]?.extensions as { code?: string; reason?: string } | undefined;
          codes.push(result.errors ? `${error?.code ?? result.errors[0]?.message}${error?.reason ? `:${error.reason}` : ""}` : "OK");
          i += 2;
        }
      };
      const writers = [0, 1, 2, 3].map((i) => writer(i));
      const run = await service.run();
      stop = true;
      await Promise.all(writers);
      expect(run.error).toBeNull();
      expect(run.earlyDeletions).toBe(ids.length);
      expect(codes.length).toBeGreaterThan(0);
      // Refused because the personal data is deleted, or a lost race; nothing else.
      expect(new Set(codes.filter((c) => c !== "OK" && c !== "FORBIDDEN:DELETED" && c !== "CONFLICT"))).toEqual(new Set());
      expect(codes).toContain("FORBIDDEN:DELETED");
      const [left] = rowsOf<Record<string, number>>(
        await db.db.execute(sql`select
            (select count(*) from data_subjects where procedure_id = any(${`{${ids.join(",")}}`}::uuid[]))::int as subjects,
            (select count(*) from messages where procedure_id = any(${`{${ids.join(",")}}`}::uuid[]))::int as messages,
            (select count(*) from personal_data_keys where owner_id = any(${`{${ids.join(",")}}`}::uuid[]))::int as "procedureKeys",
            -- A key whose owner is neither a procedure nor a data subject (nor the reserved ones): a writer's key outliving the deletion.
            (select count(*) from personal_data_keys k where k.owner_id::text not like '00000000-0000-0000-0000-00000000000%'
               and not exists (select 1 from procedures p where p.id = k.owner_id)
               and not exists (select 1 from data_subjects d where d.id = k.owner_id))::int as "orphanKeys"`),
      );
      expect(left).toEqual({ subjects: 0, messages: 0, procedureKeys: 0, orphanKeys: 0 });
    } finally {
      await suite.api.stop();
      await db.dispose();
    }
  }, TIMEOUT);
});
