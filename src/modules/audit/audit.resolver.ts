import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { hasRole } from "../../auth/viewer.js";
import { requireViewer, type Context } from "../../context.js";
import { PageArgs } from "../../graphql/page.args.js";
import { Authority } from "../directory/authority.type.js";
import { User } from "../users/user.type.js";
import { AuditChainReport, AuditEvent, AuditEventConnection } from "./audit-event.type.js";
import { AuditEventFilter } from "./audit.input.js";
import type { AuditEventRow } from "./audit.repository.js";
import type { AuditService } from "./audit.service.js";

@Resolver(() => AuditEvent)
export class AuditResolver {
  constructor(private readonly auditService: AuditService) {}

  @Query(() => AuditEventConnection, {
    description:
      "The audit log (R-SEC-2), newest first: the Commission all of it, a coordinator its member state's authorities', " +
      "a local admin its authority's, a case handler its own events; a portal none.",
  })
  auditEvents(
    @Arg("filter", () => AuditEventFilter, { nullable: true, description: "Narrows the list." }) filter: AuditEventFilter | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return this.auditService.list(requireViewer(ctx), filter ?? {}, first, after);
  }

  @Query(() => AuditChainReport, {
    description: "Recomputes the audit log's hash chain and says whether, and where, it was altered (R-SEC-2). Commission only.",
  })
  verifyAuditChain(@Ctx() ctx: Context) {
    return this.auditService.verifyChain(requireViewer(ctx));
  }

  // The actor belongs to the actor authority, and every viewer's event scope is within its user scope
  // (state, authority, itself), so the actor is a user the viewer may see; contact blocking still applies.
  @FieldResolver(() => User, { nullable: true, description: "The user who acted; null for the system (scheduled jobs)." })
  async actor(@Root() event: AuditEventRow, @Ctx() ctx: Context) {
    // Issue 18: a supervisory authority's event scope is not within any user scope (it sees no users'
    // contact data by its role): it reads the acting authority, action and time, never who it was.
    if (ctx.viewer && !hasRole(ctx.viewer, "COMMISSION", "COORDINATOR", "LOCAL_ADMIN", "CASE_HANDLER")) return null;
    return event.actorUserId ? ((await ctx.loaders.user.load(event.actorUserId)) ?? null) : null;
  }

  @FieldResolver(() => Authority, { nullable: true, description: "The authority the user acted for; null for the system." })
  async actorAuthority(@Root() event: AuditEventRow, @Ctx() ctx: Context) {
    return event.actorAuthorityId ? ((await ctx.loaders.authority.load(event.actorAuthorityId)) ?? null) : null;
  }
}
