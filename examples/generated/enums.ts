/** Why personal data is withheld. */
export type AccessDenialReason =
  /** The data is blocked after closure (R-RETAIN-1). */
  | 'BLOCKED'
  /** The data has been deleted (R-RETAIN-3). */
  | 'DELETED'
  /** The viewer's authority has not accepted the procedure yet. */
  | 'NOT_ACCEPTED'
  /** The viewer's authority does not take part in the procedure. */
  | 'NOT_INVOLVED'
  /** The viewer's role gives no access to personal data. */
  | 'ROLE';

/** How a question is answered. The answer's `value`: YES_NO `YES` or `NO`; CHOICE a choice's code; DATE `YYYY-MM-DD`; TEXT free text; DOCUMENT no value, an attachment. */
export type AnswerType =
  | 'CHOICE'
  | 'DATE'
  | 'DOCUMENT'
  | 'TEXT'
  | 'YES_NO';

/** Where an authority's self-registration stands (Art. 6). */
export type AuthorityRegistrationStatus =
  | 'APPROVED'
  | 'PENDING'
  | 'REJECTED';

/** Items that can be flagged confidential (§6). */
export type ConfidentialItemKind =
  | 'LEGAL_PERSON'
  | 'MESSAGE';

/** What is contested about blocked data (R-RECTIFY-3). */
export type ContestationGround =
  | 'ACCURACY'
  | 'LAWFULNESS';

/** What happened to a data-subject request you may see. */
export type DataSubjectRequestEventKind =
  /** It was filed (it reached the receiving authority). */
  | 'FILED'
  /** Its route or receiving authority changed, or it was escalated. */
  | 'ROUTED'
  /** Its status changed (decided, completed, …). */
  | 'STATUS_CHANGED';

/** What a data subject asks for (§7, §8, §9). */
export type DataSubjectRequestKind =
  | 'ACCESS'
  | 'EARLY_DELETION'
  | 'ERASURE'
  | 'RECTIFICATION';

/** Who acts on a request (R-ACCESS-1, R-ACCESS-2, R-RECTIFY-1). */
export type DataSubjectRequestRoute =
  /** (c) Closed procedure, or an early deletion: the Commission acts (the retention job for an early deletion). */
  | 'COMMISSION'
  /** Rectification or erasure of blocked data: the helpdesk records the contestation with the rectified values beside it (R-RECTIFY-3). */
  | 'CONTESTATION'
  /** Access to blocked data: the helpdesk retrieves it and produces the report for the receiving authority, which answers (R-ACCESS-2). */
  | 'HELPDESK_REPORT'
  /** (b) Received by a participant that did not initiate: the helpdesk acts with the initiator. */
  | 'HELPDESK_WITH_INITIATOR'
  /** (a) Open procedure, received by its initiator: it acts itself. */
  | 'INITIATOR'
  /** The personal data has been deleted: no data is held. */
  | 'NO_DATA_HELD'
  /** Access to data not blocked: the receiving authority answers itself. */
  | 'RECEIVING_AUTHORITY';

/** Where a data subject's request stands. */
export type DataSubjectRequestStatus =
  | 'APPROVED'
  | 'COMPLETED'
  | 'ESCALATED'
  | 'RECEIVED'
  | 'REJECTED';

/** A step by which a data-subject request is received, decided and carried out (R-RECTIFY-1, R-RECTIFY-3, R-ACCESS-2). */
export type DataSubjectRequestStepKind =
  /** The access request was answered (or answered that no data is held). */
  | 'ANSWERED'
  /** The rectification or erasure was applied. */
  | 'CARRIED_OUT'
  /** Blocked data: the helpdesk recorded the contestation with the rectified values; this answers the request. */
  | 'CONTESTATION_RECORDED'
  /** Granted or rejected by the receiving authority (for blocked data: its confirmation that the Regulation's conditions are met). */
  | 'DECIDED'
  /** Reached the helpdesk: cases (b), (c) or blocked data; also when the procedure closed or was blocked since. */
  | 'ESCALATED_TO_HELPDESK'
  /** Case (b): the initiator confirmed the change the helpdesk carries out with it. */
  | 'INITIATOR_CONFIRMED'
  /** Linked to a procedure by the receiving authority. */
  | 'LINKED'
  /** Received by the authority (filed by it or by a portal naming it). */
  | 'RECEIVED'
  /** Blocked data: the helpdesk retrieved it and produced the access report for the receiving authority. */
  | 'REPORT_PRODUCED'
  /** Case (c): the helpdesk agreed the steps with the granting authority. */
  | 'STEPS_AGREED';

