/**
 * Measurement behind the retention job's step 7 (R-RETAIN-3, "no readable trace in the database's
 * own files"): what a byte scan of the database's files finds of deleted values after each thing
 * PostgreSQL offers (DELETE, CHECKPOINT, VACUUM, VACUUM FULL, CLUSTER, a WAL switch), on PGlite (a
 * folder on disk, closed and reopened) and on PostgreSQL (the test database's table files and the
 * cluster's pg_wal, when this process can read the data directory). A plain table of short values
 * (stored inline) and long random ones (TOASTed out of line, incompressible so that they are stored
 * as written and a scan cannot miss them for compression). Prints one table per driver.
 *
 *   npx tsx bench/retention-residue-probe.ts            # PGlite
 *   PROBE_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/retention-residue-probe.ts
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";

const ROWS = Number(process.env.PROBE_ROWS ?? 2000);
const MARK = /RSDU[0-9a-f]{12}/g;

interface Exec {
  q(text: string): Promise<Record<string, unknown>[]>;
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** The planted markers found in the files under `dir`, per area (first path component). */
async function scan(dir: string, deleted: Set<string>, areaOf: (relative: string) => string): Promise<Map<string, number>> {
  const found = new Map<string, Set<string>>();
  for (const file of await filesUnder(dir)) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch {
      continue; // removed while scanning
    }
    const text = bytes.toString("latin1");
    const area = areaOf(file.slice(dir.length + 1));
    for (const m of text.matchAll(MARK)) {
      if (!deleted.has(m[0])) continue;
      const set = found.get(area) ?? new Set<string>();
      set.add(m[0]);
      found.set(area, set);
    }
  }
  return new Map([...found].map(([area, set]) => [area, set.size]));
}

function marker(): string {
  return `RSDU${randomBytes(6).toString("hex")}`;
}

async function plant(db: Exec): Promise<Set<string>> {
  await db.q(`drop table if exists probe`);
  await db.q(`create table probe (id serial primary key, short text not null, long text not null)`);
  await db.q(`create index probe_short on probe (short)`);
  const deleted = new Set<string>();
  const values: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    const short = marker();
    // ~3 kB of base64 noise with the marker at the start and in the middle: out of line, not compressible.
    const long = `${marker()} ${randomBytes(1100).toString("base64")} ${marker()} ${randomBytes(1100).toString("base64")}`;
    if (i % 2 === 0) for (const m of [short, ...long.match(MARK)!]) deleted.add(m);
    values.push(`('${short}', '${long}')`);
  }
  for (let i = 0; i < values.length; i += 200) await db.q(`insert into probe (short, long) values ${values.slice(i, i + 200).join(",")}`);
  return deleted;
}

function fmt(found: Map<string, number>, total: number): string {
  if (found.size === 0) return "none";
  return [...found].map(([area, n]) => `${area} ${n}/${total}`).join(", ");
}

/** "heap", "toast", "index" (or "other") of the file `relative` names, for the probe's own relations. */
async function relationKinds(db: Exec): Promise<(file: string) => string> {
  const rows = (await db.q(`select pg_relation_filenode(c.oid)::text as node,
      case when c.relkind = 'i' then 'index' when c.relkind = 't' then 'toast' when c.relname = 'probe' then 'heap' else 'other' end as kind
    from pg_class c where pg_relation_filenode(c.oid) is not null`)) as { node: string; kind: string }[];
  const kinds = new Map(rows.map((r) => [r.node, r.kind]));
  return (file) => kinds.get(file.split("/").at(-1)!.split(/[._]/)[0]!) ?? "other";
}

