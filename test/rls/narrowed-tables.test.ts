import { randomUUID } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "../../src/auth/viewer.js";
import { systemClock } from "../../src/clock.js";
import { viewerSettingsSql } from "../../src/db/rls/request-scope.js";
import { API_ROLE } from "../../src/db/rls/roles.js";
import { rowsOf } from "../../src/db/rows.js";
import { dataSubjectRequests } from "../../src/db/schema/index.js";
import { DEMO_AUTHORITY } from "../../src/db/seed/demo-ids.js";
import { seedDemoWorld } from "../../src/db/seed/demo-world.js";
import { visibleRequests } from "../../src/modules/rights/rights.repository.js";
import { attemptAsApi, demoViewers, REFUSAL } from "../helpers/api-role-attempt.js";
import { createTestDatabase, DRIVERS, type TestDatabase } from "../helpers/database.js";

/**
 * The database's wall for inserts and for the tables that decide who reads personal data (issue 13,
 * found from outside: plain SQL as the API's role under a viewer's own settings, as a resolver beside
 * the services would send it). Each statement runs as a request does (API_ROLE, the viewer's settings
 * transaction-locally) and is rolled back; the owner checks what it did.
 */
describe.each(DRIVERS)("the API's role beside the services (%s)", (driver) => {
  let database: TestDatabase;
  const viewers = new Map<string, Viewer>();
  const viewerNamed = (email: string) => viewers.get(email)!;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    await seedDemoWorld(database.db, systemClock, "development");
    for (const [email, viewer] of await demoViewers(database.db)) viewers.set(email, viewer);
  }, 180_000);

  afterAll(async () => {
    await database?.dispose();
  });

  /** `statement` as a request of `viewer` would send it, undone: the rows it returned or changed, or the refusal. */
  const attempt = (viewer: Viewer | null, statement: SQL) => attemptAsApi(database.db, viewer, statement);

  const one = async <T>(query: SQL): Promise<T> => rowsOf<T>(await database.db.execute(query))[0]!;
  /** A procedure in which `authorityId` takes no part at all (nor forwarded away). */
  const procedureWithout = (authorityId: string) =>
    one<{ id: string }>(sql`select p.id from procedures p where p.personal_data_deleted_at is null and p.blocked_at is null
      and not exists (select 1 from participants pa where pa.procedure_id = p.id and pa.authority_id = ${authorityId}) order by p.reference limit 1`);
  /** An open procedure `authorityId` initiated. */
  const initiatedBy = (authorityId: string) =>
    one<{ id: string }>(sql`select p.id from procedures p join participants pa on pa.procedure_id = p.id and pa.part = 'INITIATOR' and pa.forwarded_at is null
      where pa.authority_id = ${authorityId} and p.personal_data_deleted_at is null and p.blocked_at is null order by p.reference limit 1`);

  it("R-SEC-1: an authority taking no part cannot insert itself as a participant, accepted or not; one taking part adds only unaccepted ones", async () => {
    const fr = viewerNamed("handler.fr@imi.example");
    const target = await procedureWithout(fr.authorityId);
    for (const acceptedAt of [sql`now()`, sql`null`]) {
      const outcome = await attempt(
        fr,
        sql`insert into participants (procedure_id, authority_id, part, added_at, accepted_at) values (${target.id}, ${fr.authorityId}, 'RECIPIENT', now(), ${acceptedAt})`,
      );
      expect(outcome).toMatchObject({ refused: expect.stringMatching(REFUSAL) });
    }
    // The initiator adds a recipient, as createProcedure does; never one already accepted.
    const dk = viewerNamed("handler.dk@imi.example");
    const own = await initiatedBy(dk.authorityId);
    const other = await one<{ id: string }>(sql`select a.id from authorities a where not exists (select 1 from participants pa where pa.procedure_id = ${own.id} and pa.authority_id = a.id) limit 1`);
    const add = (acceptedAt: SQL) => sql`insert into participants (procedure_id, authority_id, part, added_at, accepted_at) values (${own.id}, ${other.id}, 'RECIPIENT', now(), ${acceptedAt})`;
    expect(await attempt(dk, add(sql`null`))).toEqual({ rows: 1 });
    expect(await attempt(dk, add(sql`now()`))).toMatchObject({ refused: expect.stringMatching(REFUSAL) });
  });

  it("R-SEC-1 R-RETAIN-3: no viewer plants a data subject, a message or a key in a procedure whose personal data it does not read", async () => {
    const de = viewerNamed("handler.de@imi.example");
    const hidden = await procedureWithout(de.authorityId);
    const refusedFor = async (statement: SQL) => expect(await attempt(de, statement)).toMatchObject({ refused: expect.stringMatching(REFUSAL) });
    await refusedFor(sql`insert into data_subjects (procedure_id, full_name, added_by_authority_id, created_at) values (${hidden.id}, 'planted', ${de.authorityId}, now())`);
    await refusedFor(sql`insert into personal_data_keys (owner_id, wrapped, created_at) values (${hidden.id}, 'k1:garbage', now())`);
    const subject = await one<{ id: string }>(sql`select id from data_subjects where procedure_id = ${hidden.id} limit 1`);
    if (subject) await refusedFor(sql`insert into personal_data_keys (owner_id, wrapped, created_at) values (${subject.id}, 'k1:garbage', now())`);
    // A procedure DE initiated, its personal data deleted: no key may be planted for it either.
    const own = await initiatedBy(de.authorityId);
    await database.db.execute(sql`update procedures set personal_data_deleted_at = now() where id = ${own.id}`);
    try {
      await refusedFor(sql`insert into personal_data_keys (owner_id, wrapped, created_at) values (${own.id}, 'k1:garbage', now())`);
    } finally {
      await database.db.execute(sql`update procedures set personal_data_deleted_at = null where id = ${own.id}`);
    }
    // A key for an owner no procedure or data subject has (a new data subject's, key-store.ts forNewOwner) is written.
    expect(await attempt(de, sql`insert into personal_data_keys (owner_id, wrapped, created_at) values (${randomUUID()}, 'k1:new-subject', now())`)).toEqual({ rows: 1 });
  });

  it("R-RETAIN-4 R-SEC-1: no request opens, changes or ends a route; an authority reads only its own routes", async () => {
    const helpdesk = viewerNamed("helpdesk@imi.example");
    const target = await procedureWithout(helpdesk.authorityId);
    await database.db.execute(sql`insert into personal_data_grants (procedure_id, authority_id, ground, reference, granted_at, expires_at)
      values (${target.id}, ${helpdesk.authorityId}, 'BLOCKED_DATA_RETRIEVAL', ${randomUUID()}, now(), now() + interval '1 day'),
             (${target.id}, ${DEMO_AUTHORITY.chamberOfCraftsDe}, 'BLOCKED_DATA_RETRIEVAL', ${randomUUID()}, now(), now() + interval '1 day')`);
    const all = await one<{ n: number }>(sql`select count(*)::int as n from personal_data_grants`);
    const own = await one<{ n: number }>(sql`select count(*)::int as n from personal_data_grants where authority_id = ${helpdesk.authorityId}`);
    expect(all.n).toBeGreaterThan(own.n);
    expect(await attempt(helpdesk, sql`select id from personal_data_grants`)).toEqual({ rows: own.n });
    for (const statement of [
      sql`insert into personal_data_grants (procedure_id, authority_id, ground, reference, granted_at, expires_at) select id, ${helpdesk.authorityId}, 'BLOCKED_DATA_RETRIEVAL', id::text, now(), now() + interval '1 year' from procedures`,
      sql`update personal_data_grants set expires_at = now() + interval '10 years'`,
      sql`delete from personal_data_grants`,
    ]) {
      expect(await attempt(helpdesk, statement)).toMatchObject({ refused: expect.stringMatching(REFUSAL) });
    }
  });

  it("R-RETAIN-1: a request cannot lift a block or a deletion, nor set them; it changes a procedure's activity", async () => {
    const dk = viewerNamed("handler.dk@imi.example");
    for (const column of ["blocked_at", "personal_data_deleted_at", "closed_by_system", "initiator_authority_id", "created_by_user_id"]) {
      const value = column === "closed_by_system" ? sql`false` : sql`null`;
      expect(await attempt(dk, sql`update procedures set ${sql.identifier(column)} = ${value}`), column).toMatchObject({ refused: expect.stringMatching(REFUSAL) });
    }
    expect(await attempt(dk, sql`insert into procedures (reference, kind, legal_area_code, subject, status, initiator_authority_id, created_by_user_id, created_at, last_activity_at, blocked_at)
      select 'IMI-PLANTED', kind, legal_area_code, 'planted', 'DRAFT', ${dk.authorityId}, ${dk.userId}, now(), now(), now() from procedures limit 1`)).toMatchObject({
      refused: expect.stringMatching(REFUSAL),
    });
    const readable = await attempt(dk, sql`select id from procedures`);
    expect(await attempt(dk, sql`update procedures set last_activity_at = greatest(last_activity_at, now()) returning id`)).toEqual(readable);
  });

  it("R-ACCESS-1 R-RECTIFY-1 R-SEC-1: every viewer reads exactly the data-subject requests the service shows it, and none retargets, deletes or files one for another", async () => {
    const portal = viewerNamed("portal.dk@imi.example");
    const dk = viewerNamed("handler.dk@imi.example");
    const own = await initiatedBy(dk.authorityId);
    // Requests of every kind of scope: filed by the portal, received by DK, DE and FR, one routed to the helpdesk with DK as initiator.
    for (const [receiving, filedBy, route, procedure] of [
      [dk.authorityId, portal.userId, null, null],
      [DEMO_AUTHORITY.chamberOfCraftsDe, portal.userId, null, null],
      [DEMO_AUTHORITY.healthAuthorityFr, viewerNamed("handler.fr@imi.example").userId, null, null],
      [DEMO_AUTHORITY.chamberOfCraftsDe, viewerNamed("handler.de@imi.example").userId, "HELPDESK_WITH_INITIATOR", own.id],
    ] as const) {
      await database.db.insert(dataSubjectRequests).values({
        kind: "ACCESS",
        receivingAuthorityId: receiving,
        filedByUserId: filedBy,
        route,
        procedureId: procedure,
        receivedAt: new Date(),
        dueAt: new Date(Date.now() + 30 * 86_400_000),
      });
    }
    for (const [email, viewer] of viewers) {
      const shown = (await database.db.select({ id: dataSubjectRequests.id }).from(dataSubjectRequests).where(visibleRequests(viewer))).map((r) => r.id).sort();
      const read = await database.db.transaction(async (tx) => {
        await tx.execute(viewerSettingsSql(API_ROLE, { viewer, now: systemClock.now() }));
        return rowsOf<{ id: string }>(await tx.execute(sql`select id from data_subject_requests`)).map((r) => r.id).sort();
      });
      expect(read, email).toEqual(shown);
    }
    const fr = viewerNamed("handler.fr@imi.example");
    for (const statement of [
      sql`update data_subject_requests set receiving_authority_id = ${fr.authorityId}`,
      sql`update data_subject_requests set filed_by_user_id = ${fr.userId}`,
      sql`delete from data_subject_requests`,
      sql`insert into data_subject_requests (kind, receiving_authority_id, filed_by_user_id, received_at, due_at) values ('ACCESS', ${dk.authorityId}, ${fr.userId}, now(), now())`,
      sql`insert into data_subject_requests (kind, receiving_authority_id, filed_by_user_id, received_at, due_at) values ('ACCESS', ${fr.authorityId}, ${dk.userId}, now(), now())`,
    ]) {
      expect(await attempt(fr, statement)).toMatchObject({ refused: expect.stringMatching(REFUSAL) });
    }
    // Its own authority's request it changes (a route, a status), and no other's; a portal files, and changes none.
    expect(await attempt(fr, sql`update data_subject_requests set status = 'REJECTED' returning id`)).toEqual({ rows: 1 });
    expect(await attempt(portal, sql`update data_subject_requests set status = 'REJECTED' returning id`)).toEqual({ rows: 0 });
  });

  it("R-SEC-1 R-COORD-1: no request reads a credential, gives an account roles, or creates or deactivates one beyond what its roles could ever grant", async () => {
    const refused = { refused: expect.stringMatching(REFUSAL) };
    const portal = viewerNamed("portal.dk@imi.example");
    const dk = viewerNamed("handler.dk@imi.example");
    const admin = viewerNamed("admin.dk@imi.example");
    for (const statement of [sql`select password_hash from users`, sql`select totp_secret from users`, sql`select * from users`, sql`select * from used_security_codes`]) {
      expect(await attempt(portal, statement)).toMatchObject(refused);
    }
    const helpdeskUser = viewerNamed("helpdesk@imi.example").userId;
    for (const statement of [
      sql`update users set roles = '{COMMISSION}' where id = ${dk.userId}`,
      sql`update users set password_hash = 'copied', totp_secret = 'copied' where id = ${helpdeskUser}`,
      sql`update users set email = 'handler.dk+takeover@imi.example' where id = ${helpdeskUser}`,
      sql`delete from users where id = ${helpdeskUser}`,
      sql`delete from used_security_codes`,
    ]) {
      expect(await attempt(dk, statement)).toMatchObject(refused);
    }
    const newUser = (roles: string, authorityId: string, createdBy: string) =>
      sql`insert into users (authority_id, name, email, roles, enrolled_at, created_by_user_id) values (${authorityId}, 'New', ${`new.${randomUUID()}@imi.example`}, ${roles}::role[], null, ${createdBy})`;
    // A case handler creates no account at all; a local admin only its authority's working roles, as itself.
    expect(await attempt(dk, newUser("{COMMISSION}", dk.authorityId, dk.userId))).toMatchObject(refused);
    expect(await attempt(dk, newUser("{CASE_HANDLER}", dk.authorityId, dk.userId))).toMatchObject(refused);
    expect(await attempt(admin, newUser("{CASE_HANDLER}", admin.authorityId, admin.userId))).toEqual({ rows: 1 });
    expect(await attempt(admin, newUser("{COMMISSION}", admin.authorityId, admin.userId))).toMatchObject(refused);
    expect(await attempt(admin, newUser("{CASE_HANDLER}", DEMO_AUTHORITY.chamberOfCraftsDe, admin.userId))).toMatchObject(refused);
    expect(await attempt(admin, newUser("{CASE_HANDLER}", admin.authorityId, dk.userId))).toMatchObject(refused);
    expect(
      await attempt(admin, sql`insert into users (authority_id, name, email, roles, password_hash, totp_secret, created_by_user_id) values (${admin.authorityId}, 'New', 'new.planted@imi.example', '{CASE_HANDLER}', 'h', 's', ${admin.userId})`),
    ).toMatchObject(refused);
    // Deactivation: a case handler reaches no account; a local admin its own authority's.
    const deactivate = sql`update users set active = false, deactivated_at = now(), contact_blocked_at = now() returning id`;
    expect(await attempt(dk, deactivate)).toEqual({ rows: 0 });
    const own = await one<{ n: number }>(sql`select count(*)::int as n from users where authority_id = ${admin.authorityId}`);
    expect(await attempt(admin, deactivate)).toEqual({ rows: own.n });
  });

  it("R-COORD-1 R-RETAIN-1: no request moves an authority to another state, designates a coordinating one, or changes a legal area's periods", async () => {
    const refused = { refused: expect.stringMatching(REFUSAL) };
    const dk = viewerNamed("handler.dk@imi.example");
    const coordinator = viewerNamed("coordinator.dk@imi.example");
    const helpdesk = viewerNamed("helpdesk@imi.example");
    for (const [viewer, statement] of [
      [dk, sql`update authorities set member_state = 'FR' where id = ${dk.authorityId}`],
      [coordinator, sql`update authorities set coordinating = true`],
      [helpdesk, sql`update authorities set member_state = 'FR'`],
      [helpdesk, sql`delete from authorities where id = ${DEMO_AUTHORITY.healthAuthorityFr}`],
      [helpdesk, sql`update legal_areas set name = 'renamed'`],
      [coordinator, sql`insert into authorities (name, member_state, contact_email, coordinating) values ('Planted', 'DK', 'planted@imi.example', true)`],
      [coordinator, sql`insert into authorities (name, member_state, contact_email) values ('Planted', 'FR', 'planted@imi.example')`],
      [dk, sql`insert into authorities (name, member_state, contact_email) values ('Planted', 'DK', 'planted@imi.example')`],
      [coordinator, sql`insert into authority_legal_areas (authority_id, legal_area_code) select ${DEMO_AUTHORITY.healthAuthorityFr}, code from legal_areas`],
      [helpdesk, sql`delete from authority_legal_areas`],
    ] as const) {
      expect(await attempt(viewer, statement)).toMatchObject(refused);
    }
    // Publishing is the Commission's (R-NOTICE-2): a coordinator's UPDATE reaches no restriction.
    expect(await attempt(coordinator, sql`update national_restrictions set published_at = now() returning id`)).toEqual({ rows: 0 });
    // What the directory's mutations do stays possible: a coordinator its state's alert role, the Commission a legal area's switch.
    const coordinated = await attempt(coordinator, sql`update authorities set alert_coordinator = alert_coordinator returning member_state`);
    const dkAuthorities = await one<{ n: number }>(sql`select count(*)::int as n from authorities where member_state = 'DK'`);
    expect(coordinated).toEqual({ rows: dkAuthorities.n });
    expect(await attempt(dk, sql`update legal_areas set enabled = false returning code`)).toEqual({ rows: 0 });
    expect((await attempt(helpdesk, sql`update legal_areas set enabled = enabled returning code`)) as { rows: number }).toMatchObject({ rows: expect.any(Number) });
  });

  it("R-SEC-2: a request appends audit events in its own viewer's name only", async () => {
    const dk = viewerNamed("handler.dk@imi.example");
    const fr = viewerNamed("handler.fr@imi.example");
    const event = (userId: string | null, authorityId: string | null) =>
      sql`insert into audit_events (occurred_at, actor_user_id, actor_authority_id, action, fields, ground) values (now(), ${userId}, ${authorityId}, 'READ', '{DataSubject.fullName}', 'PARTICIPANT:INITIATOR')`;
    expect(await attempt(dk, event(dk.userId, dk.authorityId))).toEqual({ rows: 1 });
    for (const forged of [event(fr.userId, fr.authorityId), event(dk.userId, fr.authorityId), event(null, null)]) {
      expect(await attempt(dk, forged)).toMatchObject({ refused: expect.stringMatching(REFUSAL) });
    }
    expect(await attempt(null, event(fr.userId, fr.authorityId))).toMatchObject({ refused: expect.stringMatching(REFUSAL) });
  });

  it("R-SEC-1 R-USER-1 R-RETAIN-1 (fourth outside attack): no seat moved, no part or acceptance taken, no pending code replaced, no account reactivated, no closure back-dated or undone", async () => {
    const refused = { refused: expect.stringMatching(REFUSAL) };
    const de = viewerNamed("handler.de@imi.example");
    const fr = viewerNamed("handler.fr@imi.example");
    const admin = viewerNamed("admin.dk@imi.example");
    const coordinator = viewerNamed("coordinator.dk@imi.example");
    const portal = viewerNamed("portal.dk@imi.example");
    // A participation of DE's not initiated by it: DE accepts it (its own row), never makes itself the initiator.
    const responding = await one<{ id: string; procedure_id: string }>(
      sql`select id, procedure_id from participants where authority_id = ${de.authorityId} and part <> 'INITIATOR' and forwarded_at is null limit 1`,
    );
    expect(await attempt(de, sql`update participants set part = 'INITIATOR' where id = ${responding.id}`)).toMatchObject(refused);
    expect(await attempt(de, sql`update participants set authority_id = ${fr.authorityId} where id = ${responding.id}`)).toMatchObject(refused);
    const others = await one<{ id: string }>(sql`select id from participants where procedure_id = ${responding.procedure_id} and authority_id <> ${de.authorityId} limit 1`);
    expect(await attempt(de, sql`update participants set forwarded_at = now() where id = ${others.id} returning id`)).toEqual({ rows: 0 });
    expect(await attempt(admin, sql`update participants set accepted_at = now() where authority_id <> ${admin.authorityId} returning id`)).toEqual({ rows: 0 });
    // Nobody adds another authority as initiator, nor a responder an authority of another member state.
    const fresh = await one<{ id: string }>(sql`select id from authorities a where member_state = 'DE' and id <> ${de.authorityId} limit 1`);
    const foreign = await one<{ id: string }>(sql`select id from authorities a where member_state = 'FR' limit 1`);
    expect(await attempt(de, sql`insert into participants (procedure_id, authority_id, part, added_at) values (${responding.procedure_id}, ${fresh.id}, 'INITIATOR', now())`)).toMatchObject(refused);
    expect(await attempt(de, sql`insert into participants (procedure_id, authority_id, part, added_at) values (${responding.procedure_id}, ${foreign.id}, 'RECIPIENT', now())`)).toMatchObject(refused);
    // Pending enrolment codes are not a request's to read or replace.
    for (const viewer of [portal, admin, null]) {
      expect(await attempt(viewer, sql`select * from user_enrolments`)).toMatchObject(refused);
      expect(await attempt(viewer, sql`update user_enrolments set code_hash = 'known'`)).toMatchObject(refused);
    }
    // A deactivation is never undone by a request.
    const deactivated = await one<{ id: string }>(sql`select id from users where authority_id = ${admin.authorityId} and id <> ${admin.userId} limit 1`);
    await database.db.execute(sql`update users set active = false, deactivated_at = now(), contact_blocked_at = now() where id = ${deactivated.id}`);
    try {
      // Refused, or (the update policy reaches active accounts only) changing no row.
      const reactivation = await attempt(admin, sql`update users set active = true, deactivated_at = null, contact_blocked_at = null where id = ${deactivated.id}`);
      expect("refused" in reactivation || reactivation.rows === 0).toBe(true);
      expect(await one<{ active: boolean }>(sql`select active from users where id = ${deactivated.id}`)).toEqual({ active: false });
    } finally {
      await database.db.execute(sql`update users set active = true, deactivated_at = null, contact_blocked_at = null where id = ${deactivated.id}`);
    }
    // A closure is the request's time; a closed procedure stays closed; no last activity in the future.
    const own = await initiatedBy(de.authorityId);
    expect(await attempt(coordinator, sql`update procedures set status = 'CLOSED', closed_at = '2020-01-01' where id = ${own.id}`)).toMatchObject(refused);
    expect(await attempt(de, sql`update procedures set status = 'CLOSED', closed_at = '2020-01-01' where id = ${own.id}`)).toMatchObject(refused);
    expect(await attempt(de, sql`update procedures set last_activity_at = now() + interval '10 years' where id = ${own.id}`)).toMatchObject(refused);
    const closed = await one<{ id: string } | undefined>(
      sql`select p.id from procedures p join participants pa on pa.procedure_id = p.id and pa.authority_id = ${viewerNamed("handler.dk@imi.example").authorityId} where p.status = 'CLOSED' and p.blocked_at is null limit 1`,
    );
    if (closed) expect(await attempt(viewerNamed("handler.dk@imi.example"), sql`update procedures set status = 'ANSWERED', closed_at = null where id = ${closed.id}`)).toMatchObject(refused);
    expect(await attempt(viewerNamed("helpdesk@imi.example"), sql`delete from blocked_data_retrievals`)).toMatchObject(refused);
  });

  it("R-ACCESS-1 R-ACCESS-2 R-RETAIN-6 (fourth outside attack): no request is pointed at another's data, forged as decided, escalated by the helpdesk, or filed as an approved early deletion", async () => {
    const refused = { refused: expect.stringMatching(REFUSAL) };
    const portal = viewerNamed("portal.dk@imi.example");
    const fr = viewerNamed("handler.fr@imi.example");
    const dk = viewerNamed("handler.dk@imi.example");
    const helpdesk = viewerNamed("helpdesk@imi.example");
    const dkProcedure = await initiatedBy(dk.authorityId);
    const subject = await one<{ id: string }>(sql`select id from data_subjects where procedure_id = ${dkProcedure.id} limit 1`);
    const [filed] = await database.db
      .insert(dataSubjectRequests)
      .values({ kind: "ACCESS", receivingAuthorityId: fr.authorityId, filedByUserId: portal.userId, receivedAt: new Date(), dueAt: new Date(Date.now() + 30 * 86_400_000) })
      .returning({ id: dataSubjectRequests.id });
    const id = filed!.id;
    // The portal changes no request at all; the receiving FR handler links only to a procedure FR takes part in.
    expect(await attempt(portal, sql`update data_subject_requests set status = 'COMPLETED', completed_at = now() where id = ${id} returning id`)).toEqual({ rows: 0 });
    expect(await attempt(fr, sql`update data_subject_requests set procedure_id = ${dkProcedure.id}, data_subject_id = ${subject.id} where id = ${id}`)).toMatchObject(refused);
    expect(await attempt(fr, sql`update data_subject_requests set decided_at = now(), decided_by_user_id = ${dk.userId}, status = 'APPROVED' where id = ${id}`)).toMatchObject(refused);
    // The helpdesk neither escalates nor links, decides or retargets a request it did not receive.
    for (const change of [sql`escalated_at = now()`, sql`procedure_id = ${dkProcedure.id}`, sql`decided_by_user_id = ${helpdesk.userId}, decided_at = now()`]) {
      expect(await attempt(helpdesk, sql`update data_subject_requests set ${change} where id = ${id}`)).toMatchObject(refused);
    }
    // A step in another's name, or the helpdesk's own step by an authority, is refused.
    expect(
      await attempt(fr, sql`insert into data_subject_request_steps (request_id, kind, actor_user_id, actor_authority_id, at) values (${id}, 'REPORT_PRODUCED', ${helpdesk.userId}, ${helpdesk.authorityId}, now())`),
    ).toMatchObject(refused);
    expect(await attempt(fr, sql`insert into data_subject_request_steps (request_id, kind, actor_user_id, actor_authority_id, at) values (${id}, 'REPORT_PRODUCED', ${fr.userId}, ${fr.authorityId}, now())`)).toMatchObject(refused);
    expect(await attempt(fr, sql`insert into data_subject_request_steps (request_id, kind, actor_user_id, actor_authority_id, at) values (${id}, 'LINKED', ${fr.userId}, ${fr.authorityId}, now())`)).toEqual({ rows: 1 });
    // Filed already linked, decided or finished: refused; an early deletion only of a procedure whose data the filer reads.
    const file = (viewer: Viewer, columns: SQL) =>
      attempt(viewer, sql`insert into data_subject_requests (kind, status, receiving_authority_id, procedure_id, filed_by_user_id, received_at, due_at, completed_at) values ${columns}`);
    expect(await file(portal, sql`('ACCESS', 'COMPLETED', ${fr.authorityId}, ${dkProcedure.id}, ${portal.userId}, now(), now(), now())`)).toMatchObject(refused);
    expect(await file(portal, sql`('EARLY_DELETION', 'APPROVED', ${fr.authorityId}, ${dkProcedure.id}, ${portal.userId}, now(), now(), null)`)).toMatchObject(refused);
    expect(await file(fr, sql`('EARLY_DELETION', 'APPROVED', ${fr.authorityId}, ${dkProcedure.id}, ${fr.userId}, now(), now(), null)`)).toMatchObject(refused);
    expect(await file(dk, sql`('EARLY_DELETION', 'APPROVED', ${dk.authorityId}, ${dkProcedure.id}, ${dk.userId}, now(), now(), null)`)).toEqual({ rows: 1 });
    expect(await file(portal, sql`('ACCESS', 'RECEIVED', ${fr.authorityId}, null, ${portal.userId}, now(), now(), null)`)).toEqual({ rows: 1 });
  });

  it("R-RETAIN-1 R-RETAIN-3: the retention job's lease, runs, reminders and shredded partitions are not a request's to write", async () => {
    const helpdesk = viewerNamed("helpdesk@imi.example");
    for (const statement of [
      sql`select * from retention_lease`,
      sql`update retention_lease set expires_at = now() + interval '100 years'`,
      sql`insert into retention_runs (as_of, dry_run, started_at) values (now(), false, now())`,
      sql`update reminders set resolved_at = now()`,
      sql`delete from personal_data_key_shreds`,
      sql`delete from procedure_escalations`,
    ]) {
      expect(await attempt(helpdesk, statement)).toMatchObject({ refused: expect.stringMatching(REFUSAL) });
    }
  });
});
