import { sql } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import type { Database } from "../../src/db/database.js";
import { dataSubjectRequests } from "../../src/db/schema/index.js";
import { DEFAULT_RETENTION_SETTINGS, RetentionService } from "../../src/modules/retention/retention.service.js";
import { insertAcceptedRequests } from "../helpers/procedure-factory.js";
import { START, useSuite, type Suite } from "../helpers/suite.js";
import type { World } from "../helpers/world.js";
import { ADD_DATA_SUBJECT, ADD_LEGAL_PERSON, POST_MESSAGE } from "../operations.js";
import { addMonths, DAY } from "./retention-fixtures.js";
import { rowsOf } from "../../src/db/rows.js";
import { databaseUrl, untilBlockedBy } from "../helpers/pg-locks.js";
import { insertRequest, insertRequests } from "../helpers/requests.js";

/**
 * Deletion raced by writers (issue 12, finding 1; R-RETAIN-3 "also when writes race the deletion"):
 * real concurrent connections on PostgreSQL, where the deletion and the API's writers run at once.
 * PostgreSQL only: PGlite has one session, so nothing there runs concurrently.
 */
const SERVER = process.env.TEST_DATABASE_URL;

/** Rows of personal data under procedures whose personal data is marked deleted, per table. */
export async function personalDataUnderDeleted(db: Database, among?: string[]): Promise<Record<string, number>> {
  const scope = among ? sql`and id = any(${`{${among.join(",")}}`}::uuid[])` : sql``;
  const [row] = rowsOf<Record<string, number>>(
    await db.execute(sql`
      with gone as (select id from procedures where personal_data_deleted_at is not null ${scope})
      select
        (select count(*) from data_subjects d where d.procedure_id in (select id from gone))::int as "dataSubjects",
        (select count(*) from sensitive_records s join data_subjects d on d.id = s.data_subject_id
          where d.procedure_id in (select id from gone))::int as "sensitiveRecords",
        (select count(*) from messages m where m.procedure_id in (select id from gone))::int as "messages",
        (select count(*) from legal_persons l where l.procedure_id in (select id from gone))::int as "legalPersons",
        (select count(*) from confidentiality_flags f where f.procedure_id in (select id from gone))::int as "confidentialityFlags",
        (select count(*) from contestations c where c.procedure_id in (select id from gone))::int as "contestations",
        (select count(*) from blocked_data_retrievals b where b.procedure_id in (select id from gone)
          and (b.consent_reference is not null or b.reason <> '(personal data deleted)'))::int as "retrievals",
        (select count(*) from procedures p where p.id in (select id from gone)
          and (exists (select 1 from procedure_justifications pj where pj.procedure_id = p.id)
               or exists (select 1 from procedure_consent_references pc where pc.procedure_id = p.id)))::int as "procedureText"`),
  );
  return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)]));
}

const NOTHING = {
  dataSubjects: 0,
  sensitiveRecords: 0,
  messages: 0,
  legalPersons: 0,
  confidentialityFlags: 0,
  contestations: 0,
  retrievals: 0,
  procedureText: 0,
};

/** Approved early deletions of whole procedures (no data subject named), with consent and a legal basis. */
async function approveEarlyDeletions(suite: Suite, world: World, procedureIds: string[]) {
  const now = suite.api.clock.now();
  await insertRequests(
    suite.db.db,
    procedureIds.map((procedureId, i) => ({
      kind: "EARLY_DELETION" as const,
      status: "APPROVED" as const,
      route: "COMMISSION" as const,
      receivingAuthorityId: world.authority.dk,
      procedureId,
      allSubjectsConsented: true,
      requesterName: `Requester ${i}`,
      consentReference: `CONSENT-RACE-${i}`,
      legalBasis: "National law §1",
      receivedAt: now,
      dueAt: new Date(now.getTime() + 30 * DAY),
      decidedAt: now,
    })),
  );
}

