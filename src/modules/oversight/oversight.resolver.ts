import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { requireViewer, type Context } from "../../context.js";
import { PageArgs } from "../../graphql/page.args.js";
import { Authority, AuthorityConnection } from "../directory/authority.type.js";
import { CreateAuthorityInput } from "../directory/directory.input.js";
import { Procedure } from "../procedures/procedure.type.js";
import { User, UserConnection } from "../users/user.type.js";
import type { UserRow } from "../users/user.repository.js";
import { DateTimeScalar } from "../../graphql/scalars.js";
import { hasRole } from "../../auth/viewer.js";
import type { AuthorityRegistrationRow } from "./oversight.repository.js";
import type { OversightService } from "./oversight.service.js";
import {
  AuthorityRegistration,
  AuthorityRegistrationConnection,
  AuthorityRegistrationStatus,
  RecordOfProcessing,
  WaitingProcedure,
  WaitingProcedureConnection,
} from "./oversight.type.js";

@Resolver()
export class OversightResolver {
  constructor(private readonly oversightService: OversightService) {}

  @Query(() => WaitingProcedureConnection, {
    description:
      "Procedures waiting on an authority of your member state (to be accepted, or answered), longest waiting first: for " +
      "coordinators (issue 18, R-COORD-1). Metadata only. Procedures brought to you for inactivity are `escalatedProcedures`.",
  })
  waitingProcedures(
    @Arg("overdueOnly", () => Boolean, {
      nullable: true,
      defaultValue: false,
      description: "Only overdue ones: requests not accepted within 7 days, or not answered by their answer deadline (`overdueReason`).",
    })
    overdueOnly: boolean | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return this.oversightService.waitingProcedures(requireViewer(ctx), overdueOnly ?? false, first, after);
  }

  @Query(() => AuthorityConnection, {
    description: "Authorities with no active user, newest first: a coordinator its state's, the Commission any state's (issue 18).",
  })
  authoritiesWithoutActiveUser(
    @Arg("memberState", () => String, { nullable: true, description: "The Commission: only this state's. A coordinator: its own." })
    memberState: string | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return this.oversightService.authoritiesWithoutActiveUser(requireViewer(ctx), memberState ?? null, first, after);
  }

  @Query(() => UserConnection, {
    description:
      "Active users not logged in for a number of days (never logged in: since their creation), newest first, so user lists " +
      "stay current (§10-§11): a coordinator its state's, the Commission any state's (issue 18).",
  })
  staleUsers(
    @Arg("notSeenForDays", () => Int, { nullable: true, defaultValue: 90, description: "Days without a login (1-3650)." })
    notSeenForDays: number | null,
    @Arg("memberState", () => String, { nullable: true, description: "The Commission: only this state's. A coordinator: its own." })
    memberState: string | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return this.oversightService.staleUsers(requireViewer(ctx), notSeenForDays ?? 90, memberState ?? null, first, after);
  }

  @Query(() => [RecordOfProcessing], {
    description:
      "Records of processing per legal area (issue 18, Art. 21): authorities, categories of personal data, retention periods. " +
      "The Commission and the EDPS any state's or the whole system's; a coordinator or national data-protection authority its own.",
  })
  recordsOfProcessing(
    @Arg("memberState", () => String, { nullable: true, description: "Only this state's; null: your scope as a whole." }) memberState: string | null,
    @Ctx() ctx: Context,
  ) {
    return this.oversightService.recordsOfProcessing(requireViewer(ctx), memberState ?? null);
  }

  @Mutation(() => AuthorityRegistration, {
    description:
      "Asks for a competent authority to be registered (Art. 6), without logging in. Nothing is published until the " +
      "coordinator of its member state approves it (`decideAuthorityRegistration`). At most 5 an hour per client address.",
  })
  registerAuthority(
    @Arg("input", () => CreateAuthorityInput, { description: "What the directory would publish." }) input: CreateAuthorityInput,
    @Ctx() ctx: Context,
  ) {
    return this.oversightService.register(input, ctx.clientAddress ?? null);
  }

  @Query(() => AuthorityRegistrationConnection, {
    description: "Authorities' self-registrations, oldest first: a coordinator its state's, the Commission all (issue 18, Art. 6).",
  })
  authorityRegistrations(
    @Arg("status", () => AuthorityRegistrationStatus, { nullable: true, description: "Only those in this status." })
    status: AuthorityRegistrationStatus | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return this.oversightService.registrations(requireViewer(ctx), status ?? null, first, after);
  }

  @Mutation(() => AuthorityRegistration, {
    description: "Approves (the authority enters the directory) or rejects, with a reason, a registration of your state (Art. 6, R-COORD-1).",
  })
  decideAuthorityRegistration(
    @Arg("id", () => ID, { description: "Id of the registration." }) id: string,
    @Arg("approve", () => Boolean, { description: "true approves, false rejects." }) approve: boolean,
    @Arg("note", () => String, { nullable: true, description: "Why it is rejected (required to reject)." }) note: string | null,
    @Ctx() ctx: Context,
  ) {
    return this.oversightService.decide(requireViewer(ctx), id, approve, note ?? null);
  }
}

@Resolver(() => WaitingProcedure)
export class WaitingProcedureResolver {
  @FieldResolver(() => Procedure, { description: "The procedure." })
  procedure(@Root() row: { procedureId: string }, @Ctx() ctx: Context) {
    return ctx.loaders.procedure.load(row.procedureId);
  }

  @FieldResolver(() => Authority, { description: "The authority it waits on." })
  authority(@Root() row: { authorityId: string }, @Ctx() ctx: Context) {
    return ctx.loaders.authority.load(row.authorityId);
  }
}

@Resolver(() => RecordOfProcessing)
export class RecordOfProcessingResolver {
  @FieldResolver(() => [Authority], { description: "The competent authorities registered for the area in the scope." })
  async authorities(@Root() record: { authorityIds: string[] }, @Ctx() ctx: Context) {
    return (await ctx.loaders.authority.loadMany(record.authorityIds)).filter((a) => a && !(a instanceof Error));
  }
}

@Resolver(() => AuthorityRegistration)
export class AuthorityRegistrationResolver {
  @FieldResolver(() => Authority, { nullable: true, description: "The directory entry an approval created." })
  async authority(@Root() row: AuthorityRegistrationRow, @Ctx() ctx: Context) {
    return row.authorityId ? ((await ctx.loaders.authority.load(row.authorityId)) ?? null) : null;
  }
}

/**
 * Issue 18, §10-§11: when a user last logged in, for whoever keeps the user lists current (the managers
 * whose row scope holds the user: the Commission, its coordinator, its local admin) and the user itself;
 * null for others that may see the user (a case handler of a shared procedure has no need of it).
 */
@Resolver(() => User)
export class UserLastLoginResolver {
  @FieldResolver(() => DateTimeScalar, {
    nullable: true,
    description: "The last accepted login with a security code (user lists kept current, §10-§11); null if never, or not yours to see.",
  })
  lastLoginAt(@Root() user: UserRow, @Ctx() ctx: Context) {
    const viewer = requireViewer(ctx);
    const manages = hasRole(viewer, "COMMISSION", "COORDINATOR", "LOCAL_ADMIN") || user.id === viewer.userId;
    return manages ? user.lastLoginAt : null;
  }
}
