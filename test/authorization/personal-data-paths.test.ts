import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { GraphQLSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../src/auth/password.js";
import { users } from "../../src/db/schema/index.js";
import { buildGraphQLSchema } from "../../src/graphql/build-schema.js";
import { TestApi } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import { TEST_PASSWORD, TEST_TOTP_SECRET } from "../helpers/world.js";
import { documentOf, mutationRank, operationsOf, variablesOf, type CellContext, type Operation } from "./personal-data-operations.js";
import { PersonalDataWorld, type Owner, type Viewer } from "./personal-data-world.js";
import { WALLS } from "./walls.js";

/**
 * R-SEC-1, logical segregation on every path: every root field of the schema (generated from it, so
 * a new operation is covered without anyone listing it), each selecting everything its type reaches,
 * called by each of the twelve viewers in each situation (a procedure open, not accepted, accepted,
 * forwarded away, closed, blocked, deleted, on a Commission route that is open or ran out, a closed
 * Services Directive alert, a SOLVIT case, one of another member state; data-subject requests on every
 * route). Every personal field holds a unique planted string; a string may appear in a response, its
 * errors, or an exchange report's signed payload only where SPEC's need-to-know matrix lets the viewer
 * read it, decided by the independent oracle of personal-data-world.ts from the rows as they are.
 * Queries run on the world as built, then every mutation (payload selected as deep as the limits
 * allow), then the queries again on the world the mutations left.
 */

/** Payloads of any JWS in a text (exchange reports carry personal data base64url-encoded). */
function jwsPayloads(text: string): string {
  const out: string[] = [];
  for (const match of text.matchAll(/eyJ[A-Za-z0-9_-]+\.([A-Za-z0-9_-]{8,})\.[A-Za-z0-9_-]+/g)) out.push(Buffer.from(match[1]!, "base64url").toString("utf8"));
  return out.join("\n");
}

interface Cell {
  op: Operation;
  situation: string;
  viewer: Viewer;
}

// Issue 13 item 4: three ways (walls.ts), each on a world of its own, built with both walls and then
// called through the API of the way: the mutations change the world, so it is not shared between them.
describe.each(DRIVERS.flatMap((driver) => WALLS.map((walls) => ({ driver, walls, name: walls.name }))))("personal data on every path on $driver with $name", ({ driver, walls }) => {
  const suite = useSuite(driver);
  /** The API the cells are called through: the walls of this way. */
  let api: TestApi;
  let schema: GraphQLSchema;
  let pd: PersonalDataWorld;
  let operations: Operation[];
  let jws = "";
  let restrictionId = "";
  const problems: string[] = [];
  /** Leaks by call: "phase | operation as viewer in situation" → the planted strings shown. */
  const leaks = new Map<string, string[]>();
  /** Cells that should have shown a planted string and did not (the walk must reach the data it checks). */
  const missing: string[] = [];
  let throwawayHash: string;
  const stats = { cells: 0, calls: 0, shown: 0, byOperation: new Map<string, number>() };

  beforeAll(async () => {
    schema = await buildGraphQLSchema();
    api = walls.shield && walls.rowSecurity ? suite.api : await TestApi.create(suite.db.db, suite.api.clock, walls.options);
    pd = await PersonalDataWorld.create(suite.db.db, suite.api);
    operations = operationsOf(schema);
    const handlerDk = pd.viewers.find((v) => v.key === "handlerDk")!;
    const report = await suite.api.executeText<{ exchangeReport: { jws: string } }>(
      "query($id: ID!) { exchangeReport(procedureId: $id) { jws } }",
      { id: pd.situation("accepted").procedureId },
      handlerDk.token,
    );
    jws = report.data?.exchangeReport.jws ?? "";
    const restriction = await suite.api.executeText<{ recordNationalRestriction: { id: string } }>(
      `mutation($input: NationalRestrictionInput!) { recordNationalRestriction(input: $input) { id } }`,
      { input: { memberState: "DK", title: "Paths restriction", description: "A restriction.", legalReference: "Act 1 § 2", rightsAffected: ["ACCESS"] } },
      pd.viewers.find((v) => v.key === "coordinatorDk")!.token,
    );
    restrictionId = restriction.data?.recordNationalRestriction.id ?? "";
  }, 120_000);
  afterAll(async () => {
    if (api && api !== suite.api) await api.stop();
  });

  /** Who owns a string planted in the variables of a call, before and after it ran. */
  function ownersFor(op: Operation, path: string, ctx: { procedureId: string; requestId: string | null }): Owner[] {
    const procedure: Owner = { kind: "personalData", procedureId: ctx.procedureId };
    // The directory and national restrictions are public information (R-NOTICE-1, R-NOTICE-2).
    if (["createAuthority", "recordNationalRestriction", "publishNationalRestriction", "setLegalAreaEnabled"].includes(op.field)) return [{ kind: "public" }];
    // Issue 18: a self-registration is what the directory would publish, and a decision's note is about an authority.
    if (["registerAuthority", "decideAuthorityRegistration"].includes(op.field)) return [{ kind: "public" }];
    // Issue 17: a question set's wording is reference data, read by every logged-in user.
    if (op.field === "publishQuestionSet") return [{ kind: "public" }];
    if (op.field === "retrieveBlockedData") return [{ kind: "commission" }];
    // What is recorded about the data subject an access request is about goes into its report (R-ACCESS-1, R-ACCESS-2, R-RECTIFY-3).
    if (op.target === "procedure" && ["addSensitiveRecord", "recordContestation"].includes(op.field)) {
      const reports: Owner[] = pd.requests
        .filter((r) => r.kind === "ACCESS" && r.procedureId === ctx.procedureId && r.dataSubjectId !== null)
        .map((r) => ({ kind: "report", requestId: r.requestId, procedureId: ctx.procedureId }));
      return [procedure, ...reports];
    }
    if (op.field === "justifyInactivity") return [{ kind: "justification", procedureId: ctx.procedureId }];
    if (op.target === "request" && ctx.requestId) return [{ kind: "request", requestId: ctx.requestId }, procedure];
    return [procedure];
  }

  /** After a call that created something, the strings it planted belong to what it created. */
  function ownersAfter(op: Operation, path: string, data: Record<string, any> | null | undefined, ctx: { procedureId: string }): Owner[] {
    const created = data?.[op.field];
    if (!created) return [];
    if (op.field === "createProcedure" && typeof created.id === "string") {
      if (path === "input.subject") return [{ kind: "metadata", procedureId: created.id }];
      return path === "input.justification" ? [{ kind: "justification", procedureId: created.id }] : [{ kind: "personalData", procedureId: created.id }];
    }
    if ((op.field === "fileDataSubjectRequest" || op.field === "requestEarlyDeletion") && typeof created.id === "string") {
      return [{ kind: "request", requestId: created.id }, { kind: "personalData", procedureId: ctx.procedureId }];
    }
    if (op.field === "createUser" && typeof created.user?.id === "string") return [{ kind: "contact", userId: created.user.id }];
    return [];
  }

  async function throwawayUser(): Promise<string> {
    const [row] = await suite.db.db
      .insert(users)
      .values({
        authorityId: pd.world.authority.dk,
        name: `throwaway ${randomBytes(3).toString("hex")}`,
        email: `throwaway.${randomBytes(6).toString("hex")}@imi.test`,
        roles: ["CASE_HANDLER"],
        passwordHash: (throwawayHash ??= await hashPassword("throwaway-password-123")),
        totpSecret: TEST_TOTP_SECRET,
        createdAt: suite.api.clock.now(),
      })
      .returning();
    return row!.id;
  }

  /** The situations an operation is called in. */
  function situationsOf(op: Operation): { key: string; procedureId: string; dataSubjectId: string; legalPersonId: string; requestId: string | null }[] {
    if (op.target === "procedure") return pd.situations.map((s) => ({ ...s, requestId: null }));
    if (op.target === "request") {
      return pd.requests.map((r) => {
        const s = pd.situations.find((x) => x.procedureId === r.procedureId) ?? pd.situation("accepted");
        return { key: `request:${r.key}`, procedureId: s.procedureId, dataSubjectId: s.dataSubjectId, legalPersonId: s.legalPersonId, requestId: r.requestId };
      });
    }
    const s = pd.situation("accepted");
    return [{ key: "world", procedureId: s.procedureId, dataSubjectId: s.dataSubjectId, legalPersonId: s.legalPersonId, requestId: pd.requests[0]?.requestId ?? null }];
  }

  async function contextFor(op: Operation, situation: ReturnType<typeof situationsOf>[number], viewer: Viewer, planted: { value: string; path: string }[]): Promise<CellContext> {
    let id: string | null = null;
    if (op.target === "procedure") id = situation.procedureId;
    else if (op.target === "request") id = situation.requestId;
    else if (/User$/.test(op.field)) id = await throwawayUser();
    else if (/NationalRestriction$/.test(op.field)) id = restrictionId;
    else id = pd.world.authority.dk;
    return {
      ...situation,
      id,
      authorities: { dk: pd.world.authority.dk, de: pd.world.authority.de, de2: pd.world.authority.de2 },
      jws,
      viewerEmail: viewerEmail(viewer),
      securityCode: () => suite.api.freshSecurityCode(viewerEmail(viewer), TEST_TOTP_SECRET) ?? "000000",
      password: op.field === "login" ? TEST_PASSWORD : "planted-password-123456",
      plant: (path) => {
        const value = pd.marker(`${op.field} ${path} (${viewer.key}, ${situation.key})`, ...ownersFor(op, path, situation));
        planted.push({ value, path });
        return value;
      },
      plantDate: (path) => {
        const value = pd.dateOfBirth(`${op.field} ${path} (${viewer.key}, ${situation.key})`, ...ownersFor(op, path, situation));
        planted.push({ value, path });
        return value;
      },
    };
  }

  const emails = new Map<string, string>();
  function viewerEmail(viewer: Viewer): string {
    return emails.get(viewer.userId)!;
  }

  /** The deepest selection the abuse limits accept for the operation (as the Commission, which may call everything). */
  async function chooseDepth(op: Operation): Promise<number | null> {
    const viewer = pd.viewers.find((v) => v.key === "helpdesk")!;
    const situation = situationsOf(op)[0]!;
    for (let depth = 5; depth >= 0; depth--) {
      const ctx = await contextFor(op, situation, viewer, []);
      let variables: Record<string, unknown>;
      try {
        variables = variablesOf(schema, op, ctx);
      } catch (error) {
        problems.push(`${op.field}: ${(error as Error).message}; name it in NOT_CALLED with the reason it carries no personal data, or teach the generator its argument`);
        return null;
      }
      const document = documentOf(schema, op, variables, depth);
      // Validated only (a mutation must not run here): by a viewer-less request that stops at the guard
      // (the shield's, whichever way the cells are called: the limits are the same).
      const result = await suite.api.executeText(document, variables, undefined);
      const refusedBeforeExecution = (result.errors ?? []).some((e) => !e.path && e.extensions?.code !== "UNAUTHENTICATED");
      if (!refusedBeforeExecution) return depth;
    }
    problems.push(`${op.field}: no selection depth passes the abuse limits`);
    return null;
  }

  async function runCell(cell: Cell, situation: ReturnType<typeof situationsOf>[number], phase: string): Promise<void> {
    const planted: { value: string; path: string }[] = [];
    const ctx = await contextFor(cell.op, situation, cell.viewer, planted);
    const variables = variablesOf(schema, cell.op, ctx);
    const document = documentOf(schema, cell.op, variables, cell.op.depth!);
    const result = await api.executeText<Record<string, any>>(document, variables, cell.viewer.token);
    stats.calls++;
    stats.cells++;
    stats.byOperation.set(cell.op.field, (stats.byOperation.get(cell.op.field) ?? 0) + 1);
    const changed = cell.op.kind === "mutation" && result.data?.[cell.op.field] != null;
    if (changed) {
      pd.invalidate();
      for (const { value, path } of planted) {
        const after = ownersAfter(cell.op, path, result.data, situation);
        if (after.length) pd.addOwners((s) => s.value === value, ...after);
      }
    }
    const text = JSON.stringify(result);
    // What the client sent is no leak when it comes back: the planted strings and whatever a JWS it
    // holds (verifyExchangeReport) carries.
    const sentText = `${JSON.stringify(variables)}\n${jwsPayloads(JSON.stringify(variables))}`.toLowerCase();
    const sent = new Set([...planted.map((p) => p.value), ...pd.secretsIn(sentText).map((s) => s.value)]);
    const shown = `${text}\n${jwsPayloads(text)}`;
    for (const value of await expectedIn(cell, situation, phase, result.data)) {
      if (!shown.toLowerCase().includes(value)) missing.push(`[${phase}] ${cell.op.field} as ${cell.viewer.key} in ${cell.situation}: ${pd.secrets.find((s) => s.value === value)?.label} not shown`);
    }
    for (const { secret, allowed } of await pd.exposures(cell.viewer, shown, sent)) {
      if (allowed) stats.shown++;
      else {
        const key = `[${phase}] ${cell.op.field} as ${cell.viewer.key} (${cell.viewer.role}) in ${cell.situation}`;
        leaks.set(key, [...(leaks.get(key) ?? []), secret.label]);
      }
    }
  }

  const label = (text: string) => pd.secrets.find((s) => s.label === text)?.value;

  /**
   * Strings a cell must show: a procedure's data subject to those who may read it (the procedure, its
   * exchange report, an access report about it, a retrieval of its blocked data in the same response
   * that opened the route), a request's requester to those who may read it.
   */
  async function expectedIn(cell: Cell, situation: ReturnType<typeof situationsOf>[number], phase: string, data: Record<string, any> | null | undefined): Promise<string[]> {
    const procedureSituation = pd.situations.find((s) => s.procedureId === situation.procedureId);
    const subject = procedureSituation && procedureSituation.key !== "deleted" ? label(`${procedureSituation.key} DataSubject.fullName`) : undefined;
    const pdOwner: Owner = { kind: "personalData", procedureId: situation.procedureId };
    if (phase === "queries" && ["procedure", "exchangeReport"].includes(cell.op.field) && cell.op.target === "procedure") {
      return subject && (await pd.allows(cell.viewer, pdOwner)) ? [subject] : [];
    }
    const request = pd.requests.find((r) => r.requestId === situation.requestId);
    if (phase === "queries" && cell.op.field === "dataSubjectRequest" && request) {
      const name = label(`${request.key} DataSubjectRequest.requesterName`);
      return name && (await pd.allows(cell.viewer, { kind: "request", requestId: request.requestId })) ? [name] : [];
    }
    if (phase === "queries" && cell.op.field === "accessReport" && request && ["access-answered", "portal-linked"].includes(request.key) && request.procedureId) {
      const reported = pd.situations.find((s) => s.procedureId === request.procedureId)!;
      const name = label(`${reported.key} DataSubject.fullName`);
      return name && (await pd.allows(cell.viewer, { kind: "report", requestId: request.requestId, procedureId: request.procedureId })) ? [name] : [];
    }
    // Issue 11, finding 6: a route opened by a mutation is visible to the rest of its response.
    if (cell.op.field === "retrieveBlockedData" && data?.retrieveBlockedData && subject) return [subject];
    return [];
  }

  it("R-SEC-1 R-SENSITIVE-1 R-ACCESS-2 no path shows a planted personal string to a viewer the need-to-know matrix does not let read it", async () => {
    for (const v of pd.viewers) {
      const [row] = await suite.db.db.select({ email: users.email }).from(users).where(eq(users.id, v.userId));
      emails.set(v.userId, row!.email!);
    }
    for (const op of operations) {
      const depth = await chooseDepth(op);
      if (depth !== null) op.depth = depth;
    }
    // Every root field is called, or named in NOT_CALLED with its reason.
    expect(problems, "operations the generator cannot call").toEqual([]);
    // The paths the issue names are called per procedure or per request, not once for the world.
    const targets = Object.fromEntries(operations.map((op) => [op.field, op.target]));
    expect(targets).toMatchObject({
      procedure: "procedure",
      exchangeReport: "procedure",
      auditEvents: "procedure",
      addDataSubject: "procedure",
      addSensitiveRecord: "procedure",
      retrieveBlockedData: "procedure",
      closeProcedure: "procedure",
      dataSubjectRequest: "request",
      accessReport: "request",
      decideDataSubjectRequest: "request",
      completeDataSubjectRequest: "request",
      procedures: "world",
      dataSubjectRequests: "world",
      reminders: "world",
      retentionPreview: "world",
      retentionRuns: "world",
      users: "world",
    });
    const queries = operations.filter((op) => op.kind === "query");
    const mutations = operations.filter((op) => op.kind === "mutation").sort((a, b) => mutationRank(a.field) - mutationRank(b.field));
    const started = Date.now();
    const pass = async (ops: Operation[], phase: string) => {
      for (const op of ops) {
        for (const situation of situationsOf(op)) {
          for (const viewer of pd.viewers) await runCell({ op, situation: situation.key, viewer }, situation, phase);
        }
      }
    };
    await pass(queries, "queries");
    await pass(mutations, "mutations");
    await pass(queries, "queries after mutations");
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `[${driver}, ${walls.name}] personal-data paths: ${stats.cells} (operation, viewer, situation) cells checked — ${operations.length} operations ` +
        `(${queries.length} queries twice, ${mutations.length} mutations) x ${pd.viewers.length} viewers x up to ${pd.situations.length} procedure situations / ` +
        `${pd.requests.length} requests — in ${seconds} s; ${stats.shown} planted strings shown, each to a viewer allowed to read it; ` +
        `${pd.secrets.length} strings planted${pd.setupNotes.length ? `; setup steps refused: ${pd.setupNotes.join(" | ")}` : ""}`,
    );
    const found = [...leaks].map(([where, labels]) => `${where}: ${labels.join(", ")}`);
    if (found.length) console.log(`[${driver}, ${walls.name}] ${found.length} calls showed what the viewer may not read:\n${found.join("\n")}`);
    expect({ leaks: found.slice(0, 60), missing: missing.slice(0, 40) }).toEqual({ leaks: [], missing: [] });
    // The walk must reach the personal data at all, or it proves nothing.
    expect(stats.shown).toBeGreaterThan(500);
  }, 300_000);
});
