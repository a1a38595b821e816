import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RECORD_STATES, RELATIONS, type ProcedureClass, type RecordState, type Relation } from "../../src/auth/policy.js";
import { procedureDecision, situationOf } from "../../src/auth/procedure-situation.js";
import type { Role, Viewer } from "../../src/auth/viewer.js";
import type { Context } from "../../src/context.js";
import type { Database } from "../../src/db/database.js";
import { GUARDED } from "../../src/db/rls/policies.sql.js";
import { inRequestTransaction, scopedDatabase } from "../../src/db/rls/request-scope.js";
import { rowsOf } from "../../src/db/rows.js";
import { authorities, participants, personalDataGrants, procedures, procedureStatusEnum } from "../../src/db/schema/index.js";
import { createLoaders } from "../../src/loaders.js";
import type { ProcedureRow } from "../../src/modules/procedures/procedure.repository.js";
import { createTestDatabase, DRIVERS, type TestDatabase } from "../helpers/database.js";
import { START } from "../helpers/suite.js";

/**
 * Issue 13: the generator (src/db/rls/policies.sql.ts readableBranches) merges the cells' branches
 * whose meaning is equal: the participation relations of one role with the same states into one
 * SELECT over the viewer's current participation, and roles with the same branch into one. Whether
 * the merged views still mean exactly the cells is asked here of the rows themselves: procedures for
 * every combination of what computeSituation and recordState read, and for every role set, the
 * TypeScript policy (procedureDecision: the cells of PROCEDURE_CLASSES at computeSituation's relation
 * and recordState's state, as every service decides) against the migrated view and the tables' row
 * policies, read as the API's role with the viewer set as a request sets it (request-scope.ts).
 */

const DAY = 24 * 3600 * 1000;
const CLOSED_AT = new Date("2023-01-10T09:00:00Z");
const BLOCKED_AT = new Date("2023-07-10T09:00:00Z");
const DELETED_AT = new Date("2026-01-10T09:00:00Z");

/** The procedure's columns recordState reads, every combination; and a closed Services Directive alert (R-RETAIN-2: never blocked). */
interface ProcedureVariant {
  label: string;
  kind: "REQUEST" | "ALERT";
  status: (typeof procedureStatusEnum.enumValues)[number];
  blocked: boolean;
  deleted: boolean;
}
const PROCEDURE_VARIANTS: readonly ProcedureVariant[] = [
  ...procedureStatusEnum.enumValues.flatMap((status) =>
    [false, true].flatMap((blocked) =>
      [false, true].map((deleted) => ({ label: `${status}${blocked ? "+blocked" : ""}${deleted ? "+deleted" : ""}`, kind: "REQUEST" as const, status, blocked, deleted })),
    ),
  ),
  { label: "closed Services Directive alert, unblocked", kind: "ALERT", status: "CLOSED", blocked: false, deleted: false },
];

type Part = "INITIATOR" | "RESPONDER" | "RECIPIENT";
interface OwnRow {
  part: Part;
  accepted: boolean;
  forwarded: boolean;
}

/**
 * The viewer's authority's rows in the procedure. It has at most one current row (participants_current_idx,
 * unique where forwarded_at is null), so "initiator and responder" is one current and one forwarded away.
 */
const PARTICIPATIONS: Record<string, readonly OwnRow[]> = {
  none: [],
  "current initiator": [{ part: "INITIATOR", accepted: false, forwarded: false }],
  "forwarded-away initiator": [{ part: "INITIATOR", accepted: false, forwarded: true }],
  "accepted responder": [{ part: "RESPONDER", accepted: true, forwarded: false }],
  "not-accepted responder": [{ part: "RESPONDER", accepted: false, forwarded: false }],
  "accepted recipient": [{ part: "RECIPIENT", accepted: true, forwarded: false }],
  "not-accepted recipient": [{ part: "RECIPIENT", accepted: false, forwarded: false }],
  "forwarded-away responder (accepted before)": [{ part: "RESPONDER", accepted: true, forwarded: true }],
  "forwarded-away responder (not accepted)": [{ part: "RESPONDER", accepted: false, forwarded: true }],
  "current initiator, forwarded-away responder": [
    { part: "INITIATOR", accepted: false, forwarded: false },
    { part: "RESPONDER", accepted: true, forwarded: true },
  ],
  "forwarded-away initiator, accepted responder": [
    { part: "INITIATOR", accepted: false, forwarded: true },
    { part: "RESPONDER", accepted: true, forwarded: false },
  ],
  "forwarded-away initiator, not-accepted responder": [
    { part: "INITIATOR", accepted: false, forwarded: true },
    { part: "RESPONDER", accepted: false, forwarded: false },
  ],
};

