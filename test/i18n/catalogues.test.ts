import { describe, expect, it } from "vitest";
import { CATALOGUES, localizeMessage } from "../../src/i18n/i18n.js";
import { DENIAL_MESSAGES } from "../../src/auth/policy.js";
import { LANGUAGES, negotiateLanguage } from "../../src/i18n/languages.js";

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe("message catalogues", () => {
  it("no catalogue lacks a key another has, none is empty, and each keeps the English placeholders", () => {
    const keys = new Set(LANGUAGES.flatMap((language) => Object.keys(CATALOGUES[language])));
    for (const language of LANGUAGES) {
      const catalogue = CATALOGUES[language] as Record<string, string>;
      const missing = [...keys].filter((key) => !(key in catalogue));
      expect(missing, `${language} lacks`).toEqual([]);
      for (const key of keys) {
        expect(catalogue[key]!.trim().length, `${language} ${key}`).toBeGreaterThan(0);
        expect(placeholders(catalogue[key]!), `${language} ${key}`).toEqual(placeholders((CATALOGUES.en as Record<string, string>)[key]!));
      }
    }
  });

  it("the denial messages of the policy are in the catalogues, so they reach every language", () => {
    for (const message of Object.values(DENIAL_MESSAGES)) {
      for (const language of ["da", "de", "fr"] as const) expect(localizeMessage(message, language), `${language}: ${message}`).not.toBe(message);
    }
  });

  it("renders a message with values in another language, and leaves one it does not know in English", () => {
    expect(localizeMessage("Procedure 42 was not found.", "fr")).toBe("Procedure 42 est introuvable.");
    expect(localizeMessage("An attachment has at most 10 bytes.", "da")).toBe("Et bilag må højst fylde 10 byte.");
    expect(localizeMessage("Something nobody translated.", "de")).toBe("Something nobody translated.");
  });
});

describe("choosing the language", () => {
  it("takes the explicit choice, else the best Accept-Language range we hold, else English", () => {
    expect(negotiateLanguage("da-DK,da;q=0.9,en;q=0.8")).toBe("da");
    expect(negotiateLanguage("sv-SE, de-AT;q=0.7, fr;q=0.8")).toBe("fr");
    expect(negotiateLanguage("en-GB;q=0.5, de")).toBe("de");
    expect(negotiateLanguage("fr;q=0, de;q=0.1")).toBe("de");
    expect(negotiateLanguage("sv, nb, *")).toBe("en");
    expect(negotiateLanguage(undefined)).toBe("en");
    expect(negotiateLanguage("garbage;;;q=abc")).toBe("en");
    expect(negotiateLanguage("da", "fr")).toBe("fr");
  });
});
