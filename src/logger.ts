import { pino, type DestinationStream, type Logger } from "pino";

export type { Logger };

interface SafeError {
  type: string;
  message: string;
  stack?: string;
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  cause?: SafeError | string;
}

/**
 * An error as the log may hold it. drizzle's DrizzleQueryError puts the query's parameters (names,
 * identifiers: personal data) in its message, stack and `params`, and PostgreSQL errors repeat
 * values in `detail`: keep the query text, codes and stack frames, never the values.
 */
export function loggableError(error: unknown, depth = 0): SafeError | string {
  if (!(error instanceof Error)) return typeof error === "string" ? "(non-error thrown)" : String(typeof error);
  const record = error as Error & { query?: unknown; params?: unknown; code?: unknown; constraint?: unknown; table?: unknown };
  const withParams = Array.isArray(record.params) && typeof record.query === "string";
  // A wrapper (Apollo's "Context creation failed: …") repeats drizzle's message with its params.
  const message = withParams ? `Failed query: ${String(record.query)}` : error.message.replace(/\nparams: [\s\S]*$/, "");
  const frames = error.stack?.split("\n").filter((line) => /^\s+at /.test(line)).join("\n");
  return {
    type: error.constructor.name,
    message,
    ...(frames ? { stack: `${error.constructor.name}: ${message}\n${frames}` } : {}),
    ...(record.code !== undefined ? { code: record.code } : {}),
    ...(record.constraint !== undefined ? { constraint: record.constraint } : {}),
    ...(record.table !== undefined ? { table: record.table } : {}),
    ...(error.cause !== undefined && depth < 3 ? { cause: loggableError(error.cause, depth + 1) } : {}),
  };
}

/** Structured logs. Never log personal data: log ids, codes and counts; errors pass loggableError. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, base: undefined, serializers: { err: (error: unknown) => loggableError(error) } };
  return destination ? pino(options, destination) : pino(options);
}
