import { and, count, desc, eq, inArray, isNull, lt, ne, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../db/database.js";
import { isUuid } from "../../db/ids.js";
import { authorities, participants, procedures, users } from "../../db/schema/index.js";
import type { PageRequest } from "../../graphql/pagination.js";
import { hasRole, type Viewer } from "../../auth/viewer.js";
import { withSystemRole } from "../../db/rls/request-scope.js";
import { USER_COLUMNS, type UserRow } from "../../db/user-columns.js";
import { authorityHoldsRole } from "../directory/authority-accounts.js";
import type { EmailAddress } from "../mail/mail-address.js";

export { USER_COLUMNS, type UserRow };

export interface UserFilter {
  authorityId?: string | null;
  active?: boolean | null;
}

export class UserRepository {
  constructor(private readonly db: Executor) {}

  async findById(id: string): Promise<UserRow | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await this.db.select(USER_COLUMNS).from(users).where(eq(users.id, id));
    return row;
  }

  byIds(ids: readonly string[]): Promise<UserRow[]> {
    return this.db.select(USER_COLUMNS).from(users).where(inArray(users.id, [...ids]));
  }

  /** Of these users, those in the viewer's row scope of contact data. */
  visibleByIds(viewer: Viewer, ids: readonly string[]): Promise<UserRow[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return Promise.resolve([]);
    return this.db.select(USER_COLUMNS).from(users).where(and(inArray(users.id, valid), visibleUsers(viewer)));
  }

  /**
   * Whether the authority has a user holding any of these roles (active or not), whoever asks: a yes
   * or no of the database's (imi_rls.authority_holds_role), as the users' rows are the viewer's scope.
   */
  async anyInAuthorityWithRole(authorityId: string, roles: readonly string[]): Promise<boolean> {
    return authorityHoldsRole(this.db, authorityId, roles);
  }

  /**
   * A user whose address is the same mailbox as `email` (mail/mail-address.ts): equal but for case, or
   * for a sub-address (`name+tag@domain`, which most mail systems deliver to `name@domain`). Outside
   * attack on enrolment (finding 1): an administrator created accounts at `its-own+x@…` and enrolled
   * them from its own mailbox; one mailbox, one account. New addresses are plain (no quotes, no
   * backslashes: finding F1); a row stored before that rule may hold them, and is compared without
   * them, as a mail transport delivers it (`"admin\.dk"@…` to `admin.dk@…`).
   */
  mailboxTaken(email: EmailAddress, exceptId?: string): Promise<boolean> {
    return withSystemRole("accounts", async () => (await this.findByMailbox(email, exceptId)) !== undefined);
  }

  private async findByMailbox(email: EmailAddress, exceptId?: string): Promise<{ id: string } | undefined> {
    const at = email.mailbox.lastIndexOf("@");
    const local = email.mailbox.slice(0, at);
    const domain = email.mailbox.slice(at + 1);
    const [row] = await this.db
      .select({ id: users.id })
      .from(users)
      .where(
        // The last "@" parts local part and domain, here as in the comparison (a quoted local part may hold one).
        and(
          sql`lower(substring(${users.email} from '@([^@]*)$')) = ${domain} and regexp_replace(regexp_replace(lower(regexp_replace(${users.email}, '@[^@]*$', '')), '["\\\\]', '', 'g'), '[+].*$', '') = ${local}`,
          exceptId ? ne(users.id, exceptId) : undefined,
        ),
      )
      .limit(1);
    return row;
  }

  /** The user of this address (its canonical form: login, enrolment, single sign-on), case aside as the unique index. */
  async findByEmail(email: EmailAddress): Promise<UserRow | undefined> {
    const [row] = await this.db.select(USER_COLUMNS).from(users).where(sql`lower(${users.email}) = ${email.address}`);
    return row;
  }

  /**
   * Issue 14: what a request's viewer is built from and no more, read on every request (R-USER-2):
   * not the password hash, the TOTP secret nor the contact data of the whole row.
   */
  async findViewerOf(id: string) {
    if (!isUuid(id)) return undefined;
    const [row] = await this.db
      .select({ id: users.id, authorityId: users.authorityId, roles: users.roles, active: users.active, memberState: authorities.memberState })
      .from(users)
      .innerJoin(authorities, eq(authorities.id, users.authorityId))
      .where(eq(users.id, id));
    return row;
  }

  /** The user with the member state of its authority: what a request's viewer is built from. */
  async findWithMemberState(id: string) {
    if (!isUuid(id)) return undefined;
    const [row] = await this.db
      .select({ user: USER_COLUMNS, memberState: authorities.memberState })
      .from(users)
      .innerJoin(authorities, eq(authorities.id, users.authorityId))
      .where(eq(users.id, id));
    return row;
  }

  /**
   * R-SEC-1: the user of this address with the credentials login checks, in one statement (so that an
   * enrolled address costs no second read a timing could tell apart), as the system use
   * `authentication` only: the API's role may not read them.
   */
  async findLoginOf(email: EmailAddress): Promise<(UserRow & { passwordHash: string | null; totpSecret: string | null }) | undefined> {
    const [row] = await this.db
      .select({ ...USER_COLUMNS, passwordHash: users.passwordHash, totpSecret: users.totpSecret })
      .from(users)
      .where(sql`lower(${users.email}) = ${email.address}`);
    return row;
  }

  /** R-SEC-1: counts a failed login; the fifth in a row locks the account until `lockUntil`. */
  async recordFailedLogin(id: string, lockAfter: number, lockUntil: Date): Promise<void> {
    await this.db
      .update(users)
      .set({
        failedLoginCount: sql`case when ${users.failedLoginCount} + 1 >= ${lockAfter} then 0 else ${users.failedLoginCount} + 1 end`,
        lockedUntil: sql`case when ${users.failedLoginCount} + 1 >= ${lockAfter} then ${lockUntil.toISOString()}::timestamptz else ${users.lockedUntil} end`,
      })
      .where(eq(users.id, id));
  }

  async recordSuccessfulLogin(id: string): Promise<void> {
    await this.db.update(users).set({ failedLoginCount: 0, lockedUntil: null }).where(eq(users.id, id));
  }

  async insert(values: typeof users.$inferInsert): Promise<UserRow> {
    const [row] = await this.db.insert(users).values(values).returning(USER_COLUMNS);
    if (!row) throw new Error("insert returned no row");
    return row;
  }

  /**
   * R-SEC-1: the user's own credentials, set once, by the user (enrolUser): only an active account
   * still awaiting enrolment, so a second enrolment cannot replace them.
   */
  async enrol(id: string, passwordHash: string, totpSecret: string, at: Date): Promise<UserRow | undefined> {
    const [row] = await this.db
      .update(users)
      .set({ passwordHash, totpSecret, enrolledAt: at, failedLoginCount: 0, lockedUntil: null })
      .where(and(eq(users.id, id), isNull(users.enrolledAt), eq(users.active, true)))
      .returning(USER_COLUMNS);
    return row;
  }

  /** Deactivates only an active user, so two concurrent calls cannot both succeed. */
  async deactivate(id: string, at: Date): Promise<UserRow | undefined> {
    const [row] = await this.db
      .update(users)
      // R-USER-1: a deactivated user's contact data is blocked at once.
      .set({ active: false, deactivatedAt: at, contactBlockedAt: at })
      .where(and(eq(users.id, id), eq(users.active, true)))
      .returning(USER_COLUMNS);
    return row;
  }

  async page(viewer: Viewer, filter: UserFilter, page: PageRequest) {
    const where = and(visibleUsers(viewer), userFilter(filter));
    const after = page.after
      ? or(lt(users.createdAt, page.after.createdAt), and(eq(users.createdAt, page.after.createdAt), lt(users.id, page.after.id)))
      : undefined;
    const [rows, [total]] = await Promise.all([
      this.db.select(USER_COLUMNS).from(users).where(and(where, after)).orderBy(desc(users.createdAt), desc(users.id)).limit(page.limit + 1),
      this.db.select({ n: count() }).from(users).where(where),
    ]);
    return { rows, totalCount: total?.n ?? 0 };
  }
}

