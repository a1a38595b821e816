import { pino, type Logger } from "pino";

export type { Logger };

/** Structured logs. Never log personal data: log ids, codes and counts. */
export function createLogger(level: string): Logger {
  return pino({ level, base: undefined });
}
