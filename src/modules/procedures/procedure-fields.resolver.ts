import type { GraphQLResolveInfo } from "graphql";
import { Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { groundOf, procedureDecision, situationOf } from "../../auth/procedure-situation.js";
import { selectedFields } from "../../graphql/selection.js";
import { Authority } from "../directory/authority.type.js";
import { LegalArea } from "../directory/legal-area.type.js";
import type { ProcedureRow } from "./procedure.repository.js";
import { Participant, PersonalDataAccess, Procedure } from "./procedure.type.js";
import { DataSubject, LegalPerson, Message } from "./personal-data.type.js";

/**
 * Procedure fields. Who may read which is decided by shield from the policy (auth/policy.ts) before
 * these run; here personal data is only loaded and its reads recorded (R-SEC-2).
 */
@Resolver(() => Procedure)
export class ProcedureFieldsResolver {
  @FieldResolver(() => LegalArea, { description: "The legal area it runs under (R-PURPOSE-1)." })
  legalArea(@Root() procedure: ProcedureRow, @Ctx() ctx: Context) {
    return ctx.loaders.legalArea.load(procedure.legalAreaCode);
  }

  @FieldResolver(() => Authority, { description: "The initiating authority." })
  initiator(@Root() procedure: ProcedureRow, @Ctx() ctx: Context) {
    return ctx.loaders.authority.load(procedure.initiatorAuthorityId);
  }

  @FieldResolver(() => [Participant], { description: "The authorities taking part, the initiator first." })
  async participants(@Root() procedure: ProcedureRow, @Ctx() ctx: Context) {
    const rows = await ctx.loaders.participants.load(procedure.id);
    return rows.map((row) => ({
      procedureId: procedure.id,
      part: row.part,
      acceptedAt: row.acceptedAt,
      authority: ctx.loaders.authority.load(row.authorityId),
    }));
  }

  @FieldResolver(() => PersonalDataAccess, { description: "Whether you may read its personal data, before you ask." })
  personalDataAccess(@Root() procedure: ProcedureRow, @Ctx() ctx: Context) {
    return procedureDecision(ctx, procedure, "personalData");
  }

  @FieldResolver(() => String, { nullable: true, description: "Consent reference of a SOLVIT complaint form (R-CONSENT-1); personal data." })
  async consentReference(@Root() procedure: ProcedureRow, @Ctx() ctx: Context) {
    const consentReference = (await ctx.loaders.consentReference.load(procedure.id))?.consentReference ?? null;
    if (consentReference) {
      const ground = groundOf(await situationOf(ctx, procedure));
      ctx.audit.read({ procedureId: procedure.id, fields: ["Procedure.consentReference"], ground });
    }
    return consentReference;
  }

  @FieldResolver(() => String, { nullable: true, description: "The initiator's justification; for the case handlers of participating authorities." })
  async justification(@Root() procedure: ProcedureRow, @Ctx() ctx: Context) {
    return (await ctx.loaders.justification.load(procedure.id))?.justification ?? null;
  }

  @FieldResolver(() => [DataSubject], { nullable: true, description: "Personal data: null with a FORBIDDEN error when withheld." })
  async dataSubjects(@Root() procedure: ProcedureRow, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const subjects = await ctx.loaders.dataSubjects.load(procedure.id);
    const ground = groundOf(await situationOf(ctx, procedure));
    const fields = selectedFields(info).map((field) => `DataSubject.${field}`);
    for (const subject of subjects) ctx.audit.read({ procedureId: procedure.id, dataSubjectId: subject.id, fields, ground });
    return subjects;
  }

  @FieldResolver(() => [Message], { nullable: true, description: "Personal data: null with a FORBIDDEN error when withheld." })
  async messages(@Root() procedure: ProcedureRow, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const messages = await ctx.loaders.messages.load(procedure.id);
    if (messages.length > 0) {
      const ground = groundOf(await situationOf(ctx, procedure));
      ctx.audit.read({ procedureId: procedure.id, fields: selectedFields(info).map((field) => `Message.${field}`), ground });
    }
    return messages;
  }

  @FieldResolver(() => [LegalPerson], { nullable: true, description: "Confidential (R-LEGALPERSON-1): null with a FORBIDDEN error when withheld." })
  legalPersons(@Root() procedure: ProcedureRow, @Ctx() ctx: Context) {
    return ctx.loaders.legalPersons.load(procedure.id);
  }
}
