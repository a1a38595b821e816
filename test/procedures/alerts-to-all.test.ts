import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, authorities } from "../../src/db/schema/index.js";
import { codes, type Result } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite, type Suite } from "../helpers/suite.js";
import type { TestUser, World } from "../helpers/world.js";

/**
 * Issue 17 item 4: alerts to all member states (Art. 12 of the Regulation) through their alert
 * coordinators, the initiator's update and withdrawal, the recipients' acknowledgement.
 * Operations as text: they are this feature's own, not shared with other tests.
 */
const SET_ALERT_COORDINATOR = `mutation ($authorityId: ID!, $on: Boolean!) {
  setAlertCoordinator(authorityId: $authorityId, alertCoordinator: $on) { id alertCoordinator }
}`;
const CREATE = `mutation ($input: CreateProcedureInput!) {
  createProcedure(input: $input) { id status toAllMemberStates participants { part authority { id } } }
}`;
const SEND = `mutation ($id: ID!) { sendProcedure(id: $id) { id status participants { part acceptedAt authority { id } } } }`;
const ACCEPT = `mutation ($id: ID!) { acceptProcedure(id: $id) { id status participants { part acceptedAt authority { id } } } }`;
const UPDATE = `mutation ($id: ID!, $body: String!) { updateAlert(id: $id, body: $body) { id kind body } }`;
const WITHDRAW = `mutation ($id: ID!, $reason: String!) {
  withdrawAlert(id: $id, reason: $reason) { id status closedAt withdrawnAt toAllMemberStates }
}`;
const CLOSE = `mutation ($id: ID!) { closeProcedure(id: $id) { id status } }`;
const READ = `query ($id: ID!) {
  procedure(id: $id) { id status closedAt withdrawnAt toAllMemberStates messages { kind body } }
}`;

type Participants = { part: string; acceptedAt?: string | null; authority: { id: string } }[];

const ok = <T>(result: Result<T>): T => {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
};

const reasons = (result: Result<unknown>) => (result.errors ?? []).map((e) => [e.extensions?.code, e.extensions?.reason ?? e.extensions?.field ?? null]);

