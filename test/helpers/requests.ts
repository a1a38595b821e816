import { eq, sql } from "drizzle-orm";
import type { Executor } from "../../src/db/database.js";
import { dataSubjectRequests } from "../../src/db/schema/index.js";
import { RightsRepository, type RequestInsert, type RequestRow } from "../../src/modules/rights/rights.repository.js";

/**
 * Issue 13: a data-subject request's personal data (requester, identifier, details, correction,
 * decision note) and its steps' notes live in tables of their own. Fixtures insert and read requests
 * through the repository, which writes and joins both (as the connection's role, beside the row policies).
 */
export async function insertRequest(db: Executor, values: RequestInsert): Promise<RequestRow> {
  return new RightsRepository(db).insertRequest(values);
}

export async function insertRequests(db: Executor, values: readonly RequestInsert[]): Promise<RequestRow[]> {
  const rows: RequestRow[] = [];
  for (const v of values) rows.push(await insertRequest(db, v));
  return rows;
}

export async function requestRow(db: Executor, id: string): Promise<RequestRow | undefined> {
  return new RightsRepository(db).findRequest(id);
}

/** The requests about a procedure, with their personal data. */
export async function requestsAbout(db: Executor, procedureId: string): Promise<RequestRow[]> {
  const ids = await db.select({ id: dataSubjectRequests.id }).from(dataSubjectRequests).where(eq(dataSubjectRequests.procedureId, procedureId));
  return Promise.all(ids.map(async ({ id }) => (await requestRow(db, id))!));
}

/** The notes of a request's steps, in order, the empty ones left out. */
export async function stepNotes(db: Executor, requestId: string): Promise<string[]> {
  return (await new RightsRepository(db).stepsOf([requestId])).map((s) => s.note).filter((n): n is string => n !== null);
}

/**
 * After a fixture's bulk INSERT … SELECT into data_subject_requests: each request without personal
 * data gets its requester, "Requester of <procedure reference>" (as those fixtures named them before).
 */
export const REQUESTERS_OF_PROCEDURES = sql`insert into data_subject_request_personal (request_id, requester_name)
  select r.id, 'Requester of ' || coalesce(p.reference, r.id::text) from data_subject_requests r left join procedures p on p.id = r.procedure_id
  where not exists (select 1 from data_subject_request_personal rp where rp.request_id = r.id)`;
