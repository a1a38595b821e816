import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { productionSecrets } from "../helpers/operator.js";
import { freePort, killChildren, runTs } from "../helpers/server-process.js";

/**
 * Issue 15: every failure of configuration is one line that names the variable and the fix, exit
 * code 1, no stack. The real server process (the bundle `npm start` runs) is started with each bad
 * setting and its output read. Log lines (JSON, such as development's warning about a throw-away
 * signing key) may come before it; the failure itself is the only other line.
 */

const dirs: string[] = [];
const servers: Server[] = [];
const sockets = new Set<Socket>();
let scratch: string;
/** A port on which a TCP server accepts connections and never answers (a partitioned database). */
let silentPort: number;
/** A port on which a fake PostgreSQL refuses the password (28P01), as a server with password authentication does. */
let wrongPasswordPort: number;
/** A port held by another process, for PORT. */
let busyPort: number;

async function listen(server: Server): Promise<number> {
  servers.push(server);
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as { port: number }).port;
}

/** PostgreSQL's ErrorResponse after the startup message: severity FATAL, the code, a message. */
function errorResponse(code: string, message: string): Buffer {
  const fields = Buffer.concat([
    ...[["S", "FATAL"], ["V", "FATAL"], ["C", code], ["M", message]].map(([type, value]) => Buffer.from(`${type}${value}\0`, "utf8")),
    Buffer.from([0]),
  ]);
  const header = Buffer.alloc(5);
  header.write("E", 0, "ascii");
  header.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([header, fields]);
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "imi-config-failures-"));
  dirs.push(scratch);
  await writeFile(join(scratch, "a-file"), "not a folder");
  silentPort = await listen(createServer(() => {}));
  wrongPasswordPort = await listen(createServer((socket) => socket.once("data", () => socket.end(errorResponse("28P01", 'password authentication failed for user "imi"')))));
  busyPort = await listen(createServer(() => {}));
});

