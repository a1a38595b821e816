import type { Clock } from "../../clock.js";
import type { Database } from "../../db/database.js";
import { withSystemRole } from "../../db/rls/request-scope.js";
import { BadUserInputError, ConflictError, DomainError, ErrorCode, ForbiddenError, NotFoundError } from "../../errors.js";
import { SlidingWindowCounter } from "../session/login-rate-limit.js";
import { hasRole, type Viewer } from "../../auth/viewer.js";
import { pageRequest, toConnection } from "../../graphql/pagination.js";
import { DirectoryRepository } from "../directory/directory.repository.js";
import type { CreateAuthorityInput } from "../directory/directory.input.js";
import { COMMISSION_STATE, isMemberState } from "../directory/member-states.js";
import { OversightRepository, registrationPosition, type AuthorityRegistrationRow } from "./oversight.repository.js";
import { PersonalDataCategory } from "./oversight.type.js";
import { requireEmailAddress } from "../mail/mail-address.js";

const DAY = 24 * 3600 * 1000;
/** The Single Market Scoreboard's measure: a request should be accepted within a week. */
export const ACCEPT_WITHIN_DAYS = 7;
/** R-RETAIN-3: one definition everywhere (36 calendar months). */
const DELETION_MONTHS = 36;
const SANCTIONS = ["DISCIPLINARY", "ADMINISTRATIVE", "CRIMINAL", "GOOD_REPUTE"] as const;
/**
 * Self-registration is open to anyone: at most this many per client address an hour (per process, as
 * the login limits), so nobody floods a coordinator's queue; refused as a login is (RATE_LIMITED).
 */
const REGISTRATIONS_PER_ADDRESS_PER_HOUR = 5;

/**
 * Issue 18: oversight without personal data. The coordinators' view of their state (R-COORD-1, §10-§12),
 * the records of processing the supervisory authorities read (Art. 21), and authorities' self-registration
 * that the coordinator validates (Art. 6). Every answer is metadata or the public directory.
 */
export class OversightService {
  private readonly repo: OversightRepository;
  private readonly registrationsByAddress = new SlidingWindowCounter(REGISTRATIONS_PER_ADDRESS_PER_HOUR, 3600_000);

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {
    this.repo = new OversightRepository(db);
  }

  /**
   * Procedures waiting on an authority of the coordinator's state; `overdueOnly`: not accepted within 7
   * days, or a request not answered by its answer deadline (issue 18).
   */
  async waitingProcedures(viewer: Viewer, overdueOnly: boolean, first?: number | null, after?: string | null) {
    if (!hasRole(viewer, "COORDINATOR")) throw new ForbiddenError("Only coordinators see what waits on their state's authorities.");
    const now = this.clock.now();
    const sentBefore = new Date(now.getTime() - ACCEPT_WITHIN_DAYS * DAY);
    const page = pageRequest(first, after);
    const { rows, totalCount } = await this.repo.waiting(viewer.memberState, { now, sentBefore }, overdueOnly, page);
    const nodes = rows.map((row) => ({
      ...row,
      daysWaiting: Math.floor((now.getTime() - row.since.getTime()) / DAY),
      overdue: row.overdueReason !== null,
    }));
    return toConnection(nodes, page, totalCount, (row) => ({ createdAt: row.since, id: row.id }));
  }

  /** Authorities nobody can act for: the coordinator's state's, or for the Commission any state's. */
  async authoritiesWithoutActiveUser(viewer: Viewer, memberState: string | null, first?: number | null, after?: string | null) {
    const scope = this.managedScope(viewer, memberState);
    const page = pageRequest(first, after);
    const { rows, totalCount } = await this.repo.authoritiesWithoutActiveUser(scope, page);
    return toConnection(rows, page, totalCount);
  }

  /** §10-§11, user lists kept current: active accounts not used for `days` days. */
  async staleUsers(viewer: Viewer, days: number, memberState: string | null, first?: number | null, after?: string | null) {
    if (!Number.isInteger(days) || days < 1 || days > 3650) throw new BadUserInputError("`notSeenForDays` must be between 1 and 3650.", "notSeenForDays");
    const scope = this.managedScope(viewer, memberState);
    const page = pageRequest(first, after);
    const { rows, totalCount } = await this.repo.staleUsers(scope, new Date(this.clock.now().getTime() - days * DAY), page);
    return toConnection(rows, page, totalCount);
  }

