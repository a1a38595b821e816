import { randomBytes } from "node:crypto";

/** The only reader of process.env: validated at start, frozen. */
export interface Config {
  readonly nodeEnv: string;
  readonly production: boolean;
  readonly port: number;
  readonly databaseUrl: string | undefined;
  readonly pgliteDir: string;
  readonly jwtSecret: Uint8Array;
  readonly tokenTtlSeconds: number;
  /** Load the demo world into an empty embedded database on first start. */
  readonly seedDemo: boolean;
  readonly logLevel: "debug" | "info" | "warn" | "error" | "silent";
}

export class ConfigError extends Error {}

const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}".`);
  }
  return value;
}

function flag(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === "") return fallback;
  if (["1", "true", "yes", "on"].includes(raw.toLowerCase())) return true;
  if (["0", "false", "no", "off"].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be 1/0, true/false, yes/no or on/off, got "${raw}".`);
}

/** For entry points: the configuration, or a one-line message and exit code 1 (no stack trace). */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Configuration error: ${error.message}`);
    process.exit(1);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV ?? "development";
  const production = nodeEnv === "production";
  const secret = env.JWT_SECRET;
  if (production && !secret) throw new ConfigError("JWT_SECRET is required when NODE_ENV=production.");
  if (secret !== undefined && secret.length < 32) {
    throw new ConfigError("JWT_SECRET must be at least 32 characters.");
  }
  if (production && !env.DATABASE_URL) {
    throw new ConfigError("DATABASE_URL is required when NODE_ENV=production (the embedded database is for development).");
  }
  const logLevel = (env.LOG_LEVEL ?? (nodeEnv === "test" ? "silent" : "info")) as Config["logLevel"];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, got "${env.LOG_LEVEL}".`);
  }
  return Object.freeze({
    nodeEnv,
    production,
    port: integer("PORT", env.PORT, 4000, 0, 65535),
    databaseUrl: env.DATABASE_URL || undefined,
    pgliteDir: env.PGLITE_DIR || ".data/pglite",
    // Without a configured secret each process signs with its own random key: tokens then do not
    // survive a restart, which is right for a development server and refused in production.
    jwtSecret: secret ? new TextEncoder().encode(secret) : new Uint8Array(randomBytes(32)),
    tokenTtlSeconds: integer("TOKEN_TTL_SECONDS", env.TOKEN_TTL_SECONDS, 30 * 60, 60, 24 * 3600),
    seedDemo: flag("SEED_DEMO", env.SEED_DEMO, !production),
    logLevel,
  });
}
