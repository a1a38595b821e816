import { Field, Float, ID, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../../graphql/scalars.js";
import { Authority } from "../directory/authority.type.js";

@ObjectType({
  description:
    "A document of a procedure (a diploma, a certificate, a decision). Personal data. Its bytes are downloaded over plain HTTP at `downloadPath` with the same bearer token; every download is audited.",
})
export class Attachment {
  @Field(() => ID, { description: "Stable id." })
  id!: string;

  @Field(() => String, { description: "The file's name, sanitised on upload (it can name a person)." })
  fileName!: string;

  @Field(() => String, { description: "The type found in its content: application/pdf, image/png or image/jpeg." })
  contentType!: string;

  @Field(() => Float, { description: "Size in bytes." })
  sizeBytes!: number;

  @Field(() => String, { description: "SHA-256 of the content, hex: a downloader can check it arrived whole." })
  sha256!: string;

  @Field(() => Authority, { description: "The authority that uploaded it." })
  uploadedBy!: Authority;

  @Field(() => DateTimeScalar, { description: "When it was uploaded." })
  createdAt!: Date;

  @Field(() => String, { description: "Where to GET its bytes (relative to the API's origin), sent with Content-Disposition: attachment." })
  downloadPath!: string;
}
