import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, ID, Info, Resolver, Root, Subscription } from "type-graphql";
import { groundOf, situationOf } from "../../auth/procedure-situation.js";
import { requireViewer, type Context } from "../../context.js";
import { BadUserInputError } from "../../errors.js";
import { selectedFields } from "../../graphql/selection.js";
import { Message } from "../procedures/personal-data.type.js";
import { Procedure } from "../procedures/procedure.type.js";
import { InactivityEscalation } from "../retention/inactivity.type.js";
import { Reminder } from "../retention/retention.type.js";
import type { RightsService } from "../rights/rights.service.js";
import { DataSubjectRequest } from "../rights/rights.type.js";
import type { LiveEvent } from "./live-event.js";
import type { LiveService } from "./live.service.js";
import { DataSubjectRequestEvent, InactivityNotice, ProcedureEvent } from "./live.type.js";

type Of<T extends LiveEvent["topic"]> = Extract<LiveEvent, { topic: T }>;

/**
 * The source streams are made by the WebSocket server (live-operation.ts), one event at a time with a
 * context of its own; graphql-js's own subscribe (an HTTP request naming a subscription) is refused.
 */
function overWebSocketOnly(): never {
  throw new BadUserInputError("Subscriptions are served over WebSocket at /graphql (graphql-ws, subprotocol graphql-transport-ws).");
}

/** An operation executed over HTTP has no event as its root: it is told where subscriptions are served. */
function overWebSocket<T>(event: T | undefined): T {
  if (event === undefined || event === null) overWebSocketOnly();
  return event;
}

/**
 * Each event's root is the event the trigger announced; the fields below resolve it through the
 * same loaders, policy (shield) and audit as a query, with that event's own context.
 */
@Resolver()
export class LiveResolver {
  @Subscription(() => ProcedureEvent, {
    subscribe: overWebSocketOnly,
    description:
      "Events of the procedures your authority takes part in: sent to you, forwarded to you, a status change, a new message. " +
      "Optionally of one procedure.",
  })
  procedureEvents(
    @Root() event: Of<"PROCEDURE">,
    @Arg("procedureId", () => ID, { nullable: true, description: "Only this procedure's events." }) _procedureId: string | null,
  ) {
    return overWebSocket(event);
  }

  @Subscription(() => DataSubjectRequestEvent, {
    subscribe: overWebSocketOnly,
    description: "Events of the data-subject requests in your rows: filed or routed to you, a change of status. Optionally of one request.",
  })
  dataSubjectRequestEvents(
    @Root() event: Of<"DATA_SUBJECT_REQUEST">,
    @Arg("requestId", () => ID, { nullable: true, description: "Only this request's events." }) _requestId: string | null,
  ) {
    return overWebSocket(event);
  }

  @Subscription(() => InactivityNotice, {
    subscribe: overWebSocketOnly,
    description: "Reminders to your authority and escalations to your member state's coordinators, as the retention job raises them (R-RETAIN-5).",
  })
  inactivityNotices(@Root() event: Of<"REMINDER">) {
    return overWebSocket(event);
  }
}

@Resolver(() => ProcedureEvent)
export class ProcedureEventResolver {
  @FieldResolver(() => Procedure, { description: "The procedure as it is now." })
  procedure(@Root() event: Of<"PROCEDURE">, @Ctx() ctx: Context) {
    return ctx.loaders.procedure.load(event.procedureId);
  }

  /** Shield has decided (personalData class) before this runs; the read is audited like `Procedure.messages`. */
  @FieldResolver(() => Message, { nullable: true, description: "The message posted (MESSAGE_POSTED); personal data: null with FORBIDDEN when withheld." })
  async message(@Root() event: Of<"PROCEDURE">, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    if (!event.messageId) return null;
    const message = (await ctx.loaders.messages.load(event.procedureId)).find((m) => m.id === event.messageId);
    const procedure = await ctx.loaders.procedure.load(event.procedureId);
    if (!message || !procedure) return null;
    ctx.audit.read({ procedureId: procedure.id, fields: selectedFields(info).map((field) => `Message.${field}`), ground: groundOf(await situationOf(ctx, procedure)) });
    return message;
  }
}

@Resolver(() => DataSubjectRequestEvent)
export class DataSubjectRequestEventResolver {
  constructor(private readonly rights: RightsService) {}

  @FieldResolver(() => DataSubjectRequest, { description: "The request as it is now." })
  request(@Root() event: Of<"DATA_SUBJECT_REQUEST">, @Ctx() ctx: Context) {
    // The query's own path (`dataSubjectRequest`): its row scope, then its fields' policy.
    return this.rights.get(requireViewer(ctx), event.requestId);
  }
}

@Resolver(() => InactivityNotice)
export class InactivityNoticeResolver {
  constructor(private readonly live: LiveService) {}

  @FieldResolver(() => Reminder, { nullable: true, description: "The reminder (REMINDER); null for an escalation." })
  reminder(@Root() event: Of<"REMINDER">) {
    return event.kind === "REMINDER" ? this.live.reminder(event.id) : null;
  }

  @FieldResolver(() => InactivityEscalation, { nullable: true, description: "The escalation (ESCALATION); null for a reminder." })
  escalation(@Root() event: Of<"REMINDER">) {
    return event.kind === "ESCALATION" ? this.live.escalation(event.id) : null;
  }
}
