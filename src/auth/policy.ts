import type { AccessDenialReason } from "../errors.js";
import type { Role } from "./viewer.js";

/**
 * The need-to-know policy of SPEC, as data: the single source of truth for who reads which field.
 * The graphql-shield tree (auth/permissions.ts) is built from it with a deny fallback, the matrix
 * test (test/authorization) checks the running API against it cell by cell, and docs/authorization.md
 * is rendered from it. A schema field without an entry here is denied, and a test fails.
 */

/** The viewer's authority's relation to a procedure. */
export const RELATIONS = [
  "INITIATOR", // initiated it
  "ACCEPTED", // a current responder or recipient that accepted
  "NOT_ACCEPTED", // a current responder or recipient that has not accepted yet
  "FORWARDED_AWAY", // forwarded it to another authority and so left it
  "SAME_STATE", // not taking part, but an authority of its member state is
  "OTHER_STATE", // no authority of its member state takes part
  "COMMISSION_ROUTE", // the Commission holds a recorded legal ground for it (Art. 8)
] as const;
export type Relation = (typeof RELATIONS)[number];

/** The state of a procedure's personal data. */
export const RECORD_STATES = ["OPEN", "CLOSED", "BLOCKED", "DELETED"] as const;
export type RecordState = (typeof RECORD_STATES)[number];

const ALL_RELATIONS = RELATIONS;
const ALL_STATES = RECORD_STATES;
const PARTICIPATING = ["INITIATOR", "ACCEPTED", "NOT_ACCEPTED"] as const;
const READABLE = ["OPEN", "CLOSED"] as const;

/** Who may, in which relation and state: role → relations → states. */
export type Cells = Partial<Record<Role, Partial<Record<Relation, readonly RecordState[]>>>>;

function cells(roles: readonly Role[], relations: readonly Relation[], states: readonly RecordState[]): Cells {
  return Object.fromEntries(roles.map((role) => [role, Object.fromEntries(relations.map((r) => [r, states]))]));
}

/**
 * Access classes of procedure data (SPEC need-to-know matrix). Procedure metadata stays visible in
 * every state, the shell of a deleted procedure included, for statistics (R-RETAIN-3).
 */
export const PROCEDURE_CLASSES = {
  /** Reference, kind, area, status, dates, participating authorities. */
  metadata: {
    ...cells(["COMMISSION"], ALL_RELATIONS, ALL_STATES),
    ...cells(["COORDINATOR"], [...PARTICIPATING, "SAME_STATE"], ALL_STATES),
    ...cells(["LOCAL_ADMIN", "CASE_HANDLER"], PARTICIPATING, ALL_STATES),
  },
  /** The initiator's justification: what a responder reads to decide whether to accept. */
  participant: cells(["CASE_HANDLER"], PARTICIPATING, READABLE),
  /**
   * Personal data (data subjects, sensitive records, messages, consent references) and, under
   * R-LEGALPERSON-1, legal persons and confidential items: the case handlers of the initiator and of
   * participants that accepted, never once blocked (R-RETAIN-1); the Commission only through a
   * recorded route (R-ACCESS-2, R-RECTIFY-1, R-RETAIN-4), blocked data included.
   */
  personalData: {
    ...cells(["CASE_HANDLER"], ["INITIATOR", "ACCEPTED"], READABLE),
    ...cells(["COMMISSION"], ["COMMISSION_ROUTE"], ["OPEN", "CLOSED", "BLOCKED"]),
  },
} satisfies Record<string, Cells>;
export type ProcedureClass = keyof typeof PROCEDURE_CLASSES;

