import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context.js";
import { PASSWORD_RULE } from "../../auth/password.js";
import { Enrolment } from "../users/user.type.js";
import type { AuthService } from "./auth.service.js";
import type { EnrolmentService } from "./enrolment.service.js";
import { Session } from "./session.type.js";

@Resolver()
export class SessionResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly enrolment: EnrolmentService,
  ) {}

  @Mutation(() => Session, { description: "Logs in with password and security code (R-SEC-1); each code is accepted once. The same error for every failure, except a code already used." })
  login(
    @Arg("email", () => String, { description: "The user's e-mail address." }) email: string,
    @Arg("password", () => String, { description: "The user's password." }) password: string,
    @Arg("securityCode", () => String, { description: "The 6-digit code of the user's authenticator (TOTP)." }) securityCode: string,
    @Ctx() ctx: Context,
  ) {
    return this.auth.login(email, password, securityCode, ctx.clientAddress ?? null);
  }

  @Mutation(() => Enrolment, {
    description:
      "Enrols a user created by createUser (R-SEC-1), without a token: with the enrolment code mailed to its address it sets its own password " +
      "(12 to 200 characters as a person sees them, see the password argument) and receives its security-code secret, shown only now. Then it logs in as usual. One answer " +
      "(UNAUTHENTICATED) for a wrong, used or expired code and an unknown e-mail; rate-limited like login.",
  })
  enrolUser(
    @Arg("email", () => String, { description: "The user's e-mail address." }) email: string,
    @Arg("enrolmentCode", () => String, { description: "The code from the enrolment mail (case, spaces and hyphens do not matter)." }) enrolmentCode: string,
    @Arg("password", () => String, { description: PASSWORD_RULE }) password: string,
    @Ctx() ctx: Context,
  ) {
    return this.enrolment.enrol(email, enrolmentCode, password, ctx.audit, ctx.clientAddress ?? null);
  }
}
