/**
 * The parent's handle on the bench servers' process (bench/servers.child.ts): forked with tsx, as
 * `npm start` runs the API (node --import tsx), talked to over IPC.
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Driver } from "./database.js";

export type ServerName = "full" | "noAuth" | "noRls" | "graphqlJs" | "fair";
export const SERVER_NAMES: ServerName[] = ["full", "noAuth", "noRls", "graphqlJs", "fair"];
export const SERVER_LABELS: Record<ServerName, string> = {
  full: "full stack",
  noAuth: "authorization off",
  noRls: "row security off",
  graphqlJs: "graphql-js baseline",
  fair: "fair baseline (same security work)",
};

/** Accepted requests the mutation writes into, round robin (so that concurrent writes rarely wait on one row lock). */
export const MUTATION_PROCEDURES = 200;
/** The accepted requests the nested list shows (the newest). */
export const LISTED_PROCEDURES = 50;

/** One audit row as the bench compares them: what was read, by whom, on which ground (not ids, times, hashes). */
export interface AuditRow {
  action: string;
  procedureId: string | null;
  dataSubjectId: string | null;
  fields: string[];
  ground: string;
  actorUserId: string | null;
  actorAuthorityId: string | null;
}

export interface Ready {
  type: "ready";
  driver: Driver;
  /** The servers running (the fair baseline needs PostgreSQL; BENCH_CHILD_SERVERS may name fewer). */
  servers: ServerName[];
  ports: Partial<Record<ServerName, number>>;
  /** A case handler's bearer token, from `login`. */
  token: string;
  lookupId: string;
  mutationIds: string[];
  listedProcedures: number;
}

export type ChildMessage =
  | Ready
  | { type: "statements"; id: number; count: number }
  /** process.cpuUsage() of the servers' process, user + system, in microseconds. */
  | { type: "cpu"; id: number; micros: number }
  | { type: "audit"; id: number; rows: AuditRow[] }
  /** The procedures visible to the token's user after `grow` (bench/scale.ts). */
  | { type: "grown"; id: number; visible: number; seconds: number }
  | { type: "profile-started"; id: number }
  | { type: "profile"; id: number; path: string }
  | { type: "stopped"; id: number };

export type ParentMessage =
  | { type: "statements"; id: number }
  | { type: "cpu"; id: number }
  /** The audit rows written under this request id. */
  | { type: "audit"; id: number; requestId: string }
  /** Older procedures added set-based until `visible` are visible to the token's user. */
  | { type: "grow"; id: number; visible: number }
  | { type: "profile-start"; id: number }
  | { type: "profile-stop"; id: number }
  | { type: "stop"; id: number };

type ReplyType = { statements: "statements"; cpu: "cpu"; audit: "audit"; grow: "grown"; "profile-start": "profile-started"; "profile-stop": "profile"; stop: "stopped" };
type Reply<T extends ParentMessage["type"]> = Extract<ChildMessage, { type: ReplyType[T] }>;
type Extra<T extends ParentMessage["type"]> = Omit<Extract<ParentMessage, { type: T }>, "type" | "id">;

export interface BenchServers extends Ready {
  child: ChildProcess;
  url(name: ServerName): string;
  ask<T extends ParentMessage["type"]>(type: T, extra?: Extra<T>): Promise<Reply<T>>;
  stop(): Promise<void>;
}

const CHILD = fileURLToPath(new URL("./servers.child.ts", import.meta.url));

/**
 * Starts the three servers on a database URL (PostgreSQL) or in-memory PGlite (undefined). `script`:
 * another child with the same messages (experiments with variants of the stack).
 */
export async function startBenchServers(databaseUrl: string | undefined, script = CHILD, only?: ServerName[]): Promise<BenchServers> {
  const child = fork(script, [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, BENCH_CHILD_DATABASE_URL: databaseUrl ?? "", BENCH_CHILD_SERVERS: only?.join(",") ?? "" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const pending = new Map<number, (message: ChildMessage) => void>();
  let nextId = 1;
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`bench servers exited before ready (code ${code})`)));
    child.on("message", (message: ChildMessage) => {
      if (message.type === "ready") resolve(message);
      else pending.get(message.id)?.(message);
    });
  });
  const ask = <T extends ParentMessage["type"]>(type: T, extra?: Extra<T>) =>
    new Promise<Reply<T>>((resolve) => {
      const id = nextId++;
      pending.set(id, (message) => {
        pending.delete(id);
        resolve(message as Reply<T>);
      });
      child.send({ ...extra, type, id });
    });
  return {
    ...ready,
    child,
    url: (name) => `http://127.0.0.1:${ready.ports[name]}/graphql`,
    ask,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      await ask("stop");
      await exited;
    },
  };
}
