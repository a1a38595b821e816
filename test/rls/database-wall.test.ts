import { randomBytes } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import type { Viewer } from "../../src/auth/viewer.js";
import type { Database } from "../../src/db/database.js";
import { inRequestTransaction, scopedDatabase, type ViewerSettings } from "../../src/db/rls/request-scope.js";
import { API_ROLE, SYSTEM_ROLE } from "../../src/db/rls/roles.js";
import { rowsOf } from "../../src/db/rows.js";
import { attachmentChunks, attachments, auditEvents, dataSubjects, inactivityJustifications, messages, participants, procedures, questionAnswers, questions } from "../../src/db/schema/index.js";
import { AnswerRepository } from "../../src/modules/answers/answer.repository.js";
import { AttachmentRepository } from "../../src/modules/attachments/attachment.repository.js";
import { publishSet } from "../question-sets/question-set-fixtures.js";
import { ProcedureRepository } from "../../src/modules/procedures/procedure.repository.js";
import { openDatabase } from "../../src/db/client.js";
import { TestApi } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { insertAcceptedRequests } from "../helpers/procedure-factory.js";
import { START, useSuite } from "../helpers/suite.js";
import type { TestUser, World } from "../helpers/world.js";

/**
 * Issue 13, the database's wall: whatever a service forgets to ask, PostgreSQL itself hands personal
 * data only to a viewer the policy's cells allow (R-SEC-1), and the API's role cannot change the audit
 * log (R-SEC-2). Each test runs statements as a request does (inRequestTransaction: API_ROLE, the
 * viewer set transaction-locally), with no check of the service's around them.
 */
const viewerOf = (user: TestUser, memberState: string): Viewer => ({ userId: user.id, authorityId: user.authorityId, memberState, roles: user.roles });

