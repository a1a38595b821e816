import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { requireViewer, type Context } from "../../context.js";
import { PageArgs } from "../../graphql/page.args.js";
import { DateTimeScalar } from "../../graphql/scalars.js";
import { Authority } from "../directory/authority.type.js";
import { LegalArea } from "../directory/legal-area.type.js";
import { Procedure } from "../procedures/procedure.type.js";
import type { PreviewGroupRow, ReminderRow, RetentionRunRow } from "./retention.repository.js";
import type { RetentionService } from "./retention.service.js";
import { Reminder, ReminderConnection, RetentionPreview, RetentionPreviewGroup, RetentionRun, RetentionRunConnection } from "./retention.type.js";

@Resolver(() => RetentionRun)
export class RetentionResolver {
  constructor(private readonly retentionService: RetentionService) {}

  @Mutation(() => RetentionRun, {
    description:
      "Runs the retention job now (Commission only): blocking (R-RETAIN-1, R-RETAIN-2), deletion (R-RETAIN-3), users' contact " +
      "data (R-USER-1), approved early deletions (R-RETAIN-6) and reminders (R-RETAIN-5). CONFLICT when a run is already in progress.",
  })
  runRetention(
    @Arg("dryRun", () => Boolean, { nullable: true, defaultValue: false, description: "Only count what would be done; change nothing." })
    dryRun: boolean | null,
    @Arg("asOf", () => DateTimeScalar, {
      nullable: true,
      description: "Apply the rules as of this time; now when left out. A future time only on a server started with IMI_ALLOW_TIME_TRAVEL=1.",
    })
    asOf: Date | null,
    @Ctx() ctx: Context,
  ) {
    return this.retentionService.runAs(requireViewer(ctx), dryRun ?? false, asOf ?? null);
  }

  @Query(() => RetentionPreview, {
    description: "What the retention job would block and delete by a date, per legal area and authority; nothing is changed (Commission only).",
  })
  retentionPreview(
    @Arg("asOf", () => DateTimeScalar, { nullable: true, description: "The date asked about, past or future; now when left out." })
    asOf: Date | null,
    @Ctx() ctx: Context,
  ) {
    return this.retentionService.preview(requireViewer(ctx), asOf ?? null);
  }

  @Query(() => RetentionRunConnection, { description: "Runs of the retention job, newest first (the Commission and coordinators)." })
  retentionRuns(@Args(() => PageArgs) { first, after }: PageArgs, @Ctx() ctx: Context) {
    return this.retentionService.listRuns(requireViewer(ctx), first, after);
  }

  @Query(() => ReminderConnection, {
    description:
      "Reminders about procedures your authority initiated and left open (R-RETAIN-5), newest first: for its case handlers and local admins.",
  })
  reminders(
    @Arg("includeResolved", () => Boolean, { nullable: true, defaultValue: false, description: "Also list resolved reminders." })
    includeResolved: boolean | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return this.retentionService.listReminders(requireViewer(ctx), includeResolved ?? false, first, after);
  }

  @FieldResolver(() => Boolean, { description: "True when the schedule started it; false when a user did (`runRetention`)." })
  scheduled(@Root() run: RetentionRunRow) {
    return run.triggeredByUserId === null;
  }
}

@Resolver(() => RetentionPreviewGroup)
export class RetentionPreviewGroupResolver {
  @FieldResolver(() => LegalArea, { description: "The legal area." })
  legalArea(@Root() group: PreviewGroupRow, @Ctx() ctx: Context) {
    return ctx.loaders.legalArea.load(group.legalAreaCode);
  }

  @FieldResolver(() => Authority, { description: "The initiating authority of the procedures." })
  authority(@Root() group: PreviewGroupRow, @Ctx() ctx: Context) {
    return ctx.loaders.authority.load(group.authorityId);
  }
}

@Resolver(() => Reminder)
export class ReminderResolver {
  @FieldResolver(() => Procedure, { description: "The procedure left open." })
  procedure(@Root() reminder: ReminderRow, @Ctx() ctx: Context) {
    return ctx.loaders.procedure.load(reminder.procedureId);
  }

  @FieldResolver(() => Authority, { description: "The authority reminded: the procedure's initiator." })
  authority(@Root() reminder: ReminderRow, @Ctx() ctx: Context) {
    return ctx.loaders.authority.load(reminder.authorityId);
  }
}
