/**
 * Writes the row policies generated from src/auth/policy.ts (policies.sql.ts) into the newest
 * row-security migration (`npm run db:rls`), or with --check fails when that migration is not what
 * the generator emits now (`npm run db:rls:check`, CI; test/rls/generated-policies.test.ts too).
 * A changed policy needs a new migration: `npm run db:generate -- --custom --name row_level_security_<n>`,
 * then `npm run db:rls` fills it (every statement re-creates what it defines).
 */
import { readFile, writeFile } from "node:fs/promises";
import { newestRowSecurityMigration } from "./migration-file.js";
import { rowSecuritySql } from "./policies.sql.js";

const target = await newestRowSecurityMigration();
const text = rowSecuritySql();
if (process.argv.includes("--check")) {
  const committed = await readFile(target, "utf8").catch(() => "");
  if (committed !== text) {
    console.error(`${target} is not what src/db/rls/policies.sql.ts emits from the policy: add a row-security migration and run \`npm run db:rls\`.`);
    process.exit(1);
  }
  console.log(`${target} matches the policy.`);
} else {
  await writeFile(target, text);
  console.log(`wrote ${target}`);
}
