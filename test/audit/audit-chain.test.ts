import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Viewer } from "../../src/auth/viewer.js";
import type { Database } from "../../src/db/database.js";
import { auditEvents } from "../../src/db/schema/index.js";
import { auditEventHash, canonicalText, GENESIS_HASH } from "../../src/modules/audit/audit-chain.js";
import { AuditRepository, type AuditEventInsert } from "../../src/modules/audit/audit.repository.js";
import { graphql } from "../generated/gql.js";
import { codes } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite, type Suite } from "../helpers/suite.js";
import type { World } from "../helpers/world.js";
import { lastPosition, snapshot } from "./audit-fixtures.js";

const VERIFY = graphql(`
  query AuditTestVerifyChain {
    verifyAuditChain {
      valid
      eventsChecked
      chains
      firstBrokenChain
      firstBrokenPosition
      firstBrokenEventId
      problem
      lastPosition
      lastHash
    }
  }
`);

function event(world: World, overrides: Partial<AuditEventInsert> = {}): AuditEventInsert {
  return {
    occurredAt: world.api.clock.now(),
    actorUserId: world.user.handlerDk.id,
    actorAuthorityId: world.authority.dk,
    action: "READ",
    procedureId: null,
    dataSubjectId: null,
    fields: ["DataSubject.fullName"],
    ground: "PARTICIPANT:INITIATOR",
    requestId: `audit-test-${world.tag}`,
    ...overrides,
  };
}

/** Inserts events in one statement and returns them as stored, in chain order. */
async function insert(db: Database, events: AuditEventInsert[]) {
  const rows = await db.insert(auditEvents).values(events).returning();
  return rows.sort((a, b) => a.chainPosition - b.chainPosition);
}

/** Runs `change` with a trigger disabled, in one transaction: nobody else ever sees the trigger off. */
async function withTriggerDisabled(db: Database, trigger: "audit_events_append_only" | "audit_events_chain", change: (tx: Database) => Promise<unknown>) {
  await db.transaction(async (tx) => {
    await tx.execute(sql.raw(`alter table audit_events disable trigger ${trigger}`));
    await change(tx as unknown as Database);
    await tx.execute(sql.raw(`alter table audit_events enable trigger ${trigger}`));
  });
}

async function verifyAsCommission(suite: Suite, world: World) {
  const result = await suite.api.execute(VERIFY, {}, await world.token(world.user.helpdesk));
  expect(result.errors).toBeUndefined();
  return result.data!.verifyAuditChain;
}

