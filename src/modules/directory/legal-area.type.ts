import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "An act of the IMI Regulation's annex under which procedures run (§1). Data, not an enum: the list changes." })
export class LegalArea {
  @Field(() => String, { description: "Stable code, e.g. `SERVICES` or `SOLVIT`." })
  code!: string;

  @Field(() => String, { description: "Name of the area." })
  name!: string;

  @Field(() => String, { description: "The act it rests on, e.g. `Directive 2006/123/EC`." })
  actReference!: string;

  @Field(() => Boolean, { description: "Whether new procedures may be created in it (R-PURPOSE-1)." })
  enabled!: boolean;

  @Field(() => Int, { description: "Months after formal closure until personal data is blocked (R-RETAIN-1)." })
  blockingPeriodMonths!: number;

  @Field(() => Boolean, { description: "Whether a procedure needs the data subject's consent reference (R-CONSENT-1)." })
  consentRequired!: boolean;

  @Field(() => Boolean, { description: "Whether closed alerts stay visible until deletion instead of being blocked (R-RETAIN-2)." })
  closedAlertsStayVisible!: boolean;
}