afterAll(async () => {
  killChildren();
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

const pgServer = process.env.TEST_DATABASE_URL ? new URL(process.env.TEST_DATABASE_URL) : null;
const onPgServer = (change: (url: URL) => void): string => {
  const url = new URL(pgServer!.toString());
  change(url);
  return url.toString();
};

interface Case {
  name: string;
  env: () => Record<string, string>;
  /** The one line, as a pattern: the variable and what to do. */
  line: RegExp;
  needsPostgres?: boolean;
}

const development = () => ({ PGLITE_DIR: "memory://", SEED_DEMO: "off", RETENTION_SCHEDULE: "off" });
const production = () => ({ NODE_ENV: "production", ...productionSecrets(), RETENTION_SCHEDULE: "off" });

const CASES: Case[] = [
  { name: "DATABASE_URL that is not a URL", env: () => ({ ...production(), DATABASE_URL: "db.example.org:5432/imi" }), line: /^Configuration error: DATABASE_URL is not a URL: write it as postgres:\/\/user:password@host:5432\/database/ },
  { name: "DATABASE_URL of another scheme", env: () => ({ ...production(), DATABASE_URL: "mysql://imi@db.example.org/imi" }), line: /^Configuration error: DATABASE_URL must start with postgres:\/\/ or postgresql:\/\/, got "mysql:\/\/"/ },
  { name: "DATABASE_URL's server refusing connections", env: () => ({ ...production(), DATABASE_URL: "postgres://imi@127.0.0.1:9/imi" }), line: /^Configuration error: DATABASE_URL points at 127\.0\.0\.1:9, where nothing accepts connections \(ECONNREFUSED\): start PostgreSQL there, or fix the host and port in DATABASE_URL\.$/ },
  { name: "DATABASE_URL's host not resolving", env: () => ({ ...production(), DATABASE_URL: "postgres://imi@no-such-host.invalid:5432/imi" }), line: /^Configuration error: DATABASE_URL names the host no-such-host\.invalid, which does not resolve \((ENOTFOUND|EAI_AGAIN)\): fix the host name in DATABASE_URL\.$/ },
  { name: "DATABASE_URL's server not answering (a partition)", env: () => ({ ...production(), DATABASE_URL: `postgres://imi@127.0.0.1:${silentPort}/imi`, DATABASE_CONNECT_TIMEOUT_SECONDS: "1" }), line: /^Configuration error: DATABASE_URL points at 127\.0\.0\.1:\d+, which did not answer within 1 s \(CONNECT_TIMEOUT\)/ },
  { name: "DATABASE_URL's password refused", env: () => ({ ...production(), DATABASE_URL: `postgres://imi:wrong@127.0.0.1:${wrongPasswordPort}/imi` }), line: /^Configuration error: DATABASE_URL's user "imi" or password was refused by 127\.0\.0\.1:\d+ \(28P01\): fix the user and password in DATABASE_URL/ },
  { name: "DATABASE_URL's database missing", needsPostgres: true, env: () => ({ ...production(), DATABASE_URL: onPgServer((url) => (url.pathname = "/imi_no_such_database")) }), line: /^Configuration error: DATABASE_URL names the database "imi_no_such_database", which does not exist on .+ \(3D000\): create it \(`createdb imi_no_such_database`\), or fix the database name in DATABASE_URL\.$/ },
  { name: "DATABASE_URL's user unknown", needsPostgres: true, env: () => ({ ...production(), DATABASE_URL: onPgServer((url) => (url.username = "imi_no_such_role")) }), line: /^Configuration error: PostgreSQL at .+ refuses DATABASE_URL's user "imi_no_such_role" from this machine \(28000/ },
  { name: "PORT in use", env: () => ({ ...development(), PORT: String(busyPort) }), line: /^Configuration error: PORT \d+ is in use on 127\.0\.0\.1 by another process \(EADDRINUSE\): stop that process, or set PORT to a free port\.$/ },
  { name: "PORT not a port", env: () => ({ ...development(), PORT: "http" }), line: /^Configuration error: PORT must be an integer between 0 and 65535, got "http"\.$/ },
  { name: "HOST not an address of this machine", env: () => ({ ...development(), HOST: "203.0.113.7" }), line: /^Configuration error: HOST 203\.0\.113\.7 is not an address of this machine \(EADDRNOTAVAIL\)/ },
  { name: "HOST not a host name", env: () => ({ ...development(), HOST: "http://0.0.0.0" }), line: /^Configuration error: HOST must be an IP address or a host name of this machine/ },
  { name: "PGLITE_DIR under a file", env: () => ({ SEED_DEMO: "off", PGLITE_DIR: join(scratch, "a-file", "pglite") }), line: /^Configuration error: PGLITE_DIR .+ cannot be used as the embedded database's folder \(ENOTDIR on .+\): point PGLITE_DIR at a folder this user may create and write, or set DATABASE_URL\.$/ },
  { name: "JWT_SECRET missing in production", env: () => ({ ...production(), JWT_SECRET: "", DATABASE_URL: "postgres://imi@127.0.0.1:9/imi" }), line: /^Configuration error: JWT_SECRET is required when NODE_ENV=production: generate one with `openssl rand -base64 48`/ },
  { name: "JWT_SECRET too short", env: () => ({ ...development(), JWT_SECRET: "short" }), line: /^Configuration error: JWT_SECRET must be at least 32 characters: generate one/ },
  { name: "JWT_SECRET_FILE unreadable", env: () => ({ ...production(), JWT_SECRET: "", JWT_SECRET_FILE: join(scratch, "missing-secret"), DATABASE_URL: "postgres://imi@127.0.0.1:9/imi" }), line: /^Configuration error: JWT_SECRET_FILE names .+missing-secret, which cannot be read \(ENOENT\): point it at the secret's file/ },
  { name: "JWT_SECRET and JWT_SECRET_FILE both set", env: () => ({ ...production(), JWT_SECRET_FILE: join(scratch, "a-file"), DATABASE_URL: "postgres://imi@127.0.0.1:9/imi" }), line: /^Configuration error: JWT_SECRET and JWT_SECRET_FILE are both set: keep one of them\.$/ },
  { name: "DATABASE_URL missing in production", env: () => ({ ...production() }), line: /^Configuration error: DATABASE_URL is required when NODE_ENV=production/ },
  { name: "CORS_ORIGINS with a path", env: () => ({ ...development(), CORS_ORIGINS: "https://portal.example.org/app" }), line: /^Configuration error: CORS_ORIGINS must list origins as scheme:\/\/host\[:port\] without a path/ },
  { name: "CORS_ORIGINS with a wildcard", env: () => ({ ...development(), CORS_ORIGINS: "*" }), line: /^Configuration error: CORS_ORIGINS does not take "\*": list the origins of your frontends/ },
  { name: "EXCHANGE_SIGNING_KEY not a key", env: () => ({ ...production(), EXCHANGE_SIGNING_KEY: "not a key", DATABASE_URL: "postgres://imi@127.0.0.1:9/imi" }), line: /^Configuration error: EXCHANGE_SIGNING_KEY/ },
];

const isLogLine = (line: string) => line.startsWith("{") && line.endsWith("}");

describe("a start with a bad setting: one line naming the variable and the fix, exit code 1, no stack", () => {
  for (const failure of CASES) {
    it.skipIf(failure.needsPostgres && !pgServer)(failure.name, { timeout: 60_000 }, async () => {
      const started = runTs("src/main.ts", { PORT: String(await freePort()), ...failure.env() });
      const exit = await started.exited;
      const output = started.lines.filter((line) => !isLogLine(line));
      expect(exit, started.lines.join("\n")).toEqual({ code: 1, signal: null });
      expect(output, started.lines.join("\n")).toEqual([expect.stringMatching(failure.line)]);
      expect(started.lines.some((line) => /^\s+at |"stack"/.test(line))).toBe(false);
      // The line never shows a password of DATABASE_URL.
      expect(started.lines.join("\n")).not.toContain("wrong@");
    });
  }
});
