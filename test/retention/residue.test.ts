import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../src/db/client.js";
import type { Database } from "../../src/db/database.js";
import { RESIDUE_ACTION } from "../../src/modules/retention/residue.js";
import { TestApi } from "../helpers/api.js";
import { createTestDatabase, DRIVERS, type TestDatabase } from "../helpers/database.js";
import { START, type Suite } from "../helpers/suite.js";
import { World } from "../helpers/world.js";
import { ADD_SENSITIVE_RECORD, CLOSE, POST_MESSAGE } from "../operations.js";
import { addMonths, DAY, personalCase, runRetention, tokenNow } from "./retention-fixtures.js";
import { rowsOf } from "../../src/db/rows.js";

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/**
 * Every planted value found in the raw bytes of the files under `dir` (PostgreSQL stores text as
 * UTF-8), with the files it is in, relative to `dir`. `only` narrows the files looked at.
 */
async function scanFiles(dir: string, needles: readonly string[], only: (relative: string) => boolean = () => true) {
  const found = new Map<string, string[]>();
  const patterns = needles.map((n) => [n, Buffer.from(n, "utf8")] as const);
  for (const file of await filesUnder(dir)) {
    const relative = file.slice(dir.length + 1);
    if (!only(relative)) continue;
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch {
      continue; // removed while the scan ran (a checkpoint unlinking an old file)
    }
    for (const [needle, pattern] of patterns) {
      if (bytes.includes(pattern)) found.set(needle, [...(found.get(needle) ?? []), relative]);
    }
  }
  return found;
}

/** Random text that no compressor shrinks (so a stored copy is stored as written), with a marker at each end. */
function incompressible(marker: string, bytes: number): string {
  return `${marker} ${randomBytes(bytes).toString("base64")} ${marker}`;
}

interface Planted {
  /** Values short enough to be stored inline in their rows. */
  short: string[];
  /** Values long enough to be stored out of line (TOAST), not compressed. */
  long: string[];
}

/**
 * A closed procedure with personal data in every place a case handler can type it (fixtures'
 * personalCase), plus a message and a sensitive record of about 3 kB each (TOASTed out of line).
 */
async function plant(suite: Suite, world: World): Promise<Planted> {
  // Two cases: ANALYZE keeps histograms only of columns with two values or more.
  const other = await personalCase(suite, world);
  const c = await personalCase(suite, world, { close: false });
  const tag = randomBytes(4).toString("hex");
  const longBody = incompressible(`LONGMSG-${tag}`, 2400);
  const longDetails = incompressible(`LONGREC-${tag}`, 2400);
  const dk = await tokenNow(suite, world.user.handlerDk);
  const message = await suite.api.execute(POST_MESSAGE, { procedureId: c.id, body: longBody }, dk);
  expect(message.errors, JSON.stringify(message.errors)).toBeUndefined();
  const record = await suite.api.execute(
    ADD_SENSITIVE_RECORD,
    { dataSubjectId: c.dataSubjectId, input: { category: "DISCIPLINARY", details: longDetails, necessity: "Good repute check.", legalBasis: "Art. 33" } },
    dk,
  );
  expect(record.errors, JSON.stringify(record.errors)).toBeUndefined();
  const closed = await suite.api.execute(CLOSE, { id: c.id }, dk);
  expect(closed.errors, JSON.stringify(closed.errors)).toBeUndefined();
  return {
    short: [c.name, c.nationalIdentifier, other.name, other.nationalIdentifier],
    // The long values' markers and a stretch from their middle (not the marker), both TOASTed.
    long: [`LONGMSG-${tag}`, `LONGREC-${tag}`, longBody.slice(1200, 1260), longDetails.slice(1200, 1260)],
  };
}

/** As autovacuum does in production: column statistics (pg_statistic) sample the tables' values. */
async function analyze(db: Database): Promise<void> {
  await db.execute(sql`analyze`);
}

/** Builds the API over an open database handle as the other suites do. */
async function suiteOver(handle: DatabaseHandle | TestDatabase): Promise<Suite> {
  const api = await TestApi.create(handle.db);
  api.clock.set(START);
  const suite = { db: handle as TestDatabase, api } as Suite;
  suite.world = (options) => World.create(handle.db, api, options);
  return suite;
}

