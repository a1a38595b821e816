// Tells Monaco where its web workers live. Must run before graphiql (and so monaco-editor) is
// evaluated, hence its own module imported first by graphiql.app.jsx.
//
// The workers are separate bundles built by scripts/build-graphiql.mjs next to app.js. Their URLs
// are taken relative to this script's own URL, so the page works under any mount path, and the
// worker scripts stay same-origin files (CSP `worker-src 'self'`, no blob: or CDN).

const base = document.currentScript?.src ?? location.href;

/** Monaco labels → worker bundle file names. Anything else runs in the generic editor worker. */
const files = { json: "json.worker.js", graphql: "graphql.worker.js" };

globalThis.MonacoEnvironment = {
  getWorker(_workerId, label) {
    return new Worker(new URL(files[label] ?? "editor.worker.js", base), { name: label });
  },
};
