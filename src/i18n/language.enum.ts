import { registerEnumType } from "type-graphql";

/** The languages of the catalogues and of question wording (src/i18n). */
export enum Language {
  DA = "DA",
  DE = "DE",
  FR = "FR",
  EN = "EN",
}

registerEnumType(Language, {
  name: "Language",
  description: "A language of the texts: Danish, German, French, English. Where a field takes none, the request's Accept-Language decides (English when nothing matches).",
});
