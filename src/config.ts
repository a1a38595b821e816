import { randomBytes } from "node:crypto";
import { masterKeyConfig } from "./db/personal-crypto/master-key.config.js";
import { Cron } from "croner";
import { KeyError, parsePublicKeys, parseSigningKey, type Ed25519PrivateJwk, type Ed25519PublicJwk } from "./modules/proof/proof.keys.js";
import { ed25519KeyProblem, jwtSecretProblem } from "./published-secrets.js";
import { ConfigError } from "./config-error.js";
import { corsOrigins, databaseUrl, listenHost } from "./config-network.js";
import { withSecretFiles } from "./config-secret-files.js";
import { frontendsConfig, FrontendsConfigError, type FrontendsConfig } from "./modules/subscriptions/frontends.config.js";

export { ConfigError };

/** The only reader of process.env: validated at start, frozen. */
export interface Config {
  readonly nodeEnv: string;
  readonly production: boolean;
  /** GRAPHIQL: serve GraphiQL at /graphiql; on in development, off in production unless turned on. */
  readonly graphiql: boolean;
  readonly port: number;
  /** HOST: the listening address; loopback in development, every interface (0.0.0.0) in production. */
  readonly host: string;
  /** CORS_ORIGINS: origins whose browser pages may call the API (http.ts); empty: same origin only. */
  readonly corsOrigins: readonly string[];
  readonly databaseUrl: string | undefined;
  readonly pgliteDir: string;
  readonly jwtSecret: Uint8Array;
  readonly tokenTtlSeconds: number;
  /** Load the demo world into an empty embedded database on first start. */
  readonly seedDemo: boolean;
  readonly logLevel: "debug" | "info" | "warn" | "error" | "silent";
  /** Cron expression of the retention job (SPEC "Retention job"); null when RETENTION_SCHEDULE=off. */
  readonly retentionSchedule: string | null;
  /** Rows per retention batch; each batch is one transaction. */
  readonly retentionBatchSize: number;
  /** R-RETAIN-5: days without activity after which an open procedure gets a reminder. */
  readonly retentionReminderDays: number;
  /** IMI_ALLOW_TIME_TRAVEL=1: `runRetention` accepts a future `asOf` (tests, rehearsals); refused in production. */
  readonly allowTimeTravel: boolean;
  /**
   * R-PROOF-1: the Ed25519 key signing exchange reports (EXCHANGE_SIGNING_KEY, EXCHANGE_SIGNING_KEY_ID);
   * undefined: generated beside the embedded database, refused by the server in production (modules/proof/proof.key-store.ts).
   */
  readonly exchangeSigningKey: Ed25519PrivateJwk | undefined;
  /** EXCHANGE_PUBLIC_KEYS: further public keys still trusted to verify reports, such as rotated-out ones. */
  readonly exchangePublicKeys: readonly Ed25519PublicJwk[];
  /** Abuse limits on GraphQL documents and on `login` (graphql/limits.ts). */
  readonly limits: Limits;
  /** TRUST_PROXY=1: the client address is the first x-forwarded-for entry (behind a trusted proxy only). */
  readonly trustProxy: boolean;
  /** SHUTDOWN_GRACE_SECONDS: how long a stop may take (in-flight requests, a retention batch) before what is left is cut off (main.ts). */
  readonly shutdownGraceSeconds: number;
  /**
   * METRICS_TOKEN: /metrics then needs `Authorization: Bearer <token>`; unset, /metrics is open outside
   * production and refused in production (observability/metrics.route.ts).
   */
  readonly metricsToken: string | undefined;
  /** DATABASE_CONNECT_TIMEOUT_SECONDS: how long a new PostgreSQL connection may take to be ready (db/client.ts). */
  readonly databaseConnectTimeoutSeconds: number;
  /** DATABASE_PREPARE (see DatabaseConfig). */
  readonly databasePrepare: boolean;
  /**
   * DATABASE_QUERY_TIMEOUT_SECONDS: how long a connection may wait for PostgreSQL's answer before it is
   * dropped and its request answered SERVICE_UNAVAILABLE (db/client.ts); 0: no bound.
   */
  readonly databaseQueryTimeoutSeconds: number;
  /**
   * R-RETAIN-3 crypto-shredding: PERSONAL_DATA_MASTER_KEY (or PERSONAL_DATA_MASTER_KEY_FILE), 32 random
   * bytes in base64, wrapping every personal-data key, and PERSONAL_DATA_PREVIOUS_MASTER_KEYS (comma
   * separated) still accepted while rotating; undefined: generated beside the embedded database,
   * refused in production (db/personal-crypto/master-key.resolve.ts).
   */
  readonly personalDataMasterKey: Buffer | undefined;
  readonly personalDataPreviousMasterKeys: readonly Buffer[];
  /** Issue 16: subscription bounds (SUBSCRIPTION_*), TRUSTED_DOCUMENTS, OIDC_ISSUERS (modules/subscriptions/frontends.config.ts). */
  readonly live: FrontendsConfig["live"];
  readonly trustedDocuments: FrontendsConfig["trustedDocuments"];
  readonly oidcIssuers: FrontendsConfig["oidcIssuers"];
  /**
   * R-SEC-1 enrolment mail (modules/mail): SMTP_URL (smtp:// or smtps://) in production; otherwise
   * MAIL_OUTBOX_DIR, one .eml file per message. Outside production the outbox defaults to
   * `<PGLITE_DIR>/outbox` (embedded on disk) or `.data/outbox`; in production with neither, createUser
   * and resendEnrolment are refused (SERVICE_UNAVAILABLE, reason MAIL_NOT_CONFIGURED).
   */
  readonly smtpUrl: string | undefined;
  readonly mailOutboxDir: string | undefined;
  /** MAIL_FROM: the enrolment mail's sender. */
  readonly mailFrom: string;
}

