import type { Clock } from "../../clock.js";
import type { Database, Executor } from "../../db/database.js";
import { isUniqueViolation } from "../../db/pg-errors.js";
import { BadUserInputError, ConflictError, ForbiddenError, MailNotConfiguredError, NotFoundError } from "../../errors.js";
import { ENROLMENT_CODE_TTL_MS, hashEnrolmentCode, newEnrolmentCode } from "../../auth/enrolment-code.js";
import { asideFromRequest } from "../../db/rls/request-scope.js";
import type { Logger } from "../../logger.js";
import { accountNoticeMail } from "../mail/account-notice.mail.js";
import { enrolmentMail } from "../mail/enrolment.mail.js";
import { NO_TRANSPORT, type MailTransport } from "../mail/mail.transport.js";
import { parseEmailAddress, requireEmailAddress } from "../mail/mail-address.js";
import { UserEnrolmentRepository } from "./user-enrolment.repository.js";
import { hasRole, type Role, type Viewer } from "../../auth/viewer.js";
import { pageRequest, toConnection } from "../../graphql/pagination.js";
import { DirectoryRepository, type AuthorityRow } from "../directory/directory.repository.js";
import { COMMISSION_STATE } from "../directory/member-states.js";
import type { CreateUserInput } from "./user.input.js";
import { UserRepository, type UserFilter, type UserRow } from "./user.repository.js";

/** The roles by which a user manages other users. */
type Manager = "COMMISSION" | "COORDINATOR" | "LOCAL_ADMIN";
const MANAGERS: readonly Manager[] = ["COMMISSION", "COORDINATOR", "LOCAL_ADMIN"];

/** Every role but SUPERVISOR: an authority holding any of these is no supervisory authority (issue 18). */
const OTHER_THAN_SUPERVISOR: readonly Role[] = ["COMMISSION", "COORDINATOR", "LOCAL_ADMIN", "CASE_HANDLER", "PORTAL"];

/**
 * Roles a manager may deactivate: nobody deactivates a user holding a role they could not manage (a
 * local admin, say, its coordinator). The Commission may deactivate anyone: ending access reaches no
 * personal data, and the helpdesk must be able to lock out a compromised account.
 */
const DEACTIVATABLE: Record<Manager, readonly Role[]> = {
  COMMISSION: ["COMMISSION", "COORDINATOR", "LOCAL_ADMIN", "CASE_HANDLER", "PORTAL", "SUPERVISOR"],
  COORDINATOR: ["COORDINATOR", "LOCAL_ADMIN", "CASE_HANDLER", "PORTAL"],
  LOCAL_ADMIN: ["LOCAL_ADMIN", "CASE_HANDLER", "PORTAL"],
};

/** The same e-mail answer whoever holds the address, in the viewer's scope or not (need-to-know matrix). */
const EMAIL_TAKEN = "This e-mail address cannot be used for a new user.";

/**
 * What the user service needs of the audit recorder (audit/audit.recorder.ts): audit sits above users
 * in the module layers, so it is asked for by shape, not imported.
 */
export interface UserAudit {
  writeNow(
    executor: Executor,
    entries: { action: AdministrationAction; procedureId: null; fields: string[]; ground: string; actor?: { userId: string; authorityId: string } }[],
  ): Promise<void>;
}

/**
 * R-SEC-2: a user-administration event names the account, its authority and its roles (granted, or
 * held when deactivated) by id and code, never the name or e-mail, which are deleted 3 years after
 * deactivation (R-USER-1) while the audit log stays. The ground is the capacity the actor acted in.
 */
export type AdministrationAction = "USER_CREATE" | "USER_DEACTIVATE" | "USER_ENROL" | "USER_ENROLMENT_RESEND";

function administrationEvent(action: AdministrationAction, manager: Manager, user: UserRow) {
  return {
    action,
    procedureId: null,
    fields: [`User.id:${user.id}`, `User.authority:${user.authorityId}`, ...user.roles.map((role) => `User.roles:${role}`)],
    ground: `USER_ADMINISTRATION:${manager}`,
  };
}

