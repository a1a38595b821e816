import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/server-process.js";

/**
 * The typed client turns a wrong field or variable name into a compile error: the marked lines of
 * typed-client.typecheck.ts compile with their `@ts-expect-error` markers (as `npm run typecheck`
 * checks) and fail without them, each for the reason its marker gives.
 */

const FILE = resolve(ROOT, "test/examples/typed-client.typecheck.ts");
const MARKER = /^\s*\/\/ @ts-expect-error (.*)$/;

function diagnosticsOf(source: string): { line: number; code: number; message: string }[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, "tsconfig.json"), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
    },
  })!;
  const host = ts.createCompilerHost(config.options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) =>
    resolve(name) === FILE ? ts.createSourceFile(name, source, language) : read(name, language, ...rest);
  const program = ts.createProgram([FILE], config.options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && resolve(d.file.fileName) === FILE)
    .map((d) => ({
      line: d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line,
      code: d.code,
      message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
    }));
}

describe("typed client for frontend teams (examples/generated)", () => {
  const source = readFileSync(FILE, "utf8");
  const lines = source.split("\n");
  /** 0-based numbers of the lines under a marker (diagnostics count lines from 0 too). */
  const marked = lines.flatMap((line, index) => (MARKER.test(line) ? [index + 1] : []));

  it("compiles with every wrong name marked as expected", () => {
    expect(marked.length).toBeGreaterThanOrEqual(5);
    expect(diagnosticsOf(source)).toEqual([]);
  });

  it("reports a type error on each marked line once the markers are gone", () => {
    // Blank the markers rather than delete them, so line numbers stay.
    const unmarked = lines.map((line) => (MARKER.test(line) ? "" : line)).join("\n");
    const errors = diagnosticsOf(unmarked);
    expect([...new Set(errors.map((e) => e.line))].sort((a, b) => a - b)).toEqual(marked);
    const on = (text: string) => {
      const line = lines.findIndex((l) => l.includes(text));
      return errors.filter((e) => e.line === line).map((e) => e.message).join("\n");
    };
    expect(on("void node?.subjekt;")).toMatch(/Property 'subjekt' does not exist/);
    expect(on("void node?.dataSubjects;")).toMatch(/Property 'dataSubjects' does not exist/);
    expect(on("const withoutCheck")).toMatch(/possibly 'null'/);
    expect(on('requestID: "')).toMatch(/'requestID' does not exist/);
    expect(on('kind: "ACCES"')).toMatch(/Type '"ACCES"' is not assignable/);
  }, 60_000);
});
