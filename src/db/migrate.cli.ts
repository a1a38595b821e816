/** `npm run db:migrate`: applies the migrations in drizzle/ to the configured database. */
import { loadConfigOrExit } from "../config.js";
import { openDatabaseOrExit } from "./client.js";

const config = loadConfigOrExit();
const database = await openDatabaseOrExit({ url: config.databaseUrl, pgliteDir: config.pgliteDir });
try {
  await database.migrate();
  console.log(`Migrations applied (${database.driver}).`);
} finally {
  await database.close();
}
