import { and, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { hashPassword } from "../../src/auth/password.js";
import { auditEvents, legalAreas, participants, procedureEscalations, reminders, users } from "../../src/db/schema/index.js";
import { graphql } from "../generated/gql.js";
import { codes } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { START, useSuite, type Suite } from "../helpers/suite.js";
import { TEST_PASSWORD, TEST_TOTP_SECRET, type TestUser, type World } from "../helpers/world.js";
import { POST_MESSAGE } from "../operations.js";
import {
  addMonths,
  denials,
  findEverywhere,
  personalCase,
  procedureRow,
  READ_PROCEDURE,
  runRetention,
  SECOND,
  tokenNow,
  type Case,
} from "./retention-fixtures.js";

const ESCALATED = graphql(`
  query InactivityTestEscalated($includeResolved: Boolean, $first: Int, $after: String) {
    escalatedProcedures(includeResolved: $includeResolved, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          memberState
          inactiveSince
          raisedAt
          resolvedAt
          resolution
          procedure {
            id
            reference
            status
          }
          reminders {
            kind
            resolvedAt
          }
        }
      }
    }
  }
`);

const ESCALATED_PERSONAL = graphql(`
  query InactivityTestEscalatedPersonal {
    escalatedProcedures(first: 100) {
      edges {
        node {
          procedure {
            id
            dataSubjects {
              fullName
            }
            messages {
              body
            }
          }
        }
      }
    }
  }
`);

const JUSTIFY = graphql(`
  mutation InactivityTestJustify($procedureId: ID!, $justification: String!) {
    justifyInactivity(procedureId: $procedureId, justification: $justification) {
      id
      justification
      recordedAt
      authority {
        id
      }
      procedure {
        id
      }
    }
  }
`);

const CLOSURE = graphql(`
  query InactivityTestClosure($id: ID!) {
    procedure(id: $id) {
      id
      status
      closedAt
      closedBySystem
      closureReason
      blockedAt
      personalDataDeletedAt
      participants {
        part
        authority {
          id
        }
      }
      legalArea {
        code
        inactivityPeriodMonths
      }
    }
  }
`);

const AREAS = graphql(`
  query InactivityTestAreas {
    legalAreas {
      code
      inactivityPeriodMonths
    }
  }
`);

const PREVIEW = graphql(`
  query InactivityTestPreview($asOf: DateTime) {
    retentionPreview(asOf: $asOf) {
      proceduresToEscalate
      proceduresToCloseForInactivity
    }
  }
`);

const RUN_COUNTS = graphql(`
  mutation InactivityTestRun($dryRun: Boolean) {
    runRetention(dryRun: $dryRun) {
      dryRun
      proceduresEscalated
      escalationsResolved
      proceduresClosedForInactivity
      remindersRaised
      error
    }
  }
`);

const at = (date: Date, deltaMs = 0) => new Date(date.getTime() + deltaMs);

/** A coordinator of the member state of one of the world's authorities (the world has only DK's). */
async function coordinatorOf(suite: Suite, world: World, key: "de" | "fr"): Promise<TestUser> {
  const email = `coordinator-${key}.${world.tag}@imi.test`;
  const [row] = await suite.db.db
    .insert(users)
    .values({
      authorityId: world.authority[key],
      name: `coordinator-${key} ${world.tag}`,
      email,
      roles: ["COORDINATOR"],
      passwordHash: await hashPassword(TEST_PASSWORD),
      totpSecret: TEST_TOTP_SECRET,
      createdAt: suite.api.clock.now(),
    })
    .returning();
  return { id: row!.id, email, authorityId: world.authority[key], roles: ["COORDINATOR"] };
}

/** The escalations of one procedure in a coordinator's list (the test database is shared by the file's tests). */
async function escalationsOf(suite: Suite, user: TestUser, procedureId: string, includeResolved = false) {
  const result = await suite.api.execute(ESCALATED, { includeResolved, first: 100 }, await tokenNow(suite, user));
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.escalatedProcedures.edges.map((e) => e.node).filter((n) => n.procedure.id === procedureId);
}

async function escalationRows(suite: Suite, procedureId: string) {
  return suite.db.db.select().from(procedureEscalations).where(eq(procedureEscalations.procedureId, procedureId));
}

async function justify(suite: Suite, user: TestUser, procedureId: string, justification: string) {
  return suite.api.execute(JUSTIFY, { procedureId, justification }, await tokenNow(suite, user));
}

async function post(suite: Suite, user: TestUser, procedureId: string, body: string) {
  const result = await suite.api.execute(POST_MESSAGE, { procedureId, body }, await tokenNow(suite, user));
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
}

async function closure(suite: Suite, user: TestUser, id: string) {
  return suite.api.execute(CLOSURE, { id }, await tokenNow(suite, user));
}

async function readAs(suite: Suite, user: TestUser, id: string) {
  return suite.api.execute(READ_PROCEDURE, { id }, await tokenNow(suite, user));
}

/** An open procedure from DK to DE, accepted, with a message: its last activity is the clock's now. */
function openCase(suite: Suite, world: World): Promise<Case> {
  return personalCase(suite, world, { close: false });
}

describe.each(DRIVERS)("inactive procedures on %s", (driver) => {
  const suite = useSuite(driver);

  it("R-RETAIN-5 brings a procedure inactive for more than 2 months to the coordinators of the initiator's and the responder's member states, not one second before; a third state's coordinator does not see it", async () => {
    const world = await suite.world();
    const c = await openCase(suite, world);
    const coordinatorDe = await coordinatorOf(suite, world, "de");
    const coordinatorFr = await coordinatorOf(suite, world, "fr");
    const boundary = addMonths(START, 2);

    suite.api.clock.set(at(boundary, -SECOND));
    await runRetention(suite, world);
    expect(await escalationRows(suite, c.id)).toEqual([]);
    expect(await escalationsOf(suite, world.user.coordinatorDk, c.id)).toEqual([]);

    suite.api.clock.set(at(boundary, SECOND));
    const run = await runRetention(suite, world);
    expect(run.error).toBeNull();
    const rows = await escalationRows(suite, c.id);
    expect(rows.map((r) => r.memberState).sort()).toEqual(["DE", "DK"]);
    expect(rows.every((r) => r.inactiveSince.getTime() === START.getTime() && r.resolvedAt === null)).toBe(true);

    for (const [user, state] of [
      [world.user.coordinatorDk, "DK"],
      [coordinatorDe, "DE"],
    ] as const) {
      const [node, ...more] = await escalationsOf(suite, user, c.id);
      expect(more, state).toEqual([]);
      expect(node, state).toMatchObject({ memberState: state, resolvedAt: null, resolution: null, procedure: { id: c.id, status: "ACCEPTED" } });
      expect(node!.inactiveSince).toBe(START.toISOString());
      expect(node!.raisedAt).toBe(at(boundary, SECOND).toISOString());
      // With its reminders: the job raised one after 30 days without activity (R-RETAIN-5).
      expect(node!.reminders, state).toEqual([{ kind: "LEFT_OPEN", resolvedAt: null }]);
    }
    expect(await escalationsOf(suite, coordinatorFr, c.id)).toEqual([]);
    const fr = await readAs(suite, coordinatorFr, c.id);
    expect(fr.data?.procedure ?? null).toBeNull();
    expect(codes(fr)).toContain("NOT_FOUND");

    // Metadata only: the coordinators' list never opens the personal data.
    const personal = await suite.api.execute(ESCALATED_PERSONAL, {}, await tokenNow(suite, world.user.coordinatorDk));
    const mine = personal.data!.escalatedProcedures.edges.find((e) => e.node.procedure.id === c.id)!;
    expect(mine.node.procedure.dataSubjects).toBeNull();
    expect(mine.node.procedure.messages).toBeNull();
    expect(denials(personal).filter(([field]) => field === "dataSubjects" || field === "messages").every(([, code]) => code === "FORBIDDEN")).toBe(true);
    expect(JSON.stringify(personal.data)).not.toContain(c.name);

    // Not for other roles.
    for (const user of [world.user.handlerDk, world.user.adminDk, world.user.helpdesk]) {
      const denied = await suite.api.execute(ESCALATED, {}, await tokenNow(suite, user));
      expect(codes(denied), user.email).toEqual(["FORBIDDEN"]);
    }

    // Idempotent: a rerun raises nothing new.
    await runRetention(suite, world);
    expect(await escalationRows(suite, c.id)).toHaveLength(2);
  });

  it("R-RETAIN-5 a participating case handler's justification stops the escalation until the next activity; new activity resolves it", async () => {
    const world = await suite.world();
    const c = await openCase(suite, world);
    const twoMonths = at(addMonths(START, 2), SECOND);

    suite.api.clock.set(twoMonths);
    await runRetention(suite, world);
    expect(await escalationsOf(suite, world.user.coordinatorDk, c.id)).toHaveLength(1);

    // Refused: empty text, an authority not taking part, a coordinator.
    expect(codes(await justify(suite, world.user.handlerDe, c.id, "   "))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await justify(suite, world.user.handlerFr, c.id, "We wait."))).toEqual(["NOT_FOUND"]);
    expect(codes(await justify(suite, world.user.coordinatorDk, c.id, "We wait."))).toEqual(["FORBIDDEN"]);
    expect(await escalationsOf(suite, world.user.coordinatorDk, c.id)).toHaveLength(1);

    suite.api.clock.set(at(twoMonths, 3 * 24 * 3600 * SECOND));
    const justified = await justify(suite, world.user.handlerDe, c.id, `Waiting for the court's ruling on ${c.name}.`);
    expect(justified.errors, JSON.stringify(justified.errors)).toBeUndefined();
    expect(justified.data!.justifyInactivity).toMatchObject({ authority: { id: world.authority.de }, procedure: { id: c.id } });
    expect(justified.data!.justifyInactivity.justification).toContain("court's ruling");
    // Resolved at once, for both states.
    expect(await escalationsOf(suite, world.user.coordinatorDk, c.id)).toEqual([]);
    const resolved = await escalationsOf(suite, world.user.coordinatorDk, c.id, true);
    expect(resolved.map((n) => n.resolution)).toEqual(["JUSTIFIED"]);
    expect((await escalationRows(suite, c.id)).every((r) => r.resolution === "JUSTIFIED")).toBe(true);
    expect(
      await suite.db.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.procedureId, c.id), eq(auditEvents.action, "CREATE")))
        .then((events) => events.filter((e) => e.fields.includes("InactivityJustification.justification")).length),
    ).toBe(1);

    // The justification covers this inactivity: months later, still not escalated.
    suite.api.clock.set(addMonths(START, 5));
    await runRetention(suite, world);
    expect(await escalationsOf(suite, world.user.coordinatorDk, c.id)).toEqual([]);

    // New activity, then 2 more months without any: escalated again (the justification was before it).
    const activity = addMonths(START, 5);
    await post(suite, world.user.handlerDk, c.id, "Any news?");
    suite.api.clock.set(at(addMonths(activity, 2), -SECOND));
    await runRetention(suite, world);
    expect(await escalationsOf(suite, world.user.coordinatorDk, c.id)).toEqual([]);
    suite.api.clock.set(at(addMonths(activity, 2), SECOND));
    await runRetention(suite, world);
    const again = await escalationsOf(suite, world.user.coordinatorDk, c.id);
    expect(again).toHaveLength(1);
    expect(again[0]!.inactiveSince).toBe(activity.toISOString());

    // New activity resolves it.
    await post(suite, world.user.handlerDe, c.id, "The ruling is expected next week.");
    const run = await runRetention(suite, world);
    expect(run.error).toBeNull();
    expect(await escalationsOf(suite, world.user.coordinatorDk, c.id)).toEqual([]);
    const rows = await escalationRows(suite, c.id);
    expect(rows.filter((r) => r.resolution === "ACTIVITY").map((r) => r.memberState).sort()).toEqual(["DE", "DK"]);

    // A closed procedure has no inactivity to justify.
    suite.api.clock.set(addMonths(START, 20));
    await runRetention(suite, world);
    expect(codes(await justify(suite, world.user.handlerDk, c.id, "Too late."))).toEqual(["CONFLICT"]);
  });

  it("R-RETAIN-7 closes a procedure nobody closes 12 months after its last activity, not one second before, recording that the system did so; R-RETAIN-1 blocks it 6 months and R-RETAIN-3 deletes it 36 months after that closure", async () => {
    const world = await suite.world();
    const c = await openCase(suite, world);
    const justified = await justify(suite, world.user.handlerDk, c.id, `Kept open for ${c.name} (${c.nationalIdentifier}).`);
    expect(justified.errors).toBeUndefined();
    const closedAt = addMonths(START, 12);

    suite.api.clock.set(at(closedAt, -SECOND));
    await runRetention(suite, world);
    const before = (await closure(suite, world.user.handlerDk, c.id)).data!.procedure!;
    expect(before).toMatchObject({ status: "ACCEPTED", closedAt: null, closedBySystem: false, closureReason: null });
    expect((await escalationRows(suite, c.id)).length).toBe(0); // justified before the 2 months ran out

    suite.api.clock.set(at(closedAt, SECOND));
    const run = await runRetention(suite, world);
    expect(run.error).toBeNull();
    const closed = (await closure(suite, world.user.handlerDk, c.id)).data!.procedure!;
    // closedAt is the moment the period ended, not the run's time.
    expect(closed).toMatchObject({ status: "CLOSED", closedAt: closedAt.toISOString(), closedBySystem: true, blockedAt: null });
    expect(closed.closureReason).toMatch(/^R-RETAIN-7: closed by the system after 12 months without activity \(last activity 2026-06-01T09:00:00Z\)$/);
    expect(closed.legalArea.inactivityPeriodMonths).toBe(12);
    expect(closed.participants).toHaveLength(2);
    const events = await suite.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "RETENTION_CLOSE"), like(auditEvents.ground, `%${c.id}%`)));
    expect(events).toHaveLength(1);
    expect(events[0]!.actorUserId).toBeNull();
    expect(events[0]!.ground).toContain("R-RETAIN-7");
    expect(await suite.db.db.select().from(reminders).where(eq(reminders.procedureId, c.id)).then((r) => r.every((x) => x.resolvedAt))).toBe(true);
    // The initiator can no longer write in it.
    const write = await suite.api.execute(POST_MESSAGE, { procedureId: c.id, body: "late" }, await tokenNow(suite, world.user.handlerDk));
    expect(codes(write)).toEqual(["CONFLICT"]);

    // R-RETAIN-1 from that closure.
    const blocking = addMonths(closedAt, 6);
    suite.api.clock.set(at(blocking, -SECOND));
    await runRetention(suite, world);
    expect((await procedureRow(suite.db.db, c.id)).blockedAt).toBeNull();
    expect((await readAs(suite, world.user.handlerDe, c.id)).data?.procedure?.personalDataAccess).toEqual({ granted: true, reason: null });
    suite.api.clock.set(at(blocking, SECOND));
    await runRetention(suite, world);
    expect((await procedureRow(suite.db.db, c.id)).blockedAt).toEqual(at(blocking, SECOND));
    expect((await readAs(suite, world.user.handlerDe, c.id)).data?.procedure?.personalDataAccess).toEqual({ granted: false, reason: "BLOCKED" });

    // R-RETAIN-3 from that closure: everything goes, the justification's text too.
    const deletion = addMonths(closedAt, 36);
    suite.api.clock.set(at(deletion, -SECOND));
    await runRetention(suite, world);
    expect((await procedureRow(suite.db.db, c.id)).personalDataDeletedAt).toBeNull();
    suite.api.clock.set(at(deletion, SECOND));
    await runRetention(suite, world);
    expect((await procedureRow(suite.db.db, c.id)).personalDataDeletedAt).toEqual(at(deletion, SECOND));
    expect((await readAs(suite, world.user.handlerDk, c.id)).data?.procedure?.personalDataAccess).toEqual({ granted: false, reason: "DELETED" });
    expect(await findEverywhere(suite.db.db, c.nationalIdentifier)).toEqual([]);
    expect(await findEverywhere(suite.db.db, c.name)).toEqual([]);
  });

  it("R-RETAIN-7 a procedure left open for 4 years is no longer readable after one run: closed at the end of its period, blocked and deleted", async () => {
    const world = await suite.world();
    const c = await openCase(suite, world);
    suite.api.clock.set(addMonths(START, 48));
    const run = await runRetention(suite, world);
    expect(run.proceduresDeleted).toBeGreaterThanOrEqual(1);
    const row = await procedureRow(suite.db.db, c.id);
    expect(row).toMatchObject({ status: "CLOSED", closedBySystem: true, closedAt: addMonths(START, 12) });
    expect(row.personalDataDeletedAt).not.toBeNull();
    for (const user of [world.user.handlerDk, world.user.handlerDe]) {
      const result = await readAs(suite, user, c.id);
      expect(result.data?.procedure?.personalDataAccess, user.email).toEqual({ granted: false, reason: "DELETED" });
      expect(result.data?.procedure?.dataSubjects, user.email).toBeNull();
      expect(JSON.stringify(result.data)).not.toContain(c.nationalIdentifier);
    }
  });

  it("R-RETAIN-7 closes a never-sent draft too, without showing it to the recipients it was never sent to", async () => {
    const world = await suite.world();
    const c = await personalCase(suite, world, { draft: true });
    suite.api.clock.set(at(addMonths(START, 2), SECOND));
    await runRetention(suite, world);
    // A draft is nobody's exchange: not brought to coordinators.
    expect(await escalationRows(suite, c.id)).toEqual([]);

    suite.api.clock.set(at(addMonths(START, 12), SECOND));
    await runRetention(suite, world);
    const closed = (await closure(suite, world.user.handlerDk, c.id)).data!.procedure!;
    expect(closed).toMatchObject({ status: "CLOSED", closedBySystem: true, closedAt: addMonths(START, 12).toISOString() });
    expect(closed.participants.map((p) => p.part)).toEqual(["INITIATOR"]);
    expect(await suite.db.db.select().from(participants).where(eq(participants.procedureId, c.id))).toHaveLength(1);
    const de = await closure(suite, world.user.handlerDe, c.id);
    expect(de.data?.procedure ?? null).toBeNull();
    expect(codes(de)).toContain("NOT_FOUND");
    // Its personal data then follows R-RETAIN-1 like any closed procedure's.
    suite.api.clock.set(at(addMonths(START, 18), SECOND));
    await runRetention(suite, world);
    expect((await procedureRow(suite.db.db, c.id)).blockedAt).not.toBeNull();
  });

  it("R-RETAIN-7 the inactivity period is the legal area's (data): 12 months unless set, a shorter one closes sooner", async () => {
    const world = await suite.world();
    const areas = await suite.api.execute(AREAS, {}, await tokenNow(suite, world.user.handlerDk));
    expect(areas.data!.legalAreas.length).toBeGreaterThan(3);
    expect(areas.data!.legalAreas.every((a) => a.inactivityPeriodMonths === 12)).toBe(true);

    await suite.db.db.update(legalAreas).set({ inactivityPeriodMonths: 3 }).where(eq(legalAreas.code, "SOLVIT"));
    try {
      const solvit = await personalCase(suite, world, { kind: "SOLVIT_CASE", close: false });
      const other = await openCase(suite, world);
      suite.api.clock.set(at(addMonths(START, 3), SECOND));
      await runRetention(suite, world);
      expect(await procedureRow(suite.db.db, solvit.id)).toMatchObject({ status: "CLOSED", closedBySystem: true, closedAt: addMonths(START, 3) });
      expect((await procedureRow(suite.db.db, solvit.id)).closureReason).toContain("after 3 months");
      expect((await procedureRow(suite.db.db, other.id)).closedAt).toBeNull();
    } finally {
      await suite.db.db.update(legalAreas).set({ inactivityPeriodMonths: 12 }).where(eq(legalAreas.code, "SOLVIT"));
    }
  });

  it("R-RETAIN-5 R-RETAIN-7 retentionPreview and a dry run count the escalations and closures a run would make, and change nothing", async () => {
    const world = await suite.world();
    const c = await openCase(suite, world);
    const helpdesk = () => tokenNow(suite, world.user.helpdesk);

    for (const [time, field] of [
      [at(addMonths(START, 2), SECOND), "proceduresEscalated"],
      [at(addMonths(START, 12), SECOND), "proceduresClosedForInactivity"],
    ] as const) {
      suite.api.clock.set(time);
      const preview = await suite.api.execute(PREVIEW, { asOf: time.toISOString() }, await helpdesk());
      expect(preview.errors).toBeUndefined();
      const dry = await suite.api.execute(RUN_COUNTS, { dryRun: true }, await helpdesk());
      expect(dry.errors).toBeUndefined();
      const before = await procedureRow(suite.db.db, c.id);
      const escalationsBefore = await escalationRows(suite, c.id);
      expect(dry.data!.runRetention[field]).toBeGreaterThanOrEqual(1);
      expect(field === "proceduresEscalated" ? preview.data!.retentionPreview.proceduresToEscalate : preview.data!.retentionPreview.proceduresToCloseForInactivity).toBe(
        dry.data!.runRetention[field],
      );
      // Nothing changed by either.
      expect(await procedureRow(suite.db.db, c.id)).toEqual(before);
      expect(await escalationRows(suite, c.id)).toEqual(escalationsBefore);
      // The real run at the same instant does what the dry run counted.
      const real = await suite.api.execute(RUN_COUNTS, { dryRun: false }, await helpdesk());
      expect(real.errors).toBeUndefined();
      expect(real.data!.runRetention[field]).toBe(dry.data!.runRetention[field]);
      expect(real.data!.runRetention.escalationsResolved).toBe(dry.data!.runRetention.escalationsResolved);
    }
    expect((await procedureRow(suite.db.db, c.id)).closedBySystem).toBe(true);
  });
});
