import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type ExecutionArgs, type GraphQLFormattedError } from "graphql";
import { CloseCode, type Context as WsContext, type SubscribePayload } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer, type WebSocket } from "ws";
import { DEFAULT_LIMITS, type Limits } from "../../config.js";
import type { ErrorCode } from "../../errors.js";
import { createFormatError } from "../../graphql/format-error.js";
import { abuseProtection } from "../../graphql/limits.js";
import { untrustedDocumentError, type TrustedDocuments } from "../../graphql/trusted-documents.js";
import { liveOperation, rootFieldOf, type LiveConnection, type LiveRuntime } from "./live-operation.js";
import { CLOSE } from "./live.settings.js";

/** The GraphQL endpoint: subscriptions are served on the same port and path as queries. */
export const LIVE_PATH = "/graphql";

/** Inbound frames: a subscribe message is a document and variables, never megabytes. */
const MAX_INBOUND_BYTES = 64 * 1024;

interface ConnectionState extends LiveConnection {
  readonly operations: Set<string>;
  release(): void;
}

type Extra = { socket: WebSocket; request: IncomingMessage; live?: ConnectionState };

function tokenOf(params: Record<string, unknown> | undefined): string | null {
  const raw = params?.authorization ?? params?.Authorization ?? params?.token;
  if (typeof raw !== "string") return null;
  const match = raw.match(/^(?:Bearer\s+)?(\S+)$/i);
  return match?.[1] ?? null;
}

/** `code` typed: a refusal here cannot carry a code the SDL enum ErrorCode lacks (issue 16 item 5). */
function coded(message: string, code: ErrorCode): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

export interface LiveServer {
  /** Closes every connection (1001) and stops listening: part of a graceful stop (main.ts). */
  close(): Promise<void>;
  readonly connections: number;
}

/**
 * graphql-ws (subprotocol graphql-transport-ws, the protocol Apollo Client documents) on the HTTP
 * server's upgrade of /graphql. The token is given at connection_init (`{ authorization: "Bearer …" }`)
 * and checked as an HTTP request's; it is checked again at every event, and the connection ends at
 * once when its user is deactivated (on any replica: the users trigger) or its token expires.
 */