/** Where an authority of the viewer's member state (other than its own) takes part. */
const SAME_STATE_OTHERS = ["nowhere", "as the initiator", "as a responder"] as const;

/** The viewer's authority's route to the personal data (personal_data_grants), or another authority's. */
const GRANTS = ["none", "live", "expired", "not yet granted", "another authority's live"] as const;

/** The role sets the API knows: each role alone, and the combinations a user may hold. */
const ROLE_SETS: readonly (readonly Role[])[] = [
  ["COMMISSION"],
  ["COORDINATOR"],
  ["LOCAL_ADMIN"],
  ["CASE_HANDLER"],
  ["PORTAL"],
  ["SUPERVISOR"],
  ["COORDINATOR", "LOCAL_ADMIN"],
  ["COORDINATOR", "CASE_HANDLER"],
  ["LOCAL_ADMIN", "CASE_HANDLER"],
  ["COORDINATOR", "LOCAL_ADMIN", "CASE_HANDLER"],
  ["COMMISSION", "CASE_HANDLER"],
  ["COMMISSION", "COORDINATOR"],
  ["PORTAL", "CASE_HANDLER"],
  ["SUPERVISOR", "COORDINATOR"],
];

interface Combination {
  variant: string;
  blockedOrDeleted: boolean;
  participation: string;
  sameState: (typeof SAME_STATE_OTHERS)[number];
  grant: (typeof GRANTS)[number];
}
const describeCombination = (c: Combination) => `procedure=${c.variant} viewer's authority=${c.participation} same-state other=${c.sameState} grant=${c.grant}`;

interface Grid {
  combinations: Map<string, Combination>;
  viewerAuthority: string;
}

async function insertAuthority(db: Database, name: string, memberState: string): Promise<string> {
  const [row] = await db
    .insert(authorities)
    .values({ name, memberState, contactEmail: `${name.toLowerCase()}@example.eu`, postalAddress: "1 Rue", dpoName: "DPO", dpoEmail: "dpo@example.eu" })
    .returning({ id: authorities.id });
  return row!.id;
}

/**
 * One procedure per combination, each with a data subject (personalData), a justification (participant)
 * and its participants: the viewer's authority's rows, an initiator of its own (when the viewer's
 * authority is not the current one) and a responder, of the viewer's member state or not.
 */
