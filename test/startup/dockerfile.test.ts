import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { copyOf, execForm, readDockerfile } from "../helpers/dockerfile.js";
import { ROOT } from "../helpers/server-process.js";

/**
 * Issue 15: the container files, checked as far as this machine allows. No Docker daemon runs here
 * and hadolint is on neither npm nor Debian, so this is a small linter of our own: the rules of
 * hadolint that apply to this file (DL3006/DL3007 pinned base, DL3020 COPY not ADD, DL3025 JSON CMD,
 * DL3002 last USER not root, DL4000-style known instructions) and the issue's own (multi-stage,
 * `npm ci --omit=dev` in the final stage, no build tools or dev dependencies there, HEALTHCHECK on
 * /healthz, node started without npm or a shell so SIGTERM reaches it). The final stage is replayed
 * for real by production-install.test.ts.
 */

const KNOWN = new Set(["FROM", "RUN", "CMD", "LABEL", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL"]);
const BUILD_TOOLS = /\b(build-essential|gcc|g\+\+|make|python3?|git|curl|wget)\b/;

describe("Dockerfile (linted here: no Docker daemon on this machine)", () => {
  const { instructions, stages, final } = readDockerfile();
  const finalKeywords = final.instructions.map((instruction) => instruction.keyword);

  it("uses only known instructions, COPY rather than ADD, and a pinned base image", () => {
    for (const instruction of instructions) expect(KNOWN.has(instruction.keyword), `line ${instruction.line}: ${instruction.keyword}`).toBe(true);
    expect(instructions.some((instruction) => instruction.keyword === "ADD")).toBe(false);
    const args = Object.fromEntries(
      instructions.filter((instruction) => instruction.keyword === "ARG").map((instruction) => instruction.args.split("=") as [string, string]),
    );
    for (const stage of stages) {
      const image = stage.from.replace(/^\$\{(\w+)\}$/, (_, name: string) => args[name] ?? "");
      expect(image, `FROM ${stage.from}`).toMatch(/^[\w./-]+:[\w.-]+$/);
      expect(image).not.toMatch(/:latest$/);
    }
  });

  it("is multi-stage: dependencies installed and the bundles built in a build stage, copied into the final one", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const build = stages.find((stage) => stage.name === "build")!;
    expect(build.instructions.some((instruction) => instruction.keyword === "RUN" && /\bnpm ci\b/.test(instruction.args) && !/--omit=dev/.test(instruction.args))).toBe(true);
    expect(build.instructions.some((instruction) => instruction.keyword === "RUN" && /npm run build\b/.test(instruction.args))).toBe(true);
    const fromBuild = final.instructions.filter((instruction) => instruction.keyword === "COPY").map(copyOf).filter((copy) => copy.from === "build");
    expect(fromBuild.flatMap((copy) => copy.sources)).toContain("/app/.data/server");
    // Nothing of the build stage's node_modules (dev dependencies) reaches the image.
    expect(fromBuild.flatMap((copy) => copy.sources).some((source) => source.includes("node_modules"))).toBe(false);
  });

  it("installs only the production dependencies in the final stage, with no build tools, and copies no sources", () => {
    const runs = final.instructions.filter((instruction) => instruction.keyword === "RUN");
    expect(runs.some((run) => /\bnpm ci\b[^&]*--omit=dev/.test(run.args))).toBe(true);
    for (const run of runs) {
      expect(run.args).not.toMatch(/\bapt-get install\b|\bapk add\b/);
      expect(run.args).not.toMatch(BUILD_TOOLS);
      expect(run.args).not.toMatch(/npm (install|i)\b/);
    }
    const copies = final.instructions.filter((instruction) => instruction.keyword === "COPY").map(copyOf);
    for (const copy of copies) {
      expect(copy.sources).not.toContain(".");
      expect(copy.sources.some((source) => /(^|\/)src(\/|$)|node_modules/.test(source))).toBe(false);
    }
  });

  it("runs as a non-root user, answers the HEALTHCHECK on /healthz, and starts node itself so SIGTERM reaches it", () => {
    const users = final.instructions.filter((instruction) => instruction.keyword === "USER");
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)!.args).not.toMatch(/^(root|0)(:|$)/);
    // USER comes before the start: nothing after it runs as root.
    expect(finalKeywords.lastIndexOf("USER")).toBeLessThan(finalKeywords.indexOf("CMD"));
    const healthcheck = final.instructions.find((instruction) => instruction.keyword === "HEALTHCHECK");
    expect(healthcheck?.args).toMatch(/\/healthz/);
    expect(healthcheck?.args).toMatch(/--timeout=\d+s/);
    const probe = execForm(healthcheck!.args.replace(/^(--\S+\s+)*CMD\s+/, ""));
    expect(probe?.[0], "the probe runs in exec form with node (the slim image has no curl)").toBe("node");
    expect(final.instructions.some((instruction) => instruction.keyword === "ENTRYPOINT")).toBe(false);
    const cmd = execForm(final.instructions.find((instruction) => instruction.keyword === "CMD")!.args);
    expect(cmd, "CMD in exec form (hadolint DL3025): no shell between the signal and node").not.toBeNull();
    expect(cmd![0]).toBe("node");
    expect(cmd).toContain(".data/server/main.mjs");
    const stopSignal = final.instructions.find((instruction) => instruction.keyword === "STOPSIGNAL");
    expect(stopSignal?.args ?? "SIGTERM").toBe("SIGTERM");
    expect(final.instructions.find((instruction) => instruction.keyword === "ENV")?.args).toMatch(/NODE_ENV=production/);
  });

  it("keeps local data, secrets and modules out of the build context (.dockerignore)", () => {
    const ignored = readFileSync(join(ROOT, ".dockerignore"), "utf8").split("\n").map((line) => line.trim());
    for (const entry of [".data", "node_modules", ".git", "secrets", "*.pem", ".env"]) expect(ignored).toContain(entry);
  });
});

