import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "../../src/db/database.js";
import {
  auditEvents,
  blockedDataRetrievals,
  confidentialityFlags,
  contestations,
  dataSubjectRequests,
  dataSubjects,
  legalPersons,
  messages,
  procedures,
  reminders,
  retentionRuns,
  sensitiveRecords,
  users,
} from "../../src/db/schema/index.js";
import { createLogger } from "../../src/logger.js";
import { PersonalDataKeys } from "../../src/db/personal-crypto/key-store.js";
import { ProcedureRepository } from "../../src/modules/procedures/procedure.repository.js";
import { RightsRepository } from "../../src/modules/rights/rights.repository.js";
import { scheduleRetention } from "../../src/jobs/retention.job.js";
import { AuditService } from "../../src/modules/audit/audit.service.js";
import { DEFAULT_RETENTION_SETTINGS, RetentionService, RetentionTickTakenError } from "../../src/modules/retention/retention.service.js";
import { graphql } from "../generated/gql.js";
import type { RetentionTestRunsQuery } from "../generated/graphql.js";
import { codes, TestApi, type Result } from "../helpers/api.js";
import { countRows } from "../helpers/counts.js";
import { DRIVERS } from "../helpers/database.js";
import { insertRequest, insertRequests, requestsAbout } from "../helpers/requests.js";
import { START, useSuite, type Suite } from "../helpers/suite.js";
import type { World } from "../helpers/world.js";
import { CLOSE, POST_MESSAGE } from "../operations.js";
import {
  addMonths,
  DAY,
  denials,
  findEverywhere,
  personalCase,
  procedureRow,
  READ_PROCEDURE,
  RUN_RETENTION,
  runRetention,
  SECOND,
  tokenNow,
  type Case,
} from "./retention-fixtures.js";

const RUNS = graphql(`
  query RetentionTestRuns($first: Int, $after: String) {
    retentionRuns(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          asOf
          dryRun
          proceduresBlocked
          scheduled
        }
      }
    }
  }
`);

const PREVIEW = graphql(`
  query RetentionTestPreview($asOf: DateTime) {
    retentionPreview(asOf: $asOf) {
      asOf
      proceduresToBlock
      proceduresToDelete
      usersToBlock
      usersToDelete
      earlyDeletions
      earlyDeletionsRefused
      remindersToRaise
      byLegalAreaAndAuthority {
        legalArea {
          code
        }
        authority {
          id
        }
        proceduresToBlock
        proceduresToDelete
      }
    }
  }
`);

const REMINDERS = graphql(`
  query RetentionTestReminders($includeResolved: Boolean, $first: Int, $after: String) {
    reminders(includeResolved: $includeResolved, first: $first, after: $after) {
      totalCount
      edges {
        node {
          id
          kind
          raisedAt
          resolvedAt
          authority {
            id
          }
          procedure {
            id
            status
          }
        }
      }
    }
  }
`);

const DEACTIVATE = graphql(`
  mutation RetentionTestDeactivate($id: ID!) {
    deactivateUser(id: $id) {
      id
      active
    }
  }
`);

const USERS = graphql(`
  query RetentionTestUsers($filter: UserFilter) {
    users(filter: $filter, first: 100) {
      edges {
        node {
          id
          name
          email
          active
        }
      }
    }
  }
`);

const at = (date: Date, deltaMs = 0) => new Date(date.getTime() + deltaMs);

/** A fingerprint of every table the job may change (runs and the lease excluded): equal means nothing changed. */
async function fingerprint(db: Database): Promise<Record<string, string>> {
  const tables = [
    "procedures",
    "procedure_justifications",
    "procedure_consent_references",
    "data_subjects",
    "sensitive_records",
    "messages",
    "legal_persons",
    "confidentiality_flags",
    "contestations",
    "users",
    "reminders",
    "data_subject_requests",
    "audit_events",
  ];
  const out: Record<string, string> = {};
  for (const table of tables) {
    const result = await db.execute(sql`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from ${sql.identifier(table)} t`);
    const rows = (Array.isArray(result) ? result : (result as { rows: { h: string }[] }).rows) as { h: string }[];
    out[table] = rows[0]!.h;
  }
  return out;
}

async function personalRows(db: Database, c: Case) {
  const where = eq(dataSubjects.procedureId, c.id);
  return {
    dataSubjects: await countRows(db, dataSubjects, where),
    sensitiveRecords: await countRows(db, sensitiveRecords, eq(sensitiveRecords.dataSubjectId, c.dataSubjectId)),
    messages: await countRows(db, messages, eq(messages.procedureId, c.id)),
    legalPersons: await countRows(db, legalPersons, eq(legalPersons.procedureId, c.id)),
    confidentialityFlags: await countRows(db, confidentialityFlags, eq(confidentialityFlags.procedureId, c.id)),
    contestations: await countRows(db, contestations, eq(contestations.procedureId, c.id)),
  };
}

const ALL_PRESENT = { dataSubjects: 1, sensitiveRecords: 1, messages: 1, legalPersons: 1, confidentialityFlags: 1, contestations: 1 };
const ALL_GONE = { dataSubjects: 0, sensitiveRecords: 0, messages: 0, legalPersons: 0, confidentialityFlags: 0, contestations: 0 };

/** What the case handlers of both sides get when they read the procedure's personal data. */
async function readAs(suite: Suite, world: World, user: "handlerDk" | "handlerDe", id: string) {
  return suite.api.execute(READ_PROCEDURE, { id }, await tokenNow(suite, world.user[user]));
}