describe.each(DRIVERS)("alerts to all member states on %s", (driver) => {
  const suite = useSuite(driver);

  const as = async (world: World, user: TestUser) => world.token(user);

  /** Only this test's designations count: the file's database is shared by its tests' worlds. */
  async function clearDesignations() {
    await suite.db.db.update(authorities).set({ alertCoordinator: false }).where(sql`true`);
  }

  async function designate(world: World, by: TestUser, key: keyof World["authority"], on = true) {
    return suite.api.executeText<{ setAlertCoordinator: { id: string; alertCoordinator: boolean } }>(
      SET_ALERT_COORDINATOR,
      { authorityId: world.authority[key], on },
      await as(world, by),
    );
  }

  function alertInput(extra: Record<string, unknown> = {}) {
    return {
      kind: "ALERT",
      legalAreaCode: "SERVICES",
      subject: "Provider barred from practice",
      justification: "A service provider was barred; every member state must know (Art. 29(3) Services Directive).",
      recipientAuthorityIds: [],
      toAllMemberStates: true,
      ...extra,
    };
  }

  async function sentAlertToAll(s: Suite, world: World) {
    const dk = await as(world, world.user.handlerDk);
    const created = ok(await s.api.executeText<{ createProcedure: { id: string } }>(CREATE, { input: alertInput() }, dk));
    ok(await s.api.executeText(SEND, { id: created.createProcedure.id }, dk));
    return created.createProcedure.id;
  }

  it("reaches exactly the alert coordinators of the other member states in its legal area, and each acknowledges", async () => {
    await clearDesignations();
    // de2 is designated but not registered for the Services Directive (R-PURPOSE-2).
    const world = await suite.world({ unregistered: ["de2:SERVICES"] });
    ok(await designate(world, world.user.helpdesk, "de"));
    ok(await designate(world, world.user.helpdesk, "fr"));
    ok(await designate(world, world.user.helpdesk, "de2"));
    // The initiator's own state's alert coordinator is not a recipient: the alert goes to the other states.
    ok(await designate(world, world.user.coordinatorDk, "dk2"));
    // Written past the service's refusals: a coordinating authority and the Commission's are never recipients.
    await suite.db.db
      .update(authorities)
      .set({ alertCoordinator: true })
      .where(inArray(authorities.id, [world.authority.coordinatorDk, world.authority.helpdesk]));

    const dk = await as(world, world.user.handlerDk);
    const created = ok(await suite.api.executeText<{ createProcedure: { id: string; status: string; toAllMemberStates: boolean; participants: Participants } }>(
      CREATE,
      { input: alertInput() },
      dk,
    )).createProcedure;
    expect(created).toMatchObject({ status: "DRAFT", toAllMemberStates: true });
    // Resolved when sent, not when drafted.
    expect(created.participants.map((p) => [p.part, p.authority.id])).toEqual([["INITIATOR", world.authority.dk]]);

    const sent = ok(await suite.api.executeText<{ sendProcedure: { status: string; participants: Participants } }>(SEND, { id: created.id }, dk)).sendProcedure;
    expect(sent.status).toBe("SENT");
    expect(sent.participants.map((p) => [p.part, p.authority.id])).toEqual([
      ["INITIATOR", world.authority.dk],
      ["RECIPIENT", world.authority.de],
      ["RECIPIENT", world.authority.fr],
    ]);

    // Not a recipient: the other authorities do not see it (need-to-know).
    for (const user of [world.user.handlerDe2, world.user.handlerDk2]) {
      expect(codes(await suite.api.executeText(ACCEPT, { id: created.id }, await as(world, user)))).toEqual(["NOT_FOUND"]);
    }
    for (const user of [world.user.handlerDe, world.user.handlerFr]) {
      suite.api.clock.advance(1000);
      const acked = ok(await suite.api.executeText<{ acceptProcedure: { status: string; participants: Participants } }>(ACCEPT, { id: created.id }, await as(world, user)));
      expect(acked.acceptProcedure.status).toBe("SENT");
      expect(acked.acceptProcedure.participants.find((p) => p.authority.id === user.authorityId)?.acceptedAt).toBe(suite.api.clock.now().toISOString());
    }
    // A hand-picked alert still goes only where it is sent.
    const picked = ok(await suite.api.executeText<{ createProcedure: { toAllMemberStates: boolean; participants: Participants } }>(
      CREATE,
      { input: alertInput({ toAllMemberStates: null, recipientAuthorityIds: [world.authority.de] }) },
      dk,
    )).createProcedure;
    expect(picked.toAllMemberStates).toBe(false);
    expect(picked.participants.map((p) => p.authority.id)).toEqual([world.authority.dk, world.authority.de]);
  });

  it("resolves the recipients when it is sent: a designation ended meanwhile counts, and none left is a CONFLICT", async () => {
    await clearDesignations();
    const world = await suite.world();
    ok(await designate(world, world.user.helpdesk, "fr"));
    const dk = await as(world, world.user.handlerDk);
    const id = ok(await suite.api.executeText<{ createProcedure: { id: string } }>(CREATE, { input: alertInput() }, dk)).createProcedure.id;
    ok(await designate(world, world.user.helpdesk, "fr", false));
    const refused = await suite.api.executeText(SEND, { id }, dk);
    expect(codes(refused)).toEqual(["CONFLICT"]);
    expect(ok(await suite.api.executeText<{ procedure: { status: string } }>(READ, { id }, dk)).procedure.status).toBe("DRAFT");
    ok(await designate(world, world.user.helpdesk, "de"));
    const sent = ok(await suite.api.executeText<{ sendProcedure: { participants: Participants } }>(SEND, { id }, dk)).sendProcedure;
    expect(sent.participants.map((p) => p.authority.id)).toEqual([world.authority.dk, world.authority.de]);
  });

  it("refuses bad input with coded errors", async () => {
    await clearDesignations();
    const world = await suite.world();
    const dk = await as(world, world.user.handlerDk);
    // Nobody to receive it yet.
    expect(reasons(await suite.api.executeText(CREATE, { input: alertInput() }, dk))).toEqual([["BAD_USER_INPUT", "toAllMemberStates"]]);
    ok(await designate(world, world.user.helpdesk, "de"));
    // The flag on another kind, or beside a list.
    expect(reasons(await suite.api.executeText(CREATE, { input: alertInput({ kind: "NOTIFICATION" }) }, dk))).toEqual([["BAD_USER_INPUT", "toAllMemberStates"]]);
    expect(reasons(await suite.api.executeText(CREATE, { input: alertInput({ kind: "REQUEST" }) }, dk))).toEqual([["BAD_USER_INPUT", "toAllMemberStates"]]);
    expect(reasons(await suite.api.executeText(CREATE, { input: alertInput({ recipientAuthorityIds: [world.authority.fr] }) }, dk))).toEqual([
      ["BAD_USER_INPUT", "recipientAuthorityIds"],
    ]);
    // Without the flag, a list is needed as before (1 to 50).
    expect(reasons(await suite.api.executeText(CREATE, { input: alertInput({ toAllMemberStates: false }) }, dk))).toEqual([["BAD_USER_INPUT", "recipientAuthorityIds"]]);

    // Designations: never a coordinating authority or the Commission's; a coordinator in its own state only.
    expect(reasons(await designate(world, world.user.helpdesk, "coordinatorDk"))).toEqual([["BAD_USER_INPUT", "alertCoordinator"]]);
    expect(reasons(await designate(world, world.user.helpdesk, "helpdesk"))).toEqual([["BAD_USER_INPUT", "alertCoordinator"]]);
    expect(reasons(await designate(world, world.user.coordinatorDk, "fr"))).toEqual([["FORBIDDEN", "ROLE"]]);
    expect(reasons(await designate(world, world.user.adminDk, "dk"))).toEqual([["FORBIDDEN", "ROLE"]]);
    expect(reasons(await designate(world, world.user.handlerDk, "dk"))).toEqual([["FORBIDDEN", "ROLE"]]);
    expect(
      codes(await suite.api.executeText(SET_ALERT_COORDINATOR, { authorityId: "00000000-0000-4000-8000-000000000000", on: true }, await as(world, world.user.helpdesk))),
    ).toEqual(["NOT_FOUND"]);
    const both = await suite.api.executeText(
      `mutation ($input: CreateAuthorityInput!) { createAuthority(input: $input) { id } }`,
      {
        input: {
          name: `Coordinator ${world.tag}`,
          memberState: "FR",
          legalAreaCodes: [],
          contactEmail: "c@authority.example",
          postalAddress: "Rue 1",
          dpoName: "DPO",
          dpoEmail: "dpo@authority.example",
          coordinating: true,
          alertCoordinator: true,
        },
      },
      await as(world, world.user.helpdesk),
    );
    expect(reasons(both)).toEqual([["BAD_USER_INPUT", "alertCoordinator"]]);

    // Update and withdrawal: only of a sent alert, with a text.
    const draft = ok(await suite.api.executeText<{ createProcedure: { id: string } }>(CREATE, { input: alertInput() }, dk)).createProcedure.id;
    expect(codes(await suite.api.executeText(UPDATE, { id: draft, body: "Too early." }, dk))).toEqual(["CONFLICT"]);
    expect(codes(await suite.api.executeText(WITHDRAW, { id: draft, reason: "Too early." }, dk))).toEqual(["CONFLICT"]);
    ok(await suite.api.executeText(SEND, { id: draft }, dk));
    expect(reasons(await suite.api.executeText(UPDATE, { id: draft, body: "   " }, dk))).toEqual([["BAD_USER_INPUT", "body"]]);
    expect(reasons(await suite.api.executeText(WITHDRAW, { id: draft, reason: "" }, dk))).toEqual([["BAD_USER_INPUT", "reason"]]);
    const request = ok(await suite.api.executeText<{ createProcedure: { id: string } }>(
      CREATE,
      { input: alertInput({ kind: "REQUEST", toAllMemberStates: false, recipientAuthorityIds: [world.authority.de] }) },
      dk,
    )).createProcedure.id;
    ok(await suite.api.executeText(SEND, { id: request }, dk));
    expect(codes(await suite.api.executeText(WITHDRAW, { id: request, reason: "Not an alert." }, dk))).toEqual(["CONFLICT"]);
    expect(codes(await suite.api.executeText(UPDATE, { id: "not-an-id", body: "x" }, dk))).toEqual(["NOT_FOUND"]);
  });

  it("lets only the initiator update and withdraw; a withdrawal closes it, audited, and freezes it", async () => {
    await clearDesignations();
    const world = await suite.world();
    ok(await designate(world, world.user.helpdesk, "de"));
    ok(await designate(world, world.user.helpdesk, "fr"));
    const id = await sentAlertToAll(suite, world);
    const dk = await as(world, world.user.handlerDk);
    const de = await as(world, world.user.handlerDe);
    ok(await suite.api.executeText(ACCEPT, { id }, de));

    const update = ok(await suite.api.executeText<{ updateAlert: { kind: string; body: string } }>(UPDATE, { id, body: "The ban now covers Sweden too." }, dk));
    expect(update.updateAlert).toMatchObject({ kind: "ALERT_UPDATE", body: "The ban now covers Sweden too." });

    // A recipient, acknowledged or not, cannot: FORBIDDEN with a reason, and nothing changes.
    for (const token of [de, await as(world, world.user.handlerFr)]) {
      expect(reasons(await suite.api.executeText(UPDATE, { id, body: "Not mine to say." }, token))).toEqual([["FORBIDDEN", "ROLE"]]);
      expect(reasons(await suite.api.executeText(WITHDRAW, { id, reason: "Not mine to end." }, token))).toEqual([["FORBIDDEN", "ROLE"]]);
    }
    // An authority outside it does not even find it.
    expect(codes(await suite.api.executeText(WITHDRAW, { id, reason: "x" }, await as(world, world.user.handlerDk2)))).toEqual(["NOT_FOUND"]);
    const read = ok(await suite.api.executeText<{ procedure: { status: string; messages: { kind: string }[] } }>(READ, { id }, de)).procedure;
    expect(read.status).toBe("SENT");
    expect(read.messages.map((m) => m.kind)).toEqual(["ALERT_UPDATE"]);

    suite.api.clock.advance(60_000);
    const withdrawn = ok(await suite.api.executeText<{ withdrawAlert: { status: string; closedAt: string; withdrawnAt: string } }>(
      WITHDRAW,
      { id, reason: "The ban was lifted on appeal." },
      dk,
    )).withdrawAlert;
    const now = suite.api.clock.now().toISOString();
    expect(withdrawn).toMatchObject({ status: "CLOSED", closedAt: now, withdrawnAt: now });
    const after = ok(await suite.api.executeText<{ procedure: { messages: { kind: string; body: string }[] } }>(READ, { id }, de)).procedure;
    expect(after.messages).toEqual([
      { kind: "ALERT_UPDATE", body: "The ban now covers Sweden too." },
      { kind: "ALERT_WITHDRAWAL", body: "The ban was lifted on appeal." },
    ]);
    // R-SEC-2: each written text is audited as a message is.
    const audited = await suite.db.db
      .select({ fields: auditEvents.fields, ground: auditEvents.ground })
      .from(auditEvents)
      .where(and(eq(auditEvents.procedureId, id), eq(auditEvents.action, "CREATE")));
    expect(audited).toEqual([
      { fields: ["Message.body"], ground: "PARTICIPANT:INITIATOR" },
      { fields: ["Message.body"], ground: "PARTICIPANT:INITIATOR" },
    ]);
    // Ended: nothing more, not even a second withdrawal or a closure.
    expect(codes(await suite.api.executeText(UPDATE, { id, body: "Late." }, dk))).toEqual(["CONFLICT"]);
    expect(codes(await suite.api.executeText(WITHDRAW, { id, reason: "Again." }, dk))).toEqual(["CONFLICT"]);
    expect(codes(await suite.api.executeText(CLOSE, { id }, dk))).toEqual(["CONFLICT"]);
  });
});