async function insertGrid(db: Database): Promise<Grid> {
  const viewerAuthority = await insertAuthority(db, "Viewer", "DK");
  const sameState = await insertAuthority(db, "Neighbour", "DK");
  const german = await insertAuthority(db, "German", "DE");
  const french = await insertAuthority(db, "French", "FR");
  const helpdesk = await insertAuthority(db, "Helpdesk", "EU");

  const combinations = new Map<string, Combination>();
  const procedureRows: (typeof procedures.$inferInsert)[] = [];
  const participantRows: (typeof participants.$inferInsert)[] = [];
  const grantRows: (typeof personalDataGrants.$inferInsert)[] = [];
  let n = 0;
  for (const variant of PROCEDURE_VARIANTS)
    for (const [participation, own] of Object.entries(PARTICIPATIONS))
      for (const other of SAME_STATE_OTHERS)
        for (const grant of GRANTS) {
          const id = randomUUID();
          const at = new Date(START.getTime() - 4 * 365 * DAY + n * 1000);
          combinations.set(id, { variant: variant.label, blockedOrDeleted: variant.blocked || variant.deleted, participation, sameState: other, grant });
          const initiatesNow = own.some((row) => row.part === "INITIATOR" && !row.forwarded);
          const initiator = initiatesNow ? viewerAuthority : other === "as the initiator" ? sameState : german;
          procedureRows.push({
            id,
            reference: `IMI-CV-${String(n++).padStart(5, "0")}`,
            kind: variant.kind,
            legalAreaCode: "SERVICES",
            subject: variant.label,
            status: variant.status,
            initiatorAuthorityId: initiator,
            createdAt: at,
            sentAt: variant.status === "DRAFT" ? null : at,
            lastActivityAt: at,
            closedAt: variant.status === "CLOSED" ? CLOSED_AT : null,
            blockedAt: variant.blocked ? BLOCKED_AT : null,
            personalDataDeletedAt: variant.deleted ? DELETED_AT : null,
          });
          for (const row of own)
            participantRows.push({
              procedureId: id,
              authorityId: viewerAuthority,
              part: row.part,
              addedAt: at,
              acceptedAt: row.accepted ? at : null,
              forwardedAt: row.forwarded ? at : null,
              forwardedToAuthorityId: row.forwarded ? french : null,
            });
          if (!initiatesNow) participantRows.push({ procedureId: id, authorityId: initiator, part: "INITIATOR", addedAt: at });
          participantRows.push({ procedureId: id, authorityId: other === "as a responder" ? sameState : french, part: "RESPONDER", addedAt: at, acceptedAt: at });
          const window: Record<(typeof GRANTS)[number], [number, number] | null> = {
            none: null,
            live: [-DAY, DAY],
            expired: [-10 * DAY, -DAY],
            "not yet granted": [DAY, 10 * DAY],
            "another authority's live": [-DAY, DAY],
          };
          const span = window[grant];
          if (span)
            grantRows.push({
              procedureId: id,
              authorityId: grant === "another authority's live" ? helpdesk : viewerAuthority,
              ground: "DATA_SUBJECT_REQUEST",
              reference: `grant ${grant}`,
              grantedAt: new Date(START.getTime() + span[0]),
              expiresAt: new Date(START.getTime() + span[1]),
            });
        }
  for (let i = 0; i < procedureRows.length; i += 500) await db.insert(procedures).values(procedureRows.slice(i, i + 500));
  for (let i = 0; i < participantRows.length; i += 1000) await db.insert(participants).values(participantRows.slice(i, i + 1000));
  for (let i = 0; i < grantRows.length; i += 1000) await db.insert(personalDataGrants).values(grantRows.slice(i, i + 1000));
  // A row of each guarded class per procedure, for the tables' own row policies.
  await db.execute(sql`insert into data_subjects (procedure_id, full_name, added_by_authority_id, created_at) select id, 'Subject', initiator_authority_id, created_at from procedures`);
  await db.execute(sql`insert into procedure_justifications (procedure_id, justification) select id, 'Justification' from procedures`);
  return { combinations, viewerAuthority };
}

/** A table of each class whose row policy is the class's view, and its procedure column. */
const CLASS_TABLES: Record<ProcedureClass, { table: string; procedure: string }> = {
  metadata: { table: "procedures", procedure: "id" },
  personalData: { table: "data_subjects", procedure: "procedure_id" },
  participant: { table: "procedure_justifications", procedure: "procedure_id" },
};

interface Answers {
  /** Per procedure: computeSituation's relation and recordState's state. */
  situation: Map<string, { relation: Relation; state: RecordState }>;
  /** Per class: the procedures the TypeScript policy lets the viewer read, the view selects, the table's policy shows. */
  typescript: Record<ProcedureClass, Set<string>>;
  view: Record<ProcedureClass, Set<string>>;
  table: Record<ProcedureClass, Set<string>>;
}

async function answersFor(db: Database, viewer: Viewer): Promise<Answers> {
  // The TypeScript side reads through the tables' owner: the policy alone, no wall in the way.
  const ctx = { viewer, now: START, loaders: createLoaders(db), situations: new Map() } as unknown as Context;
  const rows: ProcedureRow[] = await db.select().from(procedures);
  const situation = new Map<string, { relation: Relation; state: RecordState }>();
  const typescript = { metadata: new Set<string>(), personalData: new Set<string>(), participant: new Set<string>() };
  // All at once, so that the loaders batch (one statement per loader, not one per procedure).
  await Promise.all(
    rows.map(async (row) => {
      const { relation, state } = await situationOf(ctx, row);
      situation.set(row.id, { relation, state });
      for (const cls of Object.keys(typescript) as ProcedureClass[]) if ((await procedureDecision(ctx, row, cls)).granted) typescript[cls].add(row.id);
    }),
  );
  // The SQL side: as a request of this viewer (the API's role, the viewer's settings), the wall alone deciding.
  const scoped = scopedDatabase(db);
  const ids = async (query: string) => new Set(rowsOf<{ id: string }>(await scoped.execute(sql.raw(query))).map((r) => r.id));
  const { view, table } = await inRequestTransaction(db, { viewer, now: START }, async () => {
    const view = {} as Record<ProcedureClass, Set<string>>;
    const table = {} as Record<ProcedureClass, Set<string>>;
    for (const { cls, view: name } of GUARDED) {
      view[cls] = await ids(`select procedure_id::text as id from ${name}`);
      table[cls] = await ids(`select ${CLASS_TABLES[cls].procedure}::text as id from ${CLASS_TABLES[cls].table}`);
    }
    return { view, table };
  });
  return { situation, typescript, view, table };
}

