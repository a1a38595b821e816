/**
 * What a trigger announces on channel imi_events (drizzle/0018_live_events.sql): kinds and ids, never
 * personal data. Each replica decides per subscriber whether to deliver (event-scope.ts) and resolves
 * the payload through the schema (live-operation.ts).
 */
export const LIVE_CHANNEL = "imi_events";

export type ProcedureEventKind = "SENT" | "FORWARDED" | "STATUS_CHANGED" | "MESSAGE_POSTED";
export type RequestEventKind = "FILED" | "ROUTED" | "STATUS_CHANGED";
export type ReminderEventKind = "REMINDER" | "ESCALATION";

export type LiveEvent =
  | { topic: "PROCEDURE"; kind: ProcedureEventKind; procedureId: string; messageId?: string; authorityId?: string; at: Date }
  | { topic: "DATA_SUBJECT_REQUEST"; kind: RequestEventKind; requestId: string; at: Date }
  | { topic: "REMINDER"; kind: ReminderEventKind; id: string; procedureId: string; at: Date }
  | { topic: "USER"; kind: "DEACTIVATED"; userId: string; at: Date };

export type LiveTopic = LiveEvent["topic"];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuid = (value: unknown): value is string => typeof value === "string" && UUID.test(value);

/** A notification's payload as an event, or null when it is not one of ours (anyone may NOTIFY). */
export function parseLiveEvent(payload: string, at: Date): LiveEvent | null {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(payload) as Record<string, unknown>;
  } catch {
    return null;
  }
  switch (raw.topic) {
    case "PROCEDURE":
      if (!uuid(raw.procedureId) || !["SENT", "FORWARDED", "STATUS_CHANGED", "MESSAGE_POSTED"].includes(String(raw.kind))) return null;
      return {
        topic: "PROCEDURE",
        kind: raw.kind as ProcedureEventKind,
        procedureId: raw.procedureId,
        ...(uuid(raw.messageId) ? { messageId: raw.messageId } : {}),
        ...(uuid(raw.authorityId) ? { authorityId: raw.authorityId } : {}),
        at,
      };
    case "DATA_SUBJECT_REQUEST":
      if (!uuid(raw.requestId) || !["FILED", "ROUTED", "STATUS_CHANGED"].includes(String(raw.kind))) return null;
      return { topic: "DATA_SUBJECT_REQUEST", kind: raw.kind as RequestEventKind, requestId: raw.requestId, at };
    case "REMINDER":
      if (!uuid(raw.id) || !uuid(raw.procedureId) || !["REMINDER", "ESCALATION"].includes(String(raw.kind))) return null;
      return { topic: "REMINDER", kind: raw.kind as ReminderEventKind, id: raw.id, procedureId: raw.procedureId, at };
    case "USER":
      return uuid(raw.userId) ? { topic: "USER", kind: "DEACTIVATED", userId: raw.userId, at } : null;
    default:
      return null;
  }
}
