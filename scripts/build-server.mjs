// Bundles the server (src/main.ts and every module of ours it imports) into one ESM file,
// .data/server/main.mjs, which `npm start` runs with plain node. Loading ~100 TypeScript modules one
// by one through tsx took about 2 s of every start; the bundle loads in a fraction of that
// (bench/results.md, cold start). npm packages stay external: node resolves them from node_modules.
//
// The output sits two folders below the repository, as src/<dir>/<file>.ts does, so the paths the
// modules resolve from import.meta.url (drizzle/, .data/graphiql/) stay the same. Prints one line.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const started = performance.now();
await build({
  absWorkingDir: root,
  entryPoints: ["src/main.ts"],
  outfile: ".data/server/main.mjs",
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
console.log(`server: bundled into .data/server/main.mjs in ${Math.round(performance.now() - started)} ms`);
