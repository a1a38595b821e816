import { createConnection, createServer, type Server, type Socket } from "node:net";

/**
 * A TCP proxy between a server under test and PostgreSQL, to cut the database away without
 * stopping the shared PostgreSQL server:
 * - `refuse()`: what a stopped or restarting database looks like: open connections are reset and
 *   new ones are reset at once;
 * - `blackhole()`: what a network partition looks like: open connections stay open but nothing
 *   gets through, and new connections are accepted and never answered;
 * - `restore()`: traffic flows again (connections cut off meanwhile stay cut off);
 * - `loseAnswerAfter(bytes)`: once, the client chunk holding `bytes` still reaches PostgreSQL, whose
 *   answer is then lost: the client's connection is reset (a COMMIT applied, its answer never heard).
 */
export class TcpProxy {
  private mode: "open" | "refuse" | "blackhole" = "open";
  private readonly pairs = new Set<{ client: Socket; upstream: Socket | undefined }>();
  private losing: { bytes: Buffer; lost: () => void } | undefined;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const proxy = new TcpProxy(server, typeof address === "object" && address ? address.port : 0);
    server.on("connection", (client) => proxy.accept(client, target));
    return proxy;
  }

  private accept(client: Socket, target: { host: string; port: number }): void {
    client.on("error", () => {});
    if (this.mode === "refuse") {
      client.resetAndDestroy();
      return;
    }
    const pair: { client: Socket; upstream: Socket | undefined } = { client, upstream: undefined };
    this.pairs.add(pair);
    client.on("close", () => {
      this.pairs.delete(pair);
      pair.upstream?.destroy();
    });
    // Accepted during a partition: held open, never connected through.
    if (this.mode === "blackhole") return;
    const upstream = createConnection(target.port, target.host);
    pair.upstream = upstream;
    upstream.on("error", () => client.destroy());
    upstream.on("close", () => client.destroy());
    let answersLost = false;
    client.on("data", (chunk: Buffer) => {
      if (this.mode !== "open") return;
      const losing = this.losing;
      if (losing && chunk.includes(losing.bytes)) {
        this.losing = undefined;
        answersLost = true;
        // Delivered (flushed to PostgreSQL, then FIN), and only then the client's connection reset.
        upstream.end(chunk, () => {
          client.resetAndDestroy();
          losing.lost();
        });
        return;
      }
      upstream.write(chunk);
    });
    upstream.on("data", (chunk) => {
      if (this.mode === "open" && !answersLost) client.write(chunk);
    });
  }

  refuse(): void {
    this.mode = "refuse";
    for (const { client, upstream } of this.pairs) {
      client.resetAndDestroy();
      upstream?.destroy();
    }
    this.pairs.clear();
  }

  /** Resolves once a client chunk holding `bytes` was delivered and its connection reset (see above). */
  loseAnswerAfter(bytes: string): Promise<void> {
    return new Promise((lost) => (this.losing = { bytes: Buffer.from(bytes), lost }));
  }

  blackhole(): void {
    this.mode = "blackhole";
  }

  /** Traffic flows again; connections that lost bytes in a partition are reset (TCP would have given up on them). */
  restore(): void {
    const partitioned = this.mode === "blackhole";
    this.mode = "open";
    if (!partitioned) return;
    for (const { client, upstream } of this.pairs) {
      client.resetAndDestroy();
      upstream?.destroy();
    }
    this.pairs.clear();
  }

  async close(): Promise<void> {
    this.refuse();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
