import { Arg, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { LegalArea } from "../modules/directory/legal-area.type.js";
import { Language } from "./language.enum.js";
import { CATALOGUES, type CatalogueKey } from "./i18n.js";
import { textLanguage } from "./text-language.js";

/**
 * A legal area's name in the viewer's language, from the catalogues. The areas are data (§1): one added
 * later without catalogue entries keeps the name it was recorded with, in every language.
 */
@Resolver(() => LegalArea)
export class LegalAreaNameResolver {
  @FieldResolver(() => String, { description: "Name of the area, in the `language` asked for or the request's Accept-Language." })
  name(
    @Root() area: { code: string; name: string },
    @Arg("language", () => Language, { nullable: true, description: "The language of the name; the request's Accept-Language when left out." }) language: Language | null,
    @Ctx() ctx: Context,
  ) {
    const key = `legalArea.${area.code}.name` as CatalogueKey;
    return CATALOGUES[textLanguage(ctx, language)][key] ?? area.name;
  }
}
