import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../db/database.js";
import {
  confidentialityFlags,
  dataSubjects,
  legalPersons,
  messages,
  participants,
  personalDataGrants,
  procedureConsentReferences,
  procedureJustifications,
  procedures,
  sensitiveRecords,
} from "../../db/schema/index.js";
import { isUuid } from "../../db/ids.js";
import { identifierIndex, openRow, openRows, sealForInsert } from "../../db/personal-crypto/sealed-rows.js";
import {
  SEALED_CONFIDENTIALITY_FLAGS,
  SEALED_DATA_SUBJECTS,
  SEALED_LEGAL_PERSONS,
  SEALED_MESSAGES,
  SEALED_SENSITIVE_RECORDS,
} from "../../db/personal-crypto/sealed-tables.js";
import { TOTAL_COUNT_LIMIT, type PageRequest } from "../../graphql/pagination.js";
import { visibleProcedures } from "../../auth/procedure-scope.js";
import type { Viewer } from "../../auth/viewer.js";
import type { ProcedureKind, ProcedureStatus } from "./procedure.state-machine.js";

export type ProcedureRow = typeof procedures.$inferSelect;
export type ParticipantRow = typeof participants.$inferSelect;
export type DataSubjectRow = typeof dataSubjects.$inferSelect;
export type SensitiveRecordRow = typeof sensitiveRecords.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type LegalPersonRow = typeof legalPersons.$inferSelect;
export type ConfidentialityFlagRow = typeof confidentialityFlags.$inferSelect;
export type JustificationRow = typeof procedureJustifications.$inferSelect;
export type ConsentReferenceRow = typeof procedureConsentReferences.$inferSelect;
export type PersonalDataGrantRow = typeof personalDataGrants.$inferSelect;

export interface ProcedureFilter {
  status?: ProcedureStatus | null;
  kind?: ProcedureKind | null;
  legalAreaCode?: string | null;
}

export class ProcedureRepository {
  constructor(private readonly db: Executor) {}

