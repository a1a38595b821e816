import type { Clock } from "../../clock.js";
import type { Database } from "../../db/database.js";
import { BadUserInputError, ForbiddenError, NotFoundError } from "../../errors.js";
import { hasRole, type Viewer } from "../../auth/viewer.js";
import { pageRequest, toConnection } from "../../graphql/pagination.js";
import { DirectoryRepository, type AuthorityFilter, type AuthorityRow, type LegalAreaRow } from "./directory.repository.js";
import type { CreateAuthorityInput, NationalRestrictionInput } from "./directory.input.js";
import { COMMISSION_STATE, isMemberState } from "./member-states.js";
import { composePrivacyNotice } from "./privacy-notice.js";

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

  /** R-COORD-1: a coordinator adds authorities of its own member state; the Commission anywhere. */
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
    const codes = [...new Set(input.legalAreaCodes)];
    const known = new Set((await this.repo.legalAreasByCodes(codes)).map((area) => area.code));
    const unknown = codes.filter((code) => !known.has(code));
    if (unknown.length > 0) throw new BadUserInputError(`Unknown legal area: ${unknown.join(", ")}.`, "legalAreaCodes");
    return this.db.transaction((tx) =>
      new DirectoryRepository(tx).insertAuthority(
        {
          name: input.name.trim(),
          memberState: input.memberState,
          contactEmail: input.contactEmail,
          contactPhone: input.contactPhone ?? null,
          postalAddress: input.postalAddress,
          website: input.website ?? null,
          dpoName: input.dpoName,
          dpoEmail: input.dpoEmail,
          createdAt: this.clock.now(),
        },
        codes,
      ),
    );
  }

  async privacyNotice(authorityId: string) {
    const authority = await this.authority(authorityId);
    return composePrivacyNotice(authority, await this.repo.nationalRestrictions(authority.memberState));
  }

  /** R-NOTICE-2: readable by anyone, without login. */
  nationalRestrictions(memberState: string) {
    if (!isMemberState(memberState)) {
      throw new BadUserInputError(`${memberState} is not a member state that uses IMI.`, "memberState");
    }
    return this.repo.nationalRestrictions(memberState);
  }

  /** R-NOTICE-2: recorded per member state by its coordinator, or by the Commission. */
  async recordNationalRestriction(viewer: Viewer, input: NationalRestrictionInput) {
    const allowed =
      hasRole(viewer, "COMMISSION") || (hasRole(viewer, "COORDINATOR") && viewer.memberState === input.memberState);
    if (!allowed) throw new ForbiddenError("Only the member state's coordinator or the Commission records national restrictions.");
    if (!isMemberState(input.memberState)) {
      throw new BadUserInputError(`${input.memberState} is not a member state that uses IMI.`, "memberState");
    }
    const wrong = input.rightsAffected.filter((right) => !RIGHTS.includes(right));
    if (wrong.length > 0 || input.rightsAffected.length === 0) {
      throw new BadUserInputError(`rightsAffected must list some of ${RIGHTS.join(", ")}.`, "rightsAffected");
    }
    return this.repo.insertNationalRestriction({
      ...input,
      rightsAffected: [...new Set(input.rightsAffected)],
      recordedByUserId: viewer.userId,
      createdAt: this.clock.now(),
    });
  }
}
