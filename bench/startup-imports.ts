/**
 * Run by bench/cold-start.ts in a fresh process (node --import tsx): how long the server's imports
 * take, group by group in the order main.ts needs them, and the schema build; prints one JSON line.
 * Each group's time includes whatever of its dependencies no earlier group loaded.
 */
import { performance } from "node:perf_hooks";

const steps: { name: string; ms: number }[] = [{ name: "node start + tsx loader, until the first line of this script", ms: performance.now() }];

async function step(name: string, load: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await load();
  steps.push({ name, ms: performance.now() - started });
}

await step("postgres + drizzle-orm", () => Promise.all([import("postgres"), import("drizzle-orm/postgres-js")]));
await step("graphql", () => import("graphql"));
await step("@apollo/server", () => import("@apollo/server"));
await step("type-graphql + class-validator", () => Promise.all([import("type-graphql"), import("class-validator")]));
await step("graphql-shield + graphql-middleware", () => Promise.all([import("graphql-shield"), import("graphql-middleware")]));
await step("pino, prom-client, jose, @node-rs/argon2, otpauth, croner", () =>
  Promise.all([import("pino"), import("prom-client"), import("jose"), import("@node-rs/argon2"), import("otpauth"), import("croner")]),
);
await step("src/ (transpiled by tsx: resolvers, services, repositories, schema)", () =>
  Promise.all([import("../src/server.js"), import("../src/http.js"), import("../src/config.js"), import("../src/db/client.js"), import("../src/jobs/retention.job.js")]),
);
const { buildGraphQLSchema } = await import("../src/graphql/build-schema.js");
await step("type-graphql buildSchema (no database)", () => buildGraphQLSchema());
// Imported by src/db/client.ts only when the embedded database is used.
await step("@electric-sql/pglite + drizzle-orm/pglite (PGlite only)", () => Promise.all([import("@electric-sql/pglite"), import("drizzle-orm/pglite")]));
steps.push({ name: "total since the process started (PGlite's import included)", ms: performance.now() });
console.log(JSON.stringify(steps));