/** Abuse limits: document shape (graphql-armor) and login attempts; never echoed to clients. */
export interface Limits {
  /** GRAPHQL_MAX_DEPTH: nesting of selections. */
  readonly maxDepth: number;
  /** GRAPHQL_MAX_COST: graphql-armor's cost (objects 2, scalars 1, depth multiplies). */
  readonly maxCost: number;
  /** GRAPHQL_MAX_ALIASES: aliases per document. */
  readonly maxAliases: number;
  /** GRAPHQL_MAX_DIRECTIVES: directives per document. */
  readonly maxDirectives: number;
  /** GRAPHQL_MAX_TOKENS: lexer tokens per document. */
  readonly maxTokens: number;
  /** LOGIN_MAX_FAILURES_PER_ADDRESS: failed logins per client address in the window, then refused. */
  readonly loginFailuresPerAddress: number;
  /** LOGIN_MAX_FAILURES_PER_EMAIL: failed logins per e-mail in the window, then refused. */
  readonly loginFailuresPerEmail: number;
  /** LOGIN_RATE_WINDOW_SECONDS: the sliding window of both login limits. */
  readonly loginWindowSeconds: number;
}

export const DEFAULT_LIMITS: Limits = Object.freeze({
  maxDepth: 10,
  maxCost: 20_000,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 5_000,
  loginFailuresPerAddress: 10,
  loginFailuresPerEmail: 20,
  loginWindowSeconds: 60,
});

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

/** What the database commands (db:migrate, admin:create) need: no secret of the API's own. */
export interface DatabaseConfig {
  readonly nodeEnv: string;
  readonly production: boolean;
  readonly databaseUrl: string | undefined;
  readonly pgliteDir: string;
  readonly databaseConnectTimeoutSeconds: number;
  /** DATABASE_PREPARE: statements are prepared (named) on PostgreSQL, so their plans are cached (db/prepared-statements.ts); off for a pooler that cannot carry them. */
  readonly databasePrepare: boolean;
}

