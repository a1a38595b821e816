import { beforeAll, describe, expect, it } from "vitest";
import { participants, procedures } from "../../src/db/schema/index.js";
import { MEMBER_STATES } from "../../src/modules/directory/member-states.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import type { World } from "../helpers/world.js";

type Cell = { month: string; legalAreaCode: string; memberState: string | null; requestsSent: string; closed: string; alertsSent: string };
const FIELDS = "month legalAreaCode memberState requestsSent acceptedWithin7DaysShare medianDaysToAccept medianDaysToAnswer closed blocked deleted alertsSent";

/**
 * Pentest F4 (issue 18, "no figure points at a person"; the shells of R-RETAIN-3): an insider adds requests
 * to a cell one at a time and reads the public figure after each, asking a different range every time so no
 * range cache hides the change. Before the fix the rounded value flipped ("<5", "5", "10") and gave the hidden
 * count exactly; an absent cell told a true zero from a small count.
 */
describe.each(DRIVERS)("public statistics against differencing on %s", (driver) => {
  const suite = useSuite(driver);
  let world: World;
  let sequence = 0;

  async function sendRequest(sentAt: Date) {
    const [row] = await suite.db.db
      .insert(procedures)
      .values({ reference: `DIFF-${world.tag}-${++sequence}`, kind: "SOLVIT_CASE", legalAreaCode: "SERVICES", subject: "Differencing", status: "SENT", initiatorAuthorityId: world.authority.dk, createdAt: sentAt, sentAt, lastActivityAt: sentAt })
      .returning();
    await suite.db.db.insert(participants).values([
      { procedureId: row!.id, authorityId: world.authority.dk, part: "INITIATOR", addedAt: sentAt },
      { procedureId: row!.id, authorityId: world.authority.fr, part: "RESPONDER", addedAt: sentAt },
    ]);
  }

  async function publicCells(fromMonth: string, toMonth: string) {
    const result = await suite.api.executeText<{ publicStatistics: { fromMonth: string; toMonth: string; cells: Cell[]; totals: Cell[] } }>(
      `query($f: String, $t: String) { publicStatistics(fromMonth: $f, toMonth: $t) { fromMonth toMonth cells { ${FIELDS} } totals { ${FIELDS} } } }`,
      { f: fromMonth, t: toMonth },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.publicStatistics;
  }

  beforeAll(async () => {
    world = await suite.world();
  });

  it("R-RETAIN-3: an insider adding requests to the current month and to a published month, asking a new range each time, sees no figure move", async () => {
    // The clock stands in 2026-06: 2026-05 is the last closed (published) month, 2026-06 is still moving.
    // The hidden count the insider wants: one other request in the published month's SERVICES / FR cell.
    await sendRequest(new Date("2026-05-12T10:00:00Z"));
    const first = await publicCells("2026-01", "2026-06");
    expect(first.toMonth).toBe("2026-05");
    const watched = (a: typeof first) => [a.cells.find((c) => c.month === "2026-05" && c.legalAreaCode === "SERVICES" && c.memberState === "FR"), a.totals.find((c) => c.month === "2026-05" && c.legalAreaCode === "SERVICES")];
    const before = watched(first);
    for (let i = 1; i <= 8; i++) {
      await sendRequest(new Date("2026-06-01T10:00:00Z"));
      await sendRequest(new Date("2026-05-20T10:00:00Z"));
      const from = `2025-${String(i + 1).padStart(2, "0")}`;
      const answer = await publicCells(from, "2026-06");
      expect(answer.cells.some((c) => c.month === "2026-06"), "the current month is never public").toBe(false);
      expect(watched(answer), `after ${i} added, range from ${from}`).toEqual(before);
    }
  });

  it("R-RETAIN-3: absent and zero cells are indistinguishable: every month × legal area × state is there, a true zero reads like a count of one", async () => {
    await sendRequest(new Date("2026-03-03T10:00:00Z")); // SERVICES / FR in 2026-03 holds one request, LV none
    const answer = await publicCells("2026-03", "2026-04");
    const months = ["2026-03", "2026-04"];
    const areas = [...new Set(answer.totals.map((c) => c.legalAreaCode))];
    expect(areas.length).toBeGreaterThan(1);
    expect(answer.cells.length).toBe(months.length * areas.length * (MEMBER_STATES.length + 1));
    for (const month of months)
      for (const area of areas)
        for (const state of MEMBER_STATES) expect(answer.cells.filter((c) => c.month === month && c.legalAreaCode === area && c.memberState === state).length).toBe(1);
    const strip = ({ memberState: _s, ...rest }: Cell) => rest;
    const zero = answer.cells.find((c) => c.month === "2026-03" && c.legalAreaCode === "SERVICES" && c.memberState === "FR")!;
    const other = answer.cells.find((c) => c.month === "2026-03" && c.legalAreaCode === "SERVICES" && c.memberState === "LV")!;
    expect(strip(zero)).toEqual(strip(other));
    expect(zero.requestsSent).toBe("<5");
  });
});
