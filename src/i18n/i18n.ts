import i18next, { type i18n } from "i18next";
import { da } from "./catalogues/da.js";
import { de } from "./catalogues/de.js";
import { en, type Catalogue, type CatalogueKey } from "./catalogues/en.js";
import { fr } from "./catalogues/fr.js";
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from "./languages.js";

export type { CatalogueKey } from "./catalogues/en.js";

/** The catalogues by language (test/i18n checks that none lacks a key another has). */
export const CATALOGUES: Record<Language, Catalogue> = { da, de, fr, en };

/**
 * One i18next instance for the server, loaded synchronously from the catalogues in src/i18n/catalogues:
 * flat keys (a key is a whole dotted name), no HTML escaping (the texts go out as JSON strings, never
 * into markup), English as the fallback for a key a language lacks (a test keeps that from happening).
 */
const instance: i18n = i18next.createInstance();
void instance.init({
  initAsync: false,
  // No advertisement on the console: the server's output is its structured log.
  showSupportNotice: false,
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  resources: Object.fromEntries(LANGUAGES.map((lng) => [lng, { translation: CATALOGUES[lng] }])),
});

export type MessageParams = Record<string, string | number>;

/** The text of a catalogue key in a language. */
export function t(language: Language, key: CatalogueKey, params: MessageParams = {}): string {
  return instance.t(key, { lng: language, ...params });
}

/** The key whose English template a message matches, with its values; compiled once. */
const TEMPLATES: { key: CatalogueKey; pattern: RegExp; names: string[] }[] = (Object.entries(en) as [CatalogueKey, string][])
  .filter(([key]) => key.startsWith("error.") || key.startsWith("questionSet.") || key.startsWith("attachment."))
  .map(([key, text]) => {
    const names: string[] = [];
    const source = text
      .split(/(\{\{\w+\}\})/)
      .map((part) => {
        const name = part.match(/^\{\{(\w+)\}\}$/)?.[1];
        if (!name) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        names.push(name);
        return "(.+?)";
      })
      .join("");
    return { key, pattern: new RegExp(`^${source}$`, "s"), names };
  });

/**
 * An error message in the viewer's language. Errors are raised in English all through the code (one
 * error path, STYLE rule 5); this finds the catalogue entry whose English text the message is and
 * renders the same entry, with the same values, in `language`. A message not in the catalogues goes
 * out in English: codes and reasons, which clients act on, are the same in every language.
 */
export function localizeMessage(message: string, language: Language): string {
  if (language === DEFAULT_LANGUAGE) return message;
  for (const template of TEMPLATES) {
    const match = template.pattern.exec(message);
    if (!match) continue;
    const params = Object.fromEntries(template.names.map((name, i) => [name, match[i + 1] ?? ""]));
    return t(language, template.key, params);
  }
  return message;
}

/** The English text of a key, for raising an error (localizeMessage renders it in the viewer's language). */
export function english(key: CatalogueKey, params: MessageParams = {}): string {
  return t(DEFAULT_LANGUAGE, key, params);
}