/** How a field is guarded. */
export type Access =
  /** Anyone, logged in or not (the public directory, notices, login). */
  | { kind: "public" }
  /** Any logged-in user; the rows themselves are scoped in SQL by the service. */
  | { kind: "authenticated" }
  /** Logged-in users holding one of these roles (entry points; services check the rest). */
  | { kind: "roles"; roles: readonly Role[] }
  /** Part of an object the viewer was already allowed to reach (a scoped row, a page, its own session). */
  | { kind: "reached" }
  /** Procedure data, decided by the class's cells for the viewer's relation and the record's state. */
  | { kind: "procedure"; class: ProcedureClass }
  /** A user's contact data: scoped rows, blocked at deactivation (R-USER-1). */
  | { kind: "userContact" }
  /**
   * The citizen's identity and words in a data-subject request, decided by REQUEST_PERSONAL
   * (auth/request-access.ts). Others see the request's metadata.
   */
  | { kind: "requestPersonal" };

/** The viewer's relation to a data-subject request. */
export const REQUEST_RELATIONS = [
  "FILED_IT", // the viewer filed it (a portal, for a citizen)
  "RECEIVED_IT", // the viewer's authority received it (the controller that decides it)
  "HELPDESK_ROUTE", // the helpdesk acts on it: its route makes the helpdesk act now, or did
] as const;
export type RequestRelation = (typeof REQUEST_RELATIONS)[number];

/**
 * SPEC matrix, "data-subject requests: the citizen's identity and words, access reports": who reads a
 * request's personal data (requester's name and identifier, details, correction, decision note, the
 * notes of its steps) and its access report, on every path: fields, `accessReport`, mutation payloads.
 * Local admins and coordinators never do, whatever they call (they see the request's metadata).
 */
export const REQUEST_PERSONAL: Partial<Record<Role, readonly RequestRelation[]>> = {
  PORTAL: ["FILED_IT"],
  CASE_HANDLER: ["RECEIVED_IT"],
  COMMISSION: ["HELPDESK_ROUTE"],
};

const PUBLIC: Access = { kind: "public" };
const AUTHENTICATED: Access = { kind: "authenticated" };
const REACHED: Access = { kind: "reached" };
const roles = (...r: Role[]): Access => ({ kind: "roles", roles: r });
const procedure = (c: ProcedureClass): Access => ({ kind: "procedure", class: c });

function fields(access: Access, ...names: string[]): Record<string, Access> {
  return Object.fromEntries(names.map((name) => [name, access]));
}

const CASE_WORK = roles("CASE_HANDLER");

