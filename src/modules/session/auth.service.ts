import { decodeJwt } from "jose";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/database.js";
import { UnauthenticatedError, type AuthFailureReason } from "../../errors.js";
import { decoyPasswordHash, verifyPassword } from "../../auth/password.js";
import { checkToken, issueToken } from "../../auth/token.js";
import { securityCodeStep, timeStepAt } from "../../auth/totp.js";
import type { Role, Viewer } from "../../auth/viewer.js";
import { withSystemRole } from "../../db/rls/request-scope.js";
import { UserRepository, type UserRow } from "../users/user.repository.js";
import { parseEmailAddress } from "../mail/mail-address.js";
import { DEFAULT_LIMITS } from "../../config.js";
import { LoginRateLimiter, type LoginRateSettings } from "./login-rate-limit.js";
import { UsedSecurityCodeRepository } from "./used-security-code.repository.js";
import type { OidcVerifier } from "../../auth/sso.js";

/** R-SEC-1: five failed attempts in a row lock an account for 15 minutes. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * 60 * 1000;

/** One message for every failure, so that nobody learns which e-mails exist. */
export const LOGIN_FAILED = "Login failed: wrong e-mail, password or security code, or the account is locked for a while.";

/**
 * R-SEC-1: a code that was right but has logged in already. Said plainly: only someone who knew the
 * password and a current code gets this far.
 */
export const CODE_ALREADY_USED = "Login failed: this security code has already been used. Each code is accepted once: wait for the next one.";

export interface AuthSettings {
  jwtSecret: Uint8Array;
  tokenTtlSeconds: number;
  /** Login rate limits; the defaults when absent. */
  limits?: LoginRateSettings;
  /** Single sign-on (issue 16): the OpenID Connect issuers whose tokens are accepted too (auth/sso.ts). */
  sso?: OidcVerifier;
}

export type ViewerResolution = { viewer: Viewer; failure: null } | { viewer: null; failure: string; reason?: AuthFailureReason };

export class AuthService {
  private readonly users: UserRepository;
  private readonly usedCodes: UsedSecurityCodeRepository;
  private readonly rateLimiter: LoginRateLimiter;

  constructor(
    db: Database,
    private readonly clock: Clock,
    private readonly settings: AuthSettings,
  ) {
    this.users = new UserRepository(db);
    this.usedCodes = new UsedSecurityCodeRepository(db);
    this.rateLimiter = new LoginRateLimiter(settings.limits ?? DEFAULT_LIMITS);
  }

  /** R-SEC-1: password (argon2id) and security code (TOTP). */
  async login(email: string, password: string, securityCode: string, clientAddress: string | null = null): Promise<{ token: string; expiresAt: Date; user: UserRow }> {
    const now = this.clock.now();
    this.rateLimiter.check(email, clientAddress, now);
    try {
      return await this.attemptLogin(email, password, securityCode, now);
    } catch (error) {
      if (error instanceof UnauthenticatedError) this.rateLimiter.recordFailure(email, clientAddress, now);
      throw error;
    }
  }

  /**
   * R-SEC-1: the credentials, the failure count and the used codes are the system use `authentication`'s
   * (db/rls/roles.ts): the API's role neither reads a password hash or TOTP secret nor resets a lock.
   */
  private attemptLogin(email: string, password: string, securityCode: string, now: Date): Promise<{ token: string; expiresAt: Date; user: UserRow }> {
    return withSystemRole("authentication", () => this.checkCredentials(email, password, securityCode, now));
  }

