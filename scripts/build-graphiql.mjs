// Bundles the offline GraphiQL (graphiql 5, Monaco, react 19) into .data/graphiql/, served by
// src/graphiql/serve-graphiql.ts at /graphiql. The network here reaches no CDN, so every script,
// style, font and web worker must come from our own server.
//
// Runs as `prestart`: it skips the build when every output is newer than every input, so a
// repeated `npm start` costs a few stat() calls. Prints exactly one line.
import { mkdir, readdir, rm, stat, readFile, writeFile } from "node:fs/promises";
import { gzipSync, constants as zlib } from "node:zlib";
import { fileURLToPath } from "node:url";

const root = new URL("../", import.meta.url);
const outDir = new URL(".data/graphiql/", root);
const srcDir = new URL("src/graphiql/", root);
const entry = new URL("graphiql.app.jsx", srcDir);
// Names the server and the app refer to; keep in sync with serve-graphiql.ts.
const outputs = ["app.js", "app.css", "editor.worker.js", "json.worker.js", "graphql.worker.js"];
const workers = {
  "editor.worker": "monaco-editor/esm/vs/editor/editor.worker.js",
  "json.worker": "monaco-editor/esm/vs/language/json/json.worker.js",
  "graphql.worker": "monaco-graphql/esm/graphql.worker.js",
};
const path = (url) => fileURLToPath(url);
const mtime = async (url) => (await stat(url).catch(() => null))?.mtimeMs ?? null;

// Inputs: the browser sources (entry, its CSS, helpers), the lockfile (a dependency update) and
// this script itself (a change of build options).
async function newestInput() {
  const own = (await readdir(srcDir)).filter((f) => /\.(jsx?|css)$/.test(f)).map((f) => new URL(f, srcDir));
  const times = await Promise.all([entry, new URL("package-lock.json", root), new URL(import.meta.url), ...own].map(mtime));
  return Math.max(...times.map((t) => t ?? Infinity));
}

async function oldestOutput() {
  const times = await Promise.all(outputs.map((f) => mtime(new URL(f, outDir))));
  return times.includes(null) ? null : Math.min(...times);
}

const oldest = process.argv.includes("--force") ? null : await oldestOutput();
if (oldest !== null && oldest > (await newestInput())) {
  console.log("graphiql: up to date in .data/graphiql (npm run build:graphiql -- --force rebuilds)");
} else {
  await run();
}

async function run() {
  let esbuild;
  try {
    esbuild = await import("esbuild");
    import.meta.resolve("graphiql"); // throws when graphiql is not installed
  } catch {
    // A production install (`npm ci --omit=dev`) has no esbuild/graphiql: the API must still
    // start; /graphiql then answers 503 with a hint.
    console.log("graphiql: skipped, dev dependencies (esbuild, graphiql) not installed; /graphiql will answer 503");
    process.exit(0);
  }
  const started = performance.now();
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const common = {
    bundle: true,
    minify: true,
    format: "iife", // classic scripts and classic workers: no module loading, no import maps
    target: "es2022",
    legalComments: "none",
    logLevel: "error",
    absWorkingDir: path(root),
    outdir: path(outDir),
    define: { "process.env.NODE_ENV": '"production"' },
  };
  try {
    await Promise.all([
      esbuild.build({
        ...common,
        entryPoints: { app: path(entry) },
        jsx: "automatic",
        // graphiql/style.css already embeds Monaco's CSS; its fonts become data URLs so that the
        // stylesheet needs no further requests.
        loader: { ".ttf": "dataurl", ".woff": "dataurl", ".woff2": "dataurl" },
      }),
      esbuild.build({ ...common, entryPoints: workers }),
    ]);
  } catch (error) {
    console.error(`graphiql: build failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
  // Precompressed copies: 7 MB of JavaScript shrinks to about a third, and compressing once here
  // is cheaper than on every request.
  let raw = 0;
  let gz = 0;
  for (const file of outputs) {
    const data = await readFile(new URL(file, outDir));
    const zipped = gzipSync(data, { level: zlib.Z_BEST_COMPRESSION });
    await writeFile(new URL(`${file}.gz`, outDir), zipped);
    raw += data.length;
    gz += zipped.length;
  }
  const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`graphiql: built .data/graphiql in ${secs} s (${mb(raw)}, ${mb(gz)} gzipped)`);
}
