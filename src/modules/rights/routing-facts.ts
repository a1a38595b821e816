import type { Executor } from "../../db/database.js";
import { withSystemRole } from "../../db/rls/request-scope.js";
import { ProcedureRepository, type ParticipantRow, type ProcedureRow } from "../procedures/procedure.repository.js";

/** What a request's route is decided on (routing.ts currentRouting): its procedure's state and participants. */
export interface RoutingFacts {
  procedureId: string;
  procedure: ProcedureRow;
  participants: ParticipantRow[];
}

/**
 * The facts of these procedures as they are, whoever asks: a named system use (roles.ts "rights").
 * Found from outside: read through the viewer's own scope, a procedure the viewer may not see
 * looked deleted, so the filing portal was told "no data held" of data still held (R-ACCESS-2), and a
 * receiving authority that had forwarded the procedure away re-routed the request as if it had none.
 * Nothing of the procedure itself is returned. Only for a step (act) and the access report, never in
 * a per-field loader: withSystemRole switches the whole request's transaction while it runs, so a
 * field resolved beside it would be read past the database's wall (found by personal-data-paths with
 * graphql-shield removed: requests' decision notes reached coordinators and local admins).
 */
export function routingFactsOf(db: Executor, ids: readonly string[], options: { lock?: boolean } = {}): Promise<RoutingFacts[]> {
  return withSystemRole("rights", async () => {
    const repo = new ProcedureRepository(db);
    const rows = options.lock ? (await Promise.all(ids.map((id) => repo.lock(id)))).filter((row) => row !== undefined) : await repo.byIds(ids);
    const participants = rows.length > 0 ? await repo.allParticipants(rows.map((row) => row.id)) : [];
    return rows.map((procedure) => ({ procedureId: procedure.id, procedure, participants: participants.filter((p) => p.procedureId === procedure.id) }));
  });
}
