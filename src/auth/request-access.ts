import type { Context } from "../context.js";
import type { ParticipantRow, ProcedureRow } from "../modules/procedures/procedure.repository.js";
import { currentRouting, helpdeskActs, type RequestKind, type RequestStatus, type Route } from "../modules/rights/routing.js";
import { REQUEST_PERSONAL, type RequestRelation } from "./policy.js";
import { recordState } from "./procedure-situation.js";
import type { Viewer } from "./viewer.js";

/** What the policy needs to know of a data-subject request. */
export interface RequestRecord {
  kind: RequestKind;
  status: RequestStatus;
  route: Route | null;
  routeReason: string | null;
  receivingAuthorityId: string;
  filedByUserId: string | null;
  procedureId: string | null;
  escalatedAt: Date | null;
}

/** The procedure's state and whether the receiving authority initiated it: the route's inputs. */
export function procedureFacts(procedure: ProcedureRow | undefined, participants: readonly ParticipantRow[], receivingAuthorityId: string) {
  if (!procedure) return null;
  return {
    state: recordState(procedure),
    receiverInitiated: participants.some((p) => p.authorityId === receivingAuthorityId && p.part === "INITIATOR" && p.forwardedAt === null),
  };
}

/**
 * The viewer's relations to the request (REQUEST_RELATIONS). The database's wall asks the same rules
 * in SQL, one beside each of these (db/rls/policies.sql.ts REQUEST_RELATION_SQL): change both together.
 */
export function requestRelations(viewer: Viewer, request: RequestRecord, route: Route | null): RequestRelation[] {
  const relations: RequestRelation[] = [];
  if (request.filedByUserId === viewer.userId) relations.push("FILED_IT");
  if (request.receivingAuthorityId === viewer.authorityId) relations.push("RECEIVED_IT");
  // The helpdesk reaches a request it acts on now (the procedure's state moved it there) or acted on.
  if (request.escalatedAt !== null || helpdeskActs(route)) relations.push("HELPDESK_ROUTE");
  return relations;
}

/**
 * The one decision on a request's personal data (R-SEC-1, the matrix), asked by the field guard
 * (auth/permissions.ts), the access report and every mutation's payload: REQUEST_PERSONAL's cells
 * for the viewer's roles and its relations to the request, with the route as it stands now.
 */
export function mayReadRequestPersonal(viewer: Viewer, request: RequestRecord, route: Route | null): boolean {
  const relations = requestRelations(viewer, request, route);
  return viewer.roles.some((role) => (REQUEST_PERSONAL[role] ?? []).some((relation) => relations.includes(relation)));
}

/** The request's route now, read through the request's loaders (the field guard's path). */
export async function currentRouteOf(ctx: Context, request: RequestRecord): Promise<Route | null> {
  if (!request.procedureId) return request.route;
  const [procedure, participants] = await Promise.all([
    ctx.loaders.procedure.load(request.procedureId),
    ctx.loaders.allParticipants.load(request.procedureId),
  ]);
  return currentRouting(request, procedureFacts(procedure, participants, request.receivingAuthorityId)).route;
}

export async function mayReadRequestPersonalIn(ctx: Context, viewer: Viewer, request: RequestRecord): Promise<boolean> {
  return mayReadRequestPersonal(viewer, request, await currentRouteOf(ctx, request));
}
