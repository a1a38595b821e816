import { and, count, desc, eq, gt, inArray, sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { auditEvents, authorities } from "../../src/db/schema/index.js";
import { AuditRepository } from "../../src/modules/audit/audit.repository.js";
import { graphql } from "../generated/gql.js";
import type { AuditTestEventsQuery, AuditTestEventsQueryVariables } from "../generated/graphql.js";
import { codes, type Result } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { START, useSuite } from "../helpers/suite.js";
import type { World } from "../helpers/world.js";
import { PROCEDURE_PERSONAL_DATA, PROCEDURES } from "../operations.js";
import { exchangeWithPersonalData, executeWithRequestId, lastPosition } from "./audit-fixtures.js";

const AUDIT_EVENTS = graphql(`
  query AuditTestEvents($filter: AuditEventFilter, $first: Int, $after: String) {
    auditEvents(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          id
          chainPosition
          occurredAt
          action
          procedureId
          dataSubjectId
          fields
          ground
          requestId
          prevHash
          hash
          actor {
            id
            name
          }
          actorAuthority {
            id
            memberState
          }
        }
      }
    }
  }
`);

type Filter = AuditTestEventsQueryVariables["filter"];

/** Ids of all the events a viewer gets for a filter, walking every page. */
async function allIds(world: World, token: string, filter: Filter, first = 100) {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page: Result<AuditTestEventsQuery> = await world.api.execute(AUDIT_EVENTS, { filter, first, after }, token);
    expect(page.errors).toBeUndefined();
    const connection = page.data!.auditEvents;
    ids.push(...connection.edges.map((e) => e.node.id));
    if (!connection.pageInfo.hasNextPage) return { ids, totalCount: connection.totalCount };
    after = connection.pageInfo.endCursor;
  }
}

/** The events of some procedures straight from the table, newest first, for expectations. */
function eventsOf(world: World, procedureIds: string[]) {
  return world.db.select().from(auditEvents).where(inArray(auditEvents.procedureId, procedureIds)).orderBy(desc(auditEvents.chainPosition));
}

