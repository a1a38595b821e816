import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../src/db/client.js";
import type { Database } from "../../src/db/database.js";
import { rowsOf } from "../../src/db/rows.js";
import { RESIDUE_ACTION } from "../../src/modules/retention/residue.js";
import { TestApi } from "../helpers/api.js";
import { createTestDatabase, DRIVERS, type TestDatabase } from "../helpers/database.js";
import { START, type Suite } from "../helpers/suite.js";
import { World } from "../helpers/world.js";
import { answer, publishSet, requestFromSet } from "../question-sets/question-set-fixtures.js";
import { addMonths, DAY, runRetention } from "../retention/retention-fixtures.js";

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** The planted byte strings found in the files under `dir`. */
async function scan(dir: string, needles: Record<string, Buffer>): Promise<string[]> {
  const found = new Set<string>();
  for (const file of await filesUnder(dir)) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch {
      continue; // removed while the scan ran (a checkpoint unlinking an old file)
    }
    for (const [name, needle] of Object.entries(needles)) if (bytes.includes(needle)) found.add(name);
  }
  return [...found].sort();
}

async function suiteOver(handle: DatabaseHandle | TestDatabase): Promise<Suite> {
  const api = await TestApi.create(handle.db);
  api.clock.set(START);
  const suite = { db: handle as TestDatabase, api } as Suite;
  suite.world = (options) => World.create(handle.db, api, options);
  return suite;
}

const residueEvents = async (db: Database) =>
  Number(rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from audit_events where action = ${RESIDUE_ACTION}`))[0]!.n);

/**
 * A closed request from a question set with an answer and an attachment whose bytes and name hold
 * planted markers, uploaded through the service (the same path as POST /attachments).
 */
async function plant(suite: Suite) {
  const world = await suite.world();
  const set = await publishSet(suite, world);
  const id = await requestFromSet(suite, world, set.id);
  const tag = randomBytes(4).toString("hex");
  const inBytes = `ATTBYTES-${tag}-${randomBytes(24).toString("hex")}`;
  const inName = `ATTNAME-${tag}`;
  const inAnswer = `ANSWER-${tag}-${randomBytes(12).toString("hex")}`;
  const de = await world.token(world.user.handlerDe);
  const ctx = await suite.api.api.createContext({ authorization: `Bearer ${de}` });
  // 600 KiB: three chunks, each stored out of line (TOAST), the marker in the second.
  const body = Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(300 * 1024), Buffer.from(inBytes), randomBytes(300 * 1024)]);
  await suite.api.api.services.attachments.upload(ctx.viewer!, ctx.audit, {
    procedureId: id,
    name: `${inName}.pdf`,
    contentType: "application/pdf",
    contentLength: body.length,
    body: (async function* () {
      for (let i = 0; i < body.length; i += 64 * 1024) yield body.subarray(i, i + 64 * 1024);
    })(),
  });
  expect((await answer(suite, de, id, { questionCode: "NOTES", value: inAnswer })).errors).toBeUndefined();
  const dk = await world.token(world.user.handlerDk);
  expect((await suite.api.executeText(`mutation($id: ID!) { closeProcedure(id: $id) { id } }`, { id }, dk)).errors).toBeUndefined();
  return { world, procedureId: id, needles: { bytes: Buffer.from(inBytes), name: Buffer.from(inName), answer: Buffer.from(inAnswer) } };
}

/** The control: the rows are there, sealed (name and answer `v1:`, three chunks), under the procedure's key. */
async function expectSealed(db: Database, procedureId: string): Promise<void> {
  const [row] = rowsOf<{ name: string; value: string; chunks: number; keys: number }>(
    await db.execute(sql`select (select file_name from attachments where procedure_id = ${procedureId}::uuid) as name,
      (select value from question_answers where procedure_id = ${procedureId}::uuid and value is not null) as value,
      (select count(*)::int from attachment_chunks c join attachments a on a.id = c.attachment_id where a.procedure_id = ${procedureId}::uuid) as chunks,
      (select count(*)::int from personal_data_keys where owner_id = ${procedureId}::uuid) as keys`),
  );
  expect(row!.name).toMatch(/^v1:/);
  expect(row!.value).toMatch(/^v1:/);
  expect(row!.chunks).toBe(3);
  expect(row!.keys).toBe(1);
}

/** After the run: no row and no key of the procedure's left. */
async function expectShredded(db: Database, procedureId: string): Promise<void> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`select ((select count(*) from attachments where procedure_id = ${procedureId}::uuid)
      + (select count(*) from question_answers where procedure_id = ${procedureId}::uuid)
      + (select count(*) from personal_data_keys where owner_id = ${procedureId}::uuid))::int as n`),
  );
  expect(row!.n).toBe(0);
}

async function deleteAndClear(suite: Suite, world: World): Promise<void> {
  suite.api.clock.set(new Date(addMonths(START, 36).getTime() + DAY));
  for (let i = 0; i < 6 && (await residueEvents(suite.db.db)) < 1; i++) await runRetention(suite, world);
  expect(await residueEvents(suite.db.db)).toBe(1);
}

describe.each(DRIVERS)("attachments leave no readable trace in the database's files on %s", (driver) => {
  it("R-RETAIN-3 attachment bytes, names and answers are sealed at rest, and after the deletion run neither they nor their rows or key are left", async (context) => {
    if (driver === "pglite") {
      const dir = await mkdtemp(join(tmpdir(), "imi-attachment-residue-"));
      try {
        let handle = await openDatabase({ pgliteDir: dir });
        await handle.migrate();
        const suite = await suiteOver(handle);
        const { world, needles, procedureId } = await plant(suite);
        await handle.db.execute(sql`checkpoint`);
        // Sealed at rest (crypto-shredding): not even before the deletion are they readable in the files;
        // the control is that the rows and their key are there.
        expect(await scan(join(dir, "base"), needles)).toEqual([]);
        await expectSealed(handle.db, procedureId);
        await deleteAndClear(suite, world);
        await expectShredded(handle.db, procedureId);
        await suite.api.stop();
        await handle.close();
        handle = await openDatabase({ pgliteDir: dir });
        expect(await scan(dir, needles)).toEqual([]);
        await handle.close();
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
      return;
    }
    const db = await createTestDatabase("postgres");
    const suite = await suiteOver(db);
    try {
      const [row] = rowsOf<{ dir: string; oid: string }>(
        await db.db.execute(sql`select current_setting('data_directory') as dir, (select oid::text from pg_database where datname = current_database()) as oid`),
      );
      const dataDir = join(row!.dir, "base", row!.oid);
      const readable = await readdir(dataDir).then(() => true, () => false);
      if (!readable) {
        context.skip("the PostgreSQL server's data directory is not readable from this process: its table files cannot be scanned");
        return;
      }
      const { world, needles, procedureId } = await plant(suite);
      await db.db.execute(sql`checkpoint`);
      expect(await scan(dataDir, needles)).toEqual([]);
      await expectSealed(db.db, procedureId);
      await deleteAndClear(suite, world);
      await expectShredded(db.db, procedureId);
      await db.db.execute(sql`checkpoint`);
      expect(await scan(dataDir, needles)).toEqual([]);
    } finally {
      await suite.api.stop();
      await db.dispose();
    }
  }, 180_000);
});
