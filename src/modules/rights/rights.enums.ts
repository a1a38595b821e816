import { registerEnumType } from "type-graphql";

export enum DataSubjectRequestKind {
  ACCESS = "ACCESS",
  RECTIFICATION = "RECTIFICATION",
  ERASURE = "ERASURE",
  EARLY_DELETION = "EARLY_DELETION",
}
export enum DataSubjectRequestStatus {
  RECEIVED = "RECEIVED",
  ESCALATED = "ESCALATED",
  APPROVED = "APPROVED",
  REJECTED = "REJECTED",
  COMPLETED = "COMPLETED",
}
export enum DataSubjectRequestRoute {
  INITIATOR = "INITIATOR",
  RECEIVING_AUTHORITY = "RECEIVING_AUTHORITY",
  HELPDESK_WITH_INITIATOR = "HELPDESK_WITH_INITIATOR",
  COMMISSION = "COMMISSION",
  NO_DATA_HELD = "NO_DATA_HELD",
  HELPDESK_REPORT = "HELPDESK_REPORT",
  CONTESTATION = "CONTESTATION",
}
export enum DataSubjectRequestStepKind {
  RECEIVED = "RECEIVED",
  LINKED = "LINKED",
  ESCALATED_TO_HELPDESK = "ESCALATED_TO_HELPDESK",
  DECIDED = "DECIDED",
  INITIATOR_CONFIRMED = "INITIATOR_CONFIRMED",
  STEPS_AGREED = "STEPS_AGREED",
  CARRIED_OUT = "CARRIED_OUT",
  CONTESTATION_RECORDED = "CONTESTATION_RECORDED",
  REPORT_PRODUCED = "REPORT_PRODUCED",
  ANSWERED = "ANSWERED",
}
export enum DataSubjectRequestWaitingFor {
  RECEIVING_AUTHORITY = "RECEIVING_AUTHORITY",
  HELPDESK = "HELPDESK",
  INITIATOR_CONFIRMATION = "INITIATOR_CONFIRMATION",
  RETENTION_JOB = "RETENTION_JOB",
  NOBODY = "NOBODY",
}
export enum ContestationGround {
  ACCURACY = "ACCURACY",
  LAWFULNESS = "LAWFULNESS",
}
export enum RetrievalGround {
  PROVE_EXCHANGE = "PROVE_EXCHANGE",
  PUBLIC_INTEREST = "PUBLIC_INTEREST",
}

registerEnumType(DataSubjectRequestKind, { name: "DataSubjectRequestKind", description: "What a data subject asks for (§7, §8, §9)." });
registerEnumType(DataSubjectRequestStatus, { name: "DataSubjectRequestStatus", description: "Where a data subject's request stands." });
registerEnumType(DataSubjectRequestRoute, {
  name: "DataSubjectRequestRoute",
  description: "Who acts on a request (R-ACCESS-1, R-ACCESS-2, R-RECTIFY-1).",
  valuesConfig: {
    INITIATOR: { description: "(a) Open procedure, received by its initiator: it acts itself." },
    RECEIVING_AUTHORITY: { description: "Access to data not blocked: the receiving authority answers itself." },
    HELPDESK_WITH_INITIATOR: { description: "(b) Received by a participant that did not initiate: the helpdesk acts with the initiator." },
    COMMISSION: { description: "(c) Closed procedure, or an early deletion: the Commission acts (the retention job for an early deletion)." },
    NO_DATA_HELD: { description: "The personal data has been deleted: no data is held." },
    HELPDESK_REPORT: { description: "Access to blocked data: the helpdesk retrieves it and produces the report for the receiving authority, which answers (R-ACCESS-2)." },
    CONTESTATION: { description: "Rectification or erasure of blocked data: the helpdesk records the contestation with the rectified values beside it (R-RECTIFY-3)." },
  },
});
registerEnumType(DataSubjectRequestStepKind, {
  name: "DataSubjectRequestStepKind",
  description: "A step by which a data-subject request is received, decided and carried out (R-RECTIFY-1, R-RECTIFY-3, R-ACCESS-2).",
  valuesConfig: {
    RECEIVED: { description: "Received by the authority (filed by it or by a portal naming it)." },
    LINKED: { description: "Linked to a procedure by the receiving authority." },
    ESCALATED_TO_HELPDESK: { description: "Reached the helpdesk: cases (b), (c) or blocked data; also when the procedure closed or was blocked since." },
    DECIDED: { description: "Granted or rejected by the receiving authority (for blocked data: its confirmation that the Regulation's conditions are met)." },
    INITIATOR_CONFIRMED: { description: "Case (b): the initiator confirmed the change the helpdesk carries out with it." },
    STEPS_AGREED: { description: "Case (c): the helpdesk agreed the steps with the granting authority." },
    CARRIED_OUT: { description: "The rectification or erasure was applied." },
    CONTESTATION_RECORDED: { description: "Blocked data: the helpdesk recorded the contestation with the rectified values; this answers the request." },
    REPORT_PRODUCED: { description: "Blocked data: the helpdesk retrieved it and produced the access report for the receiving authority." },
    ANSWERED: { description: "The access request was answered (or answered that no data is held)." },
  },
});
registerEnumType(DataSubjectRequestWaitingFor, {
  name: "DataSubjectRequestWaitingFor",
  description: "Whom a data-subject request waits for now.",
  valuesConfig: {
    RECEIVING_AUTHORITY: { description: "The receiving authority: to link, decide, carry out or answer." },
    HELPDESK: { description: "The Commission's helpdesk: to agree the steps, carry out, record the contestation or produce the report." },
    INITIATOR_CONFIRMATION: { description: "Case (b): the initiating authority's confirmation of the change." },
    RETENTION_JOB: { description: "A granted early deletion: the retention job carries it out." },
    NOBODY: { description: "Answered." },
  },
});
registerEnumType(ContestationGround, { name: "ContestationGround", description: "What is contested about blocked data (R-RECTIFY-3)." });
registerEnumType(RetrievalGround, { name: "RetrievalGround", description: "Why blocked data is retrieved (R-RETAIN-4)." });
