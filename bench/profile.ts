/**
 * Where the full stack spends its CPU under load: a V8 CPU profile of the bench servers' process
 * (node:inspector, started and stopped over IPC around a stretch of autocannon load), summarized by
 * self time per package (node_modules/<package>), per folder of src/, node's internals, GC and idle.
 * The profile covers the server process only: with PostgreSQL, the database's own work is not in it
 * (it shows as idle time there); with PGlite it is (the @electric-sql/pglite WASM).
 */
import { readFile, rm } from "node:fs/promises";
import { load } from "./http.js";
import type { OperationName } from "./operations.js";
import type { BenchServers, ServerName } from "./servers.js";

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileShare {
  name: string;
  /** Share of the sampled time, idle included. */
  share: number;
}

export interface ProfileSummary {
  operation: OperationName;
  server: ServerName;
  seconds: number;
  rps: number;
  /** Share of the sampled time the process was busy (not idle). */
  busy: number;
  byPackage: ProfileShare[];
  topFunctions: ProfileShare[];
}

/** Frames without a script: V8, GC and node's C++ (by the function V8 names). */
const NATIVE: Record<string, string> = {
  "(idle)": "(idle: waiting for I/O)",
  "(garbage collector)": "(garbage collector)",
  "(program)": "(program: V8 and native code)",
  writeBuffer: "(syscalls: socket writes, database and HTTP)",
  writev: "(syscalls: socket writes, database and HTTP)",
  writeUtf8String: "(syscalls: socket writes, database and HTTP)",
  writeLatin1String: "(syscalls: socket writes, database and HTTP)",
  writeString: "(syscalls: file writes, the request log)",
  run: "(native crypto: the token's HMAC)",
  HmacJob: "(native crypto: the token's HMAC)",
  runMicrotasks: "(V8: promise jobs)",
  dispatch: "(the profiler itself)",
  postMessage: "(native: import() resolved by tsx's loader thread)",
};

/** The bucket a frame's self time goes to. */
export function bucketOf(url: string, functionName: string): string {
  if (!url) return NATIVE[functionName] ?? `(native: ${functionName || "anonymous"})`;
  if (url.startsWith("wasm://")) return "@electric-sql/pglite (WASM: the embedded database)";
  const modules = url.lastIndexOf("/node_modules/");
  if (modules >= 0) {
    const [first, second] = url.slice(modules + "/node_modules/".length).split("/");
    return first?.startsWith("@") ? `${first}/${second}` : (first ?? url);
  }
  if (url.startsWith("node:")) return "node (internals: http, streams, crypto…)";
  const src = url.indexOf("/src/");
  if (src >= 0) {
    const parts = url.slice(src + 1).split("/");
    return parts.length > 2 ? parts.slice(0, parts[1] === "modules" ? 3 : 2).join("/") : parts.join("/");
  }
  const bench = url.indexOf("/bench/");
  if (bench >= 0) return url.slice(bench + 1);
  return url;
}

/** node_modules/graphql/execution/execute.js → graphql/execution/execute.js; …/src/http.ts → src/http.ts. */
function shortFile(url: string): string {
  const modules = url.lastIndexOf("/node_modules/");
  if (modules >= 0) return url.slice(modules + "/node_modules/".length);
  for (const folder of ["/src/", "/bench/", "/test/"]) {
    const at = url.lastIndexOf(folder);
    if (at >= 0) return url.slice(at + 1);
  }
  return url;
}

export function summarize(profile: CpuProfile, limit = 12): { busy: number; byPackage: ProfileShare[]; topFunctions: ProfileShare[] } {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfByNode = new Map<number, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    selfByNode.set(id, (selfByNode.get(id) ?? 0) + delta);
    total += delta;
  });
  const byBucket = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let idle = 0;
  for (const [id, self] of selfByNode) {
    const frame = nodes.get(id)!.callFrame;
    const bucket = bucketOf(frame.url, frame.functionName);
    if (frame.functionName === "(idle)") idle += self;
    byBucket.set(bucket, (byBucket.get(bucket) ?? 0) + self);
    if (frame.url) {
      const name = `${frame.functionName || "(anonymous)"} ${shortFile(frame.url)}:${frame.lineNumber + 1}`;
      byFunction.set(name, (byFunction.get(name) ?? 0) + self);
    }
  }
  const shares = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, time]) => ({ name, share: total > 0 ? time / total : 0 }));
  return { busy: total > 0 ? 1 - idle / total : 0, byPackage: shares(byBucket), topFunctions: shares(byFunction) };
}

/** Load on one server and operation while the servers' process is profiled. */
export async function profileUnderLoad(
  servers: BenchServers,
  server: ServerName,
  operation: OperationName,
  seconds: number,
): Promise<ProfileSummary> {
  await servers.ask("profile-start");
  const measure = await load(servers, server, operation, seconds);
  const { path } = await servers.ask("profile-stop");
  const profile = JSON.parse(await readFile(path, "utf8")) as CpuProfile;
  if (process.env.BENCH_KEEP_PROFILES === "1") console.log(`profile kept: ${path}`);
  else await rm(path, { force: true });
  return { operation, server, seconds, rps: measure.rps, ...summarize(profile) };
}
