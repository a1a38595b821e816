import type { Clock } from "../../clock.js";
import type { Language } from "../../i18n/languages.js";
import type { Database } from "../../db/database.js";
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError } from "../../errors.js";
import { isUuid } from "../../db/ids.js";
import { hasRole, type Viewer } from "../../auth/viewer.js";
import { pageRequest, toConnection } from "../../graphql/pagination.js";
import { DirectoryRepository, type AuthorityFilter, type AuthorityRow, type LegalAreaRow } from "./directory.repository.js";
import type { CreateAuthorityInput, NationalRestrictionInput } from "./directory.input.js";
import { COMMISSION_STATE, isMemberState } from "./member-states.js";
import { composePrivacyNotice } from "./privacy-notice.js";
import { requireEmailAddress } from "../mail/mail-address.js";

const RIGHTS = ["ACCESS", "RECTIFICATION", "ERASURE", "INFORMATION"];

export class DirectoryService {
  private readonly repo: DirectoryRepository;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {
    this.repo = new DirectoryRepository(db);
  }

  legalAreas(): Promise<LegalAreaRow[]> {
    return this.repo.listLegalAreas();
  }

  /** R-PURPOSE-1: the Commission opens and closes legal areas. */
  async setLegalAreaEnabled(viewer: Viewer, code: string, enabled: boolean): Promise<LegalAreaRow> {
    if (!hasRole(viewer, "COMMISSION")) throw new ForbiddenError("Only the Commission enables or disables legal areas.");
    const area = await this.repo.setLegalAreaEnabled(code, enabled);
    if (!area) throw new NotFoundError("Legal area", code);
    return area;
  }

  async authority(id: string): Promise<AuthorityRow> {
    const authority = await this.repo.findAuthority(id);
    if (!authority) throw new NotFoundError("Authority", id);
    return authority;
  }

  async authorities(filter: AuthorityFilter, first?: number | null, after?: string | null) {
    const page = pageRequest(first, after);
    const { rows, totalCount } = await this.repo.pageAuthorities(filter, page);
    return toConnection(rows, page, totalCount);
  }

  /**
   * R-COORD-1: a coordinator adds authorities of its own member state; the Commission anywhere, and
   * only the Commission designates a coordinating authority (pentest F1).
   */
  async createAuthority(viewer: Viewer, input: CreateAuthorityInput): Promise<AuthorityRow> {
    if (!hasRole(viewer, "COMMISSION", "COORDINATOR")) {
      throw new ForbiddenError("Only coordinators and the Commission create authorities.");
    }
    if (!hasRole(viewer, "COMMISSION") && input.memberState !== viewer.memberState) {
      throw new ForbiddenError(`A coordinator of ${viewer.memberState} creates authorities of ${viewer.memberState} only.`);
    }
    if (!isMemberState(input.memberState) && input.memberState !== COMMISSION_STATE) {
      throw new BadUserInputError(`${input.memberState} is not a member state that uses IMI.`, "memberState");
    }
    const coordinating = input.coordinating === true;
    // Pentest F1: the designation is the Commission's, recorded on the authority; a coordinator never makes one.
    if (coordinating && !hasRole(viewer, "COMMISSION")) {
      throw new ForbiddenError("Only the Commission designates a member state's coordinating authority.");
    }
    if (coordinating && !isMemberState(input.memberState)) {
      throw new BadUserInputError("A coordinating authority belongs to a member state, not the Commission.", "memberState");
    }
    const alertCoordinator = input.alertCoordinator === true;
    if (alertCoordinator) this.checkAlertCoordinator(input.memberState, coordinating);
    const codes = [...new Set(input.legalAreaCodes)];
    if (coordinating && codes.length > 0) {
      throw new BadUserInputError("A coordinating authority takes no part in procedures: it is registered for no legal area.", "legalAreaCodes");
    }
    const known = new Set((await this.repo.legalAreasByCodes(codes)).map((area) => area.code));
    const unknown = codes.filter((code) => !known.has(code));
    if (unknown.length > 0) throw new BadUserInputError(`Unknown legal area: ${unknown.join(", ")}.`, "legalAreaCodes");
    return this.db.transaction((tx) =>
      new DirectoryRepository(tx).insertAuthority(
        {
          name: input.name.trim(),
          memberState: input.memberState,
          // R-SEC-1: account notices go here (users' service): the same address rule and form as a user's e-mail.
          contactEmail: requireEmailAddress(input.contactEmail, "contactEmail").address,
          contactPhone: input.contactPhone ?? null,
          postalAddress: input.postalAddress,
          website: input.website ?? null,
          dpoName: input.dpoName,
          dpoEmail: input.dpoEmail,
          coordinating,
          alertCoordinator,
          createdAt: this.clock.now(),
        },
        codes,
      ),
    );
  }

