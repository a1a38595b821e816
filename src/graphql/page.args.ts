import { ArgsType, Field, Int } from "type-graphql";

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: "Page size, 1 to 100; 20 when left out." })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Cursor after which the page starts (`pageInfo.endCursor`)." })
  after?: string | null;
}
