import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf } from "../../src/db/rows.js";
import { inRequestTransaction } from "../../src/db/rls/request-scope.js";
import { createTestDatabase, DRIVERS } from "../helpers/database.js";

/**
 * PostgreSQL's default jit = on compiled ~1,200 functions for each sealed result's key lookup (its
 * estimated cost over the hash partitions of personal_data_keys is far above the JIT thresholds): 5.3 s
 * for a lookup that runs in 17-28 ms (bench/results.md section 10). Every connection the server opens
 * turns it off, also inside a request's transaction as the API's role.
 */
describe.skipIf(!DRIVERS.includes("postgres"))("JIT on the server's connections (PostgreSQL)", () => {
  it("is off on every connection, and stays off as the API's role in a request's transaction", async () => {
    const database = await createTestDatabase("postgres");
    try {
      const [plain] = rowsOf<{ jit: string }>(await database.db.execute(sql`show jit`));
      expect(plain!.jit).toBe("off");
      const inRequest = await inRequestTransaction(database.db, { viewer: null, now: new Date() }, async (held) => {
        const [row] = rowsOf<{ jit: string; role: string }>(await held.executor!.execute(sql`select current_setting('jit') as jit, current_user as role`));
        return row!;
      });
      expect(inRequest).toEqual({ jit: "off", role: "imi_api" });
    } finally {
      await database.dispose();
    }
  });
});
