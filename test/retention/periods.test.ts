import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { procedures } from "../../src/db/schema/index.js";
import { DEFAULT_RETENTION_SETTINGS, RetentionService } from "../../src/modules/retention/retention.service.js";
import { DELETION_MONTHS, deletionDate, plusMonthsSql, plusMonthsUtc } from "../../src/modules/retention/periods.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import { exchange, RETRIEVE } from "../rights/rights-fixtures.js";
import { DAY, tokenNow } from "./retention-fixtures.js";
import { rowsOf } from "../../src/db/rows.js";

/** Month ends, leap days and the turn of the year, at the first and last millisecond of the day and in between. */
function boundaryInstants(): Date[] {
  const out: Date[] = [];
  for (let year = 2023; year <= 2025; year++) {
    for (let month = 0; month < 12; month++) {
      for (const day of [1, 28, 29, 30, 31]) {
        const date = new Date(Date.UTC(year, month, day));
        if (date.getUTCMonth() !== month) continue;
        for (const ms of [0, 12 * 3600_000 + 34 * 60_000 + 56_789, DAY - 1]) out.push(new Date(date.getTime() + ms));
      }
    }
  }
  return out;
}

describe.each(DRIVERS)("one definition of the legal periods on %s", (driver) => {
  const suite = useSuite(driver);

  it("R-RETAIN-3 the TypeScript and the SQL definition of 36 (and 6, 18, 12) calendar months agree to the millisecond at every month end, in any session time zone", async () => {
    const instants = boundaryInstants();
    expect(instants.length).toBe(480);
    // In a session whose time zone is not UTC: the periods are computed in UTC all the same.
    const answers = await suite.db.db.transaction(async (tx) => {
      await tx.execute(sql`set local time zone 'Pacific/Chatham'`);
      return rowsOf<{ i: number; months: number; at: string }>(
        await tx.execute(sql`
          select i::int as i, m::int as months,
                 to_char(${plusMonthsSql(sql`t`, sql`m`)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at
          from unnest(${`{${instants.map((d) => d.toISOString()).join(",")}}`}::timestamptz[]) with ordinality as u(t, i)
          cross join unnest(array[${DELETION_MONTHS}::int, 6, 18, 12]) as m`),
      );
    });
    expect(answers.length).toBe(instants.length * 4);
    const mismatches = answers.filter((a) => plusMonthsUtc(instants[Number(a.i) - 1]!, Number(a.months)).toISOString() !== a.at);
    expect(mismatches).toEqual([]);
    // The cases that 3 × 365.25 days got wrong: a leap day and a 31st.
    expect(deletionDate(new Date("2024-02-29T12:00:00Z")).toISOString()).toBe("2027-02-28T12:00:00.000Z");
    expect(deletionDate(new Date("2023-01-31T00:00:00Z")).toISOString()).toBe("2026-01-31T00:00:00.000Z");
  });

  for (const closedAt of ["2024-02-29T12:34:56.789Z", "2023-01-31T00:00:00.000Z", "2025-08-31T23:59:59.999Z"]) {
    it(`R-RETAIN-3 the helpdesk's reach into blocked data ends at the very instant the job deletes it (closed ${closedAt})`, async () => {
      const closed = new Date(closedAt);
      suite.api.clock.set(closed);
      const world = await suite.world();
      const { id } = await exchange(suite, world, { block: true });
      expect((await suite.db.db.select().from(procedures).where(eq(procedures.id, id)))[0]?.closedAt).toEqual(closed);

      // A retrieval a few days before the deletion: it would run for a week, but ends with the data.
      suite.api.clock.set(new Date(deletionDate(closed).getTime() - 3 * DAY));
      const helpdesk = await tokenNow(suite, world.user.helpdesk);
      const retrieved = await suite.api.execute(
        RETRIEVE,
        { input: { procedureId: id, requestingAuthorityId: world.authority.dk, ground: "PUBLIC_INTEREST", reason: "Fraud investigation." } },
        helpdesk,
      );
      expect(retrieved.errors).toBeUndefined();
      const validUntil = new Date(retrieved.data!.retrieveBlockedData.validUntil);

      // The job, as of one millisecond before that instant, keeps the data; as of that instant, deletes it.
      suite.api.clock.set(new Date(validUntil.getTime() + DAY));
      const service = new RetentionService(suite.db.db, suite.api.clock, DEFAULT_RETENTION_SETTINGS);
      await service.run({ asOf: new Date(validUntil.getTime() - 1) });
      const kept = (await suite.db.db.select().from(procedures).where(eq(procedures.id, id)))[0]!;
      expect(kept.personalDataDeletedAt).toBeNull();
      await service.run({ asOf: validUntil });
      const deleted = (await suite.db.db.select().from(procedures).where(eq(procedures.id, id)))[0]!;
      expect(deleted.personalDataDeletedAt).toEqual(validUntil);
      expect(validUntil).toEqual(deletionDate(closed));
    });
  }
});
