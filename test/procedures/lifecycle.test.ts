import { describe, expect, it } from "vitest";
import { codes } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import type { World } from "../helpers/world.js";
import {
  ACCEPT,
  ADD_DATA_SUBJECT,
  CLOSE,
  CREATE_PROCEDURE,
  FORWARD,
  POST_MESSAGE,
  PROCEDURE,
  PROCEDURE_PERSONAL_DATA,
  SEND,
} from "../operations.js";

async function draftRequest(world: World, overrides: Partial<{ legalAreaCode: string; to: string }> = {}) {
  const token = await world.token(world.user.handlerDk);
  const result = await world.api.execute(
    CREATE_PROCEDURE,
    {
      input: {
        kind: "REQUEST",
        legalAreaCode: overrides.legalAreaCode ?? "SERVICES",
        subject: "Registration check",
        justification: "The provider applied to work in Denmark.",
        recipientAuthorityIds: [overrides.to ?? world.authority.de],
      },
    },
    token,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.createProcedure;
}

describe.each(DRIVERS)("procedure lifecycle on %s", (driver) => {
  const suite = useSuite(driver);

  it("works a request from draft to closure across two authorities (R-PURPOSE-1)", async () => {
    const world = await suite.world();
    const dk = await world.token(world.user.handlerDk);
    const de = await world.token(world.user.handlerDe);
    const draft = await draftRequest(world);
    expect(draft).toMatchObject({ kind: "REQUEST", status: "DRAFT", legalArea: { code: "SERVICES" } });
    expect(draft.reference).toMatch(/^IMI-2026-\d{6}$/);
    expect(draft.participants.map((p) => p.part)).toEqual(["INITIATOR", "RESPONDER"]);

    const subject = await suite.api.execute(
      ADD_DATA_SUBJECT,
      { procedureId: draft.id, input: { fullName: "Jens Hansen", nationalIdentifier: "300975-1234" } },
      dk,
    );
    expect(subject.errors).toBeUndefined();

    // Before it is sent, the responder does not even see it.
    expect(codes(await suite.api.execute(PROCEDURE, { id: draft.id }, de))).toEqual(["NOT_FOUND"]);

    const sent = await suite.api.execute(SEND, { id: draft.id }, dk);
    expect(sent.data?.sendProcedure.status).toBe("SENT");

    // Sent but not accepted: metadata yes, personal data no (NOT_ACCEPTED).
    const before = await suite.api.execute(PROCEDURE_PERSONAL_DATA, { id: draft.id }, de);
    expect(before.data?.procedure?.personalDataAccess).toEqual({ granted: false, reason: "NOT_ACCEPTED" });
    expect(before.data?.procedure?.dataSubjects).toBeNull();
    expect(before.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "NOT_ACCEPTED" });

    const accepted = await suite.api.execute(ACCEPT, { id: draft.id }, de);
    expect(accepted.data?.acceptProcedure.status).toBe("ACCEPTED");

    const after = await suite.api.execute(PROCEDURE_PERSONAL_DATA, { id: draft.id }, de);
    expect(after.errors).toBeUndefined();
    expect(after.data?.procedure?.dataSubjects?.map((s) => s.fullName)).toEqual(["Jens Hansen"]);

    const answer = await suite.api.execute(POST_MESSAGE, { procedureId: draft.id, body: "Registered since 2019." }, de);
    expect(answer.errors).toBeUndefined();
    expect((await suite.api.execute(PROCEDURE, { id: draft.id }, dk)).data?.procedure?.status).toBe("ANSWERED");

    // A follow-up question goes back to ACCEPTED, the next answer to ANSWERED.
    suite.api.clock.advance(1000);
    await suite.api.execute(POST_MESSAGE, { procedureId: draft.id, body: "Any sanctions?" }, dk);
    expect((await suite.api.execute(PROCEDURE, { id: draft.id }, dk)).data?.procedure?.status).toBe("ACCEPTED");
    suite.api.clock.advance(1000);
    await suite.api.execute(POST_MESSAGE, { procedureId: draft.id, body: "None." }, de);

    suite.api.clock.advance(60_000);
    const closed = await suite.api.execute(CLOSE, { id: draft.id }, dk);
    expect(closed.data?.closeProcedure.status).toBe("CLOSED");
    expect(closed.data?.closeProcedure.closedAt).toBe(suite.api.clock.now().toISOString());

    const messages = await suite.api.execute(PROCEDURE_PERSONAL_DATA, { id: draft.id }, dk);
    expect(messages.data?.procedure?.messages?.map((m) => m.body)).toEqual(["Registered since 2019.", "Any sanctions?", "None."]);
  });

  it("refuses a wrong transition with CONFLICT and changes nothing", async () => {
    const world = await suite.world();
    const dk = await world.token(world.user.handlerDk);
    const de = await world.token(world.user.handlerDe);
    const draft = await draftRequest(world);
    const stateOf = async () => (await suite.api.execute(PROCEDURE, { id: draft.id }, dk)).data?.procedure;

    expect(codes(await suite.api.execute(CLOSE, { id: draft.id }, dk))).toEqual(["CONFLICT"]);
    expect(codes(await suite.api.execute(POST_MESSAGE, { procedureId: draft.id, body: "hello" }, dk))).toEqual(["CONFLICT"]);
    const unchanged = await stateOf();
    expect(unchanged).toMatchObject({ status: "DRAFT", sentAt: null, closedAt: null });

    await suite.api.execute(SEND, { id: draft.id }, dk);
    const sentState = await stateOf();
    expect(codes(await suite.api.execute(SEND, { id: draft.id }, dk))).toEqual(["CONFLICT"]);
    // Answering before accepting is the wrong moment.
    expect(codes(await suite.api.execute(POST_MESSAGE, { procedureId: draft.id, body: "answer" }, de))).toEqual(["CONFLICT"]);
    await suite.api.execute(ACCEPT, { id: draft.id }, de);
    expect(codes(await suite.api.execute(ACCEPT, { id: draft.id }, de))).toEqual(["CONFLICT"]);
    await suite.api.execute(CLOSE, { id: draft.id }, dk);
    const closedState = await stateOf();
    expect(codes(await suite.api.execute(ACCEPT, { id: draft.id }, de))).toEqual(["CONFLICT"]);
    expect(codes(await suite.api.execute(POST_MESSAGE, { procedureId: draft.id, body: "late" }, de))).toEqual(["CONFLICT"]);
    expect(codes(await suite.api.execute(CLOSE, { id: draft.id }, dk))).toEqual(["CONFLICT"]);
    expect(await stateOf()).toEqual(closedState);
    expect(sentState?.status).toBe("SENT");
  });

  it("refuses an action by the wrong party with FORBIDDEN and changes nothing", async () => {
    const world = await suite.world();
    const dk = await world.token(world.user.handlerDk);
    const de = await world.token(world.user.handlerDe);
    const draft = await draftRequest(world);
    await suite.api.execute(SEND, { id: draft.id }, dk);
    const before = (await suite.api.execute(PROCEDURE, { id: draft.id }, dk)).data?.procedure;

    expect(codes(await suite.api.execute(ACCEPT, { id: draft.id }, dk))).toEqual(["FORBIDDEN"]);
    expect(codes(await suite.api.execute(CLOSE, { id: draft.id }, de))).toEqual(["FORBIDDEN"]);
    // Roles without case work: a local admin and a coordinator of the initiating state see it but cannot act.
    const admin = await world.token(world.user.adminDk);
    const coordinator = await world.token(world.user.coordinatorDk);
    expect(codes(await suite.api.execute(CLOSE, { id: draft.id }, admin))).toEqual(["FORBIDDEN"]);
    expect(codes(await suite.api.execute(CLOSE, { id: draft.id }, coordinator))).toEqual(["FORBIDDEN"]);
    expect((await suite.api.execute(PROCEDURE, { id: draft.id }, dk)).data?.procedure).toEqual(before);
  });

  it("answers NOT_FOUND for someone else's procedure, exactly as for a missing one", async () => {
    const world = await suite.world();
    const dk = await world.token(world.user.handlerDk);
    const fr = await world.token(world.user.handlerFr);
    const draft = await draftRequest(world);
    await suite.api.execute(SEND, { id: draft.id }, dk);

    const theirs = await suite.api.execute(PROCEDURE, { id: draft.id }, fr);
    const missing = await suite.api.execute(PROCEDURE, { id: "00000000-0000-4000-8000-00000000dead" }, fr);
    expect(theirs.data?.procedure).toBeNull();
    expect(codes(theirs)).toEqual(["NOT_FOUND"]);
    expect(codes(missing)).toEqual(["NOT_FOUND"]);
    expect(theirs.errors?.[0]?.message.replace(draft.id, "ID")).toBe(missing.errors?.[0]?.message.replace("00000000-0000-4000-8000-00000000dead", "ID"));
    expect(codes(await suite.api.execute(CLOSE, { id: draft.id }, fr))).toEqual(["NOT_FOUND"]);
    expect(codes(await suite.api.execute(PROCEDURE, { id: "not-a-uuid" }, fr))).toEqual(["NOT_FOUND"]);
  });

  it("forwards a request within the responder's state: the new authority takes its place, the old one loses access", async () => {
    const world = await suite.world();
    const dk = await world.token(world.user.handlerDk);
    const de = await world.token(world.user.handlerDe);
    const de2 = await world.token(world.user.handlerDe2);
    const draft = await draftRequest(world);
    await suite.api.execute(SEND, { id: draft.id }, dk);
    await suite.api.execute(ACCEPT, { id: draft.id }, de);

    // Not to another state's authority.
    expect(codes(await suite.api.execute(FORWARD, { id: draft.id, to: world.authority.fr }, de))).toEqual(["BAD_USER_INPUT"]);

    const forwarded = await suite.api.execute(FORWARD, { id: draft.id, to: world.authority.de2 }, de);
    expect(forwarded.errors).toBeUndefined();
    expect(forwarded.data?.forwardProcedure).toMatchObject({ procedureId: draft.id, forwardedTo: { id: world.authority.de2 } });
    const after = await suite.api.execute(PROCEDURE, { id: draft.id }, dk);
    expect(after.data?.procedure?.status).toBe("SENT");
    expect(after.data?.procedure?.participants.map((p) => [p.authority.id, p.acceptedAt])).toEqual([
      [world.authority.dk, null],
      [world.authority.de2, null],
    ]);
    expect(codes(await suite.api.execute(PROCEDURE, { id: draft.id }, de))).toEqual(["NOT_FOUND"]);
    const fresh = await suite.api.execute(PROCEDURE_PERSONAL_DATA, { id: draft.id }, de2);
    expect(fresh.data?.procedure?.personalDataAccess.reason).toBe("NOT_ACCEPTED");
    expect((await suite.api.execute(ACCEPT, { id: draft.id }, de2)).data?.acceptProcedure.status).toBe("ACCEPTED");
  });
});
