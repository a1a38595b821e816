import type { GraphQLResolveInfo } from "graphql";
import { Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { groundOf, situationOf } from "../../auth/procedure-situation.js";
import { selectedFields } from "../../graphql/selection.js";
import { Authority } from "../directory/authority.type.js";
import type { ProcedureRow } from "../procedures/procedure.repository.js";
import { Procedure } from "../procedures/procedure.type.js";
import type { AttachmentRow } from "./attachment.repository.js";
import { ATTACHMENTS_PATH } from "./attachment.route.js";
import { Attachment } from "./attachment.type.js";

/** `Procedure.attachments`: shield has decided (the personalData cells); the read of the metadata is audited here (R-SEC-2). */
@Resolver(() => Procedure)
export class ProcedureAttachmentsResolver {
  @FieldResolver(() => [Attachment], { nullable: true, description: "Documents of the procedure. Personal data: null with a FORBIDDEN error when withheld." })
  async attachments(@Root() procedure: ProcedureRow, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const rows = await ctx.loaders.attachments.load(procedure.id);
    if (rows.length > 0) {
      const ground = groundOf(await situationOf(ctx, procedure));
      ctx.audit.read({ procedureId: procedure.id, fields: selectedFields(info).map((field) => `Attachment.${field}`), ground });
    }
    return rows;
  }
}

@Resolver(() => Attachment)
export class AttachmentResolver {
  @FieldResolver(() => Authority, { description: "The authority that uploaded it." })
  uploadedBy(@Root() attachment: AttachmentRow, @Ctx() ctx: Context) {
    return ctx.loaders.authority.load(attachment.uploadedByAuthorityId);
  }

  @FieldResolver(() => String, { description: "Where to GET its bytes (relative to the API's origin), sent with Content-Disposition: attachment." })
  downloadPath(@Root() attachment: AttachmentRow) {
    return `${ATTACHMENTS_PATH}/${attachment.id}`;
  }
}
