import type DataLoader from "dataloader";
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { rowLoader } from "../../db/batch-loaders.js";
import { requireViewer, type Context } from "../../context.js";
import { PageArgs } from "../../graphql/page.args.js";
import { Authority } from "../directory/authority.type.js";
import { CreateUserInput, UserFilter } from "./user.input.js";
import type { UserRow } from "./user.repository.js";
import type { UserService } from "./user.service.js";
import { NewUser, User, UserConnection } from "./user.type.js";

/** Shown in place of a deactivated user's contact data, blocked at once and later deleted (R-USER-1). */
const BLOCKED = "(blocked)";
const DELETED = "(deleted)";

function contact(user: UserRow, value: string | null): string {
  if (user.contactDeletedAt || value === null) return DELETED;
  return user.contactBlockedAt ? BLOCKED : value;
}

/**
 * Creators in the viewer's row scope, one query per request for a whole page of users. Held per request
 * context (the shared loaders know no viewer), so nothing cached crosses requests.
 */
const visibleCreators = new WeakMap<Context, DataLoader<string, UserRow | undefined>>();

@Resolver(() => User)
export class UserResolver {
  constructor(private readonly userService: UserService) {}

  @Query(() => User, { nullable: true, description: "The logged-in user; null without a token." })
  viewer(@Ctx() ctx: Context) {
    if (!ctx.viewer && !ctx.authFailure) return null;
    return this.userService.viewer(requireViewer(ctx));
  }

  @Query(() => UserConnection, { description: "Users whose contact data you may see (need-to-know matrix)." })
  users(
    @Arg("filter", () => UserFilter, { nullable: true, description: "Narrows the list." }) filter: UserFilter | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return this.userService.list(requireViewer(ctx), filter ?? {}, first, after);
  }

  @Mutation(() => NewUser, {
    description:
      "Creates a user awaiting enrolment (local admins for their authority, coordinators for their state; R-COORD-1). No password and no " +
      "security-code secret come back: an enrolment code goes to the user's e-mail address, and the user enrols itself (enrolUser; R-SEC-1).",
  })
  createUser(@Arg("input", () => CreateUserInput, { description: "The new user." }) input: CreateUserInput, @Ctx() ctx: Context) {
    return this.userService.create(requireViewer(ctx), input, ctx.audit);
  }

  @Mutation(() => NewUser, {
    description:
      "Sends a user still awaiting enrolment a new enrolment code (the earlier one stops working): for a lost or expired code, or a mail " +
      "that was not sent. Whoever may create the user may do this; CONFLICT once it has enrolled or is deactivated.",
  })
  resendEnrolment(@Arg("userId", () => ID, { description: "Id of the user awaiting enrolment." }) userId: string, @Ctx() ctx: Context) {
    return this.userService.resendEnrolment(requireViewer(ctx), userId, ctx.audit);
  }

  @FieldResolver(() => Boolean, { description: "Whether the user has enrolled; false: awaiting enrolment, no login possible yet (R-SEC-1)." })
  enrolled(@Root() user: UserRow) {
    return user.enrolledAt !== null;
  }

  @Mutation(() => User, { description: "Deactivates a user: all access ends at once, even for tokens already issued (R-USER-2)." })
  deactivateUser(@Arg("id", () => ID, { description: "Id of the user." }) id: string, @Ctx() ctx: Context) {
    return this.userService.deactivate(requireViewer(ctx), id, ctx.audit);
  }

  @FieldResolver(() => String, { description: "Full name." })
  name(@Root() user: UserRow) {
    return contact(user, user.name);
  }

  @FieldResolver(() => String, { description: "E-mail address, also the login." })
  email(@Root() user: UserRow) {
    return contact(user, user.email);
  }

  @FieldResolver(() => User, {
    nullable: true,
    description:
      "Who created this account (R-SEC-2), when you may see that user; null for accounts seeded or bootstrapped, or outside your view.",
  })
  async createdBy(@Root() user: UserRow, @Ctx() ctx: Context) {
    if (!user.createdByUserId) return null;
    const viewer = requireViewer(ctx);
    let loader = visibleCreators.get(ctx);
    if (!loader) {
      loader = rowLoader((ids: readonly string[]) => this.userService.visibleByIds(viewer, ids), (row) => row.id);
      visibleCreators.set(ctx, loader);
    }
    return (await loader.load(user.createdByUserId)) ?? null;
  }

  @FieldResolver(() => Authority, { description: "The authority the user belongs to." })
  authority(@Root() user: UserRow, @Ctx() ctx: Context) {
    return ctx.loaders.authority.load(user.authorityId);
  }
}
