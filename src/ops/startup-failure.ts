import { errorCodes } from "../db/pg-errors.js";

/**
 * Issue 15: a start that fails for a reason of configuration (the database named by DATABASE_URL, the
 * port, the data folder) says so in one line naming the variable and the fix, and exits with code 1,
 * with no stack: the operator has a setting to change, not a bug to report. Anything else is a bug
 * and is reported in full by the caller.
 */
export interface StartupSettings {
  databaseUrl?: string | undefined;
  pgliteDir?: string;
  port?: number;
  host?: string;
  databaseConnectTimeoutSeconds?: number;
}

/** The one line for a failure of configuration, or null when the error is not one. */
export function describeStartupFailure(error: unknown, settings: StartupSettings): string | null {
  const codes = errorCodes(error);
  const has = (...wanted: string[]) => codes.some((code) => wanted.includes(code));
  const syscall = (error as { syscall?: unknown }).syscall;
  if (syscall === "listen") return listenFailure(codes[0] ?? "", settings);
  if (settings.databaseUrl) {
    const target = describeTarget(settings.databaseUrl);
    if (has("ENOTFOUND", "EAI_AGAIN")) {
      return `Configuration error: DATABASE_URL names the host ${target.host}, which does not resolve (${codes[0]}): fix the host name in DATABASE_URL.`;
    }
    if (has("ECONNREFUSED")) {
      return `Configuration error: DATABASE_URL points at ${target.host}:${target.port}, where nothing accepts connections (ECONNREFUSED): start PostgreSQL there, or fix the host and port in DATABASE_URL.`;
    }
    if (has("CONNECT_TIMEOUT", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH")) {
      return `Configuration error: DATABASE_URL points at ${target.host}:${target.port}, which did not answer within ${settings.databaseConnectTimeoutSeconds ?? "the connect timeout of"} s (${codes[0]}): check that PostgreSQL runs there and that the network lets this machine reach it, or fix the host and port in DATABASE_URL.`;
    }
    if (has("3D000")) {
      return `Configuration error: DATABASE_URL names the database "${target.database}", which does not exist on ${target.host}:${target.port} (3D000): create it (\`createdb ${target.database}\`), or fix the database name in DATABASE_URL.`;
    }
    if (has("28P01")) {
      return `Configuration error: DATABASE_URL's user "${target.user}" or password was refused by ${target.host}:${target.port} (28P01): fix the user and password in DATABASE_URL (percent-encode special characters).`;
    }
    if (has("28000")) {
      return `Configuration error: PostgreSQL at ${target.host}:${target.port} refuses DATABASE_URL's user "${target.user}" from this machine (28000: no such role, or no pg_hba.conf entry): create the role, allow it in pg_hba.conf, or fix the user in DATABASE_URL.`;
    }
    if (has("SSL_NOT_SUPPORTED") || /does not support SSL/i.test(messageOf(error))) {
      return `Configuration error: DATABASE_URL asks for TLS (sslmode), which PostgreSQL at ${target.host}:${target.port} does not offer: enable TLS on the server, or drop sslmode from DATABASE_URL on a trusted network.`;
    }
    if (has("42501") && /permission denied to create|permission denied for (schema|database)/i.test(messageOf(error))) {
      return `Configuration error: DATABASE_URL's user "${target.user}" may not create the schema in "${target.database}" (42501): migrate as the database's owner (grant it CREATE on the database).`;
    }
  }
  const path = (error as { path?: unknown }).path;
  if (settings.pgliteDir && typeof path === "string" && has("EACCES", "EPERM", "ENOTDIR", "EEXIST", "EROFS", "ENOENT", "ENOSPC")) {
    return `Configuration error: PGLITE_DIR ${settings.pgliteDir} cannot be used as the embedded database's folder (${codes[0]} on ${path}): point PGLITE_DIR at a folder this user may create and write, or set DATABASE_URL.`;
  }
  return null;
}

function listenFailure(code: string, settings: StartupSettings): string {
  const where = `${settings.host ?? "*"}:${settings.port ?? "?"}`;
  switch (code) {
    case "EADDRINUSE":
      return `Configuration error: PORT ${settings.port} is in use on ${settings.host ?? "this machine"} by another process (EADDRINUSE): stop that process, or set PORT to a free port.`;
    case "EACCES":
    case "EPERM":
      return `Configuration error: this user may not listen on ${where} (${code}): set PORT above 1023, or grant the process the right to bind low ports.`;
    case "EADDRNOTAVAIL":
      return `Configuration error: HOST ${settings.host} is not an address of this machine (EADDRNOTAVAIL): set HOST to one of its addresses, 0.0.0.0 for every interface or 127.0.0.1 for this machine only.`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `Configuration error: HOST ${settings.host} does not resolve (${code}): set HOST to an address of this machine, 0.0.0.0 for every interface or 127.0.0.1 for this machine only.`;
    default:
      return `Configuration error: cannot listen on ${where} (${code || "unknown error"}): check HOST and PORT.`;
  }
}

/** The parts of DATABASE_URL a message may name: never the password. */
function describeTarget(url: string): { host: string; port: string; database: string; user: string } {
  try {
    const parsed = new URL(url);
    return {
      host: parsed.hostname || "localhost",
      port: parsed.port || "5432",
      database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || decodeURIComponent(parsed.username) || "postgres",
      user: decodeURIComponent(parsed.username) || "postgres",
    };
  } catch {
    return { host: "?", port: "?", database: "?", user: "?" };
  }
}

function messageOf(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof Error) parts.push(e.message);
  }
  return parts.join(" ");
}
