/** `npm run db:seed`: loads the demo world into the configured database (refused in production). */
import { systemClock } from "../clock.js";
import { loadConfigOrExit } from "../config.js";
import { createLogger } from "../logger.js";
import { openDatabaseOrExit } from "./client.js";
import { resolveMasterKeys } from "./personal-crypto/master-key.resolve.js";
import { seedDemoWorld } from "./seed/demo-world.js";

const config = loadConfigOrExit();
if (config.production) {
  console.error("Refused: the demo world is never loaded when NODE_ENV=production.");
  process.exit(1);
}
const database = await openDatabaseOrExit({ url: config.databaseUrl, pgliteDir: config.pgliteDir });
try {
  await database.migrate();
  // R-RETAIN-3: the demo world's personal data is sealed under the master key the server will use
  // (found from outside: sealed under a throwaway key, the server could never start on the database).
  await resolveMasterKeys(config, database.db, createLogger(config.logLevel));
  const loaded = await seedDemoWorld(database.db, systemClock, config.nodeEnv);
  console.log(loaded ? `Demo world loaded (${database.driver}).` : `Demo world already present (${database.driver}); nothing changed.`);
} finally {
  await database.close();
}
