import type { Context } from "../context.js";
import { DEFAULT_LANGUAGE, languageOfEnum, type Language } from "./languages.js";

/** The language of one text field: its `language` argument, else the request's Accept-Language, else English. */
export function textLanguage(ctx: Pick<Context, "language">, argument: string | null | undefined): Language {
  return languageOfEnum(argument) ?? ctx.language ?? DEFAULT_LANGUAGE;
}
