import { describe, expect, it } from "vitest";
import { isPostgresWriteAfterClose } from "../../src/db/pg-errors.js";
import { loggableError } from "../../src/logger.js";

describe("errors as the log and the process see them", () => {
  it("drops drizzle's query parameters also where a wrapper repeats its message (context creation)", () => {
    const wrapped = new Error('Context creation failed: Failed query: select * from users where id = $1\nparams: Jens Jensen,120384-5678');
    const logged = loggableError(wrapped);
    expect(JSON.stringify(logged)).not.toContain("Jens Jensen");
    expect(JSON.stringify(logged)).not.toContain("120384-5678");
    expect(JSON.stringify(logged)).toContain("Failed query: select * from users where id = $1");
  });

  it("recognises only postgres.js's write after its connection closed as survivable", () => {
    const bug = new TypeError("Cannot read properties of null (reading 'write')");
    bug.stack = `TypeError: Cannot read properties of null (reading 'write')\n    at Immediate.nextWrite (file:///app/node_modules/postgres/src/connection.js:255:22)\n    at process.processImmediate (node:internal/timers:483:21)`;
    expect(isPostgresWriteAfterClose(bug)).toBe(true);
    const ours = new TypeError("Cannot read properties of null (reading 'write')");
    ours.stack = `TypeError: Cannot read properties of null (reading 'write')\n    at nextWrite (file:///app/src/http.ts:10:1)`;
    expect(isPostgresWriteAfterClose(ours)).toBe(false);
    expect(isPostgresWriteAfterClose(new Error("anything else"))).toBe(false);
  });
});
