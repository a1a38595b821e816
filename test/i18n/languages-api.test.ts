import { describe, expect, it } from "vitest";
import type { TestApi } from "../helpers/api.js";
import { DRIVERS } from "../helpers/database.js";
import { useSuite } from "../helpers/suite.js";

/** An operation with the request headers a browser or portal sends (Accept-Language). */
async function withHeaders(api: TestApi, query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const contextValue = await api.api.createContext(headers);
  const response = await api.api.apollo.executeOperation({ query, variables }, { contextValue });
  if (response.body.kind !== "single") throw new Error("expected a single result");
  return JSON.parse(JSON.stringify(response.body.singleResult)) as { data?: Record<string, any>; errors?: { message: string; extensions: Record<string, unknown> }[] };
}

const NOTICE = `query Notice($id: ID!, $language: Language) { privacyNotice(authorityId: $id, language: $language) { language processing recipientCategories rights { right description } text } }`;

describe.each(DRIVERS)("the users' languages on %s", (driver) => {
  const suite = useSuite(driver);

  it("R-NOTICE-1: the transparency notice in Danish, German, French and English, by argument or by Accept-Language", async () => {
    const world = await suite.world();
    const id = world.authority.dk;
    const expected = {
      DA: ["kan behandle dine personoplysninger", "Dine rettigheder:"],
      DE: ["kann Ihre personenbezogenen Daten", "Ihre Rechte:"],
      FR: ["peut traiter vos données à caractère personnel", "Vos droits :"],
      EN: ["may process your personal data", "Your rights:"],
    } as const;
    for (const [language, [processing, heading]] of Object.entries(expected)) {
      const byArgument = await withHeaders(suite.api, NOTICE, { id, language }, {});
      expect(byArgument.errors).toBeUndefined();
      expect(byArgument.data!.privacyNotice.language).toBe(language);
      expect(byArgument.data!.privacyNotice.processing).toContain(processing);
      expect(byArgument.data!.privacyNotice.text).toContain(heading);
      // The authority's own name and the right's code stay as recorded.
      expect(byArgument.data!.privacyNotice.processing).toContain(`dk ${world.tag}`);
      expect(byArgument.data!.privacyNotice.rights.map((r: { right: string }) => r.right)).toEqual(["ACCESS", "RECTIFICATION", "ERASURE"]);
      const byHeader = await withHeaders(suite.api, NOTICE, { id }, { "accept-language": `${language.toLowerCase()}-XX;q=0.9, sv;q=1` });
      expect(byHeader.data!.privacyNotice).toEqual(byArgument.data!.privacyNotice);
    }
    // The argument wins over the header; nothing we hold falls back to English.
    expect((await withHeaders(suite.api, NOTICE, { id, language: "FR" }, { "accept-language": "da" })).data!.privacyNotice.language).toBe("FR");
    expect((await withHeaders(suite.api, NOTICE, { id }, { "accept-language": "sv, fi" })).data!.privacyNotice.language).toBe("EN");
  });

  it("legal area names follow the language; codes stay the same", async () => {
    const result = await withHeaders(suite.api, `{ legalAreas { code name } }`, {}, { "accept-language": "de" });
    // legalAreas needs a login: the refusal comes back in German with the same code.
    expect(result.errors![0]).toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    expect(result.errors![0]!.message).toMatch(/^Sie müssen angemeldet sein/);
    const world = await suite.world();
    const token = await world.token(world.user.handlerDk);
    const names = async (lang: string) =>
      Object.fromEntries(
        ((await withHeaders(suite.api, `{ legalAreas { code name } }`, {}, { authorization: `Bearer ${token}`, "accept-language": lang })).data!.legalAreas as { code: string; name: string }[]).map((a) => [a.code, a.name]),
      );
    expect((await names("da")).PROFESSIONAL_QUALIFICATIONS).toBe("Erhvervsmæssige kvalifikationer");
    expect((await names("de")).PROFESSIONAL_QUALIFICATIONS).toBe("Berufsqualifikationen");
    expect((await names("fr")).SERVICES).toBe("Services");
    expect((await names("fr")).PATIENTS_RIGHTS).toBe("Droits des patients en matière de soins de santé transfrontaliers");
    expect((await names("en")).PROFESSIONAL_QUALIFICATIONS).toBe("Professional qualifications");
  });

  it("error messages come back in each language, with the same code and reason", async () => {
    const world = await suite.world();
    const dk = await world.token(world.user.handlerDk);
    const created = await withHeaders(
      suite.api,
      `mutation($input: CreateProcedureInput!) { createProcedure(input: $input) { id } }`,
      { input: { kind: "REQUEST", legalAreaCode: "SERVICES", subject: "Lang", justification: "Languages.", recipientAuthorityIds: [world.authority.de] } },
      { authorization: `Bearer ${dk}` },
    );
    const id = created.data!.createProcedure.id;
    const admin = await world.token(world.user.adminDk);
    const expected = {
      da: "Din rolle giver ikke adgang til disse oplysninger.",
      de: "Ihre Rolle gewährt keinen Zugang zu diesen Daten.",
      fr: "Votre rôle ne donne pas accès à ces données.",
      en: "Your role does not give access to this data.",
    };
    for (const [language, message] of Object.entries(expected)) {
      const result = await withHeaders(suite.api, `query($id: ID!) { procedure(id: $id) { id dataSubjects { id } } }`, { id }, { authorization: `Bearer ${admin}`, "accept-language": language });
      expect(result.errors).toEqual([{ message, path: ["procedure", "dataSubjects"], locations: expect.any(Array), extensions: { code: "FORBIDDEN", reason: "ROLE" } }]);
    }
    const notFound = await withHeaders(suite.api, `query($id: ID!) { procedure(id: $id) { id } }`, { id: "00000000-0000-4000-8000-000000000000" }, { authorization: `Bearer ${dk}`, "accept-language": "da" });
    expect(notFound.errors![0]).toMatchObject({ message: "Procedure 00000000-0000-4000-8000-000000000000 blev ikke fundet.", extensions: { code: "NOT_FOUND" } });
  });
});
