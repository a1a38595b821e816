import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

export interface Received {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** One subscriber: a graphql-ws client of its own, its events collected in order. */
export class LiveSubscriber {
  readonly events: Received[] = [];
  readonly errors: unknown[] = [];
  closed: { code: number; reason: string } | null = null;
  private waiters: (() => void)[] = [];
  private readonly client: Client;
  private disposers: (() => void)[] = [];

  constructor(url: string, token: string | null, readonly label = "") {
    this.client = createClient({
      url,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      on: {
        closed: (event) => {
          const { code, reason } = event as { code: number; reason: string };
          this.closed = { code, reason: String(reason) };
          this.notify();
        },
      },
      onNonLazyError: (error) => {
        this.errors.push(error);
        this.notify();
      },
    });
  }

  /** Subscribes; resolves once the server has acknowledged the connection. */
  subscribe(query: string, variables: Record<string, unknown> = {}): this {
    this.disposers.push(
      this.client.subscribe(
        { query, variables },
        {
          next: (value) => {
            this.events.push(value as Received);
            this.notify();
          },
          error: (error) => {
            this.errors.push(error);
            this.notify();
          },
          complete: () => this.notify(),
        },
      ),
    );
    return this;
  }

  /** Subscribes with a payload as given (a trusted document's id in `extensions`, no document). */
  subscribeRaw(payload: { query: string; extensions?: Record<string, unknown>; variables?: Record<string, unknown> }): this {
    this.disposers.push(
      this.client.subscribe(payload, {
        next: (value) => {
          this.events.push(value as Received);
          this.notify();
        },
        error: (error) => {
          this.errors.push(error);
          this.notify();
        },
        complete: () => this.notify(),
      }),
    );
    return this;
  }

  /** Resolves once the connection is acknowledged (the subscribe message is sent right after). */
  connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      const off = this.client.on("connected", () => {
        off();
        resolve();
      });
      const offClosed = this.client.on("closed", (event) => {
        offClosed();
        reject(new Error(`closed before connecting: ${(event as { code: number }).code}`));
      });
    });
  }

  /** Waits until `done()` holds, at most `ms`; returns whether it did. */
  async until(done: () => boolean, ms = 10_000): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return true;
  }

  async close(): Promise<void> {
    for (const dispose of this.disposers) dispose();
    await this.client.dispose();
  }

  private notify(): void {
    const waiters = this.waiters.splice(0);
    for (const wake of waiters) wake();
  }
}