describe.each(DRIVERS)("the database's wall (%s)", (driver) => {
  const suite = useSuite(driver);

  async function acceptedRequest(world: World) {
    const { ids } = await insertAcceptedRequests(suite.db.db, world, { count: 1, start: START, from: "dk", to: "de" });
    return ids[0]!;
  }

  /** `read` with `db` scoped to a request of `viewer` (null: a request without a viewer). */
  function asRequest<T>(viewer: Viewer | null, read: (db: Database) => Promise<T>): Promise<T> {
    const settings: ViewerSettings = { viewer, now: START };
    return inRequestTransaction(suite.db.db, settings, () => read(scopedDatabase(suite.db.db)));
  }

  it("R-SEC-1: a repository read with the wrong viewer gets zero rows (a service bug can no longer leak)", async () => {
    const world = await suite.world();
    const id = await acceptedRequest(world);
    const read = (viewer: Viewer | null) => asRequest(viewer, (db) => new ProcedureRepository(db).dataSubjectsOf([id]));
    // The case handlers of the initiator (DK) and of the accepting responder (DE) read it.
    expect(await read(viewerOf(world.user.handlerDk, "DK"))).toHaveLength(1);
    expect(await read(viewerOf(world.user.handlerDe, "DE"))).toHaveLength(1);
    // Not taking part (FR), a local admin and a coordinator of the initiator's state, the Commission
    // without a recorded route, and a request with no viewer: nothing, whatever the service asked.
    expect(await read(viewerOf(world.user.handlerFr, "FR"))).toHaveLength(0);
    expect(await read(viewerOf(world.user.adminDk, "DK"))).toHaveLength(0);
    expect(await read(viewerOf(world.user.coordinatorDk, "DK"))).toHaveLength(0);
    expect(await read(viewerOf(world.user.helpdesk, "EU"))).toHaveLength(0);
    expect(await read(null)).toHaveLength(0);
  });

  it("R-SEC-1: issue 17's answers, attachments and attachment chunks: a wrong viewer's repository read gets zero rows", async () => {
    const world = await suite.world();
    const id = await acceptedRequest(world);
    // Written as the owner (no viewer, no service check): the wall alone decides who reads them.
    const set = await publishSet(suite, world);
    const [question] = await suite.db.db.select({ id: questions.id }).from(questions).where(eq(questions.questionSetVersionId, set.id)).limit(1);
    const [file] = await suite.db.db
      .insert(attachments)
      .values({ procedureId: id, fileName: "Wall.pdf", contentType: "application/pdf", sizeBytes: 4, uploadedByAuthorityId: world.authority.de, createdAt: START, completedAt: START })
      .returning({ id: attachments.id });
    await suite.db.db.insert(attachmentChunks).values({ attachmentId: file!.id, seq: 0, data: Buffer.from("%PDF") });
    await suite.db.db.insert(questionAnswers).values({ procedureId: id, questionId: question!.id, value: "An answer", answeredByAuthorityId: world.authority.de, answeredAt: START });
    const read = (viewer: Viewer | null) =>
      asRequest(viewer, async (db) => {
        const files = new AttachmentRepository(db);
        return {
          answers: (await new AnswerRepository(db).answersOf([id])).length,
          attachments: (await files.completeOf([id])).length + (await files.completeByIds([file!.id])).length,
          chunks: (await files.chunks(file!.id, 0, 10)).length,
        };
      });
    const all = { answers: 1, attachments: 2, chunks: 1 };
    const none = { answers: 0, attachments: 0, chunks: 0 };
    expect(await read(viewerOf(world.user.handlerDk, "DK"))).toEqual(all);
    expect(await read(viewerOf(world.user.handlerDe, "DE"))).toEqual(all);
    expect(await read(viewerOf(world.user.handlerFr, "FR"))).toEqual(none);
    expect(await read(viewerOf(world.user.adminDk, "DK"))).toEqual(none);
    expect(await read(viewerOf(world.user.coordinatorDk, "DK"))).toEqual(none);
    expect(await read(viewerOf(world.user.helpdesk, "EU"))).toEqual(none);
    expect(await read(null)).toEqual(none);
  });

  it("R-SEC-1: a leaky read of every data subject and message, without any filter, returns only the viewer's cells", async () => {
    const world = await suite.world();
    const mine = await acceptedRequest(world);
    // Another world's procedure, between other authorities: the leak a bug would cause.
    const other = await suite.world();
    const theirs = await acceptedRequest(other);
    const leaky = (db: Database) =>
      Promise.all([
        db.select({ procedureId: dataSubjects.procedureId }).from(dataSubjects),
        db.select({ procedureId: messages.procedureId }).from(messages),
      ]);
    const [subjects, bodies] = await asRequest(viewerOf(world.user.handlerDe, "DE"), leaky);
    expect(subjects.map((s) => s.procedureId)).toContain(mine);
    expect(subjects.map((s) => s.procedureId)).not.toContain(theirs);
    expect(bodies.map((m) => m.procedureId)).not.toContain(theirs);
    expect(new Set(subjects.map((s) => s.procedureId))).toEqual(new Set([mine]));
  });

  it("R-SEC-1: a leaky read of every procedure and participant, without any filter, returns only the metadata cells' procedures", async () => {
    const world = await suite.world();
    const mine = await acceptedRequest(world);
    // Another world's procedure between other authorities (DK to DE too): a bug's leak, except where
    // the matrix shows it (a coordinator of DK sees every procedure with a participant in DK).
    const other = await suite.world();
    const theirs = await acceptedRequest(other);
    const seen = (viewer: Viewer | null) =>
      asRequest(viewer, async (db) => {
        const rows = await db.select({ id: procedures.id }).from(procedures).where(inArray(procedures.id, [mine, theirs]));
        const parts = await db.select({ procedureId: participants.procedureId }).from(participants).where(inArray(participants.procedureId, [mine, theirs]));
        const ids = (list: { id: string }[]) => [...new Set(list.map((r) => (r.id === mine ? "mine" : "theirs")))].sort();
        return { procedures: ids(rows), participants: ids(parts.map((p) => ({ id: p.procedureId }))) };
      });
    const only = (...which: string[]) => ({ procedures: which, participants: which });
    expect(await seen(viewerOf(world.user.handlerDk, "DK"))).toEqual(only("mine"));
    expect(await seen(viewerOf(world.user.handlerDe, "DE"))).toEqual(only("mine"));
    expect(await seen(viewerOf(world.user.adminDk, "DK"))).toEqual(only("mine"));
    expect(await seen(viewerOf(world.user.coordinatorDk, "DK"))).toEqual(only("mine", "theirs"));
    expect(await seen(viewerOf(world.user.helpdesk, "EU"))).toEqual(only("mine", "theirs"));
    expect(await seen(viewerOf(world.user.handlerFr, "FR"))).toEqual(only());
    // A portal reads what it filed; this request was not.
    expect(await seen(viewerOf(world.user.portalDk, "DK"))).toEqual(only());
    expect(await seen(null)).toEqual(only());
  });

  it("R-SEC-1: an authority that forwarded a procedure no longer reads it, only its own forwarded participation", async () => {
    const world = await suite.world();
    const id = await acceptedRequest(world);
    await suite.db.db.update(participants).set({ forwardedAt: START, forwardedToAuthorityId: world.authority.de2 }).where(eq(participants.authorityId, world.authority.de));
    await suite.db.db.insert(participants).values({ procedureId: id, authorityId: world.authority.de2, part: "RESPONDER", addedAt: START });
    const read = (user: TestUser) =>
      asRequest(viewerOf(user, "DE"), async (db) => ({
        procedures: (await db.select({ id: procedures.id }).from(procedures).where(eq(procedures.id, id))).length,
        participants: (await db.select({ authorityId: participants.authorityId }).from(participants).where(eq(participants.procedureId, id))).map((p) => p.authorityId),
      }));
    expect(await read(world.user.handlerDe)).toEqual({ procedures: 0, participants: [world.authority.de] });
    const taker = await read(world.user.handlerDe2);
    expect(taker.procedures).toBe(1);
    expect(new Set(taker.participants)).toEqual(new Set([world.authority.dk, world.authority.de, world.authority.de2]));
  });

  it("R-RETAIN-5: an inactivity's justification is read only by participating case handlers; whether one exists, by everyone who asks", async () => {
    const world = await suite.world();
    const id = await acceptedRequest(world);
    await suite.db.db.insert(inactivityJustifications).values({ procedureId: id, authorityId: world.authority.dk, userId: world.user.handlerDk.id, justification: "Waiting for Jens Hansen's court date", recordedAt: START });
    const read = (user: TestUser, state: string) =>
      asRequest(viewerOf(user, state), async (db) => ({
        texts: (await db.select({ text: inactivityJustifications.justification }).from(inactivityJustifications).where(eq(inactivityJustifications.procedureId, id))).length,
        justified: rowsOf<{ j: boolean }>(await db.execute(sql`select imi_rls.inactivity_justified(${id}::uuid, ${START.toISOString()}::timestamptz) as j`))[0]!.j,
      }));
    expect(await read(world.user.handlerDk, "DK")).toEqual({ texts: 1, justified: true });
    expect(await read(world.user.handlerDe, "DE")).toEqual({ texts: 1, justified: true });
    // The coordinator sees the procedure (and its escalation), the Commission previews the job: neither reads the text.
    expect(await read(world.user.coordinatorDk, "DK")).toEqual({ texts: 0, justified: true });
    expect(await read(world.user.helpdesk, "EU")).toEqual({ texts: 0, justified: true });
    expect(await read(world.user.handlerFr, "FR")).toEqual({ texts: 0, justified: true });
  });

  it("R-RETAIN-1: blocked and deleted personal data is refused by the database to the case handlers too", async () => {
    const world = await suite.world();
    const id = await acceptedRequest(world);
    const read = () => asRequest(viewerOf(world.user.handlerDk, "DK"), (db) => db.select().from(dataSubjects).where(eq(dataSubjects.procedureId, id)));
    await suite.db.db.update(procedures).set({ blockedAt: START }).where(eq(procedures.id, id));
    expect(await read()).toHaveLength(0);
    await suite.db.db.update(procedures).set({ blockedAt: null, status: "CLOSED", closedAt: START }).where(eq(procedures.id, id));
    expect(await read()).toHaveLength(1);
  });

  it("R-RETAIN-3: a personal-data key is read only by a viewer who may read its owner's data, never through a partition", async () => {
    const world = await suite.world();
    const id = await acceptedRequest(world);
    const [subject] = await suite.db.db.select({ id: dataSubjects.id }).from(dataSubjects).where(eq(dataSubjects.procedureId, id));
    // Keys of the procedure and of its data subject, as the crypto key store writes them.
    await suite.db.db.execute(sql`insert into personal_data_keys (owner_id, wrapped, created_at)
      values (${id}::uuid, 'wrapped-procedure-key', now()), (${subject!.id}::uuid, 'wrapped-subject-key', now())`);
    const keys = (viewer: Viewer) =>
      asRequest(viewer, async (db) =>
        rowsOf<{ wrapped: string }>(await db.execute(sql`select wrapped from personal_data_keys where owner_id in (${id}::uuid, ${subject!.id}::uuid) order by wrapped`)).map((k) => k.wrapped),
      );
    expect(await keys(viewerOf(world.user.handlerDe, "DE"))).toEqual(["wrapped-procedure-key", "wrapped-subject-key"]);
    expect(await keys(viewerOf(world.user.handlerFr, "FR"))).toEqual([]);
    expect(await keys(viewerOf(world.user.adminDk, "DK"))).toEqual([]);
    const [partition] = rowsOf<{ name: string }>(
      await suite.db.db.execute(sql`select inhrelid::regclass::text as name from pg_inherits where inhparent = 'personal_data_keys'::regclass limit 1`),
    );
    const direct = await asRequest(viewerOf(world.user.handlerFr, "FR"), (db) => db.execute(sql.raw(`select * from ${partition!.name}`))).then(
      () => "read",
      (e: unknown) => String((e as { cause?: unknown }).cause ?? e),
    );
    expect(direct).toMatch(/permission denied/);
  });

  it("R-SEC-2: the API's role cannot change, empty or unchain the audit log, nor take the owner's power", async () => {
    const world = await suite.world();
    await acceptedRequest(world);
    await suite.db.db.insert(auditEvents).values({ occurredAt: START, action: "READ", fields: ["fullName"], ground: "TEST" });
    const viewer = viewerOf(world.user.helpdesk, "EU");
    const refused = async (statement: ReturnType<typeof sql>) => {
      const error = await asRequest(viewer, (db) => db.execute(statement)).then(
        () => null,
        (e: unknown) => e,
      );
      return String((error as { cause?: unknown })?.cause ?? error);
    };
    expect(await refused(sql`update audit_events set ground = 'FORGED'`)).toMatch(/permission denied/);
    expect(await refused(sql`delete from audit_events`)).toMatch(/permission denied/);
    expect(await refused(sql`truncate audit_events`)).toMatch(/permission denied/);
    expect(await refused(sql`alter table audit_events disable trigger user`)).toMatch(/must be owner/);
    expect(await refused(sql`alter table data_subjects disable row level security`)).toMatch(/must be owner/);
    expect(await refused(sql`set local session_replication_role = replica`)).toMatch(/permission denied/);
    expect(await refused(sql`create table smuggled (id int)`)).toMatch(/permission denied/);
    // It appends (in its viewer's name, narrowed-tables.sql.ts) and reads, as the API does.
    const [row] = await asRequest(viewer, async (db) => {
      await db.insert(auditEvents).values({ occurredAt: START, actorUserId: viewer.userId, actorAuthorityId: viewer.authorityId, action: "READ", fields: ["email"], ground: "TEST" });
      return db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    });
    expect(row?.n).toBeGreaterThan(0);
    // And it is what a request runs as.
    const [who] = rowsOf<{ role: string }>(await asRequest(viewer, (db) => db.execute(sql`select current_user as role`)));
    expect(who?.role).toBe(API_ROLE);
  });

  it("pooled connections forget the viewer at the end of each request: the next request on any of them has none", async () => {
    const world = await suite.world();
    const id = await acceptedRequest(world);
    const handler = viewerOf(world.user.handlerDk, "DK");
    // Many requests at once, so that every pooled connection (postgres.js: 5 in tests) has served one.
    await Promise.all(
      Array.from({ length: 12 }, () => asRequest(handler, (db) => db.select().from(dataSubjects).where(inArray(dataSubjects.procedureId, [id])))),
    );
    const after = await Promise.all(
      Array.from({ length: 12 }, () =>
        asRequest(null, async (db) => {
          const [settings] = rowsOf<{ user_id: string | null; roles: string | null }>(
            await db.execute(sql`select current_setting('imi.user_id', true) as user_id, current_setting('imi.roles', true) as roles`),
          );
          const rows = await db.select().from(dataSubjects).where(eq(dataSubjects.procedureId, id));
          return { settings, rows: rows.length };
        }),
      ),
    );
    for (const { settings, rows } of after) {
      expect(settings?.user_id ?? "").toBe("");
      expect(settings?.roles ?? "").toBe("");
      expect(rows).toBe(0);
    }
    // Outside a request, the connection is the owner's again (migrations, fixtures): no role carried over.
    const [outside] = rowsOf<{ role: string; user_id: string | null }>(
      await suite.db.db.execute(sql`select current_user as role, current_setting('imi.user_id', true) as user_id`),
    );
    expect(outside?.role).not.toBe(API_ROLE);
    expect(outside?.user_id ?? "").toBe("");
  });
});

