import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { systemClock } from "../../src/clock.js";
import { openDatabase } from "../../src/db/client.js";
import { sealLegacyRows } from "../../src/db/personal-crypto/legacy-rows.js";
import { rowsOf } from "../../src/db/rows.js";
import { seedDemoWorld } from "../../src/db/seed/demo-world.js";
import { DEMO_PROCEDURES } from "../../src/db/seed/demo-procedures.js";
import { createTestDatabase, DRIVERS } from "../helpers/database.js";

/**
 * R-RETAIN-3: the demo world's personal data is sealed as the API seals it. It used to be inserted
 * as plaintext, and main.ts seals legacy rows before it seeds: a first `npm start` kept the demo
 * people's names readable in the data folder, and a server started on a database seeded by another
 * process (npm run db:seed, tests) had to seal them at start under its own master key.
 */
const DEMO_NAMES = [...new Set(DEMO_PROCEDURES.flatMap((p) => p.subjects.map((s) => s.person.fullName)))];

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

describe.each(DRIVERS)("the demo world on %s", (driver) => {
  it("R-RETAIN-3 is sealed when loaded: no sealed column holds plaintext, so the start-up sealing finds nothing", { timeout: 120_000 }, async () => {
    const database = await createTestDatabase(driver);
    try {
      expect(await seedDemoWorld(database.db, systemClock, "development")).toBe(true);
      const names = rowsOf<{ full_name: string }>(await database.db.execute(sql`select full_name from data_subjects`));
      expect(names.length).toBeGreaterThan(0);
      for (const { full_name } of names) expect(full_name).toMatch(/^v1:/);
      expect(await sealLegacyRows(database.db)).toBe(0);
    } finally {
      await database.dispose();
    }
  });
});

describe("the demo world in an embedded data folder", () => {
  it("R-RETAIN-3 leaves none of the demo people's names readable in the folder's files", { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), "imi-demo-sealed-"));
    try {
      const database = await openDatabase({ pgliteDir: join(dir, "pglite") });
      await database.migrate();
      expect(await seedDemoWorld(database.db, systemClock, "development")).toBe(true);
      await database.close();
      const found: string[] = [];
      for (const file of await filesUnder(join(dir, "pglite"))) {
        const bytes = await readFile(file);
        for (const name of DEMO_NAMES) if (bytes.includes(name)) found.push(`${name} in ${file.slice(dir.length + 1)}`);
      }
      expect(DEMO_NAMES.length).toBeGreaterThan(5);
      expect(found).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
