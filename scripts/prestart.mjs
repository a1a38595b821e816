// `npm start`'s prestart: brings the bundles up to date where the build tools are installed, and
// otherwise runs what was built before. A production install (`npm ci --omit=dev`, the container
// image) has no esbuild, tsx or GraphiQL sources: it runs the prebuilt .data/server/*.mjs and needs
// no dev dependency at run time. GraphiQL is built only where the server will serve it (GRAPHIQL,
// on outside production). Prints one line per build, and nothing misleading.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const run = (script) => execFileSync(process.execPath, [script], { cwd: root, stdio: "inherit" });
const installed = (name) => {
  try {
    import.meta.resolve(name);
    return true;
  } catch {
    return false;
  }
};

const production = process.env.NODE_ENV === "production";
const flag = (process.env.GRAPHIQL ?? "").toLowerCase();
const graphiql = ["1", "true", "yes", "on"].includes(flag) || (!["0", "false", "no", "off"].includes(flag) && !production);

if (installed("esbuild")) {
  if (graphiql) run("scripts/build-graphiql.mjs");
  run("scripts/build-server.mjs");
} else if (!existsSync(new URL(".data/server/main.mjs", new URL("../", import.meta.url)))) {
  console.error(
    "Refused: npm start runs .data/server/main.mjs, which is built with the dev dependencies: run `npm ci && npm run build` first (`npm prune --omit=dev` then drops them), or use the container image (Dockerfile).",
  );
  process.exit(1);
} else if (graphiql && !existsSync(new URL(".data/graphiql/app.js", new URL("../", import.meta.url)))) {
  console.log("graphiql: not built (no dev dependencies here, none built before): /graphiql answers 503; `npm run build` builds it");
}
