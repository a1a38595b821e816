import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { DEMO_USERS } from "../../src/db/seed/demo-ids.js";
import { DEMO_PROCEDURES } from "../../src/db/seed/demo-procedures.js";
import { WORLD_USER_KEYS } from "./world.js";

/**
 * "Never personal data" in the logs, checked on every test run: the personal data the tests create,
 * looked for in every log line they produced (test/helpers/log-scan.setup.ts). The list is built
 * from where that data comes from: the demo world's data subjects and accounts, the World factory's
 * users, and the names, dates of birth and identifiers written in the test sources.
 */

export interface Pattern {
  /** What it is, for the report: never the value itself. */
  label: string;
  regex: RegExp;
}

export interface Finding {
  file: string;
  line: number;
  label: string;
  /** The value found, masked: first and last character and its length. */
  masked: string;
}

/** Any e-mail address: a log never needs one (a login attempt's e-mail is personal data too). */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/u;
/** A person's name as tests write one: two or more capitalised words ("Jens Hansen", "Karen Blixen-Retention"). */
const PERSON_NAME = /^\p{Lu}[\p{L}'.-]*(?:\s+\p{Lu}[\p{L}'.-]*)+$/u;

function escape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function literal(label: string, value: string): Pattern {
  return { label, regex: new RegExp(escape(value), "iu") };
}

/** The demo world (src/db/seed): its data subjects' names, dates of birth, identifiers, e-mails and addresses, and its accounts' names. */
export function demoWorldPatterns(): Pattern[] {
  const patterns: Pattern[] = [];
  for (const procedure of DEMO_PROCEDURES) {
    for (const { person } of procedure.subjects) {
      patterns.push(literal("a demo data subject's name", person.fullName));
      if (person.dateOfBirth) patterns.push(literal("a demo data subject's date of birth", person.dateOfBirth));
      if (person.nationalIdentifier) patterns.push(literal("a demo data subject's national identifier", person.nationalIdentifier));
      if (person.email) patterns.push(literal("a demo data subject's e-mail", person.email));
      if (person.address) patterns.push(literal("a demo data subject's address", person.address));
    }
  }
  for (const user of DEMO_USERS) patterns.push(literal("a demo account's name", user.name));
  return patterns;
}

/** The World factory's users (test/helpers/world.ts): `<key> <tag>`, the tag 8 hex digits. */
export function worldPatterns(): Pattern[] {
  return [{ label: "a World user's name", regex: new RegExp(`\\b(?:${WORLD_USER_KEYS.map(escape).join("|")}) [0-9a-f]{8}\\b`, "u") }];
}

/** The string, or a template literal's text up to its first `${`, that follows a match. */
const VALUE = String.raw`\s*(["'\x60])((?:(?!\1)[^\\$]|\$(?!\{))*)`;
const SOURCE_RULES: { label: string; regex: RegExp; keep: (value: string) => boolean }[] = [
  {
    label: "a name written in the tests",
    // fullName: "…", requesterName: "…", and constants such as SECRET_NAME = "…" or const subjectName = `… ${tag}`.
    regex: new RegExp(String.raw`(?:\b(?:fullName|requesterName|citizenName)\s*:|\b(?:const|let)\s+\w*(?:name|Name|NAME)\s*=)` + VALUE, "g"),
    keep: (value) => PERSON_NAME.test(value),
  },
  {
    label: "a date of birth written in the tests",
    regex: new RegExp(String.raw`\bdateOfBirth\s*:` + VALUE, "g"),
    keep: (value) => /^\d{4}-\d{2}-\d{2}$/.test(value),
  },
  {
    label: "a national identifier written in the tests",
    regex: new RegExp(String.raw`\b(?:nationalIdentifier|requesterIdentifier|identifier|\w*IDENTIFIER)\s*[:=]` + VALUE, "g"),
    keep: (value) => value.length >= 6 && /\d/.test(value),
  },
];

/** The personal data a test source writes as literals (see SOURCE_RULES). */
export function sourcePatterns(source: string): Pattern[] {
  const patterns: Pattern[] = [];
  for (const rule of SOURCE_RULES) {
    for (const match of source.matchAll(rule.regex)) {
      const value = match[2]!.trim();
      if (rule.keep(value)) patterns.push(literal(rule.label, value));
    }
  }
  return patterns;
}

async function typeScriptFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === "generated" ? [] : typeScriptFiles(path);
      return entry.name.endsWith(".ts") ? [path] : [];
    }),
  );
  return nested.flat();
}

/** Every pattern: the e-mail rule, the demo world, the World factory, and the literals of the sources under `testDir`. */
export async function personalDataPatterns(testDir: string): Promise<Pattern[]> {
  const fromSources = await Promise.all((await typeScriptFiles(testDir)).map(async (file) => sourcePatterns(await readFile(file, "utf8"))));
  const all = [{ label: "an e-mail address", regex: EMAIL }, ...demoWorldPatterns(), ...worldPatterns(), ...fromSources.flat()];
  const seen = new Set<string>();
  return all.filter((pattern) => !seen.has(pattern.regex.source) && seen.add(pattern.regex.source));
}

export function mask(value: string): string {
  const chars = [...value];
  return chars.length <= 2 ? `${"*".repeat(chars.length)} (${chars.length} characters)` : `${chars[0]}…${chars.at(-1)} (${chars.length} characters)`;
}

/** The findings in one text: each line checked against one combined expression first, the patterns only on a hit. */
export function scanText(text: string, patterns: readonly Pattern[], file = "(text)"): Finding[] {
  const any = new RegExp(patterns.map((p) => `(?:${p.regex.source})`).join("|"), "iu");
  const findings: Finding[] = [];
  text.split("\n").forEach((line, index) => {
    if (!any.test(line)) return;
    for (const pattern of patterns) {
      const match = pattern.regex.exec(line);
      if (match) findings.push({ file, line: index + 1, label: pattern.label, masked: mask(match[0]) });
    }
  });
  return findings;
}

/** Every finding in the files of a run directory. */
export async function scanLogDir(dir: string, patterns: readonly Pattern[], root = dir): Promise<Finding[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith(".ndjson")).sort();
  const findings = await Promise.all(files.map(async (name) => scanText(await readFile(join(dir, name), "utf8"), patterns, relative(root, join(dir, name)))));
  return findings.flat();
}

export function report(findings: readonly Finding[], limit = 20): string {
  const lines = findings.slice(0, limit).map((f) => `  ${f.file}:${f.line}: ${f.label}, ${f.masked}`);
  if (findings.length > limit) lines.push(`  … and ${findings.length - limit} more`);
  return lines.join("\n");
}
