import type { StatisticsRow } from "./statistics.repository.js";

/**
 * Issue 18: the public subset, so that no figure points at a person. Chosen rules (docs/statistics.md):
 *  - a count under 5 is shown as "<5" (zero included: "none" about a small group is a disclosure too);
 *  - every other count is rounded to the nearest multiple of 5. Rounding, not complementary suppression,
 *    is what stops differencing: the page shows per-state cells and their totals per month and area, and
 *    totals minus the visible cells then bound a hidden cell only loosely, never to its value; the same
 *    holds for the complement of a sub-count (requests sent minus those closed);
 *  - a share is shown only when its numerator and its complement are both 5 or more, to the nearest 10 %;
 *  - a median only over 5 or more values, in whole days;
 *  - totals are computed from the exact figures and rounded on their own (never the sum of rounded cells).
 */
export const SMALL = 5;
export const SUPPRESSED = "<5";

export function publicCount(n: number): string {
  return n < SMALL ? SUPPRESSED : String(Math.round(n / SMALL) * SMALL);
}

export function publicShare(part: number, whole: number): number | null {
  if (part < SMALL || whole - part < SMALL) return null;
  return Math.round((part / whole) * 10) / 10;
}

export function publicMedian(median: number | null, over: number): number | null {
  return median === null || over < SMALL ? null : Math.round(median);
}

export interface PublicCell {
  month: string;
  legalAreaCode: string;
  memberState: string | null;
  requestsSent: string;
  acceptedWithin7DaysShare: number | null;
  medianDaysToAccept: number | null;
  medianDaysToAnswer: number | null;
  closed: string;
  blocked: string;
  deleted: string;
  alertsSent: string;
}

export function publicCell(row: StatisticsRow, memberState: string | null): PublicCell {
  return {
    month: row.month,
    legalAreaCode: row.legalAreaCode,
    memberState,
    requestsSent: publicCount(row.requestsSent),
    acceptedWithin7DaysShare: publicShare(row.acceptedWithin7Days, row.requestsSent),
    medianDaysToAccept: publicMedian(row.medianDaysToAccept, row.accepted),
    medianDaysToAnswer: publicMedian(row.medianDaysToAnswer, row.answered),
    closed: publicCount(row.closed),
    blocked: publicCount(row.blocked),
    deleted: publicCount(row.deleted),
    alertsSent: publicCount(row.alertsSent),
  };
}

/** Exact totals per month and legal area over the member states (medians are not additive: left out). */
export function totalsByMonthAndArea(rows: readonly StatisticsRow[]): StatisticsRow[] {
  const totals = new Map<string, StatisticsRow>();
  for (const row of rows) {
    const key = `${row.month}|${row.legalAreaCode}`;
    const t = totals.get(key) ?? { ...row, memberState: "", requestsSent: 0, acceptedWithin7Days: 0, accepted: 0, answered: 0, closed: 0, blocked: 0, deleted: 0, alertsSent: 0, medianDaysToAccept: null, medianDaysToAnswer: null };
    t.requestsSent += row.requestsSent;
    t.acceptedWithin7Days += row.acceptedWithin7Days;
    t.closed += row.closed;
    t.blocked += row.blocked;
    t.deleted += row.deleted;
    t.alertsSent += row.alertsSent;
    totals.set(key, t);
  }
  return [...totals.values()];
}
