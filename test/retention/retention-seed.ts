import { sql } from "drizzle-orm";
import type { Database } from "../../src/db/database.js";
import { rowsOf } from "../../src/db/rows.js";
import { REQUESTERS_OF_PROCEDURES } from "../helpers/requests.js";

/**
 * A retention workload seeded set-based (INSERT … SELECT generate_series), for the crash test and
 * the benchmark: `procedures` closed procedures with closures spread evenly over the 4 years before
 * `asOf` (so about 1/8 are too recent to block, 5/8 to block only and 1/4 to delete), each with two
 * data subjects (a sensitive record each), two messages and a legal person; a confidentiality flag
 * on every 5th, a contestation on every 10th. Every 10th is a Services alert (R-RETAIN-2), every 10th
 * a SOLVIT case (18 months). Besides: open procedures left without activity (R-RETAIN-5), approved
 * early deletions with and without consent (R-RETAIN-6), and deactivated users (R-USER-1).
 * Deterministic in everything but uuids.
 */
export interface SeedOptions {
  procedures: number;
  asOf: Date;
  /**
   * Skip the per-row foreign-key triggers while seeding (session_replication_role = replica; the
   * rows are consistent by construction). A superuser setting: for benchmarks on a throw-away
   * database, where per-row checks would make seeding a million procedures take most of the time.
   */
  withoutTriggers?: boolean;
}

export interface Seeded {
  initiatorId: string;
  responderId: string;
}

const run = (db: Database, query: ReturnType<typeof sql>) => db.execute(query);

export async function seedRetentionWorkload(db: Database, options: SeedOptions): Promise<Seeded> {
  if (!options.withoutTriggers) return seed(db, options);
  await run(db, sql`set session_replication_role = replica`);
  try {
    return await seed(db, options);
  } finally {
    await run(db, sql`set session_replication_role = origin`);
  }
}

