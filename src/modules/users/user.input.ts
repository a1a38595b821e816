import { ArrayMaxSize, ArrayMinSize, Length } from "class-validator";
import { IsEmailAddress, NotBlank } from "../../graphql/validators.js";
import { Field, ID, InputType } from "type-graphql";
import { Role } from "./user.type.js";

@InputType({ description: "Filters of the user list." })
export class UserFilter {
  @Field(() => ID, { nullable: true, description: "Only users of this authority." })
  authorityId?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Only active (true) or deactivated (false) users." })
  active?: boolean | null;
}

@InputType({
  description:
    "A new user. It has no password yet: it enrols itself with the code mailed to its e-mail address (enrolUser), so that its creator never holds its credentials (R-SEC-1).",
})
export class CreateUserInput {
  @Field(() => ID, { description: "The authority the user belongs to." })
  authorityId!: string;

  @Field(() => String, { description: "Full name." })
  @Length(2, 200)
  @NotBlank()
  name!: string;

  @Field(() => String, {
    description:
      "E-mail address, also the login; one mailbox, one account. A plain address only (name@authority.example: ASCII letters, digits and . _ - ' + before the @, LDH labels after it, an internationalised domain in its xn-- form; no quotes, comments, IP literals, spaces or invisible characters), stored in lowercase.",
  })
  @IsEmailAddress()
  email!: string;

  @Field(() => [Role], { description: "Roles to grant." })
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  roles!: Role[];
}
