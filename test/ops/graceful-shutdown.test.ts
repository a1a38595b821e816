import { Agent, request, type ClientRequest, type IncomingMessage } from "node:http";
import { connect } from "node:net";
import { print } from "graphql";
import { afterAll, describe, expect, it } from "vitest";
import { ProceduresDocument } from "../../examples/generated/graphql.js";
import { DRIVERS } from "../helpers/database.js";
import { killChildren, parse, startServer, type ServerProcess } from "../helpers/server-process.js";
import { hasStackTrace, login } from "./client.js";

/**
 * Stopping the real server process (src/main.ts, as `npm start` runs it) on SIGTERM, the way an
 * orchestrator stops a replica during a rolling update (docs/deployment.md "Health, logs, shutdown").
 * A request is held in flight without timing: it asks `Expect: 100-continue`, so the server's
 * "100 Continue" proves it has the request, and the body is finished only after the server has
 * logged that it is shutting down. PGlite (the process is what is tested, not the driver).
 */

interface Response {
  status: number;
  headers: IncomingMessage["headers"];
  body: string;
}

/** A POST to /graphql whose body is sent in two halves: the first once the server has taken the request. */
function heldRequest(server: ServerProcess, agent: Agent, token: string) {
  const body = JSON.stringify({ query: print(ProceduresDocument), variables: { first: 3 } });
  const half = Math.floor(body.length / 2);
  const url = new URL(server.base);
  let req!: ClientRequest;
  const response = new Promise<Response>((resolve, reject) => {
    req = request(
      {
        host: url.hostname,
        port: url.port,
        path: "/graphql",
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
          expect: "100-continue",
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
  });
  const taken = new Promise<void>((resolve) => req.once("continue", () => resolve()));
  return {
    response,
    /** Resolves once the server has answered "100 Continue" and the first half is on its way. */
    started: taken.then(() => new Promise<void>((resolve) => req.write(body.slice(0, half), () => resolve()))),
    finish: () => req.end(body.slice(half)),
  };
}

/** Whether a new TCP connection to the server's port is accepted. */
function tryConnect(server: ServerProcess): Promise<"accepted" | "refused"> {
  const url = new URL(server.base);
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    socket.once("connect", () => {
      socket.destroy();
      resolve("accepted");
    });
    socket.once("error", () => resolve("refused"));
  });
}

async function untilLogged(server: ServerProcess, msg: string): Promise<void> {
  while (!server.lines.some((line) => parse(line)?.msg === msg)) {
    if (server.child.exitCode !== null) throw new Error(`exited before logging "${msg}":\n${server.lines.join("\n")}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The log lines whose message is, or starts with, `msg`. */
const logged = (server: ServerProcess, msg: string) => server.lines.map(parse).filter((line) => String(line?.msg ?? "").startsWith(msg));

afterAll(() => killChildren());

describe.skipIf(!DRIVERS.includes("pglite"))("stopping the server on SIGTERM", () => {
  it("finishes a request in flight, refuses new connections, lets no keep-alive client hold it, and exits 0", { timeout: 120_000 }, async () => {
    const server = await startServer();
    try {
      const token = await login(server.base, "handler.dk@imi.example");

      // An idle keep-alive connection, as a load balancer or a portal's connection pool keeps one:
      // a request answered, its socket back in the agent's pool.
      const idleAgent = new Agent({ keepAlive: true });
      let idleClosed!: Promise<void>;
      await new Promise<void>((resolve, reject) => {
        const req = request(`${server.base}/healthz`, { agent: idleAgent }, (res) => {
          expect(res.headers.connection).toBe("keep-alive");
          res.resume();
          res.on("end", () => resolve());
        });
        req.on("socket", (socket) => (idleClosed = new Promise((closed) => socket.once("close", () => closed()))));
        req.on("error", reject);
        req.end();
      });

      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const held = heldRequest(server, agent, token);
      await held.started;

      server.child.kill("SIGTERM");
      await untilLogged(server, "shutting down");
      expect(await tryConnect(server)).toBe("refused");

      held.finish();
      const response = await held.response;
      expect(response.status).toBe(200);
      const result = JSON.parse(response.body) as { data?: { procedures: { totalCount: number; edges: unknown[] } }; errors?: unknown };
      expect(result.errors).toBeUndefined();
      expect(result.data!.procedures.totalCount).toBeGreaterThan(0);
      expect(result.data!.procedures.edges).toHaveLength(3);
      // Its connection is not kept for another request: the same client's next one needs a new connection, refused.
      expect(response.headers.connection).toBe("close");
      await expect(
        new Promise((resolve, reject) => request(`${server.base}/healthz`, { agent }, resolve).on("error", reject).end()),
      ).rejects.toMatchObject({ code: "ECONNREFUSED" });

      await idleClosed;
      expect(await server.exited).toEqual({ code: 0, signal: null });
      expect(logged(server, "stopped")).toHaveLength(1);
      expect(logged(server, "shutdown grace period over")).toEqual([]);
      expect(hasStackTrace(server.lines), server.lines.join("\n")).toBe(false);
      idleAgent.destroy();
      agent.destroy();
    } finally {
      await server.stop();
    }
  });

  it("cuts off a request that does not finish within SHUTDOWN_GRACE_SECONDS and exits 1, saying so", { timeout: 120_000 }, async () => {
    const server = await startServer({ SHUTDOWN_GRACE_SECONDS: "2" });
    try {
      const token = await login(server.base, "handler.dk@imi.example");
      const agent = new Agent({ keepAlive: false });
      const stalled = heldRequest(server, agent, token);
      const outcome = stalled.response.then(
        () => "answered",
        (error: NodeJS.ErrnoException) => error.code,
      );
      await stalled.started;

      const signalled = Date.now();
      server.child.kill("SIGTERM");
      // The body's second half never comes.
      expect(await server.exited).toEqual({ code: 1, signal: null });
      expect(Date.now() - signalled).toBeGreaterThanOrEqual(1900);
      expect(await outcome).toBe("ECONNRESET");
      expect(logged(server, "shutdown grace period over")).toEqual([
        expect.objectContaining({ level: 40, inFlightRequests: 1, graceSeconds: 2 }),
      ]);
      expect(logged(server, "stopped")).toEqual([]);
      expect(hasStackTrace(server.lines), server.lines.join("\n")).toBe(false);
      agent.destroy();
    } finally {
      await server.stop();
    }
  });
});
