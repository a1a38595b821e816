import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Logger as QueryLogger } from "drizzle-orm";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import type { Database } from "./database.js";
import { DataFolderInUseError, lockDataFolder, type DataFolderLock } from "./pglite-lock.js";
import * as schema from "./schema/index.js";

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../drizzle", import.meta.url));

export interface DatabaseHandle {
  readonly db: Database;
  readonly driver: "pglite" | "postgres";
  /** Applies the migrations in drizzle/ that have not run yet. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; without it the embedded PGlite is used. */
  url?: string | undefined;
  /** PGlite data folder; "memory://" for a throw-away database. */
  pgliteDir?: string;
  /** postgres.js pool size. */
  maxConnections?: number;
  /** Told of every statement drizzle sends (the benchmark and a test count them). */
  queryLogger?: QueryLogger;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) return openPostgres(options.url, options.maxConnections ?? 10, options.queryLogger);
  return openPglite(options.pgliteDir ?? "memory://", options.queryLogger);
}

function openPostgres(url: string, max: number, logger: QueryLogger | undefined): DatabaseHandle {
  const client = postgres(url, { max, onnotice: () => {} });
  const db = drizzlePostgres(client, { schema, logger });
  return {
    db: db as unknown as Database,
    driver: "postgres",
    migrate: () => migratePostgres(db, { migrationsFolder: MIGRATIONS_FOLDER }),
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(dir: string, logger: QueryLogger | undefined): Promise<DatabaseHandle> {
  // Loaded only here: production runs on PostgreSQL, and importing PGlite costs about 0.2 s of every
  // start (bench/results.md, cold start).
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
  ]);
  let lock: DataFolderLock | undefined;
  if (!dir.startsWith("memory://")) {
    // PGlite does not create parent folders itself.
    await mkdir(dir, { recursive: true });
    // Before PGlite touches the folder: it belongs to one process (SPEC "Runtime", pglite-lock.ts).
    lock = await lockDataFolder(dir);
  }
  let client: InstanceType<typeof PGlite>;
  try {
    client = await PGlite.create(dir);
  } catch (error) {
    await lock?.release();
    throw error;
  }
  const db = drizzlePglite(client, { schema, logger });
  return {
    db: db as unknown as Database,
    driver: "pglite",
    migrate: () => migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER }),
    async close() {
      try {
        await client.close();
      } finally {
        await lock?.release();
      }
    },
  };
}

/**
 * For entry points (the server, db:migrate, db:seed): the database, or, when the embedded data
 * folder is held by another process, one line naming the folder and that process, and exit code 1.
 */
export async function openDatabaseOrExit(options: DatabaseOptions): Promise<DatabaseHandle> {
  try {
    return await openDatabase(options);
  } catch (error) {
    if (!(error instanceof DataFolderInUseError)) throw error;
    console.error(`Refused: ${error.message}`);
    process.exit(1);
  }
}