/** Whom a data-subject request waits for now. */
export type DataSubjectRequestWaitingFor =
  /** The Commission's helpdesk: to agree the steps, carry out, record the contestation or produce the report. */
  | 'HELPDESK'
  /** Case (b): the initiating authority's confirmation of the change. */
  | 'INITIATOR_CONFIRMATION'
  /** Answered. */
  | 'NOBODY'
  /** The receiving authority: to link, decide, carry out or answer. */
  | 'RECEIVING_AUTHORITY'
  /** A granted early deletion: the retention job carries it out. */
  | 'RETENTION_JOB';

/** Every `extensions.code` of an error this API answers, over /graphql, WebSocket and /attachments alike. Not returned by any field: switch on `error.extensions.code` with it. Each value says what the client does. */
export type ErrorCode =
  /** The HTTP request or WebSocket message is malformed (not JSON, too large, no query, a query or mutation over WebSocket). Fix how the request is sent. */
  | 'BAD_REQUEST'
  /** The input is invalid (`field` or `fields` names it; attachments give a `reason`). Fix the input and send it again; retrying unchanged fails the same way. */
  | 'BAD_USER_INPUT'
  /** The action does not fit the object's current state (sent twice, already closed, a run under way). Reload the object and decide again. */
  | 'CONFLICT'
  /** Your role or your authority's part does not allow this field or action; `reason` says why (ROLE, NOT_INVOLVED, NOT_ACCEPTED, BLOCKED, DELETED, RATE_LIMITED, INTROSPECTION_DISABLED, ROW_SECURITY). Do not retry as it is: show the explanation, or wait `retryAfterSeconds` for RATE_LIMITED. */
  | 'FORBIDDEN'
  /** The document is not valid GraphQL (or has too many tokens). Fix the document: a client bug, retrying does not help. */
  | 'GRAPHQL_PARSE_FAILED'
  /** The document does not fit the schema (an unknown field, too deep, too costly, too many aliases). Fix the document against schema/schema.graphql. */
  | 'GRAPHQL_VALIDATION_FAILED'
  /** Something unexpected failed; the message is always `Internal server error.` and the server logged the details. Retrying may help; report it if it persists. */
  | 'INTERNAL_SERVER_ERROR'
  /** The object does not exist, or you may not see it: the two look the same. Do not retry; refresh the list you took the id from. */
  | 'NOT_FOUND'
  /** The `operationName` names no operation of the document, or the document holds several and none is named. Send the right `operationName`. */
  | 'OPERATION_RESOLUTION_FAILURE'
  /** A live event's answer is larger than allowed (WebSocket). Select fewer fields in the subscription. */
  | 'PAYLOAD_TOO_LARGE'
  /** The server has no document with this id (trusted documents). Send the document itself, or regenerate the manifest the server runs with. */
  | 'PERSISTED_QUERY_NOT_FOUND'
  /** This server takes documents, not ids: send the query text. */
  | 'PERSISTED_QUERY_NOT_SUPPORTED'
  /** The server cannot reach its database right now (HTTP 503, Retry-After). Retry after `retryAfterSeconds`; before repeating a mutation that creates something, check whether it exists. With reason MAIL_NOT_CONFIGURED: the server has no mail transport, and retrying does not help. */
  | 'SERVICE_UNAVAILABLE'
  /** The connection or the user has as many subscriptions open as allowed (WebSocket). Complete some before subscribing again. */
  | 'TOO_MANY_SUBSCRIPTIONS'
  /** No valid token came with the request, or a login failed. `reason` says why a token was refused (TOKEN_EXPIRED, TOKEN_INVALID, USER_DEACTIVATED, MALFORMED_AUTHORIZATION); without one, log in and send the token as `Authorization: Bearer <token>`. */
  | 'UNAUTHENTICATED'
  /** This server runs only the operations of its trusted-documents manifests, and this one is not listed. Add it to your manifest and have it deployed. */
  | 'UNTRUSTED_DOCUMENT';