export const POLICY: Record<string, Record<string, Access>> = {
  Query: {
    viewer: PUBLIC,
    ...fields(PUBLIC, "privacyNotice", "nationalRestrictions"),
    ...fields(AUTHENTICATED, "legalAreas", "authorities", "authority", "users", "procedures", "procedure"),
    // R-SEC-2: events are row-scoped in SQL (the Commission all, a coordinator its state, …).
    auditEvents: AUTHENTICATED,
    verifyAuditChain: roles("COMMISSION"),
    // The retention job (SPEC matrix, "retention runs"): the Commission reads, runs and previews, a
    // coordinator reads. Reminders go to the initiating authority's case handlers and local admins,
    // row-scoped in SQL (R-RETAIN-5).
    retentionRuns: roles("COMMISSION", "COORDINATOR", "SUPERVISOR"),
    retentionPreview: roles("COMMISSION"),
    reminders: roles("CASE_HANDLER", "LOCAL_ADMIN"),
    // R-RETAIN-5: procedures brought to the coordinators, row-scoped in SQL to the viewer's member state
    // and its procedure rows (a coordinator sees procedures with a participant in its state).
    escalatedProcedures: roles("COORDINATOR"),
    // R-PROOF-1: the service lets through whoever the personalData class lets read the procedure's
    // personal data (situationOf), NOT_FOUND outside the viewer's rows; anyone may verify a report.
    exchangeReport: AUTHENTICATED,
    verifyExchangeReport: PUBLIC,
    // Data subjects' rights: rows scoped in SQL, each answer gated in the service by its route.
    ...fields(AUTHENTICATED, "dataSubjectRequests", "dataSubjectRequest", "accessReport"),
    // Issue 17: the question-set catalogue is reference data, read by every logged-in user.
    ...fields(AUTHENTICATED, "questionSets", "questionSetVersion"),
  },
  Mutation: {
    login: PUBLIC,
    // R-SEC-1: the user enrols itself, before it has any credentials; the mailed code is the proof.
    enrolUser: PUBLIC,
    setLegalAreaEnabled: roles("COMMISSION"),
    createAuthority: roles("COMMISSION", "COORDINATOR"),
    // Issue 17 item 4 (Art. 12): a coordinator in its own member state, the Commission anywhere (R-COORD-1, in the service).
    setAlertCoordinator: roles("COMMISSION", "COORDINATOR"),
    recordNationalRestriction: roles("COMMISSION", "COORDINATOR"),
    // R-NOTICE-2: the Commission publishes what a coordinator notified.
    publishNationalRestriction: roles("COMMISSION"),
    runRetention: roles("COMMISSION"),
    // R-RETAIN-5: a case handler of an authority taking part (checked in the service).
    justifyInactivity: CASE_WORK,
    ...fields(roles("COMMISSION", "COORDINATOR", "LOCAL_ADMIN"), "createUser", "resendEnrolment", "deactivateUser"),
    ...fields(
      CASE_WORK,
      "createProcedure",
      "addDataSubject",
      "addSensitiveRecord",
      "addLegalPerson",
      "sendProcedure",
      "acceptProcedure",
      "forwardProcedure",
      "postMessage",
      "closeProcedure",
      "requestConfidentiality",
      // Issue 17 item 4: the initiator only (checked in the state machine: FORBIDDEN for any other party).
      "updateAlert",
      "withdrawAlert",
      "linkDataSubjectRequest",
      "requestEarlyDeletion",
    ),
    fileDataSubjectRequest: roles("CASE_HANDLER", "PORTAL"),
    // R-RECTIFY-1: the receiving authority decides, in every case; the helpdesk never decides for it.
    decideDataSubjectRequest: CASE_WORK,
    // Who carries out is the route's as it stands then: the receiving or initiating case handlers, or
    // the helpdesk (checked in the service, on the procedure's state at that moment).
    completeDataSubjectRequest: roles("CASE_HANDLER", "COMMISSION"),
    // Case (b): the initiator confirms; case (c), blocked data: the helpdesk agrees the steps, produces
    // the report of blocked data for the receiving authority, records the contestation (R-ACCESS-2, R-RECTIFY-3).
    confirmDataSubjectRequest: CASE_WORK,
    ...fields(roles("COMMISSION"), "agreeDataSubjectRequestSteps", "produceAccessReport"),
    ...fields(roles("COMMISSION"), "recordContestation", "retrieveBlockedData"),
    // Issue 17: the Commission publishes and retires question sets; the responder answers (checked in
    // ProcedureService.act: the responding authority, once it accepted, never once blocked).
    ...fields(roles("COMMISSION"), "publishQuestionSet", "retireQuestionSetVersion"),
    answerQuestion: CASE_WORK,
  },
  // Issue 16, over WebSocket only. An event reaches only viewers whose rows hold it (modules/subscriptions/
  // event-scope.ts); its payload is then guarded field by field as a query's.
  Subscription: fields(AUTHENTICATED, "procedureEvents", "dataSubjectRequestEvents", "inactivityNotices"),
  ProcedureEvent: {
    ...fields(REACHED, "kind", "at"),
    ...fields(procedure("metadata"), "procedureId", "procedure"),
    // The message posted is personal data: null with FORBIDDEN and its reason for metadata-only viewers.
    message: procedure("personalData"),
  },
  // The request's personal fields keep their own guard (requestPersonal) inside `request`.
  DataSubjectRequestEvent: fields(REACHED, "kind", "at", "requestId", "request"),
  InactivityNotice: {
    ...fields(REACHED, "kind", "at"),
    ...fields(procedure("metadata"), "procedureId", "reminder", "escalation"),
  },
  DataSubjectRequestConnection: fields(REACHED, "edges", "pageInfo", "totalCount"),
  DataSubjectRequestEdge: fields(REACHED, "cursor", "node"),
  DataSubjectRequest: {
    ...fields(
      REACHED,
      "id",
      "kind",
      "status",
      "route",
      "routeReason",
      "receivingAuthority",
      "procedureId",
      "dataSubjectId",
      "receivedAt",
      "dueAt",
      "overdue",
      "escalatedAt",
      "decidedAt",
      "completedAt",
      "waitingFor",
      "steps",
      "allSubjectsConsented",
    ),
    // R-NOTICE-2: published restrictions are public information.
    nationalRestrictions: PUBLIC,
    // The decision's note can name the citizen: it goes with the request's personal fields.
    ...fields({ kind: "requestPersonal" }, "requesterName", "requesterIdentifier", "details", "correction", "decisionNote"),
  },
  // A step's actor, kind and time are the request's metadata; its note goes with the citizen's words.
  DataSubjectRequestStep: {
    ...fields(REACHED, "id", "kind", "actorAuthority", "actorUserId", "approved", "at"),
    note: { kind: "requestPersonal" },
  },
  Correction: fields(REACHED, "fullName", "dateOfBirth", "nationalIdentifier", "address", "email"),
  // An access report goes only to the parties the service lets read it (R-ACCESS-1, R-ACCESS-2).
  AccessReport: fields(REACHED, "requestId", "noDataHeld", "items", "producedAt"),
  AccessReportItem: fields(
    REACHED,
    "procedureId",
    "procedureReference",
    "fullName",
    "dateOfBirth",
    "nationalIdentifier",
    "address",
    "email",
    "sensitiveRecords",
    "recipients",
    "contestations",
  ),
  ReportedSensitiveRecord: fields(REACHED, "category", "details", "legalBasis", "necessity", "createdAt"),
  // A retrieval's procedure is then read through the Commission's recorded route (R-RETAIN-4).
  BlockedDataRetrieval: fields(REACHED, "id", "ground", "consentReference", "reason", "requestingAuthority", "createdAt", "validUntil", "procedure"),
  // Reached through the personal-data fields that list it, or by the Commission that records it.
  Contestation: fields(REACHED, "id", "ground", "statement", "dataSubjectId", "rectifiedValues", "requestId", "createdAt"),
  // The directory and the transparency notices are public information (R-NOTICE-1, R-NOTICE-2).
  Authority: fields(PUBLIC, "id", "name", "memberState", "legalAreas", "contactEmail", "contactPhone", "postalAddress", "website", "dataProtectionOfficer", "alertCoordinator"),
  DataProtectionOfficer: fields(PUBLIC, "name", "email"),
  LegalArea: fields(PUBLIC, "code", "name", "actReference", "enabled", "blockingPeriodMonths", "consentRequired", "closedAlertsStayVisible", "inactivityPeriodMonths"),
  PrivacyNotice: fields(PUBLIC, "controller", "processing", "recipientCategories", "rights", "nationalExceptions", "moreInformation", "text", "language"),
  DataSubjectRight: fields(PUBLIC, "right", "description"),
  InformationLink: fields(PUBLIC, "title", "url"),
  // Unpublished ones are filtered out in the service for everyone but their notifier and the Commission.
  NationalRestriction: fields(
    PUBLIC,
    "id",
    "memberState",
    "title",
    "description",
    "legalReference",
    "rightsAffected",
    "legalAreaCode",
    "procedureKind",
    "createdAt",
    "published",
    "publishedAt",
  ),
  // Pages: their rows are scoped in SQL before they exist.
  PageInfo: fields(REACHED, "hasNextPage", "hasPreviousPage", "startCursor", "endCursor"),
  AuthorityConnection: fields(REACHED, "edges", "pageInfo", "totalCount"),
  AuthorityEdge: fields(REACHED, "cursor", "node"),
  UserConnection: fields(REACHED, "edges", "pageInfo", "totalCount"),
  UserEdge: fields(REACHED, "cursor", "node"),
  ProcedureConnection: fields(REACHED, "edges", "pageInfo", "totalCount"),
  ProcedureEdge: fields(REACHED, "cursor", "node"),
  AuditEventConnection: fields(REACHED, "edges", "pageInfo", "totalCount"),
  AuditEventEdge: fields(REACHED, "cursor", "node"),
  // An event names fields and ids, never values: its row scope is its whole guard.
  AuditEvent: fields(
    REACHED,
    "id",
    "chainId",
    "chainPosition",
    "occurredAt",
    "actor",
    "actorAuthority",
    "action",
    "procedureId",
    "dataSubjectId",
    "fields",
    "ground",
    "requestId",
    "prevHash",
    "hash",
  ),
  AuditChainReport: fields(REACHED, "valid", "eventsChecked", "chains", "firstBrokenChain", "lastPosition", "lastHash", "firstBrokenPosition", "firstBrokenEventId", "problem"),
  // Sessions and new users go only to whoever logged in or created them.
  Session: fields(REACHED, "token", "expiresAt", "user"),
  // R-SEC-1: a new user's creator learns when its code expires, never the code nor any credential.
  NewUser: fields(REACHED, "user", "enrolmentExpiresAt", "enrolmentMailSent"),
  // Only the enrolling user receives its TOTP secret (enrolUser's answer).
  Enrolment: fields(REACHED, "totpSecret", "totpUri"),
  User: {
    // createdBy: the creator only when in the viewer's row scope of users (resolved through it).
    ...fields(REACHED, "id", "roles", "authority", "active", "deactivatedAt", "createdBy"),
    ...fields({ kind: "userContact" }, "name", "email", "enrolled"),
  },
  Procedure: {
    ...fields(
      procedure("metadata"),
      "id",
      "reference",
      "kind",
      "legalArea",
      "status",
      "subject",
      "initiator",
      "participants",
      "createdAt",
      "sentAt",
      // Issue 18: a request's answer deadline, a date of the initiator's or the default, never personal data.
      "answerDeadline",
      "closedAt",
      "blockedAt",
      "personalDataDeletedAt",
      "lastActivityAt",
      "personalDataAccess",
      // R-RETAIN-7: a fixed sentence of the system's (period, last activity), never personal data.
      "closedBySystem",
      "closureReason",
      // Issue 17 item 4: how an alert was addressed and when it was withdrawn, never personal data.
      "toAllMemberStates",
      "withdrawnAt",
    ),
    justification: procedure("participant"),
    ...fields(procedure("personalData"), "consentReference", "dataSubjects", "messages", "legalPersons", "contestations"),
    // Issue 17: the set a request was created from is reference data, shown with the metadata; its
    // answers and documents are personal data, whatever the question (need-to-know, blocked, deleted).
    questionSet: procedure("metadata"),
    ...fields(procedure("personalData"), "answers", "attachments"),
  },
  Participant: fields(procedure("metadata"), "authority", "part", "acceptedAt"),
  PersonalDataAccess: fields(REACHED, "granted", "reason"),
  // A receipt for the authority that forwarded: it names the procedure and the new authority only.
  Forwarding: fields(REACHED, "procedureId", "forwardedTo", "forwardedAt"),
  // R-PROOF-1: a report is reached through `exchangeReport` (gated in the service) or read off a JWS its
  // holder already has (`verifyExchangeReport`): its parts are plain values, never database rows.
  ExchangeReport: fields(REACHED, "jws", "keyId", "issuedAt", "content", "html"),
  ExchangeReportVerification: fields(REACHED, "valid", "keyId", "content", "problem"),
  ExchangeReportContent: fields(
    REACHED,
    "reportId",
    "issuer",
    "issuedAt",
    "version",
    "issuedTo",
    "procedure",
    "participants",
    "states",
    "messages",
    "dataSubjects",
    // Issue 17 (format version 2): the set, its answers and the documents' metadata, personal data
    // like the messages; the report as a whole is given only on the personalData cells.
    "questionSet",
    "answers",
    "attachments",
  ),
  ExchangeReportAuthority: fields(REACHED, "id", "name", "memberState"),
  ExchangeReportLegalArea: fields(REACHED, "code", "name", "actReference"),
  ExchangeReportProcedure: fields(REACHED, "id", "reference", "kind", "legalArea", "subject", "status"),
  ExchangeReportParticipant: fields(REACHED, "authority", "part", "acceptedAt"),
  ExchangeReportState: fields(REACHED, "status", "at"),
  ExchangeReportMessage: fields(REACHED, "id", "author", "createdAt", "body", "confidential"),
  ExchangeReportDataSubject: fields(REACHED, "id", "fullName", "dateOfBirth", "nationalIdentifier", "address", "email", "sensitiveRecords"),
  ExchangeReportSensitiveRecord: fields(REACHED, "id", "category", "details", "legalBasis", "consentReference", "necessity", "createdAt"),
  ExchangeReportQuestionSet: fields(REACHED, "id", "code", "version"),
  ExchangeReportWording: fields(REACHED, "da", "de", "fr", "en"),
  ExchangeReportAnswer: fields(REACHED, "id", "questionCode", "answerType", "questionWording", "questionText", "value", "attachmentId", "answeredBy", "answeredAt"),
  ExchangeReportAttachment: fields(REACHED, "id", "fileName", "contentType", "sizeBytes", "sha256", "uploadedBy", "uploadedAt"),
  DataSubject: fields(
    procedure("personalData"),
    "id",
    "fullName",
    "dateOfBirth",
    "nationalIdentifier",
    "address",
    "email",
    "sensitiveRecords",
    "contestations",
  ),
  SensitiveRecord: fields(procedure("personalData"), "id", "category", "details", "legalBasis", "consentReference", "necessity", "createdAt"),
  Message: fields(procedure("personalData"), "id", "author", "body", "kind", "createdAt", "confidential"),
  LegalPerson: fields(procedure("personalData"), "id", "name", "registrationNumber", "country", "address", "confidential", "createdAt"),
  ConfidentialityFlag: fields(procedure("personalData"), "id", "itemKind", "itemId", "reason", "requestedBy", "createdAt"),
  // Retention runs and previews hold counts and ids of areas and authorities, never personal data.
  RetentionRun: fields(
    REACHED,
    "id",
    "asOf",
    "dryRun",
    "startedAt",
    "finishedAt",
    "proceduresBlocked",
    "proceduresDeleted",
    "usersBlocked",
    "usersDeleted",
    "earlyDeletions",
    "earlyDeletionsRefused",
    "remindersRaised",
    "remindersResolved",
    "proceduresEscalated",
    "escalationsResolved",
    "proceduresClosedForInactivity",
    "durationMs",
    "error",
    "scheduled",
  ),
  RetentionRunConnection: fields(REACHED, "edges", "pageInfo", "totalCount"),
  RetentionRunEdge: fields(REACHED, "cursor", "node"),
  RetentionPreview: fields(
    REACHED,
    "asOf",
    "proceduresToBlock",
    "proceduresToDelete",
    "usersToBlock",
    "usersToDelete",
    "earlyDeletions",
    "earlyDeletionsRefused",
    "remindersToRaise",
    "proceduresToEscalate",
    "proceduresToCloseForInactivity",
    "byLegalAreaAndAuthority",
  ),
  RetentionPreviewGroup: fields(REACHED, "legalArea", "authority", "proceduresToBlock", "proceduresToDelete"),
  // A reminder tells of a procedure's metadata: the same cells as the procedure's own metadata.
  Reminder: fields(procedure("metadata"), "id", "kind", "procedure", "authority", "raisedAt", "resolvedAt"),
  ReminderConnection: fields(REACHED, "edges", "pageInfo", "totalCount"),
  ReminderEdge: fields(REACHED, "cursor", "node"),
  // R-RETAIN-5: an escalation tells of a procedure's metadata (ids, dates, a member state): the same
  // cells as the procedure's own metadata. The justification is free text that may name people:
  // shown like the procedure's justification (participating case handlers, never once blocked).
  InactivityEscalation: fields(
    procedure("metadata"),
    "id",
    "procedure",
    "memberState",
    "inactiveSince",
    "raisedAt",
    "resolvedAt",
    "resolution",
    "reminders",
  ),
  InactivityEscalationConnection: fields(REACHED, "edges", "pageInfo", "totalCount"),
  InactivityEscalationEdge: fields(REACHED, "cursor", "node"),
  InactivityJustification: {
    ...fields(procedure("metadata"), "id", "procedure", "authority", "recordedAt"),
    justification: procedure("participant"),
  },
};

