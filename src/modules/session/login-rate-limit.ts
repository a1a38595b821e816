import { DomainError, ErrorCode } from "../../errors.js";
import { parseEmailAddress } from "../mail/mail-address.js";

/**
 * Failed logins per key (client address, e-mail) in a sliding window, in memory (per process).
 * Only failures count, so busy offices behind one address are not throttled by successful logins;
 * a key at its limit is refused before the password is checked (no argon2 work for the attacker).
 */
export class SlidingWindowCounter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    /** Keys kept at most; the oldest are dropped beyond it, so memory stays bounded. */
    private readonly maxKeys = 100_000,
  ) {}

  /** Milliseconds until the key may try again, or 0 when it is under its limit. */
  retryAfterMs(key: string, now: number): number {
    const times = this.prune(key, now);
    if (times.length < this.limit) return 0;
    return Math.max(1, times[times.length - this.limit]! + this.windowMs - now);
  }

  record(key: string, now: number): void {
    const times = this.prune(key, now);
    times.push(now);
    this.hits.delete(key);
    this.hits.set(key, times);
    if (this.hits.size > this.maxKeys) this.hits.delete(this.hits.keys().next().value!);
  }

  private prune(key: string, now: number): number[] {
    const times = this.hits.get(key) ?? [];
    const fresh = times.filter((t) => t > now - this.windowMs && t <= now);
    if (fresh.length === 0) this.hits.delete(key);
    else if (fresh.length !== times.length) this.hits.set(key, fresh);
    return fresh;
  }
}

export interface LoginRateSettings {
  loginFailuresPerAddress: number;
  loginFailuresPerEmail: number;
  loginWindowSeconds: number;
}

export const RATE_LIMITED_MESSAGE = "Too many failed logins: wait before trying again.";

/** Per-address and per-e-mail limits on failed logins; refusal: FORBIDDEN, reason RATE_LIMITED, retryAfterSeconds. */
export class LoginRateLimiter {
  private readonly byAddress: SlidingWindowCounter;
  private readonly byEmail: SlidingWindowCounter;

  constructor(
    settings: LoginRateSettings,
    private readonly message = RATE_LIMITED_MESSAGE,
  ) {
    const windowMs = settings.loginWindowSeconds * 1000;
    this.byAddress = new SlidingWindowCounter(settings.loginFailuresPerAddress, windowMs);
    this.byEmail = new SlidingWindowCounter(settings.loginFailuresPerEmail, windowMs);
  }

  /** Throws when the address or the e-mail is at its limit. `address` null: unknown, only the e-mail counts. */
  check(email: string, address: string | null, now: Date): void {
    const t = now.getTime();
    const wait = Math.max(this.byEmail.retryAfterMs(normalize(email), t), address ? this.byAddress.retryAfterMs(address, t) : 0);
    if (wait > 0) {
      throw new DomainError(ErrorCode.FORBIDDEN, this.message, { reason: "RATE_LIMITED", retryAfterSeconds: Math.ceil(wait / 1000) });
    }
  }

  recordFailure(email: string, address: string | null, now: Date): void {
    this.byEmail.record(normalize(email), now.getTime());
    if (address) this.byAddress.record(address, now.getTime());
  }
}

/** Counted per canonical address (mail/mail-address.ts), so that another spelling of one address adds to its count. */
function normalize(email: string): string {
  return parseEmailAddress(email)?.address ?? email.trim().toLowerCase();
}
