/** The languages of the message catalogues (src/i18n/catalogues), in the order of the public enum. */
export const LANGUAGES = ["da", "de", "fr", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

/** What every text falls back to: the catalogue every other one is checked against. */
export const DEFAULT_LANGUAGE: Language = "en";

function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language of a response, chosen once per request. An explicit choice (a `language` argument)
 * wins; then the client's Accept-Language (RFC 9110 §12.5.4): ranges by quality, highest first, ties
 * in the order given; a range matches by its primary subtag (`da-DK` → Danish, `de-AT` → German,
 * `fr-BE` → French, `en-GB` → English); `*` and anything we do not hold are skipped; q=0 means
 * "not this one". Nothing matching: English.
 */
export function negotiateLanguage(acceptLanguage: string | string[] | undefined, explicit?: Language | null): Language {
  if (explicit) return explicit;
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(",") : acceptLanguage;
  if (!header) return DEFAULT_LANGUAGE;
  const ranges = header
    // A header is small; a hostile one is cut, not parsed at length.
    .slice(0, 512)
    .split(",")
    .map((part, index) => {
      const [range = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { primary: range.trim().toLowerCase().split("-")[0] ?? "", quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((r) => r.quality > 0 && r.primary !== "" && r.primary !== "*")
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranges.map((r) => r.primary).find(isLanguage) ?? DEFAULT_LANGUAGE;
}

/** The GraphQL enum value (DA, DE, FR, EN) of a language and back. */
export function languageOfEnum(value: string | null | undefined): Language | null {
  const lower = value?.toLowerCase();
  return lower && isLanguage(lower) ? lower : null;
}
