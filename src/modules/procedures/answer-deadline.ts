import { BadUserInputError, ConflictError } from "../../errors.js";
import type { ProcedureKind } from "./procedure.state-machine.js";

const DAY = 24 * 3600 * 1000;

/**
 * Issue 18: a request's answer is due this many days after it is sent when the initiator set no date.
 * The regulation and the annex acts fix no general answer period for IMI requests (the Services
 * Directive asks for "the shortest possible period"); 30 days is the product's documented default,
 * the same span as the rights' deadline (R-RECTIFY-2), so one figure serves both.
 */
export const DEFAULT_ANSWER_DAYS = 30;

/** The latest deadline an initiator may set: one year ahead of creation (a longer one measures nothing). */
function latestDeadline(now: Date): Date {
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + 1);
  return latest;
}

/**
 * The initiator's deadline for a new procedure, validated: only requests carry one (alerts and
 * notifications are acknowledged, SOLVIT cases follow SOLVIT's own handling), in the future, at most a
 * year ahead. Null when none was given: the default is set when the request is sent.
 */
export function initialAnswerDeadline(kind: ProcedureKind, deadline: Date | null | undefined, now: Date): Date | null {
  if (deadline === null || deadline === undefined) return null;
  if (kind !== "REQUEST") {
    throw new BadUserInputError("Only a request has an answer deadline (answerDeadline); leave it out for this kind.", "answerDeadline");
  }
  if (deadline.getTime() <= now.getTime()) throw new BadUserInputError("The answer deadline must lie in the future.", "answerDeadline");
  if (deadline.getTime() > latestDeadline(now).getTime()) {
    throw new BadUserInputError("The answer deadline may lie at most one year ahead.", "answerDeadline");
  }
  return deadline;
}

/**
 * The deadline a request goes out with: the initiator's, or the default counted from sending. A draft
 * whose own deadline passed before it was sent is refused (it would arrive overdue), never moved
 * silently: the initiator's date is a decision, not ours.
 */
export function answerDeadlineAtSend(procedure: { kind: ProcedureKind; answerDeadline: Date | null }, now: Date): Date | null {
  if (procedure.kind !== "REQUEST") return null;
  if (!procedure.answerDeadline) return new Date(now.getTime() + DEFAULT_ANSWER_DAYS * DAY);
  if (procedure.answerDeadline.getTime() <= now.getTime()) {
    throw new ConflictError(
      `The request's answer deadline (${procedure.answerDeadline.toISOString()}) has passed: it cannot be sent. Create the request again with a later deadline.`,
    );
  }
  return procedure.answerDeadline;
}
