import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { ROLES } from "../../auth/viewer.js";
import { Connection } from "../../graphql/connection.js";
import { DateTimeScalar } from "../../graphql/scalars.js";
import { Authority } from "../directory/authority.type.js";

export enum Role {
  COMMISSION = "COMMISSION",
  COORDINATOR = "COORDINATOR",
  LOCAL_ADMIN = "LOCAL_ADMIN",
  CASE_HANDLER = "CASE_HANDLER",
  PORTAL = "PORTAL",
  SUPERVISOR = "SUPERVISOR",
}
// The GraphQL enum and the database enum must not drift apart.
if (Object.values(Role).join() !== ROLES.join()) throw new Error("Role enum out of step with auth/viewer.ts");

registerEnumType(Role, {
  name: "Role",
  description: "What a user may do; a user holds one or more.",
  valuesConfig: {
    COMMISSION: { description: "The Commission's IMI helpdesk: the whole system; personal data only through recorded routes." },
    COORDINATOR: { description: "A national IMI coordinator: the authorities and users of one member state (§12)." },
    LOCAL_ADMIN: { description: "Manages the users of one authority." },
    CASE_HANDLER: { description: "Works the procedures of one authority." },
    PORTAL: { description: "A national portal's service account acting for citizens: only what it filed itself." },
    SUPERVISOR: {
      description:
        "A supervisory authority (Art. 21): a national data-protection authority for its member state, or the EDPS for the " +
        "Commission's processing (an authority of member state EU). Reads the audit log and retention runs of its scope and the " +
        "records of processing; never personal data by its role.",
    },
  },
});

@ObjectType({ description: "A user of IMI. Contact data is shown on a need-to-know basis." })
export class User {

  @Field(() => ID, { description: "Stable id." })
  id!: string;

  @Field(() => String, { description: "Full name." })
  name!: string;

  @Field(() => String, { description: "E-mail address, also the login." })
  email!: string;

  @Field(() => [Role], { description: "The user's roles." })
  roles!: Role[];

  @Field(() => Authority, { description: "The authority the user belongs to." })
  authority!: Authority;

  @Field(() => Boolean, { description: "False once deactivated: the user then has no access at all (R-USER-2)." })
  active!: boolean;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the user was deactivated." })
  deactivatedAt!: Date | null;

  @Field(() => Boolean, {
    description: "Whether the user has enrolled (set its own password and received its security-code secret, enrolUser); false: awaiting enrolment, no login possible yet (R-SEC-1).",
  })
  enrolled!: boolean;
}

@ObjectType({ description: "A page of users." })
export class UserConnection extends Connection(User, "User") {}

@ObjectType({
  description:
    "A user awaiting enrolment (createUser, resendEnrolment): its enrolment code went to the user's own e-mail address, never to you (R-SEC-1).",
})
export class NewUser {
  @Field(() => User, { description: "The user." })
  user!: User;

  @Field(() => DateTimeScalar, { description: "Until when the enrolment code just issued is accepted (72 hours); resendEnrolment issues a new one." })
  enrolmentExpiresAt!: Date;

  @Field(() => Boolean, {
    description: "Whether the enrolment mail was handed to the mail transport. False: the account exists, awaiting enrolment; call resendEnrolment.",
  })
  enrolmentMailSent!: boolean;
}

@ObjectType({ description: "What enrolUser gives the user, once: its second-factor secret, for its authenticator app." })
export class Enrolment {
  @Field(() => String, { description: "Base32 TOTP secret (RFC 6238, SHA-1, 6 digits, 30 s). Shown only now." })
  totpSecret!: string;

  @Field(() => String, { description: "The same secret as an otpauth:// URI for authenticator apps." })
  totpUri!: string;
}
