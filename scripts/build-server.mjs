// Bundles the production entry points (the server, db:migrate, admin:create) and every module of ours
// they import into one ESM file each under .data/server/, which plain node runs: `npm start`, the
// container image and a production install (`npm ci --omit=dev`, no esbuild, no tsx) all run these.
// Loading ~100 TypeScript modules one by one through tsx took about 2 s of every start; the bundle
// loads in a fraction of that (bench/results.md, cold start). npm packages stay external: node
// resolves them from node_modules.
//
// The output sits two folders below the repository, as src/<dir>/<file>.ts does, so the paths the
// modules resolve from import.meta.url (drizzle/, .data/graphiql/) stay the same. Prints one line.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

/** Output name (.data/server/<name>.mjs) → entry point. */
export const ENTRIES = {
  main: "src/main.ts",
  migrate: "src/db/migrate.cli.ts",
  "admin-create": "src/ops/admin-create.cli.ts",
};

const root = fileURLToPath(new URL("../", import.meta.url));
const started = performance.now();
await build({
  absWorkingDir: root,
  entryPoints: ENTRIES,
  outdir: ".data/server",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node20",
  // Stack traces in the server's error logs name src/ files (node --enable-source-maps).
  sourcemap: true,
  // tsconfig.json's experimentalDecorators (type-graphql, as tsx does).
  tsconfig: "tsconfig.json",
  logLevel: "warning",
});
console.log(`server: bundled ${Object.keys(ENTRIES).map((name) => `${name}.mjs`).join(", ")} into .data/server in ${Math.round(performance.now() - started)} ms`);
