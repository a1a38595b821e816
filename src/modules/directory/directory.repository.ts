import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../db/database.js";
import { isUuid } from "../../db/ids.js";
import { authorities, authorityLegalAreas, legalAreas, nationalRestrictions } from "../../db/schema/index.js";
import { holdsRole } from "./authority-accounts.js";
import type { PageRequest } from "../../graphql/pagination.js";
import { COMMISSION_STATE } from "./member-states.js";

export type LegalAreaRow = typeof legalAreas.$inferSelect;
export type AuthorityRow = typeof authorities.$inferSelect;
export type NationalRestrictionRow = typeof nationalRestrictions.$inferSelect;

/**
 * Pentest G1 (Art. 8): an authority that never takes part in a procedure, whatever rows say: the
 * Commission's (member state EU), a coordinating one (pentest F1), a supervisory authority (it holds
 * SUPERVISOR accounts), and a portal's: one holding PORTAL accounts and no CASE_HANDLER account, so
 * that nobody in it could work a procedure; a national portal acts for citizens, it exchanges with
 * no authority. The directory records no "portal" designation, and a competent authority may hold a
 * portal account of its own beside its case handlers (a local admin creates both): such an authority
 * still takes part. Deactivated accounts count: an authority stays what it was.
 */
function takesNoPart(): SQL {
  const holds = (roles: readonly string[]) => holdsRole(sql`${authorities.id}`, roles);
  return sql`(${authorities.memberState} = ${COMMISSION_STATE} or ${authorities.coordinating}
    or ${holds(["SUPERVISOR", "COMMISSION"])} or (${holds(["PORTAL"])} and not ${holds(["CASE_HANDLER"])}))`;
}

export interface AuthorityFilter {
  memberState?: string | null;
  legalAreaCode?: string | null;
}

export class DirectoryRepository {
  constructor(private readonly db: Executor) {}

  listLegalAreas(): Promise<LegalAreaRow[]> {
    return this.db.select().from(legalAreas).orderBy(asc(legalAreas.code));
  }

  legalAreasByCodes(codes: readonly string[]): Promise<LegalAreaRow[]> {
    return this.db.select().from(legalAreas).where(inArray(legalAreas.code, [...codes]));
  }

  async findLegalArea(code: string): Promise<LegalAreaRow | undefined> {
    const [row] = await this.db.select().from(legalAreas).where(eq(legalAreas.code, code));
    return row;
  }

  async setLegalAreaEnabled(code: string, enabled: boolean): Promise<LegalAreaRow | undefined> {
    const [row] = await this.db.update(legalAreas).set({ enabled }).where(eq(legalAreas.code, code)).returning();
    return row;
  }

  authoritiesByIds(ids: readonly string[]): Promise<AuthorityRow[]> {
    return this.db.select().from(authorities).where(inArray(authorities.id, ids.filter(isUuid)));
  }

