import { Arg, Ctx, Query, Resolver } from "type-graphql";
import { requireViewer, type Context } from "../../context.js";
import type { StatisticsService } from "./statistics.service.js";
import { PublicStatistics, StatisticsCell } from "./statistics.type.js";

@Resolver()
export class StatisticsResolver {
  constructor(private readonly statisticsService: StatisticsService) {}

  @Query(() => [StatisticsCell], {
    description:
      "Exact statistics per month, legal area and receiving member state (issue 18): the Commission all, a coordinator its " +
      "own state. Aggregates of metadata, never records. At most 60 months; by default the last 12.",
  })
  async statistics(
    @Arg("fromMonth", () => String, { nullable: true, description: "First month, YYYY-MM." }) fromMonth: string | null,
    @Arg("toMonth", () => String, { nullable: true, description: "Last month, YYYY-MM (default: this month)." }) toMonth: string | null,
    @Arg("memberState", () => String, { nullable: true, description: "Only this receiving state." }) memberState: string | null,
    @Arg("legalAreaCode", () => String, { nullable: true, description: "Only this legal area." }) legalAreaCode: string | null,
    @Ctx() ctx: Context,
  ) {
    const rows = await this.statisticsService.statistics(requireViewer(ctx), { fromMonth, toMonth }, memberState ?? null, legalAreaCode ?? null);
    return rows.map((r) => ({ ...r, acceptedWithin7DaysShare: r.requestsSent > 0 ? r.acceptedWithin7Days / r.requestsSent : null }));
  }

  @Query(() => PublicStatistics, {
    description: "Public statistics, without logging in (issue 18): small counts suppressed and others rounded. Also at /statistics.",
  })
  publicStatistics(
    @Arg("fromMonth", () => String, { nullable: true, description: "First month, YYYY-MM." }) fromMonth: string | null,
    @Arg("toMonth", () => String, {
      nullable: true,
      description: "Last month, YYYY-MM (default, and at the latest: the last closed month; the current month is never public).",
    })
    toMonth: string | null,
  ) {
    return this.statisticsService.publicStatistics({ fromMonth, toMonth });
  }
}
