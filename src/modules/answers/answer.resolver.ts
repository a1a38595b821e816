import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, ID, Info, Mutation, Resolver, Root } from "type-graphql";
import { requireViewer, type Context } from "../../context.js";
import { groundOf, situationOf } from "../../auth/procedure-situation.js";
import { selectedFields } from "../../graphql/selection.js";
import { Attachment } from "../attachments/attachment.type.js";
import { Authority } from "../directory/authority.type.js";
import type { ProcedureRow } from "../procedures/procedure.repository.js";
import { Procedure } from "../procedures/procedure.type.js";
import { Question } from "../question-sets/question-set.type.js";
import { AnswerQuestionInput } from "./answer.input.js";
import type { QuestionAnswerRow } from "./answer.repository.js";
import type { AnswerService } from "./answer.service.js";
import { QuestionAnswer } from "./answer.type.js";

@Resolver()
export class AnswerResolver {
  constructor(private readonly answers: AnswerService) {}

  @Mutation(() => QuestionAnswer, {
    description:
      "Answers one question of the request's question set (the responder, once it accepted). Answering again replaces the answer; when every required question is answered the request is ANSWERED.",
  })
  answerQuestion(
    @Arg("procedureId", () => ID, { description: "Id of the procedure." }) procedureId: string,
    @Arg("input", () => AnswerQuestionInput, { description: "The question and its answer." }) input: AnswerQuestionInput,
    @Ctx() ctx: Context,
  ) {
    return this.answers.answer(requireViewer(ctx), procedureId, input, ctx.audit);
  }
}

/** `Procedure.answers`: shield has decided (the personalData cells); the read is audited here (R-SEC-2). */
@Resolver(() => Procedure)
export class ProcedureAnswersResolver {
  @FieldResolver(() => [QuestionAnswer], { nullable: true, description: "Answers to its question set, in the set's order. Personal data: null with a FORBIDDEN error when withheld." })
  async answers(@Root() procedure: ProcedureRow, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const rows = await ctx.loaders.answers.load(procedure.id);
    if (rows.length > 0) {
      const ground = groundOf(await situationOf(ctx, procedure));
      ctx.audit.read({ procedureId: procedure.id, fields: selectedFields(info).map((field) => `QuestionAnswer.${field}`), ground });
    }
    return rows;
  }
}

@Resolver(() => QuestionAnswer)
export class QuestionAnswerResolver {
  @FieldResolver(() => String, { description: "The question's stable code." })
  async questionCode(@Root() answer: QuestionAnswerRow, @Ctx() ctx: Context) {
    return (await ctx.loaders.question.load(answer.questionId))?.code ?? "";
  }

  @FieldResolver(() => Question, { description: "The question, as worded in the set version the request was created from." })
  question(@Root() answer: QuestionAnswerRow, @Ctx() ctx: Context) {
    return ctx.loaders.question.load(answer.questionId);
  }

  @FieldResolver(() => Attachment, { nullable: true, description: "A DOCUMENT question's attachment." })
  attachment(@Root() answer: QuestionAnswerRow, @Ctx() ctx: Context) {
    return answer.attachmentId ? ctx.loaders.attachment.load(answer.attachmentId) : null;
  }

  @FieldResolver(() => Authority, { description: "The authority that answered." })
  answeredBy(@Root() answer: QuestionAnswerRow, @Ctx() ctx: Context) {
    return ctx.loaders.authority.load(answer.answeredByAuthorityId);
  }
}
