import { lstat, mkdir, realpath } from "node:fs/promises";
import { connect, type Socket } from "node:net";
import { fileURLToPath } from "node:url";
import type { Logger as QueryLogger } from "drizzle-orm";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import type { Database } from "./database.js";
import { DATABASE_TIMEOUT } from "./pg-errors.js";
import { preparingStatements } from "./prepared-statements.js";
import { isReady } from "./readiness.js";
import { DataFolderInUseError, DataFolderLinkError, lockDataFolder, type DataFolderLock } from "./pglite-lock.js";
import * as schema from "./schema/index.js";

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../drizzle", import.meta.url));

export interface DatabaseHandle {
  readonly db: Database;
  readonly driver: "pglite" | "postgres";
  /** Applies the migrations in drizzle/ that have not run yet. */
  migrate(): Promise<void>;
  /**
   * Runs `work` without the answer bound of DATABASE_QUERY_TIMEOUT_SECONDS, for the few statements
   * that legitimately run long (the retention job's VACUUM of large personal-data tables).
   */
  unbounded<T>(work: () => Promise<T>): Promise<T>;
  /**
   * LISTEN on a channel (issue 16, live events): `onPayload` hears each NOTIFY once its transaction
   * commits, from every process on the database. Resolves to the function that stops listening.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
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
  /** postgres.js: seconds to wait for a new connection to be ready (postgres.js' default is 30). */
  connectTimeoutSeconds?: number;
  /**
   * Seconds a connection may wait for an answer from PostgreSQL before it is dropped (its statement
   * fails as SERVICE_UNAVAILABLE); unset or 0: no bound. Paused while migrations run.
   */
  queryTimeoutSeconds?: number;
  /** PostgreSQL: drizzle's statements are prepared, so that their plans are cached (db/prepared-statements.ts). Default true. */
  prepareStatements?: boolean;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) return openPostgres(options.url, options.maxConnections ?? 10, options);
  return openPglite(options.pgliteDir ?? "memory://", options.queryLogger);
}

/**
 * Reconnect delay after failed connection attempts, in seconds. postgres.js' default grows to 20 s
 * (3^n / 100), and every query waited for it: during an outage requests took up to 19 s to fail,
 * and at recovery /readyz took 11.5 s (issue 12, finding 5). Capped at 1 s, an outage is reported
 * within about a second and a recovered database is used within about a second.
 */
const reconnectDelay = (retries: number): number => Math.min(0.05 * 2 ** retries, 1);

function openPostgres(url: string, max: number, options: DatabaseOptions): DatabaseHandle {
  const multiHost = /^[a-z]+:\/\/(?:[^@/]*@)?[^/?]*,/i.test(url);
  const watchdog = options.queryTimeoutSeconds && !multiHost ? new AnswerWatchdog(options.queryTimeoutSeconds * 1000) : undefined;
  const client = postgres(url, {
    max,
    onnotice: () => {},
    backoff: reconnectDelay,
    // JIT off for every connection: the planner estimates a sealed result's key lookup (one owner per
    // row, across the hash partitions of personal_data_keys) at a cost far above the JIT thresholds, and
    // PostgreSQL's default (jit = on) then compiled ~1,200 functions for a lookup that runs in 17-28 ms:
    // 5.3 s per read at 100k procedures (bench/results.md section 10). A startup parameter, so it also
    // holds under SET ROLE (a role's own settings apply only at login).
    connection: { jit: "off" },
    ...(options.connectTimeoutSeconds ? { connect_timeout: options.connectTimeoutSeconds } : {}),
    // An idle connection whose last sample saw both a question and its answer looks like one
    // waiting: postgres.js ends idle connections first, so the watchdog only ever meets busy ones.
    ...(watchdog ? { socket: watchdog.socketFactory(), idle_timeout: Math.max(1, options.queryTimeoutSeconds! - 2) } : {}),
  });
  const db = drizzlePostgres(options.prepareStatements === false ? client : preparingStatements(client), { schema, logger: options.queryLogger });
  return {
    db: db as unknown as Database,
    driver: "postgres",
    migrate: async () => {
      // A current database needs nothing: so a replica connected as the API's login role, which may
      // not create drizzle's schema (issue 13, docs/deployment.md "Database roles"), starts as well.
      if (await isReady(db as unknown as Database)) return;
      const run = () => migratePostgres(db, { migrationsFolder: MIGRATIONS_FOLDER });
      await (watchdog ? watchdog.paused(run) : run());
    },
    unbounded: (work) => (watchdog ? watchdog.paused(work) : work()),
    // postgres.js keeps one connection of its own for LISTEN and re-listens after a reconnect.
    async listen(channel, onPayload) {
      const { unlisten } = await client.listen(channel, onPayload);
      return unlisten;
    },
    async close() {
      await client.end({ timeout: 5 });
      watchdog?.stop();
    },
  };
}

