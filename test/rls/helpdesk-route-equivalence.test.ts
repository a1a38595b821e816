import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RECORD_STATES, type RecordState } from "../../src/auth/policy.js";
import { recordState } from "../../src/auth/procedure-situation.js";
import { mayReadRequestPersonal, procedureFacts, requestRelations, type RequestRecord } from "../../src/auth/request-access.js";
import type { Viewer } from "../../src/auth/viewer.js";
import type { Database } from "../../src/db/database.js";
import { REQUEST_RELATION_SQL } from "../../src/db/rls/policies.sql.js";
import { inRequestTransaction, scopedDatabase } from "../../src/db/rls/request-scope.js";
import { rowsOf } from "../../src/db/rows.js";
import {
  authorities,
  dataSubjectRequestKindEnum,
  dataSubjectRequestRouteEnum,
  dataSubjectRequestStatusEnum,
  dataSubjectRequests,
  participants,
  procedures,
  procedureStatusEnum,
} from "../../src/db/schema/index.js";
import type { ParticipantRow, ProcedureRow } from "../../src/modules/procedures/procedure.repository.js";
import { currentRouting, type Route } from "../../src/modules/rights/routing.js";
import { createTestDatabase, DRIVERS, type TestDatabase } from "../helpers/database.js";
import { START } from "../helpers/suite.js";

/**
 * The helpdesk reaches a request's personal data when the request's route makes it act (REQUEST_PERSONAL's
 * COMMISSION cell, relation HELPDESK_ROUTE). That is decided twice: in TypeScript (auth/request-access.ts
 * requestRelations over routing.ts currentRouting) and in SQL (db/rls/policies.sql.ts
 * REQUEST_RELATION_SQL.HELPDESK_ROUTE, in the generated row policy). Here both are asked of the same rows,
 * inserted for every combination of the inputs either reads, and must answer alike for each one.
 */

const KINDS = dataSubjectRequestKindEnum.enumValues;
const STATUSES = dataSubjectRequestStatusEnum.enumValues;
const ROUTES: readonly (Route | null)[] = [null, ...dataSubjectRequestRouteEnum.enumValues];
const ESCALATED = [false, true] as const;

const CLOSED_AT = new Date("2023-01-10T09:00:00Z");
const BLOCKED_AT = new Date("2023-07-10T09:00:00Z");
const DELETED_AT = new Date("2026-01-10T09:00:00Z");

/**
 * The procedure's columns recordState reads (status, blocked_at, personal_data_deleted_at), every
 * combination, whether the lifecycle reaches it or not; and a closed Services Directive alert, which
 * the retention job leaves unblocked (R-RETAIN-2): still CLOSED years after closure.
 */
interface ProcedureVariant {
  label: string;
  kind: "REQUEST" | "ALERT";
  status: (typeof procedureStatusEnum.enumValues)[number];
  blockedAt: Date | null;
  personalDataDeletedAt: Date | null;
}
const PROCEDURE_VARIANTS: readonly ProcedureVariant[] = [
  ...procedureStatusEnum.enumValues.flatMap((status) =>
    [false, true].flatMap((blocked) =>
      [false, true].map((deleted) => ({
        label: `${status}${blocked ? "+blocked" : ""}${deleted ? "+deleted" : ""}`,
        kind: "REQUEST" as const,
        status,
        blockedAt: blocked ? BLOCKED_AT : null,
        personalDataDeletedAt: deleted ? DELETED_AT : null,
      })),
    ),
  ),
  { label: "closed Services Directive alert, kept unblocked (R-RETAIN-2)", kind: "ALERT", status: "CLOSED", blockedAt: null, personalDataDeletedAt: null },
];

/** Who received the request, by its part in the procedure (procedureFacts receiverInitiated). */
const RECEIVERS = ["current initiator", "forwarded-away initiator", "responder", "not a participant"] as const;
type Receiver = (typeof RECEIVERS)[number];

interface Combination {
  kind: string;
  status: string;
  route: Route | null;
  escalated: boolean;
  procedure: string;
  receiver: Receiver | null;
}

const describeCombination = (c: Combination) =>
  `kind=${c.kind} status=${c.status} route=${c.route ?? "null"} escalated=${c.escalated ? "yes" : "no"} procedure=${c.procedure}` +
  (c.receiver ? ` receiver=${c.receiver}` : "");

interface Grid {
  combinations: Map<string, Combination>;
  helpdesk: Viewer;
}

async function insertAuthority(db: Database, name: string, memberState: string): Promise<string> {
  const [row] = await db
    .insert(authorities)
    .values({ name, memberState, contactEmail: `${name.toLowerCase()}@example.eu`, postalAddress: "1 Rue", dpoName: "DPO", dpoEmail: "dpo@example.eu" })
    .returning({ id: authorities.id });
  return row!.id;
}

