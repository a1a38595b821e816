import { and, count, desc, eq, getTableColumns, inArray, lt, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../db/database.js";
import { isUuid } from "../../db/ids.js";
import { withSystemRole } from "../../db/rls/request-scope.js";
import { PersonalDataKeys } from "../../db/personal-crypto/key-store.js";
import { identifierIndex, openRows, sealForInsert, sealForUpdate } from "../../db/personal-crypto/sealed-rows.js";
import { SEALED_CONTESTATIONS, SEALED_DATA_SUBJECTS, SEALED_SENSITIVE_RECORDS } from "../../db/personal-crypto/sealed-tables.js";
import {
  auditEvents,
  authorities,
  blockedDataRetrievals,
  contestations,
  dataSubjectRequestPersonal,
  dataSubjectRequestStepNotes,
  dataSubjectRequestSteps,
  dataSubjectRequests,
  dataSubjects,
  participants,
  personalDataGrants,
  procedures,
  sensitiveRecords,
} from "../../db/schema/index.js";
import type { PageRequest } from "../../graphql/pagination.js";
import { hasRole, type Viewer } from "../../auth/viewer.js";

/**
 * Issue 13: a request's personal data (REQUEST_PERSONAL) is a row of its own
 * (data_subject_request_personal), read here with a LEFT JOIN: under the database's wall a viewer the
 * cells refuse finds no row, and these fields are null. The same for a step's note.
 */
type RequestPersonal = Omit<typeof dataSubjectRequestPersonal.$inferSelect, "requestId">;
export type RequestRow = typeof dataSubjectRequests.$inferSelect & { [K in keyof RequestPersonal]: RequestPersonal[K] | null };
export type RequestInsert = typeof dataSubjectRequests.$inferInsert & Omit<typeof dataSubjectRequestPersonal.$inferInsert, "requestId">;
export type RequestUpdate = Partial<typeof dataSubjectRequests.$inferInsert> & Partial<RequestPersonal>;
export type ContestationRow = typeof contestations.$inferSelect;
export type RetrievalRow = typeof blockedDataRetrievals.$inferSelect;
export type StepRow = typeof dataSubjectRequestSteps.$inferSelect & { note: string | null };

const PERSONAL_KEYS = ["requesterName", "requesterIdentifier", "details", "correction", "decisionNote"] as const;

/** Splits a request's values into the request's own and its personal data's. */
function split<T extends Record<string, unknown>>(values: T) {
  const base: Record<string, unknown> = {};
  const personal: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) ((PERSONAL_KEYS as readonly string[]).includes(key) ? personal : base)[key] = value;
  return { base, personal };
}

const REQUEST_COLUMNS = {
  ...getTableColumns(dataSubjectRequests),
  requesterName: dataSubjectRequestPersonal.requesterName,
  requesterIdentifier: dataSubjectRequestPersonal.requesterIdentifier,
  details: dataSubjectRequestPersonal.details,
  correction: dataSubjectRequestPersonal.correction,
  decisionNote: dataSubjectRequestPersonal.decisionNote,
};
const STEP_COLUMNS = { ...getTableColumns(dataSubjectRequestSteps), note: dataSubjectRequestStepNotes.note };

export interface RequestFilter {
  status?: RequestRow["status"] | null;
  kind?: RequestRow["kind"] | null;
  overdue?: boolean | null;
}

const OPEN_STATUSES: RequestRow["status"][] = ["RECEIVED", "ESCALATED", "APPROVED"];

export class RightsRepository {
  constructor(private readonly db: Executor) {}

  /** The request and its personal data, in the caller's transaction. */
  async insertRequest(values: RequestInsert): Promise<RequestRow> {
    const { base, personal } = split(values);
    const [row] = await this.db
      .insert(dataSubjectRequests)
      .values(base as typeof dataSubjectRequests.$inferInsert)
      .returning();
    if (!row) throw new Error("insert returned no row");
    await this.db.insert(dataSubjectRequestPersonal).values({ ...(personal as RequestPersonal), requestId: row.id });
    return (await this.findRequest(row.id))!;
  }

