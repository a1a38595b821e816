import { connect, type Socket } from "node:net";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../src/db/client.js";
import { isDatabaseUnavailable } from "../../src/db/pg-errors.js";
import { TcpProxy } from "../helpers/tcp-proxy.js";

/**
 * The mends of scripts/patch-postgres.mjs that a fault harness found (issue 12): a connection reset
 * while a new connection reads the array types (postgres.js' first statement on every connection)
 * rejected a promise postgres.js had dropped, and the unhandled rejection ended the whole server
 * (main.ts exits on an uncaught exception; porsager/postgres#1192). The reset is made by a TCP proxy
 * that delivers the types statement and then cuts the client's connection. And a statement sent
 * between a reset socket's 'error' and its 'close' (Node emits them turns apart) went to the dead
 * socket and never settled: the pool still handed out the connection, so a request hung (mend 4).
 * PostgreSQL only.
 */
const SERVER = process.env.TEST_DATABASE_URL;

describe.skipIf(!SERVER)("postgres.js, mended (PostgreSQL through a proxy)", () => {
  let proxy: TcpProxy;
  let handle: DatabaseHandle | undefined;
  const unhandled: unknown[] = [];
  const record = (reason: unknown) => void unhandled.push(reason);

  beforeAll(async () => {
    const url = new URL(SERVER!);
    proxy = await TcpProxy.start({ host: url.hostname, port: Number(url.port || 5432) });
    process.on("unhandledRejection", record);
  });
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
  });
  afterAll(async () => {
    process.off("unhandledRejection", record);
    await proxy?.close();
  });

  it("a connection reset while it reads the array types fails the waiting statement as unavailable, and nothing rejects unhandled", async () => {
    const url = new URL(SERVER!);
    url.host = `127.0.0.1:${proxy.port}`;
    handle = await openDatabase({ url: url.toString(), maxConnections: 1, connectTimeoutSeconds: 2 });
    const lost = proxy.loseAnswerAfter("typarray");
    const outcome = await handle.db.execute(sql`select 1 as one`).then(
      () => "answered",
      (error: unknown) => (isDatabaseUnavailable(error) ? "unavailable" : `other: ${String(error)}`),
    );
    await lost;
    // An unhandled rejection is reported after the microtasks of the turn that made it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(outcome).toBe("unavailable");
    expect(unhandled.map(String)).toEqual([]);
    // The pool recovers: the next statement gets a fresh connection (types read again) and an answer.
    expect(await handle.db.execute(sql`select 2 as two`)).toBeTruthy();
  });

  it("a statement the pool hands a connection between its socket's 'error' and its 'close' settles (unavailable or answered), never hangs", async () => {
    const url = new URL(SERVER!);
    let socket: Socket | undefined;
    // The same kind of socket the server's watchdog gives postgres.js (src/db/client.ts).
    const client = postgres(SERVER!, {
      max: 1,
      onnotice: () => {},
      socket: () => (socket = connect(Number(url.port || 5432), url.hostname)),
    } as postgres.Options<{}>);
    try {
      await client`select 1 as warm`;
      const late = new Promise<string>((resolve) => {
        socket!.once("error", () => {
          // After postgres.js' own 'error' handler, before the 'close' (which comes once the handle is closed).
          setImmediate(() => {
            const settled = client`select 2 as late`.then(
              () => "answered",
              (error: unknown) => (isDatabaseUnavailable(error) ? "unavailable" : `other: ${String(error)}`),
            );
            const bound = new Promise<string>((hung) => setTimeout(() => hung("no answer in 5 s"), 5_000).unref());
            void Promise.race([settled, bound]).then(resolve);
          });
        });
      });
      socket!.destroy(Object.assign(new Error("reset by the test"), { code: "ECONNRESET" }));
      expect(["unavailable", "answered"]).toContain(await late);
    } finally {
      await client.end({ timeout: 1 });
    }
  });
});