  /**
   * Issue 17 item 4 (Art. 12): designates an authority as one of its state's alert coordinators, or
   * ends the designation. R-COORD-1: a coordinator for its own member state only; the Commission any.
   * Alerts already sent keep their recipients; the next alert to all member states follows the change.
   */
  async setAlertCoordinator(viewer: Viewer, authorityId: string, alertCoordinator: boolean): Promise<AuthorityRow> {
    if (!hasRole(viewer, "COMMISSION", "COORDINATOR")) {
      throw new ForbiddenError("Only coordinators and the Commission designate alert coordinators.");
    }
    const authority = await this.repo.findAuthority(authorityId);
    if (!authority) throw new NotFoundError("Authority", authorityId);
    if (!hasRole(viewer, "COMMISSION") && authority.memberState !== viewer.memberState) {
      throw new ForbiddenError(`A coordinator of ${viewer.memberState} designates alert coordinators of ${viewer.memberState} only.`);
    }
    if (alertCoordinator) this.checkAlertCoordinator(authority.memberState, authority.coordinating);
    const row = await this.repo.setAlertCoordinator(authority.id, alertCoordinator);
    if (!row) throw new NotFoundError("Authority", authorityId);
    return row;
  }

  /** An alert coordinator receives alerts: a competent authority of a member state (pentest F1, Art. 8). */
  private checkAlertCoordinator(memberState: string, coordinating: boolean): void {
    if (coordinating) {
      throw new BadUserInputError(
        "A coordinating authority takes no part in procedures and is never a recipient: designate a competent authority as alert coordinator.",
        "alertCoordinator",
      );
    }
    if (!isMemberState(memberState)) {
      throw new BadUserInputError("An alert coordinator belongs to a member state, not the Commission.", "alertCoordinator");
    }
  }

  /** In `language` (the `language` argument, else Accept-Language, else English: i18n/text-language.ts). */
  async privacyNotice(authorityId: string, language?: Language) {
    const authority = await this.authority(authorityId);
    return composePrivacyNotice(authority, await this.repo.nationalRestrictions(authority.memberState), language);
  }

  /**
   * R-NOTICE-2: the published restrictions are readable by anyone, without login. The notified but
   * not yet published ones only by the Commission, which publishes them, and by the coordinator of
   * the state that notified them.
   */
  nationalRestrictions(viewer: Viewer | null, memberState: string, includeUnpublished: boolean) {
    if (!isMemberState(memberState)) {
      throw new BadUserInputError(`${memberState} is not a member state that uses IMI.`, "memberState");
    }
    if (includeUnpublished) {
      if (!viewer) throw new UnauthenticatedError("Log in to see restrictions that are not published yet.");
      if (!this.mayNotify(viewer, memberState)) {
        throw new ForbiddenError("Only the Commission and the state's coordinator see restrictions before they are published.");
      }
    }
    return this.repo.nationalRestrictions(memberState, includeUnpublished);
  }

  /** R-NOTICE-2: the Commission publishes what a coordinator notified; from then on it is public. */
  async publishNationalRestriction(viewer: Viewer, id: string) {
    if (!hasRole(viewer, "COMMISSION")) throw new ForbiddenError("Only the Commission publishes national restrictions.");
    const restriction = isUuid(id) ? await this.repo.findNationalRestriction(id) : undefined;
    if (!restriction) throw new NotFoundError("National restriction", id);
    const published = await this.repo.publishNationalRestriction(id, viewer.userId, this.clock.now());
    if (!published) throw new ConflictError("The restriction is published already.");
    return published;
  }

  private mayNotify(viewer: Viewer, memberState: string): boolean {
    return hasRole(viewer, "COMMISSION") || (hasRole(viewer, "COORDINATOR") && viewer.memberState === memberState);
  }

  /**
   * R-NOTICE-2: notified to the Commission by the member state's coordinator (or recorded by the
   * Commission from a notification); public once the Commission publishes it.
   */
  async recordNationalRestriction(viewer: Viewer, input: NationalRestrictionInput) {
    if (!this.mayNotify(viewer, input.memberState)) {
      throw new ForbiddenError("Only the member state's coordinator or the Commission records national restrictions.");
    }
    if (!isMemberState(input.memberState)) {
      throw new BadUserInputError(`${input.memberState} is not a member state that uses IMI.`, "memberState");
    }
    const wrong = input.rightsAffected.filter((right) => !RIGHTS.includes(right));
    if (wrong.length > 0 || input.rightsAffected.length === 0) {
      throw new BadUserInputError(`rightsAffected must list some of ${RIGHTS.join(", ")}.`, "rightsAffected");
    }
    if (input.legalAreaCode && !(await this.repo.findLegalArea(input.legalAreaCode))) {
      throw new BadUserInputError(`Unknown legal area ${input.legalAreaCode}.`, "legalAreaCode");
    }
    return this.repo.insertNationalRestriction({
      ...input,
      rightsAffected: [...new Set(input.rightsAffected)],
      legalAreaCode: input.legalAreaCode ?? null,
      procedureKind: input.procedureKind ?? null,
      recordedByUserId: viewer.userId,
      createdAt: this.clock.now(),
    });
  }
}
