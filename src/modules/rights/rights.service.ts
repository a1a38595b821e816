import { withSystemRole } from "../../db/rls/request-scope.js";
import { routingFactsOf } from "./routing-facts.js";
import type { Clock } from "../../clock.js";
import { isUuid } from "../../db/ids.js";
import type { Database, Transaction } from "../../db/database.js";
import { BadUserInputError, ConflictError, DomainError, ForbiddenError, NotFoundError } from "../../errors.js";
import { decide, PROCEDURE_CLASSES } from "../../auth/policy.js";
import { participationOf, recordState } from "../../auth/procedure-situation.js";
import { mayReadRequestPersonal, procedureFacts, requestRelations } from "../../auth/request-access.js";
import { hasRole, type Viewer } from "../../auth/viewer.js";
import { pageRequest, toConnection } from "../../graphql/pagination.js";
import type { AuditRecorder } from "../audit/audit.recorder.js";
import { DirectoryRepository } from "../directory/directory.repository.js";
import { ProcedureRepository, type ParticipantRow, type ProcedureRow } from "../procedures/procedure.repository.js";
import { deletionDate, plusMonthsUtc } from "../retention/periods.js";
import type { ContestationInput, CorrectionInput, FileDataSubjectRequestInput, RetrieveBlockedDataInput } from "./rights.input.js";
import { RightsRepository, type RequestFilter, type RequestRow, type StepRow } from "./rights.repository.js";
import { currentRouting, dueDate, helpdeskActs, isFinished, routeRequest, type Route, type StepKind } from "./routing.js";

/**
 * R-ACCESS-2, R-RETAIN-3: the helpdesk reaches blocked data until its deletion, 36 calendar months
 * after closure: the retention job's own definition (periods.ts), to the second.
 */
const untilDeletion = (procedure: ProcedureRow) => deletionDate(procedure.closedAt ?? new Date(0));
/** A retrieval opens the data for a week: long enough to answer, short enough not to linger. */
const RETRIEVAL_MS = 7 * 24 * 3600 * 1000;

/** What a step of a request works on: the request locked, its procedure locked, its route now. */
interface Acting {
  tx: Transaction;
  rights: RightsRepository;
  request: RequestRow;
  procedure: ProcedureRow | undefined;
  participants: ParticipantRow[];
  route: Route | null;
  steps: StepRow[];
  now: Date;
  /** Whether the receiving authority reads the procedure's personal data (initiated or accepted it, still takes part). */
  receiverReads: boolean;
}

/**
 * R-RECTIFY-1, R-ACCESS-1, Art. 8: an authority that never received the procedure's personal data (it
 * has not accepted the procedure, or no longer takes part) grants no request about it, and nobody acts
 * on that data for it. Found from outside: a responder that had not accepted filed an erasure, granted
 * it itself, and so opened the whole procedure's personal data to the helpdesk for up to a year.
 */
const RECEIVER_NOT_READING =
  "The receiving authority has not accepted the procedure (or no longer takes part in it): it never received the procedure's personal data, so it cannot grant a request about that data, and nobody acts on it for that authority. Accept the procedure first, or reject the request (R-RECTIFY-1, R-ACCESS-1).";

export class RightsService {
  private readonly rights: RightsRepository;
  private readonly procedures: ProcedureRepository;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {
    this.rights = new RightsRepository(db);
    this.procedures = new ProcedureRepository(db);
  }

  async list(viewer: Viewer, filter: RequestFilter, first?: number | null, after?: string | null) {
    const page = pageRequest(first, after);
    const { rows, totalCount } = await this.rights.page(viewer, filter, page, this.clock.now());
    return toConnection(rows, page, totalCount, (row) => ({ createdAt: row.receivedAt, id: row.id }));
  }

  async get(viewer: Viewer, id: string): Promise<RequestRow> {
    const request = await this.rights.findVisibleRequest(viewer, id);
    if (!request) throw new NotFoundError("Data-subject request", id);
    return request;
  }

  /**
   * Receives a request: a case handler for its own authority on one of its procedures, or a
   * portal for a citizen, naming the authority (linked to a procedure later by its handler).
   * R-RECTIFY-2: either way it is received, and its 30 days start, when it is filed.
   */
  async file(viewer: Viewer, input: FileDataSubjectRequestInput, audit: AuditRecorder): Promise<RequestRow> {
    if (input.kind === "EARLY_DELETION") {
      throw new BadUserInputError("Early deletion is asked for by a competent authority involved, with requestEarlyDeletion.", "kind");
    }
    const now = this.clock.now();
    const base = {
      kind: input.kind,
      requesterName: input.requesterName.trim(),
      requesterIdentifier: input.requesterIdentifier?.trim() || null,
      details: input.details ?? null,
      correction: input.kind === "RECTIFICATION" ? correctionOf(input.correction) : null,
      filedByUserId: viewer.userId,
      receivedAt: now,
      dueAt: dueDate(now),
    };
    if (input.kind === "RECTIFICATION" && !base.correction) {
      throw new BadUserInputError("A rectification states the corrected values (correction).", "correction");
    }
    if (hasRole(viewer, "PORTAL") && !hasRole(viewer, "CASE_HANDLER")) {
      if (!input.receivingAuthorityId) throw new BadUserInputError("Name the authority the citizen addresses.", "receivingAuthorityId");
      if (input.procedureId || input.dataSubjectId) {
        throw new BadUserInputError("A portal names the authority; its case handler links the request to procedures.", "procedureId");
      }
      const [authority] = await new DirectoryRepository(this.db).authoritiesByIds([input.receivingAuthorityId]);
      if (!authority) throw new BadUserInputError(`Unknown authority ${input.receivingAuthorityId}.`, "receivingAuthorityId");
      return this.db.transaction(async (tx) => {
        const rights = new RightsRepository(tx);
        const request = await rights.insertRequest({ ...base, receivingAuthorityId: authority.id });
        await this.step(tx, audit, viewer, request, "RECEIVED", now);
        return request;
      });
    }
    if (!input.procedureId) throw new BadUserInputError("Name the procedure the request concerns.", "procedureId");
    return this.db.transaction(async (tx) => {
      const rights = new RightsRepository(tx);
      const request = await rights.insertRequest({ ...base, receivingAuthorityId: viewer.authorityId });
      await this.step(tx, audit, viewer, request, "RECEIVED", now);
      return this.attach(tx, viewer, audit, request, input.procedureId!, input.dataSubjectId ?? null, now);
    });
  }

