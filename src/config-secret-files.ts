import { readFileSync } from "node:fs";
import { ConfigError } from "./config-error.js";

/**
 * Secrets from files (Docker and Kubernetes secrets, compose.yaml): `NAME_FILE=/run/secrets/name`
 * stands for `NAME` holding the file's content, without its final line break. Both set is refused,
 * as is a file that cannot be read. PERSONAL_DATA_MASTER_KEY_FILE is read where its key is (config.ts).
 */
export const SECRET_FILE_VARIABLES = ["DATABASE_URL", "JWT_SECRET", "EXCHANGE_SIGNING_KEY", "EXCHANGE_PUBLIC_KEYS", "METRICS_TOKEN", "SMTP_URL"] as const;

export function withSecretFiles(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const resolved: NodeJS.ProcessEnv = { ...env };
  for (const name of SECRET_FILE_VARIABLES) {
    const path = env[`${name}_FILE`];
    if (!path) continue;
    if (env[name]) throw new ConfigError(`${name} and ${name}_FILE are both set: keep one of them.`);
    let content: string;
    try {
      content = readFileSync(path, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "an error";
      throw new ConfigError(`${name}_FILE names ${path}, which cannot be read (${code}): point it at the secret's file, readable by this process's user.`);
    }
    const value = content.replace(/\r?\n$/, "");
    if (!value) throw new ConfigError(`${name}_FILE names ${path}, which is empty: write the secret into it.`);
    resolved[name] = value;
  }
  return resolved;
}