describe.skipIf(!SERVER)("deletion raced by writers on PostgreSQL", () => {
  const suite = useSuite("postgres");

  it("R-RETAIN-3 R-RETAIN-6 a deletion that waits for a writer's lock on the procedure deletes what the writer committed meanwhile", async () => {
    const world = await suite.world();
    const db = suite.db.db;
    const { ids } = await insertAcceptedRequests(db, world, { count: 2, start: START, label: "Gated" });
    const [early, old] = ids as [string, string];
    // `old`: closed 37 months ago and blocked, due for deletion (R-RETAIN-3); `early`: open, with an
    // approved early deletion (R-RETAIN-6).
    const closed = addMonths(START, -37);
    await db.execute(sql`update procedures set status = 'CLOSED', closed_at = ${closed.toISOString()}::timestamptz,
      blocked_at = ${addMonths(closed, 6).toISOString()}::timestamptz where id = ${old}::uuid`);
    await approveEarlyDeletions(suite, world, [early]);

    // Two writers, each in a transaction of its own connection, as the API's writers do: they lock
    // the procedure, then insert. The Commission records a contestation beside the blocked data
    // (R-RECTIFY-3); a case handler adds a data subject and a message to the open procedure.
    const url = await databaseUrl(db);
    const gates = [postgres(url, { max: 1, onnotice: () => {} }), postgres(url, { max: 1, onnotice: () => {} })];
    const writers = gates.map((gate, i) => {
      let commit!: () => void;
      const go = new Promise<void>((resolve) => (commit = resolve));
      let locked!: (pid: number) => void;
      const pid = new Promise<number>((resolve) => (locked = resolve));
      const done = gate.begin(async (tx) => {
        const [me] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`;
        if (i === 0) {
          await tx`select id from procedures where id = ${old} for update`;
          await tx`insert into contestations (procedure_id, ground, statement, created_at)
                   values (${old}, 'ACCURACY', 'Contested while the deletion ran', now())`;
        } else {
          await tx`select id from procedures where id = ${early} for update`;
          const [subject] = await tx<{ id: string }[]>`insert into data_subjects (procedure_id, full_name, added_by_authority_id, created_at)
                   values (${early}, 'Written while the deletion ran', ${world.authority.dk}, now()) returning id`;
          await tx`insert into sensitive_records (data_subject_id, category, details, necessity, legal_basis, created_at)
                   values (${subject!.id}, 'DISCIPLINARY', 'Written while the deletion ran', 'Check', 'Art. 33', now())`;
          await tx`insert into messages (procedure_id, author_authority_id, body, created_at)
                   values (${early}, ${world.authority.dk}, 'Written while the deletion ran', now())`;
        }
        locked(me!.pid);
        await go;
      });
      return { pid, commit, done };
    });
    const pids = await Promise.all(writers.map((w) => w.pid));

    suite.api.clock.set(addMonths(START, 1));
    const service = new RetentionService(db, suite.api.clock, { ...DEFAULT_RETENTION_SETTINGS, batchSize: 10 });
    const running = service.run();
    // The deletion of `old` (step 2) waits for the first writer, the early deletion (step 4) for the second.
    for (const [i, writer] of writers.entries()) {
      await untilBlockedBy(db, pids[i]!);
      writer.commit();
      await writer.done;
    }
    const run = await running;
    await Promise.all(gates.map((gate) => gate.end()));
    expect(run.error).toBeNull();
    expect(run.proceduresDeleted).toBe(1);
    expect(run.earlyDeletions).toBe(1);
    expect(await personalDataUnderDeleted(db, ids)).toEqual(NOTHING);
    const marked = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from procedures where id in (${early}::uuid, ${old}::uuid) and personal_data_deleted_at is not null`),
    );
    expect(Number(marked[0]!.n)).toBe(2);
  });

  it("R-RETAIN-6 thirty early deletions while case handlers keep adding data subjects, legal persons and messages through the API: nothing personal survives under a deleted procedure", async () => {
    const world = await suite.world();
    const db = suite.db.db;
    const { ids } = await insertAcceptedRequests(db, world, { count: 30, start: START, label: "Raced" });
    suite.api.clock.set(addMonths(START, 1));
    await approveEarlyDeletions(suite, world, ids);
    const token = await world.token(world.user.handlerDk);
    const service = new RetentionService(db, suite.api.clock, { ...DEFAULT_RETENTION_SETTINGS, batchSize: 1 });

    let running = true;
    const outcomes: Record<string, number> = {};
    const writer = async (w: number) => {
      for (let n = 0; running; n++) {
        const procedureId = ids[(w * 7 + n * 11) % ids.length]!;
        const result =
          n % 3 === 0
            ? await suite.api.execute(ADD_DATA_SUBJECT, { procedureId, input: { fullName: `Raced person ${w}/${n}` } }, token)
            : n % 3 === 1
              ? await suite.api.execute(POST_MESSAGE, { procedureId, body: `Raced message ${w}/${n}` }, token)
              : await suite.api.execute(ADD_LEGAL_PERSON, { procedureId, input: { name: `Raced company ${w}/${n}` } }, token);
        const error = result.errors?.[0];
        const outcome = error ? `${String(error.extensions?.code)}:${String(error.extensions?.reason)}` : "written";
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    // Let the writers get going before the run starts.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const run = await service.run();
    running = false;
    await Promise.all(writers);

    const survivors = await personalDataUnderDeleted(db, ids);
    console.log(`[race] writers: ${JSON.stringify(outcomes)}; survivors under deleted procedures: ${JSON.stringify(survivors)}`);
    expect(run.error).toBeNull();
    expect(run.earlyDeletions).toBe(30);
    expect(survivors).toEqual(NOTHING);
    // Every writer either wrote before the deletion or was told the data is deleted; nothing else.
    expect(Object.keys(outcomes).sort()).toEqual(["FORBIDDEN:DELETED", "written"]);
    const marked = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from procedures where id = any(${`{${ids.join(",")}}`}::uuid[]) and personal_data_deleted_at is not null`),
    );
    expect(Number(marked[0]!.n)).toBe(30);
  });
});