  /** A case handler of the receiving authority links a portal's request to a procedure. Its due date stays (R-RECTIFY-2). */
  async link(viewer: Viewer, id: string, procedureId: string, dataSubjectId: string | null, audit: AuditRecorder): Promise<RequestRow> {
    return this.db.transaction(async (tx) => {
      const rights = new RightsRepository(tx);
      const visible = await rights.findVisibleRequest(viewer, id);
      const request = visible && (await rights.findRequest(id, true));
      if (!request) throw new NotFoundError("Data-subject request", id);
      if (request.receivingAuthorityId !== viewer.authorityId || !hasRole(viewer, "CASE_HANDLER")) {
        throw new ForbiddenError("Only a case handler of the receiving authority links a request.");
      }
      const now = this.clock.now();
      if (request.procedureId) {
        // Found from outside: a granted rectification or erasure filed without naming its data subject
        // could never be carried out. Its receiving authority names the subject later, once.
        if (request.procedureId !== procedureId || request.dataSubjectId || !dataSubjectId || isFinished(request.status)) {
          throw new ConflictError("The request is already linked to a procedure.");
        }
        // Under the procedure's lock, as every writer of its personal data (an erasure or the deletion
        // removing that subject meanwhile then comes first, and the subject is simply not found).
        const procedures = new ProcedureRepository(tx);
        await procedures.lock(procedureId);
        const subject = await withSystemRole("rights", () => procedures.findDataSubject(dataSubjectId));
        if (!subject || subject.procedureId !== procedureId) throw new NotFoundError("Data subject", dataSubjectId);
        const named = await rights.updateRequest(request.id, { dataSubjectId });
        await this.step(tx, audit, viewer, named, "LINKED", now);
        return named;
      }
      await this.step(tx, audit, viewer, request, "LINKED", now);
      return this.attach(tx, viewer, audit, request, procedureId, dataSubjectId, now);
    });
  }

  /** R-ACCESS-1: a request concerns a procedure the receiving authority is involved in; routed from its state now. */
  private async attach(tx: Transaction, viewer: Viewer, audit: AuditRecorder, request: RequestRow, procedureId: string, dataSubjectId: string | null, now: Date) {
    const procedures = new ProcedureRepository(tx);
    const rights = new RightsRepository(tx);
    const visible = await procedures.findVisible(viewer, procedureId);
    // Routed from the procedure as it is under its lock, the order every writer and the deletion keep.
    const procedure = visible && (await procedures.lock(visible.id));
    const participation = procedure && (await procedures.participation(procedure.id, request.receivingAuthorityId));
    if (!procedure || !participation || (procedure.status === "DRAFT" && participation.part !== "INITIATOR")) {
      throw new NotFoundError("Procedure", procedureId);
    }
    if (dataSubjectId) {
      const subject = await withSystemRole("rights", () => procedures.findDataSubject(dataSubjectId));
      if (!subject || subject.procedureId !== procedure.id) throw new NotFoundError("Data subject", dataSubjectId);
    }
    const { route, reason } = routeRequest(request.kind, recordState(procedure), participation.part === "INITIATOR");
    // R-RECTIFY-2: receivedAt and dueAt are not touched: linking does not move the date.
    let updated = await rights.updateRequest(request.id, { procedureId: procedure.id, dataSubjectId, route, routeReason: reason });
    // R-ACCESS-1: an access request that names the citizen's identifier is answered from everything the
    // authority holds, not only the procedure it was linked to. Found from outside: linked to a deleted
    // procedure, it was answered "no data held" at once while the authority held the citizen's data in
    // another one; its receiving authority now decides and answers it (accessReport searches them all).
    const searchesMore = request.kind === "ACCESS" && request.requesterIdentifier !== null;
    if (route === "NO_DATA_HELD" && !searchesMore) {
      updated = await rights.updateRequest(request.id, {
        status: "COMPLETED",
        completedAt: now,
        decisionNote: "No personal data is held: it has been deleted.",
      });
      await this.step(tx, audit, viewer, updated, "ANSWERED", now, { note: "No personal data is held (R-ACCESS-2)." });
      return updated;
    }
    // R-RECTIFY-2: cases (b), (c) and blocked data reach the helpdesk at once.
    return helpdeskActs(route) ? this.escalate(tx, viewer, audit, updated, procedure, now, receivedPersonalData(procedure, [participation], request.receivingAuthorityId)) : updated;
  }

  /** The request reaches the helpdesk: recorded as a step, and a recorded route to the data opened for it. */
  private async escalate(tx: Transaction, viewer: Viewer | null, audit: AuditRecorder, request: RequestRow, procedure: ProcedureRow, now: Date, receiverReads: boolean) {
    if (request.escalatedAt) return request;
    const rights = new RightsRepository(tx);
    const updated = await rights.updateRequest(request.id, {
      escalatedAt: now,
      status: request.status === "RECEIVED" ? "ESCALATED" : request.status,
    });
    await this.step(tx, audit, viewer, updated, "ESCALATED_TO_HELPDESK", now, { note: updated.routeReason });
    // Granted while its receiver read the data, then moved here: the route opens only if it still does (RECEIVER_NOT_READING).
    if (updated.status === "APPROVED" && receiverReads) await this.openHelpdeskRoute(tx, viewer, updated, procedure, now);
    return updated;
  }

