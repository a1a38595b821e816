import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle, type DatabaseOptions } from "../../src/db/client.js";

export type Driver = "pglite" | "postgres";

/**
 * PGlite always; PostgreSQL too when TEST_DATABASE_URL is set (CI does). TEST_DRIVERS=postgres
 * narrows a run to one driver, so CI does not run the PGlite half twice.
 */
export const DRIVERS: Driver[] = (() => {
  const available: Driver[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
  const wanted = process.env.TEST_DRIVERS?.split(",").map((d) => d.trim());
  if (wanted?.includes("postgres") && !process.env.TEST_DATABASE_URL) {
    throw new Error("TEST_DRIVERS asks for postgres but TEST_DATABASE_URL is not set.");
  }
  return wanted ? available.filter((driver) => wanted.includes(driver)) : available;
})();

export interface TestDatabase extends DatabaseHandle {
  /** Closes the connection and, on PostgreSQL, drops the run's database. */
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database of its own: in-memory PGlite, or a new PostgreSQL database created
 * for this run on the TEST_DATABASE_URL server, so that runs never see each other's rows.
 * `queryLogger` is told of every statement (a test counting them).
 */
export async function createTestDatabase(driver: Driver, options: Pick<DatabaseOptions, "queryLogger"> = {}): Promise<TestDatabase> {
  if (driver === "pglite") {
    const handle = await openDatabase({ pgliteDir: "memory://", ...options });
    await handle.migrate();
    return { ...handle, dispose: () => handle.close() };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `imi_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), maxConnections: 5, ...options });
  await handle.migrate();
  return {
    ...handle,
    async dispose() {
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}
