import { Field, ID, ObjectType } from "type-graphql";
import { Connection } from "../../graphql/connection.js";
import { LegalArea } from "./legal-area.type.js";

@ObjectType({ description: "A data protection officer's public contact." })
export class DataProtectionOfficer {
  @Field(() => String, { description: "Name or function of the officer." })
  name!: string;

  @Field(() => String, { description: "E-mail address for data-protection questions." })
  email!: string;
}

@ObjectType({ description: "A competent authority: a controller of the data it processes in IMI (§11)." })
export class Authority {
  @Field(() => ID, { description: "Stable id." })
  id!: string;

  @Field(() => String, { description: "Official name." })
  name!: string;

  @Field(() => String, { description: "ISO 3166 alpha-2 code of its member state (`EU` for the Commission)." })
  memberState!: string;

  @Field(() => [LegalArea], { description: "The legal areas it is registered for (R-PURPOSE-2)." })
  legalAreas!: LegalArea[];

  @Field(() => String, { description: "Public contact e-mail." })
  contactEmail!: string;

  @Field(() => String, { nullable: true, description: "Public contact telephone." })
  contactPhone!: string | null;

  @Field(() => String, { description: "Postal address." })
  postalAddress!: string;

  @Field(() => String, { nullable: true, description: "Website." })
  website!: string | null;

  @Field(() => DataProtectionOfficer, { description: "Its data protection officer." })
  dataProtectionOfficer!: DataProtectionOfficer;

  @Field(() => Boolean, {
    description:
      "One of its member state's alert coordinators (Art. 12), in every legal area it is registered for: an alert sent to all " +
      "member states reaches it (issue 17).",
  })
  alertCoordinator!: boolean;
}

@ObjectType({ description: "A page of authorities." })
export class AuthorityConnection extends Connection(Authority, "Authority") {}
