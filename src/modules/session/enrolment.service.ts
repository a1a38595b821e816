import type { Clock } from "../../clock.js";
import type { Database } from "../../db/database.js";
import { withSystemRole } from "../../db/rls/request-scope.js";
import { DEFAULT_LIMITS } from "../../config.js";
import { BadUserInputError, UnauthenticatedError } from "../../errors.js";
import { enrolmentCodeMatches, hashEnrolmentCode } from "../../auth/enrolment-code.js";
import { hashPassword, passwordProblem } from "../../auth/password.js";
import { newTotpSecret, totpUri } from "../../auth/totp.js";
import { UserEnrolmentRepository } from "../users/user-enrolment.repository.js";
import { UserRepository } from "../users/user.repository.js";
import { parseEmailAddress } from "../mail/mail-address.js";
import type { UserAudit } from "../users/user.service.js";
import { LoginRateLimiter, type LoginRateSettings } from "./login-rate-limit.js";

/**
 * One answer for every refusal (unknown e-mail, wrong, used or expired code, an account enrolled,
 * deactivated or never created by createUser), so that nobody learns which e-mails exist.
 */
export const ENROLMENT_FAILED =
  "Enrolment failed: wrong e-mail or enrolment code, or the code has expired or been used. Ask your local administrator to send a new code.";

/** No account has this id (ids are random v4 UUIDs). */
const NO_USER = "00000000-0000-0000-0000-000000000000";

export const ENROLMENT_RATE_LIMITED = "Too many failed enrolments: wait before trying again.";


/**
 * R-SEC-1: the user enrols by itself, with the code mailed to its own address (createUser,
 * resendEnrolment): it chooses its password and receives its TOTP secret, which nobody else ever
 * holds, least of all the account's creator. Failures are rate-limited like login's.
 */
export class EnrolmentService {
  private readonly rateLimiter: LoginRateLimiter;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    limits: LoginRateSettings = DEFAULT_LIMITS,
  ) {
    this.rateLimiter = new LoginRateLimiter(limits, ENROLMENT_RATE_LIMITED);
  }

  async enrol(email: string, enrolmentCode: string, password: string, audit: UserAudit, clientAddress: string | null = null) {
    const now = this.clock.now();
    this.rateLimiter.check(email, clientAddress, now);
    // The password rule says nothing about the account, so it is checked first and counts as no failure.
    const problem = passwordProblem(password);
    if (problem) throw new BadUserInputError(problem, "password");
    try {
      return await this.attempt(email, enrolmentCode, password, audit, now);
    } catch (error) {
      if (error instanceof UnauthenticatedError) this.rateLimiter.recordFailure(email, clientAddress, now);
      throw error;
    }
  }

  /** R-SEC-1: the pending code and the new credentials are the system use `authentication`'s (db/rls/roles.ts), as at login. */
  private attempt(email: string, code: string, password: string, audit: UserAudit, now: Date) {
    return withSystemRole("authentication", () => this.enrolWithCode(email, code, password, audit, now));
  }

  private async enrolWithCode(email: string, code: string, password: string, audit: UserAudit, now: Date) {
    const users = new UserRepository(this.db);
    // Finding F1: only the canonical form of a plain address names an account; any other is unknown.
    const address = parseEmailAddress(email);
    const user = address ? await users.findByEmail(address) : undefined;
    // An unknown e-mail is looked up as a pending one is (the nil id matches no account): the same
    // statements either way, so the answer's time does not tell which e-mails exist.
    const pending = await new UserEnrolmentRepository(this.db).find(user?.id ?? NO_USER);
    if (!user || !pending || !user.active || user.enrolledAt || pending.expiresAt <= now || !enrolmentCodeMatches(pending.codeHash, code)) {
      throw new UnauthenticatedError(ENROLMENT_FAILED);
    }
    const passwordHash = await hashPassword(password);
    const totpSecret = newTotpSecret();
    await this.db.transaction(async (tx) => {
      // Single use, decided by the DELETE: of two enrolments with one code exactly one gets here.
      if (!(await new UserEnrolmentRepository(tx).consume(user.id, hashEnrolmentCode(code), now))) throw new UnauthenticatedError(ENROLMENT_FAILED);
      const enrolled = await new UserRepository(tx).enrol(user.id, passwordHash, totpSecret, now);
      if (!enrolled) throw new UnauthenticatedError(ENROLMENT_FAILED);
      // R-SEC-2: by id and code only, the user itself as the actor (no token came with the request).
      await audit.writeNow(tx, [
        {
          action: "USER_ENROL",
          procedureId: null,
          fields: [`User.id:${enrolled.id}`, `User.authority:${enrolled.authorityId}`, ...enrolled.roles.map((role) => `User.roles:${role}`)],
          ground: "USER_ENROLMENT:SELF",
          actor: { userId: enrolled.id, authorityId: enrolled.authorityId },
        },
      ]);
    });
    return { totpSecret, totpUri: totpUri(totpSecret, address!.address) };
  }
}
