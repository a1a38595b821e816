import type { GraphQLResolveInfo } from "graphql";
import { Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { groundOf, situationOf } from "../../auth/procedure-situation.js";
import { selectedFields } from "../../graphql/selection.js";
import { Authority } from "../directory/authority.type.js";
import type { ConfidentialityFlagRow, DataSubjectRow, LegalPersonRow, MessageRow } from "./procedure.repository.js";
import { ConfidentialityFlag, DataSubject, LegalPerson, Message, SensitiveRecord } from "./personal-data.type.js";

@Resolver(() => DataSubject)
export class DataSubjectResolver {
  /** R-SENSITIVE-1: every read of a sensitive record is audited (shield has decided the read is allowed). */
  @FieldResolver(() => [SensitiveRecord], { description: "Sensitive records about this person; every read is audited." })
  async sensitiveRecords(@Root() subject: DataSubjectRow, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const records = await ctx.loaders.sensitiveRecords.load(subject.id);
    const procedure = await ctx.loaders.procedure.load(subject.procedureId);
    if (records.length > 0 && procedure) {
      ctx.audit.read({
        procedureId: subject.procedureId,
        dataSubjectId: subject.id,
        fields: selectedFields(info).map((field) => `SensitiveRecord.${field}`),
        ground: groundOf(await situationOf(ctx, procedure)),
      });
    }
    return records;
  }
}

@Resolver(() => Message)
export class MessageResolver {
  @FieldResolver(() => Authority, { description: "The authority that wrote it." })
  author(@Root() message: MessageRow, @Ctx() ctx: Context) {
    return ctx.loaders.authority.load(message.authorAuthorityId);
  }

  @FieldResolver(() => Boolean, { description: "Whether it has been flagged confidential (§6)." })
  async confidential(@Root() message: MessageRow, @Ctx() ctx: Context) {
    return (await ctx.loaders.confidentialityFlag.load(message.id)) !== undefined;
  }
}

@Resolver(() => LegalPerson)
export class LegalPersonResolver {
  @FieldResolver(() => Boolean, { description: "Whether it has been flagged confidential (§6)." })
  async confidential(@Root() person: LegalPersonRow, @Ctx() ctx: Context) {
    return (await ctx.loaders.confidentialityFlag.load(person.id)) !== undefined;
  }
}

@Resolver(() => ConfidentialityFlag)
export class ConfidentialityFlagResolver {
  @FieldResolver(() => Authority, { description: "The authority that asked for the flag." })
  requestedBy(@Root() flag: ConfidentialityFlagRow, @Ctx() ctx: Context) {
    return ctx.loaders.authority.load(flag.requestedByAuthorityId);
  }
}
