import type { Clock } from "../../clock.js";
import type { Database, Transaction } from "../../db/database.js";
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from "../../errors.js";
import { recordState } from "../../auth/procedure-situation.js";
import { hasRole, type Viewer } from "../../auth/viewer.js";
import { pageRequest, toConnection } from "../../graphql/pagination.js";
import type { AuditRecorder } from "../audit/audit.recorder.js";
import { DirectoryRepository } from "../directory/directory.repository.js";
import { ProcedureRepository, type ProcedureRow } from "../procedures/procedure.repository.js";
import type { ContestationInput, CorrectionInput, FileDataSubjectRequestInput, RetrieveBlockedDataInput } from "./rights.input.js";
import { RightsRepository, type RequestFilter, type RequestRow } from "./rights.repository.js";
import { dueDate, helpdeskActs, routeRequest, type RequestKind } from "./routing.js";

const YEAR_MS = 365.25 * 24 * 3600 * 1000;
/** R-ACCESS-2, R-RETAIN-3: the helpdesk reaches blocked data until 3 years after closure. */
const untilDeletion = (procedure: ProcedureRow) => new Date((procedure.closedAt ?? new Date(0)).getTime() + 3 * YEAR_MS);
/** A retrieval opens the data for a week: long enough to answer, short enough not to linger. */
const RETRIEVAL_MS = 7 * 24 * 3600 * 1000;

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
   */
  async file(viewer: Viewer, input: FileDataSubjectRequestInput): Promise<RequestRow> {
    if (input.kind === "EARLY_DELETION") {
      throw new BadUserInputError("Early deletion is asked for by the initiating authority with requestEarlyDeletion.", "kind");
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
      return this.rights.insertRequest({ ...base, receivingAuthorityId: authority.id });
    }
    if (!input.procedureId) throw new BadUserInputError("Name the procedure the request concerns.", "procedureId");
    return this.db.transaction(async (tx) => {
      const rights = new RightsRepository(tx);
      const request = await rights.insertRequest({ ...base, receivingAuthorityId: viewer.authorityId });
      return this.route(tx, viewer, request, input.procedureId!, input.dataSubjectId ?? null);
    });
  }

  /** A case handler of the receiving authority links a portal's request to a procedure: it is routed then. */
  async link(viewer: Viewer, id: string, procedureId: string, dataSubjectId: string | null): Promise<RequestRow> {
    return this.db.transaction(async (tx) => {
      const rights = new RightsRepository(tx);
      const visible = await rights.findVisibleRequest(viewer, id);
      const request = visible && (await rights.findRequest(id, true));
      if (!request) throw new NotFoundError("Data-subject request", id);
      if (request.receivingAuthorityId !== viewer.authorityId || !hasRole(viewer, "CASE_HANDLER")) {
        throw new ForbiddenError("Only a case handler of the receiving authority links a request.");
      }
      if (request.procedureId) throw new ConflictError("The request is already linked to a procedure.");
      return this.route(tx, viewer, request, procedureId, dataSubjectId);
    });
  }

  /** R-ACCESS-1, R-ACCESS-2, R-RECTIFY-1, R-RECTIFY-2: the route, the due date, and the helpdesk's access. */
  private async route(tx: Transaction, viewer: Viewer, request: RequestRow, procedureId: string, dataSubjectId: string | null) {
    const procedures = new ProcedureRepository(tx);
    const rights = new RightsRepository(tx);
    const procedure = await procedures.findVisible(viewer, procedureId);
    const participation = procedure && (await procedures.participation(procedure.id, request.receivingAuthorityId));
    // R-ACCESS-1: the request goes to an authority involved in the procedure.
    if (!procedure || !participation || (procedure.status === "DRAFT" && participation.part !== "INITIATOR")) {
      throw new NotFoundError("Procedure", procedureId);
    }
    if (dataSubjectId) {
      const subject = await procedures.findDataSubject(dataSubjectId);
      if (!subject || subject.procedureId !== procedure.id) throw new NotFoundError("Data subject", dataSubjectId);
    }
    const now = this.clock.now();
    const { route, reason } = routeRequest(request.kind as RequestKind, recordState(procedure), participation.part === "INITIATOR");
    const escalated = helpdeskActs(route);
    const updated = await rights.updateRequest(request.id, {
      procedureId: procedure.id,
      dataSubjectId,
      route,
      routeReason: reason,
      // R-RECTIFY-2: cases (b) and (c) reach the helpdesk at once; the 30 days run from there.
      status: route === "NO_DATA_HELD" ? "COMPLETED" : escalated ? "ESCALATED" : "RECEIVED",
      escalatedAt: escalated ? now : null,
      receivedAt: now,
      dueAt: dueDate(now),
      completedAt: route === "NO_DATA_HELD" ? now : null,
      decisionNote: route === "NO_DATA_HELD" ? "No personal data is held: it was deleted 3 years after closure." : null,
    });
    if (escalated && request.kind !== "EARLY_DELETION") {
      const until = procedure.closedAt ? untilDeletion(procedure) : new Date(now.getTime() + YEAR_MS);
      const helpdesks = await rights.helpdeskAuthorityIds();
      await rights.grant(
        helpdesks.map((authorityId) => ({
          procedureId: procedure.id,
          authorityId,
          ground: "DATA_SUBJECT_REQUEST" as const,
          reference: request.id,
          grantedByUserId: viewer.userId,
          grantedAt: now,
          expiresAt: until,
        })),
      );
    }
    return updated;
  }

  /** The party the route names decides, under national law; a rejection says why. */
  async decide(viewer: Viewer, id: string, approve: boolean, note: string | null): Promise<RequestRow> {
    const text = note?.trim() || null;
    if (!approve && !text) throw new BadUserInputError("Say why the request is rejected (note).", "note");
    return this.db.transaction(async (tx) => {
      const rights = new RightsRepository(tx);
      const request = await this.responsibleFor(rights, viewer, id);
      if (request.status !== "RECEIVED" && request.status !== "ESCALATED") {
        throw new ConflictError(`The request is ${request.status.toLowerCase()}: it has been decided already.`);
      }
      const now = this.clock.now();
      if (!approve) await rights.endGrants(request.id, now);
      return rights.updateRequest(request.id, {
        status: approve ? "APPROVED" : "REJECTED",
        decidedAt: now,
        decidedByUserId: viewer.userId,
        decisionNote: text,
      });
    });
  }

  /** Carries out an approved request: a rectification or erasure is applied; an access request is answered. */
  async complete(viewer: Viewer, id: string, audit: AuditRecorder): Promise<RequestRow> {
    return this.db.transaction(async (tx) => {
      const rights = new RightsRepository(tx);
      const request = await this.responsibleFor(rights, viewer, id);
      if (request.status !== "APPROVED") throw new ConflictError("Only an approved request is carried out.");
      if (request.kind === "EARLY_DELETION") throw new ConflictError("An approved early deletion is carried out by the retention job.");
      const now = this.clock.now();
      const ground = `DATA_SUBJECT_REQUEST:${request.id}`;
      if (request.kind === "RECTIFICATION" || request.kind === "ERASURE") {
        const procedure = request.procedureId ? await new ProcedureRepository(tx).lock(request.procedureId) : undefined;
        if (!procedure || !request.dataSubjectId) throw new ConflictError("Link the request to the data subject concerned first.");
        const state = recordState(procedure);
        if (state === "DELETED") throw new ConflictError("The personal data has been deleted already.");
        if (request.kind === "RECTIFICATION") {
          if (state === "BLOCKED") {
            throw new ConflictError("Blocked data is not changed: record a contestation beside it instead (R-RECTIFY-3).");
          }
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
      return rights.updateRequest(request.id, { status: "COMPLETED", completedAt: now });
    });
  }

  /** R-ACCESS-1, R-ACCESS-2: the answer to a completed access request. */
  async accessReport(viewer: Viewer, id: string, audit: AuditRecorder) {
    const request = await this.get(viewer, id);
    const mayRead =
      (hasRole(viewer, "PORTAL") && request.filedByUserId === viewer.userId) ||
      (hasRole(viewer, "CASE_HANDLER", "LOCAL_ADMIN") && request.receivingAuthorityId === viewer.authorityId) ||
      (hasRole(viewer, "COMMISSION") && helpdeskActs(request.route));
    if (!mayRead) throw new ForbiddenError("Only the requester's portal, the receiving authority or the helpdesk on its route reads this report.");
    if (request.kind !== "ACCESS") throw new ConflictError("Only an access request has an access report.");
    if (request.status !== "COMPLETED") throw new ConflictError("The access request has not been completed yet.");
    const producedAt = this.clock.now();
    if (request.route === "NO_DATA_HELD") return { requestId: request.id, noDataHeld: true, items: [], producedAt };
    const rows = await this.rights.accessItems({
      dataSubjectId: request.dataSubjectId,
      identifier: request.requesterIdentifier,
      authorityId: request.route === "RECEIVING_AUTHORITY" ? request.receivingAuthorityId : null,
      procedureId: request.procedureId,
    });
    const ids = rows.map((row) => row.subject.id);
    const [records, recipients] = await Promise.all([this.rights.sensitiveRecordsOf(ids), this.rights.recipientsOf(ids)]);
    for (const row of rows) {
      audit.read({ procedureId: row.subject.procedureId, dataSubjectId: row.subject.id, fields: ["AccessReport"], ground: `ACCESS_REQUEST:${request.id}` });
    }
    return {
      requestId: request.id,
      noDataHeld: false,
      producedAt,
      items: rows.map(({ subject, reference }) => ({
        ...subject,
        procedureReference: reference,
        sensitiveRecords: records.filter((r) => r.dataSubjectId === subject.id),
        recipientIds: [...new Set(recipients.filter((r) => r.dataSubjectId === subject.id).map((r) => r.authorityId))],
      })),
    };
  }

  /** R-RETAIN-6: the initiating authority asks, with the data subject's consent and a national legal basis. */
  async requestEarlyDeletion(viewer: Viewer, procedureId: string, consentReference: string, legalBasis: string): Promise<RequestRow> {
    const consent = consentReference.trim();
    const basis = legalBasis.trim();
    if (!consent) throw new BadUserInputError("Early deletion needs the data subject's consent reference (R-RETAIN-6).", "consentReference");
    if (!basis) throw new BadUserInputError("Early deletion needs a legal basis under national law (R-RETAIN-6).", "legalBasis");
    const procedure = await this.procedures.findVisible(viewer, procedureId);
    if (!procedure) throw new NotFoundError("Procedure", procedureId);
    const participation = await this.procedures.participation(procedure.id, viewer.authorityId);
    if (!hasRole(viewer, "CASE_HANDLER") || participation?.part !== "INITIATOR") {
      throw new ForbiddenError("Only the initiating authority's case handlers ask for early deletion.");
    }
    if (procedure.personalDataDeletedAt) throw new ConflictError("The personal data of this procedure is deleted already.");
    const now = this.clock.now();
    const { route, reason } = routeRequest("EARLY_DELETION", recordState(procedure), true);
    return this.rights.insertRequest({
      kind: "EARLY_DELETION",
      status: "ESCALATED",
      route,
      routeReason: reason,
      receivingAuthorityId: viewer.authorityId,
      procedureId: procedure.id,
      requesterName: "Initiating authority",
      consentReference: consent,
      legalBasis: basis,
      filedByUserId: viewer.userId,
      receivedAt: now,
      escalatedAt: now,
      dueAt: dueDate(now),
    });
  }

  /** R-RECTIFY-3: the Commission records that blocked data is contested, beside it. */
  async recordContestation(viewer: Viewer, input: ContestationInput) {
    if (!hasRole(viewer, "COMMISSION")) throw new ForbiddenError("Only the Commission records contestations.");
    const procedure = await this.procedures.findVisible(viewer, input.procedureId);
    if (!procedure) throw new NotFoundError("Procedure", input.procedureId);
    if (recordState(procedure) !== "BLOCKED") throw new ConflictError("Contestations are recorded beside blocked data only (R-RECTIFY-3).");
    if (input.dataSubjectId) {
      const subject = await this.procedures.findDataSubject(input.dataSubjectId);
      if (!subject || subject.procedureId !== procedure.id) throw new NotFoundError("Data subject", input.dataSubjectId);
    }
    return this.rights.insertContestation({
      procedureId: procedure.id,
      dataSubjectId: input.dataSubjectId ?? null,
      ground: input.ground,
      statement: input.statement.trim(),
      recordedByUserId: viewer.userId,
      createdAt: this.clock.now(),
    });
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
      const procedure = await new ProcedureRepository(tx).findVisible(viewer, input.procedureId);
      if (!procedure) throw new NotFoundError("Procedure", input.procedureId);
      const state = recordState(procedure);
      if (state === "DELETED") throw new ConflictError("The personal data has been deleted: there is nothing to retrieve.");
      if (state !== "BLOCKED") throw new ConflictError("The data is not blocked: its participants read it themselves.");
      if (!(await rights.tookPart(procedure.id, input.requestingAuthorityId))) {
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
      await rights.grant([
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
      return { ...retrieval, validUntil, procedure };
    });
  }

  /** The request, when the viewer is the party its route names; FORBIDDEN when merely visible. */
  private async responsibleFor(rights: RightsRepository, viewer: Viewer, id: string): Promise<RequestRow> {
    const visible = await rights.findVisibleRequest(viewer, id);
    const request = visible && (await rights.findRequest(id, true));
    if (!request) throw new NotFoundError("Data-subject request", id);
    if (!request.route) throw new ConflictError("Link the request to a procedure first.");
    const responsible = helpdeskActs(request.route)
      ? hasRole(viewer, "COMMISSION")
      : hasRole(viewer, "CASE_HANDLER") && viewer.authorityId === request.receivingAuthorityId;
    if (!responsible) throw new ForbiddenError("The request's route names another party to act on it.");
    return request;
  }
}

function correctionOf(input: CorrectionInput | null | undefined): Record<string, string> | null {
  if (!input) return null;
  const entries = Object.entries(input).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1].trim() !== "");
  return entries.length > 0 ? Object.fromEntries(entries.map(([k, v]) => [k, v.trim()])) : null;
}
