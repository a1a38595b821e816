import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { requireViewer, type Context } from "../../context.js";
import type { QuestionChoiceRow, Wording } from "../../db/schema/index.js";
import { textLanguage } from "../../i18n/text-language.js";
import { LegalArea } from "../directory/legal-area.type.js";
import type { ProcedureRow } from "../procedures/procedure.repository.js";
import { Procedure } from "../procedures/procedure.type.js";
import { Language } from "../../i18n/language.enum.js";
import { PublishQuestionSetInput } from "./question-set.input.js";
import type { QuestionRow, QuestionSetVersionRow } from "./question-set.repository.js";
import type { QuestionSetService } from "./question-set.service.js";
import { Question, QuestionChoice, QuestionSetVersion } from "./question-set.type.js";

const languageArg = { nullable: true, description: "The language of the text; the request's Accept-Language when left out (English when nothing matches)." } as const;

@Resolver()
export class QuestionSetResolver {
  constructor(private readonly catalogue: QuestionSetService) {}

  @Query(() => [QuestionSetVersion], { description: "The question sets requests are created from, by legal area and code, newest version first." })
  questionSets(
    @Arg("legalAreaCode", () => String, { nullable: true, description: "Only the sets of this legal area." }) legalAreaCode: string | null,
    @Arg("includeRetired", () => Boolean, { defaultValue: false, description: "Also retired versions (readable for the procedures created from them)." })
    includeRetired: boolean,
    @Ctx() ctx: Context,
  ) {
    requireViewer(ctx);
    return this.catalogue.list(legalAreaCode, includeRetired);
  }

  @Query(() => QuestionSetVersion, { nullable: true, description: "One question set version, published or retired; NOT_FOUND when there is none." })
  questionSetVersion(@Arg("id", () => ID, { description: "Id of the version." }) id: string, @Ctx() ctx: Context) {
    requireViewer(ctx);
    return this.catalogue.get(id);
  }

  @Mutation(() => QuestionSetVersion, {
    description: "Publishes a question set: its first version, or the next version of a code, which retires the one before (Commission).",
  })
  publishQuestionSet(@Arg("input", () => PublishQuestionSetInput, { description: "The set." }) input: PublishQuestionSetInput, @Ctx() ctx: Context) {
    return this.catalogue.publish(requireViewer(ctx), input);
  }

  @Mutation(() => QuestionSetVersion, {
    description: "Retires a version: no new requests are created from it; the procedures created from it keep reading it (Commission).",
  })
  retireQuestionSetVersion(@Arg("id", () => ID, { description: "Id of the version." }) id: string, @Ctx() ctx: Context) {
    return this.catalogue.retire(requireViewer(ctx), id);
  }
}

@Resolver(() => QuestionSetVersion)
export class QuestionSetVersionResolver {
  @FieldResolver(() => LegalArea, { description: "The legal area whose requests it serves." })
  legalArea(@Root() version: QuestionSetVersionRow, @Ctx() ctx: Context) {
    return ctx.loaders.legalArea.load(version.legalAreaCode);
  }

  @FieldResolver(() => String, { description: "The title, in the `language` asked for or the request's Accept-Language." })
  title(@Root() version: QuestionSetVersionRow, @Arg("language", () => Language, languageArg) language: Language | null, @Ctx() ctx: Context) {
    return version.title[textLanguage(ctx, language)];
  }

  @FieldResolver(() => [Question], { description: "Its questions, in order." })
  questions(@Root() version: QuestionSetVersionRow, @Ctx() ctx: Context) {
    return ctx.loaders.questionsOfSet.load(version.id);
  }
}

@Resolver(() => Question)
export class QuestionResolver {
  @FieldResolver(() => String, { description: "The wording, in the `language` asked for or the request's Accept-Language." })
  text(@Root() question: QuestionRow, @Arg("language", () => Language, languageArg) language: Language | null, @Ctx() ctx: Context) {
    return question.wording[textLanguage(ctx, language)];
  }

  @FieldResolver(() => [QuestionChoice], { description: "The choices of a CHOICE question; empty otherwise." })
  choices(@Root() question: QuestionRow) {
    return question.choices;
  }
}

@Resolver(() => QuestionChoice)
export class QuestionChoiceResolver {
  @FieldResolver(() => String, { description: "The label, in the `language` asked for or the request's Accept-Language." })
  label(@Root() choice: QuestionChoiceRow, @Arg("language", () => Language, languageArg) language: Language | null, @Ctx() ctx: Context) {
    return (choice.label as Wording)[textLanguage(ctx, language)];
  }
}

/** The set a request was created from: reference data, shown with the procedure's metadata. */
@Resolver(() => Procedure)
export class ProcedureQuestionSetResolver {
  @FieldResolver(() => QuestionSetVersion, { nullable: true, description: "The question set version it was created from, if any (retired ones too)." })
  async questionSet(@Root() procedure: ProcedureRow, @Ctx() ctx: Context) {
    const link = await ctx.loaders.procedureQuestionSet.load(procedure.id);
    return link ? ctx.loaders.questionSetVersion.load(link.questionSetVersionId) : null;
  }
}
