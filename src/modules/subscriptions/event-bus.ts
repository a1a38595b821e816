import type { Clock } from "../../clock.js";
import type { Logger } from "../../logger.js";
import { LIVE_CHANNEL, parseLiveEvent, type LiveEvent, type LiveTopic } from "./live-event.js";

/** LISTEN on the database (DatabaseHandle.listen): told of each NOTIFY once its transaction commits. */
export type Listen = (channel: string, onPayload: (payload: string) => void) => Promise<() => Promise<void>>;

/** Thrown out of a queue whose reader fell too far behind: its client is dropped, not buffered for ever. */
export class SlowConsumerError extends Error {
  constructor(readonly limit: number) {
    super(`More than ${limit} events waited for this subscriber: it reads too slowly and is dropped.`);
  }
}

/** One subscriber's events, in order, bounded: past `limit` unread events the queue fails. */
export class EventQueue implements AsyncIterable<LiveEvent> {
  private readonly pending: LiveEvent[] = [];
  private waiting: ((result: IteratorResult<LiveEvent>) => void) | null = null;
  private failWaiting: ((error: Error) => void) | null = null;
  private failure: Error | null = null;
  private closed = false;

  constructor(
    readonly topic: LiveTopic,
    private readonly limit: number,
    private readonly onClose: (queue: EventQueue) => void,
  ) {}

  push(event: LiveEvent): void {
    if (this.closed || this.failure) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = this.failWaiting = null;
      resolve({ value: event, done: false });
      return;
    }
    if (this.pending.length >= this.limit) {
      this.fail(new SlowConsumerError(this.limit));
      return;
    }
    this.pending.push(event);
  }

  fail(error: Error): void {
    this.failure = error;
    this.pending.length = 0;
    const reject = this.failWaiting;
    this.waiting = this.failWaiting = null;
    reject?.(error);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending.length = 0;
    const resolve = this.waiting;
    this.waiting = this.failWaiting = null;
    resolve?.({ value: undefined, done: true });
    this.onClose(this);
  }

  [Symbol.asyncIterator](): AsyncIterator<LiveEvent> {
    return {
      next: () => {
        if (this.failure) return Promise.reject(this.failure);
        const event = this.pending.shift();
        if (event) return Promise.resolve({ value: event, done: false });
        if (this.closed) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => {
          this.waiting = resolve;
          this.failWaiting = reject;
        });
      },
      return: () => {
        this.close();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}

/**
 * At most `limit` deliveries at a time: each holds a database connection for its transaction, and
 * the requests of the replica need the same pool (a burst of events must not starve them).
 */
export class DeliverySlots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/**
 * The process's one LISTEN on imi_events, fanned out to its subscribers' queues. Events made on any
 * replica arrive here (PostgreSQL delivers NOTIFY to every listening session; PGlite in process).
 */
export class EventBus {
  private readonly queues = new Set<EventQueue>();
  private readonly userWatchers = new Set<(userId: string) => void>();
  private unlisten: (() => Promise<void>) | null = null;
  private starting: Promise<void> | null = null;
  /** Events this process has received and fanned out (/metrics). */
  received = 0;
  /** Per-subscriber decisions taken on events, delivered or not (/metrics: a test and the benchmark wait on it). */
  decided = 0;

  constructor(
    private readonly listen: Listen | undefined,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Starts listening (once); without a `listen` (tests of the schema alone) no event ever arrives. */
  start(): Promise<void> {
    this.starting ??= (async () => {
      if (!this.listen) return;
      this.unlisten = await this.listen(LIVE_CHANNEL, (payload) => this.dispatch(payload));
    })();
    return this.starting;
  }

  /** A bounded queue of one topic's events, until closed. */
  open(topic: LiveTopic, limit: number): EventQueue {
    const queue = new EventQueue(topic, limit, (q) => this.queues.delete(q));
    this.queues.add(queue);
    return queue;
  }

  /** Told of every deactivated user (R-USER-2: their connections end at once). */
  onUserDeactivated(watch: (userId: string) => void): () => void {
    this.userWatchers.add(watch);
    return () => this.userWatchers.delete(watch);
  }

  get subscriberCount(): number {
    return this.queues.size;
  }

  async stop(): Promise<void> {
    for (const queue of [...this.queues]) queue.close();
    await this.unlisten?.();
    this.unlisten = null;
    this.starting = null;
  }

  private dispatch(payload: string): void {
    const event = parseLiveEvent(payload, this.clock.now());
    if (!event) {
      this.logger.warn({ channel: LIVE_CHANNEL }, "ignored a notification that is not a live event");
      return;
    }
    this.received++;
    if (event.topic === "USER") {
      for (const watch of this.userWatchers) watch(event.userId);
      return;
    }
    for (const queue of this.queues) if (queue.topic === event.topic) queue.push(event);
  }
}
