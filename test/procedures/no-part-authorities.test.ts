import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { authorities, authorityLegalAreas, participants, users } from "../../src/db/schema/index.js";
import { codes } from "../helpers/api.js";
import { proceduresOf } from "../helpers/counts.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";
import { ACCEPT, CREATE_PROCEDURE, FORWARD, SEND } from "../operations.js";

/**
 * Pentest G1 (Art. 8): the Commission's helpdesk (member state EU) and a portal's authority (one
 * holding PORTAL accounts and no case handler) take part in no exchange: never a recipient, a
 * forwarding target or an alert-to-all recipient. The world registers both in every legal area, as
 * the demo world does.
 */
describe.each(DRIVERS)("authorities that take part in no procedure on %s", (driver) => {
  const suite = useSuite(driver);

  const request = (recipientAuthorityIds: string[], kind: "REQUEST" | "ALERT" = "REQUEST") => ({
    input: { kind, legalAreaCode: "SERVICES", subject: "abc def", justification: "abc def", recipientAuthorityIds },
  });

  /** A portal's authority of its own in `memberState`, registered for SERVICES, written past the services. */
  async function portalAuthority(tag: string, memberState: string) {
    const [row] = await suite.db.db
      .insert(authorities)
      .values({ name: `portal ${memberState} ${tag}`, memberState, contactEmail: `portal.${tag}@authority.example`, postalAddress: "1 street", dpoName: "DPO", dpoEmail: `dpo.portal.${tag}@authority.example` })
      .returning();
    await suite.db.db.insert(authorityLegalAreas).values({ authorityId: row!.id, legalAreaCode: "SERVICES" });
    await suite.db.db.insert(users).values({ authorityId: row!.id, name: `portal ${tag}`, email: `portal.${memberState}.${tag}@imi.test`, roles: ["PORTAL"] });
    return row!.id;
  }

  it("pentest G1 refuses the helpdesk and a portal's authority as recipients (BAD_USER_INPUT), and creates nothing", async () => {
    const world = await suite.world();
    const dk = await world.token(world.user.handlerDk);
    const portalDe = await portalAuthority(world.tag, "DE");
    for (const [kind, ids] of [
      ["REQUEST", [world.authority.helpdesk]],
      ["REQUEST", [world.authority.portalDk]],
      ["REQUEST", [portalDe]],
      ["ALERT", [world.authority.de, world.authority.helpdesk]],
      ["ALERT", [world.authority.fr, world.authority.portalDk]],
    ] as const) {
      const result = await suite.api.execute(CREATE_PROCEDURE, request([...ids], kind), dk);
      expect(codes(result), JSON.stringify(ids)).toEqual(["BAD_USER_INPUT"]);
      expect(result.errors?.[0]?.extensions?.field).toBe("recipientAuthorityIds");
      expect(result.errors?.[0]?.message).toContain("takes part in no procedure");
    }
    expect(await proceduresOf(suite.db.db, world.authority.dk)).toBe(0);
  });

  it("pentest G1 a competent authority holding a portal account of its own beside its case handlers still takes part", async () => {
    const world = await suite.world();
    await suite.db.db.insert(users).values({ authorityId: world.authority.de, name: `portal de ${world.tag}`, email: `portal.de.${world.tag}@imi.test`, roles: ["PORTAL"] });
    const result = await suite.api.execute(CREATE_PROCEDURE, request([world.authority.de]), await world.token(world.user.handlerDk));
    expect(result.errors).toBeUndefined();
  });

  it("pentest G1 refuses forwarding a request to the portal's authority of the responder's state", async () => {
    const world = await suite.world();
    const de = await world.token(world.user.handlerDe);
    const created = await suite.api.execute(CREATE_PROCEDURE, request([world.authority.dk]), de);
    const id = created.data!.createProcedure.id;
    await suite.api.execute(SEND, { id }, de);
    const dk = await world.token(world.user.handlerDk);
    await suite.api.execute(ACCEPT, { id }, dk);
    const forwarded = await suite.api.execute(FORWARD, { id, to: world.authority.portalDk }, dk);
    expect(codes(forwarded)).toEqual(["BAD_USER_INPUT"]);
    expect(forwarded.errors?.[0]?.extensions?.field).toBe("toAuthorityId");
    const rows = await suite.db.db.select({ authorityId: participants.authorityId }).from(participants).where(eq(participants.procedureId, id));
    expect(rows.map((r) => r.authorityId).sort()).toEqual([world.authority.de, world.authority.dk].sort());
  });

  it("pentest G1 an alert to all member states never reaches a portal's authority, even designated as alert coordinator", async () => {
    const world = await suite.world();
    const portalDe = await portalAuthority(world.tag, "DE");
    // Written past the service: the designation alone must not make it a recipient.
    await suite.db.db.update(authorities).set({ alertCoordinator: true }).where(inArray(authorities.id, [world.authority.de, portalDe]));
    const dk = await world.token(world.user.handlerDk);
    const created = await suite.api.execute(CREATE_PROCEDURE, { input: { ...request([], "ALERT").input, toAllMemberStates: true } }, dk);
    expect(created.errors).toBeUndefined();
    const id = created.data!.createProcedure.id;
    const sent = await suite.api.execute(SEND, { id }, dk);
    expect(sent.errors).toBeUndefined();
    const rows = await suite.db.db.select({ authorityId: participants.authorityId }).from(participants).where(eq(participants.procedureId, id));
    const ids = rows.map((r) => r.authorityId);
    expect(ids).toContain(world.authority.de);
    expect(ids).not.toContain(portalDe);
  });
});
