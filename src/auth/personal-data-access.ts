import type { AccessDenialReason } from "../errors.js";
import { hasRole, type Viewer } from "./viewer.js";

export interface ProcedureState {
  blockedAt: Date | null;
  personalDataDeletedAt: Date | null;
}

export interface Participation {
  part: "INITIATOR" | "RESPONDER" | "RECIPIENT";
  acceptedAt: Date | null;
}

export type AccessDecision = { granted: true; reason: null } | { granted: false; reason: AccessDenialReason };

const GRANTED: AccessDecision = { granted: true, reason: null };
const deny = (reason: AccessDenialReason): AccessDecision => ({ granted: false, reason });

/**
 * Who reads a procedure's personal data (SPEC need-to-know matrix): the case handlers of the
 * initiating authority and of participants that accepted; nobody once it is blocked (R-RETAIN-1)
 * or deleted (R-RETAIN-3). Coordinators, local admins, portals and the Commission never by role
 * alone (Art. 8); the Commission's recorded routes come with the data-subject rights.
 */
export function personalDataAccess(viewer: Viewer, procedure: ProcedureState, participation: Participation | undefined): AccessDecision {
  if (!hasRole(viewer, "CASE_HANDLER")) return deny("ROLE");
  if (!participation) return deny("NOT_INVOLVED");
  if (participation.part !== "INITIATOR" && !participation.acceptedAt) return deny("NOT_ACCEPTED");
  if (procedure.personalDataDeletedAt) return deny("DELETED");
  if (procedure.blockedAt) return deny("BLOCKED");
  return GRANTED;
}

/**
 * What a participating case handler sees before accepting: the request's justification, so that it
 * can decide to accept (not the personal data itself).
 */
export function participantAccess(viewer: Viewer, procedure: ProcedureState, participation: Participation | undefined): AccessDecision {
  if (!hasRole(viewer, "CASE_HANDLER")) return deny("ROLE");
  if (!participation) return deny("NOT_INVOLVED");
  if (procedure.personalDataDeletedAt) return deny("DELETED");
  if (procedure.blockedAt) return deny("BLOCKED");
  return GRANTED;
}

export const DENIAL_MESSAGES: Record<AccessDenialReason, string> = {
  ROLE: "Your role does not give access to personal data of procedures.",
  NOT_INVOLVED: "Your authority does not take part in this procedure.",
  NOT_ACCEPTED: "Your authority has not accepted this procedure yet.",
  BLOCKED: "The personal data of this procedure is blocked (R-RETAIN-1).",
  DELETED: "The personal data of this procedure has been deleted (R-RETAIN-3).",
};
