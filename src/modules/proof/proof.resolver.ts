import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { Language } from "../../i18n/language.enum.js";
import { textLanguage } from "../../i18n/text-language.js";
import type { ExchangeReportContentData } from "./exchange-report.payload.js";
import { ExchangeReport, ExchangeReportAnswer, ExchangeReportVerification } from "./exchange-report.type.js";
import type { ProofService } from "./proof.service.js";

@Resolver()
export class ProofResolver {
  constructor(private readonly proofService: ProofService) {}

  @Query(() => ExchangeReport, {
    description:
      "A digitally signed report of a procedure's exchange (R-PROOF-1), for the case handlers of its initiator and of " +
      "participants that accepted: NOT_FOUND when the procedure is not yours to see, FORBIDDEN (with a reason) when " +
      "you may see it but not its personal data. The report carries personal data; reading it is audited.",
  })
  exchangeReport(@Arg("procedureId", () => ID, { description: "Id of the procedure." }) procedureId: string, @Ctx() ctx: Context) {
    return this.proofService.issue(ctx, procedureId);
  }

  @Query(() => ExchangeReportVerification, {
    description:
      "Checks an exchange report's signature against this server's current and still-trusted public keys and, when " +
      "intact, returns what it says. Needs no login: anyone holding a report can verify it. Never fails: an altered " +
      "or foreign report answers valid false with the problem.",
  })
  verifyExchangeReport(@Arg("report", () => String, { description: "The report's compact JWS, as `exchangeReport` returned it." }) report: string) {
    return this.proofService.verify(report);
  }
}

/** One language of a signed question's wording, like `Question.text`: the report itself holds them all. */
@Resolver(() => ExchangeReportAnswer)
export class ExchangeReportAnswerResolver {
  @FieldResolver(() => String, { description: "The question's wording, in the `language` asked for or the request's Accept-Language (English when nothing matches)." })
  questionText(
    @Root() answer: NonNullable<ExchangeReportContentData["answers"]>[number],
    @Arg("language", () => Language, { nullable: true, description: "The language of the text; the request's Accept-Language when left out." })
    language: Language | null,
    @Ctx() ctx: Context,
  ) {
    return answer.questionWording[textLanguage(ctx, language)];
  }
}
