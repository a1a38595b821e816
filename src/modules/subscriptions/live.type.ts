import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeScalar } from "../../graphql/scalars.js";
import { Message } from "../procedures/personal-data.type.js";
import { Procedure } from "../procedures/procedure.type.js";
import { InactivityEscalation } from "../retention/inactivity.type.js";
import { Reminder } from "../retention/retention.type.js";
import { DataSubjectRequest } from "../rights/rights.type.js";

export enum ProcedureEventKind {
  SENT = "SENT",
  FORWARDED = "FORWARDED",
  STATUS_CHANGED = "STATUS_CHANGED",
  MESSAGE_POSTED = "MESSAGE_POSTED",
}

export enum DataSubjectRequestEventKind {
  FILED = "FILED",
  ROUTED = "ROUTED",
  STATUS_CHANGED = "STATUS_CHANGED",
}

export enum InactivityNoticeKind {
  REMINDER = "REMINDER",
  ESCALATION = "ESCALATION",
}

registerEnumType(ProcedureEventKind, {
  name: "ProcedureEventKind",
  description: "What happened to a procedure your authority takes part in.",
  valuesConfig: {
    SENT: { description: "It was sent: it has reached the responders or recipients." },
    FORWARDED: { description: "It was forwarded to another authority (to yours, when you are told of it as a new participant)." },
    STATUS_CHANGED: { description: "Its status changed (accepted, answered, closed, closed by the system, …)." },
    MESSAGE_POSTED: { description: "A message was posted in it." },
  },
});
registerEnumType(DataSubjectRequestEventKind, {
  name: "DataSubjectRequestEventKind",
  description: "What happened to a data-subject request you may see.",
  valuesConfig: {
    FILED: { description: "It was filed (it reached the receiving authority)." },
    ROUTED: { description: "Its route or receiving authority changed, or it was escalated." },
    STATUS_CHANGED: { description: "Its status changed (decided, completed, …)." },
  },
});
registerEnumType(InactivityNoticeKind, {
  name: "InactivityNoticeKind",
  description: "A reminder or an escalation raised by the retention job (R-RETAIN-5).",
});

@ObjectType({
  description:
    "An event of a procedure your authority takes part in, delivered over WebSocket (graphql-ws). Its fields are decided " +
    "by the same policy as a query's: a message's content is null with FORBIDDEN and a reason when you may not read it.",
})
export class ProcedureEvent {
  @Field(() => ProcedureEventKind, { description: "What happened." })
  kind!: ProcedureEventKind;

  @Field(() => DateTimeScalar, { description: "When this server heard of it (after its transaction committed)." })
  at!: Date;

  @Field(() => ID, { description: "Id of the procedure." })
  procedureId!: string;

  @Field(() => Procedure, { description: "The procedure as it is now." })
  procedure!: Procedure;

  @Field(() => Message, { nullable: true, description: "The message posted (MESSAGE_POSTED); personal data: null with FORBIDDEN when withheld." })
  message!: Message | null;
}

@ObjectType({
  description:
    "An event of a data-subject request in your rows, delivered over WebSocket (graphql-ws). The citizen's identity and " +
    "words are shown as in a query: null with FORBIDDEN and a reason to those who see the request's metadata only.",
})
export class DataSubjectRequestEvent {
  @Field(() => DataSubjectRequestEventKind, { description: "What happened." })
  kind!: DataSubjectRequestEventKind;

  @Field(() => DateTimeScalar, { description: "When this server heard of it (after its transaction committed)." })
  at!: Date;

  @Field(() => ID, { description: "Id of the request." })
  requestId!: string;

  @Field(() => DataSubjectRequest, { description: "The request as it is now." })
  request!: DataSubjectRequest;
}

@ObjectType({ description: "A reminder to your authority or an escalation to your member state's coordinators (R-RETAIN-5), as it is raised." })
export class InactivityNotice {
  @Field(() => InactivityNoticeKind, { description: "Reminder or escalation." })
  kind!: InactivityNoticeKind;

  @Field(() => DateTimeScalar, { description: "When this server heard of it (after its transaction committed)." })
  at!: Date;

  @Field(() => ID, { description: "Id of the procedure concerned." })
  procedureId!: string;

  @Field(() => Reminder, { nullable: true, description: "The reminder (REMINDER); null for an escalation." })
  reminder!: Reminder | null;

  @Field(() => InactivityEscalation, { nullable: true, description: "The escalation (ESCALATION); null for a reminder." })
  escalation!: InactivityEscalation | null;
}
