/** `npm run db:migrate`: applies the migrations in drizzle/ to the configured database. */
import { loadDatabaseConfigOrExit } from "../config.js";
import { describeStartupFailure } from "../ops/startup-failure.js";
import { openDatabaseOrExit, type DatabaseHandle } from "./client.js";

// Only the database settings: the migration job needs no secret of the API's own (compose.yaml).
const config = loadDatabaseConfigOrExit();
let database: DatabaseHandle | undefined;
let exitCode = 0;
try {
  database = await openDatabaseOrExit({ url: config.databaseUrl, pgliteDir: config.pgliteDir, connectTimeoutSeconds: config.databaseConnectTimeoutSeconds });
  await database.migrate();
  console.log(`Migrations applied (${database.driver}).`);
} catch (error) {
  // A setting to fix (the database named by DATABASE_URL, PGLITE_DIR): one line; anything else in full.
  const line = describeStartupFailure(error, config);
  if (!line) throw error;
  console.error(line);
  exitCode = 1;
} finally {
  await database?.close();
}
process.exit(exitCode);
