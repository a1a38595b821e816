import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { DRIVERS } from "../helpers/database.js";
import { copyOf, execForm, readDockerfile } from "../helpers/dockerfile.js";
import { killCommands, postgresWithRoles, productionSecrets, runCommand, stopCommand, untilReadyLine } from "../helpers/operator.js";
import { cleanEnv, freePort, ROOT } from "../helpers/server-process.js";

/**
 * Issue 15: the image's final stage replayed on this machine, which runs no Docker daemon: the
 * files its COPY lines name go into a clean folder (the build stage's from this repository, whose
 * bundles the test run built), its RUN installs the production dependencies there (`npm ci
 * --omit=dev`), and then compose.yaml's migration command and the Dockerfile's CMD run in that
 * folder with the image's ENV: /readyz answers 200, the HEALTHCHECK's command passes, SIGTERM stops
 * it with code 0. Nothing of the dev dependencies (esbuild, tsx, TypeScript, vitest, GraphiQL's
 * sources) is there. On PGlite the same install starts in development mode with `npm start`.
 */

const { final } = readDockerfile();
const workdir = final.instructions.find((instruction) => instruction.keyword === "WORKDIR")!.args;
const compose = parseYaml(readFileSync(join(ROOT, "compose.yaml"), "utf8"), { merge: true }) as { services: { migrate: { command: string[] } } };
const DEV_ONLY = ["esbuild", "tsx", "typescript", "vitest", "graphiql", "drizzle-kit", "@graphql-codegen", "playwright-core", "react"];
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  killCommands();
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** The image's ENV instructions as variables (KEY=value pairs). */
function imageEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const instruction of final.instructions.filter((i) => i.keyword === "ENV")) {
    for (const pair of instruction.args.split(/\s+/)) {
      const [key, value] = pair.split("=");
      if (key && value !== undefined) env[key] = value;
    }
  }
  return env;
}

