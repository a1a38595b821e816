import { eq, inArray } from "drizzle-orm";
import type { GraphQLField, GraphQLFormattedError, GraphQLSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decide, POLICY, PROCEDURE_CLASSES, type ProcedureClass, type RecordState, type Relation } from "../../src/auth/policy.js";
import type { Role } from "../../src/auth/viewer.js";
import { attachments, authorities, dataSubjects, legalPersons, messages, personalDataGrants, procedures, questionAnswers, users } from "../../src/db/schema/index.js";
import { buildGraphQLSchema } from "../../src/graphql/build-schema.js";
import { TestApi } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import { TEST_PASSWORD, TEST_TOTP_SECRET, type World, WORLD_AUTHORITY_STATES } from "../helpers/world.js";
import { hashPassword } from "../../src/auth/password.js";
import {
  ACCEPT,
  ADD_DATA_SUBJECT,
  ADD_LEGAL_PERSON,
  ADD_SENSITIVE_RECORD,
  CLOSE,
  CREATE_PROCEDURE,
  FORWARD,
  POST_MESSAGE,
  SEND,
} from "../operations.js";
import { isObject, namedType, selectAll } from "./schema-walk.js";
import { pdfBytes } from "../attachments/attachment-fixtures.js";
import { answer, publishSet } from "../question-sets/question-set-fixtures.js";
import { WALLS, type Walls } from "./walls.js";

type AuthorityKey = keyof World["authority"];

/** How a procedure of the matrix is set up; the test derives each viewer's relation from this alone. */
interface Setup {
  name: string;
  kind: "REQUEST" | "ALERT";
  initiator: AuthorityKey;
  /** Current responders or recipients and whether each accepted. */
  recipients: { authority: AuthorityKey; accepted: boolean }[];
  forwardedAway: AuthorityKey[];
  draft: boolean;
  state: RecordState;
  /** A live Commission route; "expired" for one that ran out. */
  grant?: "live" | "expired";
  /** Issue 17 item 4: an alert to all member states (its recipients are the world's alert coordinators, dk and fr). */
  toAll?: boolean;
  /** Issue 17 item 4: closed by its initiator's withdrawal rather than closeProcedure. */
  withdrawn?: boolean;
}

const SETUPS: Setup[] = [
  { name: "draft", kind: "REQUEST", initiator: "dk", recipients: [{ authority: "de", accepted: false }], forwardedAway: [], draft: true, state: "OPEN" },
  { name: "sent", kind: "REQUEST", initiator: "dk", recipients: [{ authority: "de", accepted: false }], forwardedAway: [], draft: false, state: "OPEN" },
  { name: "accepted", kind: "REQUEST", initiator: "dk", recipients: [{ authority: "de", accepted: true }], forwardedAway: [], draft: false, state: "OPEN" },
  { name: "forwarded", kind: "REQUEST", initiator: "dk", recipients: [{ authority: "de2", accepted: false }], forwardedAway: ["de"], draft: false, state: "OPEN" },
  { name: "closed", kind: "REQUEST", initiator: "dk", recipients: [{ authority: "de", accepted: true }], forwardedAway: [], draft: false, state: "CLOSED" },
  { name: "blocked", kind: "REQUEST", initiator: "dk", recipients: [{ authority: "de", accepted: true }], forwardedAway: [], draft: false, state: "BLOCKED" },
  { name: "deleted", kind: "REQUEST", initiator: "dk", recipients: [{ authority: "de", accepted: true }], forwardedAway: [], draft: false, state: "DELETED" },
  { name: "route", kind: "REQUEST", initiator: "dk", recipients: [{ authority: "de", accepted: true }], forwardedAway: [], draft: false, state: "OPEN", grant: "live" },
  { name: "route-blocked", kind: "REQUEST", initiator: "dk", recipients: [{ authority: "de", accepted: true }], forwardedAway: [], draft: false, state: "BLOCKED", grant: "live" },
  { name: "route-expired", kind: "REQUEST", initiator: "dk", recipients: [{ authority: "de", accepted: true }], forwardedAway: [], draft: false, state: "CLOSED", grant: "expired" },
  {
    name: "alert",
    kind: "ALERT",
    initiator: "de",
    recipients: [{ authority: "fr", accepted: true }, { authority: "dk", accepted: false }],
    forwardedAway: [],
    draft: false,
    state: "OPEN",
  },
  // Issue 17 item 4: an alert to all member states reaches the alert coordinators of the other member
  // states (dk and fr, designated below); a withdrawn one is CLOSED like a closed one.
  {
    name: "alert-all",
    kind: "ALERT",
    initiator: "de",
    recipients: [{ authority: "fr", accepted: true }, { authority: "dk", accepted: false }],
    forwardedAway: [],
    draft: false,
    state: "OPEN",
    toAll: true,
  },
  {
    name: "alert-withdrawn",
    kind: "ALERT",
    initiator: "de",
    recipients: [{ authority: "fr", accepted: true }, { authority: "dk", accepted: false }],
    forwardedAway: [],
    draft: false,
    state: "CLOSED",
    toAll: true,
    withdrawn: true,
  },
];

