import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../src/auth/password.js";
import { authorities, users } from "../../src/db/schema/index.js";
import { DRIVERS } from "../helpers/database.js";
import { START, useSuite } from "../helpers/suite.js";
import { TEST_PASSWORD, TEST_TOTP_SECRET, type TestUser, type World } from "../helpers/world.js";

/**
 * Issue 18: a request carries an answer deadline (the initiator's, or 30 days after sending), and the
 * coordinators' view lists a request not answered by it as overdue, with the reason.
 */
const DAY = 24 * 3600 * 1000;

const CREATE = `mutation($input: CreateProcedureInput!) { createProcedure(input: $input) { id status answerDeadline } }`;
const SEND = `mutation($id: ID!) { sendProcedure(id: $id) { id status sentAt answerDeadline } }`;
const ACCEPT = `mutation($id: ID!) { acceptProcedure(id: $id) { id status } }`;
const POST = `mutation($id: ID!, $body: String!) { postMessage(procedureId: $id, body: $body) { id } }`;
const ADD_SUBJECT = `mutation($id: ID!, $input: DataSubjectInput!) { addDataSubject(procedureId: $id, input: $input) { id } }`;
const WAITING = `query($o: Boolean) { waitingProcedures(overdueOnly: $o, first: 100) { totalCount edges { node {
  procedureId waitingFor overdue overdueReason authority { id } procedure { id status answerDeadline } } } } }`;

interface WaitingNode {
  procedureId: string;
  waitingFor: string;
  overdue: boolean;
  overdueReason: string | null;
  procedure: { answerDeadline: string | null };
}

const days = (n: number) => new Date(START.getTime() + n * DAY);

