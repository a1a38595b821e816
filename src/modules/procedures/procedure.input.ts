import { ArrayMaxSize, IsEmail, IsOptional, Length, Matches } from "class-validator";
import { NotBlank } from "../../graphql/validators.js";
import { DateTimeScalar } from "../../graphql/scalars.js";
import { Field, ID, InputType } from "type-graphql";
import { ConfidentialItemKind, ProcedureKind, ProcedureStatus, SanctionCategory } from "./procedure.enums.js";

@InputType({ description: "Filters of the procedure list." })
export class ProcedureFilter {
  @Field(() => ProcedureStatus, { nullable: true, description: "Only procedures in this status." })
  status?: ProcedureStatus | null;

  @Field(() => ProcedureKind, { nullable: true, description: "Only procedures of this kind." })
  kind?: ProcedureKind | null;

  @Field(() => String, { nullable: true, description: "Only procedures in this legal area." })
  legalAreaCode?: string | null;
}

@InputType({ description: "A new procedure, created as a draft of the viewer's authority." })
export class CreateProcedureInput {
  @Field(() => ProcedureKind, { description: "Request, alert, notification or SOLVIT case." })
  kind!: ProcedureKind;

  @Field(() => String, { description: "Code of an enabled legal area the authority is registered for (R-PURPOSE-1, R-PURPOSE-2)." })
  legalAreaCode!: string;

  @Field(() => String, { description: "Short subject line." })
  @Length(3, 300)
  @NotBlank()
  subject!: string;

  @Field(() => String, { description: "Why the exchange is needed." })
  @Length(3, 10000)
  @NotBlank()
  justification!: string;

  @Field(() => [ID], {
    description:
      "Authorities it goes to: exactly one for a request or SOLVIT case, 1 to 50 otherwise; empty for an alert with toAllMemberStates.",
  })
  @ArrayMaxSize(50)
  recipientAuthorityIds!: string[];

  @Field(() => Boolean, {
    nullable: true,
    description:
      "An alert only (Art. 12): instead of hand-picked recipients (leave recipientAuthorityIds empty), it goes to the alert " +
      "coordinators, in its legal area, of every member state other than yours, resolved when it is sent. Default false.",
  })
  @IsOptional()
  toAllMemberStates?: boolean | null;

  @Field(() => String, { nullable: true, description: "Consent reference of the complaint form; required for SOLVIT (R-CONSENT-1)." })
  @IsOptional()
  @Length(1, 200)
  @NotBlank()
  consentReference?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "A published question set version of the legal area the request is created from (requests and SOLVIT cases); the responder answers it question by question.",
  })
  @IsOptional()
  questionSetVersionId?: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      "Requests only: when the answer is due, in the future and at most one year ahead (BAD_USER_INPUT otherwise). " +
      "Without it, the deadline is 30 days after the request is sent. Coordinators see a request not answered by it as overdue.",
  })
  @IsOptional()
  answerDeadline?: Date | null;
}

@InputType({ description: "A person named in a procedure." })
export class DataSubjectInput {
  @Field(() => String, { description: "Full name." })
  @Length(1, 300)
  @NotBlank()
  fullName!: string;

  @Field(() => String, { nullable: true, description: "Date of birth, YYYY-MM-DD." })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: "dateOfBirth must be a date written YYYY-MM-DD" })
  dateOfBirth?: string | null;

  @Field(() => String, { nullable: true, description: "National identification number." })
  @IsOptional()
  @Length(1, 100)
  @NotBlank()
  nationalIdentifier?: string | null;

  @Field(() => String, { nullable: true, description: "Postal address." })
  @IsOptional()
  @Length(1, 500)
  @NotBlank()
  address?: string | null;

  @Field(() => String, { nullable: true, description: "E-mail address." })
  @IsOptional()
  @IsEmail()
  email?: string | null;
}

@InputType({ description: "A sensitive record (§3). Needs a necessity and a legal basis; a consent reference may be recorded beside them, never instead (R-SENSITIVE-1)." })
export class SensitiveRecordInput {
  @Field(() => SanctionCategory, { description: "Disciplinary, administrative, criminal, or good repute." })
  category!: SanctionCategory;

  @Field(() => String, { description: "What the record says." })
  @Length(1, 10000)
  @NotBlank()
  details!: string;

  @Field(() => String, { description: "Why exchanging it is necessary (required, R-SENSITIVE-1)." })
  necessity!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "Legal basis: the provision of the applicable act that permits the exchange. Required (R-SENSITIVE-1): without it the record is refused with BAD_USER_INPUT. Nullable in the schema only for compatibility.",
  })
  legalBasis?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Reference of the data subject's consent, recorded beside the legal basis; it never replaces it (R-SENSITIVE-1).",
  })
  consentReference?: string | null;
}

@InputType({ description: "A company named in a procedure." })
export class LegalPersonInput {
  @Field(() => String, { description: "Registered name." })
  @Length(1, 300)
  @NotBlank()
  name!: string;

  @Field(() => String, { nullable: true, description: "Company registration number." })
  @IsOptional()
  @Length(1, 100)
  @NotBlank()
  registrationNumber?: string | null;

  @Field(() => String, { nullable: true, description: "ISO 3166 alpha-2 country of registration." })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: "country must be an ISO 3166 alpha-2 code such as DK" })
  country?: string | null;

  @Field(() => String, { nullable: true, description: "Registered address." })
  @IsOptional()
  @Length(1, 500)
  @NotBlank()
  address?: string | null;
}

@InputType({ description: "A request to treat an item of a procedure as confidential (§6)." })
export class ConfidentialityInput {
  @Field(() => ConfidentialItemKind, { description: "What kind of item." })
  itemKind!: ConfidentialItemKind;

  @Field(() => ID, { description: "Id of the item." })
  itemId!: string;

  @Field(() => String, { description: "Why it is confidential: the national rule." })
  @Length(3, 2000)
  @NotBlank()
  reason!: string;
}
