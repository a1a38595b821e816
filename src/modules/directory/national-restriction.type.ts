import { Field, ID, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../../graphql/scalars.js";
import { ProcedureKind } from "../procedures/procedure.enums.js";

@ObjectType({ description: "A national exception to, or restriction of, data subjects' rights (§5, §8; R-NOTICE-2)." })
export class NationalRestriction {
  @Field(() => ID, { description: "Stable id." })
  id!: string;

  @Field(() => String, { description: "ISO 3166 alpha-2 code of the member state." })
  memberState!: string;

  @Field(() => String, { description: "Short title." })
  title!: string;

  @Field(() => String, { description: "What is restricted, for whom and when." })
  description!: string;

  @Field(() => String, { description: "The national provision it rests on." })
  legalReference!: string;

  @Field(() => [String], { description: "Rights it restricts: ACCESS, RECTIFICATION, ERASURE, INFORMATION." })
  rightsAffected!: string[];

  @Field(() => String, { nullable: true, description: "Only for this legal area (its procedures and the authorities registered in it); null: every area." })
  legalAreaCode!: string | null;

  @Field(() => ProcedureKind, { nullable: true, description: "Only for this kind of procedure; null: every kind." })
  procedureKind!: ProcedureKind | null;

  @Field(() => DateTimeScalar, { description: "When it was recorded (notified to the Commission)." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the Commission published it." })
  publishedAt!: Date | null;
}
