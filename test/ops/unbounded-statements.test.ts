import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../src/db/client.js";
import { DATABASE_TIMEOUT } from "../../src/db/pg-errors.js";
import { DRIVERS } from "../helpers/database.js";

/**
 * DATABASE_QUERY_TIMEOUT_SECONDS cuts a connection that waits longer for PostgreSQL's answer; the few
 * statements that legitimately run longer (the retention job's VACUUM of a large personal-data table,
 * residue.ts) run through the handle's `unbounded` and are not cut.
 */
describe.skipIf(!DRIVERS.includes("postgres"))("statements exempt from the answer bound, on postgres", () => {
  const serverUrl = process.env.TEST_DATABASE_URL!;
  const name = `imi_unbounded_${randomBytes(4).toString("hex")}`;
  let admin: postgres.Sql;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    handle = await openDatabase({ url: url.toString(), maxConnections: 2, queryTimeoutSeconds: 1 });
  });

  afterAll(async () => {
    await handle?.close();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  });

  it("cuts a statement waiting past the bound, and lets the same statement finish inside unbounded", async () => {
    const cut = await handle.db.execute(sql`select pg_sleep(2.5)`).then(
      () => null,
      (error: unknown) => error as { code?: string; cause?: { code?: string } },
    );
    expect(cut?.code ?? cut?.cause?.code).toBe(DATABASE_TIMEOUT);
    await expect(handle.unbounded(() => handle.db.execute(sql`select pg_sleep(2.5)`))).resolves.toBeDefined();
    // The bound is back afterwards.
    const again = await handle.db.execute(sql`select pg_sleep(2.5)`).then(
      () => null,
      (error: unknown) => error as { code?: string; cause?: { code?: string } },
    );
    expect(again?.code ?? again?.cause?.code).toBe(DATABASE_TIMEOUT);
  });
});
