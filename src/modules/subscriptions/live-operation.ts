import type { IncomingHttpHeaders } from "node:http";
import { execute, getOperationAST, GraphQLError, type ExecutionArgs, type ExecutionResult, type GraphQLSchema } from "graphql";
import { getArgumentValues } from "graphql/execution/values.js";
import type { Clock } from "../../clock.js";
import type { Context } from "../../context.js";
import type { Logger } from "../../logger.js";
import type { Services } from "../../services.js";
import { SlowConsumerError, type DeliverySlots, type EventBus } from "./event-bus.js";
import type { LiveEvent, LiveTopic } from "./live-event.js";
import { CLOSE, type LiveSettings } from "./live.settings.js";

/** What a subscription needs of the API: its schema (with the shield), its context factory, its services. */
export interface LiveRuntime {
  readonly schema: GraphQLSchema;
  readonly bus: EventBus;
  readonly settings: LiveSettings;
  /** Bounds the deliveries resolved at once (event-bus.ts DeliverySlots). */
  readonly slots: DeliverySlots;
  readonly services: Services;
  readonly logger: Logger;
  /** The API's clock: tokens expire by it (a test's manual clock included). */
  readonly clock: Clock;
  /** The same factory as a query's (server.ts): the token re-checked, fresh loaders, its own audit batch. */
  createContext(headers: IncomingHttpHeaders, remoteAddress?: string): Promise<Context>;
  /**
   * Runs `work` as an HTTP request is run (server.ts: in one transaction of its own, where
   * createContext sets the viewer for the database's row policies, issue 13).
   */
  inRequest<T>(work: () => Promise<T>): Promise<T>;
}

/** One WebSocket connection, as an operation sees it. */
export interface LiveConnection {
  readonly userId: string;
  /** Authorization (the connection_init token), Accept-Language: what a per-event context is built from. */
  readonly headers: IncomingHttpHeaders;
  readonly remoteAddress?: string;
  end(code: number, reason: string): void;
  /** Bytes waiting in the socket's send buffer (a slow reader's grow). */
  bufferedBytes(): number;
}

const TOPIC_OF: Record<string, { topic: LiveTopic; filter?: (event: LiveEvent, args: Record<string, unknown>) => boolean }> = {
  procedureEvents: {
    topic: "PROCEDURE",
    filter: (event, args) => !args.procedureId || (event.topic === "PROCEDURE" && event.procedureId === args.procedureId),
  },
  dataSubjectRequestEvents: {
    topic: "DATA_SUBJECT_REQUEST",
    filter: (event, args) => !args.requestId || (event.topic === "DATA_SUBJECT_REQUEST" && event.requestId === args.requestId),
  },
  inactivityNotices: { topic: "REMINDER" },
};

/** The root field a subscription selects and its arguments; a GraphQLError when it is not one of ours. */
export function rootFieldOf(args: ExecutionArgs): { name: string; args: Record<string, unknown> } | GraphQLError {
  const operation = getOperationAST(args.document, args.operationName);
  const subscription = args.schema.getSubscriptionType();
  const selection = operation?.selectionSet.selections[0];
  if (!operation || operation.operation !== "subscription" || !subscription) return new GraphQLError("Only subscriptions are served over WebSocket: send queries and mutations over HTTP POST.");
  if (operation.selectionSet.selections.length !== 1 || selection?.kind !== "Field") {
    return new GraphQLError("A subscription selects exactly one field of Subscription, directly (not through a fragment).");
  }
  const field = subscription.getFields()[selection.name.value];
  if (!field || !TOPIC_OF[field.name]) return new GraphQLError(`Subscription has no field ${selection.name.value}.`);
  return { name: field.name, args: getArgumentValues(field, selection, args.variableValues ?? {}) };
}

/**
 * One subscription: the events of its topic, each with a context of its own built by the query's
 * factory (so a deactivated user or an expired token ends the connection at the next event, and
 * loaders never serve an earlier event's rows), delivered only when the viewer may see the row
 * (event-scope.ts), resolved through the schema with the policy and audited like a query.
 */
export function liveOperation(runtime: LiveRuntime, connection: LiveConnection, args: ExecutionArgs): AsyncIterableIterator<ExecutionResult> {
  const root = rootFieldOf(args);
  if (root instanceof GraphQLError) throw root;
  const { topic, filter } = TOPIC_OF[root.name]!;
  const fieldArgs = root.args;
  const queue = runtime.bus.open(topic, runtime.settings.maxQueuedEvents);

  async function* events(): AsyncGenerator<ExecutionResult> {
    try {
      for await (const event of queue) {
        if (filter && !filter(event, fieldArgs)) {
          runtime.bus.decided++;
          continue;
        }
        const outcome = await runtime.slots.run(() => runtime.inRequest(async (): Promise<{ ended: string } | { result: ExecutionResult } | null> => {
          const context = await runtime.createContext(connection.headers, connection.remoteAddress);
          if (!context.viewer) return { ended: context.authFailure ?? "Your session is no longer valid: log in again." };
          if (!(await runtime.services.live.mayReceive(context.viewer, event))) return null;
          const result = await execute({ ...args, rootValue: event, contextValue: context });
          // R-SEC-2, as auditFlushPlugin for HTTP: no personal data leaves unaudited.
          if (context.audit.size > 0) await context.audit.flush();
          return { result };
        }));
        runtime.bus.decided++;
        if (!outcome) continue;
        if ("ended" in outcome) {
          connection.end(CLOSE.SESSION_ENDED, outcome.ended);
          return;
        }
        const { result } = outcome;
        if (connection.bufferedBytes() > runtime.settings.maxBufferedBytes) {
          connection.end(CLOSE.SLOW_CLIENT, "Events are waiting to be read beyond the bound: reconnect and read faster.");
          return;
        }
        yield result;
      }
    } catch (error) {
      if (error instanceof SlowConsumerError) {
        connection.end(CLOSE.SLOW_CLIENT, error.message);
        return;
      }
      throw error;
    } finally {
      queue.close();
    }
  }

  const generator = events();
  // A generator waiting for its next event would not see `return` until then: closing the queue
  // first ends that wait, so a completed or disconnected subscription is released at once.
  return {
    next: () => generator.next(),
    return: () => {
      queue.close();
      return generator.return(undefined);
    },
    throw: (error: unknown) => {
      queue.close();
      return generator.throw(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