async function seed(db: Database, { procedures: n, asOf }: SeedOptions): Promise<Seeded> {
  const at = sql`${asOf.toISOString()}::timestamptz`;
  const authorities = rowsOf<{ id: string }>(
    await run(
      db,
      sql`insert into authorities (name, member_state, contact_email, postal_address, dpo_name, dpo_email, created_at)
        values ('Retention initiator', 'DK', 'ri@authority.example', 'Street 1', 'DPO', 'dpo@ri.example', ${at} - interval '10 years'),
               ('Retention responder', 'DE', 'rr@authority.example', 'Strasse 1', 'DPO', 'dpo@rr.example', ${at} - interval '10 years')
        returning id::text`,
    ),
  );
  const [initiator, responder] = authorities.map((a) => a.id) as [string, string];
  await run(db, sql`insert into authority_legal_areas (authority_id, legal_area_code)
    select a.id, la.code from authorities a cross join legal_areas la where a.id in (${initiator}::uuid, ${responder}::uuid)`);

  // Closed procedures, oldest first: closures spread evenly over the 4 years before asOf, in insertion
  // order, as in a live system where procedures close roughly in the order they were created.
  await run(
    db,
    sql`insert into procedures (reference, kind, legal_area_code, subject, status,
                                initiator_authority_id, created_at, sent_at, closed_at, last_activity_at)
      select 'RET-' || i,
             k.kind::procedure_kind,
             case when k.kind = 'ALERT' then 'SERVICES' when k.kind = 'SOLVIT_CASE' then 'SOLVIT'
                  when i % 3 = 0 then 'SERVICES' else 'PROFESSIONAL_QUALIFICATIONS' end,
             'Case ' || i,
             'CLOSED', ${initiator}::uuid,
             c.closed_at - interval '30 days', c.closed_at - interval '29 days', c.closed_at, c.closed_at
      from generate_series(1, ${n}::int) i
      cross join lateral (select case when i % 10 = 0 then 'ALERT' when i % 10 = 1 then 'SOLVIT_CASE' else 'REQUEST' end as kind) k
      cross join lateral (select ${at} - ((${n}::int - i)::bigint * 1461 / ${n}::int) * interval '1 day' - interval '1 hour' as closed_at) c`,
  );
  // Open procedures, some left without activity beyond 30 days (R-RETAIN-5), and drafts.
  const open = Math.max(10, Math.floor(n / 50));
  await run(
    db,
    sql`insert into procedures (reference, kind, legal_area_code, subject, status,
                                initiator_authority_id, created_at, sent_at, last_activity_at)
      select 'RET-OPEN-' || i, 'REQUEST', 'PROFESSIONAL_QUALIFICATIONS', 'Open ' || i,
             case when i % 5 = 0 then 'DRAFT' else 'SENT' end::procedure_status, ${initiator}::uuid,
             ${at} - (i % 90) * interval '1 day' - interval '2 hours', ${at} - (i % 90) * interval '1 day' - interval '2 hours',
             ${at} - (i % 90) * interval '1 day' - interval '1 hour'
      from generate_series(1, ${open}::int) i`,
  );
  // Issue 13: the justifications and consent references, in their own tables, as the columns held them.
  await run(
    db,
    sql`insert into procedure_justifications (procedure_id, justification)
      select p.id, case when p.reference like 'RET-OPEN-%' then 'Open justification ' || substr(p.reference, 10)
                        else 'Justification naming person ' || substr(p.reference, 5) end
      from procedures p where p.reference like 'RET-%'`,
  );
  await run(
    db,
    sql`insert into procedure_consent_references (procedure_id, consent_reference)
      select p.id, 'CONSENT-' || substr(p.reference, 5) from procedures p where p.reference like 'RET-%' and p.kind = 'SOLVIT_CASE'`,
  );
  await run(
    db,
    sql`insert into participants (procedure_id, authority_id, part, added_at, accepted_at)
      select p.id, ${initiator}::uuid, 'INITIATOR', p.created_at, null from procedures p where p.reference like 'RET-%'
      union all
      select p.id, ${responder}::uuid, case when p.kind in ('REQUEST', 'SOLVIT_CASE') then 'RESPONDER' else 'RECIPIENT' end::participant_part,
             p.created_at, p.sent_at
      from procedures p where p.reference like 'RET-%'`,
  );
  await run(
    db,
    sql`insert into data_subjects (procedure_id, full_name, date_of_birth, national_identifier, address, email, added_by_authority_id, created_at)
      select p.id, 'Person ' || p.reference || '/' || s, '1980-01-01', 'NID-' || p.reference || '/' || s, 'Address ' || s,
             'person' || s || '@example.org', ${initiator}::uuid, p.created_at
      from procedures p cross join generate_series(1, 2) s where p.reference like 'RET-%'`,
  );
  await run(
    db,
    sql`insert into sensitive_records (data_subject_id, category, details, necessity, legal_basis, created_at)
      select ds.id, 'DISCIPLINARY', 'Sanction of ' || ds.full_name, 'Good repute', 'Art. 33', ds.created_at
      from data_subjects ds join procedures p on p.id = ds.procedure_id where p.reference like 'RET-%'`,
  );
  await run(
    db,
    sql`insert into messages (procedure_id, author_authority_id, body, created_at)
      select p.id, case when m = 1 then ${initiator}::uuid else ${responder}::uuid end, 'Message ' || m || ' about person of ' || p.reference,
             p.created_at + m * interval '1 hour'
      from procedures p cross join generate_series(1, 2) m where p.reference like 'RET-%'`,
  );
  await run(
    db,
    sql`insert into legal_persons (procedure_id, name, registration_number, country, added_by_authority_id, created_at)
      select p.id, 'Company of ' || p.reference, 'REG-' || p.reference, 'DK', ${initiator}::uuid, p.created_at
      from procedures p where p.reference like 'RET-%'`,
  );
  await run(
    db,
    sql`insert into confidentiality_flags (procedure_id, item_kind, item_id, reason, requested_by_authority_id, created_at)
      select lp.procedure_id, 'LEGAL_PERSON', lp.id, 'Trade secret', ${initiator}::uuid, lp.created_at
      from legal_persons lp join procedures p on p.id = lp.procedure_id
      where p.reference like 'RET-%' and hashtext(p.reference) % 5 = 0`,
  );
  await run(
    db,
    sql`insert into contestations (procedure_id, data_subject_id, ground, statement, created_at)
      select ds.procedure_id, ds.id, 'ACCURACY', 'Contested by ' || ds.full_name, ds.created_at
      from data_subjects ds join procedures p on p.id = ds.procedure_id
      where p.reference like 'RET-%' and ds.full_name like '%/1' and hashtext(p.reference) % 10 = 0`,
  );
  // R-RETAIN-6: approved early deletions of recent closures, every 4th without the consent reference.
  const early = Math.max(4, Math.floor(n / 500));
  await run(
    db,
    sql`insert into data_subject_requests (kind, status, route, receiving_authority_id, procedure_id,
                                           consent_reference, legal_basis, received_at, due_at, decided_at, all_subjects_consented)
      select 'EARLY_DELETION', 'APPROVED', 'COMMISSION', ${initiator}::uuid, p.id,
             case when row_number() over (order by p.reference) % 4 = 0 then null else 'CONSENT-E-' || p.reference end,
             'National law §1', ${at} - interval '2 days', ${at} + interval '28 days', ${at} - interval '1 day',
             true -- the whole procedure: every subject consented (R-RETAIN-6)
      from procedures p
      where p.reference like 'RET-%' and p.closed_at > ${at} - interval '150 days'
      order by p.reference limit ${early}::int`,
  );
  await run(db, REQUESTERS_OF_PROCEDURES);
  // R-USER-1: deactivated users, deactivated evenly over 6 years: half of them more than 3 years ago.
  const deactivated = Math.max(4, Math.floor(n / 200));
  await run(
    db,
    sql`insert into users (authority_id, name, email, password_hash, totp_secret, roles, active, deactivated_at, created_at)
      select ${initiator}::uuid, 'Former user ' || i, 'former' || i || '.' || ${initiator} || '@imi.test', 'hash', 'SECRET', '{CASE_HANDLER}',
             false, ${at} - (i * 2190 / ${deactivated}::int) * interval '1 day', ${at} - interval '8 years'
      from generate_series(1, ${deactivated}::int) i`,
  );
  return { initiatorId: initiator, responderId: responder };
}
