import { inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { legalAreas, participants, procedures } from "../../src/db/schema/index.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import type { World } from "../helpers/world.js";

const DAY = 24 * 3600 * 1000;

/** A small deterministic generator, so a failure is reproducible. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

interface Made {
  kind: "REQUEST" | "ALERT" | "SOLVIT_CASE";
  area: string;
  sentAt: Date;
  states: string[];
  acceptedAt: Date | null;
  answeredAt: Date | null;
  closed: boolean;
  blocked: boolean;
  deleted: boolean;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The figures computed here, independently of the SQL, from the rows the test made. */
function expected(made: Made[]) {
  const cells = new Map<string, Made[]>();
  for (const m of made) {
    for (const state of new Set(m.states)) {
      const key = `${m.sentAt.toISOString().slice(0, 7)}|${m.area}|${state}`;
      cells.set(key, [...(cells.get(key) ?? []), m]);
    }
  }
  return [...cells.entries()].map(([key, ms]) => {
    const [month, legalAreaCode, memberState] = key.split("|");
    const requests = ms.filter((m) => m.kind !== "ALERT");
    const accepted = requests.filter((m) => m.acceptedAt);
    const answered = requests.filter((m) => m.answeredAt);
    return {
      month,
      legalAreaCode,
      memberState,
      requestsSent: requests.length,
      acceptedWithin7Days: accepted.filter((m) => m.acceptedAt!.getTime() - m.sentAt.getTime() <= 7 * DAY).length,
      medianDaysToAccept: median(accepted.map((m) => (m.acceptedAt!.getTime() - m.sentAt.getTime()) / DAY)),
      medianDaysToAnswer: median(answered.map((m) => (m.answeredAt!.getTime() - m.sentAt.getTime()) / DAY)),
      closed: ms.filter((m) => m.closed).length,
      blocked: ms.filter((m) => m.blocked).length,
      deleted: ms.filter((m) => m.deleted).length,
      alertsSent: ms.filter((m) => m.kind === "ALERT").length,
    };
  });
}

const CELL = `month legalAreaCode memberState requestsSent acceptedWithin7Days acceptedWithin7DaysShare medianDaysToAccept medianDaysToAnswer closed blocked deleted alertsSent`;
const PUBLIC_CELL = `month legalAreaCode memberState requestsSent acceptedWithin7DaysShare medianDaysToAccept medianDaysToAnswer closed blocked deleted alertsSent`;

describe.each(DRIVERS)("statistics from the shells on %s", (driver) => {
  const suite = useSuite(driver);
  let world: World;
  const made: Made[] = [];
  let sequence = 0;

  /** Inserts procedures as the shells hold them (metadata only); the trigger sets the first answer time. */
  async function make(m: Made) {
    const initiator = m.states.includes("DK") ? world.authority.fr : world.authority.dk;
    const recipientOf: Record<string, string> = { DK: world.authority.dk2, DE: world.authority.de, FR: world.authority.fr };
    const [row] = await suite.db.db
      .insert(procedures)
      .values({
        reference: `STAT-${world.tag}-${++sequence}`,
        kind: m.kind,
        legalAreaCode: m.area,
        subject: "Statistics",
        status: m.answeredAt ? "ANSWERED" : m.acceptedAt ? "ACCEPTED" : "SENT",
        initiatorAuthorityId: initiator,
        createdAt: new Date(m.sentAt.getTime() - DAY),
        sentAt: m.sentAt,
        lastActivityAt: m.answeredAt ?? m.acceptedAt ?? m.sentAt,
      })
      .returning();
    const id = row!.id;
    await suite.db.db.insert(participants).values([
      { procedureId: id, authorityId: initiator, part: "INITIATOR", addedAt: m.sentAt },
      ...m.states.map((state, i) => ({
        procedureId: id,
        authorityId: recipientOf[state]!,
        part: m.kind === "ALERT" ? ("RECIPIENT" as const) : ("RESPONDER" as const),
        addedAt: m.sentAt,
        // The first recipient accepts (the others of an alert never do): the figure is the first acceptance.
        acceptedAt: i === 0 ? m.acceptedAt : null,
      })),
    ]);
    if (m.closed) {
      const closedAt = new Date(m.sentAt.getTime() + 40 * DAY);
      await suite.db.db
        .update(procedures)
        .set({
          status: "CLOSED",
          closedAt,
          blockedAt: m.blocked ? new Date(closedAt.getTime() + 200 * DAY) : null,
          personalDataDeletedAt: m.deleted ? new Date(closedAt.getTime() + 1100 * DAY) : null,
        })
        .where(inArray(procedures.id, [id]));
    }
    made.push(m);
  }

  beforeAll(async () => {
    world = await suite.world();
    const next = random(18);
    const areas = ["SERVICES", "PROFESSIONAL_QUALIFICATIONS"];
    for (let i = 0; i < 120; i++) {
      const kind = next() < 0.15 ? "ALERT" : next() < 0.1 ? "SOLVIT_CASE" : "REQUEST";
      const sentAt = new Date(Date.UTC(2025, Math.floor(next() * 3), 1 + Math.floor(next() * 27), Math.floor(next() * 24)));
      const accepted = kind !== "ALERT" && next() < 0.8;
      const acceptedAt = accepted ? new Date(sentAt.getTime() + next() * 14 * DAY) : kind === "ALERT" && next() < 0.5 ? new Date(sentAt.getTime() + DAY) : null;
      const answeredAt = accepted && next() < 0.7 ? new Date(acceptedAt!.getTime() + next() * 30 * DAY) : null;
      const closed = next() < 0.5;
      const blocked = closed && next() < 0.5;
      const deleted = blocked && next() < 0.5;
      const states = kind === "ALERT" ? ["DE", "FR"] : [next() < 0.6 ? "DE" : "DK"];
      await make({ kind, area: next() < 0.7 ? areas[0]! : areas[1]!, sentAt, states, acceptedAt: kind === "ALERT" ? acceptedAt : acceptedAt, answeredAt, closed, blocked, deleted });
    }
    // A planted cell of one: a single request to France in the patients' rights area in March 2025.
    await make({ kind: "REQUEST", area: "PATIENTS_RIGHTS", sentAt: new Date("2025-03-10T10:00:00Z"), states: ["FR"], acceptedAt: new Date("2025-03-11T10:00:00Z"), answeredAt: new Date("2025-03-12T10:00:00Z"), closed: true, blocked: false, deleted: false });
  }, 120_000);

  const query = `query($m: String) { statistics(fromMonth: "2025-01", toMonth: "2025-03", memberState: $m) { ${CELL} } }`;

  it("gives the Commission exactly the figures computed independently from the rows made, per month, legal area and receiving state", async () => {
    const result = await suite.api.executeText<{ statistics: Record<string, unknown>[] }>(query, {}, await world.token(world.user.helpdesk));
    expect(result.errors).toBeUndefined();
    const got = result.data!.statistics;
    const want = expected(made);
    expect(got.length).toBe(want.length);
    for (const w of want) {
      const g = got.find((c) => c.month === w.month && c.legalAreaCode === w.legalAreaCode && c.memberState === w.memberState);
      expect(g, JSON.stringify(w)).toBeDefined();
      for (const key of ["requestsSent", "acceptedWithin7Days", "closed", "blocked", "deleted", "alertsSent"] as const) expect(g![key], `${key} ${JSON.stringify(w)}`).toBe(w[key]);
      for (const key of ["medianDaysToAccept", "medianDaysToAnswer"] as const) {
        if (w[key] === null) expect(g![key]).toBeNull();
        else expect(g![key] as number).toBeCloseTo(w[key], 6);
      }
    }
  });

  it("R-COORD-1 gives a coordinator its own state's figures only, and refuses another state's", async () => {
    const token = await world.token(world.user.coordinatorDk);
    const own = await suite.api.executeText<{ statistics: { memberState: string; requestsSent: number }[] }>(query, {}, token);
    expect(own.errors).toBeUndefined();
    expect(new Set(own.data!.statistics.map((c) => c.memberState))).toEqual(new Set(["DK"]));
    expect(own.data!.statistics.reduce((n, c) => n + c.requestsSent, 0)).toBe(made.filter((m) => m.kind !== "ALERT" && m.states.includes("DK")).length);
    const other = await suite.api.executeText(query, { m: "DE" }, token);
    expect(other.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const handler = await suite.api.executeText(query, {}, await world.token(world.user.handlerDk));
    expect(handler.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("shows the public, unauthenticated, a subset where the planted cell of 1 reads <5 and no count under 5 appears", async () => {
    const result = await suite.api.executeText<{ publicStatistics: { cells: Record<string, unknown>[]; totals: Record<string, unknown>[] } }>(
      `{ publicStatistics(fromMonth: "2025-01", toMonth: "2025-03") { fromMonth toMonth cells { ${PUBLIC_CELL} } totals { ${PUBLIC_CELL} } } }`,
      {},
    );
    expect(result.errors).toBeUndefined();
    const { cells, totals } = result.data!.publicStatistics;
    const planted = cells.find((c) => c.legalAreaCode === "PATIENTS_RIGHTS" && c.memberState === "FR" && c.month === "2025-03")!;
    expect(planted).toMatchObject({ requestsSent: "<5", closed: "<5", acceptedWithin7DaysShare: null, medianDaysToAccept: null, medianDaysToAnswer: null });
    const plantedTotal = totals.find((c) => c.legalAreaCode === "PATIENTS_RIGHTS" && c.month === "2025-03")!;
    expect(plantedTotal.requestsSent).toBe("<5");
    for (const cell of [...cells, ...totals]) {
      for (const key of ["requestsSent", "closed", "blocked", "deleted", "alertsSent"]) {
        const value = String(cell[key]);
        // Either suppressed or a multiple of 5 that is at least 5: differencing totals and cells gives no exact count.
        expect(value === "<5" || (Number(value) >= 5 && Number(value) % 5 === 0), `${key}=${value}`).toBe(true);
      }
    }
    const exact = expected(made);
    for (const cell of cells) {
      const w = exact.find((e) => e.month === cell.month && e.legalAreaCode === cell.legalAreaCode && e.memberState === cell.memberState);
      // Pentest F4: the grid is full, a cell without any procedure is there and reads like a small count.
      if (!w) {
        expect(cell).toMatchObject({ requestsSent: "<5", closed: "<5", alertsSent: "<5", acceptedWithin7DaysShare: null });
        continue;
      }
      if (w.requestsSent >= 5) expect(Math.abs(Number(cell.requestsSent) - w.requestsSent)).toBeLessThanOrEqual(2);
      if (cell.acceptedWithin7DaysShare !== null) {
        expect(w.acceptedWithin7Days).toBeGreaterThanOrEqual(5);
        expect(w.requestsSent - w.acceptedWithin7Days).toBeGreaterThanOrEqual(5);
      }
    }
  });

  it("serves /statistics as a page of its own with an SVG chart per legal area, no script and nothing from elsewhere", async () => {
    const api = suite.api.api;
    const { createHttpServer } = await import("../../src/http.js");
    const { createLogger } = await import("../../src/logger.js");
    const server = createHttpServer(api, createLogger("silent"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const port = (server.address() as { port: number }).port;
      const res = await fetch(`http://127.0.0.1:${port}/statistics?from=2025-01&to=2025-03&lang=de`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
      const html = await res.text();
      expect(html).toContain('<html lang="de">');
      expect(html).toContain("IMI-Statistik");
      // One chart per legal area of the annex (pentest F4: the full grid, areas without activity included).
      expect(html.match(/<svg class="chart"/g)?.length).toBe((await suite.db.db.select().from(legalAreas)).length);
      expect(html).toContain("&#60;5");
      expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
      const bad = await fetch(`http://127.0.0.1:${port}/statistics?from=2025-13`);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ code: "BAD_USER_INPUT" });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