  /**
   * The helpdesk's recorded route to the procedure's personal data (Art. 8), opened only once the
   * receiving authority has granted the request: R-RECTIFY-1 sends a request to the helpdesk "once it
   * is granted" (found from outside: a made-up request filed by any participant opened the whole
   * procedure's data to the helpdesk at once, before anyone decided, for up to a year). Once per request.
   */
  private async openHelpdeskRoute(tx: Transaction, viewer: Viewer | null, request: RequestRow, procedure: ProcedureRow, now: Date) {
    if (request.kind === "EARLY_DELETION") return;
    const rights = new RightsRepository(tx);
    if (await rights.hasGrant(request.id)) return;
    const until = procedure.closedAt ? untilDeletion(procedure) : plusMonthsUtc(now, 12);
    const helpdesks = await rights.helpdeskAuthorityIds();
    await rights.grant(
      helpdesks.map((authorityId) => ({
        procedureId: procedure.id,
        authorityId,
        ground: "DATA_SUBJECT_REQUEST" as const,
        reference: request.id,
        grantedByUserId: viewer?.userId ?? null,
        grantedAt: now,
        expiresAt: until,
      })),
    );
  }

  /**
   * One step on a request, judged on the procedure as it is now (R-RECTIFY-1: "at that moment"): the
   * request and its procedure locked, its route recomputed and, when the procedure closed or was
   * blocked since, the request moved to the helpdesk. `work` returns a DomainError to refuse: the move
   * is kept (it happened whoever asked), the step is not taken.
   */
  private async act(viewer: Viewer, id: string, audit: AuditRecorder, work: (acting: Acting) => Promise<RequestRow | DomainError>): Promise<RequestRow> {
    const outcome = await this.db.transaction(async (tx) => {
      const rights = new RightsRepository(tx);
      const procedures = new ProcedureRepository(tx);
      const visible = await rights.findVisibleRequest(viewer, id);
      let request = visible && (await rights.findRequest(id, true));
      if (!request) throw new NotFoundError("Data-subject request", id);
      // Locked and read as they are, whoever acts (routing-facts.ts): the route is the same for every viewer.
      const facts = request.procedureId ? (await routingFactsOf(tx, [request.procedureId], { lock: true }))[0] : undefined;
      const procedure = facts?.procedure;
      const participants = facts?.participants ?? [];
      const { route, reason } = currentRouting(request, procedureFacts(procedure, participants, request.receivingAuthorityId));
      const now = this.clock.now();
      const receiverReads = procedure !== undefined && receivedPersonalData(procedure, participants, request.receivingAuthorityId);
      if (!isFinished(request.status) && route !== request.route) {
        request = await rights.updateRequest(request.id, { route, routeReason: reason });
      }
      if (procedure && !isFinished(request.status) && helpdeskActs(route)) request = await this.escalate(tx, null, audit, request, procedure, now, receiverReads);
      const steps = await rights.stepsOf([request.id]);
      return work({ tx, rights, request, procedure, participants, route, steps, now, receiverReads });
    });
    if (outcome instanceof DomainError) throw outcome;
    return outcome;
  }

  /** R-RECTIFY-1: the authority that received the request decides it, in every case; a rejection says why. */
  async decide(viewer: Viewer, id: string, approve: boolean, note: string | null, audit: AuditRecorder): Promise<RequestRow> {
    const text = note?.trim() || null;
    if (!approve && !text) throw new BadUserInputError("Say why the request is rejected (note).", "note");
    return this.act(viewer, id, audit, async ({ tx, rights, request, procedure, route, now, receiverReads }) => {
      if (!isReceiver(viewer, request)) {
        return new ForbiddenError("The receiving authority's case handlers decide the request; the helpdesk carries out what it granted.");
      }
      if (request.kind === "EARLY_DELETION") return new ConflictError("An early deletion is decided by the authority that asks for it, when it asks.");
      if (!route) return new ConflictError("Link the request to a procedure first.");
      if (request.status !== "RECEIVED" && request.status !== "ESCALATED") {
        return new ConflictError(`The request is ${request.status.toLowerCase()}: it has been decided already.`);
      }
      if (approve && procedure && route !== "NO_DATA_HELD" && !receiverReads) return new ConflictError(RECEIVER_NOT_READING);
      if (!approve) await rights.endGrants(request.id, now);
      const updated = await rights.updateRequest(request.id, {
        status: approve ? "APPROVED" : "REJECTED",
        decidedAt: now,
        decidedByUserId: viewer.userId,
        decisionNote: text,
      });
      await this.step(tx, audit, viewer, updated, "DECIDED", now, { note: text, approved: approve });
      if (approve && procedure && helpdeskActs(route)) await this.openHelpdeskRoute(tx, viewer, updated, procedure, now);
      return updated;
    });
  }