  async findAuthority(id: string): Promise<AuthorityRow | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await this.db.select().from(authorities).where(eq(authorities.id, id));
    return row;
  }

  /** R-COORD-1: the member state's coordinating authorities (told of a new coordinator's account, account-notice.mail.ts). */
  coordinatingAuthoritiesOf(memberState: string): Promise<AuthorityRow[]> {
    return this.db.select().from(authorities).where(and(eq(authorities.memberState, memberState), eq(authorities.coordinating, true)));
  }

  /** Legal areas per authority, for the loader. */
  legalAreasOfAuthorities(authorityIds: readonly string[]) {
    return this.db
      .select({ authorityId: authorityLegalAreas.authorityId, area: legalAreas })
      .from(authorityLegalAreas)
      .innerJoin(legalAreas, eq(legalAreas.code, authorityLegalAreas.legalAreaCode))
      .where(inArray(authorityLegalAreas.authorityId, [...authorityIds]))
      .orderBy(asc(legalAreas.code));
  }

  /** R-PURPOSE-2: the ids among `authorityIds` registered for the area. */
  async registeredForArea(authorityIds: readonly string[], legalAreaCode: string): Promise<Set<string>> {
    if (authorityIds.length === 0) return new Set();
    const rows = await this.db
      .select({ id: authorityLegalAreas.authorityId })
      .from(authorityLegalAreas)
      .innerJoin(authorities, eq(authorities.id, authorityLegalAreas.authorityId))
      // Pentest F1: a coordinating authority never takes part in a procedure, whatever rows say.
      .where(
        and(
          inArray(authorityLegalAreas.authorityId, [...authorityIds]),
          eq(authorityLegalAreas.legalAreaCode, legalAreaCode),
          eq(authorities.coordinating, false),
        ),
      );
    return new Set(rows.map((row) => row.id));
  }

  /** Pentest G1 (Art. 8): the ids among `authorityIds` that never take part in a procedure (takesNoPart). */
  async takingNoPart(authorityIds: readonly string[]): Promise<Set<string>> {
    const ids = authorityIds.filter(isUuid);
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .select({ id: authorities.id })
      .from(authorities)
      .where(and(inArray(authorities.id, ids), takesNoPart()));
    return new Set(rows.map((row) => row.id));
  }

  /**
   * Issue 17 item 4 (Art. 12): the recipients of an alert to all member states, resolved when it is
   * sent: the alert coordinators registered for the area (R-PURPOSE-2) of every member state but the
   * initiator's. Never a coordinating authority (pentest F1), the Commission's (Art. 8), a portal's or a
   * supervisory authority's (pentest G1).
   */
  async alertCoordinatorsFor(legalAreaCode: string, exceptMemberState: string): Promise<AuthorityRow[]> {
    return this.db
      .select({ authority: authorities })
      .from(authorities)
      .innerJoin(
        authorityLegalAreas,
        and(eq(authorityLegalAreas.authorityId, authorities.id), eq(authorityLegalAreas.legalAreaCode, legalAreaCode)),
      )
      .where(
        and(
          eq(authorities.alertCoordinator, true),
          sql`${authorities.memberState} <> ${exceptMemberState}`,
          sql`not ${takesNoPart()}`,
        ),
      )
      .orderBy(asc(authorities.memberState), asc(authorities.createdAt), asc(authorities.id))
      .then((rows) => rows.map((row) => row.authority));
  }

  async setAlertCoordinator(id: string, alertCoordinator: boolean): Promise<AuthorityRow | undefined> {
    const [row] = await this.db.update(authorities).set({ alertCoordinator }).where(eq(authorities.id, id)).returning();
    return row;
  }

  async pageAuthorities(filter: AuthorityFilter, page: PageRequest) {
    const where = this.authorityFilter(filter);
    const after = page.after
      ? or(
          lt(authorities.createdAt, page.after.createdAt),
          and(eq(authorities.createdAt, page.after.createdAt), lt(authorities.id, page.after.id)),
        )
      : undefined;
    const [rows, [total]] = await Promise.all([
      this.db
        .select()
        .from(authorities)
        .where(and(where, after))
        .orderBy(desc(authorities.createdAt), desc(authorities.id))
        .limit(page.limit + 1),
      this.db.select({ n: count() }).from(authorities).where(where),
    ]);
    return { rows, totalCount: total?.n ?? 0 };
  }

  private authorityFilter(filter: AuthorityFilter): SQL | undefined {
    return and(
      filter.memberState ? eq(authorities.memberState, filter.memberState) : undefined,
      filter.legalAreaCode
        ? sql`exists (select 1 from ${authorityLegalAreas} where ${authorityLegalAreas.authorityId} = ${authorities.id} and ${authorityLegalAreas.legalAreaCode} = ${filter.legalAreaCode})`
        : undefined,
    );
  }

  async insertAuthority(values: typeof authorities.$inferInsert, legalAreaCodes: readonly string[]): Promise<AuthorityRow> {
    const [row] = await this.db.insert(authorities).values(values).returning();
    if (!row) throw new Error("insert returned no row");
    if (legalAreaCodes.length > 0) {
      await this.db.insert(authorityLegalAreas).values(legalAreaCodes.map((code) => ({ authorityId: row.id, legalAreaCode: code })));
    }
    return row;
  }

  /** R-NOTICE-2: a state's restrictions, the published ones only unless asked by whoever may see notifications. */
  nationalRestrictions(memberState: string, includeUnpublished = false): Promise<NationalRestrictionRow[]> {
    return this.db
      .select()
      .from(nationalRestrictions)
      .where(
        and(
          eq(nationalRestrictions.memberState, memberState),
          includeUnpublished ? undefined : isNotNull(nationalRestrictions.publishedAt),
        ),
      )
      .orderBy(asc(nationalRestrictions.createdAt), asc(nationalRestrictions.id));
  }

  publishedRestrictionsOf(memberStates: readonly string[]): Promise<NationalRestrictionRow[]> {
    return this.db
      .select()
      .from(nationalRestrictions)
      .where(and(inArray(nationalRestrictions.memberState, [...memberStates]), isNotNull(nationalRestrictions.publishedAt)))
      .orderBy(asc(nationalRestrictions.createdAt), asc(nationalRestrictions.id));
  }

  async findNationalRestriction(id: string): Promise<NationalRestrictionRow | undefined> {
    const [row] = await this.db.select().from(nationalRestrictions).where(eq(nationalRestrictions.id, id));
    return row;
  }

  /** Publishes a notified restriction once; undefined when it is missing or published already. */
  async publishNationalRestriction(id: string, userId: string, at: Date): Promise<NationalRestrictionRow | undefined> {
    const [row] = await this.db
      .update(nationalRestrictions)
      .set({ publishedAt: at, publishedByUserId: userId })
      .where(and(eq(nationalRestrictions.id, id), isNull(nationalRestrictions.publishedAt)))
      .returning();
    return row;
  }

  async insertNationalRestriction(values: typeof nationalRestrictions.$inferInsert): Promise<NationalRestrictionRow> {
    const [row] = await this.db.insert(nationalRestrictions).values(values).returning();
    if (!row) throw new Error("insert returned no row");
    return row;
  }
}
