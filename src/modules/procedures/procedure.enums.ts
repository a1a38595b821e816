import { registerEnumType } from "type-graphql";

export enum ProcedureKind {
  REQUEST = "REQUEST",
  ALERT = "ALERT",
  NOTIFICATION = "NOTIFICATION",
  SOLVIT_CASE = "SOLVIT_CASE",
}
export enum ProcedureStatus {
  DRAFT = "DRAFT",
  SENT = "SENT",
  ACCEPTED = "ACCEPTED",
  ANSWERED = "ANSWERED",
  CLOSED = "CLOSED",
}
export enum ParticipantPart {
  INITIATOR = "INITIATOR",
  RESPONDER = "RESPONDER",
  RECIPIENT = "RECIPIENT",
}
export enum SanctionCategory {
  DISCIPLINARY = "DISCIPLINARY",
  ADMINISTRATIVE = "ADMINISTRATIVE",
  CRIMINAL = "CRIMINAL",
  GOOD_REPUTE = "GOOD_REPUTE",
}
export enum AccessDenialReason {
  NOT_INVOLVED = "NOT_INVOLVED",
  NOT_ACCEPTED = "NOT_ACCEPTED",
  BLOCKED = "BLOCKED",
  DELETED = "DELETED",
  ROLE = "ROLE",
}
export enum MessageKind {
  MESSAGE = "MESSAGE",
  ALERT_UPDATE = "ALERT_UPDATE",
  ALERT_WITHDRAWAL = "ALERT_WITHDRAWAL",
}
export enum ConfidentialItemKind {
  LEGAL_PERSON = "LEGAL_PERSON",
  MESSAGE = "MESSAGE",
}

registerEnumType(ProcedureKind, {
  name: "ProcedureKind",
  description: "The kind of administrative cooperation procedure.",
  valuesConfig: {
    REQUEST: { description: "A request for information to one authority." },
    ALERT: { description: "An alert to many authorities; each acknowledges." },
    NOTIFICATION: { description: "A notification to many authorities; each acknowledges." },
    SOLVIT_CASE: { description: "A SOLVIT case; needs the complaint form's consent reference (R-CONSENT-1)." },
  },
});
registerEnumType(ProcedureStatus, {
  name: "ProcedureStatus",
  description: "Where a procedure stands: DRAFT → SENT → ACCEPTED → ANSWERED → CLOSED for requests.",
});
registerEnumType(ParticipantPart, { name: "ParticipantPart", description: "An authority's part in a procedure." });
registerEnumType(SanctionCategory, { name: "SanctionCategory", description: "Categories of sensitive records (§3)." });
registerEnumType(AccessDenialReason, {
  name: "AccessDenialReason",
  description: "Why personal data is withheld.",
  valuesConfig: {
    NOT_INVOLVED: { description: "The viewer's authority does not take part in the procedure." },
    NOT_ACCEPTED: { description: "The viewer's authority has not accepted the procedure yet." },
    BLOCKED: { description: "The data is blocked after closure (R-RETAIN-1)." },
    DELETED: { description: "The data has been deleted (R-RETAIN-3)." },
    ROLE: { description: "The viewer's role gives no access to personal data." },
  },
});
registerEnumType(MessageKind, {
  name: "MessageKind",
  description: "What a message is: a question or answer, or an initiator's update or withdrawal of an alert (issue 17).",
  valuesConfig: {
    MESSAGE: { description: "A question or answer (postMessage)." },
    ALERT_UPDATE: { description: "The initiator's update of an alert it sent (updateAlert)." },
    ALERT_WITHDRAWAL: { description: "The initiator's reason for withdrawing an alert (withdrawAlert)." },
  },
});
registerEnumType(ConfidentialItemKind, { name: "ConfidentialItemKind", description: "Items that can be flagged confidential (§6)." });