  /** R-RECTIFY-1 (b): the initiator's case handler confirms the change the helpdesk is to carry out with it. */
  async confirm(viewer: Viewer, id: string, note: string | null, audit: AuditRecorder): Promise<RequestRow> {
    return this.act(viewer, id, audit, async ({ tx, request, participants, route, steps, now }) => {
      const initiator = participants.find((p) => p.part === "INITIATOR" && p.forwardedAt === null);
      if (!hasRole(viewer, "CASE_HANDLER") || !initiator || initiator.authorityId !== viewer.authorityId) {
        return new ForbiddenError("Only the initiating authority's case handlers confirm a change the helpdesk carries out with them.");
      }
      if (route !== "HELPDESK_WITH_INITIATOR") return new ConflictError("Only a request the helpdesk carries out with the initiator (R-RECTIFY-1 b) waits for its confirmation.");
      if (request.status !== "APPROVED") return new ConflictError("The receiving authority has not granted the request yet.");
      if (steps.some((s) => s.kind === "INITIATOR_CONFIRMED")) return new ConflictError("The initiator has confirmed already.");
      await this.step(tx, audit, viewer, request, "INITIATOR_CONFIRMED", now, { note: note?.trim() || null });
      return request;
    });
  }

  /** R-RECTIFY-1 (c), R-RECTIFY-3: the helpdesk records the steps agreed with the authority that granted the request. */
  async agreeSteps(viewer: Viewer, id: string, note: string, audit: AuditRecorder): Promise<RequestRow> {
    const text = note.trim();
    if (!text) throw new BadUserInputError("Say which steps were agreed with the granting authority (note).", "note");
    return this.act(viewer, id, audit, async ({ tx, request, route, steps, now }) => {
      if (!hasRole(viewer, "COMMISSION")) return new ForbiddenError("The helpdesk records the steps it agreed with the granting authority.");
      if (route !== "COMMISSION" && route !== "CONTESTATION") {
        return new ConflictError("Steps are agreed with the helpdesk for a closed procedure or blocked data only (R-RECTIFY-1 c, R-RECTIFY-3).");
      }
      if (request.kind === "EARLY_DELETION") return new ConflictError("An early deletion is carried out by the retention job.");
      if (request.status !== "APPROVED") return new ConflictError("The receiving authority has not granted the request yet.");
      if (steps.some((s) => s.kind === "STEPS_AGREED")) return new ConflictError("The steps have been agreed already.");
      await this.step(tx, audit, viewer, request, "STEPS_AGREED", now, { note: text });
      return request;
    });
  }

  /**
   * Carries out a granted request, by whoever its route names now: the receiving authority for (a) and
   * its own access report, the helpdesk once the initiator confirmed (b) or the steps are agreed (c).
   * Blocked data is never changed here (R-RECTIFY-3: recordContestation with the request answers it).
   */
  async complete(viewer: Viewer, id: string, audit: AuditRecorder): Promise<RequestRow> {
    return this.act(viewer, id, audit, async ({ tx, rights, request, procedure, participants, route, steps, now, receiverReads }) => {
      if (request.status !== "APPROVED") return new ConflictError("Only a granted request is carried out.");
      if (request.kind === "EARLY_DELETION") return new ConflictError("An approved early deletion is carried out by the retention job.");
      if (!route || !procedure) return new ConflictError("Link the request to a procedure first.");
      const took = (kind: StepKind) => steps.some((s) => s.kind === kind);
      const helpdesk = hasRole(viewer, "COMMISSION");
      switch (route) {
        case "INITIATOR":
        case "RECEIVING_AUTHORITY":
        case "NO_DATA_HELD":
          if (!isReceiver(viewer, request)) return new ForbiddenError(`${forbiddenFor(route)}`);
          break;
        case "HELPDESK_REPORT":
          if (!isReceiver(viewer, request)) return new ForbiddenError(forbiddenFor(route));
          if (!took("REPORT_PRODUCED")) return new ConflictError("Waiting for the helpdesk to retrieve the blocked data and produce the report (R-ACCESS-2).");
          break;
        case "HELPDESK_WITH_INITIATOR":
          if (!helpdesk) return new ForbiddenError(forbiddenFor(route));
          if (!took("INITIATOR_CONFIRMED")) return new ConflictError("Waiting for the initiator's confirmation (R-RECTIFY-1 b).");
          break;
        case "COMMISSION":
          if (!helpdesk) return new ForbiddenError(forbiddenFor(route));
          if (!took("STEPS_AGREED")) return new ConflictError("Agree the steps with the granting authority first (R-RECTIFY-1 c).");
          break;
        case "CONTESTATION":
          if (!helpdesk) return new ForbiddenError(forbiddenFor(route));
          return new ConflictError("Blocked data is not changed: record the contestation with the rectified values (recordContestation with requestId, R-RECTIFY-3).");
      }
      if (helpdeskActs(route) && !receiverReads) return new ConflictError(RECEIVER_NOT_READING);
      // R-ACCESS-1: the receiving authority answers from what it reads itself. Found from outside: a
      // responder that had not accepted the procedure answered with an empty report while the data was
      // held, and the citizen read "no data held".
      if (request.kind === "ACCESS" && route === "RECEIVING_AUTHORITY" && !receiverReads) {
        return new ConflictError(
          "The receiving authority cannot read the procedure's personal data (it has not accepted the procedure, or no longer takes part), so its report would leave out data that is held: accept the procedure first (R-ACCESS-1).",
        );
      }
      const ground = `DATA_SUBJECT_REQUEST:${request.id}`;
      const applies = route !== "NO_DATA_HELD" && (request.kind === "RECTIFICATION" || request.kind === "ERASURE");
      if (applies) {
        if (!request.dataSubjectId) return new ConflictError("Link the request to the data subject concerned first.");
        if (request.kind === "RECTIFICATION") {
          const correction = request.correction ?? {};
          await rights.updateDataSubject(request.dataSubjectId, { ...correction, updatedAt: now });
          // The log names the corrected fields, not their values: it must not outlive the data it describes.
          await audit.writeNow(tx, [
            { action: "UPDATE", procedureId: procedure.id, dataSubjectId: request.dataSubjectId, fields: Object.keys(correction).map((f) => `DataSubject.${f}`), ground },
          ]);
        } else {
          await rights.deleteDataSubject(request.dataSubjectId);
          await audit.writeNow(tx, [{ action: "DELETE", procedureId: procedure.id, dataSubjectId: request.dataSubjectId, fields: ["DataSubject"], ground }]);
        }
      }
      await rights.endGrants(request.id, now);
      const updated = await rights.updateRequest(request.id, { status: "COMPLETED", completedAt: now });
      await this.step(tx, audit, viewer, updated, applies ? "CARRIED_OUT" : "ANSWERED", now, {
        note: route === "NO_DATA_HELD" ? "No personal data is held (R-ACCESS-2)." : null,
      });
      return updated;
    });
  }

