import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../db/database.js";
import { DELETION_MONTHS, plusMonthsSql } from "./periods.js";
import { DELETED_SUBJECT, type BatchContext, type BatchResult } from "./retention.repository.js";
import { rowsOf } from "../../db/rows.js";

const ts = (date: Date): SQL => sql`${date.toISOString()}::timestamptz`;

/**
 * R-REQUEST-1: a data-subject request's own personal data — the citizen's identity, details,
 * correction, decision note, consent reference, legal basis and the notes of its steps — is kept
 * while the request is open, and deleted once it is answered and its procedure's personal data is
 * deleted, or 36 calendar months after the answer, whichever comes first. An answer is a completion
 * or a rejection; the request's kind, route, dates and steps (without notes) remain, for statistics.
 */
function due(asOf: Date): SQL {
  return sql`r.status in ('COMPLETED', 'REJECTED')
    and (p.personal_data_deleted_at is not null
         or ${plusMonthsSql(sql`coalesce(r.completed_at, r.decided_at)`, sql`${DELETION_MONTHS}`)} <= ${ts(asOf)})`;
}

/** Something is left to clear: a rerun changes nothing (idempotent). */
const holdsData = sql`(r.consent_reference is not null or r.legal_basis is not null
  or exists (select 1 from data_subject_request_personal rp where rp.request_id = r.id and (rp.requester_name <> ${DELETED_SUBJECT}
    or rp.requester_identifier is not null or rp.details is not null or rp.correction is not null or rp.decision_note is not null))
  or exists (select 1 from data_subject_request_step_notes sn where sn.request_id = r.id))`;

/**
 * One batch of the retention job's R-REQUEST-1 step, as one statement and so one transaction,
 * fenced by the run's lease like every other batch (no lease, nothing selected): up to `limit`
 * answered requests are locked, cleared and named in one audit event. Cleared rows no longer match,
 * so the step needs no cursor; it is finished when a batch selects fewer than `limit`. Not counted
 * in the run's columns (the run has no column for it); the audit event names every request.
 */
export async function clearAnsweredRequestData(db: Executor, c: BatchContext): Promise<BatchResult> {
  const [row] = rowsOf<{ leased: number; done: number; selected: number }>(
    await db.execute(sql`
      with lease as (
        update retention_lease set expires_at = clock_timestamp() + ${c.leaseTtlMs}::int * interval '1 millisecond'
        where name = 'retention' and holder = ${c.runner}
        returning 1
      ),
      target as (
        select r.id from data_subject_requests r left join procedures p on p.id = r.procedure_id
        where exists (select 1 from lease) and ${due(c.asOf)} and ${holdsData}
        order by r.id limit ${c.limit}
        for update of r
      ),
      changed as (
        update data_subject_requests r set consent_reference = null, legal_basis = null
        where r.id = any(array(select id from target))
        returning r.id
      ),
      -- Issue 13: the citizen's identity and words, and the steps' notes, are rows of their own.
      personal as (
        update data_subject_request_personal rp
        set requester_name = ${DELETED_SUBJECT}, requester_identifier = null, details = null, correction = null, decision_note = null
        where rp.request_id = any(array(select id from target))
      ),
      notes as (
        delete from data_subject_request_step_notes sn where sn.request_id = any(array(select id from target))
      ),
      audit as (
        insert into audit_events (occurred_at, action, fields, ground, request_id)
        select ${ts(c.now)}, 'RETENTION_REQUEST_DATA_DELETE', '{}'::text[],
               ${`R-REQUEST-1 personal data of answered data-subject requests deleted as of ${c.asOf.toISOString()}: `}::text
                 || string_agg(id::text, ',' order by id),
               ${`retention-run:${c.runId}`}::text
        from changed having count(*) > 0
        returning 1
      )
      select (select count(*) from lease)::int as leased, (select count(*) from changed)::int as done,
             (select count(*) from target)::int as selected`),
  );
  return { leased: Number(row?.leased) === 1, done: Number(row?.done ?? 0), selected: Number(row?.selected ?? 0), cursor: null };
}
