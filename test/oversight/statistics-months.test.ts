import { describe, expect, it } from "vitest";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";

/**
 * Pentest G4: a month is YYYY-MM with a year from 2000 to 2999. Date.UTC reads years 0-99 as
 * 1900-1999, so "0099-01" once answered as "1999-01"; such a month, and any other out of range, is
 * BAD_USER_INPUT naming the argument, in publicStatistics and statistics alike.
 */
describe.each(DRIVERS)("statistics months on %s", (driver) => {
  const suite = useSuite(driver);
  const BAD = ["0099-01", "0000-01", "1999-12", "3000-01", "99-01", "2025-13", "2025-00", "+2025-01"];

  const refusal = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
    (result.errors ?? []).map((e) => [e.extensions?.code, e.extensions?.field]);

  it("pentest G4 publicStatistics refuses a month outside 2000-2999 or not YYYY-MM (BAD_USER_INPUT), and answers a sane one", async () => {
    for (const month of BAD) {
      const from = await suite.api.executeText(`query($m: String) { publicStatistics(fromMonth: $m, toMonth: "2025-03") { fromMonth } }`, { m: month });
      expect(refusal(from), month).toEqual([["BAD_USER_INPUT", "fromMonth"]]);
      const to = await suite.api.executeText(`query($m: String) { publicStatistics(fromMonth: "2025-01", toMonth: $m) { fromMonth } }`, { m: month });
      expect(refusal(to), month).toEqual([["BAD_USER_INPUT", "toMonth"]]);
    }
    const ok = await suite.api.executeText<{ publicStatistics: { fromMonth: string; toMonth: string } }>(
      `{ publicStatistics(fromMonth: "2025-01", toMonth: "2025-03") { fromMonth toMonth } }`,
      {},
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.publicStatistics).toEqual({ fromMonth: "2025-01", toMonth: "2025-03" });
  });

  it("pentest G4 statistics refuses the same months for the Commission (BAD_USER_INPUT)", async () => {
    const world = await suite.world();
    const token = await world.token(world.user.helpdesk);
    for (const month of BAD) {
      const from = await suite.api.executeText(`query($m: String) { statistics(fromMonth: $m, toMonth: "2025-03") { month } }`, { m: month }, token);
      expect(refusal(from), month).toEqual([["BAD_USER_INPUT", "fromMonth"]]);
      const to = await suite.api.executeText(`query($m: String) { statistics(fromMonth: "2025-01", toMonth: $m) { month } }`, { m: month }, token);
      expect(refusal(to), month).toEqual([["BAD_USER_INPUT", "toMonth"]]);
    }
    const ok = await suite.api.executeText(`{ statistics(fromMonth: "2025-01", toMonth: "2025-03") { month } }`, {}, token);
    expect(ok.errors).toBeUndefined();
  });
});