/**
 * Every combination as a row of its own: authorities, one procedure per variant with a current
 * initiator, a forwarded-away initiator and an accepted responder, and the requests (the minimal valid
 * columns, ids chosen here so that each row is known by its combination).
 */
async function insertGrid(db: Database): Promise<Grid> {
  const initiator = await insertAuthority(db, "Initiator", "DK");
  const forwardedAway = await insertAuthority(db, "Forwarder", "DK");
  const responder = await insertAuthority(db, "Responder", "DE");
  const outsider = await insertAuthority(db, "Outsider", "FR");
  const helpdesk = await insertAuthority(db, "Helpdesk", "EU");
  const receiverId: Record<Receiver, string> = {
    "current initiator": initiator,
    "forwarded-away initiator": forwardedAway,
    responder,
    "not a participant": outsider,
  };

  const contexts: { procedure: string; procedureId: string | null; receiver: Receiver | null; receivingAuthorityId: string }[] = [
    // No procedure linked: the recorded route alone (the receiver plays no part).
    { procedure: "none", procedureId: null, receiver: null, receivingAuthorityId: initiator },
  ];
  for (const [i, variant] of PROCEDURE_VARIANTS.entries()) {
    const at = new Date(START.getTime() - 365 * 24 * 3600 * 1000 * 4 + i * 1000);
    const [row] = await db
      .insert(procedures)
      .values({
        reference: `IMI-EQ-${String(i).padStart(3, "0")}`,
        kind: variant.kind,
        legalAreaCode: "SERVICES",
        subject: variant.label,
        status: variant.status,
        initiatorAuthorityId: initiator,
        createdAt: at,
        sentAt: variant.status === "DRAFT" ? null : at,
        lastActivityAt: at,
        closedAt: variant.status === "CLOSED" ? CLOSED_AT : null,
        blockedAt: variant.blockedAt,
        personalDataDeletedAt: variant.personalDataDeletedAt,
      })
      .returning();
    const procedureId = row!.id;
    await db.insert(participants).values([
      // The first initiator handed the initiator's part on (issue 12): it keeps its row, forwarded.
      { procedureId, authorityId: forwardedAway, part: "INITIATOR", addedAt: at, forwardedAt: at, forwardedToAuthorityId: initiator },
      { procedureId, authorityId: initiator, part: "INITIATOR", addedAt: at },
      { procedureId, authorityId: responder, part: "RESPONDER", addedAt: at, acceptedAt: at },
    ]);
    const label = `${variant.label} (${recordState(row!)})`;
    for (const receiver of RECEIVERS) contexts.push({ procedure: label, procedureId, receiver, receivingAuthorityId: receiverId[receiver] });
  }

  const combinations = new Map<string, Combination>();
  const rows: (typeof dataSubjectRequests.$inferInsert)[] = [];
  for (const context of contexts)
    for (const kind of KINDS)
      for (const status of STATUSES)
        for (const route of ROUTES)
          for (const escalated of ESCALATED) {
            const id = randomUUID();
            combinations.set(id, { kind, status, route, escalated, procedure: context.procedure, receiver: context.receiver });
            rows.push({
              id,
              kind,
              status,
              route,
              receivingAuthorityId: context.receivingAuthorityId,
              procedureId: context.procedureId,
              receivedAt: START,
              dueAt: START,
              escalatedAt: escalated ? START : null,
            });
          }
  for (let i = 0; i < rows.length; i += 1000) await db.insert(dataSubjectRequests).values(rows.slice(i, i + 1000));
  // Each request's personal data, for the generated row policy that guards it.
  await db.execute(sql`insert into data_subject_request_personal (request_id, requester_name) select id, 'Requester' from data_subject_requests`);

  return { combinations, helpdesk: { userId: randomUUID(), authorityId: helpdesk, memberState: "EU", roles: ["COMMISSION"] } };
}