  /** R-ACCESS-2: for blocked data the helpdesk retrieves it and produces the report for the receiving authority. */
  async produceAccessReport(viewer: Viewer, id: string, audit: AuditRecorder) {
    await this.act(viewer, id, audit, async ({ tx, request, procedure, route, steps, now, receiverReads }) => {
      if (!hasRole(viewer, "COMMISSION")) return new ForbiddenError("The helpdesk produces the report of blocked data for the receiving authority (R-ACCESS-2).");
      if (request.kind !== "ACCESS" || route !== "HELPDESK_REPORT" || !procedure) {
        return new ConflictError("The helpdesk produces the report only of an access request about blocked data (R-ACCESS-2).");
      }
      if (!receiverReads) return new ConflictError(RECEIVER_NOT_READING);
      if (request.status !== "APPROVED") return new ConflictError("The receiving authority has not granted the request yet.");
      if (steps.some((s) => s.kind === "REPORT_PRODUCED")) return new ConflictError("The report has been produced already.");
      await audit.writeNow(tx, [
        { action: "RETRIEVE", procedureId: procedure.id, dataSubjectId: request.dataSubjectId, fields: ["AccessReport"], ground: `DATA_SUBJECT_REQUEST:${request.id}` },
      ]);
      await this.step(tx, audit, viewer, request, "REPORT_PRODUCED", now);
      return request;
    });
    return this.accessReport(viewer, id, audit);
  }

  /** R-ACCESS-1, R-ACCESS-2: the answer to an access request, for whoever REQUEST_PERSONAL lets read it. */
  async accessReport(viewer: Viewer, id: string, audit: AuditRecorder) {
    const request = await this.get(viewer, id);
    // As they are, whoever reads (routing-facts.ts): a procedure outside the viewer's scope is not a deleted one.
    const facts = request.procedureId ? (await routingFactsOf(this.db, [request.procedureId]))[0] : undefined;
    const procedure = facts?.procedure;
    const participants = facts?.participants ?? [];
    const { route } = currentRouting(request, procedureFacts(procedure, participants, request.receivingAuthorityId));
    if (!mayReadRequestPersonal(viewer, request, route)) {
      throw new ForbiddenError("Only the filing portal, the receiving authority's case handlers or the helpdesk on its route read this report.");
    }
    if (request.kind !== "ACCESS") throw new ConflictError("Only an access request has an access report.");
    // R-ACCESS-2: the helpdesk's report of blocked data is for the receiving authority before it answers.
    const produced = (await this.rights.stepsOf([request.id])).some((s) => s.kind === "REPORT_PRODUCED");
    const relations = requestRelations(viewer, request, route);
    // Before the answer only the receiving authority's case handlers and the helpdesk read it, not the portal.
    const forAuthority =
      produced &&
      ((relations.includes("RECEIVED_IT") && hasRole(viewer, "CASE_HANDLER")) || (relations.includes("HELPDESK_ROUTE") && hasRole(viewer, "COMMISSION")));
    if (request.status !== "COMPLETED" && !forAuthority) throw new ConflictError("The access request has not been answered yet.");
    const producedAt = this.clock.now();
    // An authority's case handler reads only what its authority may (initiated or accepted); the
    // helpdesk on its route and the filing portal read what the helpdesk retrieved.
    // Found from outside: the filing portal read, on the helpdesk's route, what the receiving authority
    // it addressed may not (a procedure it never accepted). The portal reads what that authority reads.
    const readsAsAuthority = !hasRole(viewer, "COMMISSION");
    const heldAt = request.completedAt ?? producedAt;
    // The citizen's own data, for whoever may read the request (checked above): a named system use.
    const { rows, records, recipients, contestations } = await withSystemRole("rights", async () => {
      const reader = readsAsAuthority ? request.receivingAuthorityId : null;
      // R-ACCESS-1: what the receiving authority holds itself, in every procedure it reads (found from
      // outside: linked to a deleted or blocked procedure, the report searched that procedure only and
      // left out the citizen's data the authority held elsewhere); R-ACCESS-2: with, for a blocked
      // procedure, what the helpdesk retrieved of it. The helpdesk itself reads only what it retrieved on
      // its recorded route (Art. 8), never the authority's other procedures.
      const own =
        reader && (route === "RECEIVING_AUTHORITY" || route === "NO_DATA_HELD" || route === "HELPDESK_REPORT")
          ? await this.rights.accessItems({
              dataSubjectId: route === "RECEIVING_AUTHORITY" ? request.dataSubjectId : null,
              identifier: request.requesterIdentifier,
              authorityId: request.receivingAuthorityId,
              procedureId: request.procedureId,
              readerAuthorityId: reader,
              heldAt,
            })
          : [];
      const retrieved =
        route === "RECEIVING_AUTHORITY"
          ? []
          : await this.rights.accessItems({
              dataSubjectId: request.dataSubjectId,
              identifier: request.requesterIdentifier,
              authorityId: null,
              procedureId: request.procedureId,
              readerAuthorityId: reader,
              heldAt,
            });
      const seen = new Set(own.map((row) => row.subject.id));
      const rows = [...own, ...retrieved.filter((row) => !seen.has(row.subject.id))].sort((a, b) => a.subject.createdAt.getTime() - b.subject.createdAt.getTime());
      const ids = rows.map((row) => row.subject.id);
      const [records, recipients, contestations] = await Promise.all([
        this.rights.sensitiveRecordsOf(ids, heldAt),
        this.rights.recipientsOf(ids),
        this.rights.contestationsOf([...new Set(rows.map((row) => row.subject.procedureId))]),
      ]);
      return { rows, records, recipients, contestations };
    });
    for (const row of rows) {
      audit.read({ procedureId: row.subject.procedureId, dataSubjectId: row.subject.id, fields: ["AccessReport"], ground: `ACCESS_REQUEST:${request.id}` });
    }
    // R-ACCESS-2: decided when answered, not when filed: once the data is deleted, no data is held.
    const deleted = !procedure || recordState(procedure) === "DELETED" || route === "NO_DATA_HELD";
    return {
      requestId: request.id,
      noDataHeld: rows.length === 0 && deleted,
      producedAt,
      items: rows.map(({ subject, reference }) => ({
        ...subject,
        procedureReference: reference,
        sensitiveRecords: records.filter((r) => r.dataSubjectId === subject.id),
        recipientIds: [...new Set(recipients.filter((r) => r.dataSubjectId === subject.id).map((r) => r.authorityId))],
        // R-RECTIFY-3: a contestation is shown with the blocked data whenever it is retrieved.
        contestations: contestations.filter((c) => c.dataSubjectId === subject.id),
      })),
    };
  }