/** Viewers: each role, in authorities that give it different relations. */
const VIEWERS: { key: string; role: Role; authority: AuthorityKey }[] = [
  { key: "helpdesk", role: "COMMISSION", authority: "helpdesk" },
  { key: "coordinatorDk", role: "COORDINATOR", authority: "coordinatorDk" },
  { key: "coordinatorAtFr", role: "COORDINATOR", authority: "fr" },
  { key: "adminDk", role: "LOCAL_ADMIN", authority: "dk" },
  { key: "adminDe", role: "LOCAL_ADMIN", authority: "de" },
  { key: "adminDe2", role: "LOCAL_ADMIN", authority: "de2" },
  { key: "handlerDk", role: "CASE_HANDLER", authority: "dk" },
  { key: "handlerDk2", role: "CASE_HANDLER", authority: "dk2" },
  { key: "handlerDe", role: "CASE_HANDLER", authority: "de" },
  { key: "handlerDe2", role: "CASE_HANDLER", authority: "de2" },
  { key: "handlerFr", role: "CASE_HANDLER", authority: "fr" },
  { key: "portalDk", role: "PORTAL", authority: "portalDk" },
  // Issue 18: supervisory authorities (Art. 21) by the authorities whose relations they would have: a
  // national one in a Danish authority taking part in nothing, the EDPS in the EU helpdesk authority
  // (which holds a Commission route): neither reaches a procedure row or personal data by its role.
  { key: "supervisorDk", role: "SUPERVISOR", authority: "coordinatorDk" },
  { key: "supervisorEu", role: "SUPERVISOR", authority: "helpdesk" },
];

const STATE_OF: Record<AuthorityKey, string> = WORLD_AUTHORITY_STATES;

/** The viewer's relation, from the setup alone (not from the server's computation). */
function expectedRelation(setup: Setup, viewer: (typeof VIEWERS)[number]): Relation {
  const mine = viewer.authority;
  if (setup.initiator === mine) return "INITIATOR";
  const recipient = setup.recipients.find((r) => r.authority === mine);
  if (recipient && !setup.draft) return recipient.accepted ? "ACCEPTED" : "NOT_ACCEPTED";
  if (setup.forwardedAway.includes(mine)) return "FORWARDED_AWAY";
  if (setup.grant === "live" && mine === "helpdesk") return "COMMISSION_ROUTE";
  const taking = [setup.initiator, ...(setup.draft ? [] : setup.recipients.map((r) => r.authority))];
  return taking.some((a) => STATE_OF[a] === STATE_OF[mine]) ? "SAME_STATE" : "OTHER_STATE";
}

/**
 * The world is built once per driver (beforeAll) and every test reads it. Unloaded here the build takes
 * about 5 s and the walk of every cell about 2 s on PGlite; on CI's 2 shared cores, beside other files'
 * servers and PostgreSQL, several times that, past vitest's 30 s default. Explicit limits a loaded
 * machine fits in, still far below CI's 90 minutes, so a hang fails within minutes.
 */
const BUILD_TIMEOUT_MS = 240_000;
const WALK_TIMEOUT_MS = 180_000;

