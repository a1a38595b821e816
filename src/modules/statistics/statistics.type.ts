import { Field, Float, Int, ObjectType } from "type-graphql";

@ObjectType({
  description:
    "Exact figures of one month (UTC), legal area and member state of the receiving authorities, from procedure metadata " +
    "(the shells kept for statistics, R-RETAIN-3). Requests are REQUEST and SOLVIT_CASE procedures; a forwarded one counts " +
    "where it now is.",
})
export class StatisticsCell {
  @Field(() => String, { description: "The month the procedures were sent, YYYY-MM (UTC)." })
  month!: string;

  @Field(() => String, { description: "Code of the legal area." })
  legalAreaCode!: string;

  @Field(() => String, { description: "Member state (ISO 3166 alpha-2) of the authorities they were sent to." })
  memberState!: string;

  @Field(() => Int, { description: "Requests sent to authorities of the state." })
  requestsSent!: number;

  @Field(() => Int, { description: "Of those, accepted within 7 days of being sent." })
  acceptedWithin7Days!: number;

  @Field(() => Float, { nullable: true, description: "acceptedWithin7Days / requestsSent; null without requests." })
  acceptedWithin7DaysShare!: number | null;

  @Field(() => Float, { nullable: true, description: "Median days from sending to the first acceptance; null when none was accepted." })
  medianDaysToAccept!: number | null;

  @Field(() => Float, { nullable: true, description: "Median days from sending to the first answer; null when none was answered." })
  medianDaysToAnswer!: number | null;

  @Field(() => Int, { description: "Procedures of any kind of the cell closed formally (by now)." })
  closed!: number;

  @Field(() => Int, { description: "Of the cell's procedures, those whose personal data is blocked (R-RETAIN-1)." })
  blocked!: number;

  @Field(() => Int, { description: "Of the cell's procedures, those whose personal data is deleted (R-RETAIN-3, R-RETAIN-6)." })
  deleted!: number;

  @Field(() => Int, { description: "Alerts sent to authorities of the state." })
  alertsSent!: number;
}

@ObjectType({
  description:
    "Public figures of one month, legal area and member state (or all states, memberState null). Counts under 5 read \"<5\", " +
    "others are rounded to a multiple of 5; a share needs 5 or more on both sides, a median 5 or more values (docs/statistics.md).",
})
export class PublicStatisticsCell {
  @Field(() => String, { description: "YYYY-MM (UTC)." })
  month!: string;

  @Field(() => String, { description: "Code of the legal area." })
  legalAreaCode!: string;

  @Field(() => String, { nullable: true, description: "Member state of the receiving authorities; null for the total over all states." })
  memberState!: string | null;

  @Field(() => String, { description: "Requests sent: \"<5\" or a multiple of 5." })
  requestsSent!: string;

  @Field(() => Float, { nullable: true, description: "Share accepted within 7 days, to the nearest 0.1; null when withheld." })
  acceptedWithin7DaysShare!: number | null;

  @Field(() => Int, { nullable: true, description: "Median whole days to accept; null when withheld (fewer than 5)." })
  medianDaysToAccept!: number | null;

  @Field(() => Int, { nullable: true, description: "Median whole days to answer; null when withheld (fewer than 5)." })
  medianDaysToAnswer!: number | null;

  @Field(() => String, { description: "Closed: \"<5\" or a multiple of 5." })
  closed!: string;

  @Field(() => String, { description: "Blocked: \"<5\" or a multiple of 5." })
  blocked!: string;

  @Field(() => String, { description: "Deleted: \"<5\" or a multiple of 5." })
  deleted!: string;

  @Field(() => String, { description: "Alerts sent: \"<5\" or a multiple of 5." })
  alertsSent!: string;
}

@ObjectType({ description: "The public statistics of a range of months (issue 18): per state, and per month and area over all states." })
export class PublicStatistics {
  @Field(() => String, { description: "First month, YYYY-MM." })
  fromMonth!: string;

  @Field(() => String, { description: "Last month, YYYY-MM." })
  toMonth!: string;

  @Field(() => [PublicStatisticsCell], { description: "Per month, legal area and member state." })
  cells!: PublicStatisticsCell[];

  @Field(() => [PublicStatisticsCell], { description: "Per month and legal area, over all member states (memberState null)." })
  totals!: PublicStatisticsCell[];
}
