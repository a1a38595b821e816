import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../../graphql/scalars.js";
import { ParticipantPart, ProcedureKind, ProcedureStatus, SanctionCategory } from "../procedures/procedure.enums.js";
import { AnswerType } from "../question-sets/question-set.enums.js";

/**
 * R-PROOF-1: an exchange report's content as plain objects, read off its signed payload, never off
 * the database: a report verifies and reads the same after the procedure's data has gone.
 */

@ObjectType({ description: "An authority as named in an exchange report." })
export class ExchangeReportAuthority {
  @Field(() => ID, { description: "The authority's id." })
  id!: string;

  @Field(() => String, { description: "Its name when the report was issued." })
  name!: string;

  @Field(() => String, { description: "Its member state (ISO 3166 alpha-2, EU for the Commission)." })
  memberState!: string;
}

@ObjectType({ description: "The legal area of the reported procedure." })
export class ExchangeReportLegalArea {
  @Field(() => String, { description: "Code, e.g. SERVICES." })
  code!: string;

  @Field(() => String, { description: "Name of the act." })
  name!: string;

  @Field(() => String, { description: "Reference of the act, e.g. Directive 2006/123/EC." })
  actReference!: string;
}

@ObjectType({ description: "The reported procedure's metadata." })
export class ExchangeReportProcedure {
  @Field(() => ID, { description: "The procedure's id." })
  id!: string;

  @Field(() => String, { description: "Its reference, e.g. IMI-2026-000042." })
  reference!: string;

  @Field(() => ProcedureKind, { description: "Its kind." })
  kind!: ProcedureKind;

  @Field(() => ExchangeReportLegalArea, { description: "Its legal area." })
  legalArea!: ExchangeReportLegalArea;

  @Field(() => String, { description: "Its subject line." })
  subject!: string;

  @Field(() => ProcedureStatus, { description: "Its status when the report was issued." })
  status!: ProcedureStatus;
}

@ObjectType({ description: "An authority taking part in the reported procedure." })
export class ExchangeReportParticipant {
  @Field(() => ExchangeReportAuthority, { description: "The authority." })
  authority!: ExchangeReportAuthority;

  @Field(() => ParticipantPart, { description: "Its part." })
  part!: ParticipantPart;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it accepted or acknowledged; null if it had not." })
  acceptedAt!: Date | null;
}

@ObjectType({ description: "A state the procedure entered, with its time: created (DRAFT), SENT, CLOSED." })
export class ExchangeReportState {
  @Field(() => ProcedureStatus, { description: "The state entered (DRAFT stands for the procedure's creation)." })
  status!: ProcedureStatus;

  @Field(() => DateTimeScalar, { description: "When." })
  at!: Date;
}

@ObjectType({ description: "A message of the reported exchange." })
export class ExchangeReportMessage {
  @Field(() => ID, { description: "The message's id." })
  id!: string;

  @Field(() => ExchangeReportAuthority, { description: "The authority that wrote it." })
  author!: ExchangeReportAuthority;

  @Field(() => DateTimeScalar, { description: "When it was written." })
  createdAt!: Date;

  @Field(() => String, { description: "The text." })
  body!: string;

  @Field(() => Boolean, { description: "Whether it was flagged confidential (§6): treat the report accordingly." })
  confidential!: boolean;
}

@ObjectType({ description: "A sensitive record of a data subject in the report (§3, R-SENSITIVE-1)." })
export class ExchangeReportSensitiveRecord {
  @Field(() => ID, { description: "The record's id." })
  id!: string;

  @Field(() => SanctionCategory, { description: "Its category." })
  category!: SanctionCategory;

  @Field(() => String, { description: "What it says." })
  details!: string;

  @Field(() => String, { nullable: true, description: "The legal basis for exchanging it." })
  legalBasis!: string | null;

  @Field(() => String, { nullable: true, description: "The data subject's consent reference, where that is the ground." })
  consentReference!: string | null;

  @Field(() => String, { description: "Why exchanging it was necessary." })
  necessity!: string;

  @Field(() => DateTimeScalar, { description: "When it was added." })
  createdAt!: Date;
}

@ObjectType({ description: "A data subject of the reported exchange, as the report's recipient could see them." })
export class ExchangeReportDataSubject {
  @Field(() => ID, { description: "The data subject's id." })
  id!: string;

  @Field(() => String, { description: "Full name." })
  fullName!: string;

  @Field(() => String, { nullable: true, description: "Date of birth (YYYY-MM-DD)." })
  dateOfBirth!: string | null;

  @Field(() => String, { nullable: true, description: "National identification number." })
  nationalIdentifier!: string | null;

  @Field(() => String, { nullable: true, description: "Postal address." })
  address!: string | null;

  @Field(() => String, { nullable: true, description: "E-mail address." })
  email!: string | null;

  @Field(() => [ExchangeReportSensitiveRecord], { description: "Sensitive records about this person." })
  sensitiveRecords!: ExchangeReportSensitiveRecord[];
}

@ObjectType({ description: "The question set version the reported request was created from (reference data)." })
export class ExchangeReportQuestionSet {
  @Field(() => ID, { description: "Id of the set version." })
  id!: string;

  @Field(() => String, { description: "Stable code of the set." })
  code!: string;

  @Field(() => Int, { description: "Version number." })
  version!: number;
}

@ObjectType({ description: "A question's wording in each language of the catalogue, as published in its set version." })
export class ExchangeReportWording {
  @Field(() => String, { description: "Danish." })
  da!: string;

  @Field(() => String, { description: "German." })
  de!: string;

  @Field(() => String, { description: "French." })
  fr!: string;

  @Field(() => String, { description: "English." })
  en!: string;
}