  /**
   * Art. 21: records of processing per legal area. The Commission and the EDPS (a supervisor of member
   * state EU: the system is the Commission's processing) read any state's or the whole system's; a
   * coordinator or a national data-protection authority its own state's.
   */
  async recordsOfProcessing(viewer: Viewer, memberState: string | null) {
    const wholeSystem = hasRole(viewer, "COMMISSION") || (hasRole(viewer, "SUPERVISOR") && viewer.memberState === COMMISSION_STATE);
    if (!wholeSystem && !hasRole(viewer, "COORDINATOR", "SUPERVISOR")) {
      throw new ForbiddenError("Only the Commission, coordinators and supervisory authorities read the records of processing.");
    }
    const scope = wholeSystem ? memberState : (memberState ?? viewer.memberState);
    if (!wholeSystem && scope !== viewer.memberState) {
      throw new ForbiddenError(`Your records of processing are those of ${viewer.memberState}.`);
    }
    const { areas, registered, counts } = await withSystemRole("statistics", () => this.repo.processingByArea(scope));
    return areas.map((area) => ({
      legalArea: area,
      memberState: scope,
      authorityIds: registered.filter((r) => r.legalAreaCode === area.code).map((r) => r.authorityId),
      dataCategories: Object.values(PersonalDataCategory),
      sanctionCategories: [...SANCTIONS],
      blockingPeriodMonths: area.blockingPeriodMonths,
      deletionPeriodMonths: DELETION_MONTHS,
      procedureCount: counts.get(area.code) ?? 0,
    }));
  }

  /** Art. 6: anyone may ask for an authority to be registered; nothing is published until its coordinator approves. */
  async register(input: CreateAuthorityInput, clientAddress: string | null): Promise<AuthorityRegistrationRow> {
    const key = clientAddress ?? "unknown";
    const now = this.clock.now().getTime();
    const wait = this.registrationsByAddress.retryAfterMs(key, now);
    if (wait > 0) {
      throw new DomainError(ErrorCode.FORBIDDEN, "Too many registrations from your address; try again later.", {
        reason: "RATE_LIMITED",
        retryAfterSeconds: Math.ceil(wait / 1000),
      });
    }
    if (!isMemberState(input.memberState)) throw new BadUserInputError(`${input.memberState} is not a member state that uses IMI.`, "memberState");
    const codes = [...new Set(input.legalAreaCodes)];
    const known = new Set((await new DirectoryRepository(this.db).legalAreasByCodes(codes)).map((a) => a.code));
    const unknown = codes.filter((code) => !known.has(code));
    if (unknown.length > 0) throw new BadUserInputError(`Unknown legal area: ${unknown.join(", ")}.`, "legalAreaCodes");
    if (codes.length === 0) throw new BadUserInputError("Name at least one legal area.", "legalAreaCodes");
    const row = await this.repo.insertRegistration({
      name: input.name.trim(),
      memberState: input.memberState,
      // It becomes the authority's contact address, where account notices go (R-SEC-1).
      contactEmail: requireEmailAddress(input.contactEmail, "contactEmail").address,
      contactPhone: input.contactPhone ?? null,
      postalAddress: input.postalAddress,
      website: input.website ?? null,
      dpoName: input.dpoName,
      dpoEmail: input.dpoEmail,
      legalAreaCodes: codes,
      submittedAt: this.clock.now(),
    });
    this.registrationsByAddress.record(key, now);
    return row;
  }

  async registrations(viewer: Viewer, status: AuthorityRegistrationRow["status"] | null, first?: number | null, after?: string | null) {
    const scope = this.managedScope(viewer, null);
    const page = pageRequest(first, after);
    const { rows, totalCount } = await this.repo.registrations(scope, status, page);
    return toConnection(rows, page, totalCount, registrationPosition);
  }

  /** Art. 6, R-COORD-1: the coordinator of the registration's state approves (the authority enters the directory) or rejects. */
  async decide(viewer: Viewer, id: string, approve: boolean, note: string | null): Promise<AuthorityRegistrationRow> {
    if (!hasRole(viewer, "COORDINATOR")) throw new ForbiddenError("Only the coordinator of the authority's member state validates its registration.");
    const found = await this.repo.findRegistration(id);
    if (!found || found.memberState !== viewer.memberState) throw new NotFoundError("AuthorityRegistration", id);
    if (!approve && !note?.trim()) throw new BadUserInputError("Say why the registration is rejected.", "note");
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const repo = new OversightRepository(tx);
      const decided = await repo.decideRegistration(id, {
        status: approve ? "APPROVED" : "REJECTED",
        decidedAt: now,
        decidedByUserId: viewer.userId,
        decisionNote: note?.trim() || null,
      });
      if (!decided) throw new ConflictError("The registration is already decided.");
      if (!approve) return decided;
      const authority = await new DirectoryRepository(tx).insertAuthority(
        {
          name: decided.name,
          memberState: decided.memberState,
          contactEmail: decided.contactEmail,
          contactPhone: decided.contactPhone,
          postalAddress: decided.postalAddress,
          website: decided.website,
          dpoName: decided.dpoName,
          dpoEmail: decided.dpoEmail,
          createdAt: now,
        },
        decided.legalAreaCodes,
      );
      return (await repo.linkAuthority(decided.id, authority.id))!;
    });
  }

  /** R-COORD-1: a coordinator's own state; the Commission any state (or all, with null). */
  private managedScope(viewer: Viewer, memberState: string | null): string | null {
    if (hasRole(viewer, "COMMISSION")) return memberState;
    if (!hasRole(viewer, "COORDINATOR")) throw new ForbiddenError("Only coordinators and the Commission manage authorities and users.");
    if (memberState && memberState !== viewer.memberState) throw new ForbiddenError(`A coordinator of ${viewer.memberState} sees ${viewer.memberState} only.`);
    return viewer.memberState;
  }
}