describe.each(DRIVERS)("answer deadlines of requests on %s", (driver) => {
  const suite = useSuite(driver);
  let world: World;

  beforeAll(async () => {
    world = await suite.world();
  });

  /** Moves the clock and logs the user in at it (a token of before would have expired). */
  async function at(day: number, user: TestUser): Promise<string> {
    suite.api.clock.set(days(day));
    return suite.api.login(user.email, TEST_PASSWORD, TEST_TOTP_SECRET);
  }

  function request(to: string, extra: Record<string, unknown> = {}) {
    return { kind: "REQUEST", legalAreaCode: "SERVICES", subject: "Deadline check", justification: "Registration check.", recipientAuthorityIds: [to], ...extra };
  }

  async function create(token: string, input: Record<string, unknown>): Promise<string> {
    const created = await suite.api.executeText<{ createProcedure: { id: string } }>(CREATE, { input }, token);
    expect(created.errors).toBeUndefined();
    return created.data!.createProcedure.id;
  }

  async function waiting(token: string, overdueOnly = false): Promise<Map<string, WaitingNode>> {
    const result = await suite.api.executeText<{ waitingProcedures: { edges: { node: WaitingNode }[] } }>(WAITING, { o: overdueOnly }, token);
    expect(result.errors).toBeUndefined();
    return new Map(result.data!.waitingProcedures.edges.map((e) => [e.node.procedureId, e.node]));
  }

  /** A coordinator of another member state, in a coordinating authority of its own (pentest F1). */
  async function coordinatorOf(memberState: string): Promise<string> {
    const [authority] = await suite.db.db
      .insert(authorities)
      .values({
        name: `Coordinator ${memberState} ${world.tag}`,
        memberState,
        contactEmail: `coordinator.${memberState}.${world.tag}@authority.example`,
        postalAddress: "Street 1",
        dpoName: "DPO",
        dpoEmail: `dpo.coordinator.${memberState}.${world.tag}@authority.example`,
        coordinating: true,
        createdAt: suite.api.clock.now(),
      })
      .returning();
    const email = `coordinator.${memberState.toLowerCase()}.${world.tag}@imi.test`;
    await suite.db.db.insert(users).values({
      authorityId: authority!.id,
      name: `Coordinator ${memberState} ${world.tag}`,
      email,
      roles: ["COORDINATOR"],
      passwordHash: await hashPassword(TEST_PASSWORD),
      totpSecret: TEST_TOTP_SECRET,
      createdAt: suite.api.clock.now(),
    });
    return suite.api.login(email, TEST_PASSWORD, TEST_TOTP_SECRET);
  }

  it("refuses an answer deadline in the past, over a year ahead, malformed, or on another kind than a request (BAD_USER_INPUT), creating nothing", async () => {
    const token = await world.token(world.user.handlerDk);
    const count = async () =>
      (await suite.api.executeText<{ procedures: { totalCount: number } }>(`{ procedures { totalCount } }`, {}, token)).data!.procedures.totalCount;
    const before = await count();
    const refused = async (input: Record<string, unknown>) => {
      const result = await suite.api.executeText(CREATE, { input }, token);
      expect(result.data?.createProcedure ?? null, JSON.stringify(input)).toBeNull();
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(input)).toBe("BAD_USER_INPUT");
      return result.errors![0]!;
    };
    expect((await refused(request(world.authority.de, { answerDeadline: new Date(START.getTime() - 1000).toISOString() }))).extensions?.field).toBe("answerDeadline");
    expect((await refused(request(world.authority.de, { answerDeadline: START.toISOString() }))).extensions?.field).toBe("answerDeadline");
    expect((await refused(request(world.authority.de, { answerDeadline: days(367).toISOString() }))).extensions?.field).toBe("answerDeadline");
    expect((await refused(request(world.authority.de, { answerDeadline: "next week" }))).message).toMatch(/DateTime/);
    const alert = { ...request(world.authority.de), kind: "ALERT", answerDeadline: days(10).toISOString() };
    expect((await refused(alert)).extensions?.field).toBe("answerDeadline");
    const solvit = { ...request(world.authority.de), kind: "SOLVIT_CASE", legalAreaCode: "SOLVIT", consentReference: "Form 1", answerDeadline: days(10).toISOString() };
    expect((await refused(solvit)).extensions?.field).toBe("answerDeadline");
    expect(await count()).toBe(before);
    // A year ahead exactly is the latest accepted.
    const latest = await suite.api.executeText<{ createProcedure: { answerDeadline: string } }>(CREATE, { input: request(world.authority.de, { answerDeadline: days(365).toISOString() }) }, token);
    expect(latest.errors).toBeUndefined();
    expect(new Date(latest.data!.createProcedure.answerDeadline).getTime()).toBe(days(365).getTime());
  });

  it("keeps the initiator's deadline when sent, sets 30 days after sending without one, and refuses to send a draft whose deadline passed (CONFLICT)", async () => {
    const token = await world.token(world.user.handlerDk);
    const own = await create(token, request(world.authority.de, { answerDeadline: days(10).toISOString() }));
    const none = await create(token, request(world.authority.de));
    const lapsing = await create(token, request(world.authority.de, { answerDeadline: days(2).toISOString() }));
    const later = await at(1, world.user.handlerDk);
    const sentOwn = await suite.api.executeText<{ sendProcedure: { answerDeadline: string } }>(SEND, { id: own }, later);
    expect(new Date(sentOwn.data!.sendProcedure.answerDeadline).getTime()).toBe(days(10).getTime());
    const sentNone = await suite.api.executeText<{ sendProcedure: { sentAt: string; answerDeadline: string } }>(SEND, { id: none }, later);
    expect(new Date(sentNone.data!.sendProcedure.sentAt).getTime()).toBe(days(1).getTime());
    expect(new Date(sentNone.data!.sendProcedure.answerDeadline).getTime()).toBe(days(31).getTime());
    const tooLate = await at(3, world.user.handlerDk);
    const refused = await suite.api.executeText(SEND, { id: lapsing }, tooLate);
    expect(refused.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    const still = await suite.api.executeText<{ procedure: { status: string; sentAt: string | null } }>(`query($id: ID!) { procedure(id: $id) { status sentAt } }`, { id: lapsing }, tooLate);
    expect(still.data!.procedure).toEqual({ status: "DRAFT", sentAt: null });
    // An alert has no answer deadline, sent or not.
    const alert = await create(tooLate, { ...request(world.authority.de), kind: "ALERT" });
    const sentAlert = await suite.api.executeText<{ sendProcedure: { answerDeadline: string | null } }>(SEND, { id: alert }, tooLate);
    expect(sentAlert.data!.sendProcedure.answerDeadline).toBeNull();
  });

  it("R-COORD-1 lists a request accepted but not answered by its deadline to the coordinator of the responder's state as overdue, with the reason, no longer once answered, and never to another state's coordinator", async () => {
    // A French request to a Danish authority, due in 10 days, naming a person (personal data).
    const fr = await world.token(world.user.handlerFr);
    const id = await create(fr, request(world.authority.dk, { answerDeadline: days(10).toISOString() }));
    expect((await suite.api.executeText(ADD_SUBJECT, { id, input: { fullName: `Deadline Person ${world.tag}` } }, fr)).errors).toBeUndefined();
    expect((await suite.api.executeText(SEND, { id }, fr)).errors).toBeUndefined();
    expect((await suite.api.executeText(ACCEPT, { id }, await world.token(world.user.handlerDk))).errors).toBeUndefined();

    // Before the deadline: waiting for the answer, not overdue.
    const before = await waiting(await at(9, world.user.coordinatorDk));
    expect(before.get(id)).toMatchObject({ waitingFor: "ANSWER", overdue: false, overdueReason: null });
    expect((await waiting(await at(9, world.user.coordinatorDk), true)).has(id)).toBe(false);

    // Past it: overdue, with the reason, in the overdue list too.
    const coordinator = await at(11, world.user.coordinatorDk);
    const past = await waiting(coordinator);
    expect(past.get(id)).toMatchObject({ waitingFor: "ANSWER", overdue: true, overdueReason: "NOT_ANSWERED_BY_DEADLINE" });
    expect(new Date(past.get(id)!.procedure.answerDeadline!).getTime()).toBe(days(10).getTime());
    expect((await waiting(coordinator, true)).get(id)).toMatchObject({ overdueReason: "NOT_ANSWERED_BY_DEADLINE" });

    // Metadata only: the person named stays with the case handlers.
    const personal = await suite.api.executeText(
      `{ waitingProcedures(overdueOnly: true, first: 100) { edges { node { procedureId procedure { dataSubjects { fullName } messages { body } } } } } }`,
      {},
      coordinator,
    );
    expect(personal.errors?.length).toBeGreaterThan(0);
    expect(new Set(personal.errors!.map((e) => e.extensions?.code))).toEqual(new Set(["FORBIDDEN"]));
    expect(JSON.stringify(personal)).not.toContain("Deadline Person");

    // Another state's coordinator: neither the initiator's (FR) nor an uninvolved one (DE) is shown what waits on DK.
    for (const other of [await coordinatorOf("FR"), await coordinatorOf("DE")]) {
      expect((await waiting(other)).has(id)).toBe(false);
      expect((await waiting(other, true)).has(id)).toBe(false);
    }

    // Answered (late): nothing waits any more.
    const dk = await at(12, world.user.handlerDk);
    expect((await suite.api.executeText(POST, { id, body: "The provider is registered." }, dk)).errors).toBeUndefined();
    const answered = await at(12, world.user.coordinatorDk);
    expect((await waiting(answered)).has(id)).toBe(false);
    expect((await waiting(answered, true)).has(id)).toBe(false);
  });

  it("names the deadline also for a request not yet accepted, the 7 days for one without a passed deadline, and never an alert", async () => {
    const fr = await world.token(world.user.handlerFr);
    const due = await create(fr, request(world.authority.dk, { answerDeadline: days(3).toISOString() }));
    const undated = await create(fr, request(world.authority.dk2));
    const alert = await create(fr, { ...request(world.authority.dk), kind: "ALERT" });
    for (const id of [due, undated, alert]) expect((await suite.api.executeText(SEND, { id }, fr)).errors).toBeUndefined();

    const four = await waiting(await at(4, world.user.coordinatorDk));
    expect(four.get(due)).toMatchObject({ waitingFor: "ACCEPTANCE", overdue: true, overdueReason: "NOT_ANSWERED_BY_DEADLINE" });
    expect(four.get(undated)).toMatchObject({ waitingFor: "ACCEPTANCE", overdue: false, overdueReason: null });

    const coordinator = await at(8, world.user.coordinatorDk);
    const eight = await waiting(coordinator);
    expect(eight.get(undated)).toMatchObject({ overdue: true, overdueReason: "NOT_ACCEPTED_IN_7_DAYS" });
    expect(new Date(eight.get(undated)!.procedure.answerDeadline!).getTime()).toBe(days(30).getTime());
    // An alert is acknowledged, carries no deadline, and is not "overdue" (the list said so before; the filter did not).
    expect(eight.get(alert)).toMatchObject({ waitingFor: "ACCEPTANCE", overdue: false, overdueReason: null });
    const overdue = await waiting(coordinator, true);
    expect([due, undated].every((id) => overdue.has(id))).toBe(true);
    expect(overdue.has(alert)).toBe(false);
  });
});
