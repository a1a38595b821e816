import { randomUUID } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "../../src/auth/viewer.js";
import { systemClock } from "../../src/clock.js";
import { rowsOf } from "../../src/db/rows.js";
import { auditEvents, dataSubjectRequests, users } from "../../src/db/schema/index.js";
import { seedDemoWorld } from "../../src/db/seed/demo-world.js";
import { visibleAuditEvents } from "../../src/modules/audit/audit.repository.js";
import { AuditService } from "../../src/modules/audit/audit.service.js";
import { visibleUsers } from "../../src/modules/users/user.repository.js";
import { attemptAsApi, demoViewers, readAsApi, REFUSAL } from "../helpers/api-role-attempt.js";
import { createTestDatabase, DRIVERS, type TestDatabase } from "../helpers/database.js";

/**
 * The database's wall after the fifth outside attack (issue 13; plain SQL as the API's role under a
 * viewer's own settings): the users and the audit log read in the viewer's scope only (the same rows the
 * services show), rows added in the writer's own name at the request's time, a procedure changed only
 * by the party and along the transitions of procedure.state-machine.ts, a participation added only by
 * forwarding, and the tables beside them (registrations, question sets, the job's) closed to the rest.
 */
const refused = { refused: expect.stringMatching(REFUSAL) };

