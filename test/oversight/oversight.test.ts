import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { authorities, participants, procedures, users } from "../../src/db/schema/index.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import { TEST_PASSWORD, type World } from "../helpers/world.js";

const DAY = 24 * 3600 * 1000;

const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { user { id roles } enrolmentMailSent } }`;
const AUTHORITY = {
  contactEmail: "office@dpa.example",
  postalAddress: "Street 1",
  dpoName: "DPO",
  dpoEmail: "dpo@dpa.example",
  legalAreaCodes: [] as string[],
};

describe.each(DRIVERS)("oversight without personal data on %s", (driver) => {
  const suite = useSuite(driver);
  let world: World;

  async function authority(name: string, memberState: string): Promise<string> {
    const [row] = await suite.db.db
      .insert(authorities)
      .values({ ...AUTHORITY, name: `${name} ${world.tag}`, memberState, createdAt: suite.api.clock.now() })
      .returning();
    return row!.id;
  }

  /** A supervisor created through the API by the helpdesk, logged in. */
  async function supervisor(key: string, memberState: string) {
    const authorityId = await authority(`Supervisory authority ${key}`, memberState);
    const email = `supervisor.${key}.${world.tag}@imi.test`;
    const created = await suite.api.executeText<{ createUser: { user: { id: string }; enrolmentMailSent: boolean } }>(
      CREATE_USER,
      { input: { authorityId, name: `Supervisor ${key}`, email, roles: ["SUPERVISOR"] } },
      await world.token(world.user.helpdesk),
    );
    expect(created.errors).toBeUndefined();
    const token = await suite.api.enrolAndLogin(email, TEST_PASSWORD);
    return { authorityId, userId: created.data!.createUser.user.id, token };
  }

  beforeAll(async () => {
    world = await suite.world();
  });

  it("lets only the helpdesk create supervisors, alone in their authority, and refuses coordinators there (Art. 21)", async () => {
    const dpa = await supervisor("dk1", "DK");
    const coordinator = await world.token(world.user.coordinatorDk);
    const asCoordinator = await suite.api.executeText(
      CREATE_USER,
      { input: { authorityId: dpa.authorityId, name: "Planted", email: `planted.${world.tag}@imi.test`, roles: ["CASE_HANDLER"] } },
      coordinator,
    );
    expect(asCoordinator.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const supervisorByCoordinator = await suite.api.executeText(
      CREATE_USER,
      { input: { authorityId: world.authority.dk, name: "Own", email: `own.${world.tag}@imi.test`, roles: ["SUPERVISOR"] } },
      coordinator,
    );
    expect(supervisorByCoordinator.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const deactivate = await suite.api.executeText(`mutation($id: ID!) { deactivateUser(id: $id) { id } }`, { id: dpa.userId }, coordinator);
    expect(deactivate.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const twoRoles = await suite.api.executeText(
      CREATE_USER,
      { input: { authorityId: dpa.authorityId, name: "Two", email: `two.${world.tag}@imi.test`, roles: ["SUPERVISOR", "COORDINATOR"] } },
      await world.token(world.user.helpdesk),
    );
    expect(twoRoles.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    // Nor may the helpdesk make a supervisor of an authority that works procedures.
    const inWorking = await suite.api.executeText(
      CREATE_USER,
      { input: { authorityId: world.authority.dk, name: "Mixed", email: `mixed.${world.tag}@imi.test`, roles: ["SUPERVISOR"] } },
      await world.token(world.user.helpdesk),
    );
    expect(inWorking.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("R-SEC-1 gives a national supervisor its state's audit events without the acting user, and no procedure, user or personal data", async () => {
    // An audited read of personal data by a Danish case handler, and one by a German.
    const dk = await world.token(world.user.handlerDk);
    const created = await suite.api.executeText<{ createProcedure: { id: string } }>(
      `mutation($input: CreateProcedureInput!) { createProcedure(input: $input) { id } }`,
      { input: { kind: "REQUEST", legalAreaCode: "SERVICES", subject: "Supervised", justification: "Why.", recipientAuthorityIds: [world.authority.de] } },
      dk,
    );
    const procedureId = created.data!.createProcedure.id;
    await suite.api.executeText(`mutation($id: ID!, $input: DataSubjectInput!) { addDataSubject(procedureId: $id, input: $input) { id } }`, { id: procedureId, input: { fullName: "Supervised Person" } }, dk);
    await suite.api.executeText(`query($id: ID!) { procedure(id: $id) { dataSubjects { fullName } } }`, { id: procedureId }, dk);
    const dpa = await supervisor("dk2", "DK");
    const events = await suite.api.executeText<{ auditEvents: { edges: { node: { actor: unknown; actorAuthority: { memberState: string } | null } }[] } }>(
      `{ auditEvents(first: 100) { edges { node { action actor { id name email } actorAuthority { id memberState } procedureId } } } }`,
      {},
      dpa.token,
    );
    expect(events.errors).toBeUndefined();
    const nodes = events.data!.auditEvents.edges.map((e) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    expect(new Set(nodes.map((n) => n.actorAuthority?.memberState))).toEqual(new Set(["DK"]));
    expect(nodes.every((n) => n.actor === null)).toBe(true);
    expect(JSON.stringify(events.data)).not.toContain("Supervised Person");
    const procedure = await suite.api.executeText(`query($id: ID!) { procedure(id: $id) { id dataSubjects { fullName } } }`, { id: procedureId }, dpa.token);
    expect(procedure.errors?.map((e) => e.extensions?.code)).toEqual(["NOT_FOUND"]);
    const lists = await suite.api.executeText<{ procedures: { totalCount: number }; users: { totalCount: number } }>(
      `{ procedures { totalCount } users { totalCount } }`,
      {},
      dpa.token,
    );
    expect(lists.data).toEqual({ procedures: { totalCount: 0 }, users: { totalCount: 0 } });
    const runs = await suite.api.executeText(`{ retentionRuns { totalCount } }`, {}, dpa.token);
    expect(runs.errors).toBeUndefined();
    const records = await suite.api.executeText<{ recordsOfProcessing: { legalArea: { code: string }; memberState: string; authorities: { memberState: string }[]; dataCategories: string[]; procedureCount: number }[] }>(
      `{ recordsOfProcessing { legalArea { code } memberState authorities { memberState } dataCategories procedureCount } }`,
      {},
      dpa.token,
    );
    expect(records.errors).toBeUndefined();
    const services = records.data!.recordsOfProcessing.find((r) => r.legalArea.code === "SERVICES")!;
    expect(services.memberState).toBe("DK");
    expect(services.authorities.every((a) => a.memberState === "DK")).toBe(true);
    expect(services.dataCategories).toContain("SANCTIONS");
    expect(services.procedureCount).toBeGreaterThan(0);
    const other = await suite.api.executeText(`{ recordsOfProcessing(memberState: "DE") { memberState } }`, {}, dpa.token);
    expect(other.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("R-SEC-1 gives the EDPS the Commission's audit events and the whole system's records of processing", async () => {
    await suite.api.executeText(`{ verifyAuditChain { valid } }`, {}, await world.token(world.user.helpdesk));
    await suite.api.executeText(`{ users { totalCount } }`, {}, await world.token(world.user.helpdesk));
    const edps = await supervisor("eu", "EU");
    const events = await suite.api.executeText<{ auditEvents: { edges: { node: { actorAuthority: { memberState: string } | null } }[] } }>(
      `{ auditEvents(first: 100) { edges { node { actorAuthority { memberState } } } } }`,
      {},
      edps.token,
    );
    expect(events.errors).toBeUndefined();
    expect(events.data!.auditEvents.edges.every((e) => e.node.actorAuthority === null || e.node.actorAuthority.memberState === "EU")).toBe(true);
    const records = await suite.api.executeText<{ recordsOfProcessing: { memberState: string | null }[] }>(`{ recordsOfProcessing { memberState } }`, {}, edps.token);
    expect(records.data!.recordsOfProcessing[0]!.memberState).toBeNull();
    const de = await suite.api.executeText<{ recordsOfProcessing: { memberState: string }[] }>(`{ recordsOfProcessing(memberState: "DE") { memberState } }`, {}, edps.token);
    expect(de.data!.recordsOfProcessing[0]!.memberState).toBe("DE");
  });

  it("R-COORD-1 shows a coordinator what waits on its state's authorities, overdue after 7 days unaccepted, and not another state's", async () => {
    const now = suite.api.clock.now();
    const make = async (daysAgo: number, to: string, accepted: boolean) => {
      const sentAt = new Date(now.getTime() - daysAgo * DAY);
      const [p] = await suite.db.db
        .insert(procedures)
        .values({ reference: `WAIT-${world.tag}-${daysAgo}-${to}`, kind: "REQUEST", legalAreaCode: "SERVICES", subject: "Waiting", status: accepted ? "ACCEPTED" : "SENT", initiatorAuthorityId: world.authority.fr, createdAt: sentAt, sentAt, lastActivityAt: sentAt })
        .returning();
      await suite.db.db.insert(participants).values([
        { procedureId: p!.id, authorityId: world.authority.fr, part: "INITIATOR", addedAt: sentAt },
        { procedureId: p!.id, authorityId: to, part: "RESPONDER", addedAt: sentAt, acceptedAt: accepted ? new Date(sentAt.getTime() + DAY) : null },
      ]);
      return p!.id;
    };
    const overdue = await make(10, world.authority.dk, false);
    const fresh = await make(2, world.authority.dk2, false);
    const answering = await make(20, world.authority.dk, true);
    const german = await make(30, world.authority.de, false);
    const query = `query($o: Boolean) { waitingProcedures(overdueOnly: $o, first: 100) { totalCount edges { node { procedureId waitingFor overdue daysWaiting authority { id } procedure { reference } } } } }`;
    const token = await world.token(world.user.coordinatorDk);
    const all = await suite.api.executeText<{ waitingProcedures: { edges: { node: { procedureId: string; waitingFor: string; overdue: boolean; daysWaiting: number } }[] } }>(query, {}, token);
    expect(all.errors).toBeUndefined();
    const byId = new Map(all.data!.waitingProcedures.edges.map((e) => [e.node.procedureId, e.node]));
    expect(byId.get(overdue)).toMatchObject({ waitingFor: "ACCEPTANCE", overdue: true, daysWaiting: 10 });
    expect(byId.get(fresh)).toMatchObject({ waitingFor: "ACCEPTANCE", overdue: false });
    expect(byId.get(answering)).toMatchObject({ waitingFor: "ANSWER", overdue: false, daysWaiting: 19 });
    expect(byId.has(german)).toBe(false);
    const onlyOverdue = await suite.api.executeText<{ waitingProcedures: { edges: { node: { procedureId: string } }[] } }>(query, { o: true }, token);
    expect(onlyOverdue.data!.waitingProcedures.edges.map((e) => e.node.procedureId)).toContain(overdue);
    expect(onlyOverdue.data!.waitingProcedures.edges.map((e) => e.node.procedureId)).not.toContain(fresh);
    const handler = await suite.api.executeText(query, {}, await world.token(world.user.handlerDk));
    expect(handler.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("R-COORD-1 lists its state's authorities without an active user and users not seen for long, for keeping lists current", async () => {
    const empty = await authority("Empty authority", "DK");
    const emptyDe = await authority("Empty German authority", "DE");
    const token = await world.token(world.user.coordinatorDk);
    const list = await suite.api.executeText<{ authoritiesWithoutActiveUser: { edges: { node: { id: string } }[] } }>(`{ authoritiesWithoutActiveUser(first: 100) { edges { node { id } } } }`, {}, token);
    const ids = list.data!.authoritiesWithoutActiveUser.edges.map((e) => e.node.id);
    expect(ids).toContain(empty);
    expect(ids).not.toContain(emptyDe);
    expect(ids).not.toContain(world.authority.dk);
    // handlerDk was seen now, adminDk never (counted from its creation): 30 days on, both are stale after 10 days, only adminDk after 40.
    await suite.db.db.update(users).set({ lastLoginAt: suite.api.clock.now() }).where(eq(users.id, world.user.handlerDk.id));
    suite.api.clock.set(new Date(suite.api.clock.now().getTime() + 30 * DAY));
    // A token of before would have expired: log in again, 30 days on (this login is the coordinator's own).
    const later = await suite.api.login(world.user.coordinatorDk.email, TEST_PASSWORD, "JBSWY3DPEHPK3PXP");
    const stale = await suite.api.executeText<{ staleUsers: { edges: { node: { id: string; lastLoginAt: string | null } }[] } }>(
      `{ staleUsers(notSeenForDays: 10, first: 100) { edges { node { id lastLoginAt } } } }`,
      {},
      later,
    );
    expect(stale.errors).toBeUndefined();
    const staleIds = stale.data!.staleUsers.edges.map((e) => e.node.id);
    expect(staleIds).toContain(world.user.adminDk.id);
    expect(staleIds).toContain(world.user.handlerDk.id);
    expect(staleIds).not.toContain(world.user.handlerDe.id);
    const recent = await suite.api.executeText<{ staleUsers: { edges: { node: { id: string } }[] } }>(`{ staleUsers(notSeenForDays: 40, first: 100) { edges { node { id } } } }`, {}, later);
    expect(recent.data!.staleUsers.edges.map((e) => e.node.id)).not.toContain(world.user.handlerDk.id);
  });

  it("records the last login of an account from its accepted security code (trigger), shown to its managers and itself only", async () => {
    await suite.db.db.update(users).set({ lastLoginAt: null }).where(eq(users.id, world.user.handlerFr.id));
    const token = await suite.api.login(world.user.handlerFr.email, TEST_PASSWORD, "JBSWY3DPEHPK3PXP");
    const [row] = await suite.db.db.select({ at: users.lastLoginAt }).from(users).where(eq(users.id, world.user.handlerFr.id));
    expect(row!.at).not.toBeNull();
    const self = await suite.api.executeText<{ viewer: { lastLoginAt: string | null } }>(`{ viewer { lastLoginAt } }`, {}, token);
    expect(self.data!.viewer.lastLoginAt).not.toBeNull();
  });

  it("Art. 6: an authority registers itself without logging in; its coordinator approves it into the directory, another state's cannot see it", async () => {
    const input = { ...AUTHORITY, name: `Self-registered ${world.tag}`, memberState: "DK", legalAreaCodes: ["SERVICES"] };
    const registered = await suite.api.executeText<{ registerAuthority: { id: string; status: string } }>(
      `mutation($input: CreateAuthorityInput!) { registerAuthority(input: $input) { id status } }`,
      { input },
    );
    expect(registered.errors).toBeUndefined();
    expect(registered.data!.registerAuthority.status).toBe("PENDING");
    const id = registered.data!.registerAuthority.id;
    const directory = await suite.api.executeText<{ authorities: { edges: { node: { name: string } }[] } }>(`{ authorities(first: 100) { edges { node { name } } } }`, {}, await world.token(world.user.handlerDk));
    expect(directory.data!.authorities.edges.map((e) => e.node.name)).not.toContain(input.name);
    const decide = `mutation($id: ID!, $approve: Boolean!, $note: String) { decideAuthorityRegistration(id: $id, approve: $approve, note: $note) { status authority { name memberState legalAreas { code } } } }`;
    const reject = await suite.api.executeText(decide, { id, approve: false }, await world.token(world.user.coordinatorDk));
    expect(reject.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const pending = await suite.api.executeText<{ authorityRegistrations: { edges: { node: { id: string } }[] } }>(`{ authorityRegistrations(status: PENDING) { edges { node { id } } } }`, {}, await world.token(world.user.coordinatorDk));
    expect(pending.data!.authorityRegistrations.edges.map((e) => e.node.id)).toContain(id);
    const approved = await suite.api.executeText<{ decideAuthorityRegistration: { status: string; authority: { name: string; legalAreas: { code: string }[] } } }>(decide, { id, approve: true }, await world.token(world.user.coordinatorDk));
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.decideAuthorityRegistration).toMatchObject({ status: "APPROVED", authority: { name: input.name, legalAreas: [{ code: "SERVICES" }] } });
    const again = await suite.api.executeText(decide, { id, approve: true }, await world.token(world.user.coordinatorDk));
    expect(again.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    const foreign = await suite.api.executeText<{ registerAuthority: { id: string } }>(`mutation($input: CreateAuthorityInput!) { registerAuthority(input: $input) { id } }`, { input: { ...input, memberState: "DE" } });
    const byDk = await suite.api.executeText(decide, { id: foreign.data!.registerAuthority.id, approve: true }, await world.token(world.user.coordinatorDk));
    expect(byDk.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const unknownArea = await suite.api.executeText(`mutation($input: CreateAuthorityInput!) { registerAuthority(input: $input) { id } }`, { input: { ...input, legalAreaCodes: ["NOPE"] } });
    expect(unknownArea.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("Art. 6: refuses a sixth self-registration from one address within an hour (RATE_LIMITED), and accepts again after it", async () => {
    const input = { ...AUTHORITY, name: `Flood ${world.tag}`, memberState: "DK", legalAreaCodes: ["SERVICES"] };
    const register = () => suite.api.executeText(`mutation($input: CreateAuthorityInput!) { registerAuthority(input: $input) { id } }`, { input });
    let refused: Awaited<ReturnType<typeof register>> | undefined;
    for (let i = 0; i < 6 && !refused; i++) {
      const result = await register();
      if (result.errors) refused = result;
    }
    expect(refused?.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "RATE_LIMITED" });
    suite.api.clock.set(new Date(suite.api.clock.now().getTime() + 3601_000));
    expect((await register()).errors).toBeUndefined();
  });
});
