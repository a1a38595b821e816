import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { mask, personalDataPatterns, scanLogDir, scanText, sourcePatterns, type Pattern } from "../helpers/log-scan.js";

const TEST_DIR = fileURLToPath(new URL("..", import.meta.url));

/** A request log line as the API writes it: ids, names of operations, codes, no personal data. */
const CLEAN =
  '{"level":30,"time":1780304400000,"requestId":"7d0c3c0e-3b8e-4bb0-9d5c-1f1f7a0f4e11","userId":"5f0b8a52-7d51-4a8f-9a35-0e5c3f1f6a77",' +
  '"operationName":"AddDataSubject","operationType":"mutation","durationMs":12.3,"outcome":"FORBIDDEN","status":200,"msg":"graphql request"}';

describe("the test-log scan (test/helpers/log-scan.ts)", () => {
  let patterns: Pattern[];
  beforeAll(async () => {
    patterns = await personalDataPatterns(TEST_DIR);
  });

  it("flags a log line holding a demo data subject's name, naming the line and masking the value", () => {
    const text = `${CLEAN}\n{"level":50,"msg":"could not add Jens Hansen"}\n${CLEAN}`;
    const findings = scanText(text, patterns, "1234.ndjson");
    expect(findings).toEqual([{ file: "1234.ndjson", line: 2, label: "a demo data subject's name", masked: "J…n (11 characters)" }]);
  });

  it("flags names in another case, dates of birth, national identifiers, e-mail addresses and World users", () => {
    const leaks = [
      '{"msg":"MARIE DUBOIS"}',
      '{"dateOfBirth":"1975-09-30"}',
      '{"id":"300975-1234"}',
      '{"email":"handlerDk.0a1b2c3d@imi.test"}',
      '{"login":"someone@example.org"}',
      '{"user":"handlerDe2 0a1b2c3d"}',
      '{"msg":"Helena Helpdesk logged in"}',
    ];
    for (const line of leaks) expect(scanText(line, patterns), line).not.toEqual([]);
  });

  it("finds the names the tests write (idor's SECRET_NAME, the retention case, the rights fixtures), not just the demo world", () => {
    for (const line of ['"Ingrid Secretsdottir"', '"Karen Blixen-Retention 0a1b2c3d"', '"Jens Jensen"', '"Klaus Klempner"', '"120384-5678"']) {
      expect(scanText(line, patterns), line).not.toEqual([]);
    }
  });

  it("passes the lines the server writes: request logs, ids, codes, retention counts, stack frames, package versions", () => {
    const lines = [
      CLEAN,
      '{"level":30,"runId":"0d6a1f0e-5c1b-4d8e-9f0a-2b3c4d5e6f70","asOf":"2026-06-01T09:00:00.000Z","proceduresBlocked":3,"msg":"retention run finished"}',
      '{"level":50,"err":{"type":"DrizzleQueryError","message":"Failed query: insert into \\"data_subjects\\" (\\"full_name\\") values ($1)","code":"23505"},"msg":"unexpected error"}',
      "    at file:///work/main/node_modules/.pnpm/graphql@16.12.0/node_modules/graphql/execution/execute.js:10:5",
      '{"level":30,"port":4000,"driver":"pglite","msg":"IMI API ready: http://localhost:4000/graphql"}',
    ];
    expect(scanText(lines.join("\n"), patterns)).toEqual([]);
  });

  it("reads names, dates of birth and identifiers out of test sources, template literals cut at their first ${…}", () => {
    const source = [
      'const SECRET_NAME = "Ingrid Secretsdottir";',
      "const subjectName = `Mette Kristensen ${world.tag}`;",
      '{ fullName: "Intruder", nationalIdentifier: "010101-0101", dateOfBirth: "1988-02-03" }',
      "const name = `imi_test_${Date.now()}`;",
      '{ requesterName: "Jens Jensen", requesterIdentifier: "NID-" }',
    ].join("\n");
    const found = sourcePatterns(source).map((p) => [p.label, p.regex.source]);
    expect(found).toEqual([
      ["a name written in the tests", "Ingrid Secretsdottir"],
      ["a name written in the tests", "Mette Kristensen"],
      ["a name written in the tests", "Jens Jensen"],
      ["a date of birth written in the tests", "1988-02-03"],
      ["a national identifier written in the tests", "010101-0101"],
    ]);
  });

  it("reports every file and line of a run directory", async () => {
    const dir = await mkdtemp(join(tmpdir(), "imi-log-scan-"));
    try {
      await writeFile(join(dir, "100.ndjson"), `${CLEAN}\n`);
      await writeFile(join(dir, "100.child-200.ndjson"), `${CLEAN}\n${CLEAN}\n{"msg":"Anna Larsen <anna.larsen@example.dk>"}\n`);
      const findings = await scanLogDir(dir, patterns);
      expect(findings.map((f) => `${f.file}:${f.line} ${f.label}`)).toEqual([
        "100.child-200.ndjson:3 an e-mail address",
        "100.child-200.ndjson:3 a demo data subject's name",
        "100.child-200.ndjson:3 a demo data subject's e-mail",
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("never repeats a value in full", () => {
    expect(mask("Jens Hansen")).toBe("J…n (11 characters)");
    expect(mask("ab")).toBe("** (2 characters)");
  });
});