/**
 * The login an operator gives the API (docs/deployment.md): a member of imi_api, not a superuser, so
 * it cannot SET ROLE to anything it is not given. Connected as that role with plain SQL, nothing of the
 * policy's is bypassed. PostgreSQL only (PGlite has one superuser session).
 */
describe.runIf(DRIVERS.includes("postgres"))("a connection as the API's login role (postgres)", () => {
  const suite = useSuite("postgres");

  it("R-SEC-1, R-SEC-2: reads no personal data without a viewer, cannot change the audit log, cannot become the owner or the system role", async () => {
    const world = await suite.world();
    await insertAcceptedRequests(suite.db.db, world, { count: 1, start: START });
    const login = `imi_app_${randomBytes(4).toString("hex")}`;
    await suite.db.db.execute(sql.raw(`create role ${login} login in role ${API_ROLE}`));
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.username = login;
    url.pathname = `/${(rowsOf<{ db: string }>(await suite.db.db.execute(sql`select current_database() as db`))[0]!.db)}`;
    const app = postgres(url.toString(), { max: 1, onnotice: () => {} });
    try {
      const tryIt = (statement: string) => app.unsafe(statement).then(() => "done", (e: Error) => e.message);
      expect(await app.unsafe("select count(*)::int as n from data_subjects")).toEqual([{ n: 0 }]);
      expect(await app.unsafe("select count(*)::int as n from messages")).toEqual([{ n: 0 }]);
      expect(await tryIt("update audit_events set ground = 'FORGED'")).toMatch(/permission denied/);
      expect(await tryIt("delete from audit_events")).toMatch(/permission denied/);
      expect(await tryIt("truncate audit_events")).toMatch(/permission denied/);
      expect(await tryIt("alter table audit_events disable trigger user")).toMatch(/must be owner/);
      expect(await tryIt("alter table data_subjects no force row level security")).toMatch(/must be owner/);
      expect(await tryIt("set role postgres")).toMatch(/permission denied/);
      expect(await tryIt(`set role ${SYSTEM_ROLE}`)).toMatch(/permission denied/);
      // Setting a viewer by hand gives what that viewer's cells give, no more (the settings are not a key).
      const handler = world.user.handlerFr;
      const asFr = await app.begin(async (tx) => {
        await tx.unsafe(`select set_config('imi.authority_id', '${handler.authorityId}', true), set_config('imi.roles', 'CASE_HANDLER', true),
          set_config('imi.member_state', 'FR', true), set_config('imi.now', '${START.toISOString()}', true)`);
        return tx.unsafe("select count(*)::int as n from data_subjects");
      });
      expect(asFr).toEqual([{ n: 0 }]);
    } finally {
      await app.end();
      await suite.db.db.execute(sql.raw(`drop owned by ${login}; drop role ${login}`));
    }
  });

  it("R-SEC-1: a replica connected as the deployment's login role (imi_api and imi_system) starts, serves a request as imi_api, and the retention job reads across viewers", async () => {
    const world = await suite.world();
    const { ids } = await insertAcceptedRequests(suite.db.db, world, { count: 1, start: START });
    const login = `imi_app_${randomBytes(4).toString("hex")}`;
    await suite.db.db.execute(sql.raw(`create role ${login} login in role ${API_ROLE}, ${SYSTEM_ROLE}`));
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.username = login;
    url.pathname = `/${(rowsOf<{ db: string }>(await suite.db.db.execute(sql`select current_database() as db`))[0]!.db)}`;
    const replica = await openDatabase({ url: url.toString(), maxConnections: 2 });
    const api = await TestApi.create(replica.db, suite.api.clock);
    try {
      // The start's migration: nothing to do, and so nothing it may not do (drizzle's schema is the owner's).
      await replica.migrate();
      const result = await api.executeText<{ procedure: { dataSubjects: { fullName: string }[] } }>(
        `query RlsReplica($id: ID!) { procedure(id: $id) { dataSubjects { fullName } } }`,
        { id: ids[0] },
        await world.token(world.user.handlerDk),
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.procedure.dataSubjects.map((s) => s.fullName)).toEqual(["Person 0"]);
      // Outside any request (the retention job's connection): the login role's imi_system membership.
      const [outside] = rowsOf<{ n: number }>(await replica.db.execute(sql`select count(*)::int as n from data_subjects where procedure_id = ${ids[0]}`));
      expect(outside?.n).toBe(1);
    } finally {
      await api.stop();
      await replica.close();
      await suite.db.db.execute(sql.raw(`drop owned by ${login}; drop role ${login}`));
    }
  });
});
