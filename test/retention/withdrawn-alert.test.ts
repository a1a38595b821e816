import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "../../src/db/database.js";
import { dataSubjects, legalPersons, messages } from "../../src/db/schema/index.js";
import { countRows } from "../helpers/counts.js";
import { DRIVERS } from "../helpers/database.js";
import { START, useSuite, type Suite } from "../helpers/suite.js";
import type { World } from "../helpers/world.js";
import { addMonths, denials, personalCase, procedureRow, READ_PROCEDURE, runRetention, SECOND, tokenNow, type Case } from "./retention-fixtures.js";

/**
 * Issue 17 item 4: a withdrawn alert is closed from its withdrawal on. R-RETAIN-2 keeps closed Services
 * Directive alerts visible until deletion (footnote 14: "en advarsel, der er afsluttet"); a withdrawn one
 * was retracted by its sender, so it is blocked on the usual schedule (R-RETAIN-1) and deleted 36 months
 * after the withdrawal (R-RETAIN-3).
 */
const WITHDRAW = `mutation ($id: ID!, $reason: String!) { withdrawAlert(id: $id, reason: $reason) { id status withdrawnAt closedAt } }`;

const at = (date: Date, deltaMs = 0) => new Date(date.getTime() + deltaMs);

async function personalRowCounts(db: Database, c: Case) {
  return {
    dataSubjects: await countRows(db, dataSubjects, eq(dataSubjects.procedureId, c.id)),
    messages: await countRows(db, messages, eq(messages.procedureId, c.id)),
    legalPersons: await countRows(db, legalPersons, eq(legalPersons.procedureId, c.id)),
  };
}

async function readAsBoth(suite: Suite, world: World, c: Case) {
  return Promise.all(
    (["handlerDk", "handlerDe"] as const).map(async (user) => suite.api.execute(READ_PROCEDURE, { id: c.id }, await tokenNow(suite, world.user[user]))),
  );
}

describe.each(DRIVERS)("a withdrawn alert under retention on %s", (driver) => {
  const suite = useSuite(driver);

  it("R-RETAIN-2 R-RETAIN-1 blocks a withdrawn Services Directive alert 6 months after its withdrawal, while a closed one stays visible, and R-RETAIN-3 deletes it 36 months after", async () => {
    const world = await suite.world();
    // DK to DE, acknowledged by DE; one withdrawn, one closed (the control R-RETAIN-2 keeps visible).
    const withdrawn = await personalCase(suite, world, { kind: "ALERT", legalAreaCode: "SERVICES", close: false });
    const closed = await personalCase(suite, world, { kind: "ALERT", legalAreaCode: "SERVICES" });
    const result = await suite.api.executeText<{ withdrawAlert: { status: string; withdrawnAt: string; closedAt: string } }>(
      WITHDRAW,
      { id: withdrawn.id, reason: `Sent in error: ${withdrawn.name} was never barred.` },
      await tokenNow(suite, world.user.handlerDk),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.withdrawAlert).toMatchObject({ status: "CLOSED", withdrawnAt: START.toISOString(), closedAt: START.toISOString() });
    expect(await personalRowCounts(suite.db.db, withdrawn)).toEqual({ dataSubjects: 1, messages: 2, legalPersons: 1 });

    suite.api.clock.set(at(addMonths(START, 6), -SECOND));
    await runRetention(suite, world);
    expect((await procedureRow(suite.db.db, withdrawn.id)).blockedAt).toBeNull();
    for (const read of await readAsBoth(suite, world, withdrawn)) expect(read.data?.procedure?.personalDataAccess).toEqual({ granted: true, reason: null });

    const blocking = at(addMonths(START, 6), SECOND);
    suite.api.clock.set(blocking);
    await runRetention(suite, world);
    expect((await procedureRow(suite.db.db, withdrawn.id)).blockedAt).toEqual(blocking);
    expect((await procedureRow(suite.db.db, closed.id)).blockedAt).toBeNull();
    for (const read of await readAsBoth(suite, world, withdrawn)) {
      expect(read.data?.procedure?.personalDataAccess).toEqual({ granted: false, reason: "BLOCKED" });
      expect(denials(read)).toEqual([
        ["dataSubjects", "FORBIDDEN", "BLOCKED"],
        ["messages", "FORBIDDEN", "BLOCKED"],
        ["legalPersons", "FORBIDDEN", "BLOCKED"],
      ]);
    }
    for (const read of await readAsBoth(suite, world, closed)) expect(read.data?.procedure?.personalDataAccess).toEqual({ granted: true, reason: null });

    const deletion = addMonths(START, 36);
    suite.api.clock.set(at(deletion, -SECOND));
    await runRetention(suite, world);
    expect((await procedureRow(suite.db.db, withdrawn.id)).personalDataDeletedAt).toBeNull();

    suite.api.clock.set(at(deletion, SECOND));
    await runRetention(suite, world);
    for (const c of [withdrawn, closed]) {
      expect((await procedureRow(suite.db.db, c.id)).personalDataDeletedAt).toEqual(at(deletion, SECOND));
      expect(await personalRowCounts(suite.db.db, c)).toEqual({ dataSubjects: 0, messages: 0, legalPersons: 0 });
    }
    for (const read of await readAsBoth(suite, world, withdrawn)) expect(read.data?.procedure?.personalDataAccess).toEqual({ granted: false, reason: "DELETED" });
  });
});
