import { isIP } from "node:net";
import { ConfigError } from "./config-error.js";

/** HOST: the address the HTTP server listens on. Loopback in development, every interface in production (and so in the container). */
export function listenHost(raw: string | undefined, production: boolean): string {
  const value = raw?.trim();
  if (!value) return production ? "0.0.0.0" : "127.0.0.1";
  // An IPv4 or IPv6 address, or a host name resolved at listen (main.ts reports one that is not this machine's).
  if (isIP(value) || /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(value)) return value;
  throw new ConfigError(`HOST must be an IP address or a host name of this machine (0.0.0.0 for every interface, 127.0.0.1 for this machine only), got "${raw}".`);
}

/**
 * CORS_ORIGINS: the origins (scheme://host[:port], comma separated) whose browser pages may call the
 * API; none by default, so only pages of the API's own origin can (http.ts answers the preflight).
 */
export function corsOrigins(raw: string | undefined): readonly string[] {
  const entries = (raw ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  const origins = entries.map((entry) => {
    if (entry === "*") {
      throw new ConfigError('CORS_ORIGINS does not take "*": list the origins of your frontends, e.g. CORS_ORIGINS=https://portal.example.eu,https://app.example.eu.');
    }
    let url: URL | undefined;
    try {
      url = new URL(entry);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || url.origin !== entry.replace(/\/$/, "").toLowerCase() || url.origin === "null") {
      throw new ConfigError(`CORS_ORIGINS must list origins as scheme://host[:port] without a path, comma separated, got "${entry}".`);
    }
    return url.origin;
  });
  return Object.freeze([...new Set(origins)]);
}

/** DATABASE_URL: a postgres:// or postgresql:// URL with a host; checked before any connection is tried. */
export function databaseUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === "") return undefined;
  const example = "postgres://user:password@host:5432/database";
  let url: URL;
  try {
    // "host:5432/db" would parse as a URL of scheme "host:": without "scheme://" it is not one.
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) throw new TypeError("no scheme");
    url = new URL(raw);
  } catch {
    throw new ConfigError(`DATABASE_URL is not a URL: write it as ${example} (percent-encode special characters in the password).`);
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql://, got "${url.protocol}//": write it as ${example}.`);
  }
  // Several hosts (host1,host2) do not parse as one host; postgres.js takes them, so only a missing one is refused.
  if (!url.host && !/^[a-z]+:\/\/(?:[^@/]*@)?[^/?]+/i.test(raw)) {
    throw new ConfigError(`DATABASE_URL names no host: write it as ${example}.`);
  }
  return raw;
}
