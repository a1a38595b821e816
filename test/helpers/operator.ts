import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import postgres from "postgres";
import { cleanEnv, type Exit } from "./server-process.js";
import { recordChildLine } from "./test-logs.js";

/**
 * What an operator runs (issue 15): commands in a folder of its own with their standard input, on
 * an empty PostgreSQL database, with secrets generated as the docs say (production refuses published ones).
 */

export interface Command {
  child: ChildProcess;
  lines: string[];
  exited: Promise<Exit>;
}

const children: ChildProcess[] = [];

/**
 * Runs node with these arguments in `cwd`, `input` on its standard input. `log`: its lines are the
 * server's logs and join the test logs scanned for personal data; a command's output for the operator
 * (admin:create prints the TOTP secret and, in the otpauth URI, the e-mail) is not a log and does not.
 */
export function runCommand(args: string[], options: { cwd: string; env?: Record<string, string>; input?: string; log?: boolean }): Command {
  const child = spawn(process.execPath, args, { cwd: options.cwd, env: cleanEnv(options.env ?? {}), stdio: ["pipe", "pipe", "pipe"], detached: true });
  children.push(child);
  child.stdin!.end(options.input ?? "");
  const lines: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on("line", (line) => {
      lines.push(line);
      if (options.log) recordChildLine(child.pid, args.join(" "), line);
    });
  }
  const exited = new Promise<Exit>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  return { child, lines, exited };
}

/** Ends every command still running (its process group). */
export function killCommands(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
}
process.once("exit", killCommands);

/** A new, empty database (not migrated) on the TEST_DATABASE_URL server. */
export async function emptyPostgresDatabase(): Promise<{ url: string; dispose(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `imi_ops_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async dispose() {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

/** A production configuration's secrets, generated (docs/deployment.md "Configuration"). */
export function productionSecrets(): Record<string, string> {
  const { privateKey } = generateKeyPairSync("ed25519");
  return {
    JWT_SECRET: randomBytes(48).toString("base64"),
    EXCHANGE_SIGNING_KEY: privateKey.export({ format: "pem", type: "pkcs8" }) as string,
    PERSONAL_DATA_MASTER_KEY: randomBytes(32).toString("base64"),
  };
}

/** The "IMI API ready" line's fields, or rejects with the output when the process ends first. */
export function untilReadyLine(command: Command, timeoutMs = 60_000): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      for (const line of command.lines) {
        try {
          const entry = JSON.parse(line) as Record<string, unknown>;
          if (String(entry.msg ?? "").startsWith("IMI API ready")) {
            clearInterval(timer);
            clearTimeout(bound);
            return resolve(entry);
          }
        } catch {
          // not a log line
        }
      }
    }, 50);
    const bound = setTimeout(() => {
      clearInterval(timer);
      reject(new Error(`no "IMI API ready" within ${timeoutMs} ms:\n${command.lines.join("\n")}`));
    }, timeoutMs);
    void command.exited.then((exit) => {
      clearInterval(timer);
      clearTimeout(bound);
      reject(new Error(`exited before ready (${JSON.stringify(exit)}):\n${command.lines.join("\n")}`));
    });
  });
}

/** Sends SIGTERM and waits for the exit (SIGKILL after 20 s). */
export async function stopCommand(command: Command): Promise<Exit> {
  if (command.child.exitCode !== null || command.child.signalCode !== null) return command.exited;
  command.child.kill("SIGTERM");
  const timer = setTimeout(() => command.child.pid && process.kill(-command.child.pid, "SIGKILL"), 20_000);
  const exit = await command.exited;
  clearTimeout(timer);
  return exit;
}

/**
 * An empty database as docs/deployment.md "Database roles" sets one up (deploy/postgres-init.sh): an
 * owner login role that owns it (for the migrations and admin:create), and an application login
 * role that is a member of imi_api and imi_system only (for the replicas). The roles' names are this
 * run's own (roles belong to the whole server, which other test files share).
 */
export async function postgresWithRoles(): Promise<{ ownerUrl: string; appUrl: string; dispose(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error("TEST_DATABASE_URL is not set");
  const tag = `${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const [owner, app, name] = [`imi_owner_${tag}`, `imi_app_${tag}`, `imi_roles_${tag}`];
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  // The migration creates imi_api and imi_system when missing; another file's may be doing so right now.
  for (const role of ["imi_api", "imi_system"]) {
    await admin.unsafe(`do $$ begin if not exists (select 1 from pg_roles where rolname = '${role}') then create role ${role} nologin; end if; exception when duplicate_object then null; end $$`);
  }
  await admin.unsafe(`create role "${owner}" login`);
  await admin.unsafe(`create database "${name}" owner "${owner}"`);
  await admin.unsafe(`create role "${app}" login in role imi_api, imi_system`);
  const url = (user: string) => {
    const result = new URL(serverUrl);
    result.username = user;
    result.password = "";
    result.pathname = `/${name}`;
    return result.toString();
  };
  return {
    ownerUrl: url(owner),
    appUrl: url(app),
    async dispose() {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.unsafe(`drop role if exists "${app}"`);
      await admin.unsafe(`drop role if exists "${owner}"`);
      await admin.end();
    },
  };
}
