import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/clock.js";
import { viewerSettingsSql } from "../../src/db/rls/request-scope.js";
import { API_ROLE } from "../../src/db/rls/roles.js";
import { seedDemoWorld } from "../../src/db/seed/demo-world.js";
import { createFormatError } from "../../src/graphql/format-error.js";
import { createLogger } from "../../src/logger.js";
import { demoViewers } from "../helpers/api-role-attempt.js";
import { createTestDatabase, DRIVERS, type TestDatabase } from "../helpers/database.js";

/**
 * Issue 13: when the database's wall refuses what a service let through (a bug of the first wall), the
 * client gets an explained FORBIDDEN with reason ROW_SECURITY, never INTERNAL_SERVER_ERROR with the
 * database's text (the policy, the table, the trigger's message).
 */
describe.each(DRIVERS)("a refusal of the database's wall, as the API answers it (%s)", (driver) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    await seedDemoWorld(database.db, systemClock, "development");
  }, 180_000);

  afterAll(async () => {
    await database?.dispose();
  });

  it("R-SEC-1: a guard trigger's and a row policy's refusal answer FORBIDDEN, reason ROW_SECURITY, without the SQL", async () => {
    const coordinator = (await demoViewers(database.db)).get("coordinator.dk@imi.example")!;
    const formatError = createFormatError(createLogger("silent"));
    for (const statement of [sql`update procedures set status = 'CLOSED', closed_at = now()`, sql`insert into personal_data_grants (procedure_id) select id from procedures`]) {
      const thrown = await database.db
        .transaction(async (tx) => {
          await tx.execute(viewerSettingsSql(API_ROLE, { viewer: coordinator, now: systemClock.now() }));
          await tx.execute(statement);
        })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(thrown).toBeDefined();
      const formatted = formatError({ message: String(thrown) }, thrown);
      expect(formatted.extensions).toEqual({ code: "FORBIDDEN", reason: "ROW_SECURITY" });
      expect(formatted.message).not.toMatch(/procedure|grant|policy|row-level|imi_/i);
    }
  });
});