  /**
   * R-RETAIN-6: a competent authority involved in the procedure (its initiator or a participant taking
   * part) expressly asks, with the data subject's consent and a legal basis under national law. Its
   * express request is its decision: the retention job carries it out, deleting the named data
   * subject's personal data, or the whole procedure's when every data subject consented.
   */
  async requestEarlyDeletion(
    viewer: Viewer,
    input: { procedureId: string; consentReference: string; legalBasis: string; dataSubjectId?: string | null; allDataSubjectsConsented?: boolean | null },
    audit: AuditRecorder,
  ): Promise<RequestRow> {
    const consent = input.consentReference.trim();
    const basis = input.legalBasis.trim();
    const allConsented = input.allDataSubjectsConsented === true;
    if (!consent) throw new BadUserInputError("Early deletion needs the data subject's consent reference (R-RETAIN-6).", "consentReference");
    if (!basis) throw new BadUserInputError("Early deletion needs a legal basis under national law (R-RETAIN-6).", "legalBasis");
    if (consent.length > 500) throw new BadUserInputError("A consent reference has at most 500 characters.", "consentReference");
    if (basis.length > 2000) throw new BadUserInputError("A legal basis has at most 2000 characters.", "legalBasis");
    if (!input.dataSubjectId && !allConsented) {
      throw new BadUserInputError(
        "Name the data subject who consented (dataSubjectId), or say that every data subject of the procedure consented (allDataSubjectsConsented) (R-RETAIN-6).",
        "dataSubjectId",
      );
    }
    const procedure = await this.procedures.findVisible(viewer, input.procedureId);
    if (!procedure) throw new NotFoundError("Procedure", input.procedureId);
    const participation = await this.procedures.participation(procedure.id, viewer.authorityId);
    // Involved: the initiator, or a participant that accepted. Found from outside: a recipient that never
    // accepted, and so never read the data subjects, had a whole procedure deleted on its word that
    // every subject consented (R-RETAIN-6, the matrix).
    const involved = participation && (participation.part === "INITIATOR" || (participation.acceptedAt !== null && procedure.status !== "DRAFT"));
    if (!hasRole(viewer, "CASE_HANDLER") || !participation) {
      throw new ForbiddenError("Only the case handlers of a competent authority involved in the procedure ask for early deletion.");
    }
    if (!involved) {
      throw new ForbiddenError("Your authority has not accepted this procedure: it cannot vouch for its data subjects' consent (R-RETAIN-6).");
    }
    if (procedure.personalDataDeletedAt) throw new ConflictError("The personal data of this procedure is deleted already.");
    if (input.dataSubjectId) {
      const subject = await withSystemRole("rights", () => this.procedures.findDataSubject(input.dataSubjectId!));
      if (!subject || subject.procedureId !== procedure.id) throw new NotFoundError("Data subject", input.dataSubjectId);
    }
    const now = this.clock.now();
    const { route, reason } = routeRequest("EARLY_DELETION", recordState(procedure), participation.part === "INITIATOR");
    return this.db.transaction(async (tx) => {
      const rights = new RightsRepository(tx);
      // Re-checked under the procedure's lock, the order the deletion keeps (R-RETAIN-3): a deletion that
      // committed meanwhile is a CONFLICT, a subject removed meanwhile NOT_FOUND, never a foreign-key error.
      const procedures = new ProcedureRepository(tx);
      const locked = await procedures.lock(procedure.id);
      if (!locked || locked.personalDataDeletedAt) throw new ConflictError("The personal data of this procedure is deleted already.");
      if (input.dataSubjectId && !(await withSystemRole("rights", () => procedures.findDataSubject(input.dataSubjectId!)))) throw new NotFoundError("Data subject", input.dataSubjectId);
      const request = await rights.insertRequest({
        kind: "EARLY_DELETION",
        status: "APPROVED",
        route,
        routeReason: reason,
        receivingAuthorityId: viewer.authorityId,
        procedureId: procedure.id,
        dataSubjectId: input.dataSubjectId ?? null,
        allSubjectsConsented: allConsented,
        requesterName: "Requesting authority",
        consentReference: consent,
        legalBasis: basis,
        filedByUserId: viewer.userId,
        receivedAt: now,
        escalatedAt: now,
        decidedAt: now,
        decidedByUserId: viewer.userId,
        dueAt: dueDate(now),
      });
      await this.step(tx, audit, viewer, request, "RECEIVED", now);
      await this.step(tx, audit, viewer, request, "DECIDED", now, {
        approved: true,
        note: allConsented ? "Every data subject consented: the whole procedure's personal data." : "The named data subject's personal data.",
      });
      return request;
    });
  }

