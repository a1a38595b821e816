import type { Clock } from "../../clock.js";
import type { Database, Transaction } from "../../db/database.js";
import { isUuid } from "../../db/ids.js";
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from "../../errors.js";
import { hasRole, type Viewer } from "../../auth/viewer.js";
import { pageRequest, toConnection } from "../../graphql/pagination.js";
import type { AuditEntry, AuditRecorder } from "../audit/audit.recorder.js";
import { DirectoryRepository } from "../directory/directory.repository.js";
import { linkToProcedure, questionSetForNewProcedure } from "../question-sets/question-set.service.js";
import { answerDeadlineAtSend, initialAnswerDeadline } from "./answer-deadline.js";
import type {
  ConfidentialityInput,
  CreateProcedureInput,
  DataSubjectInput,
  LegalPersonInput,
  SensitiveRecordInput,
} from "./procedure.input.js";
import {
  ProcedureRepository,
  type ParticipantRow,
  type ProcedureFilter,
  type ProcedureRow,
} from "./procedure.repository.js";
import { isConversation, transition, type ProcedureAction, type ProcedureStatus } from "./procedure.state-machine.js";

const MAX_RECIPIENTS = 50;

/** Pentest G1 (Art. 8): the refusal of an authority that takes part in no procedure. */
const NO_PART =
  "The Commission's helpdesk, a portal's authority, a coordinating or a supervisory authority takes part in no procedure:";

export interface Acting {
  repo: ProcedureRepository;
  /** The directory inside the same transaction (PGlite has one connection: never step outside it). */
  directory: DirectoryRepository;
  tx: Transaction;
  procedure: ProcedureRow;
  participation: ParticipantRow;
  next: ProcedureStatus;
  now: Date;
}

/**
 * An authority that forwarded the procedure took part and holds the forwarding receipt: acting on it
 * afterwards, or losing a race to a forward (issue 12, finding 7), is a CONFLICT that says so, not a
 * FORBIDDEN as if it had never taken part.
 */
async function forwardedAway(repo: ProcedureRepository, viewer: Viewer, procedureId: string): Promise<ConflictError | undefined> {
  const forwarded = await repo.forwardedParticipation(procedureId, viewer.authorityId);
  if (!forwarded?.forwardedAt) return undefined;
  return new ConflictError(
    `Your authority forwarded this procedure at ${forwarded.forwardedAt.toISOString()} and no longer takes part in it: the authority it was forwarded to handles it now.`,
  );
}

/** A message's text, trimmed: 1 to 20000 characters. */
function messageText(body: string, field: string): string {
  const text = body.trim();
  if (text.length === 0 || text.length > 20000) throw new BadUserInputError("A message has 1 to 20000 characters.", field);
  return text;
}

/** Issue 17 item 4: the initiator's update or withdrawal of an alert, written into its conversation. */
function initiatorMessage(repo: ProcedureRepository, viewer: Viewer, procedureId: string, body: string, kind: "ALERT_UPDATE" | "ALERT_WITHDRAWAL", now: Date) {
  return repo.insertMessage({ procedureId, authorAuthorityId: viewer.authorityId, authorUserId: viewer.userId, body, kind, createdAt: now });
}

/** The audit ground of a participant's processing: its part in the procedure. */
function groundOf(participation: ParticipantRow): string {
  return `PARTICIPANT:${participation.part}`;
}

export class ProcedureService {
  private readonly procedures: ProcedureRepository;
  private readonly directory: DirectoryRepository;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {
    this.procedures = new ProcedureRepository(db);
    this.directory = new DirectoryRepository(db);
  }

  /** Missing and invisible are the same NOT_FOUND. */
  async get(viewer: Viewer, id: string): Promise<ProcedureRow> {
    const procedure = await this.procedures.findVisible(viewer, id);
    if (!procedure) throw new NotFoundError("Procedure", id);
    return procedure;
  }

  async list(viewer: Viewer, filter: ProcedureFilter, first?: number | null, after?: string | null) {
    const page = pageRequest(first, after);
    const { rows, totalCount } = await this.procedures.page(viewer, filter, page);
    return toConnection(rows, page, totalCount);
  }