  /** A procedure within the viewer's rows, or undefined: missing and invisible are the same. */
  async findVisible(viewer: Viewer, id: string): Promise<ProcedureRow | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await this.db.select().from(procedures).where(and(eq(procedures.id, id), visibleProcedures(viewer)));
    return row;
  }

  /** Locks the procedure row for the rest of the transaction, so transitions never interleave. */
  async lock(id: string): Promise<ProcedureRow | undefined> {
    const [row] = await this.db.select().from(procedures).where(eq(procedures.id, id)).for("update");
    return row;
  }

  /**
   * A page newest first. Issue 14: the keyset condition is one row comparison, which walks
   * procedures_list_order_idx (or a filter's index) from the cursor on, and the count is a function,
   * run only when a client selects `totalCount`, bounded by TOTAL_COUNT_LIMIT: test/procedures/list-plans.
   */
  async page(viewer: Viewer, filter: ProcedureFilter, page: PageRequest) {
    const where = and(visibleProcedures(viewer), procedureFilter(filter));
    const after = page.after
      ? sql`(${procedures.createdAt}, ${procedures.id}) < (${sql.param(page.after.createdAt, procedures.createdAt)}, ${sql.param(page.after.id, procedures.id)})`
      : undefined;
    const rows = await this.db
      .select()
      .from(procedures)
      .where(and(where, after))
      .orderBy(desc(procedures.createdAt), desc(procedures.id))
      .limit(page.limit + 1);
    // In the list's order, so the count walks the page's own index and stops at the bound (a
    // sequential scan under the limit reads the whole table when the viewer's rows are sparse).
    const totalCount = async () => {
      const capped = this.db.select({ one: sql`1`.as("one") }).from(procedures).where(where).orderBy(desc(procedures.createdAt), desc(procedures.id)).limit(TOTAL_COUNT_LIMIT + 1).as("capped");
      const [total] = await this.db.select({ n: count() }).from(capped);
      return total?.n ?? 0;
    };
    return { rows, totalCount };
  }

  async insert(values: Omit<typeof procedures.$inferInsert, "reference">): Promise<ProcedureRow> {
    const year = values.createdAt instanceof Date ? values.createdAt.getUTCFullYear() : new Date().getUTCFullYear();
    const [row] = await this.db
      .insert(procedures)
      .values({
        ...values,
        reference: sql`'IMI-' || ${String(year)} || '-' || lpad(nextval('procedure_reference_seq')::text, 6, '0')`,
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    return row;
  }

  /**
   * Issue 13: the procedure's justification and consent reference, in tables of their own (schema
   * procedure-texts.ts), written in the transaction that inserts the procedure. No row for an empty text.
   */
  async insertTexts(procedureId: string, texts: { justification: string | null; consentReference: string | null }): Promise<void> {
    if (texts.justification) await this.db.insert(procedureJustifications).values({ procedureId, justification: texts.justification });
    if (texts.consentReference) await this.db.insert(procedureConsentReferences).values({ procedureId, consentReference: texts.consentReference });
  }

  /** The justifications of these procedures the viewer may read (under the database's wall the others' rows are absent). */
  justificationsOf(procedureIds: readonly string[]): Promise<JustificationRow[]> {
    const ids = procedureIds.filter(isUuid);
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.select().from(procedureJustifications).where(inArray(procedureJustifications.procedureId, ids));
  }

  /** The consent references of these procedures the viewer may read (personal data, R-CONSENT-1). */
  consentReferencesOf(procedureIds: readonly string[]): Promise<ConsentReferenceRow[]> {
    const ids = procedureIds.filter(isUuid);
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.select().from(procedureConsentReferences).where(inArray(procedureConsentReferences.procedureId, ids));
  }

  async update(id: string, values: Partial<typeof procedures.$inferInsert>): Promise<ProcedureRow> {
    const [row] = await this.db.update(procedures).set(values).where(eq(procedures.id, id)).returning();
    if (!row) throw new Error(`procedure ${id} vanished inside its transaction`);
    return row;
  }

  async insertParticipants(rows: (typeof participants.$inferInsert)[]): Promise<void> {
    if (rows.length > 0) await this.db.insert(participants).values(rows);
  }

  /** Current participants (forwarded ones no longer take part), the initiator first. */
  currentParticipants(procedureIds: readonly string[]): Promise<ParticipantRow[]> {
    return this.db
      .select()
      .from(participants)
      .where(and(inArray(participants.procedureId, [...procedureIds]), isNull(participants.forwardedAt)))
      .orderBy(asc(participants.seq));
  }

  /** Every participant row, forwarded ones included: to tell who forwarded a procedure away. */
  allParticipants(procedureIds: readonly string[]): Promise<ParticipantRow[]> {
    return this.db.select().from(participants).where(inArray(participants.procedureId, [...procedureIds])).orderBy(asc(participants.seq));
  }

  byIds(ids: readonly string[]): Promise<ProcedureRow[]> {
    return this.db.select().from(procedures).where(inArray(procedures.id, ids.filter(isUuid)));
  }

  async dataSubjectsByIds(ids: readonly string[]): Promise<DataSubjectRow[]> {
    return openRows(this.db, SEALED_DATA_SUBJECTS, await this.db.select().from(dataSubjects).where(inArray(dataSubjects.id, ids.filter(isUuid))));
  }

  grantsOf(procedureIds: readonly string[]): Promise<PersonalDataGrantRow[]> {
    return this.db.select().from(personalDataGrants).where(inArray(personalDataGrants.procedureId, [...procedureIds]));
  }

  async participation(procedureId: string, authorityId: string): Promise<ParticipantRow | undefined> {
    const [row] = await this.db
      .select()
      .from(participants)
      .where(and(eq(participants.procedureId, procedureId), eq(participants.authorityId, authorityId), isNull(participants.forwardedAt)));
    return row;
  }

  /** The authority's participation that it forwarded away, if it forwarded this procedure (the latest). */
  async forwardedParticipation(procedureId: string, authorityId: string): Promise<ParticipantRow | undefined> {
    const [row] = await this.db
      .select()
      .from(participants)
      .where(and(eq(participants.procedureId, procedureId), eq(participants.authorityId, authorityId), isNotNull(participants.forwardedAt)))
      .orderBy(desc(participants.forwardedAt))
      .limit(1);
    return row;
  }

  async updateParticipant(id: string, values: Partial<typeof participants.$inferInsert>): Promise<void> {
    await this.db.update(participants).set(values).where(eq(participants.id, id));
  }

  /** Sealed under the data subject's own key (R-RETAIN-3, R-RETAIN-6), found by its identifier's index. */
  async insertDataSubject(values: typeof dataSubjects.$inferInsert): Promise<DataSubjectRow> {
    const { sealed, open } = await sealForInsert(this.db, SEALED_DATA_SUBJECTS, values);
    const nationalIdentifierIndex = values.nationalIdentifier ? await identifierIndex(this.db, values.nationalIdentifier) : null;
    const [row] = await this.db.insert(dataSubjects).values({ ...sealed, nationalIdentifierIndex }).returning();
    if (!row) throw new Error("insert returned no row");
    return open(row);
  }

  async findDataSubject(id: string): Promise<DataSubjectRow | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await this.db.select().from(dataSubjects).where(eq(dataSubjects.id, id));
    return openRow(this.db, SEALED_DATA_SUBJECTS, row);
  }

  async dataSubjectsOf(procedureIds: readonly string[]): Promise<DataSubjectRow[]> {
    return openRows(this.db, SEALED_DATA_SUBJECTS, await this.db
      .select()
      .from(dataSubjects)
      .where(inArray(dataSubjects.procedureId, [...procedureIds]))
      .orderBy(asc(dataSubjects.createdAt), asc(dataSubjects.id)),
    );
  }

  async insertSensitiveRecord(values: typeof sensitiveRecords.$inferInsert): Promise<SensitiveRecordRow> {
    const { sealed, open } = await sealForInsert(this.db, SEALED_SENSITIVE_RECORDS, values);
    const [row] = await this.db.insert(sensitiveRecords).values(sealed).returning();
    if (!row) throw new Error("insert returned no row");
    return open(row);
  }

  async sensitiveRecordsOf(dataSubjectIds: readonly string[]): Promise<SensitiveRecordRow[]> {
    return openRows(this.db, SEALED_SENSITIVE_RECORDS, await this.db
      .select()
      .from(sensitiveRecords)
      .where(inArray(sensitiveRecords.dataSubjectId, [...dataSubjectIds]))
      .orderBy(asc(sensitiveRecords.createdAt), asc(sensitiveRecords.id)),
    );
  }

  async insertMessage(values: typeof messages.$inferInsert): Promise<MessageRow> {
    const { sealed, open } = await sealForInsert(this.db, SEALED_MESSAGES, values);
    const [row] = await this.db.insert(messages).values(sealed).returning();
    if (!row) throw new Error("insert returned no row");
    return open(row);
  }

  async findMessage(id: string): Promise<MessageRow | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await this.db.select().from(messages).where(eq(messages.id, id));
    return openRow(this.db, SEALED_MESSAGES, row);
  }

  async messagesOf(procedureIds: readonly string[]): Promise<MessageRow[]> {
    return openRows(this.db, SEALED_MESSAGES, await this.db
      .select()
      .from(messages)
      .where(inArray(messages.procedureId, [...procedureIds]))
      .orderBy(asc(messages.seq)),
    );
  }

  async insertLegalPerson(values: typeof legalPersons.$inferInsert): Promise<LegalPersonRow> {
    const { sealed, open } = await sealForInsert(this.db, SEALED_LEGAL_PERSONS, values);
    const [row] = await this.db.insert(legalPersons).values(sealed).returning();
    if (!row) throw new Error("insert returned no row");
    return open(row);
  }

  async findLegalPerson(id: string): Promise<LegalPersonRow | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await this.db.select().from(legalPersons).where(eq(legalPersons.id, id));
    return openRow(this.db, SEALED_LEGAL_PERSONS, row);
  }

  async legalPersonsOf(procedureIds: readonly string[]): Promise<LegalPersonRow[]> {
    return openRows(this.db, SEALED_LEGAL_PERSONS, await this.db
      .select()
      .from(legalPersons)
      .where(inArray(legalPersons.procedureId, [...procedureIds]))
      .orderBy(asc(legalPersons.createdAt), asc(legalPersons.id)),
    );
  }

  /** Inserts the flag unless the item already has one; undefined then. */
  async insertConfidentialityFlag(values: typeof confidentialityFlags.$inferInsert): Promise<ConfidentialityFlagRow | undefined> {
    const { sealed, open } = await sealForInsert(this.db, SEALED_CONFIDENTIALITY_FLAGS, values);
    const [row] = await this.db.insert(confidentialityFlags).values(sealed).onConflictDoNothing().returning();
    return row ? open(row) : undefined;
  }

  async confidentialityFlagsOf(itemIds: readonly string[]): Promise<ConfidentialityFlagRow[]> {
    return openRows(this.db, SEALED_CONFIDENTIALITY_FLAGS, await this.db.select().from(confidentialityFlags).where(inArray(confidentialityFlags.itemId, [...itemIds])));
  }
}

function procedureFilter(filter: ProcedureFilter): SQL | undefined {
  return and(
    filter.status ? eq(procedures.status, filter.status) : undefined,
    filter.kind ? eq(procedures.kind, filter.kind) : undefined,
    filter.legalAreaCode ? eq(procedures.legalAreaCode, filter.legalAreaCode) : undefined,
  );
}
