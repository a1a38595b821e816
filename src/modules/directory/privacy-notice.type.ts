import { Language } from "../../i18n/language.enum.js";
import { Field, ObjectType } from "type-graphql";
import { Authority } from "./authority.type.js";
import { NationalRestriction } from "./national-restriction.type.js";

@ObjectType({ description: "A right of the data subject and how to use it." })
export class DataSubjectRight {
  @Field(() => String, { description: "ACCESS, RECTIFICATION or ERASURE." })
  right!: string;

  @Field(() => String, { description: "What the right gives and whom to ask." })
  description!: string;
}

@ObjectType({ description: "A place to read more." })
export class InformationLink {
  @Field(() => String, { description: "Title of the page." })
  title!: string;

  @Field(() => String, { description: "Address of the page." })
  url!: string;
}

@ObjectType({ description: "The transparency notice of one authority (§5, Art. 18; R-NOTICE-1). Readable without login." })
export class PrivacyNotice {
  @Field(() => Authority, { description: "The controller: the authority, with its contact details and data protection officer." })
  controller!: Authority;

  @Field(() => String, { description: "That personal data may be processed in IMI, and why." })
  processing!: string;

  @Field(() => [String], { description: "Categories of recipients of the data." })
  recipientCategories!: string[];

  @Field(() => [DataSubjectRight], { description: "The data subject's rights and how to use them." })
  rights!: DataSubjectRight[];

  @Field(() => [NationalRestriction], { description: "National exceptions and restrictions of these rights in the controller's state." })
  nationalExceptions!: NationalRestriction[];

  @Field(() => [InformationLink], { description: "Where to read more." })
  moreInformation!: InformationLink[];

  @Field(() => String, { description: "The whole notice as plain text, ready to publish." })
  text!: string;

  @Field(() => Language, { description: "The language it is written in (the `language` argument, else Accept-Language, else English)." })
  language!: Language;
}