describe.each(DRIVERS)("scopes and parties in the database (%s)", (driver) => {
  let database: TestDatabase;
  let viewers: Map<string, Viewer>;
  const viewerNamed = (email: string) => viewers.get(email)!;
  const attempt = (viewer: Viewer | null, statement: SQL | SQL[], options?: { commit?: boolean }) => attemptAsApi(database.db, viewer, statement, options);
  const ids = async (query: SQL) => rowsOf<{ id: string | number }>(await database.db.execute(query)).map((r) => String(r.id)).sort();
  const one = async <T>(query: SQL): Promise<T> => rowsOf<T>(await database.db.execute(query))[0]!;
  /** A sent, open request initiated by `initiator` whose responder `responder` has (or has not) accepted it. */
  const requestBetween = (initiator: string, responder: string, accepted: boolean) =>
    one<{ id: string }>(sql`select p.id from procedures p
      join participants i on i.procedure_id = p.id and i.part = 'INITIATOR' and i.authority_id = ${initiator} and i.forwarded_at is null
      join participants r on r.procedure_id = p.id and r.part <> 'INITIATOR' and r.authority_id = ${responder} and r.forwarded_at is null
        and (r.accepted_at is not null) = ${accepted}
      where p.status <> 'CLOSED' and p.status <> 'DRAFT' and p.blocked_at is null and p.personal_data_deleted_at is null order by p.reference limit 1`);

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    await seedDemoWorld(database.db, systemClock, "development");
    viewers = await demoViewers(database.db);
  }, 180_000);

  afterAll(async () => {
    await database?.dispose();
  });

  it("R-SEC-1 R-USER-1: every demo viewer reads exactly the users whose contact data the service shows it, and itself (found from outside: every user's name, e-mail and last login)", async () => {
    for (const [email, viewer] of viewers) {
      const shown = await ids(sql`select id from ${users} where ${visibleUsers(viewer)} or ${users.id} = ${viewer.userId}`);
      const rows = await readAsApi<{ id: string }>(database.db, viewer, sql`select id from users`);
      expect(rows.map((r) => r.id).sort(), email).toEqual(shown);
    }
    // The scope means something: a portal reads itself alone, a case handler not every user.
    expect(await attempt(viewerNamed("portal.dk@imi.example"), sql`select id from users`)).toEqual({ rows: 1 });
    const all = await one<{ n: number }>(sql`select count(*)::int as n from users`);
    expect(((await attempt(viewerNamed("handler.fr@imi.example"), sql`select id from users`)) as { rows: number }).rows).toBeLessThan(all.n);
  });

  it("R-SEC-2 R-SEC-1: every demo viewer reads exactly the audit events the service shows it (found from outside: a portal read the whole log)", async () => {
    for (const [email, viewer] of viewers) {
      const shown = await one<{ n: number }>(sql`select count(*)::int as n from ${auditEvents} where ${visibleAuditEvents(viewer)}`);
      expect(await attempt(viewer, sql`select id from audit_events`), email).toEqual({ rows: shown.n });
    }
    expect(await attempt(viewerNamed("portal.dk@imi.example"), sql`select id from audit_events`)).toEqual({ rows: 0 });
  });

  it("R-SEC-2: an audit event is written at the request's time, and a forged chain head is not believed (found from outside: back-dated events, and a head that made verifyAuditChain report a deletion for good)", async () => {
    const dk = viewerNamed("handler.dk@imi.example");
    const event = (at: SQL) =>
      sql`insert into audit_events (occurred_at, actor_user_id, actor_authority_id, action, fields, ground) values (${at}, ${dk.userId}, ${dk.authorityId}, 'READ', '{DataSubject.fullName}', 'PARTICIPANT:INITIATOR')`;
    expect(await attempt(dk, event(sql`'2024-01-01T00:00:00Z'::timestamptz`))).toMatchObject(refused);
    expect(await attempt(dk, event(sql`now() + interval '1 day'`))).toMatchObject(refused);
    // A head naming position 5 of chain 3 with the hash of some event: the trigger checks it against the chain.
    expect(await attempt(dk, event(sql`now()`), { commit: true })).toEqual({ rows: 1 });
    const some = await one<{ hash: string }>(sql`select hash from audit_events order by id limit 1`);
    const forged = sql`select set_config('imi.audit_head', ${`3:5:${some.hash}`}, true)`;
    expect(await attempt(dk, [forged, event(sql`now()`), event(sql`now()`)], { commit: true })).toEqual({ rows: 1 });
    const report = await new AuditService(database.db).verifyChain(viewerNamed("helpdesk@imi.example"));
    expect(report).toMatchObject({ valid: true, problem: null });
  });

  it("R-USER-1: a deactivation is at the request's time, never back-dated (found from outside: the next run would have deleted the contact data at once)", async () => {
    const admin = viewerNamed("admin.dk@imi.example");
    const target = viewerNamed("handler.dk@imi.example");
    const deactivate = (at: SQL) => sql`update users set active = false, deactivated_at = ${at}, contact_blocked_at = ${at} where id = ${target.userId}`;
    expect(await attempt(admin, deactivate(sql`'2020-01-01T00:00:00Z'::timestamptz`))).toMatchObject(refused);
    expect(await attempt(admin, deactivate(sql`now()`))).toEqual({ rows: 1 });
  });

  it("R-SEC-1 R-RETAIN-1 R-RETAIN-7: a procedure's state is changed by its parties' case handlers along the lifecycle only (found from outside: a coordinator closed every procedure of its state, a responder that had not accepted set one back to DRAFT or CLOSED without a time)", async () => {
    const dk = viewerNamed("handler.dk@imi.example");
    const de = viewerNamed("handler.de@imi.example");
    const open = await requestBetween(dk.authorityId, de.authorityId, false);
    for (const [viewer, statement] of [
      [viewerNamed("coordinator.dk@imi.example"), sql`update procedures set status = 'CLOSED', closed_at = now()`],
      [viewerNamed("admin.dk@imi.example"), sql`update procedures set status = 'ANSWERED' where id = ${open.id}`],
      [viewerNamed("helpdesk@imi.example"), sql`update procedures set last_activity_at = now() where id = ${open.id}`],
      [de, sql`update procedures set status = 'DRAFT' where id = ${open.id}`],
      [de, sql`update procedures set status = 'CLOSED' where id = ${open.id}`],
      [de, sql`update procedures set status = 'CLOSED', closed_at = now() where id = ${open.id}`],
      [dk, sql`update procedures set status = 'CLOSED' where id = ${open.id}`],
      [dk, sql`update procedures set status = 'ANSWERED' where id = ${open.id}`],
      [dk, sql`update procedures set sent_at = now() where id = ${open.id}`],
    ] as const) {
      expect(await attempt(viewer, statement)).toMatchObject(refused);
    }
    // Not before it accepted (found from outside, seventh round); then what the lifecycle does stays
    // possible: the responder accepts (its participation first, as procedure.service.ts accept), the initiator closes now.
    expect(await attempt(de, sql`update procedures set status = 'ACCEPTED', last_activity_at = now() where id = ${open.id}`)).toMatchObject(refused);
    expect(
      await attempt(de, [
        sql`update participants set accepted_at = now() where procedure_id = ${open.id} and authority_id = ${de.authorityId}`,
        sql`update procedures set status = 'ACCEPTED', last_activity_at = now() where id = ${open.id}`,
      ]),
    ).toEqual({ rows: 1 });
    expect(await attempt(dk, sql`update procedures set status = 'CLOSED', closed_at = now(), last_activity_at = now() where id = ${open.id}`)).toEqual({ rows: 1 });
  });

  it("R-SEC-2 R-RECTIFY-1: an accepted responder neither forges a row in another's name or time, nor rewrites or deletes the initiator's data (found from outside: a back-dated message 'by' the initiator)", async () => {
    const dk = viewerNamed("handler.dk@imi.example");
    const de = viewerNamed("handler.de@imi.example");
    const shared = await requestBetween(de.authorityId, dk.authorityId, true);
    for (const statement of [
      sql`insert into messages (procedure_id, author_authority_id, body, created_at) select procedure_id, ${de.authorityId}, body, now() from messages where procedure_id = ${shared.id} limit 1`,
      sql`insert into messages (procedure_id, author_authority_id, author_user_id, body, created_at) select procedure_id, ${dk.authorityId}, ${dk.userId}, body, '2026-01-01' from messages where procedure_id = ${shared.id} limit 1`,
      sql`insert into data_subjects (procedure_id, full_name, added_by_authority_id, created_at) values (${shared.id}, 'planted'::bytea, ${de.authorityId}, now())`,
      sql`update messages set author_authority_id = ${dk.authorityId} where procedure_id = ${shared.id}`,
      sql`delete from messages where procedure_id = ${shared.id}`,
    ]) {
      expect(await attempt(dk, statement)).toMatchObject(refused);
    }
    // The initiator's data subjects: read by the responder, changed by none of its statements.
    expect(await attempt(dk, sql`update data_subjects set updated_at = now() where procedure_id = ${shared.id}`)).toEqual({ rows: 0 });
    const subjects = await one<{ n: number }>(sql`select count(*)::int as n from data_subjects where procedure_id = ${shared.id}`);
    expect(subjects.n).toBeGreaterThan(0);
    expect(await attempt(dk, sql`delete from data_subjects where procedure_id = ${shared.id}`)).toEqual({ rows: 0 });
    // The initiator carries out its own rectification (R-RECTIFY-1 a).
    expect(await attempt(de, sql`update data_subjects set updated_at = now() where procedure_id = ${shared.id}`)).toEqual({ rows: subjects.n });
  });

  it("R-SEC-1: a party adds another authority only by forwarding its own part to it, checked at commit (found from outside: a responder added a third authority and stayed in)", async () => {
    const dk = viewerNamed("handler.dk@imi.example");
    const de = viewerNamed("handler.de@imi.example");
    const open = await requestBetween(dk.authorityId, de.authorityId, false);
    const munich = "00000000-0000-4000-a000-000000000008";
    const add = sql`insert into participants (procedure_id, authority_id, part, added_at) values (${open.id}, ${munich}, 'RESPONDER', now())`;
    expect(await attempt(de, add, { commit: true })).toMatchObject(refused);
    expect(await one<{ n: number }>(sql`select count(*)::int as n from participants where procedure_id = ${open.id} and authority_id = ${munich}`)).toEqual({ n: 0 });
    // A forward (procedure.service.ts forward: the new part, then its own marked forwarded to it) commits.
    const forward = [add, sql`update participants set forwarded_at = now(), forwarded_to_authority_id = ${munich} where procedure_id = ${open.id} and authority_id = ${de.authorityId}`];
    expect(await attempt(de, forward)).toEqual({ rows: 1 });
  });

  it("R-SEC-1 R-RECTIFY-1 R-RECTIFY-3 R-USER-1 (sixth outside attack): no acceptance taken or back-dated, no data subject moved or re-attributed, no answer, contestation, step or procedure forged, no deactivation renewed", async () => {
    const dk = viewerNamed("handler.dk@imi.example");
    const de = viewerNamed("handler.de@imi.example");
    const open = await requestBetween(dk.authorityId, de.authorityId, false);
    const other = await one<{ id: string }>(sql`select p.id from procedures p join participants pa on pa.procedure_id = p.id and pa.authority_id = ${dk.authorityId} and pa.forwarded_at is null
      where p.id <> ${open.id} and p.blocked_at is null and p.personal_data_deleted_at is null order by p.reference limit 1`);
    const ownAcceptance = (at: SQL) => sql`update participants set accepted_at = ${at} where procedure_id = ${open.id} and authority_id = ${de.authorityId}`;
    // Leak found from outside: the responder set its own acceptance, back-dated, and read the data while the procedure stayed SENT.
    expect(await attempt(de, ownAcceptance(sql`now() - interval '30 days'`))).toMatchObject(refused);
    expect(await attempt(de, ownAcceptance(sql`now()`))).toEqual({ rows: 1 });
    for (const statement of [
      // Leak found from outside: the initiator moved a data subject into a procedure a third authority reads.
      sql`update data_subjects set procedure_id = ${other.id} where procedure_id = ${open.id}`,
      sql`update data_subjects set added_by_authority_id = ${de.authorityId}, created_at = '2000-01-01' where procedure_id = ${open.id}`,
      sql`insert into contestations (procedure_id, ground, statement, recorded_by_user_id, created_at) values (${open.id}, 'ACCURACY', 'forged', ${viewerNamed("helpdesk@imi.example").userId}, now())`,
      sql`insert into procedures (reference, kind, legal_area_code, subject, status, initiator_authority_id, created_by_user_id, created_at, last_activity_at, closed_at, closed_by_system)
        select 'IMI-FORGED', kind, legal_area_code, 'forged', 'CLOSED', ${dk.authorityId}, ${dk.userId}, '2015-01-01', '2015-01-01', '2015-02-01', true from procedures limit 1`,
    ]) {
      expect(await attempt(dk, statement)).toMatchObject(refused);
    }
    const helpdesk = viewerNamed("helpdesk@imi.example");
    expect(
      await attempt(helpdesk, sql`insert into procedures (reference, kind, legal_area_code, subject, status, initiator_authority_id, created_by_user_id, created_at, last_activity_at)
        select 'IMI-COMMISSION', kind, legal_area_code, 'x', 'DRAFT', ${helpdesk.authorityId}, ${helpdesk.userId}, now(), now() from procedures limit 1`),
    ).toMatchObject(refused);
    // A request's history: an anonymous step only as the route's escalation, every step at the request's time.
    const admin = viewerNamed("admin.dk@imi.example");
    const [request] = await database.db
      .insert(dataSubjectRequests)
      .values({ kind: "ACCESS", receivingAuthorityId: admin.authorityId, filedByUserId: viewerNamed("portal.dk@imi.example").userId, receivedAt: new Date(), dueAt: new Date(Date.now() + 30 * 86_400_000) })
      .returning();
    expect(await attempt(admin, sql`insert into data_subject_request_steps (request_id, kind, at, approved) values (${request!.id}, 'DECIDED', now(), false)`)).toMatchObject(refused);
    expect(
      await attempt(admin, sql`insert into data_subject_request_steps (request_id, kind, actor_user_id, actor_authority_id, at) values (${request!.id}, 'LINKED', ${admin.userId}, ${admin.authorityId}, '2000-01-01')`),
    ).toMatchObject(refused);
    // A deactivated account is not deactivated again (its deletion date would move on).
    const target = await one<{ id: string }>(sql`select id from users where authority_id = ${admin.authorityId} and id <> ${admin.userId} order by id limit 1`);
    await database.db.execute(sql`update users set active = false, deactivated_at = now() - interval '1 year', contact_blocked_at = now() - interval '1 year' where id = ${target.id}`);
    try {
      expect(await attempt(admin, sql`update users set active = false, deactivated_at = now(), contact_blocked_at = now() where id = ${target.id}`)).toEqual({ rows: 0 });
    } finally {
      await database.db.execute(sql`update users set active = true, deactivated_at = null, contact_blocked_at = null where id = ${target.id}`);
    }
  });

  it("R-ACCESS-1 R-RECTIFY-1 R-SEC-1 (seventh outside attack): the helpdesk does not decide or reroute another's request to read it; no justification, answer, chunk or step is rewritten or planted by another party", async () => {
    const dk = viewerNamed("handler.dk@imi.example");
    const de = viewerNamed("handler.de@imi.example");
    const helpdesk = viewerNamed("helpdesk@imi.example");
    const open = await requestBetween(dk.authorityId, de.authorityId, false);
    // Leak found from outside: the helpdesk set a request REJECTED on route COMMISSION and read the citizen's identity.
    const [request] = await database.db
      .insert(dataSubjectRequests)
      .values({ kind: "ACCESS", receivingAuthorityId: dk.authorityId, filedByUserId: viewerNamed("portal.dk@imi.example").userId, procedureId: open.id, receivedAt: new Date(), dueAt: new Date(Date.now() + 30 * 86_400_000) })
      .returning();
    await database.db.execute(sql`insert into data_subject_request_personal (request_id, requester_name) values (${request!.id}, 'Jens Citizen')`);
    expect(await attempt(helpdesk, sql`select 1 from data_subject_request_personal where request_id = ${request!.id}`)).toEqual({ rows: 0 });
    for (const change of [sql`status = 'REJECTED', route = 'COMMISSION'`, sql`route = 'COMMISSION'`, sql`status = 'APPROVED'`, sql`status = 'COMPLETED'`]) {
      expect(await attempt(helpdesk, sql`update data_subject_requests set ${change} where id = ${request!.id}`)).toMatchObject(refused);
    }
    // Not a coordinator's, a portal's or a taking-no-part authority's step in the request's history.
    for (const viewer of [viewerNamed("coordinator.dk@imi.example"), viewerNamed("portal.dk@imi.example")]) {
      expect(
        await attempt(viewer, sql`insert into data_subject_request_steps (request_id, kind, actor_user_id, actor_authority_id, approved, at) values (${request!.id}, 'DECIDED', ${viewer.userId}, ${viewer.authorityId}, false, now())`),
      ).toMatchObject(refused);
    }
    // The initiator's justification: read by the responder, never rewritten or deleted by it.
    expect(await attempt(de, sql`update procedure_justifications set justification = 'tampered' where procedure_id = ${open.id}`)).toMatchObject(refused);
    expect(await attempt(de, sql`delete from procedure_justifications where procedure_id = ${open.id}`)).toMatchObject(refused);
    // A completed attachment of the initiator's takes no chunk of the responder's.
    const attachment = randomUUID();
    await database.db.execute(sql`insert into attachments (id, procedure_id, file_name, content_type, size_bytes, uploaded_by_authority_id, created_at, completed_at)
      values (${attachment}, ${open.id}, 'a.pdf', 'application/pdf', 4, ${dk.authorityId}, now(), now())`);
    await database.db.execute(sql`update participants set accepted_at = now() where procedure_id = ${open.id} and authority_id = ${de.authorityId}`);
    expect(await attempt(de, sql`insert into attachment_chunks (attachment_id, seq, data) values (${attachment}, 1, '\\xdeadbeef'::bytea)`)).toMatchObject(refused);
    // The accepted responder's answer is not the initiator's to take over as its own (found from outside).
    const question = await one<{ id: string }>(sql`select id from questions order by id limit 1`);
    await database.db.execute(sql`insert into question_answers (procedure_id, question_id, value, answered_by_authority_id, answered_by_user_id, answered_at)
      values (${open.id}, ${question.id}, 'the responder''s answer', ${de.authorityId}, ${de.userId}, now())`);
    const takeOver = (viewer: Viewer) =>
      sql`update question_answers set value = 'taken over', answered_by_authority_id = ${viewer.authorityId}, answered_by_user_id = ${viewer.userId}, answered_at = now() where procedure_id = ${open.id}`;
    expect(await attempt(dk, takeOver(dk))).toEqual({ rows: 0 });
    expect(await attempt(de, takeOver(de))).toEqual({ rows: 1 });
  });

  it("R-COORD-1 R-RETAIN-5 R-RETAIN-3: registrations, question sets and the job's tables are not every request's (found from outside: a portal approved another state's registration, rewrote questions, read the runs)", async () => {
    const portal = viewerNamed("portal.dk@imi.example");
    const coordinator = viewerNamed("coordinator.dk@imi.example");
    await database.db.execute(sql`insert into authority_registrations (name, member_state, contact_email, postal_address, dpo_name, dpo_email, legal_area_codes, submitted_at)
      values ('Planted registration', 'FR', 'reg@imi.example', 'Paris', 'Jeanne DPO', 'dpo@imi.example', '{SERVICES}', now())`);
    for (const [viewer, statement] of [
      [portal, sql`update authority_registrations set status = 'APPROVED'`],
      [coordinator, sql`update authority_registrations set status = 'APPROVED', decided_by_user_id = ${coordinator.userId}, decided_at = now() where member_state = 'FR'`],
      [portal, sql`insert into authority_registrations (name, member_state, contact_email, postal_address, dpo_name, dpo_email, legal_area_codes, submitted_at, status)
        values ('x', 'DK', 'x@imi.example', 'x', 'x', 'x@imi.example', '{SERVICES}', now(), 'APPROVED')`],
      [coordinator, sql`update questions set may_contain_personal_data = false`],
      [coordinator, sql`update question_set_versions set status = 'RETIRED'`],
      [coordinator, sql`delete from procedure_question_sets`],
      [portal, sql`insert into personal_data_key_shreds (partition, shredded_at) values (0, now())`],
    ] as const) {
      const outcome = await attempt(viewer, statement);
      expect("refused" in outcome || outcome.rows === 0, String(statement.queryChunks.length)).toBe(true);
    }
    for (const table of ["authority_registrations", "retention_runs", "reminders", "procedure_escalations"]) {
      expect(await attempt(portal, sql`select 1 from ${sql.identifier(table)}`), table).toEqual({ rows: 0 });
    }
    expect(((await attempt(coordinator, sql`select 1 from authority_registrations where member_state = 'FR'`)) as { rows: number }).rows).toBe(0);
    // Anyone submits a registration: pending, undecided, now.
    expect(await attempt(null, sql`insert into authority_registrations (id, name, member_state, contact_email, postal_address, dpo_name, dpo_email, legal_area_codes, submitted_at)
      values (${randomUUID()}, 'Asked', 'DK', 'asked@imi.example', 'København', 'DPO', 'dpo@imi.example', '{SERVICES}', now())`)).toEqual({ rows: 1 });
  });
});
