import { ConflictError, ForbiddenError } from "../../errors.js";

export type ProcedureKind = "REQUEST" | "ALERT" | "NOTIFICATION" | "SOLVIT_CASE";
export type ProcedureStatus = "DRAFT" | "SENT" | "ACCEPTED" | "ANSWERED" | "CLOSED";
export type ProcedureAction =
  | "SEND"
  | "ACCEPT"
  | "FORWARD"
  | "POST_MESSAGE"
  | "CLOSE"
  | "ADD_DATA"
  | "FLAG_CONFIDENTIAL"
  | "ANSWER_QUESTION"
  | "UPDATE_ALERT"
  | "WITHDRAW_ALERT";

/** Requests and SOLVIT cases are a conversation with one responder; alerts and notifications go to many. */
export function isConversation(kind: ProcedureKind): boolean {
  return kind === "REQUEST" || kind === "SOLVIT_CASE";
}

/** The acting authority's part in the procedure. */
export interface Participation {
  part: "INITIATOR" | "RESPONDER" | "RECIPIENT";
  acceptedAt: Date | null;
}

interface Subject {
  kind: ProcedureKind;
  status: ProcedureStatus;
}

/**
 * The procedure lifecycle of SPEC, in one place: given the procedure, the acting authority's part and
 * the action, the status after it, or a CONFLICT (wrong moment) / FORBIDDEN (wrong party). Requests:
 * DRAFT → SENT → ACCEPTED → ANSWERED → CLOSED, a follow-up question going back to ACCEPTED; alerts and
 * notifications: DRAFT → SENT → CLOSED, each recipient acknowledging on its own.
 */
export function transition(procedure: Subject, actor: Participation, action: ProcedureAction): ProcedureStatus {
  const { kind, status } = procedure;
  const initiator = actor.part === "INITIATOR";
  // A closed procedure is frozen, but a confidentiality flag (§6) must still be respected after closure.
  if (status === "CLOSED" && action !== "FLAG_CONFIDENTIAL") {
    throw new ConflictError("The procedure is closed: nothing more can be done in it.");
  }

  switch (action) {
    case "SEND":
      if (!initiator) throw new ForbiddenError("Only the initiating authority sends a procedure.");
      if (status !== "DRAFT") throw new ConflictError("The procedure has already been sent.");
      return "SENT";

    case "ACCEPT":
      if (initiator) throw new ForbiddenError("The initiating authority does not accept its own procedure.");
      if (status === "DRAFT") throw new ConflictError("The procedure has not been sent yet.");
      if (actor.acceptedAt) throw new ConflictError("Your authority has already accepted this procedure.");
      return isConversation(kind) ? "ACCEPTED" : status;

    case "FORWARD":
      if (initiator) throw new ForbiddenError("Only a responder forwards a request.");
      if (!isConversation(kind)) throw new ConflictError("Alerts and notifications are not forwarded.");
      if (status !== "SENT" && status !== "ACCEPTED") throw new ConflictError("A request is forwarded before it is answered.");
      // The new authority takes the responder's place and has to accept in turn.
      return "SENT";

    case "POST_MESSAGE":
      if (status === "DRAFT") throw new ConflictError("Send the procedure before writing in it.");
      if (initiator) return isConversation(kind) && status === "ANSWERED" ? "ACCEPTED" : status;
      if (!actor.acceptedAt) throw new ConflictError("Accept the procedure before answering it.");
      return isConversation(kind) && status === "ACCEPTED" ? "ANSWERED" : status;

    case "CLOSE":
      if (!initiator) throw new ForbiddenError("Only the initiating authority closes a procedure formally.");
      if (status === "DRAFT") throw new ConflictError("A draft has not been sent and cannot be closed.");
      return "CLOSED";

    // Issue 17: the responder answers the request's question set question by question, once accepted;
    // the answers service moves it to ANSWERED when every required question has an answer. A
    // follow-up question (POST_MESSAGE by the initiator) takes it back to ACCEPTED.
    case "ANSWER_QUESTION":
      if (initiator) throw new ForbiddenError("Only the responding authority answers the questions, once it has accepted the request.");
      if (!actor.acceptedAt) throw new ForbiddenError("Accept the procedure first.", "NOT_ACCEPTED");
      if (status !== "ACCEPTED" && status !== "ANSWERED") {
        throw new ConflictError("Questions are answered after the request is accepted and before it is closed.");
      }
      return status;

    // Issue 17 item 4 (Art. 12): while an alert is out, its initiator updates it or withdraws it;
    // a withdrawal ends it as a formal closure does (retention runs from it).
    case "UPDATE_ALERT":
    case "WITHDRAW_ALERT":
      if (kind !== "ALERT") throw new ConflictError("Only an alert is updated or withdrawn.");
      if (!initiator) throw new ForbiddenError("Only the initiating authority updates or withdraws an alert.");
      if (status === "DRAFT") throw new ConflictError("The alert has not been sent yet: change the draft, or leave it unsent.");
      return action === "WITHDRAW_ALERT" ? "CLOSED" : status;

    case "ADD_DATA":
    case "FLAG_CONFIDENTIAL":
      if (!initiator && !actor.acceptedAt) throw new ForbiddenError("Accept the procedure first.", "NOT_ACCEPTED");
      return status;
  }
}
