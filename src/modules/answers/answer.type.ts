import { Field, ID, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../../graphql/scalars.js";
import { Attachment } from "../attachments/attachment.type.js";
import { Authority } from "../directory/authority.type.js";
import { Question } from "../question-sets/question-set.type.js";

@ObjectType({ description: "The responder's answer to one question of the request's question set. Personal data, whatever the question." })
export class QuestionAnswer {
  @Field(() => ID, { description: "Stable id." })
  id!: string;

  @Field(() => String, { description: "The question's stable code." })
  questionCode!: string;

  @Field(() => Question, { description: "The question, as worded in the set version the request was created from." })
  question!: Question;

  @Field(() => String, { nullable: true, description: "The answer (see AnswerType); null for a DOCUMENT question." })
  value!: string | null;

  @Field(() => Attachment, { nullable: true, description: "A DOCUMENT question's attachment." })
  attachment!: Attachment | null;

  @Field(() => Authority, { description: "The authority that answered." })
  answeredBy!: Authority;

  @Field(() => DateTimeScalar, { description: "When it was answered (last, when answered again after a follow-up)." })
  answeredAt!: Date;
}
