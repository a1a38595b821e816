import { Field, ID, ObjectType } from "type-graphql";
import { Connection } from "../../graphql/connection.js";
import { DateTimeScalar } from "../../graphql/scalars.js";
import { Authority } from "../directory/authority.type.js";
import { Procedure } from "../procedures/procedure.type.js";
import { SanctionCategory } from "../procedures/procedure.enums.js";
import {
  ContestationGround,
  DataSubjectRequestKind,
  DataSubjectRequestRoute,
  DataSubjectRequestStatus,
  DataSubjectRequestStepKind,
  DataSubjectRequestWaitingFor,
  RetrievalGround,
} from "./rights.enums.js";

@ObjectType({ description: "Corrected values a rectification asks for; only the fields given change." })
export class Correction {
  @Field(() => String, { nullable: true, description: "Corrected full name." })
  fullName!: string | null;

  @Field(() => String, { nullable: true, description: "Corrected date of birth (YYYY-MM-DD)." })
  dateOfBirth!: string | null;

  @Field(() => String, { nullable: true, description: "Corrected national identifier." })
  nationalIdentifier!: string | null;

  @Field(() => String, { nullable: true, description: "Corrected address." })
  address!: string | null;

  @Field(() => String, { nullable: true, description: "Corrected e-mail." })
  email!: string | null;
}

@ObjectType({ description: "A data subject's request: access, rectification, erasure or early deletion (§7, §8, §9)." })
export class DataSubjectRequest {
  @Field(() => ID, { description: "Stable id." })
  id!: string;

  @Field(() => DataSubjectRequestKind, { description: "What is asked for." })
  kind!: DataSubjectRequestKind;

  @Field(() => DataSubjectRequestStatus, { description: "Where it stands." })
  status!: DataSubjectRequestStatus;

  @Field(() => DataSubjectRequestRoute, { nullable: true, description: "Who acts on it; null until it is linked to a procedure." })
  route!: DataSubjectRequestRoute | null;

  @Field(() => String, { nullable: true, description: "Why it is routed so." })
  routeReason!: string | null;

  @Field(() => Authority, { description: "The authority that received it." })
  receivingAuthority!: Authority;

  @Field(() => ID, { nullable: true, description: "The procedure it concerns, once linked." })
  procedureId!: string | null;

  @Field(() => ID, { nullable: true, description: "The data subject it concerns, once linked." })
  dataSubjectId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The citizen's name as the request gives it (personal data: null with FORBIDDEN outside the receiving authority, the filing portal and the helpdesk on its route).",
  })
  requesterName!: string | null;

  @Field(() => String, { nullable: true, description: "The citizen's identifier as the request gives it (personal data)." })
  requesterIdentifier!: string | null;

  @Field(() => String, { nullable: true, description: "What the citizen wrote (personal data)." })
  details!: string | null;

  @Field(() => Correction, { nullable: true, description: "For a rectification: the corrected values (personal data)." })
  correction!: Correction | null;

  @Field(() => DateTimeScalar, { description: "When the responsible authority received it." })
  receivedAt!: Date;

  @Field(() => DateTimeScalar, { description: "The answer is due by then: 30 days after receipt (R-RECTIFY-2)." })
  dueAt!: Date;

  @Field(() => Boolean, { description: "Whether it is past its due date and not yet answered." })
  overdue!: boolean;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it reached the helpdesk." })
  escalatedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it was approved or rejected." })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "The decision's note, under national law (required when rejecting)." })
  decisionNote!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it was carried out." })
  completedAt!: Date | null;

  @Field(() => DataSubjectRequestWaitingFor, { description: "Whom it waits for now (the receiving authority, the helpdesk, the initiator's confirmation, the retention job, nobody)." })
  waitingFor!: DataSubjectRequestWaitingFor;

  @Field(() => [DataSubjectRequestStep], { description: "The steps taken on it, oldest first, with actor, time and note." })
  steps!: DataSubjectRequestStep[];

  @Field(() => Boolean, { description: "For an early deletion: whether the request says every data subject of the procedure consented (R-RETAIN-6)." })
  allSubjectsConsented!: boolean;
}

@ObjectType({ description: "One step of a data-subject request: who took it, for which authority, when (R-RECTIFY-1, R-RECTIFY-3, R-ACCESS-2)." })
export class DataSubjectRequestStep {
  @Field(() => ID, { description: "Stable id." })
  id!: string;

  @Field(() => DataSubjectRequestStepKind, { description: "What was done." })
  kind!: DataSubjectRequestStepKind;

  @Field(() => Authority, { nullable: true, description: "The authority that acted; null for the system (the request moved because the procedure closed or was blocked)." })
  actorAuthority!: Authority | null;

  @Field(() => ID, { nullable: true, description: "The user who acted; null for the system." })
  actorUserId!: string | null;

  @Field(() => Boolean, { nullable: true, description: "For a decision: whether it granted the request." })
  approved!: boolean | null;

