import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { NationalRestriction } from "../directory/national-restriction.type.js";
import { restrictionApplies, rightOfRequest } from "../directory/restriction-applies.js";
import type { RequestRow } from "./rights.repository.js";
import { DataSubjectRequest } from "./rights.type.js";

/** R-NOTICE-2: a request shows the published national restrictions that apply to it. */
@Resolver(() => DataSubjectRequest)
export class RequestRestrictionsResolver {
  @FieldResolver(() => [NationalRestriction], {
    description:
      "Published national exceptions or restrictions of the receiving authority's state that apply to this request: its right, and where narrowed, its legal area or kind of procedure (R-NOTICE-2).",
  })
  async nationalRestrictions(@Root() request: RequestRow, @Ctx() ctx: Context) {
    const authority = await ctx.loaders.authority.load(request.receivingAuthorityId);
    if (!authority) return [];
    const [restrictions, areas, procedure] = await Promise.all([
      ctx.loaders.publishedRestrictions.load(authority.memberState),
      ctx.loaders.legalAreasOfAuthority.load(authority.id),
      request.procedureId ? ctx.loaders.procedure.load(request.procedureId) : Promise.resolve(undefined),
    ]);
    const scope = {
      memberState: authority.memberState,
      right: rightOfRequest(request.kind),
      authorityAreas: new Set(areas.map((row) => row.area.code)),
      procedure: procedure ? { legalAreaCode: procedure.legalAreaCode, kind: procedure.kind } : null,
    };
    return restrictions.filter((restriction) => restrictionApplies(restriction, scope));
  }
}
