import { describe, expect, it } from "vitest";
import { graphql } from "../generated/gql.js";
import type { Result } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import {
  ACCEPT,
  ADD_DATA_SUBJECT,
  ADD_LEGAL_PERSON,
  ADD_SENSITIVE_RECORD,
  CLOSE,
  CREATE_PROCEDURE,
  FORWARD,
  POST_MESSAGE,
  PROCEDURE_PERSONAL_DATA,
  REQUEST_CONFIDENTIALITY,
  SEND,
} from "../operations.js";

const DEACTIVATE = graphql(`
  mutation IdorDeactivate($id: ID!) {
    deactivateUser(id: $id) {
      id
      name
      email
    }
  }
`);

const CREATE_USER = graphql(`
  mutation IdorCreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      user {
        id
      }
    }
  }
`);

const SECRET_NAME = "Ingrid Secretsdottir";

describe.each(DRIVERS)("ids of records the viewer may not see on %s", (driver) => {
  const suite = useSuite(driver);

  it("R-SEC-1 answers every operation that takes an id with NOT_FOUND or FORBIDDEN, never data", async () => {
    const world = await suite.world();
    const dk = await world.token(world.user.handlerDk);
    const created = await suite.api.execute(
      CREATE_PROCEDURE,
      { input: { kind: "REQUEST", legalAreaCode: "SERVICES", subject: "IDOR target", justification: "Needed.", recipientAuthorityIds: [world.authority.de] } },
      dk,
    );
    const id = created.data!.createProcedure.id;
    const subject = await suite.api.execute(ADD_DATA_SUBJECT, { procedureId: id, input: { fullName: SECRET_NAME } }, dk);
    const dataSubjectId = subject.data!.addDataSubject.id;
    const company = await suite.api.execute(ADD_LEGAL_PERSON, { procedureId: id, input: { name: "Secret Holding ApS" } }, dk);
    await suite.api.execute(SEND, { id }, dk);
    const message = await suite.api.execute(POST_MESSAGE, { procedureId: id, body: `About ${SECRET_NAME}` }, dk);
    const messageId = message.data!.postMessage.id;
    const legalPersonId = company.data!.addLegalPerson.id;

    const record = { category: "CRIMINAL" as const, details: "x", necessity: "y", legalBasis: "z" };
    const attempts: [string, (token: string) => Promise<Result<unknown>>][] = [
      ["procedure", (t) => suite.api.execute(PROCEDURE_PERSONAL_DATA, { id }, t)],
      ["addDataSubject", (t) => suite.api.execute(ADD_DATA_SUBJECT, { procedureId: id, input: { fullName: "Intruder" } }, t)],
      ["addSensitiveRecord", (t) => suite.api.execute(ADD_SENSITIVE_RECORD, { dataSubjectId, input: record }, t)],
      ["addLegalPerson", (t) => suite.api.execute(ADD_LEGAL_PERSON, { procedureId: id, input: { name: "Intruder Ltd" } }, t)],
      ["sendProcedure", (t) => suite.api.execute(SEND, { id }, t)],
      ["acceptProcedure", (t) => suite.api.execute(ACCEPT, { id }, t)],
      ["forwardProcedure", (t) => suite.api.execute(FORWARD, { id, to: world.authority.fr }, t)],
      ["postMessage", (t) => suite.api.execute(POST_MESSAGE, { procedureId: id, body: "Intrusion" }, t)],
      ["closeProcedure", (t) => suite.api.execute(CLOSE, { id }, t)],
      ["requestConfidentiality(legal person)", (t) => suite.api.execute(REQUEST_CONFIDENTIALITY, { input: { itemKind: "LEGAL_PERSON", itemId: legalPersonId, reason: "Mine now" } }, t)],
      ["requestConfidentiality(message)", (t) => suite.api.execute(REQUEST_CONFIDENTIALITY, { input: { itemKind: "MESSAGE", itemId: messageId, reason: "Mine now" } }, t)],
      ["deactivateUser", (t) => suite.api.execute(DEACTIVATE, { id: world.user.handlerDe.id }, t)],
      [
        "createUser",
        (t) =>
          suite.api.execute(
            CREATE_USER,
            { input: { authorityId: world.authority.de, name: "Sleeper", email: `sleeper.${world.tag}@imi.test`, roles: ["CASE_HANDLER"] } },
            t,
          ),
      ],
    ];
    // Outsiders of every role: another state's handler, a same-state handler not involved, the
    // portal, a local admin and a coordinator of another authority or state.
    const outsiders = [world.user.handlerFr, world.user.handlerDk2, world.user.portalDk, world.user.adminDk, world.user.coordinatorDk];
    let checked = 0;
    for (const outsider of outsiders) {
      const token = await world.token(outsider);
      for (const [name, attempt] of attempts) {
        // The local admin of DK and the DK coordinator manage DK, and DK's admin sees its own procedure:
        // their legitimate reach is tested elsewhere; here only what lies outside it counts.
        if (outsider === world.user.adminDk && name === "procedure") continue;
        if (outsider === world.user.coordinatorDk && name === "procedure") continue;
        const result = await attempt(token);
        const codes = (result.errors ?? []).map((e) => e.extensions?.code);
        expect(codes.length, `${outsider.email} ${name}`).toBeGreaterThan(0);
        expect(codes.every((c) => c === "NOT_FOUND" || c === "FORBIDDEN"), `${outsider.email} ${name}: ${codes}`).toBe(true);
        const data = JSON.stringify(result.data ?? null);
        expect(data, `${outsider.email} ${name}`).not.toContain(SECRET_NAME);
        expect(data, `${outsider.email} ${name}`).not.toContain("Secret Holding");
        expect(Object.values((result.data ?? {}) as Record<string, unknown>).every((v) => v === null), `${outsider.email} ${name}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBe(outsiders.length * attempts.length - 2);
    // Nothing the outsiders tried changed the procedure.
    const after = await suite.api.execute(PROCEDURE_PERSONAL_DATA, { id }, dk);
    expect(after.data?.procedure?.dataSubjects?.map((s) => s.fullName)).toEqual([SECRET_NAME]);
    expect(after.data?.procedure?.legalPersons?.map((p) => p.name)).toEqual(["Secret Holding ApS"]);
    expect(after.data?.procedure?.messages?.map((m) => m.confidential)).toEqual([false]);
  });
});