async function expectReadable(suite: Suite, world: World, c: Case) {
  for (const user of ["handlerDk", "handlerDe"] as const) {
    const result = await readAs(suite, world, user, c.id);
    expect(result.errors, user).toBeUndefined();
    expect(result.data?.procedure?.personalDataAccess, user).toEqual({ granted: true, reason: null });
    expect(result.data?.procedure?.dataSubjects?.[0]?.fullName, user).toBe(c.name);
  }
}

async function expectWithheld(suite: Suite, world: World, c: Case, reason: "BLOCKED" | "DELETED") {
  for (const user of ["handlerDk", "handlerDe"] as const) {
    const result = await readAs(suite, world, user, c.id);
    const procedure = result.data?.procedure;
    expect(procedure?.personalDataAccess, user).toEqual({ granted: false, reason });
    expect(procedure?.dataSubjects, user).toBeNull();
    expect(procedure?.messages, user).toBeNull();
    expect(procedure?.legalPersons, user).toBeNull();
    expect(denials(result), user).toEqual([
      ["dataSubjects", "FORBIDDEN", reason],
      ["messages", "FORBIDDEN", reason],
      ["legalPersons", "FORBIDDEN", reason],
    ]);
  }
}

describe.each(DRIVERS)("the retention job on %s", (driver) => {
  const suite = useSuite(driver);

  it("R-RETAIN-1 blocks personal data 6 months after formal closure: not one second before, from one second after", async () => {
    const world = await suite.world();
    const c = await personalCase(suite, world, { legalAreaCode: "PROFESSIONAL_QUALIFICATIONS" });
    const boundary = addMonths(START, 6);

    suite.api.clock.set(at(boundary, -SECOND));
    await runRetention(suite, world);
    expect((await procedureRow(suite.db.db, c.id)).blockedAt).toBeNull();
    await expectReadable(suite, world, c);

    suite.api.clock.set(at(boundary, SECOND));
    const run = await runRetention(suite, world);
    expect(run.proceduresBlocked).toBeGreaterThanOrEqual(1);
    const row = await procedureRow(suite.db.db, c.id);
    expect(row.blockedAt).toEqual(at(boundary, SECOND));
    expect(row.personalDataDeletedAt).toBeNull();
    // Blocked, not deleted: the data is kept, but no case handler reads it any more.
    expect(await personalRows(suite.db.db, c)).toEqual(ALL_PRESENT);
    await expectWithheld(suite, world, c, "BLOCKED");
  });

  it("R-RETAIN-1 blocks a SOLVIT case only 18 months after closure", async () => {
    const world = await suite.world();
    const c = await personalCase(suite, world, { kind: "SOLVIT_CASE" });
    const boundary = addMonths(START, 18);

    for (const time of [at(addMonths(START, 6), SECOND), at(addMonths(START, 12), 0), at(boundary, -SECOND)]) {
      suite.api.clock.set(time);
      await runRetention(suite, world);
      expect((await procedureRow(suite.db.db, c.id)).blockedAt, time.toISOString()).toBeNull();
    }
    await expectReadable(suite, world, c);

    suite.api.clock.set(at(boundary, SECOND));
    await runRetention(suite, world);
    expect((await procedureRow(suite.db.db, c.id)).blockedAt).toEqual(at(boundary, SECOND));
    await expectWithheld(suite, world, c, "BLOCKED");
  });

  it("R-RETAIN-2 never blocks a closed Services Directive alert: it stays visible to the participants until deletion", async () => {
    const world = await suite.world();
    const alert = await personalCase(suite, world, { kind: "ALERT", legalAreaCode: "SERVICES" });
    // Controls: a Services request, and an alert in an area without the exception, are blocked.
    const request = await personalCase(suite, world, { kind: "REQUEST", legalAreaCode: "SERVICES" });
    const otherAlert = await personalCase(suite, world, { kind: "ALERT", legalAreaCode: "PROFESSIONAL_QUALIFICATIONS" });

    suite.api.clock.set(at(addMonths(START, 6), SECOND));
    await runRetention(suite, world);
    expect((await procedureRow(suite.db.db, request.id)).blockedAt).not.toBeNull();
    expect((await procedureRow(suite.db.db, otherAlert.id)).blockedAt).not.toBeNull();
    expect((await procedureRow(suite.db.db, alert.id)).blockedAt).toBeNull();
    await expectReadable(suite, world, alert);

    const deletion = addMonths(START, 36);
    suite.api.clock.set(at(deletion, -SECOND));
    await runRetention(suite, world);
    expect((await procedureRow(suite.db.db, alert.id)).blockedAt).toBeNull();
    await expectReadable(suite, world, alert);

    suite.api.clock.set(at(deletion, SECOND));
    await runRetention(suite, world);
    const row = await procedureRow(suite.db.db, alert.id);
    expect(row.personalDataDeletedAt).toEqual(at(deletion, SECOND));
    expect(await personalRows(suite.db.db, alert)).toEqual(ALL_GONE);
    await expectWithheld(suite, world, alert, "DELETED");
  });

  it("R-RETAIN-3 clears the citizen's identity on finished requests about the procedure and the reasons of its blocked-data retrievals; an open request keeps them until answered", async () => {
    const world = await suite.world();
    const c = await personalCase(suite, world);
    const request = (status: "COMPLETED" | "REJECTED" | "RECEIVED", label: string) => ({
      kind: "ACCESS" as const,
      status,
      receivingAuthorityId: world.authority.dk,
      procedureId: c.id,
      dataSubjectId: c.dataSubjectId,
      requesterName: `${c.name} ${label}`,
      requesterIdentifier: c.nationalIdentifier,
      details: `${c.name} asks what is held (${label}).`,
      consentReference: `Consent of ${c.name}`,
      decisionNote: status === "RECEIVED" ? null : `Answered ${c.name}.`,
      receivedAt: START,
      dueAt: addMonths(START, 1),
    });
    const [completed, rejected, open] = await insertRequests(suite.db.db, [request("COMPLETED", "completed"), request("REJECTED", "rejected"), request("RECEIVED", "open")]);
    const [retrieval] = await suite.db.db
      .insert(blockedDataRetrievals)
      .values({
        procedureId: c.id,
        requestingAuthorityId: world.authority.dk,
        ground: "PROVE_EXCHANGE",
        consentReference: `Consent of ${c.name}`,
        reason: `To prove the exchange about ${c.name}.`,
        createdAt: START,
      })
      .returning();

    suite.api.clock.set(at(addMonths(START, 36), SECOND));
    expect((await runRetention(suite, world)).proceduresDeleted).toBeGreaterThanOrEqual(1);

    const requests = await requestsAbout(suite.db.db, c.id);
    const byId = new Map(requests.map((r) => [r.id, r]));
    for (const finished of [completed!, rejected!]) {
      expect(byId.get(finished.id)).toMatchObject({
        status: finished.status,
        requesterName: "(personal data deleted)",
        requesterIdentifier: null,
        details: null,
        consentReference: null,
        decisionNote: null,
      });
    }
    // Still to be answered ("no data is held", R-ACCESS-2): it keeps whom to answer.
    expect(byId.get(open!.id)).toMatchObject({ requesterName: `${c.name} open`, requesterIdentifier: c.nationalIdentifier });
    const [kept] = await suite.db.db.select().from(blockedDataRetrievals).where(eq(blockedDataRetrievals.id, retrieval!.id));
    expect(kept).toMatchObject({ ground: "PROVE_EXCHANGE", reason: "(personal data deleted)", consentReference: null, requestingAuthorityId: world.authority.dk });
    // The open request is the only place left that names the citizen.
    expect(await findEverywhere(suite.db.db, c.name)).toEqual(["public.data_subject_request_personal.details", "public.data_subject_request_personal.requester_name", "public.data_subject_requests.consent_reference"]);
  });

  it("R-RETAIN-3 deletes all personal data 3 years after closure; no table anywhere still holds the subject's name or identifier", async () => {
    const world = await suite.world();
    const c = await personalCase(suite, world);
    const boundary = addMonths(START, 36);
    // The search finds the subject in every free-text place the case put it: it would see a leftover.
    // The procedure-scoped tables hold it sealed (R-RETAIN-3 crypto-shredding): found once opened.
    const before = await findEverywhere(suite.db.db, c.name);
    expect(before).toEqual(expect.arrayContaining(["public.procedures.subject", "public.procedure_justifications.justification"]));
    const sealed = await sealedPlaintexts(suite.db.db, c);
    for (const text of [sealed.fullName, sealed.details, sealed.body, sealed.legalPerson, sealed.reason, sealed.statement]) expect(text).toContain(c.name);
    expect(sealed.nationalIdentifier).toBe(c.nationalIdentifier);

    suite.api.clock.set(at(boundary, -SECOND));
    await runRetention(suite, world);
    const blocked = await procedureRow(suite.db.db, c.id);
    expect(blocked.blockedAt).not.toBeNull();
    expect(blocked.personalDataDeletedAt).toBeNull();
    expect(await personalRows(suite.db.db, c)).toEqual(ALL_PRESENT);

    suite.api.clock.set(at(boundary, SECOND));
    const run = await runRetention(suite, world);
    expect(run.proceduresDeleted).toBeGreaterThanOrEqual(1);
    const row = await procedureRow(suite.db.db, c.id);
    expect(row.personalDataDeletedAt).toEqual(at(boundary, SECOND));
    expect(row).toMatchObject({ justification: null, consentReference: null, subject: "(personal data deleted)" });
    expect(await personalRows(suite.db.db, c)).toEqual(ALL_GONE);
    expect(await findEverywhere(suite.db.db, c.name)).toEqual([]);
    expect(await findEverywhere(suite.db.db, c.nationalIdentifier)).toEqual([]);
    // The keys they were sealed under went with them (R-RETAIN-3 crypto-shredding).
    expect(await new PersonalDataKeys(suite.db.db).load([c.id, c.dataSubjectId])).toEqual(new Map());

    // The shell stays for statistics: kind, area, authorities, dates.
    const shell = await readAs(suite, world, "handlerDk", c.id);
    expect(shell.data?.procedure).toMatchObject({
      kind: "REQUEST",
      status: "CLOSED",
      legalArea: { code: "PROFESSIONAL_QUALIFICATIONS" },
      initiator: { id: world.authority.dk },
      closedAt: START.toISOString(),
      personalDataDeletedAt: at(boundary, SECOND).toISOString(),
    });
    expect(shell.data?.procedure?.participants.map((p) => p.authority.id)).toEqual([world.authority.dk, world.authority.de]);
    await expectWithheld(suite, world, c, "DELETED");
  });

  it("R-USER-1 blocks a deactivated user's contact data at once and deletes it 3 years after deactivation", async () => {
    const world = await suite.world();
    const helpdesk = await tokenNow(suite, world.user.helpdesk);
    // Deactivated through the API (blocked by the mutation) and behind its back (blocked by the job).
    const viaApi = world.user.handlerDk2;
    const viaSql = world.user.handlerDe2;
    expect((await suite.api.execute(DEACTIVATE, { id: viaApi.id }, helpdesk)).errors).toBeUndefined();
    await suite.db.db.update(users).set({ active: false, deactivatedAt: START }).where(eq(users.id, viaSql.id));

    const run = await runRetention(suite, world);
    expect(run.usersBlocked).toBeGreaterThanOrEqual(1);
    for (const user of [viaApi, viaSql]) {
      const [row] = await suite.db.db.select().from(users).where(eq(users.id, user.id));
      expect(row).toMatchObject({ contactBlockedAt: START, contactDeletedAt: null, email: user.email });
    }
    const listed = async () => {
      const result = await suite.api.execute(USERS, { filter: { active: false } }, await tokenNow(suite, world.user.helpdesk));
      expect(result.errors).toBeUndefined();
      return result.data!.users.edges.map((e) => e.node).filter((u) => u.id === viaApi.id || u.id === viaSql.id);
    };
    expect((await listed()).map((u) => [u.name, u.email])).toEqual([
      ["(blocked)", "(blocked)"],
      ["(blocked)", "(blocked)"],
    ]);

    const boundary = addMonths(START, 36);
    suite.api.clock.set(at(boundary, -SECOND));
    await runRetention(suite, world);
    const [kept] = await suite.db.db.select().from(users).where(eq(users.id, viaApi.id));
    expect(kept).toMatchObject({ contactDeletedAt: null, email: viaApi.email });

    suite.api.clock.set(at(boundary, SECOND));
    const deleting = await runRetention(suite, world);
    expect(deleting.usersDeleted).toBeGreaterThanOrEqual(2);
    for (const user of [viaApi, viaSql]) {
      const [row] = await suite.db.db.select().from(users).where(eq(users.id, user.id));
      expect(row).toMatchObject({ name: null, email: null, passwordHash: null, totpSecret: null, contactDeletedAt: at(boundary, SECOND) });
      expect(await findEverywhere(suite.db.db, user.email)).toEqual([]);
    }
    expect((await listed()).map((u) => [u.name, u.email])).toEqual([
      ["(deleted)", "(deleted)"],
      ["(deleted)", "(deleted)"],
    ]);
    // Active users keep theirs.
    const [active] = await suite.db.db.select().from(users).where(eq(users.id, world.user.handlerDk.id));
    expect(active).toMatchObject({ email: world.user.handlerDk.email, contactBlockedAt: null });
  });

  async function earlyDeletionRequest(
    world: World,
    c: Case,
    values: { consentReference: string | null; legalBasis: string | null; allSubjectsConsented?: boolean },
  ) {
    const now = suite.api.clock.now();
    const [row] = [await insertRequest(suite.db.db, {
        kind: "EARLY_DELETION",
        status: "APPROVED",
        route: "COMMISSION",
        receivingAuthorityId: world.authority.dk,
        procedureId: c.id,
        dataSubjectId: c.dataSubjectId,
        requesterName: c.name,
        requesterIdentifier: c.nationalIdentifier,
        ...values,
        receivedAt: now,
        dueAt: at(now, 30 * DAY),
        decidedAt: now,
      })];
    return row!;
  }

  it("R-RETAIN-6 carries out an approved early deletion with the data subject's consent and a legal basis, and completes the request", async () => {
    const world = await suite.world();
    const c = await personalCase(suite, world);
    suite.api.clock.set(addMonths(START, 1));
    // Every data subject consented: the whole procedure's personal data goes (test/retention/early-deletion.test.ts: one subject's).
    const request = await earlyDeletionRequest(world, c, {
      consentReference: "CONSENT-2026-42",
      legalBasis: "Danish Data Protection Act §5",
      allSubjectsConsented: true,
    });

    const run = await runRetention(suite, world);
    expect(run.earlyDeletions).toBeGreaterThanOrEqual(1);
    const row = await procedureRow(suite.db.db, c.id);
    expect(row.personalDataDeletedAt).toEqual(addMonths(START, 1));
    expect(row.blockedAt).toEqual(addMonths(START, 1));
    expect(await personalRows(suite.db.db, c)).toEqual(ALL_GONE);
    const [done] = await suite.db.db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, request.id));
    expect(done).toMatchObject({ status: "COMPLETED", completedAt: addMonths(START, 1), dataSubjectId: null });
    await expectWithheld(suite, world, c, "DELETED");
    // R-REQUEST-1: the request is answered and its procedure's data deleted, so the same run clears
    // the request's own copy of the person's identity too: nothing names the person any more.
    expect(await findEverywhere(suite.db.db, c.name)).toEqual([]);
    expect(await findEverywhere(suite.db.db, c.nationalIdentifier)).toEqual([]);
    const [event] = await suite.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "RETENTION_EARLY_DELETE"), sql`${auditEvents.ground} like ${`%${c.id}%`}`));
    expect(event?.ground).toContain(request.id);
  });

  it("R-RETAIN-6 refuses an approved early deletion without the data subject's consent or without a legal basis, and says so in the run", async () => {
    const world = await suite.world();
    const noConsent = await personalCase(suite, world);
    const noBasis = await personalCase(suite, world);
    suite.api.clock.set(addMonths(START, 1));
    const r1 = await earlyDeletionRequest(world, noConsent, { consentReference: null, legalBasis: "Danish Data Protection Act §5" });
    const r2 = await earlyDeletionRequest(world, noBasis, { consentReference: "CONSENT-2026-43", legalBasis: "   " });

    const run = await runRetention(suite, world);
    expect(run.earlyDeletionsRefused).toBeGreaterThanOrEqual(2);
    for (const c of [noConsent, noBasis]) {
      expect((await procedureRow(suite.db.db, c.id)).personalDataDeletedAt).toBeNull();
      expect(await personalRows(suite.db.db, c)).toEqual(ALL_PRESENT);
    }
    const requests = await suite.db.db.select().from(dataSubjectRequests).where(inArray(dataSubjectRequests.id, [r1.id, r2.id]));
    expect(requests.map((r) => r.status)).toEqual(["APPROVED", "APPROVED"]);
    await expectReadable(suite, world, noConsent);
  });

  it("R-RETAIN-5 raises one reminder for a procedure left open 30 days without activity, for the initiator, and resolves it on activity or closure", async () => {
    const world = await suite.world();
    const open = await personalCase(suite, world, { close: false });
    const draft = await personalCase(suite, world, { draft: true });
    const openReminders = (id: string) => countRows(suite.db.db, reminders, and(eq(reminders.procedureId, id), isNull(reminders.resolvedAt)));
    const boundary = at(START, 30 * DAY);

    suite.api.clock.set(at(boundary, -SECOND));
    await runRetention(suite, world);
    expect(await openReminders(open.id)).toBe(0);

    suite.api.clock.set(at(boundary, SECOND));
    const run = await runRetention(suite, world);
    expect(run.remindersRaised).toBeGreaterThanOrEqual(1);
    expect(await openReminders(open.id)).toBe(1);
    // A draft cannot be closed formally (it was never sent): no reminder for it.
    expect(await openReminders(draft.id)).toBe(0);
    // Reruns do not pile reminders up.
    await runRetention(suite, world);
    expect(await openReminders(open.id)).toBe(1);

    const listFor = async (user: keyof World["user"], includeResolved = false) =>
      suite.api.execute(REMINDERS, { includeResolved, first: 100 }, await tokenNow(suite, world.user[user]));
    for (const user of ["handlerDk", "adminDk"] as const) {
      const result = await listFor(user);
      expect(result.errors, user).toBeUndefined();
      expect(result.data?.reminders.edges.map((e) => e.node), user).toEqual([
        {
          id: expect.any(String),
          kind: "LEFT_OPEN",
          raisedAt: at(boundary, SECOND).toISOString(),
          resolvedAt: null,
          authority: { id: world.authority.dk },
          procedure: { id: open.id, status: "ACCEPTED" },
        },
      ]);
    }
    // The responder's handlers are not reminded; other roles have no reminders at all.
    expect((await listFor("handlerDe")).data?.reminders.totalCount).toBe(0);
    for (const user of ["coordinatorDk", "helpdesk", "portalDk"] as const) {
      const result = await listFor(user);
      expect(codes(result), user).toEqual(["FORBIDDEN"]);
      expect(result.errors?.[0]?.extensions?.reason).toBe("ROLE");
    }

    // Activity resolves it; left alone again for 30 days, a new one is raised; closure resolves that.
    suite.api.clock.set(at(boundary, DAY));
    expect((await suite.api.execute(POST_MESSAGE, { procedureId: open.id, body: "Still working on it." }, await tokenNow(suite, world.user.handlerDe))).errors).toBeUndefined();
    const resolving = await runRetention(suite, world);
    expect(resolving.remindersResolved).toBeGreaterThanOrEqual(1);
    expect(await openReminders(open.id)).toBe(0);
    expect((await listFor("handlerDk")).data?.reminders.totalCount).toBe(0);
    const history = await listFor("handlerDk", true);
    expect(history.data?.reminders.edges.map((e) => e.node.resolvedAt)).toEqual([at(boundary, DAY).toISOString()]);

    suite.api.clock.set(at(boundary, DAY + 30 * DAY + SECOND));
    await runRetention(suite, world);
    expect(await openReminders(open.id)).toBe(1);
    expect((await suite.api.execute(CLOSE, { id: open.id }, await tokenNow(suite, world.user.handlerDk))).errors).toBeUndefined();
    await runRetention(suite, world);
    expect(await openReminders(open.id)).toBe(0);
    expect(await countRows(suite.db.db, reminders, eq(reminders.procedureId, open.id))).toBe(2);
  });

  it("a rerun as of the same time is idempotent: it changes nothing and counts nothing", async () => {
    const world = await suite.world();
    await personalCase(suite, world);
    await personalCase(suite, world, { kind: "SOLVIT_CASE" });
    suite.api.clock.set(at(addMonths(START, 36), DAY));
    const first = await runRetention(suite, world);
    expect(first.proceduresDeleted).toBeGreaterThanOrEqual(2);
    const state = await fingerprint(suite.db.db);
    const again = await runRetention(suite, world);
    expect(again).toMatchObject({
      proceduresBlocked: 0,
      proceduresDeleted: 0,
      usersBlocked: 0,
      usersDeleted: 0,
      earlyDeletions: 0,
      remindersRaised: 0,
      remindersResolved: 0,
    });
    expect(await fingerprint(suite.db.db)).toEqual(state);
  });

  it("a dry run counts exactly what the run would do and changes nothing", async () => {
    const world = await suite.world();
    await personalCase(suite, world);
    await personalCase(suite, world, { close: false });
    suite.api.clock.set(at(addMonths(START, 7), 0));
    // The Commission user logs in before the fingerprint: a login records its used code, and a trigger
    // on used_security_codes sets users.last_login_at (issue 18). That write is the test's own, not the
    // dry run's; every column of users stays in the fingerprint.
    const token = await tokenNow(suite, world.user.helpdesk);
    const state = await fingerprint(suite.db.db);
    const result = await suite.api.execute(RUN_RETENTION, { dryRun: true }, token);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const dry = result.data!.runRetention;
    expect(dry.error).toBeNull();
    expect(dry.dryRun).toBe(true);
    expect(dry.proceduresBlocked).toBeGreaterThanOrEqual(1);
    expect(dry.remindersRaised).toBeGreaterThanOrEqual(1);
    expect(await fingerprint(suite.db.db)).toEqual(state);

    const real = await runRetention(suite, world);
    const counts = (run: typeof real) => {
      const { id: _id, dryRun: _dry, startedAt: _s, finishedAt: _f, durationMs: _d, ...rest } = run;
      return rest;
    };
    expect(counts(real)).toEqual(counts(dry));
    expect(await fingerprint(suite.db.db)).not.toEqual(state);
  });

  it("runRetention is the Commission's alone; retention runs are read by the Commission and coordinators; the preview by the Commission", async () => {
    const world = await suite.world();
    const before = await countRows(suite.db.db, retentionRuns);
    for (const user of ["coordinatorDk", "adminDk", "handlerDk", "portalDk"] as const) {
      const token = await tokenNow(suite, world.user[user]);
      for (const dryRun of [false, true]) {
        const result = await suite.api.execute(RUN_RETENTION, { dryRun }, token);
        expect(result.data?.runRetention ?? null, user).toBeNull();
        expect(denials(result), user).toEqual([["runRetention", "FORBIDDEN", "ROLE"]]);
      }
      const preview = await suite.api.execute(PREVIEW, {}, token);
      expect(codes(preview), user).toEqual(["FORBIDDEN"]);
    }
    expect(codes(await suite.api.execute(RUN_RETENTION, {}))).toEqual(["UNAUTHENTICATED"]);
    expect(await countRows(suite.db.db, retentionRuns)).toBe(before);

    const run = await runRetention(suite, world);
    expect(run.scheduled).toBe(false);
    for (const user of ["helpdesk", "coordinatorDk"] as const) {
      const result = await suite.api.execute(RUNS, { first: 100 }, await tokenNow(suite, world.user[user]));
      expect(result.errors, user).toBeUndefined();
      expect(result.data?.retentionRuns.edges.map((e) => e.node.id), user).toContain(run.id);
    }
    for (const user of ["adminDk", "handlerDk", "portalDk"] as const) {
      expect(codes(await suite.api.execute(RUNS, {}, await tokenNow(suite, world.user[user]))), user).toEqual(["FORBIDDEN"]);
    }
  });

  it("lists retention runs newest first, page by page", async () => {
    const world = await suite.world();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      suite.api.clock.advance(SECOND);
      ids.unshift((await runRetention(suite, world, { dryRun: i === 1 })).id);
    }
    // Other tests' runs share the database: page through all of them, two at a time.
    const token = await tokenNow(suite, world.user.helpdesk);
    const seen: { id: string; dryRun: boolean }[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const result: Result<RetentionTestRunsQuery> = await suite.api.execute(RUNS, { first: 2, after }, token);
      expect(result.errors).toBeUndefined();
      const connection: RetentionTestRunsQuery["retentionRuns"] = result.data!.retentionRuns;
      seen.push(...connection.edges.map((e) => e.node));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor ?? null;
    }
    expect(seen.length).toBe(await countRows(suite.db.db, retentionRuns));
    expect(new Set(seen.map((r) => r.id)).size).toBe(seen.length);
    const mine = seen.filter((r) => ids.includes(r.id));
    expect(mine.map((r) => r.id)).toEqual(ids);
    expect(mine.map((r) => r.dryRun)).toEqual([false, true, false]);
  });

  it("refuses a future asOf unless the server runs with IMI_ALLOW_TIME_TRAVEL=1", async () => {
    const world = await suite.world();
    const before = await countRows(suite.db.db, retentionRuns);
    const tomorrow = at(START, DAY).toISOString();
    const refused = await suite.api.execute(RUN_RETENTION, { asOf: tomorrow }, await tokenNow(suite, world.user.helpdesk));
    expect(codes(refused)).toEqual(["BAD_USER_INPUT"]);
    expect(refused.errors?.[0]?.extensions?.field).toBe("asOf");
    expect(refused.errors?.[0]?.message).toContain("IMI_ALLOW_TIME_TRAVEL");
    expect(await countRows(suite.db.db, retentionRuns)).toBe(before);
    // The past is fine: a run as of yesterday does less, never more.
    const past = await runRetention(suite, world, { asOf: at(START, -DAY).toISOString(), dryRun: true });
    expect(past.asOf).toBe(at(START, -DAY).toISOString());

    const traveller = await TestApi.create(suite.db.db, suite.api.clock, { allowTimeTravel: true });
    try {
      const token = await traveller.login(world.user.helpdesk.email, "test-password-123", "JBSWY3DPEHPK3PXP");
      const allowed = await traveller.execute(RUN_RETENTION, { asOf: tomorrow, dryRun: true }, token);
      expect(allowed.errors).toBeUndefined();
      expect(allowed.data?.runRetention.asOf).toBe(tomorrow);
    } finally {
      await traveller.stop();
    }
  });

  it("retentionPreview tells what would be blocked and deleted by a date, per legal area and authority, and changes nothing", async () => {
    const world = await suite.world();
    await personalCase(suite, world, { legalAreaCode: "PROFESSIONAL_QUALIFICATIONS" });
    await personalCase(suite, world, { legalAreaCode: "PROFESSIONAL_QUALIFICATIONS" });
    await personalCase(suite, world, { kind: "SOLVIT_CASE" });
    const token = await tokenNow(suite, world.user.helpdesk);
    const state = await fingerprint(suite.db.db);
    const runsBefore = await countRows(suite.db.db, retentionRuns);
    const mine = async (asOf: Date) => {
      const result = await suite.api.execute(PREVIEW, { asOf: asOf.toISOString() }, token);
      expect(result.errors).toBeUndefined();
      return result.data!.retentionPreview.byLegalAreaAndAuthority
        .filter((g) => g.authority.id === world.authority.dk)
        .map((g) => [g.legalArea.code, g.proceduresToBlock, g.proceduresToDelete]);
    };
    // A date in the future needs no time travel: nothing is changed.
    expect(await mine(at(addMonths(START, 6), SECOND))).toEqual([["PROFESSIONAL_QUALIFICATIONS", 2, 0]]);
    expect(await mine(at(addMonths(START, 18), SECOND))).toEqual([
      ["PROFESSIONAL_QUALIFICATIONS", 2, 0],
      ["SOLVIT", 1, 0],
    ]);
    expect(await mine(at(addMonths(START, 36), SECOND))).toEqual([
      ["PROFESSIONAL_QUALIFICATIONS", 2, 2],
      ["SOLVIT", 1, 1],
    ]);
    expect(await fingerprint(suite.db.db)).toEqual(state);
    expect(await countRows(suite.db.db, retentionRuns)).toBe(runsBefore);
  });

  it("writes one audit event per batch, naming the procedures it blocked or deleted, and keeps the audit chain valid", async () => {
    const world = await suite.world();
    const mine: Case[] = [];
    for (let i = 0; i < 5; i++) mine.push(await personalCase(suite, world));
    suite.api.clock.set(at(addMonths(START, 36), 3 * DAY));
    const service = new RetentionService(suite.db.db, suite.api.clock, { ...DEFAULT_RETENTION_SETTINGS, batchSize: 2 });
    const batches: number[] = [];
    const run = await service.run({
      onBatch: (b) => {
        if (b.step === "delete") batches.push(b.done);
      },
    });
    const events = await suite.db.db.select().from(auditEvents).where(eq(auditEvents.requestId, `retention-run:${run.id}`));
    const deletes = events.filter((e) => e.action === "RETENTION_DELETE");
    expect(deletes).toHaveLength(batches.filter((n) => n > 0).length);
    expect(deletes.length).toBe(Math.ceil(run.proceduresDeleted / 2));
    const named = deletes.flatMap((e) => e.ground.split(": ")[1]!.split(","));
    expect(new Set(named).size).toBe(run.proceduresDeleted);
    expect(named).toEqual(expect.arrayContaining(mine.map((c) => c.id)));
    const deleted = await suite.db.db.select().from(procedures).where(inArray(procedures.id, named));
    for (const p of deleted) expect(p.personalDataDeletedAt).toEqual(suite.api.clock.now());
    for (const event of events) expect(event).toMatchObject({ actorUserId: null, actorAuthorityId: null, fields: [], procedureId: null });
    const report = await new AuditService(suite.db.db).verifyChain({
      userId: world.user.helpdesk.id,
      authorityId: world.authority.helpdesk,
      memberState: "EU",
      roles: ["COMMISSION"],
    });
    expect(report).toMatchObject({ valid: true, problem: null });
  });

  it("runs one run at a time: while a run holds the lease, another is not started (CONFLICT)", async () => {
    const world = await suite.world();
    await personalCase(suite, world);
    await personalCase(suite, world);
    suite.api.clock.set(at(addMonths(START, 36), 4 * DAY));
    const service = new RetentionService(suite.db.db, suite.api.clock, { ...DEFAULT_RETENTION_SETTINGS, batchSize: 1 });
    let paused!: () => void;
    const isPaused = new Promise<void>((resolve) => (paused = resolve));
    let resume!: () => void;
    const resumed = new Promise<void>((resolve) => (resume = resolve));
    let first = true;
    const running = service.run({
      onBatch: async () => {
        if (!first) return;
        first = false;
        paused();
        await resumed;
      },
    });
    await isPaused;
    const runsBefore = await countRows(suite.db.db, retentionRuns);
    const refused = await suite.api.execute(RUN_RETENTION, {}, await tokenNow(suite, world.user.helpdesk));
    expect(codes(refused)).toEqual(["CONFLICT"]);
    expect(refused.errors?.[0]?.message).toContain("already in progress");
    expect(await countRows(suite.db.db, retentionRuns)).toBe(runsBefore);
    // A dry run takes no lease: it may count while a run works.
    expect((await runRetention(suite, world, { dryRun: true })).dryRun).toBe(true);
    resume();
    const run = await running;
    expect(run.error).toBeNull();
    expect((await runRetention(suite, world)).proceduresDeleted).toBe(0);
  });

  it("on shutdown stops after the batch under way, records why, and the next run carries on", async () => {
    const world = await suite.world();
    const cases: Case[] = [];
    for (let i = 0; i < 3; i++) cases.push(await personalCase(suite, world));
    suite.api.clock.set(at(addMonths(START, 36), 5 * DAY));
    const service = new RetentionService(suite.db.db, suite.api.clock, { ...DEFAULT_RETENTION_SETTINGS, batchSize: 2 });
    const shutdown = new AbortController();
    await expect(service.run({ signal: shutdown.signal, onBatch: () => shutdown.abort() })).rejects.toThrow(/Stopped on shutdown/);
    const [stopped] = await suite.db.db.select().from(retentionRuns).orderBy(sql`${retentionRuns.startedAt} desc, ${retentionRuns.id} desc`).limit(1);
    expect(stopped).toMatchObject({ proceduresBlocked: 2, proceduresDeleted: 0, error: expect.stringContaining("Stopped on shutdown") });
    expect(stopped!.finishedAt).not.toBeNull();
    const next = await service.run();
    expect(next.error).toBeNull();
    for (const c of cases) expect((await procedureRow(suite.db.db, c.id)).personalDataDeletedAt).not.toBeNull();
  });

  it("a runner whose lease was taken over stops before its next batch and says so", async () => {
    const world = await suite.world();
    await personalCase(suite, world);
    await personalCase(suite, world);
    suite.api.clock.set(at(addMonths(START, 36), 6 * DAY));
    const service = new RetentionService(suite.db.db, suite.api.clock, { ...DEFAULT_RETENTION_SETTINGS, batchSize: 1 });
    const steal = () =>
      suite.db.db.execute(sql`update retention_lease set holder = 'another-runner', expires_at = clock_timestamp() + interval '1 minute'`);
    let stolen = false;
    await expect(
      service.run({
        onBatch: async () => {
          if (stolen) return;
          stolen = true;
          await steal();
        },
      }),
    ).rejects.toThrow(/Lost the retention lease/);
    const [lost] = await suite.db.db.select().from(retentionRuns).orderBy(sql`${retentionRuns.startedAt} desc, ${retentionRuns.id} desc`).limit(1);
    expect(lost).toMatchObject({ proceduresBlocked: 1, error: expect.stringContaining("Lost the retention lease") });
    // The loser does not give back a lease it no longer holds.
    const result = await suite.db.db.execute(sql`select holder from retention_lease`);
    const rows = (Array.isArray(result) ? result : (result as { rows: { holder: string }[] }).rows) as { holder: string }[];
    expect(rows.map((r) => r.holder)).toEqual(["another-runner"]);
    await suite.db.db.execute(sql`update retention_lease set holder = null, expires_at = '-infinity'`);
  });

  it("a schedule tick runs once: a replica firing the same tick late, or an earlier one, is turned away", async () => {
    // Two replicas fire every tick; the lease alone would let a late one run the tick again once the
    // first had given the lease back. Each scheduled run records its tick (docs/deployment.md).
    const service = new RetentionService(suite.db.db, suite.api.clock, DEFAULT_RETENTION_SETTINGS);
    // Long past: the real ticks of the scheduled job below come later and are not held back.
    const tick = new Date("2001-01-01T09:00:00Z");
    const first = await service.run({ tick });
    expect(first).toMatchObject({ tick, error: null });
    await expect(service.run({ tick })).rejects.toBeInstanceOf(RetentionTickTakenError);
    await expect(service.run({ tick: new Date(tick.getTime() - 3600_000) })).rejects.toBeInstanceOf(RetentionTickTakenError);
    expect(await countRows(suite.db.db, retentionRuns, eq(retentionRuns.tick, tick))).toBe(1);
    // The next tick runs, and runs a user starts are not held back by ticks.
    expect((await service.run({ tick: new Date(tick.getTime() + 3600_000) })).error).toBeNull();
    expect((await service.run()).tick).toBeNull();
  });

  it("the scheduled job runs the service on its cron schedule and stops cleanly", async () => {
    const service = new RetentionService(suite.db.db, suite.api.clock, DEFAULT_RETENTION_SETTINGS);
    const scheduled = () => countRows(suite.db.db, retentionRuns, isNull(retentionRuns.triggeredByUserId));
    const before = await scheduled();
    const job = scheduleRetention(service, "* * * * * *", createLogger("silent"));
    expect(job.nextRun()).toBeInstanceOf(Date);
    const deadline = Date.now() + 5000;
    while ((await scheduled()) === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await job.stop();
    const after = await scheduled();
    expect(after).toBeGreaterThan(before);
    await new Promise((r) => setTimeout(r, 1200));
    expect(await scheduled()).toBe(after);
    expect(job.nextRun()).toBeNull();
  });
});

/** The case's values in the sealed tables, opened with their keys (R-RETAIN-3 crypto-shredding). */
async function sealedPlaintexts(db: Database, c: { id: string; dataSubjectId: string }) {
  const repo = new ProcedureRepository(db);
  const [subject] = await repo.dataSubjectsOf([c.id]);
  const [record] = await repo.sensitiveRecordsOf([c.dataSubjectId]);
  const [message] = await repo.messagesOf([c.id]);
  const [company] = await repo.legalPersonsOf([c.id]);
  const [flag] = await repo.confidentialityFlagsOf([company!.id]);
  const [contestation] = await new RightsRepository(db).contestationsOf([c.id]);
  return {
    fullName: subject!.fullName,
    nationalIdentifier: subject!.nationalIdentifier,
    details: record!.details,
    body: message!.body,
    legalPerson: company!.name,
    reason: flag!.reason,
    statement: contestation!.statement,
  };
}
