import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { primeOpenedRoute } from "../../auth/procedure-situation.js";
import { procedureFacts } from "../../auth/request-access.js";
import { requireViewer, type Context } from "../../context.js";
import { PageArgs } from "../../graphql/page.args.js";
import { Authority } from "../directory/authority.type.js";
import { DataSubject } from "../procedures/personal-data.type.js";
import type { DataSubjectRow, ProcedureRow } from "../procedures/procedure.repository.js";
import { Procedure } from "../procedures/procedure.type.js";
import { DataSubjectRequestRoute, DataSubjectRequestWaitingFor } from "./rights.enums.js";
import { ContestationInput, DataSubjectRequestFilter, FileDataSubjectRequestInput, RetrieveBlockedDataInput } from "./rights.input.js";
import type { RequestRow, StepRow } from "./rights.repository.js";
import type { RightsService } from "./rights.service.js";
import { currentRouting, waitingFor } from "./routing.js";
import {
  AccessReport,
  AccessReportItem,
  BlockedDataRetrieval,
  Contestation,
  DataSubjectRequest,
  DataSubjectRequestConnection,
  DataSubjectRequestStep,
} from "./rights.type.js";
import { Correction } from "./rights.type.js";

const OPEN = new Set(["RECEIVED", "ESCALATED", "APPROVED"]);

/** The request's route and reason now (R-RECTIFY-1: decided when carried out), through this response's loaders. */
async function routingOf(ctx: Context, request: RequestRow) {
  if (!request.procedureId) return { route: request.route, reason: request.routeReason };
  const [procedure, participants] = await Promise.all([
    ctx.loaders.procedure.load(request.procedureId),
    ctx.loaders.allParticipants.load(request.procedureId),
  ]);
  return currentRouting(request, procedureFacts(procedure, participants, request.receivingAuthorityId));
}

/**
 * R-SEC-2: a read of the citizen's identity or words in a request is recorded, once per request,
 * field and response. The field guard (request:personal) has already let the viewer read it.
 */
const audited = new WeakMap<Context, Set<string>>();
function auditRequestRead(ctx: Context, request: { id: string; procedureId: string | null; dataSubjectId: string | null }, field: string): void {
  let seen = audited.get(ctx);
  if (!seen) audited.set(ctx, (seen = new Set()));
  const key = `${request.id}:${field}`;
  if (seen.has(key)) return;
  seen.add(key);
  ctx.audit.read({ procedureId: request.procedureId, dataSubjectId: request.dataSubjectId, fields: [field], ground: `DATA_SUBJECT_REQUEST:${request.id}` });
}