  @Field(() => String, { nullable: true, description: "The step's note (personal data: the same readers as the citizen's identity)." })
  note!: string | null;

  @Field(() => DateTimeScalar, { description: "When it was taken." })
  at!: Date;
}

@ObjectType({ description: "A page of data-subject requests." })
export class DataSubjectRequestConnection extends Connection(DataSubjectRequest, "DataSubjectRequest") {}

@ObjectType({ description: "A recorded challenge of the accuracy or lawfulness of blocked data (R-RECTIFY-3), shown beside it." })
export class Contestation {
  @Field(() => ID, { description: "Stable id." })
  id!: string;

  @Field(() => ContestationGround, { description: "Accuracy or lawfulness." })
  ground!: ContestationGround;

  @Field(() => String, { description: "What is contested and by whom." })
  statement!: string;

  @Field(() => ID, { nullable: true, description: "The data subject it concerns, if one." })
  dataSubjectId!: string | null;

  @Field(() => Correction, { nullable: true, description: "The rectified values recorded together with it, shown with the blocked data (R-RECTIFY-3)." })
  rectifiedValues!: Correction | null;

  @Field(() => ID, { nullable: true, description: "The data-subject request it answers, if one." })
  requestId!: string | null;

  @Field(() => DateTimeScalar, { description: "When it was recorded." })
  createdAt!: Date;
}

@ObjectType({ description: "A retrieval of blocked data by the Commission (R-RETAIN-4)." })
export class BlockedDataRetrieval {
  @Field(() => ID, { description: "Stable id." })
  id!: string;

  @Field(() => RetrievalGround, { description: "Proving an exchange (with consent) or an overriding public interest." })
  ground!: RetrievalGround;

  @Field(() => String, { nullable: true, description: "The data subject's consent reference (PROVE_EXCHANGE)." })
  consentReference!: string | null;

  @Field(() => String, { description: "The stated reason." })
  reason!: string;

  @Field(() => Authority, { description: "The competent authority on whose request it was retrieved." })
  requestingAuthority!: Authority;

  @Field(() => DateTimeScalar, { description: "When it was retrieved." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: "Until when the helpdesk may read the data on this ground." })
  validUntil!: Date;

  @Field(() => Procedure, { description: "The procedure, its blocked personal data readable on this ground." })
  procedure!: Procedure;
}

@ObjectType({
  description: "A sensitive record as an access report shows it to the data subject (the report's reader is not a participant).",
})
export class ReportedSensitiveRecord {
  @Field(() => SanctionCategory, { description: "Disciplinary, administrative, criminal, or good repute." })
  category!: SanctionCategory;

  @Field(() => String, { description: "What the record says." })
  details!: string;

  @Field(() => String, { nullable: true, description: "Legal basis on which it was exchanged." })
  legalBasis!: string | null;

  @Field(() => String, { description: "Why exchanging it was necessary." })
  necessity!: string;

  @Field(() => DateTimeScalar, { description: "When it was recorded." })
  createdAt!: Date;
}

@ObjectType({ description: "One data subject record in an access report, with what was recorded about them and who received it." })
export class AccessReportItem {
  @Field(() => ID, { description: "The procedure." })
  procedureId!: string;

  @Field(() => String, { description: "The procedure's reference." })
  procedureReference!: string;

  @Field(() => String, { description: "Full name as recorded." })
  fullName!: string;

  @Field(() => String, { nullable: true, description: "Date of birth as recorded." })
  dateOfBirth!: string | null;

  @Field(() => String, { nullable: true, description: "National identifier as recorded." })
  nationalIdentifier!: string | null;

  @Field(() => String, { nullable: true, description: "Address as recorded." })
  address!: string | null;

  @Field(() => String, { nullable: true, description: "E-mail as recorded." })
  email!: string | null;

  @Field(() => [ReportedSensitiveRecord], { description: "Sensitive records about them." })
  sensitiveRecords!: ReportedSensitiveRecord[];

  @Field(() => [Authority], { description: "The authorities that received this data (from the audit log)." })
  recipients!: Authority[];

  @Field(() => [Contestation], { description: "Contestations recorded beside this data, with their rectified values (R-RECTIFY-3)." })
  contestations!: Contestation[];
}

@ObjectType({ description: "The answer to an access request (R-ACCESS-1, R-ACCESS-2)." })
export class AccessReport {
  @Field(() => ID, { description: "The access request." })
  requestId!: string;

  @Field(() => Boolean, { description: "True when the data has been deleted and no data is held." })
  noDataHeld!: boolean;

  @Field(() => [AccessReportItem], {
    description:
      "Every item of personal data about the subject the answering authority can reach: their record in each procedure. A procedure's messages, " +
      "answers and documents are not items: they belong to the procedure, not to one person (see the API guide, Data-subject requests).",
  })
  items!: AccessReportItem[];

  @Field(() => DateTimeScalar, { description: "When the report was produced." })
  producedAt!: Date;
}