/** For the database commands: their configuration, or a one-line message and exit code 1. */
export function loadDatabaseConfigOrExit(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  try {
    return loadDatabaseConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Configuration error: ${error.message}`);
    process.exit(1);
  }
}

export function loadDatabaseConfig(rawEnv: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  return databaseConfigOf(withSecretFiles(rawEnv));
}

function databaseConfigOf(env: NodeJS.ProcessEnv): DatabaseConfig {
  const nodeEnv = env.NODE_ENV ?? "development";
  const production = nodeEnv === "production";
  const url = databaseUrl(env.DATABASE_URL);
  if (production && !url) {
    throw new ConfigError("DATABASE_URL is required when NODE_ENV=production (the embedded database is for development).");
  }
  return Object.freeze({
    nodeEnv,
    production,
    databaseUrl: url,
    pgliteDir: env.PGLITE_DIR || ".data/pglite",
    databaseConnectTimeoutSeconds: integer("DATABASE_CONNECT_TIMEOUT_SECONDS", env.DATABASE_CONNECT_TIMEOUT_SECONDS, 3, 1, 300),
    databasePrepare: flag("DATABASE_PREPARE", env.DATABASE_PREPARE, true),
  });
}

export function loadConfig(rawEnv: NodeJS.ProcessEnv = process.env): Config {
  // NAME_FILE stands for NAME (Docker and Kubernetes secrets).
  const env = withSecretFiles(rawEnv);
  const nodeEnv = env.NODE_ENV ?? "development";
  const production = nodeEnv === "production";
  const secret = env.JWT_SECRET;
  if (production && !secret) throw new ConfigError("JWT_SECRET is required when NODE_ENV=production: generate one with `openssl rand -base64 48` and set JWT_SECRET or JWT_SECRET_FILE.");
  if (secret !== undefined && secret.length < 32) {
    throw new ConfigError("JWT_SECRET must be at least 32 characters: generate one with `openssl rand -base64 48`.");
  }
  const database = databaseConfigOf(env);
  const weakSecret = production && secret ? jwtSecretProblem(secret) : null;
  if (weakSecret) {
    throw new ConfigError(`JWT_SECRET ${weakSecret}, which production refuses: generate one, e.g. with \`openssl rand -base64 48\`.`);
  }
  const logLevel = (env.LOG_LEVEL ?? (nodeEnv === "test" ? "silent" : "info")) as Config["logLevel"];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, got "${env.LOG_LEVEL}".`);
  }
  const allowTimeTravel = flag("IMI_ALLOW_TIME_TRAVEL", env.IMI_ALLOW_TIME_TRAVEL, false);
  if (production && allowTimeTravel) {
    throw new ConfigError("IMI_ALLOW_TIME_TRAVEL is refused when NODE_ENV=production: retention must run on the real clock.");
  }
  const exchange = exchangeKeyConfig(env, production);
  return Object.freeze({
    nodeEnv,
    production,
    port: integer("PORT", env.PORT, 4000, 0, 65535),
    host: listenHost(env.HOST, production),
    corsOrigins: corsOrigins(env.CORS_ORIGINS),
    databaseUrl: database.databaseUrl,
    pgliteDir: database.pgliteDir,
    // Without a configured secret each process signs with its own random key: tokens then do not
    // survive a restart, which is right for a development server and refused in production.
    jwtSecret: secret ? new TextEncoder().encode(secret) : new Uint8Array(randomBytes(32)),
    tokenTtlSeconds: integer("TOKEN_TTL_SECONDS", env.TOKEN_TTL_SECONDS, 30 * 60, 60, 24 * 3600),
    seedDemo: flag("SEED_DEMO", env.SEED_DEMO, !production),
    graphiql: flag("GRAPHIQL", env.GRAPHIQL, !production),
    logLevel,
    retentionSchedule: cronSchedule(env.RETENTION_SCHEDULE),
    retentionBatchSize: integer("RETENTION_BATCH_SIZE", env.RETENTION_BATCH_SIZE, 500, 1, 10_000),
    retentionReminderDays: integer("RETENTION_REMINDER_DAYS", env.RETENTION_REMINDER_DAYS, 30, 1, 3650),
    allowTimeTravel,
    exchangeSigningKey: exchange.signing,
    exchangePublicKeys: exchange.trusted,
    limits: Object.freeze({
      maxDepth: integer("GRAPHQL_MAX_DEPTH", env.GRAPHQL_MAX_DEPTH, DEFAULT_LIMITS.maxDepth, 1, 100),
      maxCost: integer("GRAPHQL_MAX_COST", env.GRAPHQL_MAX_COST, DEFAULT_LIMITS.maxCost, 1, 10_000_000),
      maxAliases: integer("GRAPHQL_MAX_ALIASES", env.GRAPHQL_MAX_ALIASES, DEFAULT_LIMITS.maxAliases, 0, 1000),
      maxDirectives: integer("GRAPHQL_MAX_DIRECTIVES", env.GRAPHQL_MAX_DIRECTIVES, DEFAULT_LIMITS.maxDirectives, 0, 1000),
      maxTokens: integer("GRAPHQL_MAX_TOKENS", env.GRAPHQL_MAX_TOKENS, DEFAULT_LIMITS.maxTokens, 10, 1_000_000),
      loginFailuresPerAddress: integer("LOGIN_MAX_FAILURES_PER_ADDRESS", env.LOGIN_MAX_FAILURES_PER_ADDRESS, DEFAULT_LIMITS.loginFailuresPerAddress, 1, 100_000),
      loginFailuresPerEmail: integer("LOGIN_MAX_FAILURES_PER_EMAIL", env.LOGIN_MAX_FAILURES_PER_EMAIL, DEFAULT_LIMITS.loginFailuresPerEmail, 1, 100_000),
      loginWindowSeconds: integer("LOGIN_RATE_WINDOW_SECONDS", env.LOGIN_RATE_WINDOW_SECONDS, DEFAULT_LIMITS.loginWindowSeconds, 1, 86_400),
    }),
    trustProxy: flag("TRUST_PROXY", env.TRUST_PROXY, false),
    shutdownGraceSeconds: integer("SHUTDOWN_GRACE_SECONDS", env.SHUTDOWN_GRACE_SECONDS, 10, 1, 3600),
    metricsToken: metricsToken(env.METRICS_TOKEN),
    databaseConnectTimeoutSeconds: database.databaseConnectTimeoutSeconds,
    databasePrepare: database.databasePrepare,
    databaseQueryTimeoutSeconds: integer("DATABASE_QUERY_TIMEOUT_SECONDS", env.DATABASE_QUERY_TIMEOUT_SECONDS, 10, 0, 3600),
    ...masterKeyConfig(env),
    ...frontends(env, production),
    ...mailConfig(env, production, database),
  });
}

/** SMTP_URL, MAIL_OUTBOX_DIR, MAIL_FROM (see Config). */
function mailConfig(env: NodeJS.ProcessEnv, production: boolean, database: DatabaseConfig): Pick<Config, "smtpUrl" | "mailOutboxDir" | "mailFrom"> {
  const smtpUrl = env.SMTP_URL?.trim() || undefined;
  if (smtpUrl) {
    let protocol = "";
    try {
      protocol = new URL(smtpUrl).protocol;
    } catch {
      // reported below, without echoing the URL (it may hold a password)
    }
    if (protocol !== "smtp:" && protocol !== "smtps:") throw new ConfigError("SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtps://user:password@mail.example.org:465.");
  }
  const explicitOutbox = env.MAIL_OUTBOX_DIR?.trim() || undefined;
  // Outside production the enrolment mail lands beside the embedded database, which belongs to this one
  // process and its operator (README: the folder is the machine operator's, not the API users').
  const defaultOutbox = production ? undefined : !database.databaseUrl && !database.pgliteDir.startsWith("memory://") ? `${database.pgliteDir.replace(/[/\\]+$/, "")}/outbox` : ".data/outbox";
  const from = env.MAIL_FROM?.trim() || "IMI <no-reply@imi.invalid>";
  if (!/@/.test(from) || /[\r\n]/.test(from)) throw new ConfigError("MAIL_FROM must be one e-mail address, optionally with a display name: IMI <imi@example.org>.");
  return { smtpUrl, mailOutboxDir: smtpUrl ? undefined : (explicitOutbox ?? defaultOutbox), mailFrom: from };
}

function frontends(env: NodeJS.ProcessEnv, production: boolean): FrontendsConfig {
  try {
    return frontendsConfig(env, production);
  } catch (error) {
    if (error instanceof FrontendsConfigError) throw new ConfigError(error.message);
    throw error;
  }
}

/** METRICS_TOKEN: a bearer secret for the metrics scraper, at least 32 characters, no spaces. */
function metricsToken(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === "") return undefined;
  if (raw.length < 32 || /\s/.test(raw)) throw new ConfigError("METRICS_TOKEN must be at least 32 characters without spaces.");
  return raw;
}

/** RETENTION_SCHEDULE: a cron expression (croner syntax, 5 or 6 fields), hourly by default, `off` to disable. */
function cronSchedule(raw: string | undefined): string | null {
  const value = raw?.trim() || "0 * * * *";
  if (value.toLowerCase() === "off") return null;
  try {
    new Cron(value, { paused: true }).stop();
  } catch (error) {
    throw new ConfigError(`RETENTION_SCHEDULE must be a cron expression or "off", got "${raw}" (${(error as Error).message}).`);
  }
  return value;
}

/** EXCHANGE_SIGNING_KEY (PKCS#8 PEM or private JWK), EXCHANGE_SIGNING_KEY_ID, EXCHANGE_PUBLIC_KEYS (JWKS). */
function exchangeKeyConfig(env: NodeJS.ProcessEnv, production: boolean): { signing: Ed25519PrivateJwk | undefined; trusted: readonly Ed25519PublicJwk[] } {
  try {
    const kid = env.EXCHANGE_SIGNING_KEY_ID?.trim() || undefined;
    if (kid && !env.EXCHANGE_SIGNING_KEY) throw new KeyError("EXCHANGE_SIGNING_KEY_ID is set without EXCHANGE_SIGNING_KEY.");
    const signing = env.EXCHANGE_SIGNING_KEY ? Object.freeze(parseSigningKey(env.EXCHANGE_SIGNING_KEY, kid)) : undefined;
    const trusted = env.EXCHANGE_PUBLIC_KEYS?.trim() ? parsePublicKeys(env.EXCHANGE_PUBLIC_KEYS) : [];
    // Production signs and trusts no key anyone else may hold (published-secrets.ts).
    const weakSigning = production && signing ? ed25519KeyProblem(signing) : null;
    if (weakSigning) {
      throw new KeyError(`EXCHANGE_SIGNING_KEY ${weakSigning}, which production refuses: generate one, e.g. with \`openssl genpkey -algorithm ed25519\`.`);
    }
    const weakTrusted = production ? trusted.map((key) => ed25519KeyProblem(key)).find((problem) => problem !== null) : null;
    if (weakTrusted) {
      throw new KeyError(`EXCHANGE_PUBLIC_KEYS holds a key that ${weakTrusted}, which production refuses: anyone could sign reports that verify under it.`);
    }
    return { signing, trusted: Object.freeze(trusted.map((key) => Object.freeze(key))) };
  } catch (error) {
    if (error instanceof KeyError) throw new ConfigError(error.message);
    throw error;
  }
}