async function pglite(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "imi-residue-"));
  let kinds: (file: string) => string = () => "other";
  const area = (rel: string) => (rel.startsWith("base/") ? `table files (${kinds(rel)})` : rel.split("/")[0]!);
  let client = await PGlite.create(dir);
  const db: Exec = { q: async (text) => (await client.query<Record<string, unknown>>(text)).rows };
  const reopen = async () => {
    await client.close();
    client = await PGlite.create(dir);
  };
  const rows: [string, string, string][] = [];
  const deleted = await plant(db);
  const total = deleted.size;
  const step = async (label: string, work: () => Promise<void>) => {
    const started = performance.now();
    await work();
    const ms = performance.now() - started;
    await reopen();
    kinds = await relationKinds(db);
    rows.push([label, `${ms.toFixed(0)} ms`, fmt(await scan(dir, deleted, area), total)]);
  };
  await step("planted, then closed and reopened", async () => {});
  await step("DELETE half", async () => void (await db.q(`delete from probe where id % 2 = 1`)));
  await step("CHECKPOINT", async () => void (await db.q(`checkpoint`)));
  await step("VACUUM probe", async () => void (await db.q(`vacuum probe`)));
  await step("VACUUM probe + CHECKPOINT", async () => {
    await db.q(`vacuum probe`);
    await db.q(`checkpoint`);
  });
  await step("VACUUM FULL probe + CHECKPOINT", async () => {
    await db.q(`vacuum full probe`);
    await db.q(`checkpoint`);
  });
  await step("pg_switch_wal() + CHECKPOINT ×2", async () => {
    await db.q(`select pg_switch_wal()`);
    await db.q(`checkpoint`);
    await db.q(`select pg_switch_wal()`);
    await db.q(`checkpoint`);
  });
  // PGlite runs its checkpoints in this very backend: a session setting reaches them.
  await step("SET wal_recycle = off; pg_switch_wal() + CHECKPOINT", async () => {
    await db.q(`set wal_recycle = off`);
    await db.q(`select pg_switch_wal()`);
    await db.q(`checkpoint`);
  });
  const settings = await db.q(`select name, setting from pg_settings where name in ('wal_recycle','min_wal_size','max_wal_size','wal_segment_size','full_page_writes','wal_level')`);
  print(`PGlite ${(await db.q(`select version()`))[0]!.version}`, rows, settings);
  const size = (await Promise.all((await filesUnder(dir)).map((f) => stat(f).then((s) => s.size)))).reduce((a, b) => a + b, 0);
  console.log(`folder ${(size / 1024 / 1024).toFixed(1)} MB`);
  await client.close();
  await rm(dir, { recursive: true, force: true });
}

async function server(url: string): Promise<void> {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  const name = `imi_probe_${Date.now().toString(36)}`;
  await admin.unsafe(`create database ${name}`);
  const sqlc = postgres(Object.assign(new URL(url), { pathname: `/${name}` }).toString(), { max: 1, onnotice: () => {} });
  const db: Exec = { q: async (text) => [...(await sqlc.unsafe(text))] as Record<string, unknown>[] };
  try {
    const [{ data_directory: dataDir }] = (await db.q(`show data_directory`)) as [{ data_directory: string }];
    const [{ oid }] = (await db.q(`select oid::text from pg_database where datname = current_database()`)) as [{ oid: string }];
    const rows: [string, string, string][] = [];
    const deleted = await plant(db);
    const total = deleted.size;
    const scanAll = async () => {
      const kinds = await relationKinds(db);
      const tables = await scan(join(dataDir, "base", oid), deleted, (rel) => `table files (${kinds(rel)})`);
      const wal = await scan(join(dataDir, "pg_wal"), deleted, () => "pg_wal");
      return new Map([...tables, ...wal]);
    };
    const step = async (label: string, work: () => Promise<void>) => {
      const started = performance.now();
      await work();
      const ms = performance.now() - started;
      // A scan reads the files, not shared buffers: flush what is dirty before looking.
      await db.q(`checkpoint`);
      rows.push([label, `${ms.toFixed(0)} ms`, fmt(await scanAll(), total)]);
    };
    await step("planted", async () => {});
    await step("DELETE half", async () => void (await db.q(`delete from probe where id % 2 = 1`)));
    await step("VACUUM probe", async () => void (await db.q(`vacuum probe`)));
    await step("VACUUM (INDEX_CLEANUP off) again", async () => void (await db.q(`vacuum (index_cleanup off) probe`)));
    await step("CLUSTER probe USING probe_pkey", async () => void (await db.q(`cluster probe using probe_pkey`)));
    await step("VACUUM FULL probe", async () => void (await db.q(`vacuum full probe`)));
    await step("pg_switch_wal() + CHECKPOINT ×2", async () => {
      await db.q(`select pg_switch_wal()`);
      await db.q(`checkpoint`);
      await db.q(`select pg_switch_wal()`);
    });
    const settings = await db.q(`select name, setting from pg_settings where name in ('wal_recycle','min_wal_size','max_wal_size','wal_segment_size','full_page_writes','wal_level','archive_mode')`);
    print(`PostgreSQL ${(await db.q(`show server_version`))[0]!.server_version} (each row measured after a CHECKPOINT)`, rows, settings);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EACCES") console.log("PostgreSQL: the data directory is not readable by this process; skipped.");
    else throw error;
  } finally {
    await sqlc.end();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

function print(title: string, rows: [string, string, string][], settings: Record<string, unknown>[]): void {
  console.log(`\n### ${title}, ${ROWS} rows planted, half deleted\n`);
  console.log("| after | took | deleted values a byte scan still finds (distinct, per area) |\n|---|---|---|");
  for (const [a, b, c] of rows) console.log(`| ${a} | ${b} | ${c} |`);
  console.log(`\n${settings.map((s) => `${s.name}=${s.setting}`).join(", ")}`);
}

if (process.env.PROBE_DATABASE_URL) await server(process.env.PROBE_DATABASE_URL);
else await pglite();
