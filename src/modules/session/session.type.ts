import { Field, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../../graphql/scalars.js";
import { User } from "../users/user.type.js";

@ObjectType({ description: "A logged-in session: send the token as `Authorization: Bearer <token>`." })
export class Session {
  @Field(() => String, { description: "Signed, short-lived token (JWT)." })
  token!: string;

  @Field(() => DateTimeScalar, { description: "When the token stops working; log in again then." })
  expiresAt!: Date;

  @Field(() => User, { description: "The logged-in user." })
  user!: User;
}