function userFilter(filter: UserFilter): SQL | undefined {
  return and(
    // A malformed id matches nothing (it must not reach PostgreSQL as a failed uuid cast).
    filter.authorityId ? (isUuid(filter.authorityId) ? eq(users.authorityId, filter.authorityId) : sql`false`) : undefined,
    filter.active === null || filter.active === undefined ? undefined : eq(users.active, filter.active),
  );
}

/**
 * Row scope of users' contact data (SPEC need-to-know matrix): the Commission all; a coordinator the
 * users of its state; a local admin those of its authority; a case handler itself and the case
 * handlers of authorities that take part in a procedure with its own; a portal none.
 */
export function visibleUsers(viewer: Viewer): SQL {
  const scopes: SQL[] = [];
  if (hasRole(viewer, "COMMISSION")) return sql`true`;
  if (hasRole(viewer, "COORDINATOR")) {
    scopes.push(
      sql`${users.authorityId} in (select ${authorities.id} from ${authorities} where ${authorities.memberState} = ${viewer.memberState})`,
    );
  }
  if (hasRole(viewer, "LOCAL_ADMIN")) scopes.push(eq(users.authorityId, viewer.authorityId));
  if (hasRole(viewer, "CASE_HANDLER")) {
    scopes.push(eq(users.id, viewer.userId));
    scopes.push(sql`('CASE_HANDLER' = any(${users.roles}) and ${users.authorityId} in (
      select theirs.authority_id from ${participants} theirs
      join ${participants} ours on ours.procedure_id = theirs.procedure_id
      join ${procedures} p on p.id = theirs.procedure_id
      where ours.authority_id = ${viewer.authorityId} and ours.forwarded_at is null
        and theirs.forwarded_at is null and p.status <> 'DRAFT'))`);
  }
  return scopes.length > 0 ? sql`(${sql.join(scopes, sql` or `)})` : sql`false`;
}
