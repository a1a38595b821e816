import { Field, ID, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../../graphql/scalars.js";
import { Authority } from "../directory/authority.type.js";
import { ConfidentialItemKind, MessageKind, SanctionCategory } from "./procedure.enums.js";

@ObjectType({ description: "A sanction or good-repute record of a data subject (§3, Art. 16). Every read is audited (R-SENSITIVE-1)." })
export class SensitiveRecord {
  @Field(() => ID, { description: "Stable id." })
  id!: string;

  @Field(() => SanctionCategory, { description: "Disciplinary, administrative, criminal, or good repute." })
  category!: SanctionCategory;

  @Field(() => String, { description: "What the record says." })
  details!: string;

  @Field(() => String, { nullable: true, description: "Legal basis: the provision permitting the exchange (R-SENSITIVE-1). Null only on records added before it was required." })
  legalBasis!: string | null;

  @Field(() => String, { nullable: true, description: "Reference of the data subject's consent, where one was recorded beside the legal basis." })
  consentReference!: string | null;

  @Field(() => String, { description: "Why exchanging it is necessary." })
  necessity!: string;

  @Field(() => DateTimeScalar, { description: "When it was added." })
  createdAt!: Date;
}

@ObjectType({ description: "A person named in a procedure. Personal data." })
export class DataSubject {
  @Field(() => ID, { description: "Stable id." })
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

  @Field(() => [SensitiveRecord], { description: "Sensitive records about this person." })
  sensitiveRecords!: SensitiveRecord[];
}

@ObjectType({ description: "A question or answer in a procedure. Personal data: it can name people." })
export class Message {
  @Field(() => ID, { description: "Stable id." })
  id!: string;

  @Field(() => Authority, { description: "The authority that wrote it." })
  author!: Authority;

  @Field(() => String, { description: "The text." })
  body!: string;

  @Field(() => MessageKind, { description: "A question or answer, or the initiator's update or withdrawal of an alert." })
  kind!: MessageKind;

  @Field(() => DateTimeScalar, { description: "When it was written." })
  createdAt!: Date;

  @Field(() => Boolean, { description: "Whether it has been flagged confidential (§6)." })
  confidential!: boolean;
}

@ObjectType({ description: "A company named in a procedure: confidential under national rules (§6, R-LEGALPERSON-1)." })
export class LegalPerson {
  @Field(() => ID, { description: "Stable id." })
  id!: string;

  @Field(() => String, { description: "Registered name." })
  name!: string;

  @Field(() => String, { nullable: true, description: "Company registration number." })
  registrationNumber!: string | null;

  @Field(() => String, { nullable: true, description: "ISO 3166 alpha-2 country of registration." })
  country!: string | null;

  @Field(() => String, { nullable: true, description: "Registered address." })
  address!: string | null;

  @Field(() => Boolean, { description: "Whether it has been flagged confidential (§6)." })
  confidential!: boolean;

  @Field(() => DateTimeScalar, { description: "When it was added." })
  createdAt!: Date;
}

@ObjectType({ description: "A flag that an item of a procedure is confidential and must be treated so (§6)." })
export class ConfidentialityFlag {
  @Field(() => ID, { description: "Stable id." })
  id!: string;

  @Field(() => ConfidentialItemKind, { description: "What kind of item is flagged." })
  itemKind!: ConfidentialItemKind;

  @Field(() => ID, { description: "Id of the flagged item." })
  itemId!: string;

  @Field(() => String, { description: "Why it is confidential (national rule)." })
  reason!: string;

  @Field(() => Authority, { description: "The authority that asked for the flag." })
  requestedBy!: Authority;

  @Field(() => DateTimeScalar, { description: "When it was flagged." })
  createdAt!: Date;
}
