import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * The suites that start the real server run it as `npm start` does: the bundle that `prestart`
 * builds (scripts/build-server.mjs). Built once per test run, from the sources under test.
 */
export default function buildServer(): void {
  execFileSync(process.execPath, ["scripts/build-server.mjs"], { cwd: fileURLToPath(new URL("../..", import.meta.url)), stdio: "ignore" });
}