export function attachLiveServer(
  server: Server,
  runtime: LiveRuntime,
  options: { limits?: Limits; trustedDocuments?: TrustedDocuments; production?: boolean } = {},
): LiveServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_INBOUND_BYTES });
  const formatError = createFormatError(runtime.logger);
  const armor = abuseProtection(options.limits ?? DEFAULT_LIMITS);
  const rules = [...specifiedRules, ...armor.validationRules];
  const perUser = new Map<string, number>();
  const states = new Set<ConnectionState>();
  const { settings } = runtime;
  void runtime.bus.start().catch((err: unknown) => runtime.logger.error({ err }, "LISTEN for live events failed"));

  const stopWatching = runtime.bus.onUserDeactivated((userId) => {
    for (const state of states) if (state.userId === userId) state.end(CLOSE.SESSION_ENDED, "Your account has been deactivated.");
  });

  server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(request.url ?? "/", "http://localhost").pathname !== LIVE_PATH) {
      socket.end("HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n");
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit("connection", ws, request));
  });

  const format = (errors: readonly GraphQLError[]): GraphQLFormattedError[] => errors.map((error) => formatError(error.toJSON(), error));

  const disposable = useServer<Record<string, unknown>, Extra>(
    {
      schema: runtime.schema,
      connectionInitWaitTimeout: 10_000,
      async onConnect(ctx: WsContext<Record<string, unknown>, Extra>) {
        const token = tokenOf(ctx.connectionParams);
        if (!token) return false;
        const { request, socket } = ctx.extra;
        const headers = { authorization: `Bearer ${token}`, ...(request.headers["accept-language"] ? { "accept-language": request.headers["accept-language"] } : {}) };
        const viewer = await runtime.inRequest(async () => (await runtime.createContext(headers, request.socket.remoteAddress)).viewer);
        if (!viewer) return false;
        const userId = viewer.userId;
        let expiry: NodeJS.Timeout | undefined;
        const state: ConnectionState = {
          userId,
          headers,
          remoteAddress: request.socket.remoteAddress,
          operations: new Set(),
          bufferedBytes: () => socket.bufferedAmount,
          end(code, reason) {
            // A close reason is at most 123 bytes.
            if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) socket.close(code, reason.slice(0, 120));
          },
          release() {
            clearTimeout(expiry);
            states.delete(state);
            const left = (perUser.get(userId) ?? 0) - state.operations.size;
            if (left > 0) perUser.set(userId, left);
            else perUser.delete(userId);
            state.operations.clear();
          },
        };
        // The token was verified above with exp required (our tokens, and SSO since pentest F3): one
        // without a numeric exp cannot be here, and if it were, the connection ends at once. An SSO
        // token also ends at iat + its issuer's maxTokenAgeSeconds, as a query would refuse it then.
        {
          const ms = runtime.services.auth.tokenValidUntil(token) - runtime.clock.now().getTime();
          // setTimeout holds at most 2^31-1 ms; tokens live far shorter.
          expiry = setTimeout(() => state.end(CLOSE.SESSION_ENDED, "Your token has expired: log in again and reconnect."), Math.max(0, Math.min(ms, 2 ** 31 - 1)));
          expiry.unref();
        }
        ctx.extra.live = state;
        states.add(state);
        return true;
      },
      onClose(ctx) {
        ctx.extra.live?.release();
      },
      async onSubscribe(ctx, id, payload: SubscribePayload): Promise<ExecutionArgs | readonly GraphQLError[]> {
        const state = ctx.extra.live;
        if (!state) return [coded("Connect first.", "UNAUTHENTICATED")];
        const query = resolveQuery(payload, options.trustedDocuments);
        if (query instanceof GraphQLError) return [query];
        let document: DocumentNode;
        try {
          document = parse(query, armor.parseOptions);
        } catch (error) {
          return [coded(error instanceof GraphQLError ? error.message : "The document does not parse.", "GRAPHQL_PARSE_FAILED")];
        }
        if (options.trustedDocuments && !options.trustedDocuments.allows(document)) return [untrustedDocumentError()];
        const problems = validate(runtime.schema, document, rules);
        if (problems.length > 0) return problems.map((problem) => coded(problem.message, "GRAPHQL_VALIDATION_FAILED"));
        const args: ExecutionArgs = {
          schema: runtime.schema,
          document,
          operationName: payload.operationName ?? null,
          variableValues: payload.variables ?? null,
          contextValue: state,
        };
        const root = rootFieldOf(args);
        if (root instanceof GraphQLError) return [coded(root.message, "BAD_REQUEST")];
        if (state.operations.size >= settings.perConnection) {
          return [coded(`At most ${settings.perConnection} subscriptions per connection.`, "TOO_MANY_SUBSCRIPTIONS")];
        }
        if ((perUser.get(state.userId) ?? 0) >= settings.perUser) {
          return [coded(`At most ${settings.perUser} subscriptions per user: complete some first.`, "TOO_MANY_SUBSCRIPTIONS")];
        }
        state.operations.add(id);
        perUser.set(state.userId, (perUser.get(state.userId) ?? 0) + 1);
        return args;
      },
      onComplete(ctx, id) {
        const state = ctx.extra.live;
        if (!state?.operations.delete(id)) return;
        const left = (perUser.get(state.userId) ?? 1) - 1;
        if (left > 0) perUser.set(state.userId, left);
        else perUser.delete(state.userId);
      },
      subscribe: (args: ExecutionArgs) => liveOperation(runtime, args.contextValue as ConnectionState, args),
      // Queries and mutations go over HTTP (its transaction, audit flush, limits): refused in onSubscribe.
      execute: () => ({ errors: [coded("Send queries and mutations over HTTP POST.", "BAD_REQUEST")] }),
      // The refusals of onSubscribe, each made here with its code: the message and code as they are
      // (graphql-js's suggestions removed, as formatError does for HTTP).
      onError: (_ctx, _id, _payload, errors) =>
        errors.map((error) =>
          error.originalError
            ? formatError(error.toJSON(), error)
            : { message: error.message.replace(/\s*Did you mean [^?]*\?/g, ""), extensions: { code: String(error.extensions.code ?? "BAD_REQUEST") } },
        ),
      onNext(_ctx, _id, _payload, _args, result) {
        const formatted = { ...result, errors: result.errors ? format(result.errors as GraphQLError[]) : undefined };
        if (!formatted.errors) delete formatted.errors;
        if (Buffer.byteLength(JSON.stringify(formatted)) > settings.maxPayloadBytes) {
          return { errors: [{ message: `This event's answer is larger than ${settings.maxPayloadBytes} bytes: select fewer fields.`, extensions: { code: "PAYLOAD_TOO_LARGE" satisfies ErrorCode } }] };
        }
        return formatted;
      },
    },
    wss,
    settings.heartbeatSeconds * 1000,
  );

  return {
    get connections() {
      return states.size;
    },
    async close() {
      stopWatching();
      for (const client of wss.clients) client.close(CLOSE.GOING_AWAY, "The server is stopping: reconnect.");
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** The document to run: the one sent, or, by id, one of the trusted documents. */
function resolveQuery(payload: SubscribePayload, trusted: TrustedDocuments | undefined): string | GraphQLError {
  const extensions = payload.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined | null;
  const id = (payload as { documentId?: unknown }).documentId ?? extensions?.persistedQuery?.sha256Hash;
  if (typeof id === "string" && !payload.query) {
    const found = trusted?.byId(id);
    if (!found) return coded(trusted ? "No trusted document has this id." : "This server takes documents, not ids: send the query.", trusted ? "PERSISTED_QUERY_NOT_FOUND" : "PERSISTED_QUERY_NOT_SUPPORTED");
    return found;
  }
  if (typeof payload.query !== "string" || payload.query.length === 0) return coded("Send a query (or a trusted document's id).", "BAD_REQUEST");
  return payload.query;
}

export { CloseCode };