function sh(command: string, cwd: string, env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("sh", ["-c", command], { cwd, env: cleanEnv(env), stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

/** The final stage's COPY and RUN, replayed into a fresh folder; answers the folder. */
async function productionInstall(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "imi-image-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  for (const instruction of final.instructions) {
    if (instruction.keyword === "COPY") {
      const copy = copyOf(instruction);
      const destination = join(dir, copy.destination.replace(/^\.\/?/, "").replace(new RegExp(`^${workdir}/?`), ""));
      for (const source of copy.sources) {
        // The build stage's WORKDIR is the same /app: its files are this repository's, built by the test run.
        const from = join(ROOT, copy.from ? source.replace(new RegExp(`^${workdir}/?`), "") : source);
        if (!existsSync(from) && source.endsWith(".data/graphiql")) continue; // GraphiQL's bundle: built only by `npm run build`, served only with GRAPHIQL=on
        const target = copy.sources.length > 1 || copy.destination.endsWith("/") ? join(destination, source.split("/").at(-1)!) : destination;
        await mkdir(dirname(target), { recursive: true });
        await cp(from, target, { recursive: true });
      }
    }
    if (instruction.keyword === "RUN") {
      // The image's cache clean would empty this machine's npm cache: left out, it changes nothing that runs.
      const command = instruction.args.replace(/&&\s*npm cache clean --force/, "");
      const run = await sh(command, dir, imageEnv());
      expect(run.code, run.output).toBe(0);
    }
  }
  return dir;
}

describe("the image's final stage, replayed on a production install (no Docker daemon here)", { timeout: 240_000 }, () => {
  let folder: Promise<string> | undefined;
  const install = () => (folder ??= productionInstall());

  it("holds no dev dependency, no TypeScript sources and no build tool", async () => {
    const dir = await install();
    const modules = await readdir(join(dir, "node_modules"));
    for (const name of DEV_ONLY) expect(modules, name).not.toContain(name);
    expect(existsSync(join(dir, "src"))).toBe(false);
    expect(existsSync(join(dir, ".data/server/main.mjs"))).toBe(true);
    expect(existsSync(join(dir, ".data/server/migrate.mjs"))).toBe(true);
    expect(existsSync(join(dir, ".data/server/admin-create.mjs"))).toBe(true);
    // Issue 12: the install's postinstall mended postgres.js (scripts/patch-postgres.mjs), as the image's does.
    for (const build of ["src", "cjs/src"]) {
      expect(await readFile(join(dir, "node_modules/postgres", build, "connection.js"), "utf8"), build).toContain("imi: mended");
    }
  });

  it.skipIf(!DRIVERS.includes("postgres"))("migrates as the owner with compose.yaml's command and serves as the application role with the Dockerfile's CMD in production: /readyz 200, the HEALTHCHECK passes, SIGTERM exits 0 (postgres)", async () => {
    const dir = await install();
    const database = await postgresWithRoles();
    cleanups.push(() => database.dispose());
    const secrets = productionSecrets();
    const env: Record<string, string> = { ...imageEnv(), DATABASE_URL: database.ownerUrl, ...secrets };
    expect(env.NODE_ENV).toBe("production");

    const [program, ...migrateArgs] = compose.services.migrate.command;
    expect(program).toBe("node");
    const migrate = runCommand(migrateArgs, { cwd: dir, env });
    expect(await migrate.exited, migrate.lines.join("\n")).toEqual({ code: 0, signal: null });
    expect(migrate.lines).toContain("Migrations applied (postgres).");
    // The documented command does the same where no esbuild is installed (scripts/run-bundle.mjs).
    const npmMigrate = await sh("npm run --silent db:migrate", dir, env);
    expect(npmMigrate, npmMigrate.output).toEqual({ code: 0, output: "Migrations applied (postgres).\n" });

    const port = await freePort();
    const [node, ...cmdArgs] = execForm(final.instructions.find((i) => i.keyword === "CMD")!.args)!;
    expect(node).toBe("node");
    // The bootstrap, as the owner too, from the installed bundle.
    const created = runCommand([".data/server/admin-create.mjs", "--email", "ops@commission.example.org", "--authority", "IMI helpdesk"], { cwd: dir, env, input: "an-operator-password\n" });
    expect((await created.exited).code, created.lines.join("\n")).toBe(0);

    const server = runCommand(cmdArgs, { cwd: dir, env: { ...env, DATABASE_URL: database.appUrl, PORT: String(port), RETENTION_SCHEDULE: "off" }, log: true });
    const ready = await untilReadyLine(server);
    expect(ready).toMatchObject({ port, host: "0.0.0.0", driver: "postgres" });
    expect(String(ready.msg)).not.toContain("GraphiQL");
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);

    const healthcheck = execForm(final.instructions.find((i) => i.keyword === "HEALTHCHECK")!.args.replace(/^(--\S+\s+)*CMD\s+/, ""))!;
    const probe = runCommand(healthcheck.slice(1), { cwd: dir, env: { PORT: String(port) } });
    expect(await probe.exited).toEqual({ code: 0, signal: null });

    expect(await stopCommand(server)).toEqual({ code: 0, signal: null });
    expect(server.lines.some((line) => /^\s+at /.test(line))).toBe(false);
    // Once stopped, the probe fails: the orchestrator sees it.
    const after = runCommand(healthcheck.slice(1), { cwd: dir, env: { PORT: String(port) } });
    expect((await after.exited).code).toBe(1);
  });

  it("starts with `npm start` in development on the embedded database, without building anything or saying it skipped GraphiQL (pglite)", async () => {
    const dir = await install();
    const port = await freePort();
    const child = spawn("npm", ["start"], {
      cwd: dir,
      env: cleanEnv({ NODE_ENV: "development", PORT: String(port), PGLITE_DIR: join(dir, "pglite"), RETENTION_SCHEDULE: "off", GRAPHIQL: "off" }),
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    const lines: string[] = [];
    for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk: Buffer) => lines.push(...chunk.toString().split("\n").filter(Boolean)));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
    const ready = await untilReadyLine({ child, lines, exited });
    expect(ready).toMatchObject({ port, driver: "pglite" });
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    expect(lines.join("\n")).not.toMatch(/graphiql: skipped|server: bundled/);
    // `npm start` execs node (package.json): the signal reaches the server itself.
    child.kill("SIGTERM");
    expect(await exited).toEqual({ code: 0, signal: null });
  });
});
