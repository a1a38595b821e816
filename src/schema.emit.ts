/**
 * Writes the SDL to schema/schema.graphql (`npm run schema:emit`), or with --check fails when the
 * committed file is stale (`npm run schema:check`, run by CI).
 */
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { lexicographicSortSchema, printSchema } from "graphql";
import { buildGraphQLSchema } from "./graphql/build-schema.js";

const target = fileURLToPath(new URL("../schema/schema.graphql", import.meta.url));
const header = "# Emitted by `npm run schema:emit` from the type-graphql classes in src/. Do not edit.\n\n";
const sdl = header + printSchema(lexicographicSortSchema(await buildGraphQLSchema())) + "\n";

if (process.argv.includes("--check")) {
  const committed = await readFile(target, "utf8").catch(() => "");
  if (committed !== sdl) {
    console.error("schema/schema.graphql is stale: run `npm run schema:emit` and commit the result.");
    process.exit(1);
  }
  console.log("schema/schema.graphql is up to date.");
} else {
  await writeFile(target, sdl);
  console.log(`wrote ${target}`);
}