describe.each(DRIVERS)("audit log hash chain on %s", (driver) => {
  const suite = useSuite(driver);

  it("R-SEC-2 chains a multi-row insert row by row: consecutive positions, each linked to the one before", async () => {
    const world = await suite.world();
    const before = await lastPosition(suite.db.db);
    const [previous] = await suite.db.db.select().from(auditEvents).where(eq(auditEvents.chainPosition, before));
    const rows = await insert(suite.db.db, [event(world), event(world, { action: "CREATE" }), event(world, { fields: [] })]);
    expect(rows.map((r) => r.chainPosition)).toEqual([before + 1, before + 2, before + 3]);
    expect(rows[0]!.prevHash).toBe(previous?.hash ?? GENESIS_HASH);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(rows[2]!.prevHash).toBe(rows[1]!.hash);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(3);
  });

  it("R-SEC-2 assigns position and hashes itself, whatever an insert sends", async () => {
    const world = await suite.world();
    const before = await lastPosition(suite.db.db);
    const [row] = await insert(suite.db.db, [event(world, { chainPosition: 1, prevHash: "forged", hash: "forged" })]);
    expect(row!.chainPosition).toBe(before + 1);
    expect(row!.prevHash).not.toBe("forged");
    expect(row!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("computes in TypeScript the same hash as the trigger, for awkward content and in any session time zone", async () => {
    const world = await suite.world();
    const awkward: AuditEventInsert[] = [
      event(world, { ground: "a|b", fields: ["x|y", "1:2", "-", ""], requestId: null }),
      event(world, { ground: "Ærø – ĳ 🇩🇰", fields: ["Ø", "naïve"], actorUserId: null, actorAuthorityId: null }),
      event(world, { ground: "-", fields: [], procedureId: null, dataSubjectId: "9b2f1c7e-0d3a-4f5e-8a6b-1c2d3e4f5a6b" }),
      // Microseconds, which a JS Date cannot hold.
      event(world, { occurredAt: sql`'2026-06-01T09:00:00.123456Z'::timestamptz` as unknown as Date }),
    ];
    const before = await lastPosition(suite.db.db);
    await suite.db.db.transaction(async (tx) => {
      // The canonical time is UTC whatever the session's zone.
      await tx.execute(sql`set local time zone 'Pacific/Chatham'`);
      await tx.insert(auditEvents).values(awkward);
    });
    const links = await new AuditRepository(suite.db.db).chainAfter(0, before, 100);
    expect(links).toHaveLength(awkward.length);
    for (const link of links) expect(auditEventHash(link.prevHash, link), canonicalText(link)).toBe(link.hash);
    expect(links[3]!.occurredAt).toBe(String(BigInt(Date.parse("2026-06-01T09:00:00Z")) * 1000n + 123456n));
    expect(canonicalText(links[3]!)).toContain("|27:2026-06-01T09:00:00.123456Z|");
    // A row read through drizzle (a Date, milliseconds) hashes the same when it has no microseconds.
    const [stored] = await suite.db.db.select().from(auditEvents).where(and(eq(auditEvents.chainId, 0), eq(auditEvents.chainPosition, before + 1)));
    expect(auditEventHash(stored!.prevHash, stored!)).toBe(stored!.hash);
  });

  it("R-SEC-2 refuses UPDATE, DELETE and TRUNCATE of audit_events in SQL, and nothing changes", async () => {
    const world = await suite.world();
    const [row] = await insert(suite.db.db, [event(world)]);
    const before = await snapshot(suite.db.db);
    const attempts = [
      sql`update audit_events set ground = 'FORGED' where id = ${row!.id}`,
      sql`update audit_events set ground = ground`,
      sql`delete from audit_events where id = ${row!.id}`,
      sql`delete from audit_events`,
      sql`truncate audit_events`,
    ];
    for (const statement of attempts) {
      const error = await suite.db.db.execute(statement).then(
        () => null,
        (e: unknown) => e as Error & { cause?: Error },
      );
      // drizzle wraps the database's error as its cause.
      expect(error?.cause?.message ?? error?.message).toMatch(/^audit_events is append-only: (UPDATE|DELETE|TRUNCATE) refused/);
    }
    expect(await snapshot(suite.db.db)).toEqual(before);
  });

  it("R-SEC-2 verifyAuditChain finds an altered ground by its position, and the chain valid again once restored", async () => {
    const world = await suite.world();
    const rows = await insert(suite.db.db, [event(world), event(world, { ground: "PARTICIPANT:ACCEPTED" }), event(world)]);
    const target = rows[1]!;
    expect(await verifyAsCommission(suite, world)).toMatchObject({ valid: true, firstBrokenPosition: null, problem: null });

    await withTriggerDisabled(suite.db.db, "audit_events_append_only", (tx) =>
      tx.update(auditEvents).set({ ground: "COMMISSION_ROUTE:forged" }).where(eq(auditEvents.id, target.id)),
    );
    const report = await verifyAsCommission(suite, world);
    expect(report).toMatchObject({
      valid: false,
      firstBrokenPosition: target.chainPosition,
      firstBrokenEventId: String(target.id),
      eventsChecked: target.chainPosition,
      lastPosition: target.chainPosition - 1,
      lastHash: target.prevHash,
    });
    expect(report.problem).toMatch(/^Hash mismatch/);

    await withTriggerDisabled(suite.db.db, "audit_events_append_only", (tx) =>
      tx.update(auditEvents).set({ ground: target.ground }).where(eq(auditEvents.id, target.id)),
    );
    expect(await verifyAsCommission(suite, world)).toMatchObject({ valid: true });
  });

  it("R-SEC-2 verifyAuditChain reports a deleted event as a gap in positions", async () => {
    const world = await suite.world();
    const rows = await insert(suite.db.db, [event(world), event(world, { action: "CREATE" }), event(world)]);
    const [deleted, next] = [rows[1]!, rows[2]!];
    await withTriggerDisabled(suite.db.db, "audit_events_append_only", (tx) => tx.delete(auditEvents).where(eq(auditEvents.id, deleted.id)));
    const report = await verifyAsCommission(suite, world);
    expect(report).toMatchObject({ valid: false, firstBrokenPosition: deleted.chainPosition, firstBrokenEventId: String(next.id) });
    expect(report.problem).toMatch(/^Gap in positions/);

    // Put back as it was (with the chain trigger off, so its stored position and hashes are kept).
    await withTriggerDisabled(suite.db.db, "audit_events_chain", (tx) => tx.insert(auditEvents).values(deleted));
    expect(await verifyAsCommission(suite, world)).toMatchObject({ valid: true });
  });

  it("R-SEC-2 verifyAuditChain reports a rewritten event whose hash was recomputed as a broken link at the next one", async () => {
    const world = await suite.world();
    const rows = await insert(suite.db.db, [event(world), event(world), event(world)]);
    const [target, next] = [rows[1]!, rows[2]!];
    const forged = { ...target, ground: "forged" };
    await withTriggerDisabled(suite.db.db, "audit_events_append_only", (tx) =>
      tx.update(auditEvents).set({ ground: forged.ground, hash: auditEventHash(target.prevHash, forged) }).where(eq(auditEvents.id, target.id)),
    );
    const report = await verifyAsCommission(suite, world);
    expect(report).toMatchObject({ valid: false, firstBrokenPosition: next.chainPosition, firstBrokenEventId: String(next.id) });
    expect(report.problem).toMatch(/^prev_hash mismatch/);

    await withTriggerDisabled(suite.db.db, "audit_events_append_only", (tx) =>
      tx.update(auditEvents).set({ ground: target.ground, hash: target.hash }).where(eq(auditEvents.id, target.id)),
    );
    expect(await verifyAsCommission(suite, world)).toMatchObject({ valid: true });
  });

  it("verifies the whole chain in bounded batches, with the same answer whatever the batch size", async () => {
    const world = await suite.world();
    await insert(suite.db.db, Array.from({ length: 7 }, () => event(world)));
    const [total] = await suite.db.db.select({ n: count() }).from(auditEvents);
    const commission: Viewer = { userId: world.user.helpdesk.id, authorityId: world.authority.helpdesk, memberState: "EU", roles: ["COMMISSION"] };
    const reports = await Promise.all([1, 2, 3, 1000].map((size) => suite.api.api.services.audit.verifyChain(commission, size)));
    for (const report of reports) {
      expect(report).toEqual({ ...reports[0], valid: true, eventsChecked: total!.n });
    }
    expect(reports[0]!.lastPosition).toBe(await lastPosition(suite.db.db));
  });

  it("verifyAuditChain is the Commission's alone: FORBIDDEN to everyone else, UNAUTHENTICATED without a login", async () => {
    const world = await suite.world();
    for (const user of ["handlerDk", "adminDk", "coordinatorDk", "portalDk"] as const) {
      const result = await suite.api.execute(VERIFY, {}, await world.token(world.user[user]));
      expect(codes(result), user).toEqual(["FORBIDDEN"]);
      expect(result.data, user).toBeNull();
    }
    expect(codes(await suite.api.execute(VERIFY, {}))).toEqual(["UNAUTHENTICATED"]);
  });

  it.runIf(driver === "postgres")("R-SEC-2 concurrent inserting transactions append to chains of their own, none waits for another, none forks", async () => {
    const world = await suite.world();
    const tag = `concurrent-${world.tag}`;
    // Each transaction inserts, holds its chain a moment, inserts again. With one chain (before issue
    // 14) the others queued behind it; now each takes a chain no running transaction holds.
    let inside = 0;
    let overlapped = 0;
    await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        suite.db.db.transaction(async (tx) => {
          await tx.insert(auditEvents).values([event(world, { requestId: `${tag}-${i}` }), event(world, { requestId: `${tag}-${i}` })]);
          inside += 1;
          overlapped = Math.max(overlapped, inside);
          await tx.execute(sql`select pg_sleep(0.2)`);
          await tx.insert(auditEvents).values(event(world, { requestId: `${tag}-${i}` }));
          inside -= 1;
        }),
      ),
    );
    // All four were past their first insert at once: nobody waited for another's commit.
    expect(overlapped).toBe(4);
    const rows = await suite.db.db
      .select()
      .from(auditEvents)
      .where(inArray(auditEvents.requestId, [0, 1, 2, 3].map((i) => `${tag}-${i}`)))
      .orderBy(asc(auditEvents.chainId), asc(auditEvents.chainPosition));
    const byRequest = new Map<string | null, typeof rows>();
    for (const r of rows) byRequest.set(r.requestId, [...(byRequest.get(r.requestId) ?? []), r]);
    expect(new Set(rows.map((r) => r.chainId)).size).toBe(4);
    for (const events of byRequest.values()) {
      // One transaction, one chain, consecutive positions, each linked to the one before.
      expect(new Set(events.map((e) => e.chainId)).size).toBe(1);
      expect(events.map((e) => e.chainPosition - events[0]!.chainPosition)).toEqual([0, 1, 2]);
      for (let k = 1; k < events.length; k++) expect(events[k]!.prevHash).toBe(events[k - 1]!.hash);
    }
    const report = await verifyAsCommission(suite, world);
    expect(report).toMatchObject({ valid: true, firstBrokenChain: null });
    expect(report.chains).toBeGreaterThanOrEqual(4);

    // R-SEC-2: an event inserted into the middle of another chain than 0 is named there.
    const other = rows.find((r) => r.chainId !== 0)!;
    const chainRows = rows.filter((r) => r.chainId === other.chainId);
    const [forgedNext] = await suite.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.chainId, other.chainId), eq(auditEvents.chainPosition, chainRows[0]!.chainPosition + 1)));
    await withTriggerDisabled(suite.db.db, "audit_events_append_only", (tx) =>
      tx.update(auditEvents).set({ chainPosition: 1_000_000 }).where(eq(auditEvents.id, forgedNext!.id)),
    );
    const inserted = {
      ...event(world, { requestId: `${tag}-forged` }),
      chainId: other.chainId,
      chainPosition: forgedNext!.chainPosition,
      prevHash: chainRows[0]!.hash,
    };
    await withTriggerDisabled(suite.db.db, "audit_events_chain", (tx) =>
      tx.insert(auditEvents).values({ ...inserted, hash: "0".repeat(64) }),
    );
    const afterInsert = await verifyAsCommission(suite, world);
    expect(afterInsert).toMatchObject({ valid: false, firstBrokenChain: other.chainId, firstBrokenPosition: forgedNext!.chainPosition });
    expect(afterInsert.problem).toMatch(/^Hash mismatch/);

    await withTriggerDisabled(suite.db.db, "audit_events_append_only", async (tx) => {
      await tx.delete(auditEvents).where(eq(auditEvents.requestId, `${tag}-forged`));
      await tx.update(auditEvents).set({ chainPosition: forgedNext!.chainPosition }).where(eq(auditEvents.id, forgedNext!.id));
    });
    expect(await verifyAsCommission(suite, world)).toMatchObject({ valid: true });
  });

  it("R-SEC-2 verifyAuditChain names an event moved outside every chain", async () => {
    const world = await suite.world();
    const [row] = await insert(suite.db.db, [event(world)]);
    await withTriggerDisabled(suite.db.db, "audit_events_append_only", (tx) =>
      tx.update(auditEvents).set({ chainId: 99 }).where(eq(auditEvents.id, row!.id)),
    );
    const report = await verifyAsCommission(suite, world);
    expect(report).toMatchObject({ valid: false, firstBrokenChain: 99, firstBrokenEventId: String(row!.id) });
    expect(report.problem).toMatch(/outside the log's chains/);
    await withTriggerDisabled(suite.db.db, "audit_events_append_only", (tx) =>
      tx.update(auditEvents).set({ chainId: 0 }).where(eq(auditEvents.id, row!.id)),
    );
    expect(await verifyAsCommission(suite, world)).toMatchObject({ valid: true });
  });

  it("R-SEC-2 leaves no gap when an inserting transaction rolls back", async () => {
    const world = await suite.world();
    const before = await lastPosition(suite.db.db);
    await expect(
      suite.db.db.transaction(async (tx) => {
        await tx.insert(auditEvents).values(event(world));
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    const [row] = await insert(suite.db.db, [event(world)]);
    expect(row!.chainPosition).toBe(before + 1);
    expect(await verifyAsCommission(suite, world)).toMatchObject({ valid: true });
  });
});
