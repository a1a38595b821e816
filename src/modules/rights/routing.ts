import type { RecordState } from "../../auth/policy.js";

export type RequestKind = "ACCESS" | "RECTIFICATION" | "ERASURE" | "EARLY_DELETION";
export type Route = "INITIATOR" | "RECEIVING_AUTHORITY" | "HELPDESK_WITH_INITIATOR" | "COMMISSION" | "NO_DATA_HELD";

export interface Routing {
  route: Route;
  reason: string;
}

/**
 * Who acts on a data subject's request (R-ACCESS-1, R-ACCESS-2, R-RECTIFY-1, R-RETAIN-6), from the
 * procedure's state and the receiving authority's part in it. One function, so that every request
 * is routed the same way and the route shown on it is the one applied.
 */
export function routeRequest(kind: RequestKind, state: RecordState, receiverInitiated: boolean): Routing {
  if (state === "DELETED") {
    return { route: "NO_DATA_HELD", reason: "The procedure's personal data was deleted 3 years after closure: no data is held (R-ACCESS-2)." };
  }
  if (kind === "EARLY_DELETION") {
    return { route: "COMMISSION", reason: "Early deletion is approved by the helpdesk and carried out by the retention job (R-RETAIN-6)." };
  }
  if (kind === "ACCESS") {
    return state === "BLOCKED"
      ? { route: "COMMISSION", reason: "The data is blocked: the helpdesk answers until 3 years after closure (R-ACCESS-2)." }
      : { route: "RECEIVING_AUTHORITY", reason: "The authority that received the request produces the access report itself (R-ACCESS-1)." };
  }
  if (state === "CLOSED" || state === "BLOCKED") {
    return { route: "COMMISSION", reason: "The procedure is closed: only the Commission acts (R-RECTIFY-1 c)." };
  }
  return receiverInitiated
    ? { route: "INITIATOR", reason: "Open procedure, received by its initiator: it acts itself (R-RECTIFY-1 a)." }
    : {
        route: "HELPDESK_WITH_INITIATOR",
        reason: "Received by a participant that did not initiate: escalated to the helpdesk, which acts with the initiator (R-RECTIFY-1 b).",
      };
}

/** Routes on which the helpdesk acts, and so reaches the personal data through a recorded ground. */
export function helpdeskActs(route: Route | null): boolean {
  return route === "COMMISSION" || route === "HELPDESK_WITH_INITIATOR";
}

/** R-RECTIFY-2: 30 days from receipt by the responsible authority. */
export const ANSWER_DAYS = 30;
export function dueDate(receivedAt: Date): Date {
  return new Date(receivedAt.getTime() + ANSWER_DAYS * 24 * 3600 * 1000);
}
