import { createHmac } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { PersonalDataKeys } from "../../src/db/personal-crypto/key-store.js";
import { identifierIndex, INDEX_KEY_OWNER } from "../../src/db/personal-crypto/sealed-rows.js";
import { rowsOf } from "../../src/db/rows.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import { ADD_DATA_SUBJECT } from "../operations.js";
import { COMPLETE, DECIDE, exchange, FILE, REPORT, SUBJECT_IDENTIFIER } from "./rights-fixtures.js";

/**
 * R-RETAIN-3: the national-identifier index is a 12-bit bucket, not a whole HMAC, so what a vacuumed
 * file, the WAL or a backup keeps of a deleted data subject's index lets nobody find the identifier by
 * trying them all; R-ACCESS-1: the search still finds exactly the person asked.
 */
describe.each(DRIVERS)("the national-identifier index on %s", (driver) => {
  const suite = useSuite(driver);

  /** An identifier other than `identifier` whose bucket is the same (about 4,096 tries). */
  async function collidingWith(identifier: string): Promise<string> {
    const key = await new PersonalDataKeys(suite.db.db).forWriting(INDEX_KEY_OWNER);
    const prefix = (value: string) => createHmac("sha256", key).update(value, "utf8").digest("base64url").slice(0, 2);
    for (let i = 0; i < 200_000; i++) {
      const candidate = `${100000 + i}-0000`;
      if (candidate !== identifier && prefix(candidate) === prefix(identifier)) return candidate;
    }
    throw new Error("no colliding identifier found");
  }

  it("R-RETAIN-3 R-ACCESS-1 stores 12 bits of the identifier's HMAC; two people sharing a bucket are told apart, and an access report lists only the one asked", async () => {
    const world = await suite.world();
    const first = await exchange(suite, world);
    const other = await collidingWith(SUBJECT_IDENTIFIER);
    // The real function puts both in one bucket (the test's search above is only a shortcut to it).
    expect(await identifierIndex(suite.db.db, other)).toBe(await identifierIndex(suite.db.db, SUBJECT_IDENTIFIER));
    const added = await suite.api.execute(ADD_DATA_SUBJECT, { procedureId: first.id, input: { fullName: "Kirsten Kolding", nationalIdentifier: other } }, first.dk);
    expect(added.errors).toBeUndefined();

    const stored = rowsOf<{ index: string }>(
      await suite.db.db.execute(sql`select national_identifier_index as index from data_subjects where procedure_id = ${first.id}::uuid`),
    ).map((row) => row.index);
    expect(stored).toHaveLength(2);
    for (const index of stored) expect(index).toMatch(/^b1:[A-Za-z0-9_-]{2}$/);
    expect(stored[0]).toBe(stored[1]);

    const filed = await suite.api.execute(
      FILE,
      { input: { kind: "ACCESS", procedureId: first.id, requesterName: "Jens Jensen", requesterIdentifier: SUBJECT_IDENTIFIER } },
      first.de,
    );
    expect(filed.errors).toBeUndefined();
    const id = filed.data!.fileDataSubjectRequest.id;
    expect((await suite.api.execute(DECIDE, { id, approve: true }, first.de)).errors).toBeUndefined();
    expect((await suite.api.execute(COMPLETE, { id }, first.de)).errors).toBeUndefined();
    const report = await suite.api.execute(REPORT, { requestId: id }, first.de);
    expect(report.errors).toBeUndefined();
    expect(report.data!.accessReport.items.map((item) => [item.fullName, item.nationalIdentifier])).toEqual([["Jens Jensen", SUBJECT_IDENTIFIER]]);
    expect(JSON.stringify(report.data)).not.toContain("Kirsten Kolding");
  });
});
