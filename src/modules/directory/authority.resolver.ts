import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { Authority, DataProtectionOfficer } from "./authority.type.js";
import type { AuthorityRow } from "./directory.repository.js";
import { LegalArea } from "./legal-area.type.js";

@Resolver(() => Authority)
export class AuthorityResolver {
  @FieldResolver(() => [LegalArea], { description: "The legal areas it is registered for (R-PURPOSE-2)." })
  async legalAreas(@Root() authority: AuthorityRow, @Ctx() ctx: Context) {
    const rows = await ctx.loaders.legalAreasOfAuthority.load(authority.id);
    return rows.map((row) => row.area);
  }

  @FieldResolver(() => DataProtectionOfficer, { description: "Its data protection officer." })
  dataProtectionOfficer(@Root() authority: AuthorityRow): DataProtectionOfficer {
    return { name: authority.dpoName, email: authority.dpoEmail };
  }
}