  private requests() {
    return this.db
      .select(REQUEST_COLUMNS)
      .from(dataSubjectRequests)
      .leftJoin(dataSubjectRequestPersonal, eq(dataSubjectRequestPersonal.requestId, dataSubjectRequests.id));
  }

  async findRequest(id: string, lock = false): Promise<RequestRow | undefined> {
    if (!isUuid(id)) return undefined;
    const query = this.requests().where(eq(dataSubjectRequests.id, id));
    const [row] = lock ? await query.for("update", { of: dataSubjectRequests }) : await query;
    return row;
  }

  async findVisibleRequest(viewer: Viewer, id: string): Promise<RequestRow | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await this.requests().where(and(eq(dataSubjectRequests.id, id), visibleRequests(viewer)));
    return row;
  }

  async updateRequest(id: string, values: RequestUpdate): Promise<RequestRow> {
    const { base, personal } = split(values);
    if (Object.keys(base).length > 0) {
      const [row] = await this.db.update(dataSubjectRequests).set(base).where(eq(dataSubjectRequests.id, id)).returning({ id: dataSubjectRequests.id });
      if (!row) throw new Error(`request ${id} vanished inside its transaction`);
    }
    if (Object.keys(personal).length > 0) await this.db.update(dataSubjectRequestPersonal).set(personal).where(eq(dataSubjectRequestPersonal.requestId, id));
    const row = await this.findRequest(id);
    if (!row) throw new Error(`request ${id} vanished inside its transaction`);
    return row;
  }

  async page(viewer: Viewer, filter: RequestFilter, page: PageRequest, now: Date) {
    const where = and(visibleRequests(viewer), requestFilter(filter, now));
    const after = page.after
      ? or(
          lt(dataSubjectRequests.receivedAt, page.after.createdAt),
          and(eq(dataSubjectRequests.receivedAt, page.after.createdAt), lt(dataSubjectRequests.id, page.after.id)),
        )
      : undefined;
    const [rows, [total]] = await Promise.all([
      this.requests()
        .where(and(where, after))
        .orderBy(desc(dataSubjectRequests.receivedAt), desc(dataSubjectRequests.id))
        .limit(page.limit + 1),
      this.db.select({ n: count() }).from(dataSubjectRequests).where(where),
    ]);
    return { rows, totalCount: total?.n ?? 0 };
  }

  /** The Commission's helpdesk authorities (member state EU): where escalated requests go. */
  async helpdeskAuthorityIds(): Promise<string[]> {
    const rows = await this.db.select({ id: authorities.id }).from(authorities).where(eq(authorities.memberState, "EU"));
    return rows.map((row) => row.id);
  }

  /** A step and its note (a row of its own, issue 13), in the caller's transaction. */
  async insertStep(values: typeof dataSubjectRequestSteps.$inferInsert & { note?: string | null }): Promise<StepRow> {
    const { note, ...step } = values;
    const [row] = await this.db.insert(dataSubjectRequestSteps).values(step).returning();
    if (!row) throw new Error("insert returned no row");
    if (note) await this.db.insert(dataSubjectRequestStepNotes).values({ stepId: row.id, requestId: row.requestId, note });
    return { ...row, note: note ?? null };
  }

  stepsOf(requestIds: readonly string[]): Promise<StepRow[]> {
    if (requestIds.length === 0) return Promise.resolve([]);
    return this.db
      .select(STEP_COLUMNS)
      .from(dataSubjectRequestSteps)
      .leftJoin(dataSubjectRequestStepNotes, eq(dataSubjectRequestStepNotes.stepId, dataSubjectRequestSteps.id))
      .where(inArray(dataSubjectRequestSteps.requestId, [...requestIds]))
      .orderBy(dataSubjectRequestSteps.seq);
  }

  /**
   * Routes are the named system use `routes` (roles.ts): a request reads only its own authority's and
   * writes none (db/rls/narrowed-tables.sql.ts), so these three run as the system role, after the
   * rights service's checks.
   */
  async grant(values: (typeof personalDataGrants.$inferInsert)[]): Promise<(typeof personalDataGrants.$inferSelect)[]> {
    return values.length > 0 ? withSystemRole("routes", () => this.db.insert(personalDataGrants).values(values).returning()) : [];
  }

  /** Ends the routes a request or retrieval opened: the helpdesk's access lasts as long as its ground. */
  /** Whether a recorded route was ever opened for this reference (a request's, a retrieval's). */
  async hasGrant(reference: string): Promise<boolean> {
    const [row] = await withSystemRole("routes", () =>
      this.db.select({ id: personalDataGrants.id }).from(personalDataGrants).where(eq(personalDataGrants.reference, reference)).limit(1),
    );
    return row !== undefined;
  }

  async endGrants(reference: string, at: Date): Promise<void> {
    await withSystemRole("routes", () =>
      this.db
        .update(personalDataGrants)
        .set({ expiresAt: at })
        .where(and(eq(personalDataGrants.reference, reference), sql`${personalDataGrants.expiresAt} > ${at.toISOString()}::timestamptz`)),
    );
  }

  async insertContestation(values: typeof contestations.$inferInsert): Promise<ContestationRow> {
    const { sealed, open } = await sealForInsert(this.db, SEALED_CONTESTATIONS, values);
    const [row] = await this.db.insert(contestations).values(sealed).returning();
    if (!row) throw new Error("insert returned no row");
    return open(row);
  }

  async contestationsOf(procedureIds: readonly string[]): Promise<ContestationRow[]> {
    return openRows(
      this.db,
      SEALED_CONTESTATIONS,
      await this.db.select().from(contestations).where(inArray(contestations.procedureId, [...procedureIds])).orderBy(contestations.createdAt),
    );
  }

  async insertRetrieval(values: typeof blockedDataRetrievals.$inferInsert): Promise<RetrievalRow> {
    const [row] = await this.db.insert(blockedDataRetrievals).values(values).returning();
    if (!row) throw new Error("insert returned no row");
    return row;
  }

  /** Whether the authority ever took part in the procedure (forwarded away included). */
  async tookPart(procedureId: string, authorityId: string): Promise<boolean> {
    const [row] = await this.db
      .select({ n: count() })
      .from(participants)
      .where(and(eq(participants.procedureId, procedureId), eq(participants.authorityId, authorityId)));
    return (row?.n ?? 0) > 0;
  }

  /**
   * The data subject records an access report covers: the linked one, and those with the same
   * identifier in procedures the answering authority takes part in (or, for the helpdesk, the
   * linked procedure only), whose personal data still exists and, for an authority answering itself,
   * is not blocked and is its to read (initiated or accepted).
   */
  async accessItems(options: {
    dataSubjectId: string | null;
    identifier: string | null;
    authorityId: string | null;
    procedureId: string | null;
    /**
     * The authority the report is read by, when an authority reads it (its own report, or the
     * helpdesk's report produced for it): only procedures it initiated or accepted (the matrix).
     */
    readerAuthorityId: string | null;
    /** R-ACCESS-1: the report answers for the data held when it was answered, not what came later. */
    heldAt: Date;
  }) {
    const matches: SQL[] = [];
    if (options.dataSubjectId) matches.push(eq(dataSubjects.id, options.dataSubjectId));
    if (options.identifier) {
      const scope = options.authorityId
        ? sql`exists (select 1 from ${participants} pa where pa.procedure_id = ${dataSubjects.procedureId}
            and pa.authority_id = ${options.authorityId} and pa.forwarded_at is null)`
        : eq(dataSubjects.procedureId, options.procedureId ?? "00000000-0000-0000-0000-000000000000");
      // Sealed identifiers are found by their index (personal-crypto/sealed-rows.ts); rows written
      // before sealing (not yet sealed by legacy-rows.ts) by the identifier itself.
      const index = await identifierIndex(this.db, options.identifier);
      matches.push(and(or(eq(dataSubjects.nationalIdentifierIndex, index), eq(dataSubjects.nationalIdentifier, options.identifier)), scope)!);
    }
    // R-SEC-1, the matrix: an authority answering itself reports only what it may read, i.e. procedures
    // it initiated or accepted. A recipient that had not accepted read the data subject's records
    // through its own report, by filing, approving and completing an access request.
    // The same holds for the helpdesk's report of blocked data produced for the receiving authority
    // (R-ACCESS-2): an authority that never accepted the procedure never read its personal data, and
    // a report is no way round that (found from outside: a recipient that had not accepted read a
    // blocked alert's records through the helpdesk's report).
    const reader = options.readerAuthorityId ?? options.authorityId;
    const readable = reader
      ? sql`exists (select 1 from ${participants} pr where pr.procedure_id = ${dataSubjects.procedureId}
          and pr.authority_id = ${reader} and pr.forwarded_at is null
          and (pr.part = 'INITIATOR' or pr.accepted_at is not null))`
      : undefined;
    if (matches.length === 0) return [];
    const rows = await this.db
      .select({ subject: dataSubjects, reference: procedures.reference })
      .from(dataSubjects)
      .innerJoin(procedures, eq(procedures.id, dataSubjects.procedureId))
      .where(
        and(
          or(...matches),
          sql`${procedures.personalDataDeletedAt} is null`,
          // R-RETAIN-1, R-ACCESS-2: blocked data is answered for by the helpdesk alone. An authority's own
          // report reached it through the identifier (or a procedure blocked since the request was
          // routed), so a case handler could read blocked records by filing, approving and completing
          // an access request itself (found while building the fuzz suite's oracle, test/fuzz).
          options.authorityId ? sql`${procedures.blockedAt} is null` : undefined,
          readable,
          // Found from outside: a completed report read again later listed a procedure created after
          // the answer, with its new records; the answer covers what was held when it was given.
          sql`${dataSubjects.createdAt} <= ${options.heldAt.toISOString()}::timestamptz`,
        ),
      )
      .orderBy(dataSubjects.createdAt);
    // A subject deleted meanwhile is left out (openRows): match by id, not by place.
    const opened = new Map((await openRows(this.db, SEALED_DATA_SUBJECTS, rows.map((row) => row.subject))).map((subject) => [subject.id, subject]));
    return rows.flatMap((row) => {
      const subject = opened.get(row.subject.id);
      if (!subject) return [];
      // The index is a bucket that other identifiers share (identifierIndex): a candidate found by it
      // is the person only if its own identifier is the one asked.
      const linked = subject.id === options.dataSubjectId;
      if (!linked && subject.nationalIdentifier !== options.identifier) return [];
      return [{ ...row, subject }];
    });
  }

  async sensitiveRecordsOf(dataSubjectIds: string[], heldAt?: Date) {
    if (dataSubjectIds.length === 0) return [];
    return openRows(
      this.db,
      SEALED_SENSITIVE_RECORDS,
      await this.db
        .select()
        .from(sensitiveRecords)
        .where(
          and(
            inArray(sensitiveRecords.dataSubjectId, dataSubjectIds),
            heldAt ? sql`${sensitiveRecords.createdAt} <= ${heldAt.toISOString()}::timestamptz` : undefined,
          ),
        ),
    );
  }

  /** Who received each data subject's data: the authorities that read it, from the audit log. */
  async recipientsOf(dataSubjectIds: string[]): Promise<{ dataSubjectId: string; authorityId: string }[]> {
    if (dataSubjectIds.length === 0) return [];
    const rows = await this.db
      .selectDistinct({ dataSubjectId: auditEvents.dataSubjectId, authorityId: auditEvents.actorAuthorityId })
      .from(auditEvents)
      .where(and(inArray(auditEvents.dataSubjectId, dataSubjectIds), eq(auditEvents.action, "READ")));
    return rows.filter((r): r is { dataSubjectId: string; authorityId: string } => !!r.dataSubjectId && !!r.authorityId);
  }

  /** R-RECTIFY-2: the corrected values, sealed under the data subject's key like the originals. */
  async updateDataSubject(id: string, values: Partial<typeof dataSubjects.$inferInsert>): Promise<void> {
    const sealed = await sealForUpdate(this.db, SEALED_DATA_SUBJECTS, id, values);
    if ("nationalIdentifier" in values) {
      sealed.nationalIdentifierIndex = values.nationalIdentifier ? await identifierIndex(this.db, values.nationalIdentifier) : null;
    }
    await this.db.update(dataSubjects).set(sealed).where(eq(dataSubjects.id, id));
  }

  /** R-RECTIFY-2 erasure: the row and, in the same transaction, the key its values were sealed under (R-RETAIN-3). */
  async deleteDataSubject(id: string): Promise<void> {
    await this.db.delete(dataSubjects).where(eq(dataSubjects.id, id));
    // The key goes as the system use `rights`: the shredded partition step 7 rewrites is the job's record, not a request's to change.
    await withSystemRole("rights", () => new PersonalDataKeys(this.db).destroy([id]));
  }
}

