import { describe, expect, it } from "vitest";
import { codes } from "../helpers/api.js";
import { proceduresOf } from "../helpers/counts.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import { ACCEPT, CLOSE, CREATE_PROCEDURE, SEND } from "../operations.js";
import type { CreateProcedureInput } from "../generated/graphql.js";

describe.each(DRIVERS)("createProcedure on %s", (driver) => {
  const suite = useSuite(driver);

  async function attempt(input: Partial<CreateProcedureInput>, options: Parameters<typeof suite.world>[0] = {}) {
    const world = await suite.world(options);
    const token = await world.token(world.user.handlerDk);
    const result = await suite.api.execute(
      CREATE_PROCEDURE,
      {
        input: {
          kind: "REQUEST",
          legalAreaCode: "SERVICES",
          subject: "Registration check",
          justification: "Needed to register the provider.",
          recipientAuthorityIds: [world.authority.de],
          ...input,
        },
      },
      token,
    );
    return { world, result, created: await proceduresOf(suite.db.db, world.authority.dk) };
  }

  it("R-PURPOSE-1 refuses an unknown legal area with BAD_USER_INPUT and creates nothing", async () => {
    const { result, created } = await attempt({ legalAreaCode: "NO_SUCH_AREA" });
    expect(codes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors?.[0]?.message).toContain("Unknown legal area NO_SUCH_AREA");
    expect(result.errors?.[0]?.extensions?.field).toBe("legalAreaCode");
    expect(created).toBe(0);
  });

  it("R-PURPOSE-2 refuses an initiator not registered for the area", async () => {
    const { result, created } = await attempt({ legalAreaCode: "PATIENTS_RIGHTS" }, { unregistered: ["dk:PATIENTS_RIGHTS"] });
    expect(codes(result)).toEqual(["FORBIDDEN"]);
    expect(result.errors?.[0]?.message).toContain("not registered for legal area PATIENTS_RIGHTS");
    expect(created).toBe(0);
  });

  it("R-PURPOSE-2 refuses a recipient not registered for the area", async () => {
    const { result, created } = await attempt({ legalAreaCode: "PATIENTS_RIGHTS" }, { unregistered: ["de:PATIENTS_RIGHTS"] });
    expect(codes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors?.[0]?.extensions?.field).toBe("recipientAuthorityIds");
    expect(created).toBe(0);
  });

  it("R-PURPOSE-2 accepts the same procedure when both sides are registered", async () => {
    const { result, created } = await attempt({ legalAreaCode: "PATIENTS_RIGHTS" });
    expect(result.errors).toBeUndefined();
    expect(created).toBe(1);
  });

  it("R-CONSENT-1 refuses a SOLVIT case without the complaint form's consent reference", async () => {
    const { result, created } = await attempt({ kind: "SOLVIT_CASE", legalAreaCode: "SOLVIT" });
    expect(codes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors?.[0]?.extensions?.field).toBe("consentReference");
    expect(created).toBe(0);
    const blank = await attempt({ kind: "SOLVIT_CASE", legalAreaCode: "SOLVIT", consentReference: "   " });
    expect(codes(blank.result)).toEqual(["BAD_USER_INPUT"]);
  });

  it("R-CONSENT-1 accepts a SOLVIT case with a consent reference, and other procedures without one", async () => {
    const solvit = await attempt({ kind: "SOLVIT_CASE", legalAreaCode: "SOLVIT", consentReference: "SOLVIT-FORM-42" });
    expect(solvit.result.errors).toBeUndefined();
    expect(solvit.result.data?.createProcedure.kind).toBe("SOLVIT_CASE");
    const request = await attempt({ kind: "REQUEST", legalAreaCode: "PROFESSIONAL_QUALIFICATIONS" });
    expect(request.result.errors).toBeUndefined();
  });

  it("refuses a request to no authority, to two, to itself, twice the same, or to an unknown one", async () => {
    for (const recipients of [[], ["SELF"], ["DE", "FR"], ["UNKNOWN"]]) {
      const world = await suite.world();
      const ids = recipients.map((r) =>
        r === "SELF" ? world.authority.dk : r === "DE" ? world.authority.de : r === "FR" ? world.authority.fr : "00000000-0000-4000-8000-000000000000",
      );
      const result = await suite.api.execute(
        CREATE_PROCEDURE,
        { input: { kind: "REQUEST", legalAreaCode: "SERVICES", subject: "Check", justification: "Needed.", recipientAuthorityIds: ids } },
        await world.token(world.user.handlerDk),
      );
      expect(codes(result), JSON.stringify(recipients)).toEqual(["BAD_USER_INPUT"]);
      expect(await proceduresOf(suite.db.db, world.authority.dk)).toBe(0);
    }
    const twice = await attempt({ kind: "ALERT" });
    const again = await suite.api.execute(
      CREATE_PROCEDURE,
      {
        input: {
          kind: "ALERT",
          legalAreaCode: "SERVICES",
          subject: "Alert",
          justification: "Needed.",
          recipientAuthorityIds: [twice.world.authority.de, twice.world.authority.de],
        },
      },
      await twice.world.token(twice.world.user.handlerDk),
    );
    expect(codes(again)).toEqual(["BAD_USER_INPUT"]);
  });

  it("sends an alert to many recipients, each acknowledging on its own", async () => {
    const world = await suite.world();
    const result = await suite.api.execute(
      CREATE_PROCEDURE,
      {
        input: {
          kind: "ALERT",
          legalAreaCode: "SERVICES",
          subject: "Rogue provider",
          justification: "Banned in Denmark.",
          recipientAuthorityIds: [world.authority.de, world.authority.fr],
        },
      },
      await world.token(world.user.handlerDk),
    );
    const alert = result.data!.createProcedure;
    expect(alert.participants.map((p) => p.part)).toEqual(["INITIATOR", "RECIPIENT", "RECIPIENT"]);
    const dk = await world.token(world.user.handlerDk);
    await suite.api.execute(SEND, { id: alert.id }, dk);
    const acknowledged = await suite.api.execute(ACCEPT, { id: alert.id }, await world.token(world.user.handlerDe));
    expect(acknowledged.data?.acceptProcedure.status).toBe("SENT");
    expect(acknowledged.data?.acceptProcedure.participants.map((p) => p.acceptedAt !== null)).toEqual([false, true, false]);
    // Alerts are not forwarded, and only the initiator closes them.
    const fr = await world.token(world.user.handlerFr);
    expect(codes(await suite.api.execute(CLOSE, { id: alert.id }, fr))).toEqual(["FORBIDDEN"]);
    expect((await suite.api.execute(CLOSE, { id: alert.id }, dk)).data?.closeProcedure.status).toBe("CLOSED");
  });

  it("refuses bad input with BAD_USER_INPUT: too short a subject", async () => {
    const { result, created } = await attempt({ subject: "" });
    expect(codes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors?.[0]?.extensions?.fields).toEqual(["subject"]);
    expect(created).toBe(0);
  });

  it("lets only case handlers create procedures", async () => {
    const world = await suite.world();
    for (const user of [world.user.adminDk, world.user.coordinatorDk, world.user.helpdesk, world.user.portalDk]) {
      const result = await suite.api.execute(
        CREATE_PROCEDURE,
        { input: { kind: "REQUEST", legalAreaCode: "SERVICES", subject: "Check", justification: "Needed.", recipientAuthorityIds: [world.authority.de] } },
        await world.token(user),
      );
      expect(codes(result)).toEqual(["FORBIDDEN"]);
    }
  });
});
