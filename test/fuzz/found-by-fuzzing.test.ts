import { ArgumentValidationError } from "type-graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { procedures } from "../../src/db/schema/index.js";
import { createFormatError } from "../../src/graphql/format-error.js";
import { encodeCursor } from "../../src/graphql/pagination.js";
import { createLogger } from "../../src/logger.js";
import { codes } from "../helpers/api.js";
import { countRows } from "../helpers/counts.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import type { World } from "../helpers/world.js";
import { ADD_DATA_SUBJECT, ADD_SENSITIVE_RECORD, CREATE_PROCEDURE } from "../operations.js";

/**
 * Regressions for what the fuzz suite (api-fuzz.test.ts) found: malformed requests answered as
 * INTERNAL_SERVER_ERROR instead of a client error, and personal data copied into the audit log.
 * On every driver: PostgreSQL and PGlite refuse NUL and year 0 alike, but through different errors.
 */
describe.each(DRIVERS)("requests the fuzz suite found mishandled, on %s", (driver) => {
  const suite = useSuite(driver);
  let world: World;
  let helpdesk: string;
  let handlerDk: string;

  beforeAll(async () => {
    world = await suite.world();
    helpdesk = await world.token(world.user.helpdesk);
    handlerDk = await world.token(world.user.handlerDk);
  });

  const draft = () =>
    suite.api.execute(
      CREATE_PROCEDURE,
      {
        input: {
          kind: "REQUEST",
          legalAreaCode: "SERVICES",
          subject: "Registration check",
          justification: "Needed.",
          recipientAuthorityIds: [world.authority.de],
        },
      },
      handlerDk,
    );

  it("refuses a subscription as a validation error: the schema has none (graphql-js 16 failed in execution)", async () => {
    const result = await suite.api.executeText("subscription { viewer { id } }", {}, helpdesk);
    expect(codes(result)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
  });

  it("answers a persisted-query hash that does not match its query, or an unknown version, as BAD_REQUEST", async () => {
    for (const persistedQuery of [
      { version: 1, sha256Hash: "abc" },
      { version: 2, sha256Hash: "abc" },
    ]) {
      const contextValue = await suite.api.api.createContext({});
      const response = await suite.api.api.apollo.executeOperation({ query: "{ __typename }", extensions: { persistedQuery } }, { contextValue });
      const errors = response.body.kind === "single" ? response.body.singleResult.errors : undefined;
      expect(errors?.map((e) => e.extensions?.code)).toEqual(["BAD_REQUEST"]);
    }
  });

  it("refuses DateTime arguments and cursors PostgreSQL cannot hold (year 0) as the client's error", async () => {
    const year0 = "0000-01-01T00:00:00Z";
    const refused = [
      [`{ auditEvents(filter: { occurredFrom: "${year0}" }) { totalCount } }`, {}, "GRAPHQL_VALIDATION_FAILED"],
      ["query($d: DateTime) { auditEvents(filter: { occurredTo: $d }) { totalCount } }", { d: year0 }, "BAD_USER_INPUT"],
      // The retention job computed asOf minus 30 days: year 0 again.
      ["query($d: DateTime) { retentionPreview(asOf: $d) { proceduresToBlock } }", { d: "0001-01-01T00:00:00Z" }, "BAD_USER_INPUT"],
      ['mutation { runRetention(dryRun: true, asOf: "0001-01-01T00:00:00Z") { id } }', {}, "GRAPHQL_VALIDATION_FAILED"],
      [
        "query($after: String) { procedures(after: $after) { totalCount } }",
        { after: encodeCursor({ createdAt: new Date(year0), id: "00000000-0000-4000-a000-000000000001" }) },
        "BAD_USER_INPUT",
      ],
    ] as const;
    for (const [document, variables, code] of refused) {
      expect(codes(await suite.api.executeText(document, variables, helpdesk)), document).toEqual([code]);
    }
    const earliest = await suite.api.executeText('{ retentionPreview(asOf: "1000-01-01T00:00:00Z") { proceduresToBlock } }', {}, helpdesk);
    expect(earliest.errors).toBeUndefined();
  });

  it("refuses text with a NUL character or an unpaired surrogate before it reaches the database", async () => {
    const before = await countRows(suite.db.db, procedures);
    const nul = await suite.api.execute(
      CREATE_PROCEDURE,
      {
        input: {
          kind: "REQUEST",
          legalAreaCode: "SERVICES",
          subject: "Regis\u0000tration",
          justification: "Needed.",
          recipientAuthorityIds: [world.authority.de],
        },
      },
      handlerDk,
    );
    expect(codes(nul)).toEqual(["BAD_USER_INPUT"]);
    expect(await countRows(suite.db.db, procedures)).toBe(before);
    // In a document's literal too, escaped.
    expect(codes(await suite.api.executeText('{ procedures(filter: { legalAreaCode: "SER\\u0000VICES" }) { totalCount } }', {}, handlerDk))).toEqual([
      "BAD_USER_INPUT",
    ]);
    // validator.js's isEmail threw URIError on an unpaired surrogate.
    const procedureId = (await draft()).data!.createProcedure.id;
    for (const email of ["\ud800", "a\udc00@example.org"]) {
      const subject = await suite.api.execute(ADD_DATA_SUBJECT, { procedureId, input: { fullName: "Jens Hansen", email } }, handlerDk);
      expect(codes(subject), email).toEqual(["BAD_USER_INPUT"]);
    }
    const paired = await suite.api.execute(ADD_DATA_SUBJECT, { procedureId, input: { fullName: "Zoë 🙂 漢字" } }, handlerDk);
    expect(paired.data?.addDataSubject.fullName).toBe("Zoë 🙂 漢字");
  });

  it("answers an input validator that throws as BAD_USER_INPUT: formatError itself must not throw", () => {
    // type-graphql wraps whatever class-validator throws, here not a list of problems.
    const thrown = new ArgumentValidationError(new URIError("URI malformed") as never);
    const formatted = createFormatError(createLogger("silent"))({ message: thrown.message }, thrown);
    expect(formatted.extensions).toEqual({ code: "BAD_USER_INPUT", fields: [] });
  });

  it("R-SEC-1 an audit event names the ground of a sensitive record, never its legal basis or consent reference", async () => {
    const procedureId = (await draft()).data!.createProcedure.id;
    const subject = await suite.api.execute(ADD_DATA_SUBJECT, { procedureId, input: { fullName: "Jens Hansen" } }, handlerDk);
    const dataSubjectId = subject.data!.addDataSubject.id;
    const legalBasis = `Basis naming Jens Hansen ${world.tag}`;
    const consentReference = `Consent of Jens Hansen ${world.tag}`;
    // R-SENSITIVE-1: a legal basis always; a consent reference only beside it.
    for (const grounds of [{ legalBasis }, { legalBasis, consentReference }]) {
      const record = await suite.api.execute(
        ADD_SENSITIVE_RECORD,
        { dataSubjectId, input: { category: "DISCIPLINARY", details: "Suspended 2024.", necessity: "Good repute check.", ...grounds } },
        handlerDk,
      );
      expect(record.errors).toBeUndefined();
    }
    // The coordinator reads its state's events but no sensitive record; the Commission all events.
    for (const token of [await world.token(world.user.coordinatorDk), helpdesk, handlerDk]) {
      const events = await suite.api.executeText<{ auditEvents: { edges: { node: { ground: string; procedureId: string | null } }[] } }>(
        "{ auditEvents(first: 100) { edges { node { ground procedureId } } } }",
        {},
        token,
      );
      const text = JSON.stringify(events);
      expect(text).not.toContain(legalBasis);
      expect(text).not.toContain(consentReference);
      const grounds = events.data!.auditEvents.edges.filter((e) => e.node.procedureId === procedureId).map((e) => e.node.ground);
      expect(grounds).toEqual(expect.arrayContaining([expect.stringMatching(/^LEGAL_BASIS:SensitiveRecord:[0-9a-f-]{36}$/)]));
    }
  });
});
