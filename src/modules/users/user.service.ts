import type { Clock } from "../../clock.js";
import type { Database } from "../../db/database.js";
import { isUniqueViolation } from "../../db/pg-errors.js";
import { ConflictError, ForbiddenError, NotFoundError } from "../../errors.js";
import { hashPassword } from "../../auth/password.js";
import { newTotpSecret, totpUri } from "../../auth/totp.js";
import { hasRole, type Role, type Viewer } from "../../auth/viewer.js";
import { pageRequest, toConnection } from "../../graphql/pagination.js";
import { DirectoryRepository, type AuthorityRow } from "../directory/directory.repository.js";
import type { CreateUserInput } from "./user.input.js";
import { UserRepository, type UserFilter, type UserRow } from "./user.repository.js";

/** Roles each manager may grant: nobody grants more than the Commission, local admins no coordinator. */
const GRANTABLE: Record<"COMMISSION" | "COORDINATOR" | "LOCAL_ADMIN", readonly Role[]> = {
  COMMISSION: ["COMMISSION", "COORDINATOR", "LOCAL_ADMIN", "CASE_HANDLER", "PORTAL"],
  COORDINATOR: ["COORDINATOR", "LOCAL_ADMIN", "CASE_HANDLER", "PORTAL"],
  LOCAL_ADMIN: ["LOCAL_ADMIN", "CASE_HANDLER", "PORTAL"],
};

export class UserService {
  private readonly users: UserRepository;
  private readonly directory: DirectoryRepository;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
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

  /** R-COORD-1: local admins for their authority, coordinators for their state, the Commission anywhere. */
  async create(viewer: Viewer, input: CreateUserInput) {
    const authority = await this.directory.findAuthority(input.authorityId);
    const manager = authority && this.managerRole(viewer, authority);
    if (!authority) throw new NotFoundError("Authority", input.authorityId);
    if (!manager) throw new ForbiddenError("You do not manage the users of this authority.");
    const roles = [...new Set(input.roles)] as Role[];
    const refused = roles.filter((role) => !GRANTABLE[manager].includes(role));
    if (refused.length > 0) throw new ForbiddenError(`You may not grant ${refused.join(", ")}.`);
    if (await this.users.findByEmail(input.email)) throw new ConflictError(`A user with e-mail ${input.email} already exists.`);
    const totpSecret = newTotpSecret();
    try {
      const user = await this.users.insert({
        authorityId: authority.id,
        name: input.name.trim(),
        email: input.email.trim(),
        roles,
        passwordHash: await hashPassword(input.password),
        totpSecret,
        createdAt: this.clock.now(),
      });
      return { user, totpSecret, totpUri: totpUri(totpSecret, input.email) };
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`A user with e-mail ${input.email} already exists.`);
      throw error;
    }
  }

  /** R-USER-2: the user loses all access at once; R-USER-1: their contact data is blocked. */
  async deactivate(viewer: Viewer, id: string): Promise<UserRow> {
    if (!hasRole(viewer, "COMMISSION", "COORDINATOR", "LOCAL_ADMIN")) {
      throw new ForbiddenError("Only local admins, coordinators and the Commission deactivate users.");
    }
    const target = await this.users.findById(id);
    const authority = target && (await this.directory.findAuthority(target.authorityId));
    const manager = authority && this.managerRole(viewer, authority);
    if (!target || !manager) throw new NotFoundError("User", id);
    // Nobody deactivates a user holding a role they could not grant (a local admin, say, its coordinator).
    const beyond = target.roles.filter((role) => !GRANTABLE[manager].includes(role));
    if (beyond.length > 0) throw new ForbiddenError(`You may not deactivate a user with role ${beyond.join(", ")}.`);
    if (target.id === viewer.userId) throw new ConflictError("You cannot deactivate yourself.");
    const deactivated = await this.users.deactivate(id, this.clock.now());
    if (!deactivated) throw new ConflictError("The user is already deactivated.");
    return deactivated;
  }

  /** The strongest role by which the viewer manages users of `authority`, if any. */
  private managerRole(viewer: Viewer, authority: AuthorityRow): keyof typeof GRANTABLE | null {
    if (hasRole(viewer, "COMMISSION")) return "COMMISSION";
    if (hasRole(viewer, "COORDINATOR") && authority.memberState === viewer.memberState) return "COORDINATOR";
    if (hasRole(viewer, "LOCAL_ADMIN") && authority.id === viewer.authorityId) return "LOCAL_ADMIN";
    return null;
  }
}

