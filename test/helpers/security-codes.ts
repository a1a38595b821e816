import { securityCodeAt, TOTP_STEP_MS, timeStepAt } from "../../src/auth/totp.js";

/**
 * Security codes for logins against servers on the real clock (spawned servers, the browser, the
 * portal example). R-SEC-1 accepts each code once, so a test process that logs the same demo user
 * in twice within 30 seconds must not send the same code: this remembers the steps it used per
 * scope (a server's database) and user. Tests on the test clock use TestApi.login instead.
 */
const used = new Map<string, Set<number>>();

/** Time left in the current step below which the previous step's code is not offered (the server may already be a step on). */
const MARGIN_MS = 5_000;

/**
 * A code of `secret` that this process has not sent to `scope` for `email` yet, marked used. It
 * takes the current step, the next, or (with time to spare) the previous one, all accepted by the
 * server's window; when all are taken, it waits for the next step.
 */
export async function unusedSecurityCode(secret: string, scope: string, email: string): Promise<string> {
  const key = `${scope}\n${email.trim().toLowerCase()}`;
  let steps = used.get(key);
  if (!steps) used.set(key, (steps = new Set()));
  for (;;) {
    const now = Date.now();
    const current = timeStepAt(new Date(now));
    const left = (current + 1) * TOTP_STEP_MS - now;
    const candidates = left > MARGIN_MS ? [current, current + 1, current - 1] : [current + 1, current];
    const step = candidates.find((s) => !steps.has(s));
    if (step !== undefined) {
      steps.add(step);
      return securityCodeAt(secret, new Date(step * TOTP_STEP_MS));
    }
    await new Promise((resolve) => setTimeout(resolve, left + 50));
  }
}

/**
 * Marks as used, for `scope` and `email`, every step between two instants: for a child process
 * (the portal example playing the authority) that logged the user in somewhere in that time with
 * codes this process cannot see.
 */
export function markStepsUsedBetween(scope: string, email: string, from: Date, to: Date): void {
  const key = `${scope}\n${email.trim().toLowerCase()}`;
  let steps = used.get(key);
  if (!steps) used.set(key, (steps = new Set()));
  for (let step = timeStepAt(from); step <= timeStepAt(to); step++) steps.add(step);
}
