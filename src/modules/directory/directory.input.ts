import { ArrayMaxSize, IsEmail, IsOptional, IsUrl, Length, Matches } from "class-validator";
import { IsEmailAddress, NotBlank } from "../../graphql/validators.js";
import { Field, InputType } from "type-graphql";
// Only the enum: a kind of procedure is a value of the directory's restrictions, not a dependency on procedures.
import { ProcedureKind } from "../procedures/procedure.enums.js";

@InputType({ description: "Filters of the authority directory." })
export class AuthorityFilter {
  @Field(() => String, { nullable: true, description: "Only authorities of this member state." })
  memberState?: string | null;

  @Field(() => String, { nullable: true, description: "Only authorities registered for this legal area." })
  legalAreaCode?: string | null;
}

@InputType({ description: "A new competent authority." })
export class CreateAuthorityInput {
  @Field(() => String, { description: "Official name." })
  @Length(2, 200)
  @NotBlank()
  name!: string;

  @Field(() => String, { description: "ISO 3166 alpha-2 code of its member state; a coordinator may only use its own." })
  @Matches(/^[A-Z]{2}$/, { message: "memberState must be an ISO 3166 alpha-2 code such as DK" })
  memberState!: string;

  @Field(() => [String], { description: "Codes of the legal areas it is registered for (R-PURPOSE-2)." })
  @ArrayMaxSize(50)
  legalAreaCodes!: string[];

  @Field(() => String, {
    description:
      "Public contact e-mail, where notices of the authority's new accounts go: a plain address, as a user's e-mail (createUser), stored in lowercase.",
  })
  @IsEmailAddress()
  contactEmail!: string;

  @Field(() => String, { nullable: true, description: "Public contact telephone." })
  @IsOptional()
  @Length(3, 40)
  @NotBlank()
  contactPhone?: string | null;

  @Field(() => String, { description: "Postal address." })
  @Length(3, 500)
  @NotBlank()
  postalAddress!: string;

  @Field(() => String, { nullable: true, description: "Website (https://…)." })
  @IsOptional()
  @IsUrl({ require_protocol: true })
  website?: string | null;

  @Field(() => String, { description: "Name or function of its data protection officer." })
  @Length(2, 200)
  @NotBlank()
  dpoName!: string;

  @Field(() => String, { description: "E-mail of its data protection officer." })
  @IsEmail()
  dpoEmail!: string;

  @IsOptional()
  @Field(() => Boolean, {
    nullable: true,
    description:
      "Designates it as its member state's coordinating authority (the Commission only): the only kind of authority " +
      "that holds COORDINATOR accounts, and it holds no others; it is in no legal area and never a recipient. Default false.",
  })
  coordinating?: boolean | null;

  @IsOptional()
  @Field(() => Boolean, {
    nullable: true,
    description:
      "Designates it as one of its member state's alert coordinators (Art. 12), in every legal area it is registered for: " +
      "an alert to all member states reaches it. Its state's coordinator or the Commission; never a coordinating authority. Default false.",
  })
  alertCoordinator?: boolean | null;
}

@InputType({ description: "A national exception or restriction of data subjects' rights (R-NOTICE-2)." })
export class NationalRestrictionInput {
  @Field(() => String, { description: "ISO 3166 alpha-2 code; a coordinator may only use its own." })
  @Matches(/^[A-Z]{2}$/, { message: "memberState must be an ISO 3166 alpha-2 code such as DK" })
  memberState!: string;

  @Field(() => String, { description: "Short title." })
  @Length(3, 200)
  @NotBlank()
  title!: string;

  @Field(() => String, { description: "What is restricted, for whom and when." })
  @Length(3, 5000)
  @NotBlank()
  description!: string;

  @Field(() => String, { description: "The national provision it rests on." })
  @Length(2, 500)
  @NotBlank()
  legalReference!: string;

  @Field(() => [String], { description: "Rights it restricts: ACCESS, RECTIFICATION, ERASURE, INFORMATION." })
  @ArrayMaxSize(4)
  rightsAffected!: string[];

  @Field(() => String, {
    nullable: true,
    description: "Only for this legal area: its procedures, and the authorities registered in it. Omitted: every area.",
  })
  @IsOptional()
  @Length(1, 64)
  legalAreaCode?: string | null;

  @Field(() => ProcedureKind, { nullable: true, description: "Only for this kind of procedure. Omitted: every kind." })
  @IsOptional()
  procedureKind?: ProcedureKind | null;
}
