import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { MIGRATIONS_FOLDER } from "../client.js";

/** The newest migration named `…_row_level_security…`: the one the generator writes and CI checks. */
export async function newestRowSecurityMigration(): Promise<string> {
  const names = (await readdir(MIGRATIONS_FOLDER)).filter((name) => /^\d{4}_row_level_security.*\.sql$/.test(name)).sort();
  const newest = names.at(-1);
  if (!newest) throw new Error(`no row_level_security migration in ${MIGRATIONS_FOLDER}`);
  return join(MIGRATIONS_FOLDER, newest);
}