/** The TypeScript side for every request, from the rows read back: its route now and the helpdesk's relation and read. */
async function typescriptDecisions(db: Database, helpdesk: Viewer) {
  const [requests, procedureRows, participantRows] = await Promise.all([
    db.select().from(dataSubjectRequests),
    db.select().from(procedures),
    db.select().from(participants),
  ]);
  const procedureById = new Map<string, ProcedureRow>(procedureRows.map((p) => [p.id, p]));
  const participantsOf = new Map<string, ParticipantRow[]>();
  for (const p of participantRows) participantsOf.set(p.procedureId, [...(participantsOf.get(p.procedureId) ?? []), p]);
  const decisions = new Map<string, { route: Route | null; state: RecordState | null; relation: boolean; reads: boolean }>();
  for (const request of requests) {
    const record: RequestRecord = request;
    const procedure = request.procedureId ? procedureById.get(request.procedureId) : undefined;
    const facts = procedureFacts(procedure, request.procedureId ? (participantsOf.get(request.procedureId) ?? []) : [], request.receivingAuthorityId);
    const { route } = currentRouting(record, facts);
    decisions.set(request.id, {
      route,
      state: facts?.state ?? null,
      relation: requestRelations(helpdesk, record, route).includes("HELPDESK_ROUTE"),
      reads: mayReadRequestPersonal(helpdesk, record, route),
    });
  }
  return decisions;
}

/** The SQL side: the relation's expression evaluated for every request, as the tables' owner (no policy in the way). */
async function databaseDecisions(db: Database, expression: string): Promise<Map<string, boolean>> {
  const result = await db.execute(
    sql.raw(`SELECT r.id::text AS id, ${expression} AS helpdesk FROM data_subject_requests r LEFT JOIN procedures p ON p.id = r.procedure_id`),
  );
  return new Map(rowsOf<{ id: string; helpdesk: boolean }>(result).map((row) => [row.id, row.helpdesk]));
}

describe.each(DRIVERS)("the helpdesk's route, in the database and in routing.ts (%s)", (driver) => {
  let database: TestDatabase;
  let grid: Grid;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
    grid = await insertGrid(database.db);
  });
  afterAll(() => database?.dispose());

  const expectedCount = KINDS.length * STATUSES.length * ROUTES.length * ESCALATED.length * (1 + PROCEDURE_VARIANTS.length * RECEIVERS.length);

  it("R-RECTIFY-1 R-RECTIFY-3 R-ACCESS-2 R-RETAIN-6 the database's helpdesk route agrees with routing.ts for every kind, status, route, escalation and procedure state", async () => {
    const [typescript, inDatabase] = await Promise.all([
      typescriptDecisions(database.db, grid.helpdesk),
      databaseDecisions(database.db, REQUEST_RELATION_SQL.HELPDESK_ROUTE),
    ]);
    expect(grid.combinations.size).toBe(expectedCount);
    expect(typescript.size).toBe(expectedCount);
    expect(inDatabase.size).toBe(expectedCount);
    // The grid reaches every record state and every route now, and both answers: the comparison is not vacuous.
    expect(new Set([...typescript.values()].map((d) => d.state).filter((s) => s !== null))).toEqual(new Set(RECORD_STATES));
    expect(new Set([...typescript.values()].map((d) => d.route))).toEqual(new Set(ROUTES));
    expect(new Set([...typescript.values()].map((d) => d.relation))).toEqual(new Set([true, false]));

    const disagreements = [...grid.combinations].flatMap(([id, combination]) => {
      const ts = typescript.get(id)!;
      const db = inDatabase.get(id);
      return db === ts.relation
        ? []
        : [`${describeCombination(combination)}: database ${String(db)}, routing.ts ${ts.relation} (route now ${ts.route ?? "null"})`];
    });
    expect(disagreements.length, `${disagreements.length} of ${expectedCount} combinations disagree:\n${disagreements.join("\n")}`).toBe(0);
  });

  it("R-SEC-1 R-RECTIFY-1 R-ACCESS-2 the migrated row policy lets the helpdesk read the personal data of exactly the requests mayReadRequestPersonal allows it", async () => {
    const typescript = await typescriptDecisions(database.db, grid.helpdesk);
    // As a request of the helpdesk does: the API's role, the viewer set, the wall of drizzle/ alone deciding.
    const readable = await inRequestTransaction(database.db, { viewer: grid.helpdesk, now: START }, async () =>
      rowsOf<{ id: string }>(await scopedDatabase(database.db).execute(sql`select request_id::text as id from data_subject_request_personal`)),
    );
    const wall = new Set(readable.map((row) => row.id));
    expect(new Set([...typescript.values()].map((d) => d.reads))).toEqual(new Set([true, false]));

    const disagreements = [...grid.combinations].flatMap(([id, combination]) => {
      const ts = typescript.get(id)!;
      return wall.has(id) === ts.reads
        ? []
        : [`${describeCombination(combination)}: row policy ${wall.has(id)}, mayReadRequestPersonal ${ts.reads} (route now ${ts.route ?? "null"})`];
    });
    expect(disagreements.length, `${disagreements.length} of ${expectedCount} combinations disagree:\n${disagreements.join("\n")}`).toBe(0);
  });
});
