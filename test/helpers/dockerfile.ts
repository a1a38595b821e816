import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./server-process.js";

/** One instruction of a Dockerfile: line continuations joined, comments dropped. */
export interface Instruction {
  line: number;
  keyword: string;
  args: string;
}

export interface Stage {
  from: string;
  name: string | null;
  instructions: Instruction[];
}

/** The Dockerfile's instructions (no daemon here: the test reads the file as BuildKit's parser would, for what it checks). */
export function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let current = lines[i]!;
    if (/^\s*(#|$)/.test(current)) continue;
    while (/\\\s*$/.test(current) && i + 1 < lines.length) {
      i++;
      const next = lines[i]!;
      current = current.replace(/\\\s*$/, " ") + (/^\s*#/.test(next) ? "" : next.trim());
    }
    const match = current.trim().match(/^(\S+)\s*(.*)$/);
    if (match) instructions.push({ line: start + 1, keyword: match[1]!.toUpperCase(), args: match[2]!.trim() });
  }
  return instructions;
}

export function stagesOf(instructions: Instruction[]): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === "FROM") {
      const [from, as, name] = instruction.args.split(/\s+/);
      stages.push({ from: from!, name: as?.toUpperCase() === "AS" ? (name ?? null) : null, instructions: [] });
    } else stages.at(-1)?.instructions.push(instruction);
  }
  return stages;
}

export function readDockerfile(): { instructions: Instruction[]; stages: Stage[]; final: Stage } {
  const instructions = parseDockerfile(readFileSync(join(ROOT, "Dockerfile"), "utf8"));
  const stages = stagesOf(instructions);
  return { instructions, stages, final: stages.at(-1)! };
}

/** An exec-form (JSON array) argument, or null for the shell form. */
export function execForm(args: string): string[] | null {
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed) && parsed.every((part) => typeof part === "string") ? parsed : null;
  } catch {
    return null;
  }
}

/** COPY's sources and destination, with its --from stage (flags other than --from ignored). */
export function copyOf(instruction: Instruction): { from: string | null; sources: string[]; destination: string } {
  const words = instruction.args.split(/\s+/);
  const from = words.find((word) => word.startsWith("--from="))?.slice("--from=".length) ?? null;
  const paths = words.filter((word) => !word.startsWith("--"));
  return { from, sources: paths.slice(0, -1), destination: paths.at(-1)! };
}
