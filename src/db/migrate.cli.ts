/** `npm run db:migrate`: applies the migrations in drizzle/ to the configured database. */
import { loadConfigOrExit } from "../config.js";
import { openDatabase } from "./client.js";

const config = loadConfigOrExit();
const database = await openDatabase({ url: config.databaseUrl, pgliteDir: config.pgliteDir });
try {
  await database.migrate();
  console.log(`Migrations applied (${database.driver}).`);
} finally {
  await database.close();
}
