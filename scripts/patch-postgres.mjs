/**
 * postinstall: mends postgres.js 3.4.9 (porsager/postgres#1154, #1192) until a release fixes it.
 *
 * Found from outside (issue 12, test/ops/killed-backends.test.ts): when PostgreSQL ends the backend
 * of a transaction (a terminated backend, a failover), statements of that transaction never settled,
 * so their requests never answered and kept their pool slot, or the server ended. Four ways:
 *
 * 1. connection.js: a statement sent after the connection closed goes to `execute` on a connection
 *    without a socket; its write is scheduled with setImmediate, throws there on the null socket
 *    (outside any promise) and the statement's promise never settles. Mended: `execute` on a
 *    connection without a socket rejects the statement with CONNECTION_CLOSED, as a statement pending
 *    when the connection closed already is (SERVICE_UNAVAILABLE to the client, db/pg-errors.ts).
 * 2. index.js: statements a transaction queued while its connection's pipeline was full are never
 *    sent nor rejected when the connection closes. Mended: they are rejected with the close's error.
 * 3. connection.js: a new connection first reads the array types (fetch_types) and drops that
 *    promise; when the connection is reset or the statement fails meanwhile, it rejects unhandled,
 *    which ended the whole server (found by a fault harness here: ECONNRESET through a TCP proxy;
 *    upstream porsager/postgres#1192, #1205). Mended: the rejection is handled there; the statement
 *    waiting for the connection fails on its own (errored) or runs once the connection is ready.
 * 4. connection.js: when a connection is reset, Node emits the socket's 'error' at once and its
 *    'close' only once the handle is closed, a turn or more later. A statement sent in between went
 *    to the dead socket (written to nowhere), and `closed` rejected nothing when the close had an
 *    error, trusting 'error' to have done it: that statement never settled, nor its request (found by
 *    a fault harness here: one transaction in 5 cycles of resets hung past 15 s). Mended: `execute` on a
 *    destroyed socket fails the statement, and `closed` fails whatever is still pending either way.
 *
 * Idempotent; fails the install loudly when the code it mends is not there (another postgres.js
 * version: check whether it still needs this, then update or remove this script).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const MARK = "imi: mended (scripts/patch-postgres.mjs, porsager/postgres#1154)";
const MENDS = [
  {
    file: "connection.js",
    before: `  function execute(q) {
    if (terminated)
      return queryError(q, Errors.connection('CONNECTION_DESTROYED', options))
`,
    after: `  function execute(q) {
    if (terminated)
      return queryError(q, Errors.connection('CONNECTION_DESTROYED', options))

    // ${MARK}: a statement on a closed connection fails
    if (!socket)
      return queryError(q, Errors.connection('CONNECTION_CLOSED', options))
`,
  },
  {
    file: "connection.js",
    before: `        return fetchArrayTypes()
`,
    after: `        // ${MARK}: a failed type fetch is not an unhandled rejection (#1192)
        return fetchArrayTypes().catch(() => {})
`,
  },
  {
    file: "connection.js",
    before: `    if (q.cancelled)
      return
`,
    after: `    // ${MARK}: a statement on a connection being reset fails (its 'close' is still to come)
    if (socket.destroyed)
      return queryError(q, Errors.connection('CONNECTION_CLOSED', options))

    if (q.cancelled)
      return
`,
  },
  {
    file: "connection.js",
    before: `    !hadError && (query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))
`,
    after: `    // ${MARK}: whatever is still pending fails, after an error too (statements sent between 'error' and 'close')
    ;(query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))
`,
  },
  {
    file: "index.js",
    before: `        new Promise((_, reject) => connection.onclose = reject)`,
    after: `        // ${MARK}: statements queued in the transaction fail with it
        new Promise((_, reject) => connection.onclose = (e) => {
          while (queries.length) queries.shift().reject(e)
          reject(e)
        })`,
  },
];

let root;
try {
  // The package exports no package.json: from its entry up to the folder whose package.json names it.
  root = dirname(createRequire(import.meta.url).resolve("postgres"));
  const named = (dir) => existsSync(join(dir, "package.json")) && JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).name === "postgres";
  while (!named(root) && dirname(root) !== root) root = dirname(root);
} catch {
  // Not installed (an install without it): nothing to mend.
  process.exit(0);
}
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
let mended = 0;
for (const flavour of ["src", "cjs/src", "cf/src"]) {
  for (const mend of MENDS) {
    const file = join(root, flavour, mend.file);
    if (!existsSync(file)) continue;
    const text = readFileSync(file, "utf8");
    if (text.includes(mend.after)) continue;
    if (!text.includes(mend.before)) {
      console.error(`scripts/patch-postgres.mjs: postgres ${version} ${flavour}/${mend.file} does not hold the code this mends; check porsager/postgres#1154 and update or remove the script.`);
      process.exit(1);
    }
    writeFileSync(file, text.replace(mend.before, mend.after));
    mended++;
  }
}
if (mended > 0) console.log(`mended postgres ${version} (${mended} places): statements of a closed connection fail instead of hanging`);
