import { pgEnum } from "drizzle-orm/pg-core";

// Issue 18: SUPERVISOR (a supervisory authority: a national DPA, or the EDPS for the Commission) added last.
export const roleEnum = pgEnum("role", ["COMMISSION", "COORDINATOR", "LOCAL_ADMIN", "CASE_HANDLER", "PORTAL", "SUPERVISOR"]);
export const procedureKindEnum = pgEnum("procedure_kind", ["REQUEST", "ALERT", "NOTIFICATION", "SOLVIT_CASE"]);
export const procedureStatusEnum = pgEnum("procedure_status", ["DRAFT", "SENT", "ACCEPTED", "ANSWERED", "CLOSED"]);
export const participantPartEnum = pgEnum("participant_part", ["INITIATOR", "RESPONDER", "RECIPIENT"]);
export const sanctionCategoryEnum = pgEnum("sanction_category", ["DISCIPLINARY", "ADMINISTRATIVE", "CRIMINAL", "GOOD_REPUTE"]);
/** Issue 17 item 4: an initiator's update or withdrawal of an alert is a message of its own kind. */
export const messageKindEnum = pgEnum("message_kind", ["MESSAGE", "ALERT_UPDATE", "ALERT_WITHDRAWAL"]);
export const confidentialItemKindEnum = pgEnum("confidential_item_kind", ["LEGAL_PERSON", "MESSAGE"]);
export const dataSubjectRequestKindEnum = pgEnum("data_subject_request_kind", ["ACCESS", "RECTIFICATION", "ERASURE", "EARLY_DELETION"]);
export const dataSubjectRequestStatusEnum = pgEnum("data_subject_request_status", [
  "RECEIVED",
  "ESCALATED",
  "APPROVED",
  "REJECTED",
  "COMPLETED",
]);
/** R-RECTIFY-1: who acts on a data-subject request. */
export const dataSubjectRequestRouteEnum = pgEnum("data_subject_request_route", [
  "INITIATOR",
  /** R-ACCESS-1: the authority that received an access request answers it itself. */
  "RECEIVING_AUTHORITY",
  "HELPDESK_WITH_INITIATOR",
  "COMMISSION",
  "NO_DATA_HELD",
  /** R-ACCESS-2: blocked data; the helpdesk retrieves it and produces the report for the receiving authority. */
  "HELPDESK_REPORT",
  /** R-RECTIFY-3: blocked data; the helpdesk records the contestation with the rectified values beside it. */
  "CONTESTATION",
]);
/** R-RECTIFY-1, R-RECTIFY-3, R-ACCESS-2: the steps by which a data-subject request is decided and carried out. */
export const dataSubjectRequestStepKindEnum = pgEnum("data_subject_request_step_kind", [
  "RECEIVED",
  "LINKED",
  "ESCALATED_TO_HELPDESK",
  "DECIDED",
  "INITIATOR_CONFIRMED",
  "STEPS_AGREED",
  "CARRIED_OUT",
  "CONTESTATION_RECORDED",
  "REPORT_PRODUCED",
  "ANSWERED",
]);
export const contestationGroundEnum = pgEnum("contestation_ground", ["ACCURACY", "LAWFULNESS"]);
export const reminderKindEnum = pgEnum("reminder_kind", ["LEFT_OPEN"]);
