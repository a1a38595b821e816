import { requireViewer, type Context } from "../context.js";
import type { ParticipantRow, PersonalDataGrantRow, ProcedureRow } from "../modules/procedures/procedure.repository.js";
import { decide, PROCEDURE_CLASSES, type Decision, type ProcedureClass, type RecordState, type Relation } from "./policy.js";

/** The viewer's situation towards one procedure: the coordinates of the policy's cells. */
export interface Situation {
  relation: Relation;
  state: RecordState;
  /** The viewer's authority's current part, when it takes part. */
  participation: ParticipantRow | undefined;
  /** The live route by which the Commission reaches the personal data, when it holds one. */
  grant: PersonalDataGrantRow | undefined;
}

export function recordState(procedure: Pick<ProcedureRow, "status" | "blockedAt" | "personalDataDeletedAt">): RecordState {
  if (procedure.personalDataDeletedAt) return "DELETED";
  if (procedure.blockedAt) return "BLOCKED";
  return procedure.status === "CLOSED" ? "CLOSED" : "OPEN";
}

/**
 * A draft exists only on the initiator's side: its recipients do not take part yet. The same rule
 * as the SQL row scope (auth/procedure-scope.ts), so that rows and fields agree.
 */
function takesPart(procedure: ProcedureRow, row: ParticipantRow): boolean {
  return row.forwardedAt === null && (procedure.status !== "DRAFT" || row.part === "INITIATOR");
}

/** An authority's relation to a procedure through its own participant rows (all of them, forwarded ones included), if it has one. */
export function participationOf(
  procedure: ProcedureRow,
  rows: readonly ParticipantRow[],
  authorityId: string,
): { relation: "INITIATOR" | "ACCEPTED" | "NOT_ACCEPTED" | "FORWARDED_AWAY"; participation: ParticipantRow | undefined } | undefined {
  const mine = rows.find((row) => row.authorityId === authorityId && takesPart(procedure, row));
  if (mine) return { relation: mine.part === "INITIATOR" ? "INITIATOR" : mine.acceptedAt ? "ACCEPTED" : "NOT_ACCEPTED", participation: mine };
  if (rows.some((row) => row.authorityId === authorityId && row.forwardedAt !== null)) return { relation: "FORWARDED_AWAY", participation: undefined };
  return undefined;
}

async function computeSituation(ctx: Context, procedure: ProcedureRow): Promise<Situation> {
  const viewer = requireViewer(ctx);
  const rows = await ctx.loaders.allParticipants.load(procedure.id);
  const current = rows.filter((row) => takesPart(procedure, row));
  const state = recordState(procedure);
  const own = participationOf(procedure, rows, viewer.authorityId);
  if (own) return { relation: own.relation, state, participation: own.participation, grant: undefined };
  const grant = (await ctx.loaders.grants.load(procedure.id)).find(
    (g) => g.authorityId === viewer.authorityId && g.grantedAt <= ctx.now && g.expiresAt > ctx.now,
  );
  if (grant) return { relation: "COMMISSION_ROUTE", state, participation: undefined, grant };
  const authorities = await ctx.loaders.authority.loadMany(current.map((row) => row.authorityId));
  const sameState = authorities.some((a) => a && !(a instanceof Error) && a.memberState === viewer.memberState);
  return { relation: sameState ? "SAME_STATE" : "OTHER_STATE", state, participation: undefined, grant: undefined };
}

/** The viewer's situation towards the procedure, computed once per request and procedure. */
export function situationOf(ctx: Context, procedure: ProcedureRow): Promise<Situation> {
  let situation = ctx.situations.get(procedure.id);
  if (!situation) {
    situation = computeSituation(ctx, procedure);
    ctx.situations.set(procedure.id, situation);
  }
  return situation;
}

/**
 * A route to the personal data opened by a mutation of this very request (R-RETAIN-4, R-ACCESS-2):
 * the rest of the response sees it. Whatever was computed or loaded before the mutation is stale;
 * and the grant, made inside the mutation, is later than the request's own `now`.
 */
export function primeOpenedRoute(ctx: Context, procedure: ProcedureRow, grant: PersonalDataGrantRow): void {
  ctx.loaders.procedure.clear(procedure.id).prime(procedure.id, procedure);
  ctx.loaders.grants.clear(procedure.id);
  ctx.situations.set(procedure.id, Promise.resolve({ relation: "COMMISSION_ROUTE", state: recordState(procedure), participation: undefined, grant }));
}

/** The policy's answer for one class of the procedure's data, for this viewer. */
export async function procedureDecision(ctx: Context, procedure: ProcedureRow, cls: ProcedureClass): Promise<Decision> {
  const { relation, state } = await situationOf(ctx, procedure);
  return decide(PROCEDURE_CLASSES[cls], requireViewer(ctx).roles, relation, state);
}

/** The audit ground of a read through this situation (R-SEC-2). */
export function groundOf(situation: Situation): string {
  if (situation.grant) return `${situation.grant.ground}:${situation.grant.reference}`;
  return `PARTICIPANT:${situation.relation}`;
}
