import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AccessDenialReason } from "../../src/modules/procedures/procedure.enums.js";
import { ERROR_CODES, ERROR_REASONS } from "../../src/errors.js";
import { ROOT } from "../helpers/server-process.js";
import { sdlEnum } from "./sdl-enums.js";

/**
 * Issue 16 item 5 (errors as types): `extensions.code` and `extensions.reason` are the SDL enums
 * ErrorCode and ErrorReason, made from errors.ts's lists. Here: the committed SDL, the typed client and
 * the API guide carry exactly those values, and no code or reason written in src is missing from them.
 * error-enums.api.test.ts checks what the running API answers.
 */

const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/**
 * The codes and reasons written as literals in src: `code: "X"` and `reason: "X"` (error extensions
 * and details), `reason === "X"` (read back), `?? "X"` (a default code). The seed's question-set
 * choices have `code`s of their own; they are no errors.
 */
function literals(): { code: Map<string, string[]>; reason: Map<string, string[]> } {
  const found = { code: new Map<string, string[]>(), reason: new Map<string, string[]>() };
  const add = (kind: "code" | "reason", value: string, where: string) => found[kind].set(value, [...(found[kind].get(value) ?? []), where]);
  for (const path of sourceFiles("src").filter((p) => !p.startsWith("src/db/seed/"))) {
    const text = read(path);
    for (const m of text.matchAll(/\bcode: "([A-Z][A-Z0-9_]+)"/g)) add("code", m[1]!, path);
    for (const m of text.matchAll(/extensions\.code \?\? "([A-Z][A-Z0-9_]+)"/g)) add("code", m[1]!, path);
    for (const m of text.matchAll(/\breason(?::| ===) "([A-Z][A-Z0-9_]+)"/g)) add("reason", m[1]!, path);
  }
  return found;
}

/** `text` up to the first `marker` (not counting one at its very start), or all of it. */
function until(text: string, marker: string): string {
  const end = text.indexOf(marker, 1);
  return end === -1 ? text : text.slice(0, end);
}

describe("error codes and reasons as SDL enums (issue 16 item 5)", () => {
  it("the committed SDL has ErrorCode and ErrorReason with errors.ts's values, each described", () => {
    const code = sdlEnum(read("schema/schema.graphql"), "ErrorCode");
    const reason = sdlEnum(read("schema/schema.graphql"), "ErrorReason");
    expect(code.values).toEqual(Object.keys(ERROR_CODES).sort());
    expect(reason.values).toEqual(Object.keys(ERROR_REASONS).sort());
    for (const e of [code, reason]) {
      expect(e.description).toMatch(/extensions\./);
      expect(e.undescribed).toEqual([]);
    }
  });

  it("every AccessDenialReason a field returns is also an ErrorReason, with the same name", () => {
    const reasons = new Set(Object.keys(ERROR_REASONS));
    expect(Object.values(AccessDenialReason).filter((value) => !reasons.has(value))).toEqual([]);
  });

  it("every code and reason literal in src is a value of the enums (a new one must be added to errors.ts)", () => {
    const { code, reason } = literals();
    // The scan finds what it is meant to: the known literals are there.
    expect([...code.keys()]).toEqual(expect.arrayContaining(["BAD_REQUEST", "INTERNAL_SERVER_ERROR", "PAYLOAD_TOO_LARGE"]));
    expect([...reason.keys()]).toEqual(expect.arrayContaining(["RATE_LIMITED", "INTROSPECTION_DISABLED", "MALFORMED_AUTHORIZATION", "TOKEN_EXPIRED", "TOO_LARGE"]));
    const unknown = (found: Map<string, string[]>, known: object) =>
      [...found].filter(([value]) => !(value in known)).map(([value, where]) => `${value} (${where.join(", ")})`);
    expect(unknown(code, ERROR_CODES)).toEqual([]);
    expect(unknown(reason, ERROR_REASONS)).toEqual([]);
  });

  it("the typed client (examples/generated/enums.ts) carries both enums as unions of the SDL's values", () => {
    const client = read("examples/generated/enums.ts");
    for (const [name, values] of [["ErrorCode", ERROR_CODES], ["ErrorReason", ERROR_REASONS]] as const) {
      // From `export type <name> =` to the next export: the union's members, each after its comment.
      const start = client.indexOf(`export type ${name} =`);
      expect(start, name).toBeGreaterThanOrEqual(0);
      const union = until(client.slice(start), "\nexport ");
      expect([...union.matchAll(/^\s*\| '([A-Z0-9_]+)'/gm)].map((m) => m[1]).sort()).toEqual(Object.keys(values).sort());
    }
  });

  it("docs/api-guide.md, section Error codes and reasons, has a row for every code and reason and no other", () => {
    const guide = read("docs/api-guide.md");
    const start = guide.indexOf("\n## Error codes and reasons\n");
    expect(start).toBeGreaterThanOrEqual(0);
    const body = until(guide.slice(start + 1), "\n## ");
    const rows = [...body.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((m) => m[1]).sort();
    expect(rows).toEqual([...Object.keys(ERROR_CODES), ...Object.keys(ERROR_REASONS)].sort());
  });
});