/** A mutation took steps on the request: what this response loaded of it before is stale. */
function fresh(ctx: Context, request: RequestRow): RequestRow {
  ctx.loaders.requestSteps.clear(request.id);
  if (request.procedureId) {
    ctx.loaders.procedure.clear(request.procedureId);
    ctx.loaders.allParticipants.clear(request.procedureId);
  }
  return request;
}

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
  async fileDataSubjectRequest(
    @Arg("input", () => FileDataSubjectRequestInput, { description: "The request." }) input: FileDataSubjectRequestInput,
    @Ctx() ctx: Context,
  ) {
    return fresh(ctx, await this.rights.file(requireViewer(ctx), input, ctx.audit));
  }

  @Mutation(() => DataSubjectRequest, {
    description: "Links a portal's request to a procedure of the receiving authority; it is routed then. Or names the data subject of a request linked without one (once). Its due date stays the one set when it was filed (R-RECTIFY-2).",
  })
  async linkDataSubjectRequest(
    @Arg("id", () => ID, { description: "Id of the request." }) id: string,
    @Arg("procedureId", () => ID, { description: "The procedure it concerns." }) procedureId: string,
    @Arg("dataSubjectId", () => ID, { nullable: true, description: "The data subject it concerns." }) dataSubjectId: string | null,
    @Ctx() ctx: Context,
  ) {
    return fresh(ctx, await this.rights.link(requireViewer(ctx), id, procedureId, dataSubjectId, ctx.audit));
  }

  @Mutation(() => DataSubjectRequest, {
    description:
      "Grants or rejects a request: the receiving authority's case handlers, in every case (R-RECTIFY-1; for blocked data, its confirmation that the Regulation's conditions are met, R-RECTIFY-3). A rejection needs a note.",
  })
  async decideDataSubjectRequest(
    @Arg("id", () => ID, { description: "Id of the request." }) id: string,
    @Arg("approve", () => Boolean, { description: "True to approve, false to reject." }) approve: boolean,
    @Arg("note", () => String, { nullable: true, description: "The decision's reasons under national law; required when rejecting." }) note: string | null,
    @Ctx() ctx: Context,
  ) {
    return fresh(ctx, await this.rights.decide(requireViewer(ctx), id, approve, note, ctx.audit));
  }

  @Mutation(() => DataSubjectRequest, {
    description: "Case (b): the initiating authority's case handler confirms the change the helpdesk carries out with it (R-RECTIFY-1 b).",
  })
  confirmDataSubjectRequest(
    @Arg("id", () => ID, { description: "Id of the request." }) id: string,
    @Arg("note", () => String, { nullable: true, description: "What the initiator confirms." }) note: string | null,
    @Ctx() ctx: Context,
  ) {
    return this.rights.confirm(requireViewer(ctx), id, note, ctx.audit).then((row) => fresh(ctx, row));
  }

  @Mutation(() => DataSubjectRequest, {
    description: "Case (c) and blocked data: the helpdesk records the steps agreed with the authority that granted the request (R-RECTIFY-1 c, R-RECTIFY-3).",
  })
  agreeDataSubjectRequestSteps(
    @Arg("id", () => ID, { description: "Id of the request." }) id: string,
    @Arg("note", () => String, { description: "The steps agreed, and with whom." }) note: string,
    @Ctx() ctx: Context,
  ) {
    return this.rights.agreeSteps(requireViewer(ctx), id, note, ctx.audit).then((row) => fresh(ctx, row));
  }

  @Mutation(() => AccessReport, {
    description: "Access to blocked data: the helpdesk retrieves it and produces the report for the receiving authority, which then answers the citizen (R-ACCESS-2).",
  })
  produceAccessReport(@Arg("requestId", () => ID, { description: "Id of the access request." }) requestId: string, @Ctx() ctx: Context) {
    ctx.loaders.requestSteps.clear(requestId);
    return this.rights.produceAccessReport(requireViewer(ctx), requestId, ctx.audit);
  }

  @Mutation(() => DataSubjectRequest, {
    description:
      "Carries out a granted request, by whoever its route names now: the receiving authority (case a, its own access report, the helpdesk's report of blocked data), the helpdesk once the initiator confirmed (b) or the steps are agreed (c). Blocked data is answered by recordContestation.",
  })
  async completeDataSubjectRequest(@Arg("id", () => ID, { description: "Id of the request." }) id: string, @Ctx() ctx: Context) {
    return fresh(ctx, await this.rights.complete(requireViewer(ctx), id, ctx.audit));
  }

  @Query(() => AccessReport, { description: "The answer to a completed access request (R-ACCESS-1, R-ACCESS-2)." })
  accessReport(@Arg("requestId", () => ID, { description: "Id of the access request." }) requestId: string, @Ctx() ctx: Context) {
    return this.rights.accessReport(requireViewer(ctx), requestId, ctx.audit);
  }

  @Mutation(() => DataSubjectRequest, {
    description:
      "Asks for early deletion of a data subject's personal data (or the whole procedure's, when every data subject consented): a case handler of a competent authority involved in the procedure, with the consent and a national legal basis; carried out by the retention job (R-RETAIN-6).",
  })
  async requestEarlyDeletion(
    @Arg("procedureId", () => ID, { description: "The procedure." }) procedureId: string,
    @Arg("consentReference", () => String, { description: "The data subject's consent reference." }) consentReference: string,
    @Arg("legalBasis", () => String, { description: "The legal basis under national law." }) legalBasis: string,
    @Arg("dataSubjectId", () => ID, { nullable: true, description: "The data subject who consented: only their personal data is deleted." })
    dataSubjectId: string | null,
    @Arg("allDataSubjectsConsented", () => Boolean, {
      nullable: true,
      description: "True when every data subject of the procedure consented: the whole procedure's personal data is deleted.",
    })
    allDataSubjectsConsented: boolean | null,
    @Ctx() ctx: Context,
  ) {
    const input = { procedureId, consentReference, legalBasis, dataSubjectId, allDataSubjectsConsented };
    return fresh(ctx, await this.rights.requestEarlyDeletion(requireViewer(ctx), input, ctx.audit));
  }

  @Mutation(() => Contestation, { description: "Records that blocked data is contested (Commission; R-RECTIFY-3)." })
  recordContestation(@Arg("input", () => ContestationInput, { description: "The contestation." }) input: ContestationInput, @Ctx() ctx: Context) {
    if (input.requestId) ctx.loaders.requestSteps.clear(input.requestId);
    return this.rights.recordContestation(requireViewer(ctx), input, ctx.audit);
  }

  @Mutation(() => BlockedDataRetrieval, { description: "Retrieves blocked data on a competent authority's request, on a stated ground (Commission; R-RETAIN-4)." })
  async retrieveBlockedData(
    @Arg("input", () => RetrieveBlockedDataInput, { description: "The procedure, the requesting authority and the ground." }) input: RetrieveBlockedDataInput,
    @Ctx() ctx: Context,
  ) {
    const retrieval = await this.rights.retrieveBlockedData(requireViewer(ctx), input, ctx.audit);
    primeOpenedRoute(ctx, retrieval.procedure, retrieval.grant);
    return retrieval;
  }

  @FieldResolver(() => Authority, { description: "The authority that received it." })
  receivingAuthority(@Root() request: RequestRow, @Ctx() ctx: Context) {
    return ctx.loaders.authority.load(request.receivingAuthorityId);
  }

  @FieldResolver(() => Boolean, { description: "Whether it is past its due date and not yet answered." })
  overdue(@Root() request: RequestRow, @Ctx() ctx: Context) {
    return OPEN.has(request.status) && request.dueAt < ctx.now;
  }

  @FieldResolver(() => DataSubjectRequestRoute, {
    nullable: true,
    description: "Who carries it out, from the procedure's state now (R-RECTIFY-1: a procedure that closes or is blocked moves it); null until linked.",
  })
  async route(@Root() request: RequestRow, @Ctx() ctx: Context) {
    return (await routingOf(ctx, request)).route;
  }

  @FieldResolver(() => String, { nullable: true, description: "Why it is routed so." })
  async routeReason(@Root() request: RequestRow, @Ctx() ctx: Context) {
    return (await routingOf(ctx, request)).reason;
  }

  @FieldResolver(() => DataSubjectRequestWaitingFor, { description: "Whom it waits for now." })
  async waitingFor(@Root() request: RequestRow, @Ctx() ctx: Context) {
    const [{ route }, steps] = await Promise.all([routingOf(ctx, request), ctx.loaders.requestSteps.load(request.id)]);
    return waitingFor(request, route, steps);
  }

  @FieldResolver(() => [DataSubjectRequestStep], { description: "The steps taken on it, oldest first." })
  async steps(@Root() request: RequestRow, @Ctx() ctx: Context) {
    return (await ctx.loaders.requestSteps.load(request.id)).map((step) => ({ ...step, request }));
  }

  @FieldResolver(() => String, { nullable: true, description: "The citizen's name as the request gives it (personal data: REQUEST_PERSONAL)." })
  requesterName(@Root() request: RequestRow, @Ctx() ctx: Context) {
    auditRequestRead(ctx, request, "DataSubjectRequest.requesterName");
    return request.requesterName;
  }

  @FieldResolver(() => String, { nullable: true, description: "The citizen's identifier as the request gives it (personal data)." })
  requesterIdentifier(@Root() request: RequestRow, @Ctx() ctx: Context) {
    if (request.requesterIdentifier !== null) auditRequestRead(ctx, request, "DataSubjectRequest.requesterIdentifier");
    return request.requesterIdentifier;
  }

  @FieldResolver(() => String, { nullable: true, description: "What the citizen wrote (personal data)." })
  details(@Root() request: RequestRow, @Ctx() ctx: Context) {
    if (request.details !== null) auditRequestRead(ctx, request, "DataSubjectRequest.details");
    return request.details;
  }

  @FieldResolver(() => Correction, { nullable: true, description: "For a rectification: the corrected values (personal data)." })
  correction(@Root() request: RequestRow, @Ctx() ctx: Context) {
    if (request.correction !== null) auditRequestRead(ctx, request, "DataSubjectRequest.correction");
    return request.correction;
  }

  @FieldResolver(() => String, { nullable: true, description: "The decision's note, under national law (required when rejecting)." })
  decisionNote(@Root() request: RequestRow, @Ctx() ctx: Context) {
    if (request.decisionNote !== null) auditRequestRead(ctx, request, "DataSubjectRequest.decisionNote");
    return request.decisionNote;
  }
}

type StepParent = StepRow & { request: RequestRow };

/** A step's note goes with the request's personal data: the same guard (request:personal on the step's request). */
@Resolver(() => DataSubjectRequestStep)
export class DataSubjectRequestStepResolver {
  @FieldResolver(() => Authority, { nullable: true, description: "The authority that acted; null for the system." })
  actorAuthority(@Root() step: StepParent, @Ctx() ctx: Context) {
    return step.actorAuthorityId ? ctx.loaders.authority.load(step.actorAuthorityId) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: "The step's note (personal data: the same readers as the citizen's identity)." })
  note(@Root() step: StepParent, @Ctx() ctx: Context) {
    if (step.note !== null) auditRequestRead(ctx, step.request, "DataSubjectRequestStep.note");
    return step.note;
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
