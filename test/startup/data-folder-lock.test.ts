import { randomBytes } from "node:crypto";
import { mkdtemp, realpath, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_AUTHORITY } from "../../src/db/seed/demo-ids.js";
import { call, hasStackTrace, login } from "../ops/client.js";
import { CREATE_PROCEDURE, PROCEDURE } from "../operations.js";
import { freePort, killChildren, runTs, stopProcess, untilReady, type Run } from "../helpers/server-process.js";

/**
 * SPEC "Runtime" (issue 12, finding 2): the embedded database's folder belongs to one process. Two
 * servers on one PGLITE_DIR both started, both answered 200 to createProcedure (both handing out
 * IMI-…-000001), and after a restart one side's confirmed writes were gone without an error.
 */

/** One secret for every process of the test, so that a session outlives a restart (one login per user: R-SEC-1 takes each code once). */
const JWT_SECRET = randomBytes(32).toString("base64url");
const tempDirs: string[] = [];

afterAll(async () => {
  killChildren();
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

interface Server extends Run {
  base: string;
}

async function start(pgliteDir: string): Promise<Server> {
  const port = await freePort();
  const run = runTs("src/main.ts", { PORT: String(port), PGLITE_DIR: pgliteDir, JWT_SECRET, LOG_LEVEL: "info", RETENTION_SCHEDULE: "off" });
  await untilReady(run);
  return { ...run, base: `http://127.0.0.1:${port}` };
}

async function create(server: Server, token: string, subject: string) {
  const data = await call(
    server.base,
    CREATE_PROCEDURE,
    {
      input: {
        kind: "REQUEST",
        legalAreaCode: "SERVICES",
        subject,
        justification: "The provider applied to work in Denmark.",
        recipientAuthorityIds: [DEMO_AUTHORITY.chamberOfCraftsDe],
      },
    },
    token,
  );
  return data.createProcedure;
}

async function reference(server: Server, token: string, id: string): Promise<string | undefined> {
  return (await call(server.base, PROCEDURE, { id }, token)).procedure?.reference;
}

/** A refused process: exit code 1, one line naming the folder and the holder's pid, no stack, never ready. */
async function expectRefused(refused: Run, folder: string, holderPid: number): Promise<void> {
  expect(await refused.exited).toEqual({ code: 1, signal: null });
  const lines = refused.lines.filter((line) => line.trim() !== "");
  expect(lines, lines.join("\n")).toHaveLength(1);
  expect(lines[0]).toBe(
    `Refused: the data folder ${folder} is in use by another process (pid ${holderPid}); one folder serves one process: stop that one first, or set PGLITE_DIR to another folder.`,
  );
  expect(hasStackTrace(refused.lines)).toBe(false);
}

describe("the embedded data folder belongs to one process (SPEC Runtime, PGlite)", () => {
  it("refuses a second server, db:seed and db:migrate on a folder a server holds; the first keeps serving and its data survives a restart, and a SIGKILLed holder does not stop the next start", { timeout: 300_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), "imi-lock-"));
    tempDirs.push(dir);
    const pgliteDir = join(dir, "pglite");

    const first = await start(pgliteDir);
    const folder = await realpath(pgliteDir);
    const token = await login(first.base, "handler.dk@imi.example");
    const before = await create(first, token, "Written before the second process");

    // A second server on the same folder, and through another path to it: refused at start.
    const port = await freePort();
    await expectRefused(runTs("src/main.ts", { PORT: String(port), PGLITE_DIR: pgliteDir, JWT_SECRET, LOG_LEVEL: "info", RETENTION_SCHEDULE: "off" }), folder, first.child.pid!);
    await expectRefused(runTs("src/main.ts", { PORT: String(port), PGLITE_DIR: join(pgliteDir, "..", "pglite") + "/", JWT_SECRET, LOG_LEVEL: "info" }), folder, first.child.pid!);
    // The release and seed scripts too.
    await expectRefused(runTs("src/db/seed.cli.ts", { PGLITE_DIR: pgliteDir }), folder, first.child.pid!);
    await expectRefused(runTs("src/db/migrate.cli.ts", { PGLITE_DIR: pgliteDir }), folder, first.child.pid!);

    // The first is untouched and keeps serving.
    const after = await create(first, token, "Written after the refusals");
    expect(await reference(first, token, before.id)).toBe(before.reference);
    expect(await stopProcess(first)).toEqual({ code: 0, signal: null });

    // Restarted: every confirmed write is there.
    const second = await start(pgliteDir);
    expect(await reference(second, token, before.id)).toBe(before.reference);
    expect(await reference(second, token, after.id)).toBe(after.reference);
    const third = await create(second, token, "Written before a SIGKILL");

    // Killed without a chance to release anything: the next start is not held up by a stale lock.
    second.child.kill("SIGKILL");
    expect(await second.exited).toEqual({ code: null, signal: "SIGKILL" });
    const restarted = await start(pgliteDir);
    expect(await reference(restarted, token, before.id)).toBe(before.reference);
    expect(await reference(restarted, token, third.id)).toBe(third.reference);
    // And it holds the folder in turn.
    await expectRefused(runTs("src/db/migrate.cli.ts", { PGLITE_DIR: pgliteDir }), folder, restarted.child.pid!);
    expect(await stopProcess(restarted)).toEqual({ code: 0, signal: null });

    // With no server, the scripts run.
    const migrate = runTs("src/db/migrate.cli.ts", { PGLITE_DIR: pgliteDir });
    expect(await migrate.exited).toEqual({ code: 0, signal: null });
    expect(migrate.lines.join("\n")).toContain("Migrations applied (pglite).");

    // Found from outside: started through a symbolic link to the folder, the server failed with an
    // unnamed PGlite error and logged `"err":"object"`. Refused with one line naming the folder.
    const link = join(dir, "link");
    await symlink(pgliteDir, link);
    const linked = runTs("src/main.ts", { PORT: String(await freePort()), PGLITE_DIR: link, JWT_SECRET, LOG_LEVEL: "info", RETENTION_SCHEDULE: "off" });
    expect(await linked.exited).toEqual({ code: 1, signal: null });
    const lines = linked.lines.filter((line) => line.trim() !== "");
    expect(lines, lines.join("\n")).toEqual([
      `Refused: PGLITE_DIR ${link} is a symbolic link (to ${folder}); the embedded database opens a folder, not a link: set PGLITE_DIR to the folder itself.`,
    ]);
  });
});
