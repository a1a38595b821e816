import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { requireViewer, type Context } from "../../context.js";
import { PageArgs } from "../../graphql/page.args.js";
import { Authority } from "../directory/authority.type.js";
import { DataSubject } from "../procedures/personal-data.type.js";
import type { DataSubjectRow, ProcedureRow } from "../procedures/procedure.repository.js";
import { Procedure } from "../procedures/procedure.type.js";
import { ContestationInput, DataSubjectRequestFilter, FileDataSubjectRequestInput, RetrieveBlockedDataInput } from "./rights.input.js";
import type { RequestRow } from "./rights.repository.js";
import type { RightsService } from "./rights.service.js";
import {
  AccessReport,
  AccessReportItem,
  BlockedDataRetrieval,
  Contestation,
  DataSubjectRequest,
  DataSubjectRequestConnection,
} from "./rights.type.js";

const OPEN = new Set(["RECEIVED", "ESCALATED", "APPROVED"]);

@Resolver(() => DataSubjectRequest)
export class RightsResolver {
  constructor(private readonly rights: RightsService) {}

  @Query(() => DataSubjectRequestConnection, { description: "Data-subject requests you may see, newest first (need-to-know matrix)." })
  dataSubjectRequests(
    @Arg("filter", () => DataSubjectRequestFilter, { nullable: true, description: "Narrows the list." }) filter: DataSubjectRequestFilter | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return this.rights.list(requireViewer(ctx), filter ?? {}, first, after);
  }

  @Query(() => DataSubjectRequest, { nullable: true, description: "One data-subject request; NOT_FOUND when missing or not yours to see." })
  dataSubjectRequest(@Arg("id", () => ID, { description: "Id of the request." }) id: string, @Ctx() ctx: Context) {
    return this.rights.get(requireViewer(ctx), id);
  }

  @Mutation(() => DataSubjectRequest, {
    description: "Records a data subject's request: by a case handler for a procedure of its authority, or by a portal for a citizen (R-ACCESS-1, R-RECTIFY-1).",
  })
  fileDataSubjectRequest(
    @Arg("input", () => FileDataSubjectRequestInput, { description: "The request." }) input: FileDataSubjectRequestInput,
    @Ctx() ctx: Context,
  ) {
    return this.rights.file(requireViewer(ctx), input);
  }

  @Mutation(() => DataSubjectRequest, { description: "Links a portal's request to a procedure of the receiving authority; it is routed then." })
  linkDataSubjectRequest(
    @Arg("id", () => ID, { description: "Id of the request." }) id: string,
    @Arg("procedureId", () => ID, { description: "The procedure it concerns." }) procedureId: string,
    @Arg("dataSubjectId", () => ID, { nullable: true, description: "The data subject it concerns." }) dataSubjectId: string | null,
    @Ctx() ctx: Context,
  ) {
    return this.rights.link(requireViewer(ctx), id, procedureId, dataSubjectId);
  }

  @Mutation(() => DataSubjectRequest, { description: "Approves or rejects a request (the party its route names; a rejection needs a note)." })
  decideDataSubjectRequest(
    @Arg("id", () => ID, { description: "Id of the request." }) id: string,
    @Arg("approve", () => Boolean, { description: "True to approve, false to reject." }) approve: boolean,
    @Arg("note", () => String, { nullable: true, description: "The decision's reasons under national law; required when rejecting." }) note: string | null,
    @Ctx() ctx: Context,
  ) {
    return this.rights.decide(requireViewer(ctx), id, approve, note);
  }

  @Mutation(() => DataSubjectRequest, { description: "Carries out an approved request: applies a rectification or erasure, or answers an access request." })
  completeDataSubjectRequest(@Arg("id", () => ID, { description: "Id of the request." }) id: string, @Ctx() ctx: Context) {
    return this.rights.complete(requireViewer(ctx), id, ctx.audit);
  }