@ObjectType({ description: "An answer of the reported exchange to one question of its set (issue 17). Personal data, whatever the question." })
export class ExchangeReportAnswer {
  @Field(() => ID, { description: "The answer's id." })
  id!: string;

  @Field(() => String, { description: "The question's stable code." })
  questionCode!: string;

  @Field(() => AnswerType, { description: "How the question is answered (what `value` holds)." })
  answerType!: AnswerType;

  @Field(() => ExchangeReportWording, {
    description: "The question's wording in every language, as signed: a report has no language of its own. `questionText` gives one of them.",
  })
  questionWording!: ExchangeReportWording;

  @Field(() => String, { nullable: true, description: "The answer (see AnswerType); null for a DOCUMENT question." })
  value!: string | null;

  @Field(() => ID, { nullable: true, description: "A DOCUMENT answer's attachment, listed in the report's `attachments`." })
  attachmentId!: string | null;

  @Field(() => ExchangeReportAuthority, { description: "The authority that answered." })
  answeredBy!: ExchangeReportAuthority;

  @Field(() => DateTimeScalar, { description: "When it was answered (last, when answered again after a follow-up)." })
  answeredAt!: Date;
}

@ObjectType({ description: "A document of the reported exchange: its metadata and the SHA-256 of its bytes, never the bytes (issue 17)." })
export class ExchangeReportAttachment {
  @Field(() => ID, { description: "The attachment's id." })
  id!: string;

  @Field(() => String, { description: "Its file name, as sanitised on upload (it can name a person)." })
  fileName!: string;

  @Field(() => String, { description: "Its type as declared on upload and checked against the content: application/pdf, image/png or image/jpeg." })
  contentType!: string;

  @Field(() => Float, { description: "Its size in bytes." })
  sizeBytes!: number;

  @Field(() => String, { description: "SHA-256 of its bytes, hex: whoever holds the file can show it is the one exchanged." })
  sha256!: string;

  @Field(() => ExchangeReportAuthority, { description: "The authority that uploaded it." })
  uploadedBy!: ExchangeReportAuthority;

  @Field(() => DateTimeScalar, { description: "When it was uploaded." })
  uploadedAt!: Date;
}

@ObjectType({ description: "What an exchange report says: exactly its signed payload, as typed objects." })
export class ExchangeReportContent {
  @Field(() => ID, { description: "The report's id (the `jti` claim)." })
  reportId!: string;

  @Field(() => String, { description: "Who issued it (the `iss` claim)." })
  issuer!: string;

  @Field(() => DateTimeScalar, { description: "When it was issued (the `iat` claim, to the second)." })
  issuedAt!: Date;

  @Field(() => Int, { description: "The payload format version." })
  version!: number;

  @Field(() => ExchangeReportAuthority, { description: "The authority whose case handler downloaded it." })
  issuedTo!: ExchangeReportAuthority;

  @Field(() => ExchangeReportProcedure, { description: "The procedure." })
  procedure!: ExchangeReportProcedure;

  @Field(() => [ExchangeReportParticipant], { description: "The authorities taking part, the initiator first." })
  participants!: ExchangeReportParticipant[];

  @Field(() => [ExchangeReportState], { description: "The states entered, with their times, in order." })
  states!: ExchangeReportState[];

  @Field(() => [ExchangeReportMessage], { description: "The messages exchanged, in order." })
  messages!: ExchangeReportMessage[];

  @Field(() => [ExchangeReportDataSubject], { description: "The data subjects named in the procedure." })
  dataSubjects!: ExchangeReportDataSubject[];

  @Field(() => ExchangeReportQuestionSet, {
    nullable: true,
    description: "The question set version the request was created from; null when it was created from none, and in a version 1 report.",
  })
  questionSet!: ExchangeReportQuestionSet | null;

  @Field(() => [ExchangeReportAnswer], {
    nullable: true,
    description: "The answers to the question set, in the set's order; null in a version 1 report, which did not record them.",
  })
  answers!: ExchangeReportAnswer[] | null;

  @Field(() => [ExchangeReportAttachment], {
    nullable: true,
    description: "The documents exchanged, metadata and digest only, in upload order; null in a version 1 report, which did not record them.",
  })
  attachments!: ExchangeReportAttachment[] | null;
}

@ObjectType({ description: "A signed record of one procedure's exchange (R-PROOF-1, §2)." })
export class ExchangeReport {
  @Field(() => String, {
    description:
      "The report as a compact JWS (EdDSA over Ed25519, `kid` and `typ` headers): anyone holding it can verify it " +
      "with `verifyExchangeReport` or against the keys at `/.well-known/jwks.json`. It carries personal data in the clear.",
  })
  jws!: string;

  @Field(() => String, { description: "Id of the key that signed it (the JWS `kid` header)." })
  keyId!: string;

  @Field(() => DateTimeScalar, { description: "When it was issued (to the second)." })
  issuedAt!: Date;

  @Field(() => ExchangeReportContent, { description: "What it says, as typed objects." })
  content!: ExchangeReportContent;

  @Field(() => String, {
    description: "A self-contained HTML page rendering the same content for people, carrying the JWS (in a <pre> block and `data-jws`).",
  })
  html!: string;
}

@ObjectType({ description: "The outcome of verifying an exchange report." })
export class ExchangeReportVerification {
  @Field(() => Boolean, { description: "True when the signature is intact and made by a key this server trusts." })
  valid!: boolean;

  @Field(() => String, { nullable: true, description: "The key id the report names (its `kid` header), when it can be read." })
  keyId!: string | null;

  @Field(() => ExchangeReportContent, { nullable: true, description: "What the report says; only when valid." })
  content!: ExchangeReportContent | null;

  @Field(() => String, { nullable: true, description: "Why it is not valid; null when valid." })
  problem!: string | null;
}
