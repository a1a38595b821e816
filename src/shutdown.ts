import type { IncomingMessage, Server, ServerResponse } from "node:http";

export interface HttpDrain {
  /** Responses under way (their requests are in flight). */
  inFlight(): number;
  /**
   * Stops accepting connections and resolves once every connection is closed: in-flight requests
   * finish, each on a connection that is then closed. Callers bound the wait (main.ts).
   */
  close(): Promise<void>;
  /** After the grace period: drops every connection still open, in-flight requests included. */
  closeAll(): void;
}

/**
 * A graceful stop of the HTTP server. Node's `server.close()` refuses new connections and closes the
 * connections idle at that moment (Node 19+), but a connection kept alive by a client that goes on
 * sending requests is served for ever, and one whose request was in flight stays open after its
 * response until the keep-alive timeout. So while closing, every response says `Connection: close`
 * (those under way too, while their headers are unsent), and a connection is closed as soon as it
 * falls idle.
 */
export function drainHttp(server: Server): HttpDrain {
  let closing = false;
  const open = new Set<ServerResponse>();
  // Before the server's own handler, so that the header is set before any response is written.
  server.prependListener("request", (_req: IncomingMessage, res: ServerResponse) => {
    open.add(res);
    if (closing) res.setHeader("connection", "close");
    res.once("close", () => {
      open.delete(res);
      if (closing) server.closeIdleConnections();
    });
  });
  return {
    inFlight: () => open.size,
    close() {
      closing = true;
      for (const res of open) if (!res.headersSent) res.setHeader("connection", "close");
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
    closeAll: () => server.closeAllConnections(),
  };
}
