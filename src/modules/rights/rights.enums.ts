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
    COMMISSION: { description: "(c) Closed procedure, blocked data or early deletion: the Commission acts." },
    NO_DATA_HELD: { description: "The personal data has been deleted: no data is held." },
  },
});
registerEnumType(ContestationGround, { name: "ContestationGround", description: "What is contested about blocked data (R-RECTIFY-3)." });
registerEnumType(RetrievalGround, { name: "RetrievalGround", description: "Why blocked data is retrieved (R-RETAIN-4)." });
