import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Connection } from "../../graphql/connection.js";
import { DateTimeScalar } from "../../graphql/scalars.js";
import { Authority } from "../directory/authority.type.js";
import { Procedure } from "../procedures/procedure.type.js";
import { Reminder } from "./retention.type.js";

export enum EscalationResolution {
  ACTIVITY = "ACTIVITY",
  JUSTIFIED = "JUSTIFIED",
  CLOSED = "CLOSED",
}

registerEnumType(EscalationResolution, {
  name: "EscalationResolution",
  description: "Why a procedure stopped being brought to the coordinators (R-RETAIN-5).",
  valuesConfig: {
    ACTIVITY: { description: "The procedure became active again." },
    JUSTIFIED: { description: "A participating case handler recorded why it is inactive (`justifyInactivity`)." },
    CLOSED: { description: "It was closed formally, by its initiator or by the system (R-RETAIN-7)." },
  },
});

@ObjectType({
  description:
    "A procedure inactive for more than 2 months without justification, brought by the retention job to the coordinators " +
    "of one member state taking part in it (R-RETAIN-5): the initiator's and each responder's or recipient's. Metadata only. " +
    "Resolved by new activity, a justification or closure.",
})
export class InactivityEscalation {
  @Field(() => ID, { description: "Stable id." })
  id!: string;

  @Field(() => Procedure, { description: "The procedure left inactive." })
  procedure!: Procedure;

  @Field(() => String, { description: "The member state (ISO 3166 alpha-2) whose coordinators it was brought to." })
  memberState!: string;

  @Field(() => DateTimeScalar, { description: "The procedure's last activity when it was brought to the coordinators." })
  inactiveSince!: Date;

  @Field(() => DateTimeScalar, { description: "When the retention job brought it (the run's as-of time)." })
  raisedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it was resolved; null while open." })
  resolvedAt!: Date | null;

  @Field(() => EscalationResolution, { nullable: true, description: "Why it was resolved; null while open." })
  resolution!: EscalationResolution | null;

  @Field(() => [Reminder], { description: "The reminders raised for the procedure (R-RETAIN-5), newest first." })
  reminders!: Reminder[];
}

@ObjectType({ description: "A page of procedures brought to the coordinators, newest first." })
export class InactivityEscalationConnection extends Connection(InactivityEscalation, "InactivityEscalation") {}

@ObjectType({
  description:
    "Why a procedure is inactive, recorded by a case handler of an authority taking part (R-RETAIN-5). It stops the " +
    "escalation to the coordinators until the procedure's next activity; it does not stop the closure by the system " +
    "after the legal area's inactivity period (R-RETAIN-7).",
})
export class InactivityJustification {
  @Field(() => ID, { description: "Stable id." })
  id!: string;

  @Field(() => Procedure, { description: "The procedure." })
  procedure!: Procedure;

  @Field(() => Authority, { description: "The authority whose case handler recorded it." })
  authority!: Authority;

  @Field(() => String, { description: "The reason, as written; free text, shown like the procedure's justification." })
  justification!: string;

  @Field(() => DateTimeScalar, { description: "When it was recorded." })
  recordedAt!: Date;
}
