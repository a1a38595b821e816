import { describe, expect, it } from "vitest";
import { codes, type Result } from "../helpers/api.js";
import type { ProceduresQuery } from "../generated/graphql.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import type { World } from "../helpers/world.js";
import { ACCEPT, CREATE_PROCEDURE, PROCEDURES, PROCEDURES_WITH_PERSONAL_DATA, SEND } from "../operations.js";

async function create(world: World, to: string, options: { send?: boolean; kind?: "REQUEST" | "ALERT"; area?: string } = {}) {
  const dk = await world.token(world.user.handlerDk);
  const result = await world.api.execute(
    CREATE_PROCEDURE,
    {
      input: {
        kind: options.kind ?? "REQUEST",
        legalAreaCode: options.area ?? "SERVICES",
        subject: "Check",
        justification: "Needed.",
        recipientAuthorityIds: [to],
      },
    },
    dk,
  );
  const id = result.data!.createProcedure.id;
  if (options.send ?? true) await world.api.execute(SEND, { id }, dk);
  world.api.clock.advance(1000);
  return id;
}

describe.each(DRIVERS)("procedures list on %s", (driver) => {
  const suite = useSuite(driver);

  it("scopes rows in SQL: each role sees exactly its procedures, and totalCount counts only those", async () => {
    const world = await suite.world();
    const toDe = [await create(world, world.authority.de), await create(world, world.authority.de)];
    const toFr = await create(world, world.authority.fr);
    const draft = await create(world, world.authority.de, { send: false });
    const ids = async (user: keyof World["user"]) => {
      const result = await suite.api.execute(PROCEDURES, { first: 100 }, await world.token(world.user[user]));
      expect(result.errors, user).toBeUndefined();
      return new Set(result.data!.procedures.edges.map((e) => e.node.id));
    };
    const mine = new Set([...toDe, toFr, draft]);
    const onlyWorld = (all: Set<string>) => new Set([...all].filter((id) => mine.has(id)));

    expect(await ids("handlerDk")).toEqual(mine);
    expect(await ids("adminDk")).toEqual(mine);
    // The responder sees what was sent to it, not the draft; other authorities see nothing.
    expect(await ids("handlerDe")).toEqual(new Set(toDe));
    expect(await ids("handlerFr")).toEqual(new Set([toFr]));
    expect(await ids("handlerDe2")).toEqual(new Set());
    expect(await ids("handlerDk2")).toEqual(new Set());
    // A coordinator sees the procedures with a participant of its state; the Commission all; a portal what it filed.
    expect(onlyWorld(await ids("coordinatorDk"))).toEqual(mine);
    expect(onlyWorld(await ids("helpdesk"))).toEqual(mine);
    expect(await ids("portalDk")).toEqual(new Set());

    const counted = await suite.api.execute(PROCEDURES, { first: 1 }, await world.token(world.user.handlerDe));
    expect(counted.data?.procedures.totalCount).toBe(2);
  });

  it("pages forwards with cursors, newest first, without gaps or repeats, under filters", async () => {
    const world = await suite.world();
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push(await create(world, world.authority.de));
    const alert = await create(world, world.authority.de, { kind: "ALERT" });
    const token = await world.token(world.user.handlerDe);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Result<ProceduresQuery> = await suite.api.execute(
        PROCEDURES,
        { first: 2, after, filter: { kind: "REQUEST", status: "SENT" } },
        token,
      );
      expect(page.errors).toBeUndefined();
      expect(page.data!.procedures.totalCount).toBe(5);
      seen.push(...page.data!.procedures.edges.map((e) => e.node.id));
      if (!page.data!.procedures.pageInfo.hasNextPage) break;
      after = page.data!.procedures.pageInfo.endCursor ?? null;
    }
    expect(seen).toEqual([...created].reverse());
    expect(seen).not.toContain(alert);

    await suite.api.execute(ACCEPT, { id: created[0]! }, token);
    const accepted = await suite.api.execute(PROCEDURES, { filter: { status: "ACCEPTED" } }, token);
    expect(accepted.data?.procedures.edges.map((e) => e.node.id)).toEqual([created[0]]);
    const area = await suite.api.execute(PROCEDURES, { filter: { legalAreaCode: "SOLVIT" } }, token);
    expect(area.data?.procedures.totalCount).toBe(0);
  });

  it("refuses a bad page size or cursor with BAD_USER_INPUT", async () => {
    const world = await suite.world();
    const token = await world.token(world.user.handlerDk);
    expect(codes(await suite.api.execute(PROCEDURES, { first: 0 }, token))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await suite.api.execute(PROCEDURES, { first: 101 }, token))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await suite.api.execute(PROCEDURES, { after: "garbage" }, token))).toEqual(["BAD_USER_INPUT"]);
  });

  it("lists personal data only where the viewer may read it, with an explained null elsewhere", async () => {
    const world = await suite.world();
    await create(world, world.authority.de);
    const result = await suite.api.execute(PROCEDURES_WITH_PERSONAL_DATA, {}, await world.token(world.user.handlerDe));
    expect(result.data?.procedures.edges).toHaveLength(1);
    expect(result.data?.procedures.edges[0]?.node.dataSubjects).toBeNull();
    expect(result.errors?.map((e) => e.extensions?.reason)).toEqual(["NOT_ACCEPTED"]);
  });
});