  /**
   * R-RECTIFY-3: the Commission records that blocked data is contested, together with the rectified
   * values, beside it. With `requestId` it answers that granted rectification or erasure request.
   */
  async recordContestation(viewer: Viewer, input: ContestationInput, audit: AuditRecorder) {
    if (!hasRole(viewer, "COMMISSION")) throw new ForbiddenError("Only the Commission records contestations.");
    const rectified = correctionOf(input.rectifiedValues);
    if (!input.requestId) {
      const procedure = await this.procedures.findVisible(viewer, input.procedureId);
      if (!procedure) throw new NotFoundError("Procedure", input.procedureId);
      if (recordState(procedure) !== "BLOCKED") throw new ConflictError("Contestations are recorded beside blocked data only (R-RECTIFY-3).");
      if (input.dataSubjectId) {
        const subject = await withSystemRole("rights", () => this.procedures.findDataSubject(input.dataSubjectId!));
        if (!subject || subject.procedureId !== procedure.id) throw new NotFoundError("Data subject", input.dataSubjectId);
      }
      return this.db.transaction(async (tx) => {
        // Checked again under the procedure's lock, which the retention job's deletion also takes: a
        // deletion that committed meanwhile is seen, and one that follows waits for this insert (R-RETAIN-3).
        const locked = await new ProcedureRepository(tx).lock(procedure.id);
        if (!locked || recordState(locked) !== "BLOCKED") throw new ConflictError("Contestations are recorded beside blocked data only (R-RECTIFY-3).");
        if (input.dataSubjectId && !(await withSystemRole("rights", () => new ProcedureRepository(tx).findDataSubject(input.dataSubjectId!)))) {
          throw new NotFoundError("Data subject", input.dataSubjectId);
        }
        const contestation = await withSystemRole("rights", () => new RightsRepository(tx).insertContestation({
          procedureId: procedure.id,
          dataSubjectId: input.dataSubjectId ?? null,
          ground: input.ground,
          statement: input.statement.trim(),
          rectifiedValues: rectified,
          recordedByUserId: viewer.userId,
          createdAt: this.clock.now(),
        }));
        await audit.writeNow(tx, [
          { action: "CREATE", procedureId: procedure.id, dataSubjectId: contestation.dataSubjectId, fields: ["Contestation"], ground: `CONTESTATION:${contestation.id}` },
        ]);
        return contestation;
      });
    }
    let recorded: Awaited<ReturnType<RightsRepository["insertContestation"]>> | undefined;
    await this.act(viewer, input.requestId, audit, async ({ tx, rights, request, procedure, route, now }) => {
      if (request.kind !== "RECTIFICATION" && request.kind !== "ERASURE") return new ConflictError("A contestation answers a rectification or erasure request.");
      if (route !== "CONTESTATION" || !procedure) return new ConflictError("The request's data is not blocked: it is carried out, not contested (R-RECTIFY-3).");
      if (procedure.id !== input.procedureId) return new BadUserInputError("The request concerns another procedure.", "procedureId");
      if (input.dataSubjectId && request.dataSubjectId && input.dataSubjectId !== request.dataSubjectId) {
        return new BadUserInputError("The request concerns another data subject.", "dataSubjectId");
      }
      // R-RECTIFY-3: shown beside that person's blocked data, so it names the person (found from outside:
      // a contestation of a request naming nobody was attached to no data subject and never shown).
      const subjectId = request.dataSubjectId ?? input.dataSubjectId ?? null;
      if (!subjectId) return new BadUserInputError("Name the data subject the contestation concerns (dataSubjectId) (R-RECTIFY-3).", "dataSubjectId");
      const subject = await withSystemRole("rights", () => new ProcedureRepository(tx).findDataSubject(subjectId));
      if (!subject || subject.procedureId !== procedure.id) return new NotFoundError("Data subject", subjectId);
      if (request.status !== "APPROVED") return new ConflictError("The receiving authority has not confirmed that the request meets the Regulation's conditions.");
      const values = rectified ?? (request.kind === "RECTIFICATION" ? request.correction : null);
      if (request.kind === "RECTIFICATION" && !values) return new BadUserInputError("A contestation of accuracy is recorded with the rectified values.", "rectifiedValues");
      recorded = await withSystemRole("rights", () => rights.insertContestation({
        procedureId: procedure.id,
        dataSubjectId: subjectId,
        requestId: request.id,
        ground: input.ground,
        statement: input.statement.trim(),
        rectifiedValues: values,
        recordedByUserId: viewer.userId,
        createdAt: now,
      }));
      await audit.writeNow(tx, [
        { action: "CREATE", procedureId: procedure.id, dataSubjectId: subjectId, fields: ["Contestation"], ground: `DATA_SUBJECT_REQUEST:${request.id}` },
      ]);
      await rights.endGrants(request.id, now);
      const updated = await rights.updateRequest(request.id, { status: "COMPLETED", completedAt: now });
      await this.step(tx, audit, viewer, updated, "CONTESTATION_RECORDED", now);
      return updated;
    });
    return recorded!;
  }