/**
 * Bounds the wait for PostgreSQL's answer on every connection, which postgres.js does not: through a
 * network partition a statement on an open connection waited for TCP to give up (many minutes).
 * postgres.js gets its sockets from here; twice a second each socket's byte counts are sampled, and
 * one that sent something and has heard nothing back for the bound is destroyed, which fails its
 * statements at once (SERVICE_UNAVAILABLE) and lets postgres.js reconnect. The counts are those of
 * the TCP socket, so this works under TLS too. A statement that legitimately runs longer than the
 * bound is cut off the same way (set DATABASE_QUERY_TIMEOUT_SECONDS above the longest one). One host
 * only: a multi-host URL keeps postgres.js' own sockets.
 */
class AnswerWatchdog {
  private readonly sockets = new Map<Socket, { read: number; written: number; waitingSince: number | null }>();
  private timer: NodeJS.Timeout | undefined;
  private pauses = 0;

  constructor(private readonly boundMs: number) {}

  socketFactory() {
    return (o: { host: string[]; port: number[]; path?: string | false }): Socket => {
      // host and port as postgres.js sets them on its own sockets (its connection errors name them).
      const socket = o.path ? connect(o.path) : Object.assign(connect(o.port[0]!, o.host[0]!), { host: o.host[0], port: o.port[0] });
      this.sockets.set(socket, { read: 0, written: 0, waitingSince: null });
      socket.once("close", () => this.sockets.delete(socket));
      this.timer ??= setInterval(() => this.sample(), Math.min(500, this.boundMs / 2)).unref();
      return socket;
    };
  }

  /** Migrations may legitimately run long statements (an index on a large table): not bounded. */
  async paused<T>(work: () => Promise<T>): Promise<T> {
    this.pauses++;
    try {
      return await work();
    } finally {
      this.pauses--;
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private sample(): void {
    const now = Date.now();
    for (const [socket, seen] of this.sockets) {
      const { bytesRead: read, bytesWritten: written } = socket;
      // Sent something since the last sample: an answer is due, from now (whether or not an earlier
      // one came back meanwhile: the order within a sample is unknown). Only heard, nothing sent: answered.
      if (written !== seen.written) seen.waitingSince = now;
      else if (read !== seen.read) seen.waitingSince = null;
      seen.read = read;
      seen.written = written;
      if (seen.waitingSince !== null && now - seen.waitingSince >= this.boundMs && this.pauses === 0) {
        socket.destroy(Object.assign(new Error(`PostgreSQL did not answer within ${this.boundMs / 1000} s.`), { code: DATABASE_TIMEOUT }));
      }
    }
  }
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
    // Found from outside: PGlite's file system cannot open a folder given as a symbolic link (it
    // failed with an unnamed ErrnoError, and the start logged nothing useful), and the master key and
    // signing key files are found beside the folder by its name: refused, naming the real folder.
    const linked = await lstat(dir).then((stats) => stats.isSymbolicLink(), () => false);
    if (linked) throw new DataFolderLinkError(dir, await realpath(dir).catch(() => "a missing target"));
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
    unbounded: (work) => work(),
    listen: (channel, onPayload) => client.listen(channel, onPayload),
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
    if (!(error instanceof DataFolderInUseError) && !(error instanceof DataFolderLinkError)) throw error;
    console.error(`Refused: ${error.message}`);
    process.exit(1);
  }
}