describe.each(DRIVERS)("audit events on %s", (driver) => {
  const suite = useSuite(driver);
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("R-SEC-2 records a case handler's read of personal data as exactly the expected events, in one insert", async () => {
    const world = await suite.world();
    const { id, dataSubjectId } = await exchangeWithPersonalData(world);
    const dk = await world.token(world.user.handlerDk);
    const before = await lastPosition(suite.db.db);
    const inserts = vi.spyOn(AuditRepository.prototype, "insertMany");
    suite.api.clock.set(new Date(START.getTime() + 60_000));

    const requestId = `AuditTest-read-${world.tag}`;
    const read = await executeWithRequestId(suite.api, PROCEDURE_PERSONAL_DATA, { id }, dk, requestId);
    expect(read.errors).toBeUndefined();
    expect(read.data?.procedure?.dataSubjects?.[0]?.sensitiveRecords[0]?.category).toBe("DISCIPLINARY");

    // One statement for the whole request, written when the response is sent.
    expect(inserts).toHaveBeenCalledTimes(1);
    const events = await suite.db.db.select().from(auditEvents).where(gt(auditEvents.chainPosition, before)).orderBy(auditEvents.chainPosition);
    const common = {
      occurredAt: new Date(START.getTime() + 60_000),
      actorUserId: world.user.handlerDk.id,
      actorAuthorityId: world.authority.dk,
      action: "READ",
      procedureId: id,
      ground: "PARTICIPANT:INITIATOR",
      requestId,
    };
    const byKind = (prefix: string) => events.filter((e) => e.fields[0]?.startsWith(prefix));
    expect(events).toHaveLength(3);
    expect(byKind("DataSubject.")).toEqual([
      expect.objectContaining({
        ...common,
        dataSubjectId,
        fields: ["DataSubject.id", "DataSubject.fullName", "DataSubject.nationalIdentifier", "DataSubject.sensitiveRecords"],
      }),
    ]);
    expect(byKind("SensitiveRecord.")).toEqual([
      expect.objectContaining({ ...common, dataSubjectId, fields: ["SensitiveRecord.id", "SensitiveRecord.category", "SensitiveRecord.details"] }),
    ]);
    expect(byKind("Message.")).toEqual([
      expect.objectContaining({ ...common, dataSubjectId: null, fields: ["Message.id", "Message.body", "Message.confidential", "Message.author"] }),
    ]);
    // One insert, so one unbroken run of the chain.
    expect(events.map((e) => e.chainPosition)).toEqual([before + 1, before + 2, before + 3]);

    // The same events through the API, as the case handler sees its own log.
    const listed = await suite.api.execute(AUDIT_EVENTS, { filter: { procedureId: id, occurredFrom: common.occurredAt.toISOString() } }, dk);
    expect(listed.data?.auditEvents.totalCount).toBe(3);
    expect(listed.data?.auditEvents.edges.map((e) => e.node)).toEqual(
      [...events].reverse().map((e) =>
        expect.objectContaining({
          id: String(e.id),
          chainPosition: e.chainPosition,
          occurredAt: common.occurredAt.toISOString(),
          requestId,
          hash: e.hash,
          prevHash: e.prevHash,
          actor: { id: world.user.handlerDk.id, name: `handlerDk ${world.tag}` },
          actorAuthority: { id: world.authority.dk, memberState: "DK" },
        }),
      ),
    );
  });

  it("R-SEC-2 a request that reads no personal data writes no audit event", async () => {
    const world = await suite.world();
    const { id } = await exchangeWithPersonalData(world);
    const before = await lastPosition(suite.db.db);
    const inserts = vi.spyOn(AuditRepository.prototype, "insertMany");
    const result = await suite.api.execute(PROCEDURES, { filter: null, first: 10 }, await world.token(world.user.handlerDk));
    expect(result.data?.procedures.edges.map((e) => e.node.id)).toContain(id);
    expect(inserts).not.toHaveBeenCalled();
    expect(await lastPosition(suite.db.db)).toBe(before);
  });

  it("scopes audit events per role in SQL: Commission all, coordinator its state, local admin its authority, case handler its own, portal none", async () => {
    const world = await suite.world();
    // DK → DE, and DK2 (another Danish authority) → FR: reads and writes by four authorities in three states.
    const first = await exchangeWithPersonalData(world, "handlerDk", "handlerDe");
    const second = await exchangeWithPersonalData(world, "handlerDk2", "handlerFr");
    await suite.api.execute(PROCEDURE_PERSONAL_DATA, { id: first.id }, await world.token(world.user.handlerDe));
    await suite.api.execute(PROCEDURE_PERSONAL_DATA, { id: first.id }, await world.token(world.user.handlerDk));
    await suite.api.execute(PROCEDURE_PERSONAL_DATA, { id: second.id }, await world.token(world.user.handlerFr));
    const all = await eventsOf(world, [first.id, second.id]);
    const stateOf = new Map(
      (await suite.db.db.select().from(authorities).where(inArray(authorities.id, Object.values(world.authority)))).map((a) => [a.id, a.memberState]),
    );
    expect(new Set(all.map((e) => e.actorAuthorityId))).toEqual(
      new Set([world.authority.dk, world.authority.de, world.authority.dk2, world.authority.fr]),
    );

    const expectations: [keyof World["user"], (e: (typeof all)[number]) => boolean][] = [
      ["helpdesk", () => true],
      ["coordinatorDk", (e) => stateOf.get(e.actorAuthorityId!) === "DK"],
      ["adminDk", (e) => e.actorAuthorityId === world.authority.dk],
      ["handlerDk", (e) => e.actorUserId === world.user.handlerDk.id],
      ["handlerDe", (e) => e.actorUserId === world.user.handlerDe.id],
      ["portalDk", () => false],
    ];
    for (const [user, visible] of expectations) {
      const token = await world.token(world.user[user]);
      const seen: string[] = [];
      let total = 0;
      for (const procedureId of [first.id, second.id]) {
        const { ids, totalCount } = await allIds(world, token, { procedureId }, 3);
        seen.push(...ids);
        total += totalCount;
      }
      const expected = all.filter(visible).map((e) => String(e.id));
      expect(new Set(seen), user).toEqual(new Set(expected));
      expect(seen, user).toHaveLength(expected.length);
      expect(total, user).toBe(expected.length);
    }
    // Events a case handler did not do itself are not there even when asked for by name.
    const byOther = await suite.api.execute(
      AUDIT_EVENTS,
      { filter: { procedureId: first.id, actorUserId: world.user.handlerDe.id } },
      await world.token(world.user.handlerDk),
    );
    expect(byOther.data?.auditEvents).toMatchObject({ totalCount: 0, edges: [] });
  });

  it("counts, without a filter, only the events the coordinator may see, all of its member state", async () => {
    const world = await suite.world();
    await exchangeWithPersonalData(world, "handlerDk", "handlerDe");
    const [expected] = await suite.db.db
      .select({ n: count() })
      .from(auditEvents)
      .innerJoin(authorities, eq(authorities.id, auditEvents.actorAuthorityId))
      .where(eq(authorities.memberState, "DK"));
    const token = await world.token(world.user.coordinatorDk);
    const page = await suite.api.execute(AUDIT_EVENTS, { first: 100 }, token);
    expect(page.data?.auditEvents.totalCount).toBe(expected!.n);
    expect(page.data?.auditEvents.edges.every((e) => e.node.actorAuthority?.memberState === "DK")).toBe(true);
    const { ids, totalCount } = await allIds(world, token, null, 100);
    expect(ids).toHaveLength(totalCount);
  });

  it("a portal gets an empty page, not an error; no login is UNAUTHENTICATED", async () => {
    const world = await suite.world();
    await exchangeWithPersonalData(world);
    const portal = await suite.api.execute(AUDIT_EVENTS, {}, await world.token(world.user.portalDk));
    expect(portal.errors).toBeUndefined();
    expect(portal.data?.auditEvents).toMatchObject({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
    const anonymous = await suite.api.execute(AUDIT_EVENTS, {});
    expect(codes(anonymous)).toEqual(["UNAUTHENTICATED"]);
    expect(anonymous.data).toBeNull();
  });

  it("pages newest first by id, without overlap or loss, and refuses forged cursors", async () => {
    const world = await suite.world();
    const { id } = await exchangeWithPersonalData(world);
    for (let i = 0; i < 3; i++) await suite.api.execute(PROCEDURE_PERSONAL_DATA, { id }, await world.token(world.user.handlerDe));
    const expected = (await eventsOf(world, [id])).map((e) => String(e.id));
    expect(expected.length).toBeGreaterThan(7);
    const helpdesk = await world.token(world.user.helpdesk);

    const pages: string[][] = [];
    let after: string | null = null;
    for (;;) {
      const page: Result<AuditTestEventsQuery> = await suite.api.execute(AUDIT_EVENTS, { filter: { procedureId: id }, first: 3, after }, helpdesk);
      const connection = page.data!.auditEvents;
      expect(connection.totalCount).toBe(expected.length);
      expect(connection.pageInfo.hasPreviousPage).toBe(false);
      expect(connection.pageInfo.startCursor).toBe(connection.edges[0]?.cursor ?? null);
      pages.push(connection.edges.map((e) => e.node.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(pages.flat()).toEqual(expected);
    expect(pages.slice(0, -1).every((page) => page.length === 3)).toBe(true);

    const procedureCursor = (await suite.api.execute(PROCEDURES, { first: 1 }, await world.token(world.user.handlerDk))).data!.procedures
      .pageInfo.endCursor!;
    for (const forged of ["abc", procedureCursor, Buffer.from("audit:-1").toString("base64url"), Buffer.from("audit:1e3").toString("base64url")]) {
      const result = await suite.api.execute(AUDIT_EVENTS, { first: 3, after: forged }, helpdesk);
      expect(codes(result), forged).toEqual(["BAD_USER_INPUT"]);
      expect(result.errors?.[0]?.extensions?.field).toBe("after");
    }
    for (const first of [0, 101]) {
      expect(codes(await suite.api.execute(AUDIT_EVENTS, { first }, helpdesk))).toEqual(["BAD_USER_INPUT"]);
    }
  });

  it("filters by procedure, data subject, actor, action and time", async () => {
    const world = await suite.world();
    const { id, dataSubjectId } = await exchangeWithPersonalData(world);
    const later = new Date(START.getTime() + 10 * 60_000);
    suite.api.clock.set(later);
    await suite.api.execute(PROCEDURE_PERSONAL_DATA, { id }, await world.token(world.user.handlerDe));
    const all = await eventsOf(world, [id]);
    const helpdesk = await world.token(world.user.helpdesk);
    const ids = async (filter: Filter) => (await allIds(world, helpdesk, { procedureId: id, ...filter })).ids;
    const expected = (keep: (e: (typeof all)[number]) => boolean) => all.filter(keep).map((e) => String(e.id));

    expect(await ids({})).toEqual(expected(() => true));
    expect(await ids({ dataSubjectId })).toEqual(expected((e) => e.dataSubjectId === dataSubjectId));
    expect(await ids({ actorUserId: world.user.handlerDe.id })).toEqual(expected((e) => e.actorUserId === world.user.handlerDe.id));
    expect(await ids({ action: "CREATE" })).toEqual(expected((e) => e.action === "CREATE"));
    expect(await ids({ occurredFrom: later.toISOString() })).toEqual(expected((e) => e.occurredAt >= later));
    expect(await ids({ occurredTo: later.toISOString() })).toEqual(expected((e) => e.occurredAt < later));
    expect(await ids({ action: "READ", occurredFrom: later.toISOString(), actorUserId: world.user.handlerDe.id })).toHaveLength(3);
    // Malformed ids match nothing (rather than failing as a cast error).
    expect(await ids({ dataSubjectId: "not-a-uuid" })).toEqual([]);
    expect(await ids({ actorUserId: "42" })).toEqual([]);
    // The sensitive-record read at creation is recorded too, with the writer's ground.
    const [created] = await suite.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.procedureId, id), eq(auditEvents.action, "READ"), sql`${auditEvents.occurredAt} < ${later.toISOString()}::timestamptz`));
    expect(created).toMatchObject({ actorUserId: world.user.handlerDk.id, dataSubjectId });
  });
});