async function residueEvents(db: Database): Promise<number> {
  return Number(rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from audit_events where action = ${RESIDUE_ACTION}`))[0]!.n);
}

/**
 * Runs the job until step 7 has recorded itself (at most 6 runs): on a shared PostgreSQL server a
 * transaction of another database begun before the deletion defers the step to the next run.
 */
async function runUntilCleared(suite: Suite, world: World, cleared: number): Promise<void> {
  for (let i = 0; i < 6 && (await residueEvents(suite.db.db)) < cleared; i++) await runRetention(suite, world);
  expect(await residueEvents(suite.db.db)).toBe(cleared);
}

async function deleteThroughTheJob(suite: Suite, world: World): Promise<void> {
  // The job as of 3 years and a day after the closure (the clock moved, as the retention tests do).
  suite.api.clock.set(new Date(addMonths(START, 36).getTime() + DAY));
  const run = await runRetention(suite, world);
  expect(run.proceduresDeleted).toBeGreaterThanOrEqual(1);
}

/** A restart of PGlite, two cases built through the API and up to six runs waiting for older transactions. */
const TIMEOUT = 180_000;

describe.each(DRIVERS)("no readable trace in the database's files on %s", (driver) => {
  it("R-RETAIN-3 after a deletion run no planted value (short or TOASTed, name, identifier, message, sensitive record) is left in the database's files", async (context) => {
    if (driver === "pglite") {
      const dir = await mkdtemp(join(tmpdir(), "imi-residue-test-"));
      try {
        let handle = await openDatabase({ pgliteDir: dir });
        await handle.migrate();
        let suite = await suiteOver(handle);
        const world = await suite.world();
        const planted = await plant(suite, world);
        const needles = [...planted.short, ...planted.long];
        await analyze(handle.db);
        // Control: before the deletion the short values are in the folder's table files (the procedure's
        // own subject and justification), so the scan sees what it is looking for; the long ones are
        // in the sealed tables only, as ciphertext (R-RETAIN-3 crypto-shredding, crypto-shredding.test.ts).
        await handle.db.execute(sql`checkpoint`);
        const before = await scanFiles(dir, needles, (f) => f.startsWith("base/"));
        expect([...before.keys()].sort()).toEqual([...planted.short].sort());

        await deleteThroughTheJob(suite, world);
        await runUntilCleared(suite, world, 1);
        await suite.api.stop();
        await handle.close();

        // Restart on the same folder, then read every byte of every file in it.
        handle = await openDatabase({ pgliteDir: dir });
        const after = await scanFiles(dir, needles);
        expect(Object.fromEntries(after)).toEqual({});
        // The database is whole after the rewrite: the shell is there, the step recorded itself.
        const [shell] = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from procedures where personal_data_deleted_at is not null`));
        expect(shell!.n).toBe(2);
        const [event] = rowsOf<{ ground: string }>(
          await handle.db.execute(sql`select ground from audit_events where action = ${RESIDUE_ACTION} order by id desc limit 1`),
        );
        expect(event!.ground).toContain("WAL written so far removed");
        suite = await suiteOver(handle);
        await suite.api.stop();
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
      const needles = [...planted.short, ...planted.long];
      await analyze(db.db);
      await db.db.execute(sql`checkpoint`);
      const before = await scanFiles(dataDir, needles);
      expect([...before.keys()].sort()).toEqual([...planted.short].sort());

      await deleteThroughTheJob(suite, world);
      await runUntilCleared(suite, world, 1);
      // Whatever is still in shared buffers is written out before the files are read.
      await db.db.execute(sql`checkpoint`);
      const after = await scanFiles(dataDir, needles);
      expect(Object.fromEntries(after)).toEqual({});
    } finally {
      await suite.api.stop();
      await db.dispose();
    }
  }, TIMEOUT);

  it.runIf(driver === "postgres")(
    "R-RETAIN-3 a transaction that began before the deletion defers the rewrite (it would copy the deleted rows); the next run clears them",
    async (context) => {
      const db = await createTestDatabase("postgres");
      const suite = await suiteOver(db);
      const [{ name }] = rowsOf<{ name: string }>(await db.db.execute(sql`select current_database() as name`)) as [{ name: string }];
      const reader = postgres(Object.assign(new URL(process.env.TEST_DATABASE_URL!), { pathname: `/${name}` }).toString(), { max: 1, onnotice: () => {} });
      try {
        const dataDir = await tableFilesOf(db.db);
        if (!dataDir) {
          context.skip("the PostgreSQL server's data directory is not readable from this process: its table files cannot be scanned");
          return;
        }
        const world = await suite.world();
        const planted = await plant(suite, world);
        const needles = [...planted.short, ...planted.long];
        // A report reading in one snapshot (another table: no lock in the rewrite's way), begun before the deletion, still open.
        await reader.unsafe("begin isolation level repeatable read");
        await reader.unsafe("select count(*) from authorities");
        await deleteThroughTheJob(suite, world);
        expect(await residueEvents(db.db)).toBe(0);
        await reader.unsafe("commit");
        await runUntilCleared(suite, world, 1);
        await db.db.execute(sql`checkpoint`);
        expect(Object.fromEntries(await scanFiles(dataDir, needles))).toEqual({});
      } finally {
        await reader.end();
        await suite.api.stop();
        await db.dispose();
      }
    },
    TIMEOUT,
  );

  it("the residue step runs only when a deletion is pending, and again after a run killed between its deletions and the step", async () => {
    const db = await createTestDatabase(driver);
    const suite = await suiteOver(db);
    try {
      const world = await suite.world();
      await plant(suite, world);
      const events = () => residueEvents(db.db);
      await runRetention(suite, world);
      expect(await events()).toBe(0); // nothing deleted yet: nothing to clear
      await deleteThroughTheJob(suite, world);
      await runUntilCleared(suite, world, 1);
      await runRetention(suite, world);
      expect(await events()).toBe(1); // nothing deleted since: nothing rewritten
      // A run killed after a deletion batch committed and before step 7: its deletion event is on record.
      await db.db.execute(sql`insert into audit_events (occurred_at, action, fields, ground)
        values (now(), 'RETENTION_DELETE', '{}'::text[], 'R-RETAIN-3 personal data deleted (a run killed before step 7)')`);
      await runUntilCleared(suite, world, 2);
    } finally {
      await suite.api.stop();
      await db.dispose();
    }
  }, TIMEOUT);
});

/**
 * The folder of the test database's table files on the PostgreSQL server, when this process can
 * read it (the server runs on this machine and the test runs as its owner or root); otherwise null.
 */
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
