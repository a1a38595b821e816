import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_AUTHORITY, DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../../src/db/seed/demo-ids.js";
import { ROOT, startServer, type ServerProcess } from "../helpers/server-process.js";
import { unusedSecurityCode } from "../helpers/security-codes.js";

/**
 * An administrator's first minutes: the offline GraphiQL at /graphiql in Debian's Chromium, against
 * the real server on a fresh embedded database with the demo world. Screenshots land in
 * test/artifacts/ (gitignored) for a person to look at.
 */

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = join(ROOT, "test", "artifacts");
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`test/browser/graphiql.test.ts skipped: no Chromium at ${CHROMIUM}. Install it with \`apt-get install -y chromium\` (.ci/run does).`);
}

const EDITOR = ".graphiql-query-editor .monaco-editor";
const RESPONSE = ".graphiql-response .view-lines";

describe.skipIf(!hasChromium)("GraphiQL at /graphiql in Chromium (offline bundle, login panel)", { timeout: 90_000 }, () => {
  let server: ServerProcess;
  let profile: string;
  let browser: BrowserContext;
  let page: Page;
  /** Every URL the page asked for: all must be the server's own (no CDN). */
  const requested: string[] = [];

  beforeAll(async () => {
    // The bundle is built by `npm start` (prestart); the test server is started without npm.
    await promisify(execFile)(process.execPath, ["scripts/build-graphiql.mjs"], { cwd: ROOT });
    await mkdir(ARTIFACTS, { recursive: true });
    server = await startServer();
    profile = await mkdtemp(join(tmpdir(), "imi-chromium-"));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1440, height: 900 },
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on("request", (request) => requested.push(request.url()));
    page.setDefaultTimeout(20_000);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  async function logIn(email: string): Promise<void> {
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', DEMO_PASSWORD);
    await page.fill('input[name="securityCode"]', await unusedSecurityCode(DEMO_TOTP_SECRET, "graphiql", email));
    await page.click('.imi-login button[type="submit"]');
    await page.locator(".imi-login", { hasText: `<${email}>` }).waitFor();
  }

  /**
   * Replaces the active tab's query with a named operation (typed on one line: Monaco auto-closes
   * brackets typed across lines), prettifies it, waits until GraphiQL has parsed it (the tab takes
   * the operation's name, else it would send the previous name), runs it and returns the response
   * once it shows `expected`.
   */
  async function run(operationName: string, query: string, expected: string): Promise<string> {
    await page.click(EDITOR);
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    await page.keyboard.type(query);
    await page.keyboard.press("Escape"); // closes an autocompletion popup, if one is open
    await page.click('button[aria-label^="Prettify"]');
    await page.locator(".graphiql-tab-active", { hasText: operationName }).waitFor();
    await page.click("button.graphiql-execute-button");
    const response = page.locator(RESPONSE, { hasText: expected });
    await response.waitFor();
    return (await response.innerText()).replace(/\u00a0/g, " ");
  }

  it("opens with the example operations of the demo world and the documentation explorer", async () => {
    await page.goto(`${server.base}/graphiql`);
    await page.locator(EDITOR).waitFor();
    await page.locator(".graphiql-query-editor .view-lines", { hasText: "query DemoFlow" }).waitFor();
    const tabs = await page.locator(".graphiql-tab").allInnerTexts();
    expect(tabs.map((tab) => tab.trim())).toEqual(expect.arrayContaining(["DemoFlow", "PersonalData", "Transparency", "FileAccessRequest"]));
    // The schema is fetched by introspection and browsable: the documentation pane lists the root types.
    await page.click('button[aria-label="Show Documentation Explorer"]');
    await page.locator(".graphiql-doc-explorer", { hasText: "Query" }).waitFor();
    await page.locator(".graphiql-doc-explorer", { hasText: "Mutation" }).waitFor();
    await page.click('button[aria-label="Hide Documentation Explorer"]');
  });

  it("logs in as handler.dk@imi.example with the panel and runs a procedures query", async () => {
    await logIn("handler.dk@imi.example");
    const text = await run("Procedures", "query Procedures { procedures(first: 3) { totalCount edges { node { reference status subject } } } }", "IMI-DEMO-");
    expect(text).toContain('"totalCount"');
    expect(text).not.toContain('"errors"');
    await page.screenshot({ path: join(ARTIFACTS, "graphiql-handler-procedures.png") });
  });

  it("as coordinator.dk@imi.example, asking for data subjects shows FORBIDDEN with the reason ROLE in the result", async () => {
    await page.click('.imi-login button:has-text("Log out")');
    await logIn("coordinator.dk@imi.example");
    const text = await run("DataSubjects", "query DataSubjects { procedures(first: 1) { edges { node { reference dataSubjects { fullName } } } } }", "FORBIDDEN");
    expect(text).toContain('"code": "FORBIDDEN"');
    expect(text).toContain('"reason": "ROLE"');
    expect(text).toContain('"dataSubjects": null');
    await page.screenshot({ path: join(ARTIFACTS, "graphiql-coordinator-forbidden.png") });
  });

  it("runs a subscription over WebSocket with the login panel's token, and shows the event when it comes (issue 16)", async () => {
    await page.click('.imi-login button:has-text("Log out")');
    await logIn("handler.de@imi.example");
    await page.click(EDITOR);
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    await page.keyboard.type("subscription Live { procedureEvents { kind procedure { reference status } } }");
    await page.keyboard.press("Escape");
    await page.click('button[aria-label^="Prettify"]');
    await page.locator(".graphiql-tab-active", { hasText: "Live" }).waitFor();
    await page.click("button.graphiql-execute-button");
    // Another replica of the world: the Danish case handler sends a request to the German chamber, over HTTP.
    const post = async (query: string, variables: Record<string, unknown>, token?: string) => {
      const response = await fetch(`${server.base}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: Record<string, Record<string, unknown>>; errors?: unknown[] };
    };
    const email = "handler.dk@imi.example";
    const login = await post("mutation($e: String!, $p: String!, $c: String!) { login(email: $e, password: $p, securityCode: $c) { token } }", {
      e: email,
      p: DEMO_PASSWORD,
      c: await unusedSecurityCode(DEMO_TOTP_SECRET, "graphiql", email),
    });
    const token = String(login.data?.login?.token);
    const created = await post(
      "mutation($input: CreateProcedureInput!) { createProcedure(input: $input) { id } }",
      { input: { kind: "REQUEST", legalAreaCode: "SERVICES", subject: "Live in GraphiQL", justification: "Shown as it happens.", recipientAuthorityIds: [DEMO_AUTHORITY.chamberOfCraftsDe] } },
      token,
    );
    expect(created.errors).toBeUndefined();
    // The subscription may still be connecting: send once the socket is open (the server holds it).
    const id = String(created.data?.createProcedure?.id);
    const held = async () => (await (await fetch(`${server.base}/metrics`)).text()).includes("imi_live_subscriptions 1");
    for (let i = 0; i < 100 && !(await held()); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await post("mutation($id: ID!) { sendProcedure(id: $id) { id } }", { id }, token)).errors).toBeUndefined();
    const response = page.locator(RESPONSE, { hasText: "SENT" });
    await response.waitFor();
    const text = (await response.innerText()).replace(/\u00a0/g, " ");
    expect(text).toContain('"kind": "SENT"');
    expect(text).toContain('"status": "SENT"');
    await page.screenshot({ path: join(ARTIFACTS, "graphiql-subscription.png") });
  });

  it("loaded everything from the server itself: no CDN, no other origin", () => {
    const foreign = requested.filter((url) => !url.startsWith(`${server.base}/`) && !url.startsWith("data:") && !url.startsWith("blob:"));
    expect(requested.some((url) => url.endsWith("/graphiql/assets/app.js"))).toBe(true);
    expect(foreign).toEqual([]);
  });
});