  /** R-PURPOSE-1, R-PURPOSE-2, R-CONSENT-1: a draft in an enabled area both sides are registered for. */
  async create(viewer: Viewer, input: CreateProcedureInput): Promise<ProcedureRow> {
    if (!hasRole(viewer, "CASE_HANDLER")) throw new ForbiddenError("Only case handlers create procedures.");
    const area = await this.directory.findLegalArea(input.legalAreaCode);
    if (!area) throw new BadUserInputError(`Unknown legal area ${input.legalAreaCode}.`, "legalAreaCode");
    if (!area.enabled) {
      throw new BadUserInputError(`Legal area ${area.code} is disabled: no new procedures can be created in it.`, "legalAreaCode");
    }
    const registered = await this.directory.registeredForArea([viewer.authorityId], area.code);
    if (!registered.has(viewer.authorityId)) {
      throw new ForbiddenError(`Your authority is not registered for legal area ${area.code}.`);
    }
    const consentReference = input.consentReference?.trim() || null;
    if ((area.consentRequired || input.kind === "SOLVIT_CASE") && !consentReference) {
      throw new BadUserInputError(
        "A SOLVIT case needs the consent reference of the complaint form (consentReference).",
        "consentReference",
      );
    }
    const answerDeadline = initialAnswerDeadline(input.kind, input.answerDeadline, this.clock.now());
    const toAllMemberStates = input.toAllMemberStates === true;
    const recipients = toAllMemberStates
      ? await this.checkToAllMemberStates(viewer, input, area.code)
      : await this.validRecipients(viewer, input, area.code);
    // Issue 17: a request created from a published question set version of its legal area.
    const questionSet = input.questionSetVersionId
      ? await questionSetForNewProcedure(this.db, input.questionSetVersionId, area.code, input.kind)
      : null;
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const repo = new ProcedureRepository(tx);
      const procedure = await repo.insert({
        kind: input.kind,
        legalAreaCode: area.code,
        subject: input.subject.trim(),
        answerDeadline,
        status: "DRAFT",
        toAllMemberStates,
        initiatorAuthorityId: viewer.authorityId,
        createdByUserId: viewer.userId,
        createdAt: now,
        lastActivityAt: now,
      });
      const part = isConversation(input.kind) ? "RESPONDER" : "RECIPIENT";
      await repo.insertParticipants([
        { procedureId: procedure.id, authorityId: viewer.authorityId, part: "INITIATOR", addedAt: now },
        ...recipients.map((authorityId) => ({ procedureId: procedure.id, authorityId, part, addedAt: now }) as const),
      ]);
      // After the initiator's participation: the database's wall inserts only what its writer may read (R-SEC-1).
      await repo.insertTexts(procedure.id, { justification: input.justification.trim() || null, consentReference });
      if (questionSet) await linkToProcedure(tx, procedure.id, questionSet.id);
      return procedure;
    });
  }

  /**
   * Issue 17 item 4 (Art. 12): an alert to all member states names no recipients; they are resolved
   * when it is sent (send), so a designation made meanwhile counts. Refused now already when nobody
   * would receive it. The draft's participants: the initiator alone.
   */
  private async checkToAllMemberStates(viewer: Viewer, input: CreateProcedureInput, areaCode: string): Promise<string[]> {
    if (input.kind !== "ALERT") {
      throw new BadUserInputError("Only an alert goes to all member states (toAllMemberStates).", "toAllMemberStates");
    }
    if (input.recipientAuthorityIds.length > 0) {
      throw new BadUserInputError(
        "An alert goes either to the authorities listed or to all member states: leave recipientAuthorityIds empty with toAllMemberStates.",
        "recipientAuthorityIds",
      );
    }
    if ((await this.directory.alertCoordinatorsFor(areaCode, viewer.memberState)).length === 0) {
      throw new BadUserInputError(`No other member state has an alert coordinator in legal area ${areaCode} yet.`, "toAllMemberStates");
    }
    return [];
  }

  private async validRecipients(viewer: Viewer, input: CreateProcedureInput, areaCode: string): Promise<string[]> {
    const ids = [...new Set(input.recipientAuthorityIds)];
    if (ids.length !== input.recipientAuthorityIds.length) {
      throw new BadUserInputError("An authority is listed twice among the recipients.", "recipientAuthorityIds");
    }
    if (isConversation(input.kind) ? ids.length !== 1 : ids.length < 1 || ids.length > MAX_RECIPIENTS) {
      throw new BadUserInputError(
        isConversation(input.kind)
          ? "A request or SOLVIT case goes to exactly one authority."
          : `An alert or notification goes to 1 to ${MAX_RECIPIENTS} authorities.`,
        "recipientAuthorityIds",
      );
    }
    if (ids.includes(viewer.authorityId)) {
      throw new BadUserInputError("Your own authority cannot be a recipient.", "recipientAuthorityIds");
    }
    const found = new Set((await this.directory.authoritiesByIds(ids)).map((a) => a.id));
    const unknown = ids.filter((id) => !found.has(id));
    if (unknown.length > 0) throw new BadUserInputError(`Unknown authority: ${unknown.join(", ")}.`, "recipientAuthorityIds");
    // Pentest G1 (Art. 8): the Commission's helpdesk, a portal's or a supervisory authority takes part in no exchange.
    const noPart = await this.directory.takingNoPart(ids);
    if (noPart.size > 0) {
      throw new BadUserInputError(`${NO_PART} ${[...noPart].join(", ")}.`, "recipientAuthorityIds");
    }
    const registered = await this.directory.registeredForArea(ids, areaCode);
    const outside = ids.filter((id) => !registered.has(id));
    if (outside.length > 0) {
      // R-PURPOSE-2: an authority responds only in legal areas it is registered for.
      throw new BadUserInputError(`Not registered for legal area ${areaCode}: ${outside.join(", ")}.`, "recipientAuthorityIds");
    }
    return ids;
  }

  /** Issue 18: a request goes out with its answer deadline (the initiator's, or the default from now). */
  send(viewer: Viewer, id: string): Promise<ProcedureRow> {
    return this.act(viewer, id, "SEND", async ({ repo, directory, procedure, next, now }) => {
      if (procedure.toAllMemberStates) await this.addAlertCoordinators(repo, directory, procedure, now);
      return repo.update(procedure.id, { status: next, sentAt: now, answerDeadline: answerDeadlineAtSend(procedure, now), lastActivityAt: now });
    });
  }

  accept(viewer: Viewer, id: string): Promise<ProcedureRow> {
    return this.act(viewer, id, "ACCEPT", async ({ repo, procedure, participation, next, now }) => {
      await repo.updateParticipant(participation.id, { acceptedAt: now });
      return repo.update(procedure.id, { status: next, lastActivityAt: now });
    });
  }

  /** The new authority takes the forwarder's place; the forwarder loses access. */
  forward(viewer: Viewer, id: string, toAuthorityId: string) {
    return this.act(viewer, id, "FORWARD", async ({ repo, directory, procedure, participation, next, now }) => {
      const target = await directory.findAuthority(toAuthorityId);
      if (!target) throw new BadUserInputError(`Unknown authority ${toAuthorityId}.`, "toAuthorityId");
      if (target.memberState !== viewer.memberState) {
        throw new BadUserInputError("A request is forwarded only to an authority of your own member state.", "toAuthorityId");
      }
      if ((await directory.takingNoPart([target.id])).size > 0) {
        throw new BadUserInputError(`${NO_PART} ${target.id}.`, "toAuthorityId");
      }
      if (await repo.participation(procedure.id, target.id)) {
        throw new ConflictError("That authority already takes part in this procedure.");
      }
      const registered = await directory.registeredForArea([target.id], procedure.legalAreaCode);
      if (!registered.has(target.id)) {
        throw new BadUserInputError(`That authority is not registered for legal area ${procedure.legalAreaCode}.`, "toAuthorityId");
      }
      // The forwarder's own participation is marked last: from then on the database's wall (issue 13,
      // the metadata row policies) no longer shows it the procedure, and a write after it would miss.
      await repo.update(procedure.id, { status: next, lastActivityAt: now });
      await repo.insertParticipants([{ procedureId: procedure.id, authorityId: target.id, part: participation.part, addedAt: now }]);
      await repo.updateParticipant(participation.id, { forwardedAt: now, forwardedToAuthorityId: target.id });
      return { procedureId: procedure.id, forwardedTo: target, forwardedAt: now };
    });
  }

  postMessage(viewer: Viewer, procedureId: string, body: string, audit: AuditRecorder) {
    const text = messageText(body, "body");
    return this.act(viewer, procedureId, "POST_MESSAGE", async ({ repo, tx, procedure, participation, next, now }) => {
      const message = await repo.insertMessage({
        procedureId: procedure.id,
        authorAuthorityId: viewer.authorityId,
        authorUserId: viewer.userId,
        body: text,
        createdAt: now,
      });
      await repo.update(procedure.id, { status: next, lastActivityAt: now });
      await audit.writeNow(tx, [{ action: "CREATE", procedureId: procedure.id, fields: ["Message.body"], ground: groundOf(participation) }]);
      return message;
    });
  }

  /**
   * Issue 17 item 4 (Art. 12): the recipients of an alert to all member states, as the directory stands
   * when it is sent. Added while the procedure is still a draft, so each hears one SENT (drizzle/0018),
   * not a forwarding.
   */
  private async addAlertCoordinators(repo: ProcedureRepository, directory: DirectoryRepository, procedure: ProcedureRow, now: Date) {
    const initiator = await directory.findAuthority(procedure.initiatorAuthorityId);
    const recipients = await directory.alertCoordinatorsFor(procedure.legalAreaCode, initiator!.memberState);
    if (recipients.length === 0) {
      throw new ConflictError(`No other member state has an alert coordinator in legal area ${procedure.legalAreaCode} any more.`);
    }
    await repo.insertParticipants(recipients.map((a) => ({ procedureId: procedure.id, authorityId: a.id, part: "RECIPIENT", addedAt: now }) as const));
  }

  /**
   * Issue 17 item 4: the initiator updates an alert it sent. The update is a message of its own kind
   * (ALERT_UPDATE): it reads in the alert's conversation, is personal data like any message, is
   * announced as MESSAGE_POSTED and audited as postMessage is. Acknowledgements stand.
   */
  updateAlert(viewer: Viewer, procedureId: string, body: string, audit: AuditRecorder) {
    const text = messageText(body, "body");
    return this.act(viewer, procedureId, "UPDATE_ALERT", async ({ repo, tx, procedure, participation, next, now }) => {
      const message = await initiatorMessage(repo, viewer, procedure.id, text, "ALERT_UPDATE", now);
      await repo.update(procedure.id, { status: next, lastActivityAt: now });
      await audit.writeNow(tx, [{ action: "CREATE", procedureId: procedure.id, fields: ["Message.body"], ground: groundOf(participation) }]);
      return message;
    });
  }

  /**
   * Issue 17 item 4: the initiator withdraws an alert. It ends as a formal closure does (CLOSED,
   * closedAt = withdrawnAt), announced to the participants as STATUS_CHANGED; the reason is an
   * ALERT_WITHDRAWAL message (free text that may name people: personal data, deleted with the rest).
   */
  withdrawAlert(viewer: Viewer, procedureId: string, reason: string, audit: AuditRecorder) {
    const text = messageText(reason, "reason");
    return this.act(viewer, procedureId, "WITHDRAW_ALERT", async ({ repo, tx, procedure, participation, next, now }) => {
      await initiatorMessage(repo, viewer, procedure.id, text, "ALERT_WITHDRAWAL", now);
      const withdrawn = await repo.update(procedure.id, { status: next, closedAt: now, withdrawnAt: now, lastActivityAt: now });
      await audit.writeNow(tx, [{ action: "CREATE", procedureId: procedure.id, fields: ["Message.body"], ground: groundOf(participation) }]);
      return withdrawn;
    });
  }

  close(viewer: Viewer, id: string): Promise<ProcedureRow> {
    return this.act(viewer, id, "CLOSE", ({ repo, procedure, next, now }) =>
      repo.update(procedure.id, { status: next, closedAt: now, lastActivityAt: now }),
    );
  }

  addDataSubject(viewer: Viewer, procedureId: string, input: DataSubjectInput, audit: AuditRecorder) {
    if (input.dateOfBirth && Number.isNaN(Date.parse(`${input.dateOfBirth}T00:00:00Z`))) {
      throw new BadUserInputError("dateOfBirth is not a real date.", "dateOfBirth");
    }
    return this.act(viewer, procedureId, "ADD_DATA", async ({ repo, tx, procedure, participation, now }) => {
      const subject = await repo.insertDataSubject({
        procedureId: procedure.id,
        fullName: input.fullName.trim(),
        dateOfBirth: input.dateOfBirth ?? null,
        nationalIdentifier: input.nationalIdentifier ?? null,
        address: input.address ?? null,
        email: input.email ?? null,
        addedByAuthorityId: viewer.authorityId,
        createdAt: now,
      });
      await repo.update(procedure.id, { lastActivityAt: now });
      const fields = Object.entries(input)
        .filter(([, value]) => value !== null && value !== undefined)
        .map(([key]) => `DataSubject.${key}`);
      await audit.writeNow(tx, [{ action: "CREATE", procedureId: procedure.id, dataSubjectId: subject.id, fields, ground: groundOf(participation) }]);
      return subject;
    });
  }

  /** R-SENSITIVE-1: refused without a necessity and a legal basis or consent reference. */
  async addSensitiveRecord(viewer: Viewer, dataSubjectId: string, input: SensitiveRecordInput, audit: AuditRecorder) {
    const necessity = input.necessity.trim();
    const legalBasis = input.legalBasis?.trim() || null;
    const consentReference = input.consentReference?.trim() || null;
    if (!necessity) throw new BadUserInputError("A sensitive record needs a necessity justification (R-SENSITIVE-1).", "necessity");
    // R-SENSITIVE-1 (§3 "tilladt … og nødvendigt"): the provision permitting the exchange, always.
    // Consent may be recorded beside it but never replaces it.
    if (!legalBasis) {
      throw new BadUserInputError(
        consentReference
          ? "A sensitive record needs a legal basis: the provision of the applicable act that permits the exchange. A consent reference may be recorded beside it, never instead of it (R-SENSITIVE-1)."
          : "A sensitive record needs a legal basis: the provision of the applicable act that permits the exchange (R-SENSITIVE-1).",
        "legalBasis",
      );
    }
    if (!input.details.trim()) throw new BadUserInputError("A sensitive record needs its details.", "details");
    const subject = await this.procedures.findDataSubject(dataSubjectId);
    if (!subject || !(await this.procedures.findVisible(viewer, subject.procedureId))) {
      throw new NotFoundError("Data subject", dataSubjectId);
    }
    return this.act(viewer, subject.procedureId, "ADD_DATA", async ({ repo, tx, procedure, participation, now }) => {
      // Read again under the procedure's lock: an erasure or a one-subject early deletion (R-RETAIN-6)
      // that committed meanwhile deleted the subject, and the record would have nothing to belong to.
      if (!(await repo.findDataSubject(subject.id))) throw new NotFoundError("Data subject", dataSubjectId);
      const record = await repo.insertSensitiveRecord({
        dataSubjectId: subject.id,
        category: input.category,
        details: input.details.trim(),
        necessity,
        legalBasis,
        consentReference,
        createdAt: now,
      });
      await repo.update(procedure.id, { lastActivityAt: now });
      const entry: AuditEntry = {
        action: "CREATE",
        procedureId: procedure.id,
        dataSubjectId: subject.id,
        fields: ["SensitiveRecord.category", "SensitiveRecord.details"],
        // The kind of ground and the record holding it, never its text: the legal basis and the
        // consent reference are personal data (the policy's personalData class), while the log is read
        // by the Commission, coordinators and local admins and outlives deletion (R-RETAIN-3). The
        // fuzz suite (test/fuzz) found them copied here.
        ground: `LEGAL_BASIS:SensitiveRecord:${record.id}`,
      };
      await audit.writeNow(tx, [entry, { ...entry, action: "READ", ground: groundOf(participation) }]);
      return record;
    });
  }

  addLegalPerson(viewer: Viewer, procedureId: string, input: LegalPersonInput) {
    return this.act(viewer, procedureId, "ADD_DATA", async ({ repo, procedure, now }) => {
      const person = await repo.insertLegalPerson({
        procedureId: procedure.id,
        name: input.name.trim(),
        registrationNumber: input.registrationNumber ?? null,
        country: input.country ?? null,
        address: input.address ?? null,
        addedByAuthorityId: viewer.authorityId,
        createdAt: now,
      });
      await repo.update(procedure.id, { lastActivityAt: now });
      return person;
    });
  }

  /** §6: a participant asks that a legal person or message be treated as confidential. */
  async requestConfidentiality(viewer: Viewer, input: ConfidentialityInput) {
    if (!input.reason.trim()) throw new BadUserInputError("Say why the item is confidential.", "reason");
    const item =
      input.itemKind === "LEGAL_PERSON"
        ? await this.procedures.findLegalPerson(input.itemId)
        : await this.procedures.findMessage(input.itemId);
    if (!item || !(await this.procedures.findVisible(viewer, item.procedureId))) {
      throw new NotFoundError(input.itemKind === "LEGAL_PERSON" ? "Legal person" : "Message", input.itemId);
    }
    return this.act(viewer, item.procedureId, "FLAG_CONFIDENTIAL", async ({ repo, procedure, now }) => {
      const flag = await repo.insertConfidentialityFlag({
        procedureId: procedure.id,
        itemKind: input.itemKind,
        itemId: item.id,
        reason: input.reason.trim(),
        requestedByAuthorityId: viewer.authorityId,
        requestedByUserId: viewer.userId,
        createdAt: now,
      });
      if (!flag) throw new ConflictError("This item is already flagged confidential.");
      return flag;
    });
  }

  /**
   * Runs one action on a procedure in one transaction: the row is locked, the viewer's part checked,
   * the transition validated (procedure.state-machine.ts), then `apply` changes it. Any error rolls
   * everything back. The one way to change a procedure's data: the answers and attachments modules
   * (issue 17) act through it too.
   */
  async act<T>(
    viewer: Viewer,
    procedureId: string,
    action: ProcedureAction,
    apply: (acting: Acting) => Promise<T>,
  ): Promise<T> {
    if (!isUuid(procedureId)) throw new NotFoundError("Procedure", procedureId);
    return this.db.transaction(async (tx) => {
      const repo = new ProcedureRepository(tx);
      const visible = await repo.findVisible(viewer, procedureId);
      if (!visible) throw (await forwardedAway(repo, viewer, procedureId)) ?? new NotFoundError("Procedure", procedureId);
      const procedure = await repo.lock(procedureId);
      // A forward that committed while this waited for the lock takes the row out of the viewer's rows
      // (the metadata policy re-checks it after the wait): losing that race is a CONFLICT too.
      if (!procedure) throw (await forwardedAway(repo, viewer, procedureId)) ?? new NotFoundError("Procedure", procedureId);
      if (!hasRole(viewer, "CASE_HANDLER")) throw new ForbiddenError("Only case handlers work on procedures.");
      // Read after the lock: a concurrent forward that committed meanwhile shows here (read committed).
      const participation = await repo.participation(procedure.id, viewer.authorityId);
      if (!participation) {
        throw (await forwardedAway(repo, viewer, procedure.id)) ?? new ForbiddenError("Your authority does not take part in this procedure.", "NOT_INVOLVED");
      }
      const next = transition(procedure, participation, action);
      if (procedure.personalDataDeletedAt || procedure.blockedAt) {
        throw new ForbiddenError("The personal data of this procedure is no longer available.", procedure.personalDataDeletedAt ? "DELETED" : "BLOCKED");
      }
      return apply({ repo, directory: new DirectoryRepository(tx), tx, procedure, participation, next, now: this.clock.now() });
    });
  }
}
