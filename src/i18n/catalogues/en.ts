/**
 * The English catalogue: the reference every other catalogue is checked against (test/i18n). Keys
 * are stable; `{{name}}` marks a value filled in at run time. Codes and reasons never appear here:
 * they stay the same in every language.
 */
export const en = {
  "legalArea.SERVICES.name": "Services",
  "legalArea.PROFESSIONAL_QUALIFICATIONS.name": "Professional qualifications",
  "legalArea.PATIENTS_RIGHTS.name": "Patients' rights in cross-border healthcare",
  "legalArea.EURO_CASH_TRANSPORT.name": "Cross-border transport of euro cash",
  "legalArea.SOLVIT.name": "SOLVIT",
  "legalArea.POSTING_OF_WORKERS.name": "Posting of workers (pilot)",

  "notice.title": "Privacy notice of {{name}} ({{memberState}})",
  "notice.processing":
    "{{name}} may process your personal data in the Internal Market Information System (IMI), the European Commission's system for administrative cooperation between public authorities of the EU and EEA member states (Regulation (EU) No 1024/2012), to exchange information with competent authorities of other member states under the legal acts listed for the authority. Only the authorities taking part in a procedure see its personal data. It is blocked 6 months after the procedure is formally closed (18 months for SOLVIT cases) and deleted 3 years after closure.",
  "notice.recipient.participants": "Competent authorities of other EU and EEA member states taking part in the same procedure",
  "notice.recipient.forwarded": "Other competent authorities of the same member state to which a request is forwarded",
  "notice.recipient.helpdesk": "The European Commission's IMI helpdesk, only to handle requests of data subjects and for blocked data",
  "notice.controller": "Controller: {{contact}}.",
  "notice.dpo": "Data protection officer: {{name}}, {{email}}.",
  "notice.heading.recipients": "Recipients:",
  "notice.heading.rights": "Your rights:",
  "notice.heading.exceptions": "National exceptions and restrictions:",
  "notice.heading.more": "More information:",
  "notice.noExceptions": "None recorded for this member state.",
  "notice.right.ACCESS": "You may ask {{name}}, or any other authority taking part in the procedure, which data about you is processed in IMI.",
  "notice.right.RECTIFICATION": "You may ask for inaccurate or incomplete data to be corrected; an answer is due within 30 days.",
  "notice.right.ERASURE": "You may ask for unlawfully processed data to be erased; an answer is due within 30 days.",
  "notice.link.imi": "IMI data protection",
  "notice.link.regulation": "Regulation (EU) No 1024/2012",

  "error.denial.ROLE": "Your role does not give access to this data.",
  "error.denial.NOT_INVOLVED": "Your authority does not take part in this procedure.",
  "error.denial.NOT_ACCEPTED": "Your authority has not accepted this procedure yet.",
  "error.denial.BLOCKED": "The personal data of this procedure is blocked (R-RETAIN-1).",
  "error.denial.DELETED": "The personal data of this procedure has been deleted (R-RETAIN-3).",
  "error.unauthenticated": "You must be logged in: call `login` and send its token as `Authorization: Bearer <token>`.",
  "error.notFound": "{{what}} {{id}} was not found.",
  "error.roles": "This needs one of the roles {{roles}}.",
  "error.noPolicy": "No policy allows this field.",
  "error.procedureClosed": "The procedure is closed: nothing more can be done in it.",
  "error.acceptFirst": "Accept the procedure first.",
  "error.noLongerAvailable": "The personal data of this procedure is no longer available.",
  "error.onlyCaseHandlers": "Only case handlers work on procedures.",

  "questionSet.retired": "Question set {{code}} version {{version}} is retired: create the request from its current version.",
  "questionSet.otherArea": "Question set {{code}} belongs to legal area {{setArea}}, not {{area}}.",
  "questionSet.kind": "Only requests and SOLVIT cases are created from a question set.",
  "questionSet.none": "This procedure was not created from a question set.",
  "questionSet.unknownQuestion": "The procedure's question set has no question {{code}}.",
  "questionSet.onlyResponder": "Only the responding authority answers the questions, once it has accepted the request.",
  "questionSet.notNow": "Questions are answered after the request is accepted and before it is closed.",
  "questionSet.badYesNo": "Question {{code}} is answered YES or NO.",
  "questionSet.badChoice": "Question {{code}} is answered with one of its choices: {{choices}}.",
  "questionSet.badDate": "Question {{code}} is answered with a real date (YYYY-MM-DD).",
  "questionSet.badText": "Question {{code}} is answered with a text of 1 to 20000 characters.",
  "questionSet.needsDocument": "Question {{code}} is answered with an attachment of this procedure (attachmentId) and no value.",
  "questionSet.noDocument": "Question {{code}} takes a value, not an attachment.",
  "questionSet.unknownAttachment": "Attachment {{id}} is not one of this procedure's.",
  "questionSet.questionCount": "A question set has 1 to 200 questions.",
  "questionSet.duplicateCode": "Question code {{code}} appears twice.",
  "questionSet.badCode": "A code has 1 to 64 characters: capital letters, digits, _ and -.",
  "questionSet.missingWording": "Every title, question and choice needs its wording in da, de, fr and en, of 1 to 2000 characters.",
  "questionSet.choices": "A CHOICE question has 2 to 50 choices with distinct codes; other questions have none.",
  "questionSet.alreadyRetired": "This version is retired already.",
  "questionSet.unknownArea": "Unknown legal area {{code}}.",

  "attachment.tooLarge": "An attachment has at most {{max}} bytes.",
  "attachment.empty": "The attachment is empty.",
  "attachment.typeNotAllowed": "Only PDF, PNG and JPEG documents are accepted, and this content is none of them.",
  "attachment.typeMismatch": "The content is {{detected}}, not the declared {{declared}}.",
  "attachment.declaredType": "Declare the document's type in the Content-Type header: application/pdf, image/png or image/jpeg.",
  "attachment.name": "Give the file's name in the `name` query parameter (1 to 255 characters).",
  "attachment.method": "Use POST /attachments?procedureId=…&name=… to upload and GET /attachments/{id} to download.",
} as const;

export type CatalogueKey = keyof typeof en;
export type Catalogue = Record<CatalogueKey, string>;