describe.each(DRIVERS)("the need-to-know matrix on %s", (driver) => {
  const suite = useSuite(driver);
  let schema: GraphQLSchema;
  let world: World;
  const tokens = new Map<string, string>();
  const ids = new Map<string, string>();

  beforeAll(async () => {
    schema = await buildGraphQLSchema();
    world = await suite.world();
    await buildProcedures();
    await loginViewers();
  }, BUILD_TIMEOUT_MS);

  async function buildProcedures() {
    // Issue 17: requests are built from a question set, so answers and attachments take every cell too.
    const questionSet = await publishSet(suite, world, { legalAreaCode: "SERVICES" });
    const handler: Record<string, keyof World["user"]> = { dk: "handlerDk", de: "handlerDe", de2: "handlerDe2", fr: "handlerFr" };
    const token = (authority: AuthorityKey) => world.token(world.user[handler[authority]!]);
    await suite.db.db.update(authorities).set({ alertCoordinator: true }).where(inArray(authorities.id, [world.authority.dk, world.authority.fr]));
    for (const setup of SETUPS) {
      const first = setup.forwardedAway[0] ?? null;
      const initial = setup.recipients.map((r) => (first ? first : r.authority));
      const initiator = await token(setup.initiator);
      const created = await suite.api.execute(
        CREATE_PROCEDURE,
        {
          input: {
            kind: setup.kind,
            legalAreaCode: "SERVICES",
            subject: `Matrix ${setup.name}`,
            justification: "Matrix justification.",
            recipientAuthorityIds: setup.toAll ? [] : initial.map((a) => world.authority[a]),
            ...(setup.toAll ? { toAllMemberStates: true } : {}),
            ...(setup.kind === "REQUEST" ? { questionSetVersionId: questionSet.id } : {}),
          },
        },
        initiator,
      );
      const id = created.data!.createProcedure.id;
      ids.set(setup.name, id);
      const subject = await suite.api.execute(ADD_DATA_SUBJECT, { procedureId: id, input: { fullName: `Subject ${setup.name}`, nationalIdentifier: "010101-0101" } }, initiator);
      await suite.api.execute(
        ADD_SENSITIVE_RECORD,
        { dataSubjectId: subject.data!.addDataSubject.id, input: { category: "GOOD_REPUTE", details: "No sanctions.", necessity: "Good repute check.", legalBasis: "Art. 33" } },
        initiator,
      );
      await suite.api.execute(ADD_LEGAL_PERSON, { procedureId: id, input: { name: `Company ${setup.name}` } }, initiator);
      const uploader = await suite.api.api.createContext({ authorization: `Bearer ${initiator}` });
      await suite.api.api.services.attachments.upload(uploader.viewer!, uploader.audit, {
        procedureId: id,
        name: `Matrix ${setup.name}.pdf`,
        contentType: "application/pdf",
        contentLength: undefined,
        body: (async function* () {
          yield pdfBytes(600);
        })(),
      });
      if (setup.draft) continue;
      await suite.api.execute(SEND, { id }, initiator);
      await suite.api.execute(POST_MESSAGE, { procedureId: id, body: "A question naming Subject." }, initiator);
      if (first) {
        await suite.api.execute(ACCEPT, { id }, await token(first));
        const forwarded = await suite.api.execute(FORWARD, { id, to: world.authority[setup.recipients[0]!.authority] }, await token(first));
        expect(forwarded.errors).toBeUndefined();
      }
      for (const r of setup.recipients.filter((r) => r.accepted)) await suite.api.execute(ACCEPT, { id }, await token(r.authority));
      const responder = setup.recipients.find((r) => r.accepted);
      if (setup.kind === "REQUEST" && responder) {
        expect((await answer(suite, await token(responder.authority), id, { questionCode: "NOTES", value: `Answer ${setup.name}` })).errors).toBeUndefined();
      }
      if (setup.withdrawn) {
        const withdrawn = await suite.api.executeText("mutation ($id: ID!) { withdrawAlert(id: $id, reason: \"Withdrawn naming Subject.\") { id } }", { id }, initiator);
        expect(withdrawn.errors).toBeUndefined();
      } else if (setup.state !== "OPEN") expect((await suite.api.execute(CLOSE, { id }, initiator)).errors).toBeUndefined();
      const now = suite.api.clock.now();
      // Blocking and deletion are the retention job's (a later issue): their end states are set directly.
      if (setup.state === "BLOCKED" || setup.state === "DELETED") {
        await suite.db.db.update(procedures).set({ blockedAt: now }).where(eq(procedures.id, id));
      }
      if (setup.state === "DELETED") {
        await suite.db.db.delete(dataSubjects).where(eq(dataSubjects.procedureId, id));
        await suite.db.db.delete(messages).where(eq(messages.procedureId, id));
        await suite.db.db.delete(legalPersons).where(eq(legalPersons.procedureId, id));
        await suite.db.db.delete(questionAnswers).where(eq(questionAnswers.procedureId, id));
        await suite.db.db.delete(attachments).where(eq(attachments.procedureId, id));
        await suite.db.db.update(procedures).set({ personalDataDeletedAt: now }).where(eq(procedures.id, id));
      }
      if (setup.grant) {
        const expiresAt = new Date(now.getTime() + (setup.grant === "live" ? 1 : -1) * 24 * 3600 * 1000);
        await suite.db.db.insert(personalDataGrants).values({
          procedureId: id,
          authorityId: world.authority.helpdesk,
          ground: "BLOCKED_DATA_RETRIEVAL",
          reference: "matrix",
          grantedAt: new Date(now.getTime() - 2 * 24 * 3600 * 1000),
          expiresAt,
        });
      }
    }
  }

  async function loginViewers() {
    const hash = await hashPassword(TEST_PASSWORD);
    for (const viewer of VIEWERS) {
      const email = `matrix.${viewer.key}.${world.tag}@imi.test`;
      await suite.db.db.insert(users).values({
        authorityId: world.authority[viewer.authority],
        name: `Matrix ${viewer.key}`,
        email,
        roles: [viewer.role],
        passwordHash: hash,
        totpSecret: TEST_TOTP_SECRET,
        createdAt: suite.api.clock.now(),
      });
      tokens.set(viewer.key, await suite.api.login(email, TEST_PASSWORD, TEST_TOTP_SECRET));
    }
  }

  /** Walks a result against the schema and the policy; returns the cells checked. */
  function check(
    typeName: string,
    value: Record<string, unknown>,
    path: (string | number)[],
    errors: Map<string, GraphQLFormattedError>,
    expectFor: (typeName: string, field: string) => { granted: boolean; reason: string | null },
    where: string,
  ): number {
    const type = schema.getType(typeName);
    if (!type || !isObject(type)) return 0;
    let checked = 0;
    for (const field of Object.values(type.getFields() as Record<string, GraphQLField<unknown, unknown>>)) {
      if (!(field.name in value)) continue;
      const fieldPath = [...path, field.name];
      const error = errors.get(fieldPath.join("."));
      const expected = expectFor(typeName, field.name);
      const cell = `${where} ${fieldPath.join(".")}`;
      checked++;
      if (!expected.granted) {
        expect(value[field.name], cell).toBeNull();
        expect(error?.extensions, cell).toMatchObject({ code: "FORBIDDEN", reason: expected.reason });
        continue;
      }
      expect(error, cell).toBeUndefined();
      const inner = namedType(field.type);
      const child = value[field.name];
      if (!isObject(inner) || child === null || child === undefined) continue;
      const children = Array.isArray(child) ? child : [child];
      children.forEach((c, i) => {
        const childPath = Array.isArray(child) ? [...fieldPath, i] : fieldPath;
        checked += check(inner.name, c as Record<string, unknown>, childPath, errors, expectFor, where);
      });
    }
    return checked;
  }

  /** What the policy says of a field for the viewer in the setup. */
  function expectation(viewer: (typeof VIEWERS)[number], relation: Relation, setup: Setup) {
    return (typeName: string, field: string) => {
      const access = POLICY[typeName]?.[field];
      if (!access) return { granted: false, reason: "ROLE" };
      if (access.kind !== "procedure") return { granted: true, reason: null };
      return decide(PROCEDURE_CLASSES[access.class], [viewer.role], relation, setup.state);
    };
  }

  const query = () => `query Matrix($id: ID!) { procedure(id: $id) { ${selectAll(schema, "Procedure", 3)} } }`;

  /** Today's answers, every cell (both walls, and the shield alone). */
  async function walkMatrix(api: TestApi, walls: Walls): Promise<void> {
    let cellsChecked = 0;
    for (const setup of SETUPS) {
      for (const viewer of VIEWERS) {
        const relation = expectedRelation(setup, viewer);
        const where = `[${setup.name} / ${viewer.key} ${viewer.role} ${relation} ${setup.state}]`;
        const result = await api.executeText(query(), { id: ids.get(setup.name) }, tokens.get(viewer.key));
        const metadata = decide(PROCEDURE_CLASSES.metadata, [viewer.role], relation, setup.state);
        cellsChecked++;
        if (!metadata.granted) {
          // A procedure outside the viewer's rows is not found, exactly like a missing one.
          expect(result.data?.procedure ?? null, where).toBeNull();
          expect(result.errors?.map((e) => e.extensions?.code), where).toEqual(["NOT_FOUND"]);
          continue;
        }
        const errors = new Map((result.errors ?? []).map((e) => [(e.path ?? []).join("."), e]));
        const expectFor = expectation(viewer, relation, setup);
        const procedure = (result.data as { procedure: Record<string, unknown> }).procedure;
        cellsChecked += check("Procedure", procedure, ["procedure"], errors, expectFor, where);
        // Every error must be one the walk expected: no denial the policy does not explain.
        for (const error of result.errors ?? []) {
          const path = (error.path ?? []).filter((p) => typeof p === "string");
          const [typeName, field] = pathType(schema, path as string[]);
          expect(expectFor(typeName, field).granted, `${where} unexpected error at ${(error.path ?? []).join(".")}`).toBe(false);
        }
        const access = decide(PROCEDURE_CLASSES.personalData, [viewer.role], relation, setup.state);
        expect(procedure.personalDataAccess, where).toEqual(access);
      }
    }
    console.log(`[${driver}, ${walls.name}] need-to-know matrix: ${cellsChecked} cells checked (${SETUPS.length} situations x ${VIEWERS.length} viewers)`);
    expect(cellsChecked).toBeGreaterThan(1000);
  }

  /**
   * The strings this test planted in a setup's procedure, by the class that guards them: its subject
   * (metadata), the initiator's justification (participant), and personal data: the data subject and
   * their sensitive record, the legal person, the messages (the withdrawal reason is one), the answer
   * and the document's name.
   */
  function plantedIn(setup: Setup): Record<ProcedureClass, string[]> {
    return {
      metadata: [`Matrix ${setup.name}`],
      participant: ["Matrix justification."],
      personalData: [
        `Subject ${setup.name}`,
        "010101-0101",
        "No sanctions.",
        "Good repute check.",
        "Art. 33",
        `Company ${setup.name}`,
        "A question naming Subject.",
        "Withdrawn naming Subject.",
        `Answer ${setup.name}`,
        `Matrix ${setup.name}.pdf`,
      ],
    };
  }

  /** The planted strings a denied field's value holds, cell by cell. */
  function leaksIn(
    typeName: string,
    value: Record<string, unknown>,
    path: (string | number)[],
    expectFor: ReturnType<typeof expectation>,
    denied: readonly string[],
    found: string[],
    where: string,
  ): number {
    const type = schema.getType(typeName);
    if (!type || !isObject(type)) return 0;
    let checked = 0;
    for (const field of Object.values(type.getFields() as Record<string, GraphQLField<unknown, unknown>>)) {
      if (!(field.name in value)) continue;
      const fieldPath = [...path, field.name];
      checked++;
      if (!expectFor(typeName, field.name).granted) {
        const text = JSON.stringify(value[field.name] ?? null);
        const shown = denied.filter((s) => text.includes(s));
        if (shown.length) found.push(`${where} ${fieldPath.join(".")}: ${shown.join(", ")}`);
        continue;
      }
      const inner = namedType(field.type);
      const child = value[field.name];
      if (!isObject(inner) || child === null || child === undefined) continue;
      const children = Array.isArray(child) ? child : [child];
      children.forEach((c, i) => {
        checked += leaksIn(inner.name, c as Record<string, unknown>, Array.isArray(child) ? [...fieldPath, i] : fieldPath, expectFor, denied, found, where);
      });
    }
    return checked;
  }

  /**
   * The database's wall alone (the shield removed): for every role x relation x state, no string of a
   * class the matrix denies the viewer appears anywhere in the response (data or errors); each denied
   * field comes back null, empty or without any of them; and what the matrix allows comes back.
   */
  async function walkWithoutShield(api: TestApi, walls: Walls): Promise<void> {
    const leaks: string[] = [];
    const missing: string[] = [];
    let cellsChecked = 0;
    let shown = 0;
    for (const setup of SETUPS) {
      const planted = plantedIn(setup);
      for (const viewer of VIEWERS) {
        const relation = expectedRelation(setup, viewer);
        const where = `[${setup.name} / ${viewer.key} ${viewer.role} ${relation} ${setup.state}]`;
        const result = await api.executeText(query(), { id: ids.get(setup.name) }, tokens.get(viewer.key));
        const text = JSON.stringify(result);
        cellsChecked++;
        const classes = Object.keys(planted) as ProcedureClass[];
        const granted = new Map(classes.map((cls) => [cls, decide(PROCEDURE_CLASSES[cls], [viewer.role], relation, setup.state).granted]));
        // A deleted procedure's personal data is gone: nothing of it to find, for anyone.
        const present = (cls: ProcedureClass) => cls !== "personalData" || setup.state !== "DELETED";
        const denied = classes.filter((cls) => !granted.get(cls)).flatMap((cls) => planted[cls]);
        // Anywhere: a denied field, an error's message, a field that should not hold it.
        const anywhere = denied.filter((s) => text.includes(s));
        if (anywhere.length) leaks.push(`${where} in the response: ${anywhere.join(", ")}`);
        const procedure = (result.data as { procedure?: Record<string, unknown> | null } | null)?.procedure;
        if (procedure) cellsChecked += leaksIn("Procedure", procedure, ["procedure"], expectation(viewer, relation, setup), denied, leaks, where);
        for (const cls of classes.filter((c) => granted.get(c) && present(c))) {
          const [first] = planted[cls];
          if (text.includes(first!)) shown++;
          else missing.push(`${where} ${cls}: ${first} not shown`);
        }
      }
    }
    console.log(
      `[${driver}, ${walls.name}] need-to-know matrix: ${cellsChecked} cells checked (${SETUPS.length} situations x ${VIEWERS.length} viewers), ` +
        `${leaks.length} leaks, ${shown} allowed classes shown`,
    );
    expect({ leaks, missing }).toEqual({ leaks: [], missing: [] });
    // The walk reaches the data at all: personal data of several situations to several viewers.
    expect(shown).toBeGreaterThan(30);
    expect(cellsChecked).toBeGreaterThan(1000);
  }

  /** The procedures of the matrix each viewer's list shows: exactly those whose metadata the policy shows. */
  async function checkLists(api: TestApi): Promise<void> {
    const mine = new Set(ids.values());
    for (const viewer of VIEWERS) {
      const result = await api.executeText<{ procedures: { edges: { node: { id: string } }[] } }>(
        "{ procedures(first: 100) { edges { node { id } } } }",
        {},
        tokens.get(viewer.key),
      );
      expect(result.errors, viewer.key).toBeUndefined();
      const listed = new Set(result.data!.procedures.edges.map((e) => e.node.id).filter((id) => mine.has(id)));
      const expected = new Set(
        SETUPS.filter((s) => decide(PROCEDURE_CLASSES.metadata, [viewer.role], expectedRelation(s, viewer), s.state).granted).map(
          (s) => ids.get(s.name)!,
        ),
      );
      expect(listed, viewer.key).toEqual(expected);
    }
  }

  // Issue 13 item 4: the same world, built once per driver, read three ways (test/authorization/walls.ts).
  describe.each(WALLS)("with $name", (walls) => {
    let api: TestApi;
    beforeAll(async () => {
      api = walls.shield && walls.rowSecurity ? suite.api : await TestApi.create(suite.db.db, suite.api.clock, walls.options);
    });
    afterAll(async () => {
      if (api && api !== suite.api) await api.stop();
    });

    if (walls.shield) {
      it("R-SEC-1 answers every role x relation x state x field exactly as the policy says", () => walkMatrix(api, walls), WALK_TIMEOUT_MS);
    } else {
      it(
        "R-SEC-1 gives no viewer a planted string of a class the matrix denies it, in any role x relation x state x field, and gives what it allows",
        () => walkWithoutShield(api, walls),
        WALK_TIMEOUT_MS,
      );
    }
    it("R-SEC-1 lists exactly the procedures whose metadata the policy shows, for every viewer", () => checkLists(api), WALK_TIMEOUT_MS);
  });
});

/** The object type and field a response path ends in (list indexes dropped). */
function pathType(schema: GraphQLSchema, path: string[]): [string, string] {
  let typeName = "Query";
  for (let i = 0; i < path.length - 1; i++) {
    const type = schema.getType(typeName);
    if (!type || !isObject(type)) break;
    typeName = namedType(type.getFields()[path[i]!]!.type).name;
  }
  return [typeName, path.at(-1)!];
}

