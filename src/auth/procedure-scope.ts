import { eq, sql, type SQL } from "drizzle-orm";
import { authorities, participants, procedures } from "../db/schema/index.js";
import { hasRole, type Viewer } from "./viewer.js";

/**
 * Row scope of procedures (SPEC need-to-know matrix, "procedure metadata"), as SQL so that lists
 * never fetch what the viewer may not see and counts stay right. A draft is seen only on the
 * initiator's side; a forwarded participant no longer takes part.
 */
export function visibleProcedures(viewer: Viewer): SQL {
  if (hasRole(viewer, "COMMISSION")) return sql`true`;
  const scopes: SQL[] = [];
  if (hasRole(viewer, "COORDINATOR")) scopes.push(stateTakesPart(viewer.memberState));
  if (hasRole(viewer, "LOCAL_ADMIN", "CASE_HANDLER")) {
    scopes.push(sql`exists (select 1 from ${participants} pa
      where pa.procedure_id = ${procedures.id} and pa.forwarded_at is null and pa.authority_id = ${viewer.authorityId}
        and (${procedures.status} <> 'DRAFT' or pa.part = 'INITIATOR'))`);
  }
  if (hasRole(viewer, "PORTAL")) scopes.push(eq(procedures.createdByUserId, viewer.userId));
  return scopes.length > 0 ? sql`(${sql.join(scopes, sql` or `)})` : sql`false`;
}

/**
 * The procedure (of `procedures`, unaliased) has a participant of `memberState` that takes part in it:
 * not forwarded away, and for a draft the initiator only. A coordinator's row scope, and the member
 * state's counts in the records of processing, which must not count another state's unsent drafts
 * (outside attack on issue 13: they did).
 */
export function stateTakesPart(memberState: string): SQL {
  return sql`exists (select 1 from ${participants} pa join ${authorities} au on au.id = pa.authority_id
      where pa.procedure_id = ${procedures.id} and pa.forwarded_at is null and au.member_state = ${memberState}
        and (${procedures.status} <> 'DRAFT' or pa.part = 'INITIATOR'))`;
}