/**
 * Issue 18: oversight without personal data. The coordinators' view of their state (R-COORD-1), the
 * supervisory authorities (SUPERVISOR, Art. 21: a national data-protection authority for its member
 * state, the EDPS for member state EU; audit events and retention runs of their scope, records of
 * processing; no procedure rows, no users' contact data, no personal data by their role: they hold no
 * cell of PROCEDURE_CLASSES), authorities' self-registration (Art. 6), and statistics of the shells.
 */
Object.assign(POLICY.Query!, {
  // Row-scoped in the service to the coordinator's state; the Commission any state for the two lists.
  waitingProcedures: roles("COORDINATOR"),
  ...fields(roles("COORDINATOR", "COMMISSION"), "authoritiesWithoutActiveUser", "staleUsers", "authorityRegistrations"),
  recordsOfProcessing: roles("COMMISSION", "COORDINATOR", "SUPERVISOR"),
  // Exact figures: the Commission all, a coordinator its state; the public subset is suppressed (statistics/suppression.ts).
  statistics: roles("COMMISSION", "COORDINATOR"),
  publicStatistics: PUBLIC,
} satisfies Record<string, Access>);
Object.assign(POLICY.Mutation!, {
  // Art. 6: anyone asks; nothing is published until the state's coordinator approves.
  registerAuthority: PUBLIC,
  decideAuthorityRegistration: roles("COORDINATOR"),
} satisfies Record<string, Access>);
Object.assign(POLICY.User!, { lastLoginAt: REACHED } satisfies Record<string, Access>);
Object.assign(POLICY, {
  // What waits on an authority tells of the procedure's metadata: the same cells.
  WaitingProcedure: fields(procedure("metadata"), "procedureId", "procedure", "authority", "waitingFor", "since", "daysWaiting", "overdue", "overdueReason"),
  WaitingProcedureConnection: fields(REACHED, "edges", "pageInfo", "totalCount"),
  WaitingProcedureEdge: fields(REACHED, "cursor", "node"),
  // Reference data and the public directory.
  RecordOfProcessing: fields(REACHED, "legalArea", "memberState", "authorities", "dataCategories", "sanctionCategories", "blockingPeriodMonths", "deletionPeriodMonths", "procedureCount"),
  // What the directory would publish: public information, shown to its registrant and its coordinators.
  AuthorityRegistration: fields(REACHED, "id", "name", "memberState", "contactEmail", "postalAddress", "legalAreaCodes", "status", "submittedAt", "decidedAt", "decisionNote", "authority"),
  AuthorityRegistrationConnection: fields(REACHED, "edges", "pageInfo", "totalCount"),
  AuthorityRegistrationEdge: fields(REACHED, "cursor", "node"),
  StatisticsCell: fields(REACHED, "month", "legalAreaCode", "memberState", "requestsSent", "acceptedWithin7Days", "acceptedWithin7DaysShare", "medianDaysToAccept", "medianDaysToAnswer", "closed", "blocked", "deleted", "alertsSent"),
  PublicStatistics: fields(PUBLIC, "fromMonth", "toMonth", "cells", "totals"),
  PublicStatisticsCell: fields(PUBLIC, "month", "legalAreaCode", "memberState", "requestsSent", "acceptedWithin7DaysShare", "medianDaysToAccept", "medianDaysToAnswer", "closed", "blocked", "deleted", "alertsSent"),
} satisfies Record<string, Record<string, Access>>);

