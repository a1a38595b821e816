import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type ServerProcess } from "../helpers/server-process.js";

/**
 * Issue 15: a frontend on another origin reaches the API in a real browser (Debian's Chromium) only
 * when its origin is in CORS_ORIGINS. Two pages on two other origins call the same server; it lists
 * one of them. The browser does the preflight and enforces the answer, as it would for a user.
 */

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`test/browser/cors.test.ts skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium; .ci/run does).`);

/** A page that asks the API for `__typename` with a JSON body (so the browser sends a preflight first) and shows the outcome in its title. */
function frontend(api: string): RequestListener {
  return (_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><title>pending</title><script>
      fetch(${JSON.stringify(`${api}/graphql`)}, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ __typename }" }) })
        .then((response) => response.json())
        .then((body) => { document.title = "answered:" + body.data.__typename; })
        .catch((error) => { document.title = "blocked:" + error.name; });
    </script>`);
  };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe.skipIf(!hasChromium)("a page on another origin, in Chromium, and CORS_ORIGINS", { timeout: 120_000 }, () => {
  let api: ServerProcess;
  let listedPage: Server;
  let otherPage: Server;
  let listedOrigin: string;
  let otherOrigin: string;
  let profile: string;
  let browser: BrowserContext;

  beforeAll(async () => {
    // The pages' ports first: the server's CORS_ORIGINS names one of them.
    listedPage = createServer();
    otherPage = createServer();
    listedOrigin = await listen(listedPage);
    otherOrigin = await listen(otherPage);
    api = await startServer({ CORS_ORIGINS: listedOrigin, SEED_DEMO: "off" });
    for (const page of [listedPage, otherPage]) page.on("request", frontend(api.base));
    profile = await mkdtemp(join(tmpdir(), "imi-chromium-cors-"));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await Promise.all([listedPage, otherPage].map((server) => server && new Promise((resolve) => server.close(resolve))));
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  async function titleOf(origin: string): Promise<string> {
    const page = await browser.newPage();
    await page.goto(origin);
    // The page sets its title once the call ended, either way.
    await page.waitForFunction('document.title !== "pending"', undefined, { timeout: 20_000 });
    const title = await page.title();
    await page.close();
    return title;
  }

  it("answers the page of a listed origin", async () => {
    expect(await titleOf(listedOrigin)).toBe("answered:Query");
  });

  it("leaves the page of an origin not listed without an answer (the browser refuses it after the preflight)", async () => {
    expect(await titleOf(otherOrigin)).toBe("blocked:TypeError");
  });
});
