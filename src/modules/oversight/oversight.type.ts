import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Connection } from "../../graphql/connection.js";
import { DateTimeScalar } from "../../graphql/scalars.js";
import { Authority } from "../directory/authority.type.js";
import { LegalArea } from "../directory/legal-area.type.js";
import { Procedure } from "../procedures/procedure.type.js";
import { SanctionCategory } from "../procedures/procedure.enums.js";

export enum WaitingFor {
  ACCEPTANCE = "ACCEPTANCE",
  ANSWER = "ANSWER",
}
registerEnumType(WaitingFor, {
  name: "WaitingFor",
  description: "What a procedure waits for from an authority (issue 18, coordinators' view).",
  valuesConfig: {
    ACCEPTANCE: { description: "Sent to the authority, not yet accepted (or, for an alert or notification, acknowledged)." },
    ANSWER: { description: "Accepted by the authority as responder, not yet answered." },
  },
});

export enum OverdueReason {
  NOT_ACCEPTED_IN_7_DAYS = "NOT_ACCEPTED_IN_7_DAYS",
  NOT_ANSWERED_BY_DEADLINE = "NOT_ANSWERED_BY_DEADLINE",
}
registerEnumType(OverdueReason, {
  name: "OverdueReason",
  description: "Why a waiting procedure is overdue (issue 18, coordinators' view). When both hold, the deadline is named.",
  valuesConfig: {
    NOT_ACCEPTED_IN_7_DAYS: {
      description: "A request or SOLVIT case not accepted within 7 days of being sent (the Single Market Scoreboard's measure).",
    },
    NOT_ANSWERED_BY_DEADLINE: {
      description: "A request whose answer deadline (`Procedure.answerDeadline`) has passed without an answer, accepted or not.",
    },
  },
});

@ObjectType({
  description:
    "A procedure waiting on an authority of the coordinator's member state (issue 18, R-COORD-1). Metadata only: the " +
    "same cells as the procedure's own metadata.",
})
export class WaitingProcedure {
  @Field(() => ID, { description: "Id of the procedure." })
  procedureId!: string;

  @Field(() => Procedure, { description: "The procedure (its metadata; personal data stays with its case handlers)." })
  procedure!: Procedure;

  @Field(() => Authority, { description: "The authority of the coordinator's state it waits on." })
  authority!: Authority;

  @Field(() => WaitingFor, { description: "What it waits for." })
  waitingFor!: WaitingFor;

  @Field(() => DateTimeScalar, { description: "Since when: the send time (acceptance) or the acceptance (answer)." })
  since!: Date;

  @Field(() => Int, { description: "Whole days waited as of now." })
  daysWaiting!: number;

  @Field(() => Boolean, {
    description:
      "Overdue: a request or SOLVIT case not accepted within 7 days of being sent (the Single Market Scoreboard's measure), " +
      "or a request not answered by its answer deadline, whether accepted or not. `overdueReason` says which.",
  })
  overdue!: boolean;

  @Field(() => OverdueReason, { nullable: true, description: "Why it is overdue; null when it is not." })
  overdueReason!: OverdueReason | null;
}

@ObjectType({ description: "A page of procedures waiting on the coordinator's authorities, longest waiting first." })
export class WaitingProcedureConnection extends Connection(WaitingProcedure, "WaitingProcedure") {}

export enum PersonalDataCategory {
  IDENTITY = "IDENTITY",
  CONTACT = "CONTACT",
  NATIONAL_IDENTIFIER = "NATIONAL_IDENTIFIER",
  SANCTIONS = "SANCTIONS",
  CORRESPONDENCE = "CORRESPONDENCE",
  DOCUMENTS = "DOCUMENTS",
  USERS_CONTACT = "USERS_CONTACT",
}
registerEnumType(PersonalDataCategory, {
  name: "PersonalDataCategory",
  description: "A category of personal data the system processes (a record of processing names categories, never values).",
  valuesConfig: {
    IDENTITY: { description: "Data subjects' names and dates of birth." },
    CONTACT: { description: "Data subjects' addresses and e-mail addresses." },
    NATIONAL_IDENTIFIER: { description: "Data subjects' national identifiers (sealed at rest)." },
    SANCTIONS: { description: "Sensitive records (§3): disciplinary, administrative or criminal sanctions, good repute." },
    CORRESPONDENCE: { description: "Questions, answers and messages, which can name people." },
    DOCUMENTS: { description: "Answers to question sets and attached documents." },
    USERS_CONTACT: { description: "IMI users' names and e-mail addresses (Art. 15)." },
  },
});

@ObjectType({
  description:
    "A record of processing of one legal area in a scope (issue 18, Art. 21): which authorities process in it, which " +
    "categories of personal data, for how long. Reference data and the public directory; never personal data.",
})
export class RecordOfProcessing {
  @Field(() => LegalArea, { description: "The legal area (the purpose: an act in the annex of Regulation 1024/2012)." })
  legalArea!: LegalArea;

  @Field(() => String, { nullable: true, description: "The member state the record covers; null for the whole system." })
  memberState!: string | null;

  @Field(() => [Authority], { description: "The competent authorities registered for the area in the scope (controllers, §11)." })
  authorities!: Authority[];

  @Field(() => [PersonalDataCategory], { description: "Categories of personal data processed in the area's procedures." })
  dataCategories!: PersonalDataCategory[];

  @Field(() => [SanctionCategory], { description: "Categories of sensitive records (§3) the area's procedures may carry." })
  sanctionCategories!: SanctionCategory[];

  @Field(() => Int, { description: "Months after formal closure when personal data is blocked (R-RETAIN-1)." })
  blockingPeriodMonths!: number;

  @Field(() => Int, { description: "Months after formal closure when personal data is deleted (R-RETAIN-3)." })
  deletionPeriodMonths!: number;

  @Field(() => Int, { description: "Procedures with an authority of the scope, all time (metadata count, R-RETAIN-3 shells included)." })
  procedureCount!: number;
}

export enum AuthorityRegistrationStatus {
  PENDING = "PENDING",
  APPROVED = "APPROVED",
  REJECTED = "REJECTED",
}
registerEnumType(AuthorityRegistrationStatus, {
  name: "AuthorityRegistrationStatus",
  description: "Where an authority's self-registration stands (Art. 6).",
});

@ObjectType({
  description:
    "An authority's self-registration (Art. 6): what it asks the directory to publish, validated by its member state's " +
    "coordinator. Public directory information, no personal data.",
})
export class AuthorityRegistration {
  @Field(() => ID, { description: "Stable id." })
  id!: string;

  @Field(() => String, { description: "Official name." })
  name!: string;

  @Field(() => String, { description: "Member state (ISO 3166 alpha-2)." })
  memberState!: string;

  @Field(() => String, { description: "Public contact e-mail." })
  contactEmail!: string;

  @Field(() => String, { description: "Postal address." })
  postalAddress!: string;

  @Field(() => [String], { description: "Legal areas it asks to be registered for." })
  legalAreaCodes!: string[];

  @Field(() => AuthorityRegistrationStatus, { description: "Pending, approved or rejected." })
  status!: AuthorityRegistrationStatus;

  @Field(() => DateTimeScalar, { description: "When it was submitted." })
  submittedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the coordinator decided it." })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "The coordinator's reason for a rejection." })
  decisionNote!: string | null;

  @Field(() => Authority, { nullable: true, description: "The directory entry an approval created." })
  authority!: Authority | null;
}

@ObjectType({ description: "A page of authority registrations, oldest first." })
export class AuthorityRegistrationConnection extends Connection(AuthorityRegistration, "AuthorityRegistration") {}