/** Issue 17: question sets, their answers and attachments. */
Object.assign(POLICY, {
  // Reference data (no personal data): reached through the authenticated catalogue or a procedure's metadata.
  QuestionSetVersion: fields(REACHED, "id", "code", "version", "legalArea", "title", "status", "publishedAt", "retiredAt", "questions"),
  Question: fields(REACHED, "id", "code", "position", "answerType", "required", "mayContainPersonalData", "text", "choices"),
  QuestionChoice: fields(REACHED, "code", "label"),
  // Personal data of the procedure each belongs to (its procedureId): the personalData cells.
  QuestionAnswer: fields(procedure("personalData"), "id", "questionCode", "question", "value", "attachment", "answeredBy", "answeredAt"),
  Attachment: fields(procedure("personalData"), "id", "fileName", "contentType", "sizeBytes", "sha256", "uploadedBy", "createdAt", "downloadPath"),
} satisfies Record<string, Record<string, Access>>);

export const DENIAL_MESSAGES: Record<AccessDenialReason, string> = {
  ROLE: "Your role does not give access to this data.",
  NOT_INVOLVED: "Your authority does not take part in this procedure.",
  NOT_ACCEPTED: "Your authority has not accepted this procedure yet.",
  BLOCKED: "The personal data of this procedure is blocked (R-RETAIN-1).",
  DELETED: "The personal data of this procedure has been deleted (R-RETAIN-3).",
};

