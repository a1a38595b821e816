import { createHash } from "node:crypto";
import { realpath, stat, unlink } from "node:fs/promises";
import { createConnection, createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * SPEC "Runtime": the embedded database's folder belongs to one process. PGlite itself takes no
 * lock, and two processes on one folder each wrote their own pages and WAL over the other's: both
 * answered 200, and after a restart one side's confirmed writes were gone (issue 12, finding 2).
 *
 * The lock is a socket the holder listens on, named after the folder's identity (device and inode,
 * so another path to the same folder finds the same lock):
 * - Linux: an abstract socket (no file). Binding is atomic and exclusive, and the kernel releases
 *   it when the holder dies in any way, SIGKILL and power loss included. So there is no stale lock
 *   to judge, and no pid to trust: a pid file with a liveness check would have to guard against pid
 *   reuse and against two restarts taking over the same stale file at once.
 * - Windows: a named pipe, with the same properties.
 * - Elsewhere (macOS): a Unix socket file in the temporary folder. A file left by a dead holder
 *   refuses connections (ECONNREFUSED, the kernel's answer, not a guess), and is then replaced.
 * Whoever finds the lock taken asks the holder over the socket for its pid, for the message.
 * The lock is per host (per network namespace on Linux): containers sharing one folder over a
 * volume do not see each other's locks. The embedded database is for one developer's machine.
 */

/** A second process on a data folder in use: refused at start, with one line (openDatabaseOrExit). */
export class DataFolderInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly holderPid: number | undefined,
  ) {
    super(
      `the data folder ${dir} is in use by another process (${holderPid === undefined ? "pid unknown" : `pid ${holderPid}`}); ` +
        "one folder serves one process: stop that one first, or set PGLITE_DIR to another folder.",
    );
    this.name = "DataFolderInUseError";
  }
}

/** PGLITE_DIR is a symbolic link: refused at start, with one line naming the folder to use (openDatabaseOrExit). */
export class DataFolderLinkError extends Error {
  constructor(
    readonly dir: string,
    readonly target: string,
  ) {
    super(`PGLITE_DIR ${dir} is a symbolic link (to ${target}); the embedded database opens a folder, not a link: set PGLITE_DIR to the folder itself.`);
    this.name = "DataFolderLinkError";
  }
}

export interface DataFolderLock {
  release(): Promise<void>;
}

/** How long the holder has to say who it is; it may be busy starting (migrations run on its event loop). */
const WHO_TIMEOUT_MS = 2000;

function socketPath(identity: string): string {
  const name = `imi-pglite-${createHash("sha256").update(identity).digest("hex").slice(0, 32)}`;
  if (process.platform === "linux") return `\0${name}`;
  if (process.platform === "win32") return `\\\\?\\pipe\\${name}`;
  return join(tmpdir(), `${name}.sock`);
}

function listen(server: Server, path: string): Promise<"listening" | "in use"> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      if (error.code === "EADDRINUSE") resolve("in use");
      else reject(error);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve("listening");
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(path);
  });
}

/** The holder's pid, "stale" when nobody listens on the socket (a file left by a dead holder), or undefined. */
function askHolder(path: string): Promise<number | "stale" | undefined> {
  return new Promise((resolve) => {
    const socket = createConnection(path);
    let answer = "";
    const done = (value: number | "stale" | undefined) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(value);
    };
    const timer = setTimeout(() => done(undefined), WHO_TIMEOUT_MS);
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (answer += chunk));
    socket.on("end", () => {
      let pid: unknown;
      try {
        pid = (JSON.parse(answer) as { pid?: unknown }).pid;
      } catch {
        pid = undefined;
      }
      done(typeof pid === "number" && Number.isInteger(pid) ? pid : undefined);
    });
    socket.on("error", (error: NodeJS.ErrnoException) => done(error.code === "ECONNREFUSED" || error.code === "ENOENT" ? "stale" : undefined));
  });
}

/** Takes the folder's lock for this process, or throws DataFolderInUseError naming the holder. The folder must exist. */
export async function lockDataFolder(dir: string): Promise<DataFolderLock> {
  const real = await realpath(dir);
  const { dev, ino } = await stat(real);
  const path = socketPath(`${dev}:${ino}`);
  const server = createServer((socket) => {
    socket.on("error", () => {}); // an asker that hangs up early is no concern of the holder
    socket.end(JSON.stringify({ pid: process.pid }));
  });
  for (let attempt = 0; ; attempt++) {
    if ((await listen(server, path)) === "listening") break;
    const holder = await askHolder(path);
    // Only a socket file can be stale; its holder is dead, so the file is removed and the lock taken.
    if (holder === "stale" && attempt === 0 && !path.startsWith("\0") && !path.startsWith("\\\\")) {
      await unlink(path).catch(() => {});
      continue;
    }
    throw new DataFolderInUseError(real, typeof holder === "number" ? holder : undefined);
  }
  // The lock never keeps a process alive that would otherwise exit.
  server.unref();
  return {
    release: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}