  /** R-RETAIN-4: only the Commission, on a competent authority's request, on a stated ground; audited. */
  async retrieveBlockedData(viewer: Viewer, input: RetrieveBlockedDataInput, audit: AuditRecorder) {
    if (!hasRole(viewer, "COMMISSION")) throw new ForbiddenError("Only the Commission retrieves blocked data (R-RETAIN-4).");
    const consent = input.consentReference?.trim() || null;
    if (input.ground === "PROVE_EXCHANGE" && !consent) {
      throw new BadUserInputError("Proving an exchange needs the data subject's consent reference (R-RETAIN-4).", "consentReference");
    }
    return this.db.transaction(async (tx) => {
      const rights = new RightsRepository(tx);
      const visible = await new ProcedureRepository(tx).findVisible(viewer, input.procedureId);
      // Locked, as every writer of personal data locks it (R-RETAIN-3: the deletion takes the same lock).
      const procedure = visible && (await new ProcedureRepository(tx).lock(visible.id));
      if (!procedure) throw new NotFoundError("Procedure", input.procedureId);
      const state = recordState(procedure);
      if (state === "DELETED") throw new ConflictError("The personal data has been deleted: there is nothing to retrieve.");
      if (state !== "BLOCKED") throw new ConflictError("The data is not blocked: its participants read it themselves.");
      if (!isUuid(input.requestingAuthorityId) || !(await rights.tookPart(procedure.id, input.requestingAuthorityId))) {
        throw new BadUserInputError("The requesting authority must have taken part in the procedure.", "requestingAuthorityId");
      }
      const now = this.clock.now();
      const retrieval = await rights.insertRetrieval({
        procedureId: procedure.id,
        requestingAuthorityId: input.requestingAuthorityId,
        ground: input.ground,
        consentReference: consent,
        reason: input.reason.trim(),
        retrievedByUserId: viewer.userId,
        createdAt: now,
      });
      const validUntil = new Date(Math.min(now.getTime() + RETRIEVAL_MS, untilDeletion(procedure).getTime()));
      const [grant] = await rights.grant([
        {
          procedureId: procedure.id,
          authorityId: viewer.authorityId,
          ground: "BLOCKED_DATA_RETRIEVAL",
          reference: retrieval.id,
          grantedByUserId: viewer.userId,
          grantedAt: now,
          expiresAt: validUntil,
        },
      ]);
      await audit.writeNow(tx, [
        { action: "RETRIEVE", procedureId: procedure.id, fields: ["Procedure.personalData"], ground: `BLOCKED_DATA_RETRIEVAL:${input.ground}:${retrieval.id}` },
      ]);
      return { ...retrieval, validUntil, procedure, grant: grant! };
    });
  }

  /** R-SEC-2: each step of a request is recorded with its actor and time, and audited in the same transaction. */
  private async step(
    tx: Transaction,
    audit: AuditRecorder,
    actor: Viewer | null,
    request: RequestRow,
    kind: StepKind,
    at: Date,
    extra: { note?: string | null; approved?: boolean } = {},
  ) {
    await new RightsRepository(tx).insertStep({
      requestId: request.id,
      kind,
      actorUserId: actor?.userId ?? null,
      actorAuthorityId: actor?.authorityId ?? null,
      approved: extra.approved ?? null,
      note: extra.note ?? null,
      at,
    });
    await audit.writeNow(tx, [
      {
        action: "REQUEST_STEP",
        procedureId: request.procedureId,
        dataSubjectId: request.dataSubjectId,
        fields: [`DataSubjectRequest.step.${kind}`],
        ground: `DATA_SUBJECT_REQUEST:${request.id}`,
      },
    ]);
  }
}

function isReceiver(viewer: Viewer, request: RequestRow): boolean {
  return hasRole(viewer, "CASE_HANDLER") && viewer.authorityId === request.receivingAuthorityId;
}

function forbiddenFor(route: Route): string {
  switch (route) {
    case "INITIATOR":
    case "RECEIVING_AUTHORITY":
    case "NO_DATA_HELD":
      return "The receiving authority's case handlers carry this request out.";
    case "HELPDESK_REPORT":
      return "The receiving authority answers the citizen with the helpdesk's report; the helpdesk produces it (produceAccessReport).";
    case "HELPDESK_WITH_INITIATOR":
      return "The procedure is open and the receiving authority did not initiate it: the helpdesk carries the request out with the initiator (R-RECTIFY-1 b).";
    case "COMMISSION":
      return "The procedure is closed: only the Commission carries the request out (R-RECTIFY-1 c).";
    case "CONTESTATION":
      return "The data is blocked: a case handler neither rectifies nor erases it; the helpdesk records the contestation (R-RECTIFY-3).";
  }
}

function correctionOf(input: CorrectionInput | null | undefined): Record<string, string> | null {
  if (!input) return null;
  const entries = Object.entries(input).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1].trim() !== "");
  return entries.length > 0 ? Object.fromEntries(entries.map(([k, v]) => [k, v.trim()])) : null;
}

/**
 * Whether the authority received the procedure's personal data, whatever the data's state now: asked
 * of the policy (its case handlers' personalData cell at the authority's relation, as if the data were
 * open), not restated here.
 */
function receivedPersonalData(procedure: ProcedureRow, participants: readonly ParticipantRow[], authorityId: string): boolean {
  const own = participationOf(procedure, participants, authorityId);
  return own !== undefined && decide(PROCEDURE_CLASSES.personalData, ["CASE_HANDLER"], own.relation, "OPEN").granted;
}
