import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // One graphql-js for our code and for the packages (issue 16): vite would resolve our `graphql`
  // imports to its ESM build, while Node (and so every package, and `npm start`) loads the CommonJS
  // one; graphql-ws then refused the schema as "from another module or realm".
  resolve: { alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve("graphql") }] },
  test: {
    include: ["test/**/*.test.ts"],
    // PGlite takes ~2 s to start per file and argon2 ~90 ms per login: generous, never a timing assertion.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Files spend much of their time waiting on child servers, browsers and PostgreSQL: more
    // workers than the default (cores - 1, so one on a 2-core machine) keep the suite short.
    maxWorkers: 3,
    env: { NODE_ENV: "test" },
    // Every test log goes to a run directory and is scanned for personal data after the run.
    // The suites that start the real server run the bundle `npm start` runs, built once per run.
    globalSetup: ["test/helpers/log-scan.setup.ts", "test/helpers/build-server.setup.ts"],
  },
});
