import { ArrayMaxSize, IsOptional, Length, Matches, ValidateNested } from "class-validator";
import { Field, InputType } from "type-graphql";
import { NotBlank } from "../../graphql/validators.js";
import { AnswerType } from "./question-set.enums.js";

const CODE = /^[A-Z0-9][A-Z0-9_-]{0,63}$/;
const CODE_MESSAGE = { message: "A code has 1 to 64 characters: capital letters, digits, _ and -." };

@InputType({ description: "A text in each of the four languages." })
export class WordingInput {
  @Field(() => String, { description: "Danish." })
  @Length(1, 2000)
  @NotBlank()
  da!: string;

  @Field(() => String, { description: "German." })
  @Length(1, 2000)
  @NotBlank()
  de!: string;

  @Field(() => String, { description: "French." })
  @Length(1, 2000)
  @NotBlank()
  fr!: string;

  @Field(() => String, { description: "English." })
  @Length(1, 2000)
  @NotBlank()
  en!: string;
}

@InputType({ description: "A choice of a CHOICE question." })
export class QuestionChoiceInput {
  @Field(() => String, { description: "Stable code: the answer's value." })
  @Matches(CODE, CODE_MESSAGE)
  code!: string;

  @Field(() => WordingInput, { description: "Its label in every language." })
  @ValidateNested()
  label!: WordingInput;
}

@InputType({ description: "A question of a new question set version." })
export class QuestionInput {
  @Field(() => String, { description: "Stable code: keep it across versions for the same question." })
  @Matches(CODE, CODE_MESSAGE)
  code!: string;

  @Field(() => AnswerType, { description: "How it is answered." })
  answerType!: AnswerType;

  @Field(() => Boolean, { defaultValue: true, description: "Whether the request counts as answered only once this question is." })
  required!: boolean;

  @Field(() => Boolean, { description: "Whether an answer may name a person." })
  mayContainPersonalData!: boolean;

  @Field(() => WordingInput, { description: "Its wording in every language." })
  @ValidateNested()
  wording!: WordingInput;

  @Field(() => [QuestionChoiceInput], { nullable: true, description: "The choices of a CHOICE question (2 to 50); none for other types." })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  choices?: QuestionChoiceInput[] | null;
}

@InputType({ description: "A new version of a question set (the first one, or the next of an existing code)." })
export class PublishQuestionSetInput {
  @Field(() => String, { description: "Stable code of the set; a code already published gets its next version." })
  @Matches(CODE, CODE_MESSAGE)
  code!: string;

  @Field(() => String, { description: "The legal area whose requests it serves." })
  legalAreaCode!: string;

  @Field(() => WordingInput, { description: "Its title in every language." })
  @ValidateNested()
  title!: WordingInput;

  @Field(() => [QuestionInput], { description: "Its questions, in order (1 to 200)." })
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  questions!: QuestionInput[];
}
