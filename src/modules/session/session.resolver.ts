import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context.js";
import type { AuthService } from "./auth.service.js";
import { Session } from "./session.type.js";

@Resolver()
export class SessionResolver {
  constructor(private readonly auth: AuthService) {}

  @Mutation(() => Session, { description: "Logs in with password and security code (R-SEC-1); each code is accepted once. The same error for every failure, except a code already used." })
  login(
    @Arg("email", () => String, { description: "The user's e-mail address." }) email: string,
    @Arg("password", () => String, { description: "The user's password." }) password: string,
    @Arg("securityCode", () => String, { description: "The 6-digit code of the user's authenticator (TOTP)." }) securityCode: string,
    @Ctx() ctx: Context,
  ) {
    return this.auth.login(email, password, securityCode, ctx.clientAddress ?? null);
  }
}
