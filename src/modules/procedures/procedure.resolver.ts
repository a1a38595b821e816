import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { requireViewer, type Context } from "../../context.js";
import { PageArgs } from "../../graphql/page.args.js";
import {
  ConfidentialityInput,
  CreateProcedureInput,
  DataSubjectInput,
  LegalPersonInput,
  ProcedureFilter,
  SensitiveRecordInput,
} from "./procedure.input.js";
import type { ProcedureService } from "./procedure.service.js";
import { Forwarding, Procedure, ProcedureConnection } from "./procedure.type.js";
import { ConfidentialityFlag, DataSubject, LegalPerson, Message, SensitiveRecord } from "./personal-data.type.js";

const idArg = { description: "Id of the procedure." };

@Resolver()
export class ProcedureResolver {
  constructor(private readonly procedureService: ProcedureService) {}

  @Query(() => ProcedureConnection, { description: "Procedures you may see, newest first (row scope of the need-to-know matrix)." })
  procedures(
    @Arg("filter", () => ProcedureFilter, { nullable: true, description: "Narrows the list." }) filter: ProcedureFilter | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return this.procedureService.list(requireViewer(ctx), filter ?? {}, first, after);
  }

  @Query(() => Procedure, { nullable: true, description: "One procedure; null with NOT_FOUND when it does not exist or is not yours to see." })
  procedure(@Arg("id", () => ID, idArg) id: string, @Ctx() ctx: Context) {
    return this.procedureService.get(requireViewer(ctx), id);
  }

  @Mutation(() => Procedure, { description: "Creates a draft procedure of your authority (R-PURPOSE-1, R-PURPOSE-2, R-CONSENT-1)." })
  createProcedure(@Arg("input", () => CreateProcedureInput, { description: "The procedure." }) input: CreateProcedureInput, @Ctx() ctx: Context) {
    return this.procedureService.create(requireViewer(ctx), input);
  }

  @Mutation(() => DataSubject, { description: "Names a person in a procedure (initiator, or a participant that accepted)." })
  addDataSubject(
    @Arg("procedureId", () => ID, idArg) procedureId: string,
    @Arg("input", () => DataSubjectInput, { description: "The person." }) input: DataSubjectInput,
    @Ctx() ctx: Context,
  ) {
    return this.procedureService.addDataSubject(requireViewer(ctx), procedureId, input, ctx.audit);
  }

  @Mutation(() => SensitiveRecord, { description: "Adds a sanction or good-repute record to a data subject (R-SENSITIVE-1)." })
  addSensitiveRecord(
    @Arg("dataSubjectId", () => ID, { description: "Id of the data subject." }) dataSubjectId: string,
    @Arg("input", () => SensitiveRecordInput, { description: "The record." }) input: SensitiveRecordInput,
    @Ctx() ctx: Context,
  ) {
    return this.procedureService.addSensitiveRecord(requireViewer(ctx), dataSubjectId, input, ctx.audit);
  }

  @Mutation(() => LegalPerson, { description: "Names a company in a procedure (R-LEGALPERSON-1)." })
  addLegalPerson(
    @Arg("procedureId", () => ID, idArg) procedureId: string,
    @Arg("input", () => LegalPersonInput, { description: "The company." }) input: LegalPersonInput,
    @Ctx() ctx: Context,
  ) {
    return this.procedureService.addLegalPerson(requireViewer(ctx), procedureId, input);
  }

  @Mutation(() => Procedure, { description: "Sends a draft to its recipients (initiator)." })
  sendProcedure(@Arg("id", () => ID, idArg) id: string, @Ctx() ctx: Context) {
    return this.procedureService.send(requireViewer(ctx), id);
  }

  @Mutation(() => Procedure, { description: "Accepts a request, or acknowledges an alert or notification (responder or recipient)." })
  acceptProcedure(@Arg("id", () => ID, idArg) id: string, @Ctx() ctx: Context) {
    return this.procedureService.accept(requireViewer(ctx), id);
  }

  @Mutation(() => Forwarding, { description: "Forwards a request to another authority of your member state, which takes your place; you lose access." })
  forwardProcedure(
    @Arg("id", () => ID, idArg) id: string,
    @Arg("toAuthorityId", () => ID, { description: "The authority that takes over." }) toAuthorityId: string,
    @Ctx() ctx: Context,
  ) {
    return this.procedureService.forward(requireViewer(ctx), id, toAuthorityId);
  }

  @Mutation(() => Message, { description: "Writes a question (initiator) or an answer (responder that accepted)." })
  postMessage(
    @Arg("procedureId", () => ID, idArg) procedureId: string,
    @Arg("body", () => String, { description: "The text." }) body: string,
    @Ctx() ctx: Context,
  ) {
    return this.procedureService.postMessage(requireViewer(ctx), procedureId, body, ctx.audit);
  }

  @Mutation(() => Procedure, { description: "Closes a procedure formally (initiator); retention periods run from now." })
  closeProcedure(@Arg("id", () => ID, idArg) id: string, @Ctx() ctx: Context) {
    return this.procedureService.close(requireViewer(ctx), id);
  }

  @Mutation(() => Message, {
    description:
      "Updates an alert your authority sent (initiator, while it is out; issue 17): the update is a message of kind ALERT_UPDATE, " +
      "announced to the recipients as MESSAGE_POSTED. Acknowledgements stand.",
  })
  updateAlert(
    @Arg("id", () => ID, { description: "Id of the alert." }) id: string,
    @Arg("body", () => String, { description: "What changed, 1 to 20000 characters; may name people (personal data)." }) body: string,
    @Ctx() ctx: Context,
  ) {
    return this.procedureService.updateAlert(requireViewer(ctx), id, body, ctx.audit);
  }

  @Mutation(() => Procedure, {
    description:
      "Withdraws an alert your authority sent (initiator; issue 17): it is CLOSED with withdrawnAt, retention periods run from now, " +
      "and it is blocked on the usual schedule even where closed alerts stay visible (R-RETAIN-2 keeps closed alerts only). " +
      "The reason is a message of kind ALERT_WITHDRAWAL.",
  })
  withdrawAlert(
    @Arg("id", () => ID, { description: "Id of the alert." }) id: string,
    @Arg("reason", () => String, { description: "Why it is withdrawn, 1 to 20000 characters; may name people (personal data)." }) reason: string,
    @Ctx() ctx: Context,
  ) {
    return this.procedureService.withdrawAlert(requireViewer(ctx), id, reason, ctx.audit);
  }

  @Mutation(() => ConfidentialityFlag, { description: "Flags a legal person or message as confidential under national rules (§6)." })
  requestConfidentiality(
    @Arg("input", () => ConfidentialityInput, { description: "The item and the reason." }) input: ConfidentialityInput,
    @Ctx() ctx: Context,
  ) {
    return this.procedureService.requestConfidentiality(requireViewer(ctx), input);
  }
}
