/**
 * The bench's database: PostgreSQL (what production runs) when BENCH_DATABASE_URL is set or the CI
 * server at postgres://postgres@127.0.0.1:5432/test answers, else in-memory PGlite. On PostgreSQL
 * every run gets a fresh database of its own, dropped afterwards (as test/helpers/database.ts does).
 */
import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "../src/db/client.js";

export const DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test";

export type Driver = "pglite" | "postgres";

/** Where the bench runs: a PostgreSQL server URL, or undefined for PGlite. Probed once. */
let resolved: Promise<string | undefined> | undefined;
export function postgresServerUrl(): Promise<string | undefined> {
  resolved ??= (async () => {
    if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
    if (process.env.BENCH_PGLITE === "1") return undefined;
    const probe = postgres(DEFAULT_POSTGRES_URL, { max: 1, connect_timeout: 2, onnotice: () => {} });
    try {
      await probe`select 1`;
      return DEFAULT_POSTGRES_URL;
    } catch {
      return undefined;
    } finally {
      await probe.end({ timeout: 1 });
    }
  })();
  return resolved;
}

/** The server's version line, for the report. */
export async function serverVersion(serverUrl: string | undefined): Promise<string> {
  if (!serverUrl) {
    const pg = await PGlite.create("memory://");
    const [row] = (await pg.query<{ v: string }>("select version() as v")).rows;
    await pg.close();
    return `PGlite ${row?.v.split(" ").slice(0, 2).join(" ")} (in-process WASM)`;
  }
  const client = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const [row] = await client<{ v: string }[]>`select version() as v`;
  await client.end({ timeout: 1 });
  return row?.v.split(" ").slice(0, 2).join(" ") ?? "PostgreSQL";
}

/** A fresh database on the server, dropped by the returned function. */
export async function createServerDatabase(serverUrl: string, purpose: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `imi_bench_${purpose}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  await migrateFirstSteps(url);
  return {
    url,
    async drop() {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 1 });
    },
  };
}

export interface CountingDatabase extends DatabaseHandle {
  /** Statements drizzle has sent so far (query builders and db.execute; BEGIN/COMMIT of a transaction not counted). */
  statements(): number;
}

/** openDatabase (src/db/client.ts) with a logger counting statements; `url` undefined: in-memory PGlite. */
export async function openCountingDatabase(url: string | undefined, maxConnections = 10): Promise<CountingDatabase> {
  let count = 0;
  const handle = await openDatabase({ url, pgliteDir: "memory://", maxConnections, queryLogger: { logQuery: () => void count++ } });
  return Object.assign(handle, { statements: () => count });
}

export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * A fresh PostgreSQL database's migrations up to and including `lastTag`, committed on their own.
 * drizzle runs every pending migration in one transaction, and a migration that uses an enum value an
 * earlier one of the same batch added fails there (55P04: 0027 uses the role SUPERVISOR that 0022
 * adds); migrating up to 0022 first, the rest then goes through as on a database deployed step by step.
 */
export async function migrateFirstSteps(url: string, lastTag = "0022_oversight_supervisor_statistics"): Promise<void> {
  const { cp, mkdtemp, readFile, rm, writeFile } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const { MIGRATIONS_FOLDER } = await import("../src/db/client.js");
  const folder = await mkdtemp(join(tmpdir(), "imi-migrations-"));
  try {
    await cp(MIGRATIONS_FOLDER, folder, { recursive: true });
    const journalPath = join(folder, "meta", "_journal.json");
    const journal = JSON.parse(await readFile(journalPath, "utf8")) as { entries: { tag: string }[] };
    const last = journal.entries.findIndex((e) => e.tag === lastTag);
    if (last < 0) return;
    journal.entries = journal.entries.slice(0, last + 1);
    await writeFile(journalPath, JSON.stringify(journal));
    const client = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await migrate(drizzle(client), { migrationsFolder: folder });
    } finally {
      await client.end({ timeout: 1 });
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