/** Every `extensions.reason` an error may carry beside its code (why a token, an access or an upload was refused). Absent on most errors. The access-denial values are those of AccessDenialReason. */
export type ErrorReason =
  /** The procedure was closed longer ago than its blocking period (R-RETAIN-1): the data is blocked. Do not retry; a data-subject request goes through the helpdesk. */
  | 'BLOCKED'
  /** The personal data was deleted after its retention period (R-RETAIN-3). Do not retry: it is gone. */
  | 'DELETED'
  /** The body is empty. Send the file's bytes. */
  | 'EMPTY'
  /** Introspection is off in production except for Commission users. Use the published schema/schema.graphql, or log in as a Commission user. */
  | 'INTROSPECTION_DISABLED'
  /** The server has no mail transport (SMTP_URL or MAIL_OUTBOX_DIR), so it cannot send an enrolment code: createUser and resendEnrolment are refused and nothing was created. Retrying does not help until the operator configures one (docs/deployment.md). */
  | 'MAIL_NOT_CONFIGURED'
  /** The Authorization header is not `Bearer <token>`. Fix how the header is sent (the token `login` returned, after `Bearer `). */
  | 'MALFORMED_AUTHORIZATION'
  /** Your authority takes part but has not accepted the procedure yet: accept it (`acceptProcedure`), then ask again. */
  | 'NOT_ACCEPTED'
  /** Your authority does not take part in the procedure. Do not retry. */
  | 'NOT_INVOLVED'
  /** The database connection was lost while the request was being committed: what a mutation changed may or may not be saved. Read it back (or list what you created) before repeating the mutation. */
  | 'OUTCOME_UNKNOWN'
  /** Too many attempts from your address or for this account (login, enrolment, authority registration). Wait `retryAfterSeconds`, then try again. */
  | 'RATE_LIMITED'
  /** Your role does not allow this field or action; for personal data: coordinators, local admins, portals, the Commission without a recorded route. Do not retry; hide what needs another role. */
  | 'ROLE'
  /** The database refused this change as outside what your role and your authority's part allow (its row-level security), after the service had let it through: nothing was changed. Do not retry; report it, since the service should have explained the refusal itself. */
  | 'ROW_SECURITY'
  /** The session has expired. Log in again (`login`) and repeat the request with the new token. */
  | 'TOKEN_EXPIRED'
  /** The token was not issued by this API, was altered or is malformed. Discard it and log in again; do not retry with it. */
  | 'TOKEN_INVALID'
  /** The file is larger than the limit (HTTP 413). Send a smaller file. */
  | 'TOO_LARGE'
  /** The content is not of the declared Content-Type (HTTP 415). Declare the file's real type. */
  | 'TYPE_MISMATCH'
  /** The declared Content-Type, or the content, is not an accepted type (HTTP 415). Convert the file to an accepted type. */
  | 'TYPE_NOT_ALLOWED'
  /** The token is valid but its user has been deactivated. Logging in again does not help: end the session and tell the user. */
  | 'USER_DEACTIVATED';

/** Why a procedure stopped being brought to the coordinators (R-RETAIN-5). */
export type EscalationResolution =
  /** The procedure became active again. */
  | 'ACTIVITY'
  /** It was closed formally, by its initiator or by the system (R-RETAIN-7). */
  | 'CLOSED'
  /** A participating case handler recorded why it is inactive (`justifyInactivity`). */
  | 'JUSTIFIED';

/** A reminder or an escalation raised by the retention job (R-RETAIN-5). */
export type InactivityNoticeKind =
  | 'ESCALATION'
  | 'REMINDER';

/** A language of the texts: Danish, German, French, English. Where a field takes none, the request's Accept-Language decides (English when nothing matches). */
export type Language =
  | 'DA'
  | 'DE'
  | 'EN'
  | 'FR';

/** What a message is: a question or answer, or an initiator's update or withdrawal of an alert (issue 17). */
export type MessageKind =
  /** The initiator's update of an alert it sent (updateAlert). */
  | 'ALERT_UPDATE'
  /** The initiator's reason for withdrawing an alert (withdrawAlert). */
  | 'ALERT_WITHDRAWAL'
  /** A question or answer (postMessage). */
  | 'MESSAGE';