  private async checkCredentials(email: string, password: string, securityCode: string, now: Date): Promise<{ token: string; expiresAt: Date; user: UserRow }> {
    // Finding F1: only the canonical form of a plain address names an account; any other is unknown.
    const address = parseEmailAddress(email);
    const found = address ? await this.users.findLoginOf(address) : undefined;
    // R-SEC-1: an account awaiting enrolment has no credentials yet, and fails exactly as a wrong password.
    if (!found || !found.enrolledAt || !found.passwordHash || !found.totpSecret) {
      // Spend the same time as a real check, so timing does not tell which e-mails exist.
      await verifyPassword(await decoyPasswordHash(), password);
      throw new UnauthenticatedError(LOGIN_FAILED);
    }
    // Verified even when locked, so that a quick answer does not tell that the account exists and is locked.
    const { passwordHash, totpSecret, ...user } = found;
    const passwordOk = await verifyPassword(passwordHash, password);
    if (user.lockedUntil && user.lockedUntil > now) throw new UnauthenticatedError(LOGIN_FAILED);
    const codeStep = securityCodeStep(totpSecret, securityCode.trim(), now);
    if (!passwordOk || codeStep === null || !user.active) {
      if (user.active) await this.users.recordFailedLogin(user.id, MAX_FAILED_LOGINS, new Date(now.getTime() + LOCK_MS));
      throw new UnauthenticatedError(LOGIN_FAILED);
    }
    // R-SEC-1: each code once, across replicas. A replayed code counts as a failed attempt.
    if (!(await this.usedCodes.claim(user.id, codeStep, now))) {
      await this.users.recordFailedLogin(user.id, MAX_FAILED_LOGINS, new Date(now.getTime() + LOCK_MS));
      throw new UnauthenticatedError(CODE_ALREADY_USED);
    }
    await this.usedCodes.prune(timeStepAt(now));
    await this.users.recordSuccessfulLogin(user.id);
    const issued = await issueToken(this.settings.jwtSecret, user.id, now, this.settings.tokenTtlSeconds);
    return { ...issued, user };
  }

  /**
   * Until when a token that resolved a viewer stays acceptable, in ms since the epoch (issue 16: a
   * subscription ends then): its `exp`, and for a single sign-on token also `iat` plus its issuer's
   * maxTokenAgeSeconds (pentest F3), whichever comes first. 0 when it carries no numeric exp.
   */
  tokenValidUntil(token: string): number {
    let claims: { exp?: unknown; iat?: unknown };
    try {
      claims = decodeJwt(token);
    } catch {
      return 0;
    }
    if (typeof claims.exp !== "number") return 0;
    const until = claims.exp * 1000;
    const issuer = this.settings.sso?.issuerOf(token);
    if (!issuer) return until;
    return typeof claims.iat === "number" ? Math.min(until, (claims.iat + issuer.maxTokenAgeSeconds) * 1000) : 0;
  }

  /** R-USER-2: every request re-reads the user, so a deactivated user's old token is refused at once. */
  async resolveViewer(token: string): Promise<ViewerResolution> {
    if (this.settings.sso?.issuerOf(token)) return this.resolveSsoViewer(this.settings.sso, token);
    const checked = await checkToken(this.settings.jwtSecret, token, this.clock.now());
    // Issue 15: each refusal its own reason, so a client knows whether logging in again helps.
    if ("problem" in checked) {
      return checked.problem === "expired"
        ? { viewer: null, failure: "Your session has expired: log in again.", reason: "TOKEN_EXPIRED" }
        : { viewer: null, failure: "Your token is invalid (not issued by this API, altered or malformed): log in again.", reason: "TOKEN_INVALID" };
    }
    const found = await this.users.findViewerOf(checked.userId);
    if (!found || !found.active) return { viewer: null, failure: "Your session is no longer valid: your account is deactivated.", reason: "USER_DEACTIVATED" };
    return {
      viewer: {
        userId: found.id,
        authorityId: found.authorityId,
        memberState: found.memberState,
        roles: found.roles as Role[],
      },
      failure: null,
    };
  }

  /**
   * Issue 16: a token of a configured OpenID Connect issuer names one of our users (by e-mail); that
   * user is re-read now, as for our own tokens, and must be active and, where the issuer is a member
   * state's, of that state. Nobody is created and no right comes from the token: the roles are ours.
   */
  private async resolveSsoViewer(sso: OidcVerifier, token: string): Promise<ViewerResolution> {
    const identity = await sso.verify(token, this.clock.now());
    if ("failure" in identity) return { viewer: null, failure: identity.failure, ...(identity.reason ? { reason: identity.reason } : {}) };
    const refused: ViewerResolution = {
      viewer: null,
      failure: "Your sign-in is valid, but it names no active user of this API: ask your local administrator.",
      reason: "USER_DEACTIVATED",
    };
    // The same address rule as login's: a claim in another spelling (quoted, invisible characters) names nobody.
    const address = parseEmailAddress(identity.userName);
    const user = address ? await this.users.findByEmail(address) : undefined;
    const found = user && (await this.users.findWithMemberState(user.id));
    if (!found || !found.user.active) return refused;
    if (identity.issuer.memberStates && !identity.issuer.memberStates.includes(found.memberState)) return refused;
    return {
      viewer: { userId: found.user.id, authorityId: found.user.authorityId, memberState: found.memberState, roles: found.user.roles as Role[] },
      failure: null,
    };
  }
}
