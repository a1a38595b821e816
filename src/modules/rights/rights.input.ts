import { IsEmail, IsOptional, Length, Matches, ValidateNested } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { NotBlank } from "../../graphql/validators.js";
import { ContestationGround, DataSubjectRequestKind, DataSubjectRequestStatus, RetrievalGround } from "./rights.enums.js";

@InputType({ description: "Corrected values; give only those that change." })
export class CorrectionInput {
  @Field(() => String, { nullable: true, description: "Corrected full name." })
  @IsOptional()
  @Length(1, 300)
  @NotBlank()
  fullName?: string | null;

  @Field(() => String, { nullable: true, description: "Corrected date of birth, YYYY-MM-DD." })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: "dateOfBirth must be a date written YYYY-MM-DD" })
  dateOfBirth?: string | null;

  @Field(() => String, { nullable: true, description: "Corrected national identifier." })
  @IsOptional()
  @Length(1, 100)
  nationalIdentifier?: string | null;

  @Field(() => String, { nullable: true, description: "Corrected address." })
  @IsOptional()
  @Length(1, 500)
  address?: string | null;

  @Field(() => String, { nullable: true, description: "Corrected e-mail." })
  @IsOptional()
  @IsEmail()
  email?: string | null;
}

@InputType({ description: "A data subject's request as received (§7, §8)." })
export class FileDataSubjectRequestInput {
  @Field(() => DataSubjectRequestKind, { description: "ACCESS, RECTIFICATION or ERASURE (early deletion: requestEarlyDeletion)." })
  kind!: DataSubjectRequestKind;

  @Field(() => ID, { nullable: true, description: "Portals: the authority the citizen addresses. Case handlers file for their own authority." })
  receivingAuthorityId?: string | null;

  @Field(() => ID, { nullable: true, description: "Case handlers: the procedure it concerns (their authority must take part in it)." })
  procedureId?: string | null;

  @Field(() => ID, { nullable: true, description: "Case handlers: the data subject it concerns, in that procedure." })
  dataSubjectId?: string | null;

  @Field(() => String, { description: "The citizen's name." })
  @Length(1, 300)
  @NotBlank()
  requesterName!: string;

  @Field(() => String, { nullable: true, description: "The citizen's identifier (e.g. national identification number)." })
  @IsOptional()
  @Length(1, 100)
  requesterIdentifier?: string | null;

  @Field(() => String, { nullable: true, description: "What the citizen asks, in their words." })
  @IsOptional()
  @Length(1, 5000)
  details?: string | null;

  @Field(() => CorrectionInput, { nullable: true, description: "For a rectification: the corrected values." })
  // Found from outside: without this the corrected values skipped the checks a data subject's own
  // input gets (a date of birth "not-a-date" was written into the record).
  @IsOptional()
  @ValidateNested()
  correction?: CorrectionInput | null;
}

@InputType({ description: "Filters of the data-subject request list." })
export class DataSubjectRequestFilter {
  @Field(() => DataSubjectRequestStatus, { nullable: true, description: "Only requests in this status." })
  status?: DataSubjectRequestStatus | null;

  @Field(() => DataSubjectRequestKind, { nullable: true, description: "Only requests of this kind." })
  kind?: DataSubjectRequestKind | null;

  @Field(() => Boolean, { nullable: true, description: "Only requests past their due date and not yet answered (true), or the others (false)." })
  overdue?: boolean | null;
}

@InputType({ description: "A contestation of blocked data (R-RECTIFY-3)." })
export class ContestationInput {
  @Field(() => ID, { description: "The blocked procedure." })
  procedureId!: string;

  @Field(() => ID, { nullable: true, description: "The data subject whose data is contested, if one." })
  dataSubjectId?: string | null;

  @Field(() => ContestationGround, { description: "Accuracy or lawfulness." })
  ground!: ContestationGround;

  @Field(() => String, { description: "What is contested and by whom." })
  @Length(3, 5000)
  @NotBlank()
  statement!: string;

  @Field(() => CorrectionInput, {
    nullable: true,
    description: "The rectified values, recorded together with the contestation beside the blocked data (R-RECTIFY-3); for a request, its correction unless given.",
  })
  @IsOptional()
  @ValidateNested()
  rectifiedValues?: CorrectionInput | null;

  @Field(() => ID, {
    nullable: true,
    description: "The granted rectification or erasure request about blocked data that this contestation answers (R-RECTIFY-3).",
  })
  requestId?: string | null;
}

@InputType({ description: "A retrieval of blocked data on a competent authority's request (R-RETAIN-4)." })
export class RetrieveBlockedDataInput {
  @Field(() => ID, { description: "The blocked procedure." })
  procedureId!: string;

  @Field(() => ID, { description: "The competent authority that asks: it must have taken part in the procedure." })
  requestingAuthorityId!: string;

  @Field(() => RetrievalGround, { description: "PROVE_EXCHANGE (needs consentReference) or PUBLIC_INTEREST." })
  ground!: RetrievalGround;

  @Field(() => String, { nullable: true, description: "The data subject's consent reference; required for PROVE_EXCHANGE." })
  consentReference?: string | null;

  @Field(() => String, { description: "The stated reason." })
  @Length(3, 2000)
  @NotBlank()
  reason!: string;
}
