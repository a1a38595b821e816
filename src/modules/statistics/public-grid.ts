import { COMMISSION_STATE, MEMBER_STATES } from "../directory/member-states.js";
import type { StatisticsRow } from "./statistics.repository.js";

/**
 * Pentest F4: the public answer is a full grid, every month × legal area × receiving state (the Commission
 * included, it can receive), so a cell's presence reveals nothing: a true zero is a cell like any other and
 * reads "<5" as a small count does. Rows of the exact statement outside the grid (none today) are dropped
 * rather than shown, since their presence alone would be the disclosure.
 */
export const PUBLIC_STATES: readonly string[] = [...MEMBER_STATES, COMMISSION_STATE];

export function zeroRow(month: string, legalAreaCode: string, memberState: string): StatisticsRow {
  return { month, legalAreaCode, memberState, requestsSent: 0, acceptedWithin7Days: 0, accepted: 0, answered: 0, medianDaysToAccept: null, medianDaysToAnswer: null, closed: 0, blocked: 0, deleted: 0, alertsSent: 0 };
}

export function fullGrid(month: string, areas: readonly string[], rows: readonly StatisticsRow[]): StatisticsRow[] {
  const byKey = new Map(rows.map((r) => [`${r.legalAreaCode}|${r.memberState}`, r]));
  return areas.flatMap((area) => PUBLIC_STATES.map((state) => byKey.get(`${area}|${state}`) ?? zeroRow(month, area, state)));
}
