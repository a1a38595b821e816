import { Field, ID, Int, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../../graphql/scalars.js";
import { LegalArea } from "../directory/legal-area.type.js";
import { AnswerType, QuestionSetStatus } from "./question-set.enums.js";

@ObjectType({ description: "A choice of a CHOICE question." })
export class QuestionChoice {
  @Field(() => String, { description: "Stable code: the answer's value." })
  code!: string;

  @Field(() => String, { description: "The label, in the `language` asked for or the request's Accept-Language." })
  label!: string;
}

@ObjectType({ description: "A question of a question set version. Its code is stable across versions." })
export class Question {
  @Field(() => ID, { description: "Id of this question in this version." })
  id!: string;

  @Field(() => String, { description: "Stable code (e.g. `PQ-DIPLOMA-AUTHENTIC`): answers and screens refer to it." })
  code!: string;

  @Field(() => Int, { description: "Its place in the set, from 1." })
  position!: number;

  @Field(() => AnswerType, { description: "How it is answered." })
  answerType!: AnswerType;

  @Field(() => Boolean, { description: "Whether the request counts as answered only once this question is." })
  required!: boolean;

  @Field(() => Boolean, {
    description: "Whether an answer may name a person. Every answer is protected as personal data all the same (the matrix's personal-data cells).",
  })
  mayContainPersonalData!: boolean;

  @Field(() => String, { description: "The wording, in the `language` asked for or the request's Accept-Language." })
  text!: string;

  @Field(() => [QuestionChoice], { description: "The choices of a CHOICE question; empty otherwise." })
  choices!: QuestionChoice[];
}

@ObjectType({ description: "One version of a question set of a legal area. Never changed once published; a retired version stays readable." })
export class QuestionSetVersion {
  @Field(() => ID, { description: "Id of this version: a request is created from it." })
  id!: string;

  @Field(() => String, { description: "Stable code of the set across its versions." })
  code!: string;

  @Field(() => Int, { description: "Version number, from 1." })
  version!: number;

  @Field(() => LegalArea, { description: "The legal area whose requests it serves." })
  legalArea!: LegalArea;

  @Field(() => String, { description: "The title, in the `language` asked for or the request's Accept-Language." })
  title!: string;

  @Field(() => QuestionSetStatus, { description: "Published or retired." })
  status!: QuestionSetStatus;

  @Field(() => DateTimeScalar, { description: "When the Commission published it." })
  publishedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it was retired, by the Commission or by a newer version." })
  retiredAt!: Date | null;

  @Field(() => [Question], { description: "Its questions, in order." })
  questions!: Question[];
}