/** Why a waiting procedure is overdue (issue 18, coordinators' view). When both hold, the deadline is named. */
export type OverdueReason =
  /** A request or SOLVIT case not accepted within 7 days of being sent (the Single Market Scoreboard's measure). */
  | 'NOT_ACCEPTED_IN_7_DAYS'
  /** A request whose answer deadline (`Procedure.answerDeadline`) has passed without an answer, accepted or not. */
  | 'NOT_ANSWERED_BY_DEADLINE';

/** An authority's part in a procedure. */
export type ParticipantPart =
  | 'INITIATOR'
  | 'RECIPIENT'
  | 'RESPONDER';

/** A category of personal data the system processes (a record of processing names categories, never values). */
export type PersonalDataCategory =
  /** Data subjects' addresses and e-mail addresses. */
  | 'CONTACT'
  /** Questions, answers and messages, which can name people. */
  | 'CORRESPONDENCE'
  /** Answers to question sets and attached documents. */
  | 'DOCUMENTS'
  /** Data subjects' names and dates of birth. */
  | 'IDENTITY'
  /** Data subjects' national identifiers (sealed at rest). */
  | 'NATIONAL_IDENTIFIER'
  /** Sensitive records (§3): disciplinary, administrative or criminal sanctions, good repute. */
  | 'SANCTIONS'
  /** IMI users' names and e-mail addresses (Art. 15). */
  | 'USERS_CONTACT';

/** What happened to a procedure your authority takes part in. */
export type ProcedureEventKind =
  /** It was forwarded to another authority (to yours, when you are told of it as a new participant). */
  | 'FORWARDED'
  /** A message was posted in it. */
  | 'MESSAGE_POSTED'
  /** It was sent: it has reached the responders or recipients. */
  | 'SENT'
  /** Its status changed (accepted, answered, closed, closed by the system, …). */
  | 'STATUS_CHANGED';

/** The kind of administrative cooperation procedure. */
export type ProcedureKind =
  /** An alert to many authorities; each acknowledges. */
  | 'ALERT'
  /** A notification to many authorities; each acknowledges. */
  | 'NOTIFICATION'
  /** A request for information to one authority. */
  | 'REQUEST'
  /** A SOLVIT case; needs the complaint form's consent reference (R-CONSENT-1). */
  | 'SOLVIT_CASE';

/** Where a procedure stands: DRAFT → SENT → ACCEPTED → ANSWERED → CLOSED for requests. */
export type ProcedureStatus =
  | 'ACCEPTED'
  | 'ANSWERED'
  | 'CLOSED'
  | 'DRAFT'
  | 'SENT';

/** PUBLISHED: new requests can be created from it. RETIRED: no new requests, still readable for the procedures created from it. */
export type QuestionSetStatus =
  | 'PUBLISHED'
  | 'RETIRED';

/** Why a reminder was raised. */
export type ReminderKind =
  /** The procedure is still open without activity: close it formally (R-RETAIN-5). */
  | 'LEFT_OPEN';

/** Why blocked data is retrieved (R-RETAIN-4). */
export type RetrievalGround =
  | 'PROVE_EXCHANGE'
  | 'PUBLIC_INTEREST';

/** What a user may do; a user holds one or more. */
export type Role =
  /** Works the procedures of one authority. */
  | 'CASE_HANDLER'
  /** The Commission's IMI helpdesk: the whole system; personal data only through recorded routes. */
  | 'COMMISSION'
  /** A national IMI coordinator: the authorities and users of one member state (§12). */
  | 'COORDINATOR'
  /** Manages the users of one authority. */
  | 'LOCAL_ADMIN'
  /** A national portal's service account acting for citizens: only what it filed itself. */
  | 'PORTAL'
  /** A supervisory authority (Art. 21): a national data-protection authority for its member state, or the EDPS for the Commission's processing (an authority of member state EU). Reads the audit log and retention runs of its scope and the records of processing; never personal data by its role. */
  | 'SUPERVISOR';

/** Categories of sensitive records (§3). */
export type SanctionCategory =
  | 'ADMINISTRATIVE'
  | 'CRIMINAL'
  | 'DISCIPLINARY'
  | 'GOOD_REPUTE';

/** What a procedure waits for from an authority (issue 18, coordinators' view). */
export type WaitingFor =
  /** Sent to the authority, not yet accepted (or, for an alert or notification, acknowledged). */
  | 'ACCEPTANCE'
  /** Accepted by the authority as responder, not yet answered. */
  | 'ANSWER';