export type Decision = { granted: true; reason: null } | { granted: false; reason: AccessDenialReason };

/**
 * Decisions already made, per class's cells and coordinates: the policy is a constant, and a list of
 * 50 procedures asks the same few questions for every guarded field (issue 14: no allocation per call).
 */
const decided = new WeakMap<Cells, Map<string, Decision>>();

/** Whether the cells of a class let any of the viewer's roles read in this relation and state, and if not why. */
export function decide(cellsOf: Cells, viewerRoles: readonly Role[], relation: Relation, state: RecordState): Decision {
  let known = decided.get(cellsOf);
  if (!known) decided.set(cellsOf, (known = new Map()));
  const key = `${viewerRoles.join(",")}|${relation}|${state}`;
  let decision = known.get(key);
  if (!decision) known.set(key, (decision = Object.freeze(decideAfresh(cellsOf, viewerRoles, relation, state))));
  return decision;
}

function decideAfresh(cellsOf: Cells, viewerRoles: readonly Role[], relation: Relation, state: RecordState): Decision {
  const own = viewerRoles.map((role) => cellsOf[role]).filter((c): c is NonNullable<typeof c> => c !== undefined);
  if (own.length === 0) return { granted: false, reason: "ROLE" };
  const states = own.flatMap((c) => c[relation] ?? []);
  if (states.length === 0) return { granted: false, reason: relation === "NOT_ACCEPTED" ? "NOT_ACCEPTED" : "NOT_INVOLVED" };
  if (states.includes(state)) return { granted: true, reason: null };
  if (state === "DELETED") return { granted: false, reason: "DELETED" };
  if (state === "BLOCKED") return { granted: false, reason: "BLOCKED" };
  return { granted: false, reason: "ROLE" };
}
