import { Field, ID, InputType } from "type-graphql";
import { DateTimeScalar } from "../../graphql/scalars.js";

@InputType({ description: "Filters of the audit log; all given ones must match." })
export class AuditEventFilter {
  @Field(() => ID, { nullable: true, description: "Only events about this procedure." })
  procedureId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only events about this data subject." })
  dataSubjectId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only events of this user." })
  actorUserId?: string | null;

  @Field(() => String, { nullable: true, description: "Only events of this action (READ, CREATE, UPDATE, …)." })
  action?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Only events at or after this time." })
  occurredFrom?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Only events before this time (exclusive)." })
  occurredTo?: Date | null;
}
