// `npm run db:migrate` and `npm run admin:create`: runs the bundled command (.data/server/<name>.mjs,
// scripts/build-server.mjs) in this process, so standard input, signals and the exit code are its own.
// Where the build tools are installed the bundles are rebuilt first (the sources may have changed);
// a production install (`npm ci --omit=dev`, the container image) runs the ones built before.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const [name, ...rest] = process.argv.slice(2);
const bundle = `${root}.data/server/${name}.mjs`;
let esbuild = true;
try {
  import.meta.resolve("esbuild");
} catch {
  esbuild = false;
}
if (esbuild) execFileSync(process.execPath, ["scripts/build-server.mjs"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
if (!existsSync(bundle)) {
  console.error(`Refused: ${bundle} is not built, and building it needs the dev dependencies: run \`npm ci && npm run build\` first, or use the container image (Dockerfile).`);
  process.exit(1);
}
process.argv = [process.argv[0], bundle, ...rest];
await import(pathToFileURL(bundle).href);