export class UserService {
  private readonly users: UserRepository;
  private readonly directory: DirectoryRepository;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    /** R-SEC-1: where enrolment codes go; none: createUser and resendEnrolment are refused. */
    private readonly mail: MailTransport = NO_TRANSPORT,
    private readonly logger?: Logger,
  ) {
    this.users = new UserRepository(db);
    this.directory = new DirectoryRepository(db);
  }

  async viewer(viewer: Viewer): Promise<UserRow> {
    const user = await this.users.findById(viewer.userId);
    if (!user) throw new NotFoundError("User", viewer.userId);
    return user;
  }

  async list(viewer: Viewer, filter: UserFilter, first?: number | null, after?: string | null) {
    const page = pageRequest(first, after);
    const { rows, totalCount } = await this.users.page(viewer, filter, page);
    return toConnection(rows, page, totalCount);
  }

  /** Of these users, those whose contact data the viewer may see (the users list's row scope). */
  visibleByIds(viewer: Viewer, ids: readonly string[]): Promise<UserRow[]> {
    return this.users.visibleByIds(viewer, ids);
  }

  /**
   * R-COORD-1 and Art. 8: a local admin creates users of its own authority (local admins, case
   * handlers, portals); a coordinator those of the authorities of its member state (any role but
   * COMMISSION); the Commission only Commission users of the helpdesk and coordinators of a member
   * state's coordinating authority (pentest F1: designated, authorities.coordinating). The Commission takes no part in procedures that involve personal
   * data, so it never provisions an account that works them (R-SEC-1): it would reach personal data
   * outside a recorded route. R-SEC-2: the user row names its creator, and an audit event is written
   * in the same transaction.
   */
  async create(viewer: Viewer, input: CreateUserInput, audit: UserAudit) {
    const authority = await this.directory.findAuthority(input.authorityId);
    if (!authority) throw new NotFoundError("Authority", input.authorityId);
    const roles = [...new Set(input.roles)] as Role[];
    // Issue 18: a supervisor account holds that role alone (it must never also work or manage what it supervises).
    if (roles.includes("SUPERVISOR") && roles.length > 1) {
      throw new ForbiddenError("A SUPERVISOR account holds no other role: it supervises, it does not take part.");
    }
    // Pentest G2: a portal's service account acts for citizens and reaches only what it filed itself;
    // with another role beside it, the same credentials would also work or manage procedures.
    if (roles.includes("PORTAL") && roles.length > 1) {
      throw new BadUserInputError(
        "A PORTAL account holds no other role: a national portal's service account files for citizens; give the other roles to a personal account.",
        "roles",
      );
    }
    const manager = await this.grantingManager(viewer, authority, roles);
    // R-SEC-1, finding F1: one syntax and one canonical form (mail/mail-address.ts), so that no spelling
    // of an existing mailbox (quoted, escaped, invisible characters) passes for a new one.
    const email = requireEmailAddress(input.email, "email");
    if (await this.users.mailboxTaken(email)) throw new ConflictError(EMAIL_TAKEN);
    // Refused before anything is written: no account that no code could ever reach.
    if (!this.mail.configured) throw new MailNotConfiguredError();
    const { code, now, expiresAt } = this.newCode();
    let user: UserRow;
    try {
      user = await this.db.transaction(async (tx) => {
        // R-SEC-1: no password and no TOTP secret: the account awaits its user's enrolment (enrolUser).
        const created = await new UserRepository(tx).insert({
          authorityId: authority.id,
          name: input.name.trim(),
          email: email.address,
          roles,
          enrolledAt: null,
          createdAt: now,
          createdByUserId: viewer.userId,
        });
        await new UserEnrolmentRepository(tx).replace(created.id, hashEnrolmentCode(code), now, expiresAt);
        await audit.writeNow(tx, [administrationEvent("USER_CREATE", manager, created)]);
        return created;
      });
    } catch (error) {
      // Two creations of one address at once: the unique index decides, with the same answer.
      if (isUniqueViolation(error)) throw new ConflictError(EMAIL_TAKEN);
      throw error;
    }
    const enrolmentMailSent = await this.sendEnrolment(user, email.address, code, expiresAt);
    await this.sendAccountNotices(viewer, manager, authority, user);
    return { user, enrolmentExpiresAt: expiresAt, enrolmentMailSent };
  }

  /**
   * R-SEC-1: the authority of a new account, and for a coordinator's account every coordinating
   * authority of that member state, are told at their contact addresses (account-notice.mail.ts).
   * After the commit, like the code; a failure is logged and changes nothing.
   */
  private async sendAccountNotices(viewer: Viewer, manager: Manager, authority: AuthorityRow, user: UserRow): Promise<void> {
    const creator = await this.directory.findAuthority(viewer.authorityId);
    const coordinating = user.roles.includes("COORDINATOR") ? await this.directory.coordinatingAuthoritiesOf(authority.memberState) : [];
    const to = [...new Set([authority.contactEmail, ...coordinating.map((a) => a.contactEmail)])];
    const notice = {
      authorityName: authority.name,
      userName: user.name ?? "",
      userEmail: user.email ?? "",
      roles: user.roles,
      createdAt: user.createdAt,
      createdByAuthorityName: creator?.name ?? "an authority",
      createdByRole: manager,
    };
    await asideFromRequest(async () => {
      for (const address of to) {
        try {
          await this.mail.send(accountNoticeMail(address, notice));
        } catch (error) {
          const { code: errorCode } = (error ?? {}) as { code?: unknown };
          this.logger?.warn({ userId: user.id, authorityId: authority.id, transport: this.mail.kind, errorCode }, "account notice not sent");
        }
      }
    });
  }

  /**
   * R-SEC-1: a new enrolment code for an account still awaiting enrolment, replacing the earlier one
   * (lost, expired, or its mail never sent), by whoever could have created the account. Audited as
   * USER_ENROLMENT_RESEND.
   */
  async resendEnrolment(viewer: Viewer, id: string, audit: UserAudit) {
    if (!hasRole(viewer, ...MANAGERS)) throw new ForbiddenError("Only local admins, coordinators and the Commission send enrolment codes.");
    const target = await this.users.findById(id);
    const authority = target && (await this.directory.findAuthority(target.authorityId));
    if (!target || !authority || this.managersOf(viewer, authority).length === 0) throw new NotFoundError("User", id);
    const manager = await this.grantingManager(viewer, authority, target.roles as Role[]);
    if (!target.active) throw new ConflictError("The user is deactivated: an enrolment code is no use to it.");
    if (target.enrolledAt) throw new ConflictError("The user has enrolled already: it logs in with its own password and security code.");
    if (!target.email) throw new ConflictError("The user has no e-mail address to send the code to.");
    // Finding F1: an account stored before the address rule may have a quoted or otherwise unplain
    // address, or share a mailbox with another account (its creator's, say): no code goes there.
    const parsed = parseEmailAddress(target.email);
    if (!parsed || (await this.users.mailboxTaken(parsed, target.id))) {
      throw new ConflictError(
        "The user's e-mail address is not a plain address of a mailbox of its own, as accounts now need: deactivate it and create the user again with its own plain address.",
      );
    }
    if (!this.mail.configured) throw new MailNotConfiguredError();
    const email = parsed.address;
    const { code, now, expiresAt } = this.newCode();
    await this.db.transaction(async (tx) => {
      await new UserEnrolmentRepository(tx).replace(target.id, hashEnrolmentCode(code), now, expiresAt);
      await audit.writeNow(tx, [administrationEvent("USER_ENROLMENT_RESEND", manager, target)]);
    });
    return { user: target, enrolmentExpiresAt: expiresAt, enrolmentMailSent: await this.sendEnrolment(target, email, code, expiresAt) };
  }

  /** A fresh enrolment code, issued now, accepted for ENROLMENT_CODE_TTL_MS. */
  private newCode(): { code: string; now: Date; expiresAt: Date } {
    const now = this.clock.now();
    return { code: newEnrolmentCode(), now, expiresAt: new Date(now.getTime() + ENROLMENT_CODE_TTL_MS) };
  }

  /**
   * Sends the code only once the account and its code's hash have committed: inside a request, the
   * request's transaction is committed first (asideFromRequest), so a mail never names an account that
   * was rolled back; if that commit fails, nothing is sent. A mail that fails after the commit leaves
   * an account awaiting enrolment, which resendEnrolment recovers: false, and the operator's log says
   * why (by user id, never the address).
   */
  private async sendEnrolment(user: UserRow, email: string, code: string, expiresAt: Date): Promise<boolean> {
    let failure: unknown;
    await asideFromRequest(async () => {
      try {
        await this.mail.send(enrolmentMail(email, code, expiresAt));
      } catch (error) {
        failure = error;
      }
    });
    if (failure === undefined) return true;
    // The transport's codes only: an SMTP answer's text may quote the address.
    const { code: errorCode, responseCode } = (failure ?? {}) as { code?: unknown; responseCode?: unknown };
    this.logger?.warn({ userId: user.id, transport: this.mail.kind, errorCode, responseCode }, "enrolment mail not sent: resendEnrolment sends a new code");
    return false;
  }

  /** R-USER-2: the user loses all access at once; R-USER-1: their contact data is blocked; R-SEC-2: audited. */
  async deactivate(viewer: Viewer, id: string, audit: UserAudit): Promise<UserRow> {
    if (!hasRole(viewer, ...MANAGERS)) {
      throw new ForbiddenError("Only local admins, coordinators and the Commission deactivate users.");
    }
    const target = await this.users.findById(id);
    const authority = target && (await this.directory.findAuthority(target.authorityId));
    const managers = authority ? this.managersOf(viewer, authority) : [];
    if (!target || managers.length === 0) throw new NotFoundError("User", id);
    const manager = managers.find((m) => target.roles.every((role) => DEACTIVATABLE[m].includes(role)));
    if (!manager) {
      const beyond = target.roles.filter((role) => !managers.some((m) => DEACTIVATABLE[m].includes(role)));
      throw new ForbiddenError(`You may not deactivate a user with role ${beyond.join(", ")}.`);
    }
    if (target.id === viewer.userId) throw new ConflictError("You cannot deactivate yourself.");
    return this.db.transaction(async (tx) => {
      const deactivated = await new UserRepository(tx).deactivate(id, this.clock.now());
      if (!deactivated) throw new ConflictError("The user is already deactivated.");
      // A pending enrolment code dies with the account's access (R-USER-2).
      await new UserEnrolmentRepository(tx).remove(id);
      await audit.writeNow(tx, [administrationEvent("USER_DEACTIVATE", manager, deactivated)]);
      return deactivated;
    });
  }

  /**
   * The capacity in which the viewer may grant all of `roles` in `authority`, or FORBIDDEN saying why.
   * A viewer holding several manager roles acts in the first one that allows the whole grant.
   */
  private async grantingManager(viewer: Viewer, authority: AuthorityRow, roles: readonly Role[]): Promise<Manager> {
    const managers = this.managersOf(viewer, authority);
    if (managers.length === 0) throw new ForbiddenError("You do not manage the users of this authority.");
    let refusal = "";
    for (const manager of managers) {
      const grantable = await this.grantable(manager, authority);
      const refused = roles.filter((role) => !grantable.roles.includes(role));
      if (refused.length === 0) return manager;
      refusal ||= `You may not grant ${refused.join(", ")} in this authority: ${grantable.why}`;
    }
    throw new ForbiddenError(refusal);
  }

  /**
   * R-COORD-1, Art. 8, R-SEC-1: what a manager may grant in `authority`, and the rule that says so.
   * Pentest F1: COORDINATOR accounts live only in an authority the Commission designated as its member
   * state's coordinating authority (authorities.coordinating), and such an authority holds nothing
   * else, so nobody in it works procedures. Whether an authority is one is read from the recorded
   * designation, never guessed from the accounts it happens to hold: an ordinary competent authority
   * without accounts once passed for a coordinator authority, and the Commission, holding the new
   * coordinator's password and TOTP secret, reached procedures through the case handler it created.
   */
  private async grantable(manager: Manager, authority: AuthorityRow): Promise<{ roles: readonly Role[]; why: string }> {
    if (authority.coordinating) {
      const why = "this is its member state's coordinating authority: it holds COORDINATOR accounts only, and takes no part in procedures.";
      return { roles: manager === "LOCAL_ADMIN" ? [] : ["COORDINATOR"], why };
    }
    // Issue 18, Art. 21: a supervisory authority (a national DPA, or the EDPS for member state EU) holds
    // supervisor accounts only, and only the helpdesk creates them: the coordinators and authorities
    // it supervises (§10 "tilsyn med IMI-koordinatorers og Kommissionens anvendelse") neither provision
    // nor end their supervisor's access, and no supervisor account ever works procedures.
    const supervisory = await this.users.anyInAuthorityWithRole(authority.id, ["SUPERVISOR"]);
    if (supervisory) {
      const why = "this is a supervisory authority: it holds only SUPERVISOR accounts, which the Commission's helpdesk creates.";
      return { roles: manager === "COMMISSION" ? ["SUPERVISOR"] : [], why };
    }
    if (manager === "COMMISSION" && !(await this.users.anyInAuthorityWithRole(authority.id, OTHER_THAN_SUPERVISOR))) {
      // An authority without accounts may become a supervisory authority (or the helpdesk's).
      const base = this.grantableInCompetentAuthority(manager, authority);
      return { roles: [...base.roles, "SUPERVISOR"], why: base.why };
    }
    return this.grantableInCompetentAuthority(manager, authority);
  }

  /** In an authority that is neither coordinating nor supervisory: never COORDINATOR (pentest F1). */
  private grantableInCompetentAuthority(manager: Manager, authority: AuthorityRow): { roles: readonly Role[]; why: string } {
    const noCoordinator = " A COORDINATOR account lives only in its member state's coordinating authority, which the Commission designates.";
    switch (manager) {
      case "LOCAL_ADMIN":
        return {
          roles: ["LOCAL_ADMIN", "CASE_HANDLER", "PORTAL"],
          why: "a local admin creates local admins, case handlers and portals of its own authority." + noCoordinator,
        };
      case "COORDINATOR":
        return {
          roles: ["LOCAL_ADMIN", "CASE_HANDLER", "PORTAL"],
          why: "a coordinator creates local admins, case handlers and portals of its member state's authorities, never Commission users." + noCoordinator,
        };
      case "COMMISSION":
        return {
          roles: authority.memberState === COMMISSION_STATE ? ["COMMISSION"] : [],
          why:
            "the Commission creates only Commission users of the helpdesk and coordinators of a member state's coordinating " +
            "authority; it takes no part in procedures that involve personal data (Art. 8), so the authority's coordinator " +
            "or local admin creates its local admins, case handlers and portals." +
            noCoordinator,
        };
    }
  }

  /** The roles by which the viewer manages users of `authority`, strongest first. */
  private managersOf(viewer: Viewer, authority: AuthorityRow): Manager[] {
    const managers: Manager[] = [];
    if (hasRole(viewer, "COMMISSION")) managers.push("COMMISSION");
    if (hasRole(viewer, "COORDINATOR") && authority.memberState === viewer.memberState) managers.push("COORDINATOR");
    if (hasRole(viewer, "LOCAL_ADMIN") && authority.id === viewer.authorityId) managers.push("LOCAL_ADMIN");
    return managers;
  }
}
