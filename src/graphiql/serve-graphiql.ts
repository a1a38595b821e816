// Serves the offline GraphiQL built by scripts/build-graphiql.mjs: the page at /graphiql and its
// bundles at /graphiql/assets/<file>. Apollo's own landing pages load from a CDN, which is out of
// reach here, so the API ships its own copy.
import type { IncomingMessage, ServerResponse } from "node:http";
import { readFile, stat } from "node:fs/promises";

// Relative to this file, not process.cwd(): the server may be started from any folder.
const ASSETS = new URL("../../.data/graphiql/", import.meta.url);
const PAGE_PATHS = new Set(["/graphiql", "/graphiql/"]);
const ASSET_PREFIX = "/graphiql/assets/";
// Only plain built file names: no "/", no "..", no hidden files.
const ASSET_NAME = /^[a-z0-9][a-z0-9._-]*\.(js|css)$/i;
const CONTENT_TYPES: Record<string, string> = {
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
};

// Everything the page needs is same-origin. Monaco and GraphiQL inject <style> elements and
// style attributes (so 'unsafe-inline' for styles only); fonts and icons are data: URLs inside
// app.css; workers are same-origin scripts (setup-workers.js), so no blob: is needed.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "worker-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

// The empty data: icon spares the browser a /favicon.ico request that would 404.
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>IMI data-protection API · GraphiQL</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/graphiql/assets/app.css">
<script defer src="/graphiql/assets/app.js"></script>
</head>
<body>
<div id="root"></div>
<noscript>GraphiQL needs JavaScript. The API itself answers POST /graphql.</noscript>
</body>
</html>
`;

const securityHeaders = {
  "content-security-policy": CSP,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

/** Handles GET/HEAD /graphiql and /graphiql/assets/<file>; returns false for any other path. */
export async function serveGraphiQL(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const { pathname } = new URL(req.url ?? "/", "http://localhost");
  const isPage = PAGE_PATHS.has(pathname);
  if (!isPage && !pathname.startsWith(ASSET_PREFIX)) return false;

  if (req.method !== "GET" && req.method !== "HEAD") {
    send(res, req, 405, { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" }, "Method not allowed\n");
    return true;
  }
  if (!(await isBuilt())) {
    const hint = "GraphiQL is not built: run `npm run build:graphiql` (npm start does it) and reload.\n";
    send(res, req, 503, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" }, hint);
    return true;
  }
  if (isPage) {
    const headers = { ...securityHeaders, "content-type": "text/html; charset=utf-8", "cache-control": "no-cache" };
    send(res, req, 200, headers, PAGE);
    return true;
  }
  await serveAsset(req, res, pathname.slice(ASSET_PREFIX.length));
  return true;
}

async function serveAsset(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
  const extension = ASSET_NAME.exec(name)?.[1]?.toLowerCase();
  const type = extension ? CONTENT_TYPES[extension] : undefined;
  const file = type ? await stat(new URL(name, ASSETS)).catch(() => null) : null;
  if (!type || !file?.isFile()) {
    send(res, req, 404, { "content-type": "text/plain; charset=utf-8" }, "Not found\n");
    return;
  }
  // File names carry no content hash, so browsers revalidate every time (a cheap 304) and pick
  // up a rebuild at once; the ETag changes with every build.
  const etag = `W/"${file.size.toString(36)}-${Math.trunc(file.mtimeMs).toString(36)}"`;
  const headers: Record<string, string> = {
    ...securityHeaders,
    "content-type": type,
    "cache-control": "public, no-cache",
    etag,
    vary: "accept-encoding",
  };
  if (req.headers["if-none-match"] === etag) {
    send(res, req, 304, headers);
    return;
  }
  // The build writes a .gz copy of each file: about 2.2 MB to send instead of 7.3 MB.
  const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  const body = gzip
    ? await readFile(new URL(`${name}.gz`, ASSETS)).catch(() => null)
    : null;
  if (body) headers["content-encoding"] = "gzip";
  send(res, req, 200, headers, body ?? (await readFile(new URL(name, ASSETS))));
}

async function isBuilt(): Promise<boolean> {
  const app = await stat(new URL("app.js", ASSETS)).catch(() => null);
  return app?.isFile() ?? false;
}

function send(
  res: ServerResponse,
  req: IncomingMessage,
  status: number,
  headers: Record<string, string>,
  body?: string | Buffer,
): void {
  const length = body === undefined ? undefined : Buffer.byteLength(body);
  res.writeHead(status, length === undefined ? headers : { ...headers, "content-length": String(length) });
  res.end(req.method === "HEAD" || status === 304 ? undefined : body);
}
