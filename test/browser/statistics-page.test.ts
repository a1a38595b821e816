import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { legalAreas, participants, procedures } from "../../src/db/schema/index.js";
import { createHttpServer } from "../../src/http.js";
import { createLogger } from "../../src/logger.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";

/**
 * Issue 18: /statistics in Debian's Chromium, as a desktop and as a phone: a chart (SVG) per legal area,
 * nothing fetched from anywhere but the API, the planted small cell shown as <5. Screenshots in
 * test/artifacts/statistics-*.png.
 */
const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`test/browser/statistics-page.test.ts skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium).`);
const ARTIFACTS = new URL("../artifacts/", import.meta.url).pathname;
const DAY = 24 * 3600 * 1000;

describe.skipIf(!hasChromium)("the /statistics page in Chromium", { timeout: 120_000 }, () => {
  const suite = useSuite(DRIVERS[0]!);
  let server: Server;
  let base = "";
  let browser: BrowserContext;
  let profile = "";

  beforeAll(async () => {
    const world = await suite.world();
    // Six months of requests to German and French authorities in two areas, and a single one (a cell of 1).
    const rows: { area: string; month: number; to: string; n: number }[] = [];
    for (let month = 0; month < 6; month++) {
      rows.push({ area: "SERVICES", month, to: world.authority.de, n: 6 + month * 3 });
      rows.push({ area: "PROFESSIONAL_QUALIFICATIONS", month, to: world.authority.fr, n: 12 - month });
    }
    rows.push({ area: "PATIENTS_RIGHTS", month: 5, to: world.authority.fr, n: 1 });
    let i = 0;
    for (const r of rows) {
      for (let k = 0; k < r.n; k++) {
        const sentAt = new Date(Date.UTC(2025, r.month, 2 + (k % 25), 10));
        const [p] = await suite.db.db
          .insert(procedures)
          .values({ reference: `PAGE-${world.tag}-${++i}`, kind: "REQUEST", legalAreaCode: r.area, subject: "Page", status: "ACCEPTED", initiatorAuthorityId: world.authority.dk, createdAt: sentAt, sentAt, lastActivityAt: sentAt })
          .returning();
        await suite.db.db.insert(participants).values([
          { procedureId: p!.id, authorityId: world.authority.dk, part: "INITIATOR", addedAt: sentAt },
          { procedureId: p!.id, authorityId: r.to, part: "RESPONDER", addedAt: sentAt, acceptedAt: new Date(sentAt.getTime() + (k % 10) * DAY) },
        ]);
      }
    }
    server = createHttpServer(suite.api.api, createLogger("silent"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    profile = await mkdtemp(join(tmpdir(), "imi-statistics-chromium-"));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    await mkdir(ARTIFACTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  for (const device of [
    { name: "desktop", viewport: { width: 1280, height: 900 }, lang: "en" },
    { name: "phone", viewport: { width: 390, height: 844 }, lang: "da" },
  ]) {
    it(`renders its charts offline on a ${device.name} (${device.lang})`, async () => {
      const page = await browser.newPage();
      await page.setViewportSize(device.viewport);
      const requested: string[] = [];
      page.on("request", (request) => requested.push(request.url()));
      const response = await page.goto(`${base}/statistics?from=2025-01&to=2025-06&lang=${device.lang}`);
      expect(response?.status()).toBe(200);
      // One chart per legal area of the annex (pentest F4: the public grid is full).
      const areaCount = (await suite.db.db.select().from(legalAreas)).length;
      expect(await page.locator("svg.chart").count()).toBe(areaCount);
      // A bar for every month of every area (6 months), zero months included and drawn as <5.
      expect(await page.locator("svg.chart rect.bar").count()).toBe(6 * areaCount);
      expect(await page.locator("td", { hasText: "<5" }).count()).toBeGreaterThan(0);
      expect(await page.title()).toBe(device.lang === "da" ? "IMI-statistik" : "IMI statistics");
      // A chart fits the phone's width: no horizontal scrolling of the page itself.
      const overflow = await page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth");
      expect(overflow).toBeLessThanOrEqual(1);
      expect(requested.every((url) => url.startsWith(base))).toBe(true);
      await page.screenshot({ path: join(ARTIFACTS, `statistics-${device.name}.png`), fullPage: true });
      await page.close();
    });
  }
});