  @Query(() => AccessReport, { description: "The answer to a completed access request (R-ACCESS-1, R-ACCESS-2)." })
  accessReport(@Arg("requestId", () => ID, { description: "Id of the access request." }) requestId: string, @Ctx() ctx: Context) {
    return this.rights.accessReport(requireViewer(ctx), requestId, ctx.audit);
  }

  @Mutation(() => DataSubjectRequest, { description: "Asks for early deletion of a procedure's personal data (initiating authority; R-RETAIN-6)." })
  requestEarlyDeletion(
    @Arg("procedureId", () => ID, { description: "The procedure." }) procedureId: string,
    @Arg("consentReference", () => String, { description: "The data subject's consent reference." }) consentReference: string,
    @Arg("legalBasis", () => String, { description: "The legal basis under national law." }) legalBasis: string,
    @Ctx() ctx: Context,
  ) {
    return this.rights.requestEarlyDeletion(requireViewer(ctx), procedureId, consentReference, legalBasis);
  }

  @Mutation(() => Contestation, { description: "Records that blocked data is contested (Commission; R-RECTIFY-3)." })
  recordContestation(@Arg("input", () => ContestationInput, { description: "The contestation." }) input: ContestationInput, @Ctx() ctx: Context) {
    return this.rights.recordContestation(requireViewer(ctx), input);
  }

  @Mutation(() => BlockedDataRetrieval, { description: "Retrieves blocked data on a competent authority's request, on a stated ground (Commission; R-RETAIN-4)." })
  retrieveBlockedData(
    @Arg("input", () => RetrieveBlockedDataInput, { description: "The procedure, the requesting authority and the ground." }) input: RetrieveBlockedDataInput,
    @Ctx() ctx: Context,
  ) {
    return this.rights.retrieveBlockedData(requireViewer(ctx), input, ctx.audit);
  }

  @FieldResolver(() => Authority, { description: "The authority that received it." })
  receivingAuthority(@Root() request: RequestRow, @Ctx() ctx: Context) {
    return ctx.loaders.authority.load(request.receivingAuthorityId);
  }

  @FieldResolver(() => Boolean, { description: "Whether it is past its due date and not yet answered." })
  overdue(@Root() request: RequestRow, @Ctx() ctx: Context) {
    return OPEN.has(request.status) && request.dueAt < ctx.now;
  }
}

@Resolver(() => AccessReportItem)
export class AccessReportItemResolver {
  @FieldResolver(() => [Authority], { description: "The authorities that received this data (from the audit log)." })
  async recipients(@Root() item: { recipientIds: string[] }, @Ctx() ctx: Context) {
    return (await ctx.loaders.authority.loadMany(item.recipientIds)).filter((a) => a && !(a instanceof Error));
  }
}

@Resolver(() => BlockedDataRetrieval)
export class BlockedDataRetrievalResolver {
  @FieldResolver(() => Authority, { description: "The competent authority on whose request it was retrieved." })
  requestingAuthority(@Root() retrieval: { requestingAuthorityId: string }, @Ctx() ctx: Context) {
    return ctx.loaders.authority.load(retrieval.requestingAuthorityId);
  }
}

/** R-RECTIFY-3: a contestation is shown beside the blocked data it concerns. */
@Resolver(() => Procedure)
export class ProcedureContestationsResolver {
  @FieldResolver(() => [Contestation], { nullable: true, description: "Contestations of its blocked data (R-RECTIFY-3); personal data." })
  contestations(@Root() procedure: ProcedureRow, @Ctx() ctx: Context) {
    return ctx.loaders.contestations.load(procedure.id);
  }
}

@Resolver(() => DataSubject)
export class DataSubjectContestationsResolver {
  @FieldResolver(() => [Contestation], { description: "Contestations of this person's blocked data (R-RECTIFY-3)." })
  async contestations(@Root() subject: DataSubjectRow, @Ctx() ctx: Context) {
    return (await ctx.loaders.contestations.load(subject.procedureId)).filter((c) => c.dataSubjectId === subject.id);
  }
}
