import { Field, ID, ObjectType } from "type-graphql";
import { Connection } from "../../graphql/connection.js";
import { DateTimeScalar } from "../../graphql/scalars.js";
import { Authority } from "../directory/authority.type.js";
import { LegalArea } from "../directory/legal-area.type.js";
import { AccessDenialReason, ParticipantPart, ProcedureKind, ProcedureStatus } from "./procedure.enums.js";
import { DataSubject, LegalPerson, Message } from "./personal-data.type.js";

@ObjectType({ description: "An authority's part in a procedure." })
export class Participant {
  @Field(() => Authority, { description: "The authority." })
  authority!: Authority;

  @Field(() => ParticipantPart, { description: "Initiator, responder or recipient." })
  part!: ParticipantPart;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it accepted (or acknowledged); null until then." })
  acceptedAt!: Date | null;
}

@ObjectType({ description: "Whether the viewer may read a procedure's personal data and, if not, why." })
export class PersonalDataAccess {
  @Field(() => Boolean, { description: "True when personal data fields will be returned." })
  granted!: boolean;

  @Field(() => AccessDenialReason, { nullable: true, description: "Why not, when not granted." })
  reason!: AccessDenialReason | null;
}

@ObjectType({ description: "An administrative cooperation procedure between authorities." })
export class Procedure {
  @Field(() => ID, { description: "Stable id." })
  id!: string;

  @Field(() => String, { description: "Human-readable reference, e.g. IMI-2026-000042." })
  reference!: string;

  @Field(() => ProcedureKind, { description: "Request, alert, notification or SOLVIT case." })
  kind!: ProcedureKind;

  @Field(() => LegalArea, { description: "The legal area it runs under (R-PURPOSE-1)." })
  legalArea!: LegalArea;

  @Field(() => ProcedureStatus, { description: "Where it stands." })
  status!: ProcedureStatus;

  @Field(() => String, { description: "Short subject line." })
  subject!: string;

  @Field(() => String, { nullable: true, description: "The initiator's justification; for the case handlers of participating authorities." })
  justification!: string | null;

  @Field(() => Authority, { description: "The initiating authority." })
  initiator!: Authority;

  @Field(() => [Participant], { description: "The authorities taking part, the initiator first." })
  participants!: Participant[];

  @Field(() => DateTimeScalar, { description: "When it was created." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it was sent." })
  sentAt!: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      "A request's answer deadline (issue 18): the initiator's date, or 30 days after sending when it set none. Null for " +
      "other kinds, for a draft without a date of its own, and for requests sent before deadlines existed.",
  })
  answerDeadline!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it was formally closed: retention periods run from here." })
  closedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When its personal data was blocked (R-RETAIN-1)." })
  blockedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When its personal data was deleted (R-RETAIN-3)." })
  personalDataDeletedAt!: Date | null;

  @Field(() => DateTimeScalar, { description: "Last change or message." })
  lastActivityAt!: Date;

  @Field(() => Boolean, {
    description:
      "An alert to all member states (Art. 12): its recipients are the alert coordinators, in its legal area, of every other member state, resolved when it was sent.",
  })
  toAllMemberStates!: boolean;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      "When the initiator withdrew the alert (withdrawAlert): it is then CLOSED, closedAt the same instant. A withdrawn alert is blocked like any closed procedure, even in an area whose closed alerts stay visible (R-RETAIN-2 keeps closed alerts only).",
  })
  withdrawnAt!: Date | null;

  @Field(() => PersonalDataAccess, { description: "Whether you may read its personal data, before you ask." })
  personalDataAccess!: PersonalDataAccess;

  @Field(() => String, { nullable: true, description: "Consent reference of a SOLVIT complaint form (R-CONSENT-1); personal data." })
  consentReference!: string | null;

  @Field(() => [DataSubject], { nullable: true, description: "Personal data: null with a FORBIDDEN error when withheld." })
  dataSubjects!: DataSubject[] | null;

  @Field(() => [Message], { nullable: true, description: "Personal data: null with a FORBIDDEN error when withheld." })
  messages!: Message[] | null;

  @Field(() => [LegalPerson], { nullable: true, description: "Confidential (R-LEGALPERSON-1): null with a FORBIDDEN error when withheld." })
  legalPersons!: LegalPerson[] | null;
}

@ObjectType({
  description: "A forwarded request: the forwarding authority no longer takes part, so it gets this receipt rather than the procedure.",
})
export class Forwarding {
  @Field(() => ID, { description: "The procedure forwarded." })
  procedureId!: string;

  @Field(() => Authority, { description: "The authority that took over." })
  forwardedTo!: Authority;

  @Field(() => DateTimeScalar, { description: "When it was forwarded." })
  forwardedAt!: Date;
}

@ObjectType({ description: "A page of procedures." })
export class ProcedureConnection extends Connection(Procedure, "Procedure") {}
