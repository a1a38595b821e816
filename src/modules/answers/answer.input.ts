import { IsOptional, Length, Matches } from "class-validator";
import { Field, ID, InputType } from "type-graphql";

@InputType({ description: "The answer to one question of the procedure's question set." })
export class AnswerQuestionInput {
  @Field(() => String, { description: "The question's stable code." })
  @Matches(/^[A-Z0-9][A-Z0-9_-]{0,63}$/, { message: "questionCode is a question's code" })
  questionCode!: string;

  @Field(() => String, {
    nullable: true,
    description: "The answer: YES_NO `YES` or `NO`; CHOICE a choice's code; DATE `YYYY-MM-DD`; TEXT the text. None for a DOCUMENT question.",
  })
  @IsOptional()
  @Length(1, 20000)
  value?: string | null;

  @Field(() => ID, { nullable: true, description: "A DOCUMENT question's answer: an attachment of this procedure (uploaded at POST /attachments)." })
  @IsOptional()
  attachmentId?: string | null;
}