function requestFilter(filter: RequestFilter, now: Date): SQL | undefined {
  const overdue = and(
    inArray(dataSubjectRequests.status, OPEN_STATUSES),
    sql`${dataSubjectRequests.dueAt} < ${now.toISOString()}::timestamptz`,
  );
  return and(
    filter.status ? eq(dataSubjectRequests.status, filter.status) : undefined,
    filter.kind ? eq(dataSubjectRequests.kind, filter.kind) : undefined,
    filter.overdue === true ? overdue : undefined,
    filter.overdue === false
      ? or(notInArray(dataSubjectRequests.status, OPEN_STATUSES), sql`${dataSubjectRequests.dueAt} >= ${now.toISOString()}::timestamptz`)
      : undefined,
  );
}

/**
 * Row scope of data-subject requests (SPEC need-to-know matrix): the Commission all (their metadata;
 * personal fields only of those escalated to it), a coordinator those received in its state, local
 * admins and case handlers their authority's, a portal those it filed.
 */
export function visibleRequests(viewer: Viewer): SQL {
  if (hasRole(viewer, "COMMISSION")) return sql`true`;
  const scopes: SQL[] = [];
  if (hasRole(viewer, "COORDINATOR")) {
    scopes.push(
      sql`${dataSubjectRequests.receivingAuthorityId} in (select ${authorities.id} from ${authorities} where ${authorities.memberState} = ${viewer.memberState})`,
    );
  }
  if (hasRole(viewer, "LOCAL_ADMIN", "CASE_HANDLER")) scopes.push(eq(dataSubjectRequests.receivingAuthorityId, viewer.authorityId));
  // R-RECTIFY-1 (b): the initiator's case handlers confirm the change the helpdesk carries out with
  // them, so they see the request's metadata (its personal fields stay the receiving authority's).
  if (hasRole(viewer, "CASE_HANDLER")) {
    scopes.push(sql`(${dataSubjectRequests.route} = 'HELPDESK_WITH_INITIATOR' and exists (select 1 from ${participants} pi
      where pi.procedure_id = ${dataSubjectRequests.procedureId} and pi.authority_id = ${viewer.authorityId}
        and pi.part = 'INITIATOR' and pi.forwarded_at is null))`);
  }
  if (hasRole(viewer, "PORTAL")) scopes.push(eq(dataSubjectRequests.filedByUserId, viewer.userId));
  return scopes.length > 0 ? sql`(${sql.join(scopes, sql` or `)})` : sql`false`;
}
