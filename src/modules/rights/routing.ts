import type { RecordState } from "../../auth/policy.js";

export type RequestKind = "ACCESS" | "RECTIFICATION" | "ERASURE" | "EARLY_DELETION";
export type Route = "INITIATOR" | "RECEIVING_AUTHORITY" | "HELPDESK_WITH_INITIATOR" | "COMMISSION" | "NO_DATA_HELD" | "HELPDESK_REPORT" | "CONTESTATION";
export type RequestStatus = "RECEIVED" | "ESCALATED" | "APPROVED" | "REJECTED" | "COMPLETED";
export type StepKind =
  | "RECEIVED"
  | "LINKED"
  | "ESCALATED_TO_HELPDESK"
  | "DECIDED"
  | "INITIATOR_CONFIRMED"
  | "STEPS_AGREED"
  | "CARRIED_OUT"
  | "CONTESTATION_RECORDED"
  | "REPORT_PRODUCED"
  | "ANSWERED";
export type WaitingFor = "RECEIVING_AUTHORITY" | "HELPDESK" | "INITIATOR_CONFIRMATION" | "RETENTION_JOB" | "NOBODY";

export interface Routing {
  route: Route;
  reason: string;
}

/**
 * Who carries a request out (R-ACCESS-1, R-ACCESS-2, R-RECTIFY-1, R-RECTIFY-3, R-RETAIN-6), from the
 * procedure's state and the receiving authority's part in it *at this moment*: a procedure that
 * closes or is blocked between filing and execution moves the request. One function, so that the
 * route shown, the route checked and the route applied are the same. The receiving authority
 * decides in every case; the route says who acts once it has granted the request.
 */
export function routeRequest(kind: RequestKind, state: RecordState, receiverInitiated: boolean): Routing {
  if (state === "DELETED") {
    return { route: "NO_DATA_HELD", reason: "The procedure's personal data has been deleted: no data is held (R-ACCESS-2)." };
  }
  if (kind === "EARLY_DELETION") {
    return { route: "COMMISSION", reason: "Early deletion asked for by a competent authority involved: carried out by the retention job (R-RETAIN-6)." };
  }
  if (kind === "ACCESS") {
    return state === "BLOCKED"
      ? {
          route: "HELPDESK_REPORT",
          reason: "The data is blocked: the receiving authority keeps the request; the helpdesk retrieves the data and produces the report for it (R-ACCESS-2).",
        }
      : { route: "RECEIVING_AUTHORITY", reason: "The authority that received the request produces the access report itself (R-ACCESS-1)." };
  }
  if (state === "BLOCKED") {
    return {
      route: "CONTESTATION",
      reason: "The data is blocked: it is not changed; the helpdesk records the contestation with the rectified values beside it (R-RECTIFY-3).",
    };
  }
  if (state === "CLOSED") {
    return { route: "COMMISSION", reason: "The procedure is closed: only the Commission carries it out, after agreeing the steps with the granting authority (R-RECTIFY-1 c)." };
  }
  return receiverInitiated
    ? { route: "INITIATOR", reason: "Open procedure, received by its initiator: it carries the request out itself (R-RECTIFY-1 a)." }
    : {
        route: "HELPDESK_WITH_INITIATOR",
        reason: "Received by a participant that did not initiate: the helpdesk carries it out together with the initiator, who confirms (R-RECTIFY-1 b).",
      };
}

const FINISHED: ReadonlySet<RequestStatus> = new Set(["REJECTED", "COMPLETED"]);

export function isFinished(status: RequestStatus): boolean {
  return FINISHED.has(status);
}

/**
 * The route of a request now: an unfinished request linked to a procedure follows the procedure's
 * state; a finished one (or an early deletion, fixed when asked) keeps the route it was answered on.
 */
export function currentRouting(
  request: { kind: RequestKind; status: RequestStatus; route: Route | null; routeReason: string | null },
  procedure: { state: RecordState; receiverInitiated: boolean } | null,
): { route: Route | null; reason: string | null } {
  if (!procedure || isFinished(request.status) || request.kind === "EARLY_DELETION") return { route: request.route, reason: request.routeReason };
  return routeRequest(request.kind, procedure.state, procedure.receiverInitiated);
}

/** Routes on which the helpdesk acts, and so reaches the personal data through a recorded ground. */
export const HELPDESK_ROUTES: readonly Route[] = ["COMMISSION", "HELPDESK_WITH_INITIATOR", "HELPDESK_REPORT", "CONTESTATION"];

export function helpdeskActs(route: Route | null): boolean {
  return route !== null && HELPDESK_ROUTES.includes(route);
}

/**
 * Whom a request waits for (a frontend shows "waiting for the helpdesk", "waiting for the
 * initiator's confirmation"), from its status, its current route and the steps taken.
 */
export function waitingFor(request: { kind: RequestKind; status: RequestStatus }, route: Route | null, steps: readonly { kind: StepKind }[]): WaitingFor {
  if (isFinished(request.status)) return "NOBODY";
  if (request.kind === "EARLY_DELETION") return request.status === "APPROVED" ? "RETENTION_JOB" : "RECEIVING_AUTHORITY";
  // Not linked yet, or not decided yet: the receiving authority decides, in every case (R-RECTIFY-1).
  if (!route || request.status !== "APPROVED") return "RECEIVING_AUTHORITY";
  const took = (kind: StepKind) => steps.some((step) => step.kind === kind);
  switch (route) {
    case "INITIATOR":
    case "RECEIVING_AUTHORITY":
    case "NO_DATA_HELD":
      return "RECEIVING_AUTHORITY";
    case "HELPDESK_WITH_INITIATOR":
      return took("INITIATOR_CONFIRMED") ? "HELPDESK" : "INITIATOR_CONFIRMATION";
    case "HELPDESK_REPORT":
      return took("REPORT_PRODUCED") ? "RECEIVING_AUTHORITY" : "HELPDESK";
    case "COMMISSION":
    case "CONTESTATION":
      return "HELPDESK";
  }
}

/** R-RECTIFY-2: 30 days from receipt by the responsible authority. */
export const ANSWER_DAYS = 30;
export function dueDate(receivedAt: Date): Date {
  return new Date(receivedAt.getTime() + ANSWER_DAYS * 24 * 3600 * 1000);
}