describe("compose.yaml", () => {
  const compose = parseYaml(readFileSync(join(ROOT, "compose.yaml"), "utf8"), { merge: true }) as {
    services: Record<string, { image?: string; build?: unknown; command?: string[]; environment?: Record<string, string>; secrets?: string[]; depends_on?: Record<string, { condition: string }>; restart?: string }>;
    secrets: Record<string, { file?: string }>;
  };
  const { db, migrate, api } = compose.services;

  it("runs PostgreSQL 16, the migration once before the API, and the API from the same image", () => {
    expect(db?.image).toMatch(/^postgres:16(\b|-)/);
    expect(migrate?.command).toEqual(["node", ".data/server/migrate.mjs"]);
    expect(migrate?.restart).toBe("no");
    expect(migrate?.depends_on?.db?.condition).toBe("service_healthy");
    expect(api?.depends_on?.migrate?.condition).toBe("service_completed_successfully");
    expect(api?.image).toBe(migrate?.image);
    expect(migrate?.build).toBeDefined();
  });

  it("hands every secret over as a file, never as a value in the file", () => {
    for (const service of [db, migrate, api]) {
      for (const [name, value] of Object.entries(service?.environment ?? {})) {
        if (/PASSWORD|SECRET|KEY|DATABASE_URL|TOKEN/.test(name)) {
          expect(name, `${name} must be given as ${name}_FILE`).toMatch(/_FILE$/);
          expect(String(value)).toMatch(/^\/run\/secrets\//);
          const secret = String(value).slice("/run/secrets/".length);
          expect(service?.secrets).toContain(secret);
          expect(compose.secrets[secret]?.file).toMatch(/^\.\/secrets\//);
        }
      }
    }
    expect(api?.environment).toMatchObject({ NODE_ENV: "production", JWT_SECRET_FILE: "/run/secrets/jwt-secret", DATABASE_URL_FILE: "/run/secrets/database-url" });
  });

  it("migrates as the owner and serves as imi_app, a member of imi_api and imi_system only (docs/deployment.md \"Database roles\")", () => {
    expect(migrate?.environment?.DATABASE_URL_FILE).toBe("/run/secrets/database-owner-url");
    expect(api?.environment?.DATABASE_URL_FILE).toBe("/run/secrets/database-url");
    const init = readFileSync(join(ROOT, "deploy/postgres-init.sh"), "utf8");
    expect(init).toMatch(/CREATE ROLE imi_owner LOGIN/);
    expect(init).toMatch(/CREATE DATABASE imi OWNER imi_owner/);
    expect(init).toMatch(/CREATE ROLE imi_app LOGIN PASSWORD :'app_password' IN ROLE imi_api, imi_system;/);
    const sql = init.slice(init.indexOf("<<'SQL'"));
    expect(sql).not.toMatch(/SUPERUSER|BYPASSRLS|CREATEROLE/i);
  });
});