describe.each(DRIVERS)("the merged class views mean exactly the policy's cells (%s)", (driver) => {
  let database: TestDatabase;
  let grid: Grid;
  const answers = new Map<string, Answers>();
  beforeAll(async () => {
    database = await createTestDatabase(driver);
    grid = await insertGrid(database.db);
    for (const roles of ROLE_SETS)
      answers.set(roles.join("+"), await answersFor(database.db, { userId: randomUUID(), authorityId: grid.viewerAuthority, memberState: "DK", roles }));
  }, 120_000);
  afterAll(() => database?.dispose());

  const expectedCount = PROCEDURE_VARIANTS.length * Object.keys(PARTICIPATIONS).length * SAME_STATE_OTHERS.length * GRANTS.length;

  it("the grid reaches every relation and every record state of computeSituation and recordState", () => {
    expect(grid.combinations.size).toBe(expectedCount);
    const situations = [...answers.values()][0]!.situation;
    expect(situations.size).toBe(expectedCount);
    expect(new Set([...situations.values()].map((s) => s.relation))).toEqual(new Set(RELATIONS));
    expect(new Set([...situations.values()].map((s) => s.state))).toEqual(new Set(RECORD_STATES));
  });

  function disagreements(cls: ProcedureClass): string[] {
    return ROLE_SETS.flatMap((roles) => {
      const a = answers.get(roles.join("+"))!;
      return [...grid.combinations].flatMap(([id, combination]) => {
        const ts = a.typescript[cls].has(id);
        const view = a.view[cls].has(id);
        const table = a.table[cls].has(id);
        if (ts === view && ts === table) return [];
        const { relation, state } = a.situation.get(id)!;
        return [`${roles.join("+")} ${describeCombination(combination)} (${relation}, ${state}): policy ${ts}, view ${view}, table ${table}`];
      });
    });
  }

  /** Both answers occur for the class (the comparison is not vacuous), for the roles whose cells it has. */
  function bothAnswers(cls: ProcedureClass, roles: readonly Role[]) {
    const a = answers.get(roles.join("+"))!;
    expect(a.typescript[cls].size, `${roles.join("+")} reads some ${cls}`).toBeGreaterThan(0);
    expect(a.typescript[cls].size, `${roles.join("+")} does not read every ${cls}`).toBeLessThan(expectedCount);
  }

  it("R-SEC-1 the metadata view and the procedures' row policy agree with the metadata cells for every participation, member state, grant, status and role set", () => {
    for (const roles of [["COORDINATOR"], ["LOCAL_ADMIN"], ["CASE_HANDLER"]] as const) bothAnswers("metadata", roles);
    expect(answers.get("COMMISSION")!.typescript.metadata.size).toBe(expectedCount);
    const found = disagreements("metadata");
    expect(found.length, `${found.length} disagree:\n${found.slice(0, 40).join("\n")}`).toBe(0);
  });

  it("R-SEC-1 R-RETAIN-1 the personal-data view and the data subjects' row policy agree with the personalData cells, blocked and deleted states included, for every role set", () => {
    for (const roles of [["CASE_HANDLER"], ["COMMISSION"]] as const) bothAnswers("personalData", roles);
    // R-RETAIN-1: blocked personal data is read by no case handler, in the policy as in the database.
    for (const [id, combination] of grid.combinations)
      if (combination.blockedOrDeleted) {
        expect(answers.get("CASE_HANDLER")!.typescript.personalData.has(id)).toBe(false);
        expect(answers.get("CASE_HANDLER")!.table.personalData.has(id)).toBe(false);
      }
    const found = disagreements("personalData");
    expect(found.length, `${found.length} disagree:\n${found.slice(0, 40).join("\n")}`).toBe(0);
  });

  it("R-SEC-1 the justification view and its table's row policy agree with the participant cells for every role set", () => {
    bothAnswers("participant", ["CASE_HANDLER"]);
    const found = disagreements("participant");
    expect(found.length, `${found.length} disagree:\n${found.slice(0, 40).join("\n")}`).toBe(0);
  });
});
