import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { seedDemoWorld } from "../../src/db/seed/demo-world.js";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../../src/db/seed/demo-ids.js";
import { DRIVERS } from "../helpers/database.js";
import { START, useSuite } from "../helpers/suite.js";

describe.each(DRIVERS)("the demo world's question sets on %s", (driver) => {
  const suite = useSuite(driver);

  it("ships the Services and Professional Qualifications sets in four languages, and an answered Services request", async () => {
    await seedDemoWorld(suite.db.db, new ManualClock(START), "development");
    const token = await suite.api.login("handler.dk@imi.example", DEMO_PASSWORD, DEMO_TOTP_SECRET);
    type Sets = { questionSets: { code: string; legalArea: { code: string }; questions: { code: string; da: string; de: string; fr: string; en: string }[] }[] };
    const sets = await suite.api.executeText<Sets>(
      `{ questionSets { code legalArea { code } questions { code da: text(language: DA) de: text(language: DE) fr: text(language: FR) en: text(language: EN) } } }`,
      {},
      token,
    );
    expect(sets.errors).toBeUndefined();
    const byCode = new Map(sets.data!.questionSets.map((s) => [s.code, s]));
    expect(byCode.get("SERVICES-ESTABLISHMENT")!.legalArea.code).toBe("SERVICES");
    expect(byCode.get("PQ-RECOGNITION")!.legalArea.code).toBe("PROFESSIONAL_QUALIFICATIONS");
    for (const code of ["SERVICES-ESTABLISHMENT", "PQ-RECOGNITION"]) {
      const set = byCode.get(code)!;
      expect(set.questions.length).toBeGreaterThanOrEqual(5);
      for (const q of set.questions) {
        const texts = [q.da, q.de, q.fr, q.en];
        expect(new Set(texts).size, `${code} ${q.code}`).toBe(4);
      }
    }
    type Listed = { procedures: { edges: { node: { subject: string; questionSet: { code: string } | null; answers: { questionCode: string; value: string }[] | null } }[] } };
    const listed = await suite.api.executeText<Listed>(`{ procedures(first: 50) { edges { node { subject questionSet { code } answers { questionCode value } } } } }`, {}, token);
    const answered = listed.data!.procedures.edges.map((e) => e.node).find((n) => n.questionSet?.code === "SERVICES-ESTABLISHMENT");
    expect(answered?.answers?.map((a) => [a.questionCode, a.value])).toEqual([
      ["SD-ESTABLISHED", "YES"],
      ["SD-REGISTER-ENTRY", "2014-03-01"],
      ["SD-AUTHORISATION", "VALID"],
    ]);
  });
});
