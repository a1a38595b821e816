import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { textLanguage } from "../../i18n/text-language.js";
import { Language } from "../../i18n/language.enum.js";
import { PageArgs } from "../../graphql/page.args.js";
import { requireViewer, type Context } from "../../context.js";
import { Authority, AuthorityConnection } from "./authority.type.js";
import { AuthorityFilter, CreateAuthorityInput, NationalRestrictionInput } from "./directory.input.js";
import type { NationalRestrictionRow } from "./directory.repository.js";
import type { DirectoryService } from "./directory.service.js";
import { LegalArea } from "./legal-area.type.js";
import { NationalRestriction } from "./national-restriction.type.js";
import { PrivacyNotice } from "./privacy-notice.type.js";

@Resolver()
export class DirectoryResolver {
  constructor(private readonly directory: DirectoryService) {}

  @Query(() => [LegalArea], { description: "All legal areas, enabled or not." })
  legalAreas(@Ctx() ctx: Context) {
    requireViewer(ctx);
    return this.directory.legalAreas();
  }

  @Mutation(() => LegalArea, { description: "Enables or disables a legal area for new procedures (Commission; R-PURPOSE-1)." })
  setLegalAreaEnabled(
    @Arg("code", () => String, { description: "Code of the legal area." }) code: string,
    @Arg("enabled", () => Boolean, { description: "Whether new procedures may be created in it." }) enabled: boolean,
    @Ctx() ctx: Context,
  ) {
    return this.directory.setLegalAreaEnabled(requireViewer(ctx), code, enabled);
  }

  @Query(() => AuthorityConnection, { description: "The directory of competent authorities." })
  authorities(
    @Arg("filter", () => AuthorityFilter, { nullable: true, description: "Narrows the list." }) filter: AuthorityFilter | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: Context,
  ) {
    requireViewer(ctx);
    return this.directory.authorities(filter ?? {}, first, after);
  }

  @Query(() => Authority, { nullable: true, description: "One authority; null with NOT_FOUND when it does not exist." })
  authority(@Arg("id", () => ID, { description: "Id of the authority." }) id: string, @Ctx() ctx: Context) {
    requireViewer(ctx);
    return this.directory.authority(id);
  }

  @Mutation(() => Authority, { description: "Adds a competent authority (a coordinator in its own member state, the Commission anywhere; R-COORD-1)." })
  createAuthority(@Arg("input", () => CreateAuthorityInput, { description: "The new authority." }) input: CreateAuthorityInput, @Ctx() ctx: Context) {
    return this.directory.createAuthority(requireViewer(ctx), input);
  }

  @Mutation(() => Authority, {
    description:
      "Designates an authority as one of its member state's alert coordinators (Art. 12), or ends the designation: alerts to all " +
      "member states reach the alert coordinators of every other state in their legal area (its state's coordinator, or the Commission; issue 17).",
  })
  setAlertCoordinator(
    @Arg("authorityId", () => ID, { description: "Id of a competent authority (never a coordinating one)." }) authorityId: string,
    @Arg("alertCoordinator", () => Boolean, { description: "Whether it is an alert coordinator from now on." }) alertCoordinator: boolean,
    @Ctx() ctx: Context,
  ) {
    return this.directory.setAlertCoordinator(requireViewer(ctx), authorityId, alertCoordinator);
  }

  @Query(() => PrivacyNotice, {
    nullable: true,
    description: "An authority's transparency notice (R-NOTICE-1), in Danish, German, French or English. Readable without login.",
  })
  privacyNotice(
    @Arg("authorityId", () => ID, { description: "Id of the authority." }) authorityId: string,
    @Arg("language", () => Language, {
      nullable: true,
      description: "The language a portal shows the citizen; the request's Accept-Language when left out (English when nothing matches).",
    })
    language: Language | null,
    @Ctx() ctx: Context,
  ) {
    return this.directory.privacyNotice(authorityId, textLanguage(ctx, language));
  }

  @Query(() => [NationalRestriction], {
    description:
      "National exceptions and restrictions of data subjects' rights in a member state (R-NOTICE-2). The published ones are readable without login.",
  })
  nationalRestrictions(
    @Arg("memberState", () => String, { description: "ISO 3166 alpha-2 code." }) memberState: string,
    @Arg("includeUnpublished", () => Boolean, {
      defaultValue: false,
      description: "Also those notified but not yet published: the Commission, and the coordinator of that state.",
    })
    includeUnpublished: boolean,
    @Ctx() ctx: Context,
  ) {
    return this.directory.nationalRestrictions(ctx.viewer ?? null, memberState, includeUnpublished);
  }

  @Mutation(() => NationalRestriction, { description: "Publishes a notified national restriction; from then on it is public (Commission; R-NOTICE-2)." })
  publishNationalRestriction(@Arg("id", () => ID, { description: "Id of the restriction." }) id: string, @Ctx() ctx: Context) {
    return this.directory.publishNationalRestriction(requireViewer(ctx), id);
  }

  @Mutation(() => NationalRestriction, { description: "Records a national exception or restriction (the state's coordinator or the Commission; R-NOTICE-2)." })
  recordNationalRestriction(
    @Arg("input", () => NationalRestrictionInput, { description: "The restriction." }) input: NationalRestrictionInput,
    @Ctx() ctx: Context,
  ) {
    return this.directory.recordNationalRestriction(requireViewer(ctx), input);
  }
}

@Resolver(() => NationalRestriction)
export class NationalRestrictionResolver {
  @FieldResolver(() => Boolean, { description: "Whether the Commission has published it; only published restrictions are public." })
  published(@Root() restriction: NationalRestrictionRow): boolean {
    return restriction.publishedAt !== null;
  }
}
