import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/clock.js";
import { openDatabase, type DatabaseHandle } from "../../src/db/client.js";
import { countDemoAccounts, seedDemoWorld } from "../../src/db/seed/demo-world.js";
import { DEMO_USERS } from "../../src/db/seed/demo-ids.js";
import { generateExchangeKey } from "../../src/modules/proof/proof.keys.js";
import { freePort, killChildren, parse, runTs, stopProcess, untilReady } from "../helpers/server-process.js";
import { hasStackTrace } from "./client.js";

/**
 * A production start (NODE_ENV=production) on PostgreSQL, as docs/deployment.md describes it: it
 * serves a database of its own, and refuses one the demo world was loaded into, whose accounts'
 * passwords and security codes are in the README. PostgreSQL only: production has no embedded database.
 */
const SERVER = process.env.TEST_DATABASE_URL;
if (!SERVER) {
  console.warn("test/ops/production-start.test.ts skipped: it needs PostgreSQL in TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test; .ci/run sets it).");
}

describe.skipIf(!SERVER)("starting in production on PostgreSQL", () => {
  const name = `imi_production_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const url = (() => {
    const u = new URL(SERVER || "postgres://unset");
    u.pathname = `/${name}`;
    return u.toString();
  })();
  let admin: postgres.Sql;
  let database: DatabaseHandle;
  const production = async () => ({
    NODE_ENV: "production",
    DATABASE_URL: url,
    JWT_SECRET: randomBytes(32).toString("base64url"),
    EXCHANGE_SIGNING_KEY: JSON.stringify(generateExchangeKey()),
    PERSONAL_DATA_MASTER_KEY: randomBytes(32).toString("base64"),
    PORT: String(await freePort()),
    LOG_LEVEL: "info",
  });

  beforeAll(async () => {
    admin = postgres(SERVER!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    database = await openDatabase({ url, maxConnections: 2 });
    await database.migrate();
  }, 60_000);

  afterAll(async () => {
    killChildren();
    await database?.close();
    await admin?.unsafe(`drop database if exists "${name}" with (force)`);
    await admin?.end();
  });

  it("serves a database without the demo world", { timeout: 90_000 }, async () => {
    const env = await production();
    const server = runTs("src/main.ts", env);
    await untilReady(server);
    const ready = await fetch(`http://127.0.0.1:${env.PORT}/readyz`);
    expect(ready.status).toBe(200);
    await stopProcess(server);
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(hasStackTrace(server.lines), server.lines.join("\n")).toBe(false);
  });

  it("refuses a database holding the demo accounts (npm run db:seed) with one clear line and exit code 1", { timeout: 90_000 }, async () => {
    expect(await seedDemoWorld(database.db, systemClock, "development")).toBe(true);
    expect(await countDemoAccounts(database.db)).toBe(DEMO_USERS.length);

    const refused = runTs("src/main.ts", await production());
    expect(await refused.exited).toEqual({ code: 1, signal: null });
    expect(refused.lines.filter((line) => line.startsWith("Refused:"))).toEqual([
      `Refused: the database holds ${DEMO_USERS.length} demo accounts (@imi.example or the demo TOTP secret), whose passwords and security codes are public; NODE_ENV=production never serves them. Use a database the demo world (npm run db:seed) was never loaded into.`,
    ]);
    expect(hasStackTrace(refused.lines), refused.lines.join("\n")).toBe(false);
    expect(refused.lines.some((line) => String(parse(line)?.msg ?? "").startsWith("IMI API ready"))).toBe(false);
  });

  it("counts an account as a demo one by either mark: the demo e-mail domain or the demo TOTP secret", async () => {
    await database.db.execute(sql`update users set email = replace(email, '@imi.example', '@authority.example') where email like '%@imi.example'`);
    expect(await countDemoAccounts(database.db)).toBe(DEMO_USERS.length);
    await database.db.execute(sql`update users set totp_secret = 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ' where totp_secret = 'JBSWY3DPEHPK3PXP'`);
    expect(await countDemoAccounts(database.db)).toBe(0);
    await database.db.execute(sql`update users set email = replace(email, '@authority.example', '@IMI.example') where email like 'handler.dk@%'`);
    expect(await countDemoAccounts(database.db)).toBe(1);
  });
});
