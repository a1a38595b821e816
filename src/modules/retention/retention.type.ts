import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Connection } from "../../graphql/connection.js";
import { DateTimeScalar } from "../../graphql/scalars.js";
import { Authority } from "../directory/authority.type.js";
import { LegalArea } from "../directory/legal-area.type.js";
import { Procedure } from "../procedures/procedure.type.js";

@ObjectType({
  description:
    "One run of the retention job (SPEC \"Retention job\"), scheduled or started with `runRetention`: as of which time, " +
    "dry or not, and what each step did. Counts are committed with each batch, so a run that was killed still says " +
    "exactly what it did.",
})
export class RetentionRun {
  @Field(() => ID, { description: "Stable id." })
  id!: string;

  @Field(() => DateTimeScalar, { description: "The instant the rules were applied at: every period is measured up to it." })
  asOf!: Date;

  @Field(() => Boolean, { description: "True when the run only counted what it would do and changed nothing." })
  dryRun!: boolean;

  @Field(() => DateTimeScalar, { description: "When the run started." })
  startedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it ended; null while it runs, or if its runner died." })
  finishedAt!: Date | null;

  @Field(() => Int, { description: "Procedures whose personal data was blocked (R-RETAIN-1, except R-RETAIN-2)." })
  proceduresBlocked!: number;

  @Field(() => Int, { description: "Procedures whose personal data was deleted 3 years after closure (R-RETAIN-3)." })
  proceduresDeleted!: number;

  @Field(() => Int, { description: "Deactivated users whose contact data was blocked (R-USER-1)." })
  usersBlocked!: number;

  @Field(() => Int, { description: "Users whose contact data was deleted 3 years after deactivation (R-USER-1)." })
  usersDeleted!: number;

  @Field(() => Int, { description: "Approved early-deletion requests carried out and completed (R-RETAIN-6)." })
  earlyDeletions!: number;

  @Field(() => Int, {
    description:
      "Approved early-deletion requests left undone because they lack the data subject's consent reference, the legal " +
      "basis or the procedure (R-RETAIN-6); they stay APPROVED until corrected.",
  })
  earlyDeletionsRefused!: number;

  @Field(() => Int, { description: "Reminders raised for procedures left open (R-RETAIN-5)." })
  remindersRaised!: number;

  @Field(() => Int, { description: "Open reminders resolved because their procedure was closed or became active again (R-RETAIN-5)." })
  remindersResolved!: number;

  @Field(() => Int, {
    description: "Procedures brought to their coordinators after more than 2 months without activity or justification (R-RETAIN-5).",
  })
  proceduresEscalated!: number;

  @Field(() => Int, {
    description:
      "Escalations to coordinators (one per procedure and member state) resolved because the procedure became active again, " +
      "was justified or was closed by a user (R-RETAIN-5); those of procedures the run closed itself are not counted here.",
  })
  escalationsResolved!: number;

  @Field(() => Int, {
    description: "Procedures the system closed formally after their legal area's inactivity period (R-RETAIN-7).",
  })
  proceduresClosedForInactivity!: number;

  @Field(() => Int, { nullable: true, description: "How long the run took, in milliseconds; null until it ends." })
  durationMs!: number | null;

  @Field(() => String, { nullable: true, description: "Why the run stopped early, if it did (failure, shutdown, abandoned runner)." })
  error!: string | null;

  @Field(() => Boolean, { description: "True when the schedule started it; false when a user did (`runRetention`)." })
  scheduled!: boolean;
}

@ObjectType({ description: "A page of retention runs, newest first." })
export class RetentionRunConnection extends Connection(RetentionRun, "RetentionRun") {}

@ObjectType({ description: "What the retention job would block and delete by a date in one legal area for one initiating authority." })
export class RetentionPreviewGroup {
  @Field(() => LegalArea, { description: "The legal area." })
  legalArea!: LegalArea;

  @Field(() => Authority, { description: "The initiating authority of the procedures." })
  authority!: Authority;

  @Field(() => Int, { description: "Procedures whose personal data would be blocked (R-RETAIN-1)." })
  proceduresToBlock!: number;

  @Field(() => Int, { description: "Procedures whose personal data would be deleted (R-RETAIN-3)." })
  proceduresToDelete!: number;
}

@ObjectType({ description: "What a retention run as of a date would do. Nothing is changed or recorded." })
export class RetentionPreview {
  @Field(() => DateTimeScalar, { description: "The date asked about." })
  asOf!: Date;

  @Field(() => Int, { description: "Procedures whose personal data would be blocked (R-RETAIN-1, R-RETAIN-2)." })
  proceduresToBlock!: number;

  @Field(() => Int, { description: "Procedures whose personal data would be deleted (R-RETAIN-3)." })
  proceduresToDelete!: number;

  @Field(() => Int, { description: "Deactivated users whose contact data would be blocked (R-USER-1)." })
  usersToBlock!: number;

  @Field(() => Int, { description: "Users whose contact data would be deleted (R-USER-1)." })
  usersToDelete!: number;

  @Field(() => Int, { description: "Approved early deletions that would be carried out (R-RETAIN-6)." })
  earlyDeletions!: number;

  @Field(() => Int, { description: "Approved early deletions that would be refused for want of consent or legal basis (R-RETAIN-6)." })
  earlyDeletionsRefused!: number;

  @Field(() => Int, { description: "Reminders that would be raised (R-RETAIN-5)." })
  remindersToRaise!: number;

  @Field(() => Int, { description: "Procedures that would be brought to their coordinators (R-RETAIN-5)." })
  proceduresToEscalate!: number;

  @Field(() => Int, {
    description:
      "Procedures the system would close formally for inactivity (R-RETAIN-7). Their blocking and deletion, which the same run " +
      "would then apply, are not in proceduresToBlock and proceduresToDelete.",
  })
  proceduresToCloseForInactivity!: number;

  @Field(() => [RetentionPreviewGroup], { description: "Blocking and deletion per legal area and initiating authority." })
  byLegalAreaAndAuthority!: RetentionPreviewGroup[];
}

export enum ReminderKind {
  LEFT_OPEN = "LEFT_OPEN",
}

registerEnumType(ReminderKind, {
  name: "ReminderKind",
  description: "Why a reminder was raised.",
  valuesConfig: { LEFT_OPEN: { description: "The procedure is still open without activity: close it formally (R-RETAIN-5)." } },
});

@ObjectType({
  description:
    "A reminder to the initiating authority that a procedure is left open (R-RETAIN-5): close it formally as soon as " +
    "possible, since retention periods run only from formal closure. Resolved when it is closed or active again.",
})
export class Reminder {
  @Field(() => ID, { description: "Stable id." })
  id!: string;

  @Field(() => ReminderKind, { description: "Why it was raised." })
  kind!: ReminderKind;

  @Field(() => Procedure, { description: "The procedure left open." })
  procedure!: Procedure;

  @Field(() => Authority, { description: "The authority reminded: the procedure's initiator." })
  authority!: Authority;

  @Field(() => DateTimeScalar, { description: "When the retention job raised it." })
  raisedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it was resolved; null while open." })
  resolvedAt!: Date | null;
}

@ObjectType({ description: "A page of reminders, newest first." })
export class ReminderConnection extends Connection(Reminder, "Reminder") {}
