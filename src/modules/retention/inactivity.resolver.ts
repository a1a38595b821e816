import type DataLoader from "dataloader";
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { requireViewer, type Context } from "../../context.js";
import { groupLoader } from "../../db/batch-loaders.js";
import { PageArgs } from "../../graphql/page.args.js";
import { Authority } from "../directory/authority.type.js";
import type { LegalAreaRow } from "../directory/directory.repository.js";
import { LegalArea } from "../directory/legal-area.type.js";
import type { ProcedureRow } from "../procedures/procedure.repository.js";
import { Procedure } from "../procedures/procedure.type.js";
import type { EscalationRow, JustificationRow, ReminderOfEscalationRow } from "./inactivity.repository.js";
import type { InactivityService } from "./inactivity.service.js";
import { InactivityEscalation, InactivityEscalationConnection, InactivityJustification } from "./inactivity.type.js";
import { Reminder } from "./retention.type.js";

/** One reminders loader per request (a page of escalations asks once for all its procedures). */
const reminderLoaders = new WeakMap<Context, DataLoader<string, ReminderOfEscalationRow[]>>();

@Resolver(() => InactivityEscalation)
export class InactivityResolver {
  constructor(private readonly inactivityService: InactivityService) {}

  @Query(() => InactivityEscalationConnection, {
    description:
      "Procedures of your member state inactive for more than 2 months without justification, brought to you by the retention " +
      "job (R-RETAIN-5), newest first, each with its reminders: for coordinators. Metadata only.",
  })
  escalatedProcedures(
    @Arg("includeResolved", () => Boolean, { nullable: true, defaultValue: false, description: "Also list resolved escalations." })
    includeResolved: boolean | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return this.inactivityService.listEscalations(requireViewer(ctx), includeResolved ?? false, first, after);
  }

  @Mutation(() => InactivityJustification, {
    description:
      "Records why an open procedure is inactive (a case handler of an authority taking part): it is not brought to the " +
      "coordinators until its next activity, and its open escalations are resolved (R-RETAIN-5). It is not activity: the " +
      "legal area's inactivity period still runs from the last activity (R-RETAIN-7). CONFLICT for a closed procedure or a draft.",
  })
  justifyInactivity(
    @Arg("procedureId", () => ID, { description: "Id of the procedure." }) procedureId: string,
    @Arg("justification", () => String, { description: "Why it is inactive, 1 to 2000 characters." }) justification: string,
    @Ctx() ctx: Context,
  ) {
    return this.inactivityService.justify(requireViewer(ctx), procedureId, justification, ctx.audit);
  }

  @FieldResolver(() => Procedure, { description: "The procedure left inactive." })
  procedure(@Root() escalation: EscalationRow, @Ctx() ctx: Context) {
    return ctx.loaders.procedure.load(escalation.procedureId);
  }

  @FieldResolver(() => [Reminder], { description: "The reminders raised for the procedure (R-RETAIN-5), newest first." })
  reminders(@Root() escalation: EscalationRow, @Ctx() ctx: Context) {
    let loader = reminderLoaders.get(ctx);
    if (!loader) {
      loader = groupLoader((ids: readonly string[]) => this.inactivityService.remindersOf(ids), (row) => row.procedureId);
      reminderLoaders.set(ctx, loader);
    }
    return loader.load(escalation.procedureId);
  }
}

@Resolver(() => InactivityJustification)
export class InactivityJustificationResolver {
  @FieldResolver(() => Procedure, { description: "The procedure." })
  procedure(@Root() justification: JustificationRow, @Ctx() ctx: Context) {
    return ctx.loaders.procedure.load(justification.procedureId);
  }

  @FieldResolver(() => Authority, { description: "The authority whose case handler recorded it." })
  authority(@Root() justification: JustificationRow, @Ctx() ctx: Context) {
    return ctx.loaders.authority.load(justification.authorityId);
  }
}

/** R-RETAIN-7 on the procedure: whether the system closed it, and why. */
@Resolver(() => Procedure)
export class ProcedureClosureResolver {
  @FieldResolver(() => Boolean, {
    description: "True when the system closed it formally after its legal area's inactivity period (R-RETAIN-7), not a user.",
  })
  closedBySystem(@Root() procedure: ProcedureRow) {
    return procedure.closedBySystem;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "Why the system closed it (R-RETAIN-7): the period and the last activity; null when a user closed it or it is open.",
  })
  closureReason(@Root() procedure: ProcedureRow) {
    return procedure.closureReason;
  }
}

/** R-RETAIN-7 on the legal area: its inactivity period (data, like the blocking period). */
@Resolver(() => LegalArea)
export class LegalAreaInactivityResolver {
  @FieldResolver(() => Int, {
    description: "Months without activity after which the system closes a procedure formally (R-RETAIN-7); 12 unless set.",
  })
  inactivityPeriodMonths(@Root() area: LegalAreaRow) {
    return area.inactivityPeriodMonths;
  }
}
